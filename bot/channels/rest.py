"""Rasa's REST channel (``POST /webhooks/rest/webhook``, the README's contract), with every turn answered
(``bot.channels.turns``): a failed custom action or a raised turn returns a message saying so instead of
an empty list.

A request body that is not the contract's shape is refused with a 400 naming what is wrong. Rasa's own
channel answers an empty or non-object body with a 500, a missing or non-text message with ``[]`` or a
failed turn, and a missing sender by putting the message into one conversation shared by every such
client (``default``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.exceptions import InvalidUsage
from sanic.request import Request

from bot.channels.turns import answered_turn

CONTRACT = 'send a JSON object such as {"sender": "learner-1", "message": "hi"}'
MAX_SENDER_CHARS = 200


def _body(request: Request) -> dict[str, Any]:
    try:
        body = request.json
    except Exception as exc:  # Sanic raises its own InvalidUsage for JSON it cannot parse
        raise InvalidUsage(f"The body is not JSON: {CONTRACT}.") from exc
    if not isinstance(body, dict):
        raise InvalidUsage(f"The body must be a JSON object: {CONTRACT}.")
    return body


class AnsweredRestInput(RestInput):
    """Same name (``rest``), path and payloads as Rasa's; silence and failures are put into words and
    malformed requests refused."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(answered_turn(on_new_message))

    async def _extract_sender(self, req: Request) -> str:
        sender = _body(req).get("sender")
        if isinstance(sender, (int, float)) and not isinstance(sender, bool):
            sender = str(sender)
        if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
            raise InvalidUsage(f'"sender" must be a non-empty text of at most {MAX_SENDER_CHARS} characters '
                               f"that names the conversation: {CONTRACT}.")
        return sender

    def _extract_message(self, req: Request) -> str:
        message = _body(req).get("message")
        if not isinstance(message, str):
            raise InvalidUsage(f'"message" must be text: {CONTRACT}.')
        return message

    def _extract_input_channel(self, req: Request) -> str:
        """Always ``rest``: Rasa takes the body's ``input_channel``, so a REST client could pass as Slack and
        have an employer's policy applied (it is chosen by the Slack workspace in the metadata)."""
        return self.name()

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        metadata = _body(request).get("metadata")
        if metadata is not None and not isinstance(metadata, dict):
            raise InvalidUsage('"metadata" must be a JSON object when given.')
        return metadata
