"""The production shape, started by scripts/run_prod.sh as `make run-prod` does, and the failures it meets:
conversations spread over two Rasa servers with nothing lost or reordered, the widget's socket kept on one
server through the load balancer, one or both action servers down, PostgreSQL down, Redis down, a Rasa
server killed mid-turn, and no secret in any log. Real PostgreSQL, Redis, RabbitMQ and nginx.

The tests share one running shape and run in file order (the last one kills a Rasa server).
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import threading
import time
import uuid

import pytest
import redis

from bot.channels.turns import NO_REPLY, STORE_DOWN
from tests.e2e.production_shape import (
    SECRETS,
    ProductionShape,
    bind_probe_queue,
    broker_messages,
    console_queue_state,
    production_shape,
    restart_action_server,
)
from tests.e2e.servers import http
from tests.e2e.socket_client import WidgetClient

pytestmark = pytest.mark.e2e

CONVERSATION = ["hi", "I want to become a data analyst", "I know Excel and some SQL",
                "5 hours a week, budget 300 dollars", "why that first step?", "thanks"]


@pytest.fixture(scope="module")
def shape(tmp_path_factory: pytest.TempPathFactory) -> ProductionShape:
    with production_shape(tmp_path_factory.mktemp("prod")) as running:
        yield running


def sender(name: str) -> str:
    return f"{name}-{uuid.uuid4().hex[:8]}"


def texts(reply: list[dict]) -> str:
    return " ".join(m.get("text") or "" for m in reply)


def upstreams_for(shape: ProductionShape, path: str) -> set[str]:
    log = (shape.run_dir / "nginx-access.log").read_text()
    return set(re.findall(rf'"POST {re.escape(path)}\?[^"]*" \d+ upstream=(\S+)', log))


async def test_a_conversation_over_both_servers_loses_and_reorders_nothing(shape: ProductionShape) -> None:
    probe = await bind_probe_queue(shape.env)
    me = sender("spread")
    for i, message in enumerate(CONVERSATION):
        reply = shape.say(shape.rasa(1 + i % 2), me, message)  # alternating servers, turn by turn
        assert texts(reply) and NO_REPLY["text"] not in texts(reply), (message, reply)
    assert shape.user_texts(shape.rasa(1), me) == CONVERSATION == shape.user_texts(shape.rasa(2), me)

    via_lb = sender("lb")
    for message in CONVERSATION[:3]:
        assert texts(shape.say(shape.lb, via_lb, message))
    assert len(upstreams_for(shape, "/webhooks/rest/webhook")) == 2  # REST is spread over both servers
    assert len(upstreams_for(shape, "/webhook")) == 2  # and the custom actions over both action servers

    # Every tracker event went to RabbitMQ: the conversation's user messages, in order.
    deadline = time.monotonic() + 10
    published: list[str] = []
    while time.monotonic() < deadline and published != CONVERSATION:
        published += [e["text"] for e in await broker_messages(probe) if e.get("sender_id") == me
                      and e.get("event") == "user"]
        await asyncio.sleep(0.3)
    assert published == CONVERSATION
    # The console consumes the run's queue (live transcripts), so it does not grow unread.
    state = await console_queue_state(shape.env)
    while state[0] > 0 and time.monotonic() < deadline + 10:
        await asyncio.sleep(0.3)
        state = await console_queue_state(shape.env)
    assert state[0] == 0 and state[1] >= 1, state
    assert "live transcripts from RabbitMQ" in (shape.run_dir / "console.log").read_text()


def test_two_messages_of_one_conversation_at_once_are_taken_one_after_the_other(shape: ProductionShape) -> None:
    me = sender("burst")
    shape.say(shape.rasa(1), me, "hi")
    replies: dict[int, list[dict]] = {}
    messages = ["I want to become a data analyst", "I know Excel and some SQL"]

    def send(n: int) -> None:
        replies[n] = shape.say(shape.rasa(1 + n), me, messages[n])

    threads = [threading.Thread(target=send, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert all(texts(replies[n]) for n in range(2))
    status, tracker = http("GET", f"{shape.rasa(2)}/conversations/{me}/tracker", token=shape.token)
    assert status == 200
    events = tracker["events"]  # type: ignore[index]
    users = [i for i, e in enumerate(events) if e["event"] == "user"]
    assert sorted(events[i]["text"] for i in users[1:]) == sorted(messages)
    # The second message's turn began only after the first's ended (its action_listen), never inside it.
    between = events[users[1] + 1:users[2]]
    assert any(e["event"] == "action" and e.get("name") == "action_listen" for e in between)


def test_the_http_api_needs_the_token(shape: ProductionShape) -> None:
    me = sender("token")
    shape.say(shape.lb, me, "hi")
    assert http("GET", f"{shape.lb}/conversations/{me}/tracker")[0] == 401
    assert http("GET", f"{shape.lb}/conversations/{me}/tracker", token="wrong")[0] == 401
    assert http("GET", f"{shape.lb}/conversations/{me}/tracker", token=shape.token)[0] == 200


async def test_widget_sockets_stay_on_their_server_through_the_load_balancer(shape: ProductionShape) -> None:
    """Long-polling: every request of a socket must reach the server that holds it, or the session is
    unknown there. Sixteen sessions, so both servers hold some (sessions are hashed to a server: with six, all
    on one server happened about once in 30 runs); six of them talk."""
    origin = f"http://127.0.0.1:{shape.ports['widget']}"
    clients = []
    for _ in range(16):
        session = uuid.uuid4().hex
        client = WidgetClient(f"{shape.lb}?session_id={session}", session_id=session, headers={"Origin": origin})
        await client.connect()
        clients.append(client)
    try:
        replies = await asyncio.gather(*(c.say("I want to become a data analyst", quiet=1.5) for c in clients[:6]))
        assert all("Data Analyst" in texts(r) for r in replies), replies
    finally:  # a polling client's disconnect waits out its pending long-poll: all at once, briefly
        await asyncio.gather(*(asyncio.wait_for(c.close(), 5) for c in clients), return_exceptions=True)
    log = (shape.run_dir / "nginx-access.log").read_text()
    assert len(set(re.findall(r'"(?:GET|POST) /socket\.io/[^"]*" \d+ upstream=(\S+)', log))) == 2
    servers_of: dict[str, set[str]] = {}
    for sid, upstream in re.findall(r'"(?:GET|POST) /socket\.io/[^"]*sid=([^&" ]+)[^"]*" \d+ upstream=(\S+)', log):
        servers_of.setdefault(sid, set()).add(upstream)
    assert servers_of and all(len(u) == 1 for u in servers_of.values()), servers_of


def test_one_action_server_down_the_other_serves_both_down_is_said_and_recovery_is_automatic(
        shape: ProductionShape) -> None:
    me = sender("actions")
    shape.say(shape.lb, me, "hi")
    os.kill(shape.pid("actions-1"), signal.SIGKILL)
    reply = shape.say(shape.lb, me, "I want to become a data analyst. I know Excel and some SQL")
    assert "Data Analyst" in texts(reply) and NO_REPLY["text"] not in texts(reply)

    os.kill(shape.pid("actions-2"), signal.SIGKILL)
    assert texts(shape.say(shape.lb, me, "5 hours a week")) == NO_REPLY["text"]

    restart_action_server(shape, 2)
    time.sleep(5)  # nginx's fail_timeout: the server it saw fail is tried again after 5 s
    reply = shape.say(shape.lb, me, "budget 300 dollars")
    assert NO_REPLY["text"] not in texts(reply) and texts(reply)
    restart_action_server(shape, 1)
    users = shape.user_texts(shape.lb, me)
    assert users == ["hi", "I want to become a data analyst. I know Excel and some SQL", "5 hours a week",
                     "budget 300 dollars"]


def test_postgres_down_is_said_and_the_conversation_continues_with_its_history(shape: ProductionShape) -> None:
    me = sender("pg")
    shape.say(shape.lb, me, "hi")
    shape.say(shape.lb, me, "I want to become a data analyst")
    shape.database_proxy.down()
    try:
        started = time.monotonic()
        for base in (shape.rasa(1), shape.rasa(2)):
            assert texts(shape.say(base, me, "I know Excel and some SQL")) == STORE_DOWN["text"]
        assert time.monotonic() - started < 20  # told within seconds, not hung
    finally:
        shape.database_proxy.up()
    assert shape.process.poll() is None  # no server crashed or restarted
    reply = shape.say(shape.lb, me, "I know Excel and some SQL")
    assert "Microsoft Excel" in texts(reply) and STORE_DOWN["text"] not in texts(reply)
    status, tracker = http("GET", f"{shape.lb}/conversations/{me}/tracker", token=shape.token)
    assert tracker["slots"]["career_goal"] == "Data Analyst"  # type: ignore[index]  # said before the outage
    assert shape.user_texts(shape.lb, me) == ["hi", "I want to become a data analyst", "I know Excel and some SQL"]


def test_redis_down_is_said_and_service_resumes_when_it_is_back(shape: ProductionShape) -> None:
    me = sender("redis")
    shape.say(shape.lb, me, "hi")
    shape.redis.kill()
    try:
        started = time.monotonic()
        assert texts(shape.say(shape.lb, me, "I want to become a data analyst")) == STORE_DOWN["text"]
        assert time.monotonic() - started < 15
    finally:
        shape.redis.start()
    assert "Data Analyst" in texts(shape.say(shape.lb, me, "I want to become a data analyst"))
    assert shape.user_texts(shape.lb, me) == ["hi", "I want to become a data analyst"]


def test_a_server_killed_mid_turn_leaves_a_lock_that_expires_in_seconds(shape: ProductionShape) -> None:
    me = sender("killed")
    shape.say(shape.rasa(1), me, "hi")
    shape.say(shape.rasa(1), me, "I want to become a data analyst")
    locks = redis.StrictRedis(host="127.0.0.1", port=shape.redis.port, db=1, password=SECRETS["REDIS_PASSWORD"])
    key = f"{shape.env['REDIS_KEY_PREFIX']}:lock:{me}"
    turn = threading.Thread(target=lambda: http("POST", f"{shape.rasa(1)}/webhooks/rest/webhook",
                                                {"sender": me, "message": "I know Excel and some SQL"}))
    turn.start()
    deadline = time.monotonic() + 30
    while not locks.exists(key) and time.monotonic() < deadline:
        time.sleep(0.002)
    assert locks.exists(key), "the turn never took the conversation's lock"
    os.kill(shape.pid("rasa-1"), signal.SIGKILL)  # dies holding the lock
    turn.join(timeout=30)

    started = time.monotonic()
    reply = shape.say(shape.lb, me, "I know Excel and some SQL")  # nginx sends it to the live server
    waited = time.monotonic() - started
    assert "Microsoft Excel" in texts(reply), reply  # answered by the live server
    assert waited < float(shape.env.get("TICKET_LOCK_LIFETIME", "10")) + 10  # not Rasa's 60 s
    users = shape.user_texts(shape.rasa(2), me)
    assert users[:2] == ["hi", "I want to become a data analyst"] and users[-1] == "I know Excel and some SQL"


def test_no_secret_appears_in_any_log(shape: ProductionShape) -> None:
    logs = shape.logs() + (shape.run_dir.parent / "run_prod.out").read_text(errors="replace")
    assert len(logs) > 10_000  # the servers did log
    for name, value in SECRETS.items():
        assert value not in logs, f"{name} appears in a log"
