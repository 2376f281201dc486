"""Live transcripts against the real RabbitMQ on 127.0.0.1:5672 (guest/guest), published the way Rasa does.

Rasa's own ``PikaEventBroker`` publishes ``{"sender_id": ..., **event.as_dict()}`` as the tracker store
streams it; each test has its own exchange and queue, deleted afterwards. A missing RabbitMQ fails the
tests (nothing here skips).
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import aio_pika
import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer
from rasa.core.brokers.pika import PikaEventBroker
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered

from bot.console import live_stream
from bot.console.app import make_app
from bot.console.live import LiveEvents, LiveItem, Subscription
from catalog.triage.store import CaseStore
from tests.bot.console.test_console import FakeRasa, a_case, client_for, login

AMQP = "amqp://guest:guest@127.0.0.1:5672/"
WAIT = 10.0  # seconds: the 2-core machine may be busy


@pytest.fixture()
async def names() -> AsyncIterator[str]:
    """A fresh exchange and queue name (the same string), deleted after the test."""
    name = f"test-console-live-{uuid.uuid4().hex[:10]}"
    yield name
    connection = await aio_pika.connect(AMQP)
    channel = await connection.channel()
    await channel.queue_delete(name)
    await channel.exchange_delete(name)
    await connection.close()


@pytest.fixture()
async def broker(names: str) -> AsyncIterator[PikaEventBroker]:
    """Rasa's broker, configured as endpoints.production.yml configures it."""
    rasa_broker = PikaEventBroker("127.0.0.1", "guest", "guest", port=5672, queues=[names], exchange_name=names,
                                  event_loop=asyncio.get_running_loop())
    await rasa_broker.connect()
    yield rasa_broker
    await rasa_broker.close()


async def started(names: str) -> LiveEvents:
    live = LiveEvents("127.0.0.1", queue=names, exchange=names, reconnect_seconds=0.3)
    await live.start()
    assert await live.wait_connected(WAIT), "the console did not connect to RabbitMQ at 127.0.0.1:5672"
    return live


def streamed(sender_id: str, event: Any) -> dict[str, Any]:
    """The body Rasa's tracker store publishes for ``event`` (rasa/core/tracker_store.py)."""
    return {"sender_id": sender_id, **event.as_dict()}


async def next_item(sub: Subscription) -> LiveItem:
    return await asyncio.wait_for(sub.get(), WAIT)


async def nothing_more(sub: Subscription, seconds: float = 0.5) -> None:
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(sub.get(), seconds)


async def ready_messages(names: str) -> int:
    connection = await aio_pika.connect(AMQP)
    channel = await connection.channel()
    queue = await channel.declare_queue(names, passive=True)
    count = queue.declaration_result.message_count
    await connection.close()
    return count


def test_off_without_a_broker_host() -> None:
    assert LiveEvents.from_env({}) is None
    assert LiveEvents.from_env({"RABBITMQ_HOST": " ", "RABBITMQ_QUEUE": "q"}) is None
    with pytest.raises(ValueError, match="RABBITMQ_QUEUE and RABBITMQ_EXCHANGE"):
        LiveEvents.from_env({"RABBITMQ_HOST": "rabbit"})
    live = LiveEvents.from_env({"RABBITMQ_HOST": "rabbit", "RABBITMQ_QUEUE": "q", "RABBITMQ_EXCHANGE": "x",
                                "RABBITMQ_USER": "u", "RABBITMQ_PASSWORD": "secret"})
    assert (live.host, live.port, live.user, live.password) == ("rabbit", 5672, "u", "secret")
    assert "secret" not in LiveEvents("amqp://u:secret@rabbit:5672/", "q", "x").address


