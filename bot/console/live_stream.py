"""One case page's Server-Sent Events stream: its learner's messages as Rasa publishes them.

The lines have the shape of the polled transcript (``catalog.triage.transcript``), so the page can tell a
message it already shows from a new one. ``event: status`` says whether the broker connection is up (the
page then shows "live" or "live updates paused"); a comment line every ``KEEPALIVE_SECONDS`` keeps proxies
from closing an idle stream and lets a closed tab be noticed. A stream ends after ``MAX_STREAM_SECONDS``:
the browser reconnects by itself, through the login check again, so a signed-out or expired session does
not keep receiving a learner's messages.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

from aiohttp import web

from bot.console.live import LiveEvents
from catalog.triage.transcript import transcript_of_events

logger = logging.getLogger(__name__)
KEEPALIVE_SECONDS = 15.0
MAX_STREAM_SECONDS = 15 * 60.0
RETRY_MS = 3000  # how soon the browser reconnects after the stream ends
MESSAGE_EVENTS = ("user", "bot")


def _sse(data: Any, event: str | None = None) -> bytes:
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def message_lines(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The transcript lines of one tracker event: user and bot messages only (slots, actions: none)."""
    return transcript_of_events([event]) if event.get("event") in MESSAGE_EVENTS else []


async def live_stream(request: web.Request, live: LiveEvents, sender_id: str) -> web.StreamResponse:
    response = web.StreamResponse(headers={
        "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-store",
        "X-Accel-Buffering": "no", "X-Content-Type-Options": "nosniff"})
    await response.prepare(request)
    ends = time.monotonic() + MAX_STREAM_SECONDS
    try:
        await response.write(f"retry: {RETRY_MS}\n\n".encode())
        with live.subscribe(sender_id) as subscription:
            while (left := ends - time.monotonic()) > 0:
                try:
                    item = await asyncio.wait_for(subscription.get(), min(KEEPALIVE_SECONDS, left))
                except asyncio.TimeoutError:
                    await response.write(b": keep-alive\n\n")
                    continue
                if item.connected is not None:
                    await response.write(_sse({"live": item.connected}, "status"))
                elif item.event is not None:
                    for line in message_lines(item.event):
                        await response.write(_sse(line))
                else:
                    break  # the console is stopping
    except ConnectionResetError:
        logger.debug("live: the case page for %r went away", sender_id)
    return response
