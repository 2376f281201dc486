"""A learner's widget as a real socket.io client (python-socketio over long-polling), for the e2e tests.

Long-polling because python-engineio 4.15's websocket client needs a newer aiohttp than rasa 3.6 allows;
the server side (what browsers use) speaks both.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field

import socketio


@dataclass
class WidgetClient:
    url: str
    session_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    headers: dict[str, str] = field(default_factory=dict)
    received: list[dict] = field(default_factory=list)
    confirmed: asyncio.Event = field(default_factory=asyncio.Event)

    async def connect(self) -> None:
        self.sio = socketio.AsyncClient(reconnection=False)

        @self.sio.on("bot_uttered")
        async def on_bot(data: dict) -> None:
            self.received.append(data)

        @self.sio.on("session_confirm")
        async def on_confirm(data: object) -> None:
            self.confirmed.set()

        await self.sio.connect(self.url, transports=["polling"], socketio_path="/socket.io", headers=self.headers,
                               wait_timeout=20)
        await self.sio.emit("session_request", {"session_id": self.session_id})
        await asyncio.wait_for(self.confirmed.wait(), 20)

    async def say(self, text: str, quiet: float = 2.5, timeout: float = 60.0, **custom_data: object) -> list[dict]:
        """Send a message and collect the replies until none has come for ``quiet`` seconds."""
        start = len(self.received)
        await self.sio.emit("user_uttered", {"message": text, "session_id": self.session_id,
                                             "customData": custom_data})
        deadline = time.monotonic() + timeout
        last_count, last_change = start, time.monotonic()
        while time.monotonic() < deadline:
            await asyncio.sleep(0.2)
            if len(self.received) != last_count:
                last_count, last_change = len(self.received), time.monotonic()
            elif last_count > start and time.monotonic() - last_change >= quiet:
                break
        return self.received[start:]

    async def close(self) -> None:
        await self.sio.disconnect()
