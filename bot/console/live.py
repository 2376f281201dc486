"""Live tracker events from Rasa's RabbitMQ event broker, handed to the case pages that show that learner.

In production (endpoints.production.yml) Rasa's ``pika`` broker publishes every tracker event to a fanout
exchange and a durable queue bound to it; the console consumes that queue so an open case page shows a
learner's message the moment Rasa has it, instead of at the next poll (the poll stays: it is the record,
and the page falls back on it whenever the broker is away). Without ``RABBITMQ_HOST`` there is no consumer
at all, so ``make run`` (SQLite, no broker) is unchanged.

The console declares the exchange and the queue exactly as Rasa does (fanout, not durable; queue durable,
bound with an empty routing key), so either may start first and neither refuses the other's declaration.
Every message is acknowledged once handed on, a malformed one too (logged): nothing is redelivered for
ever, and the queue never grows unread while the console runs. Subscribers live in this process only.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import aio_pika
from aio_pika.abc import AbstractIncomingMessage, AbstractRobustConnection
from yarl import URL

logger = logging.getLogger(__name__)

# A case page that stops reading (a stalled tab) must not hold the console's memory: beyond this many
# unread items the oldest are dropped; the page's poll still brings the transcript up to date.
SUBSCRIBER_BACKLOG = 200
PREFETCH = 50


@dataclass(frozen=True)
class LiveItem:
    """One thing for a case page: a tracker event of its learner (``event``), or the broker's state
    (``connected``), or the end of the stream (neither: the console is stopping)."""

    event: dict[str, Any] | None = None
    connected: bool | None = None


class Subscription:
    """What one open case page receives, in order."""

    def __init__(self, sender_id: str) -> None:
        self.sender_id = sender_id
        self._items: asyncio.Queue[LiveItem] = asyncio.Queue(SUBSCRIBER_BACKLOG)

    def put(self, item: LiveItem) -> None:
        if self._items.full():
            self._items.get_nowait()
            logger.warning("live: a case page for %r is not reading; dropped its oldest item", self.sender_id)
        self._items.put_nowait(item)

    async def get(self) -> LiveItem:
        return await self._items.get()


class LiveEvents:
    """Consumes the broker's queue (reconnecting by itself) and fans each event out by ``sender_id``."""

    def __init__(self, host: str, queue: str, exchange: str, port: int = 5672, user: str = "guest",
                 password: str = "guest", reconnect_seconds: float = 5.0) -> None:
        self.host, self.port, self.user, self.password = host, port, user, password
        self.queue_name, self.exchange_name = queue, exchange
        self.reconnect_seconds = reconnect_seconds
        self._subscribers: dict[str, set[Subscription]] = defaultdict(set)
        self._connection: AbstractRobustConnection | None = None
        self._task: asyncio.Task | None = None
        self._connected = False
        self.delivered = self.malformed = 0  # counted for tests and logs

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> LiveEvents | None:
        """None (live updates off) when ``RABBITMQ_HOST`` is unset or empty."""
        host = env.get("RABBITMQ_HOST", "").strip()
        if not host:
            return None
        missing = [name for name in ("RABBITMQ_QUEUE", "RABBITMQ_EXCHANGE") if not env.get(name, "").strip()]
        if missing:
            raise ValueError(f"RABBITMQ_HOST is set, so {' and '.join(missing)} must be too "
                             f"(the queue and exchange of endpoints.production.yml)")
        return cls(host, env["RABBITMQ_QUEUE"].strip(), env["RABBITMQ_EXCHANGE"].strip(),
                   port=int(env.get("RABBITMQ_PORT") or 5672), user=env.get("RABBITMQ_USER") or "guest",
                   password=env.get("RABBITMQ_PASSWORD") or "guest")

    @property
    def connected(self) -> bool:
        return self._connected

    @property
    def address(self) -> str:
        """Where the broker is, for logs: a URL's user and password left out."""
        if self.host.startswith("amqp"):
            url = URL(self.host)
            return str(url.with_user(None)) if url.user or url.password else str(url)
        return f"{self.host}:{self.port}"

    # -- subscribers ---------------------------------------------------------------------------------

    @contextlib.contextmanager
    def subscribe(self, sender_id: str) -> Iterator[Subscription]:
        """Items for ``sender_id`` while the ``with`` block lasts; the first one is the broker's state."""
        sub = Subscription(sender_id)
        sub.put(LiveItem(connected=self._connected))
        self._subscribers[sender_id].add(sub)
        try:
            yield sub
        finally:
            subs = self._subscribers.get(sender_id)
            if subs is not None:
                subs.discard(sub)
                if not subs:
                    del self._subscribers[sender_id]

    def _set_connected(self, connected: bool) -> None:
        if connected == self._connected:
            return
        self._connected = connected
        (logger.info if connected else logger.warning)(
            "live: RabbitMQ at %s %s", self.address, "connected" if connected else "connection lost")
        for subs in self._subscribers.values():
            for sub in subs:
                sub.put(LiveItem(connected=connected))

    def end_streams(self) -> None:
        """Tells every open stream to finish: the console is shutting down and must not wait for them."""
        for subs in self._subscribers.values():
            for sub in subs:
                sub.put(LiveItem())

    # -- the consumer --------------------------------------------------------------------------------

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        try:
            self.hand_on(message.body)
        except Exception:  # the consumer must outlive any one message
            self.malformed += 1
            logger.exception("live: could not hand on a message")
        finally:
            await message.ack()

    def hand_on(self, body: bytes) -> None:
        """One message body (Rasa's ``{"sender_id": ..., **event.as_dict()}``) to its sender's subscribers."""
        try:
            event = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            event = None
        if not (isinstance(event, dict) and isinstance(event.get("sender_id"), str)
                and isinstance(event.get("event"), str)):
            self.malformed += 1
            logger.warning("live: ignored a malformed message (%d bytes): %r", len(body), body[:200])
            return
        self.delivered += 1
        for sub in tuple(self._subscribers.get(event["sender_id"], ())):
            sub.put(LiveItem(event=event))

    async def _connect(self) -> AbstractRobustConnection:
        """The first connection, tried until it works; after that aio-pika reconnects by itself."""
        url = self.host if self.host.startswith("amqp") else None  # a URL, as Rasa's broker also accepts
        while True:
            try:
                return await aio_pika.connect_robust(
                    url, host=self.host, port=self.port, login=self.user, password=self.password,
                    reconnect_interval=self.reconnect_seconds,
                    client_properties={"connection_name": "counsellor-console live transcripts"})
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                logger.warning("live: RabbitMQ at %s not reachable (%s); retrying in %.0f s",
                               self.address, exc, self.reconnect_seconds)
                await asyncio.sleep(self.reconnect_seconds)

    async def _run(self) -> None:
        connection = self._connection = await self._connect()
        connection.close_callbacks.add(lambda *_: self._set_connected(False))
        connection.reconnect_callbacks.add(lambda *_: self._set_connected(True))
        channel = await connection.channel()
        await channel.set_qos(prefetch_count=PREFETCH)
        exchange = await channel.declare_exchange(self.exchange_name, type=aio_pika.ExchangeType.FANOUT)
        queue = await channel.declare_queue(self.queue_name, durable=True)
        await queue.bind(exchange, "")
        await queue.consume(self._on_message)
        self._set_connected(True)
        logger.info("live: consuming queue %r (exchange %r)", self.queue_name, self.exchange_name)

    async def start(self) -> None:
        """Starts consuming in the background: a broker that is down at start delays nothing."""
        self._task = asyncio.create_task(self._run_logged())

    async def _run_logged(self) -> None:
        """Set-up failures (the broker went away mid-way, a refused declaration) are retried, not fatal."""
        while True:
            try:
                await self._run()
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("live: could not set up the consumer; trying again in %.0f s",
                                 self.reconnect_seconds)
                if self._connection is not None:
                    with contextlib.suppress(Exception):
                        await self._connection.close()
                    self._connection = None
                self._set_connected(False)
                await asyncio.sleep(self.reconnect_seconds)

    async def wait_connected(self, timeout: float = 10.0) -> bool:
        """For tests and start-up checks: whether the consumer is set up within ``timeout`` seconds."""
        deadline = asyncio.get_running_loop().time() + timeout
        while not self._connected and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.02)
        return self._connected

    async def stop(self) -> None:
        self.end_streams()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        if self._connection is not None:
            await self._connection.close()
        self._connected = False