async def test_each_event_reaches_only_its_senders_pages(names: str, broker: PikaEventBroker) -> None:
    """Rasa declared the exchange and queue first; the console's declarations must agree with them."""
    live = await started(names)
    try:
        with live.subscribe("learner-a") as a, live.subscribe("learner-a") as a2, live.subscribe("learner-b") as b:
            for sub in (a, a2, b):
                assert (await next_item(sub)).connected is True  # the state comes first
            now = time.time()
            broker.publish(streamed("learner-a", UserUttered("I want a person", timestamp=now)))
            broker.publish(streamed("learner-b", BotUttered("Hello B", timestamp=now + 1)))
            broker.publish(streamed("learner-a", SlotSet("career_goal", "Data Analyst", timestamp=now + 2)))
            broker.publish(streamed("learner-c", UserUttered("nobody watches me", timestamp=now + 3)))
            for sub in (a, a2):
                first, second = (await next_item(sub)).event, (await next_item(sub)).event
                assert (first["event"], first["text"], first["timestamp"]) == ("user", "I want a person", now)
                assert (second["event"], second["name"]) == ("slot", "career_goal")
            assert (await next_item(b)).event["text"] == "Hello B"
            await nothing_more(b)
        assert live._subscribers == {}  # a closed page leaves nothing behind
        deadline = time.monotonic() + WAIT
        while await ready_messages(names) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        assert await ready_messages(names) == 0  # all acknowledged, none left in the queue
        assert live.delivered == 4
    finally:
        await live.stop()


async def test_malformed_messages_are_acknowledged_and_the_consumer_carries_on(names: str) -> None:
    """The console started first (it declares exchange and queue); then anything lands on the exchange."""
    live = await started(names)
    connection = await aio_pika.connect(AMQP)
    try:
        channel = await connection.channel()
        exchange = await channel.get_exchange(names)
        with live.subscribe("learner-a") as a:
            await next_item(a)
            for body in (b"not json", b"\xff\xfe", b"[1, 2]", b'{"event": "user", "text": "no sender"}',
                         b'{"sender_id": 7, "event": "user"}', b'{"sender_id": "learner-a"}'):
                await exchange.publish(aio_pika.Message(body), "")
            good = {"sender_id": "learner-a", **UserUttered("still here", timestamp=time.time()).as_dict()}
            await exchange.publish(aio_pika.Message(json.dumps(good).encode(),
                                                    delivery_mode=aio_pika.DeliveryMode.PERSISTENT), "")
            assert (await next_item(a)).event["text"] == "still here"
        assert (live.malformed, live.delivered) == (6, 1)
        assert live.connected
        assert await ready_messages(names) == 0
    finally:
        await connection.close()
        await live.stop()


async def test_it_says_when_the_connection_is_lost_and_back(names: str, broker: PikaEventBroker) -> None:
    live = await started(names)
    try:
        with live.subscribe("learner-a") as a:
            await next_item(a)
            # The broker's side of the connection closes under the console (as when RabbitMQ restarts).
            await live._connection.transport.connection.close(ConnectionError("test: connection lost"))
            assert (await next_item(a)).connected is False
            assert not live.connected
            assert (await next_item(a)).connected is True  # aio-pika reconnected by itself
            broker.publish(streamed("learner-a", UserUttered("after the gap", timestamp=time.time())))
            assert (await next_item(a)).event["text"] == "after the gap"  # the consumer was restored too
    finally:
        await live.stop()


async def test_a_broker_that_is_down_at_start_delays_nothing() -> None:
    live = LiveEvents("127.0.0.1", queue="never", exchange="never", port=1, reconnect_seconds=0.2)
    await live.start()
    with live.subscribe("learner-a") as a:
        assert (await next_item(a)).connected is False
    assert not await live.wait_connected(0.5)
    await live.stop()


# -- the Server-Sent Events endpoint --------------------------------------------------------------------


async def read_event(resp: ClientResponse) -> tuple[str | None, str]:
    """The next SSE block: (event name or None, data) or (None, comment/retry line)."""
    lines: list[str] = []
    while True:
        line = (await asyncio.wait_for(resp.content.readline(), WAIT)).decode().rstrip("\n")
        if line == "":
            if lines:
                break
            continue
        lines.append(line)
    event = next((x[len("event: "):] for x in lines if x.startswith("event: ")), None)
    data = next((x[len("data: "):] for x in lines if x.startswith("data: ")), None)
    return event, data if data is not None else lines[0]


