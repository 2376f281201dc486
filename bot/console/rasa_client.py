"""The console's calls to Rasa's HTTP API: a conversation's transcript, a counsellor's reply, hand-back."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import quote

import aiohttp

# Resume, then "listen": a paused turn ends without action_listen, and without one the rules that answer the
# learner's next message would not match it (Rasa would fall back instead).
HANDBACK_EVENTS = [{"event": "resume"}, {"event": "action", "name": "action_listen"}]


class RasaUnavailable(RuntimeError):
    """Rasa did not answer or refused; the message says which, for the counsellor."""


class RasaClient:
    def __init__(self, url: str, token: str, timeout: float = 10.0) -> None:
        self.url, self.token = url.rstrip("/"), token
        self.timeout = aiohttp.ClientTimeout(total=timeout)

    async def _call(self, method: str, path: str, body: Any = None, **params: str) -> Any:
        query = {"token": self.token, **params}
        try:
            async with aiohttp.ClientSession(timeout=self.timeout) as session:
                async with session.request(method, self.url + path, json=body, params=query) as resp:
                    if resp.status >= 400:
                        raise RasaUnavailable(f"Rasa answered {resp.status}: {(await resp.text())[:300]}")
                    try:
                        return await resp.json(content_type=None)
                    except ValueError as exc:
                        raise RasaUnavailable(f"Rasa answered {resp.status} with no JSON") from exc
        except (aiohttp.ClientError, asyncio.TimeoutError, TimeoutError) as exc:
            raise RasaUnavailable(f"Rasa at {self.url} did not answer ({exc.__class__.__name__})") from exc

    async def tracker(self, sender_id: str) -> dict[str, Any]:
        return await self._call("GET", f"/conversations/{quote(sender_id, safe='')}/tracker")

    async def send_reply(self, sender_id: str, text: str, counsellor: str) -> None:
        """Delivered through the learner's latest channel (widget, Slack; REST keeps it in the tracker)."""
        await self._call("POST", f"/conversations/{quote(sender_id, safe='')}/tracker/events",
                         [{"event": "bot", "text": text, "metadata": {"counsellor": counsellor}}],
                         output_channel="latest", execute_side_effects="true")

    async def run_response(self, sender_id: str, response: str) -> None:
        """A domain response sent through the learner's latest channel; Rasa runs it even while paused."""
        await self._call("POST", f"/conversations/{quote(sender_id, safe='')}/execute", {"name": response},
                         output_channel="latest")

    async def resume(self, sender_id: str) -> None:
        await self._call("POST", f"/conversations/{quote(sender_id, safe='')}/tracker/events", HANDBACK_EVENTS)
