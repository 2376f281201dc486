"""A local stand-in for Slack: signs requests as Slack does, and plays Slack's Web API for the bot's replies.

The Web API part is an aiohttp server on loopback that records every ``chat.postMessage`` and answers
``{"ok": true}``; the bot's Slack client is pointed at it with ``base_url``.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from aiohttp import web

from tests.e2e.servers import free_port


def signature(secret: str, timestamp: int, body: bytes) -> str:
    base = f"v0:{timestamp}:".encode() + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class SlackWebApi:
    """Records ``chat.postMessage`` calls on 127.0.0.1 in a thread of its own."""

    port: int = field(default_factory=free_port)
    posts: list[dict] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def start(self) -> None:
        ready = threading.Event()

        async def post_message(request: web.Request) -> web.Response:
            if request.content_type == "application/json":
                body = await request.json()
            else:
                body = dict(await request.post())
            body["_auth"] = request.headers.get("Authorization", "")
            self.posts.append(body)
            return web.json_response({"ok": True, "channel": body.get("channel"), "ts": f"{time.time():.6f}"})

        async def other(request: web.Request) -> web.Response:
            return web.json_response({"ok": True})

        def run() -> None:
            self.loop = asyncio.new_event_loop()
            app = web.Application()
            app.router.add_post("/api/chat.postMessage", post_message)
            app.router.add_post("/api/{method}", other)
            self.runner = web.AppRunner(app)
            self.loop.run_until_complete(self.runner.setup())
            self.loop.run_until_complete(web.TCPSite(self.runner, "127.0.0.1", self.port).start())
            ready.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        ready.wait(10)

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)

    def wait_for(self, count: int, timeout: float = 60.0, quiet: float = 2.0) -> list[dict]:
        """Posts once at least ``count`` arrived and none came for ``quiet`` seconds (to see extras too)."""
        deadline = time.monotonic() + timeout
        seen, since = len(self.posts), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.2)
            if len(self.posts) != seen:
                seen, since = len(self.posts), time.monotonic()
            elif seen >= count and time.monotonic() - since >= quiet:
                break
        return list(self.posts)


@dataclass
class SlackSender:
    """Posts events and interactions to the bot's Slack endpoint, signed like Slack signs them."""

    webhook: str
    secret: str

    def post(self, body: bytes, content_type: str, secret: str | None = None, age: int = 0,
             headers: dict[str, str] | None = None, sign: bool = True) -> tuple[int, str, float]:
        ts = int(time.time()) - age
        h = {"Content-Type": content_type, **(headers or {})}
        if sign:
            h |= {"X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": signature(secret or self.secret, ts, body)}
        req = urllib.request.Request(self.webhook, data=body, headers=h, method="POST")
        start = time.monotonic()
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, resp.read().decode(), time.monotonic() - start
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(), time.monotonic() - start

    def event(self, event: dict, event_id: str, team: str = "T0ACME001", **kw: object) -> tuple[int, str, float]:
        body = {"token": "x", "team_id": team, "api_app_id": "A1", "type": "event_callback", "event_id": event_id,
                "event_time": int(time.time()), "authorizations": [{"user_id": "UBOT"}], "event": event}
        return self.post(json.dumps(body).encode(), "application/json", **kw)

    def click(self, value: str, user: str, channel: str, message_ts: str, team: str = "T0ACME001"
              ) -> tuple[int, str, float]:
        payload = {"type": "block_actions", "team": {"id": team}, "user": {"id": user},
                   "channel": {"id": channel, "name": "directmessage"},
                   "message": {"ts": message_ts, "type": "message"},
                   "actions": [{"type": "button", "action_id": "reply_0", "value": value,
                                "text": {"type": "plain_text", "text": value}}]}
        body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(body, "application/x-www-form-urlencoded")