async def test_the_case_stream_sends_its_learners_messages_status_and_keep_alives(
        names: str, broker: PikaEventBroker, store: CaseStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live_stream, "KEEPALIVE_SECONDS", 0.3)
    live = LiveEvents("127.0.0.1", queue=names, exchange=names, reconnect_seconds=0.3)
    server = TestServer(make_app(store, FakeRasa(), key=b"k" * 32, live=live))  # type: ignore[arg-type]
    await server.start_server()
    assert await live.wait_connected(WAIT)
    client, stranger = await client_for(server), await client_for(server)
    case_id, other_case = a_case(store, "learner-live"), a_case(store, "learner-other")
    try:
        assert (await stranger.get(f"/api/cases/{case_id}/live")).status == 401  # the login comes first
        assert (await stranger.get(f"/api/cases/{case_id}/live")).headers["Content-Type"].startswith(
            "application/json")
        await login(client, "alice")
        page = await (await client.get(f"/cases/{case_id}")).text()
        assert 'data-live="1"' in page and 'id="live"' in page
        assert (await client.get("/api/cases/999999/live")).status == 404

        resp = await client.get(f"/api/cases/{case_id}/live")
        assert resp.status == 200 and resp.headers["Content-Type"].startswith("text/event-stream")
        assert resp.headers["Cache-Control"].startswith("no-cache")
        assert (await read_event(resp)) == (None, "retry: 3000")
        assert (await read_event(resp)) == ("status", '{"live": true}')

        now = time.time()
        broker.publish(streamed("learner-other", UserUttered("not for this page", timestamp=now)))
        broker.publish(streamed("learner-live", SlotSet("budget", 100, timestamp=now)))
        broker.publish(streamed("learner-live", ActionExecuted("action_listen", timestamp=now)))
        broker.publish(streamed("learner-live", UserUttered("Are you <b>there</b>?\nHello", timestamp=now + 1)))
        broker.publish(streamed("learner-live", BotUttered("Yes, I'm Alice.", {}, {"counsellor": "Alice Adviser"},
                                                           timestamp=now + 2)))
        broker.publish(streamed("learner-live", BotUttered("An assistant line", timestamp=now + 3)))
        seen = []
        while len(seen) < 3:
            event, data = await read_event(resp)
            if data == ": keep-alive":
                continue
            assert event is None, (event, data)
            seen.append(json.loads(data))
        assert seen == [{"from": "learner", "text": "Are you <b>there</b>?\nHello", "at": now + 1},
                        {"from": "counsellor Alice Adviser", "text": "Yes, I'm Alice.", "at": now + 2},
                        {"from": "assistant", "text": "An assistant line", "at": now + 3}]
        assert (await read_event(resp)) == (None, ": keep-alive")  # an idle stream stays open

        await live._connection.transport.connection.close(ConnectionError("test: connection lost"))
        statuses: list[str] = []
        while len(statuses) < 2:
            event, data = await read_event(resp)
            if event == "status":
                statuses.append(data)
        assert statuses == ['{"live": false}', '{"live": true}']

        # The other case's page gets its own learner's lines (and never saw this one's).
        other = await client.get(f"/api/cases/{other_case}/live")
        await read_event(other), await read_event(other)
        broker.publish(streamed("learner-other", UserUttered("mine", timestamp=time.time())))
        event, data = await read_event(other)
        while data == ": keep-alive":
            event, data = await read_event(other)
        assert json.loads(data)["text"] == "mine"
    finally:
        await client.close()
        await stranger.close()
        started_closing = time.monotonic()
        await server.close()  # open streams end at shutdown instead of holding it
        assert time.monotonic() - started_closing < 5
        assert not live.connected


async def test_without_a_broker_the_case_page_is_as_before(store: CaseStore) -> None:
    server = TestServer(make_app(store, FakeRasa(), key=b"k" * 32))  # type: ignore[arg-type]
    await server.start_server()
    client: TestClient = await client_for(server)
    try:
        await login(client, "alice")
        case_id = a_case(store)
        page = await (await client.get(f"/cases/{case_id}")).text()
        assert "data-live" not in page and 'id="live"' not in page
        resp = await client.get(f"/api/cases/{case_id}/live")
        assert resp.status == 404 and "live updates are off" in (await resp.json())["error"]
    finally:
        await client.close()
        await server.close()
