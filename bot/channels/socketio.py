"""Rasa's socketio channel, made to deliver with the pinned python-socketio 5.x, rendering per widget.

Two faults of ``rasa.core.channels.socketio`` with python-socketio >= 5.10 (pinned in pyproject.toml):
``AsyncServer.enter_room`` became a coroutine that Rasa never awaits, so with ``session_persistence`` no
bot message reaches the session's room; and ``send_custom_json`` calls ``sio.emit(evt, **json_message)``,
which raises on any payload key. This channel awaits ``enter_room`` (and still works where it is a plain
function), sends every message through ``socketio_renderer``, restricts the allowed origins to the
widget's (env ``WIDGET_ORIGINS``), and tells the learner when a turn fails instead of going silent.

CORS of the socket is python-engineio's alone. ``rasa run --cors ...`` (as ``make run`` and ``make run-prod``
start it, for the HTTP API) makes Sanic-CORS add its own ``Access-Control-Allow-Origin`` to every response,
so a socket.io response carried the header twice and browsers refused it: the widget never connected. The
channel marks its socket.io requests as evaluated for Sanic-CORS (its documented per-request flag), so
engineio's headers, checked against ``WIDGET_ORIGINS``, are the only ones.

Register it in credentials.yml as ``bot.channels.socketio.SocketIOChannel``; its name stays ``socketio``,
so per-channel responses and ``output_channel=latest`` keep working.
"""

from __future__ import annotations

import inspect
import json
import logging
import os
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, Sanic
from sanic.request import Request
from sanic_cors.core import SANIC_CORS_EVALUATED

from bot.channels import socketio_renderer
from bot.channels.turns import answered_turn

logger = logging.getLogger(__name__)
DEFAULT_WIDGET_ORIGINS = "http://localhost:8080,http://127.0.0.1:8080"


def widget_origins() -> list[str]:
    """Origins allowed to open a socket: env ``WIDGET_ORIGINS`` (comma-separated), never ``*`` by default."""
    raw = os.environ.get("WIDGET_ORIGINS", DEFAULT_WIDGET_ORIGINS)
    origins = [o.strip().rstrip("/") for o in raw.split(",") if o.strip()]
    if not origins or "*" in origins:
        # engineio reads an empty list as "no origin check at all"
        raise ValueError(f"WIDGET_ORIGINS must list the widget's origins (scheme://host:port), got {raw!r}")
    return origins


class RenderedSocketIOOutput(SocketIOOutput):
    """Every bot message goes through the widget renderer; nothing is emitted with ``**payload``."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        for part in socketio_renderer.render(message):
            await self._send_message(recipient_id, part)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        for part in socketio_renderer.render({"custom": json_message}):
            await self._send_message(recipient_id, part)


class SocketIOChannel(SocketIOInput):
    def get_output_channel(self) -> RenderedSocketIOOutput | None:
        if self.sio is None:
            return super().get_output_channel()  # warns, returns None
        return RenderedSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint: SocketBlueprint = super().blueprint(on_new_message)
        sio = blueprint.ctx.sio
        sio.eio.cors_allowed_origins = widget_origins()
        socket_path = "/" + self.socketio_path.strip("/")

        async def engineio_does_the_cors(request: Request) -> None:
            if request.path.startswith(socket_path):
                setattr(request.ctx, SANIC_CORS_EVALUATED, True)

        # Added when the server starts, as Sanic-CORS adds its own middleware.
        @blueprint.listener("before_server_start")
        async def mark_socket_requests(app: Sanic, _loop: Any) -> None:
            app.register_middleware(engineio_does_the_cors, "request")

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: dict | None) -> None:
            data = data if isinstance(data, dict) else {}
            if not data.get("session_id"):
                data["session_id"] = uuid.uuid4().hex
            if self.session_persistence:
                entered = sio.enter_room(sid, data["session_id"], namespace=self.namespace)
                if inspect.isawaitable(entered):
                    await entered
            await sio.emit("session_confirm", data["session_id"], room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: dict | None) -> None:
            data = data if isinstance(data, dict) else {}
            output = RenderedSocketIOOutput(sio, self.bot_message_evt)
            if self.session_persistence:
                if not data.get("session_id"):
                    logger.warning("socketio message without session_id ignored (send session_request first)")
                    return
                sender_id = str(data["session_id"])
            else:
                sender_id = sid
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            text = data.get("message")
            message = UserMessage(text if isinstance(text, str) else "", output, sender_id,
                                  input_channel=self.name(), metadata=metadata if isinstance(metadata, dict) else {})
            # The learner must hear that a turn failed or went unanswered, not wait for a reply forever.
            await answered_turn(on_new_message)(message)

        return blueprint
