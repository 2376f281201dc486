"""Live transcripts in the counsellor console, in Debian's headless Chromium, from the real RabbitMQ.

The browser tests' Rasa servers (no broker: they run with endpoints.yml) open the case and keep the
transcript; the console runs as ``python -m bot.console serve`` with RABBITMQ_* set, and the test publishes
a tracker event for the case's learner with Rasa's own ``PikaEventBroker``, in the shape Rasa's tracker
store streams it. That event is in no tracker, so only the live stream can show it: it appearing without a
reload (and staying through the 2 s polls) is the feature working.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from catalog.triage.store import CaseStore
from tests.browser.conftest import Chromium
from tests.browser.console_fixtures import console_server, counsellor_store
from tests.browser.test_widget import expect
from tests.e2e.servers import Servers, free_port

pytestmark = pytest.mark.e2e

USERNAME, DISPLAY_NAME, PASSWORD = "lena", "Lena Live", "a long enough password"
ASK_FOR_A_PERSON = "can I talk to a real person please?"
AMQP = "amqp://guest:guest@127.0.0.1:5672/"


def in_a_thread(coroutine: Any) -> Any:
    """Playwright's sync API owns this thread's event loop; RabbitMQ is talked to from another."""
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # re-raised in the test's thread
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if "error" in out:
        raise out["error"]
    return out.get("value")


async def _publish(name: str, events: list[dict[str, Any]]) -> None:
    from rasa.core.brokers.pika import PikaEventBroker

    broker = PikaEventBroker("127.0.0.1", "guest", "guest", queues=[name], exchange_name=name,
                             event_loop=asyncio.get_running_loop())
    await broker.connect()
    for event in events:
        broker.publish(event)
    await asyncio.gather(*broker._background_tasks)  # publish() only schedules; close() would drop them
    await broker.close()


async def _delete(name: str) -> None:
    import aio_pika

    connection = await aio_pika.connect(AMQP)
    channel = await connection.channel()
    await channel.queue_delete(name)
    await channel.exchange_delete(name)
    await connection.close()


def user_event(sender_id: str, text: str) -> dict[str, Any]:
    from rasa.shared.core.events import UserUttered

    return {"sender_id": sender_id, **UserUttered(text, timestamp=time.time()).as_dict()}


@pytest.fixture
def store(rasa: Servers) -> Iterator[CaseStore]:
    with counsellor_store(rasa, USERNAME, DISPLAY_NAME, PASSWORD) as cases:
        yield cases


@pytest.fixture
def broker_names() -> Iterator[str]:
    name = f"test-console-browser-{uuid.uuid4().hex[:10]}"
    yield name
    in_a_thread(_delete(name))


def open_case(rasa: Servers, store: CaseStore) -> tuple[str, dict]:
    learner = f"live-{uuid.uuid4().hex[:8]}"
    rasa.say(learner, ASK_FOR_A_PERSON)
    case = store.open_case_for(learner)
    assert case is not None, f"no case opened for {learner}"
    return learner, case


def sign_in_and_open(page: Any, url: str, case_id: int) -> None:
    page.goto(f"{url}/login")
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{url}/queue")
    page.goto(f"{url}/cases/{case_id}")


def test_a_message_published_for_the_learner_appears_on_the_open_case_page(
        chromium: Chromium, rasa: Servers, store: CaseStore, broker_names: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    learner, case = open_case(rasa, store)
    for name, value in (("RABBITMQ_HOST", "127.0.0.1"), ("RABBITMQ_PORT", "5672"), ("RABBITMQ_USER", "guest"),
                        ("RABBITMQ_PASSWORD", "guest"), ("RABBITMQ_QUEUE", broker_names),
                        ("RABBITMQ_EXCHANGE", broker_names)):
        monkeypatch.setenv(name, value)  # console_server passes the test's environment on
    with console_server(rasa, free_port(), tmp_path) as (url, console_log):
        page = chromium.page(1280, 900)
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        sign_in_and_open(page, url, case["id"])

        learner_lines = page.locator("#transcript li.learner .text")
        expect(learner_lines).to_have_text([ASK_FOR_A_PERSON])  # the record, polled from Rasa
        expect(page.locator("#live")).to_have_text("live")
        expect(page.locator("#live")).to_have_class("live on")
        page.evaluate("window.__sameDocument = 'case page as first loaded'")

        hostile = f"<img src=x onerror=\"window.__pwned=1\"> are you there? ({uuid.uuid4().hex[:6]})"
        started = time.monotonic()
        in_a_thread(_publish(broker_names, [user_event(f"someone-else-{uuid.uuid4().hex[:6]}", "not for this page"),
                                            user_event(learner, hostile)]))
        expect(learner_lines).to_have_text([ASK_FOR_A_PERSON, hostile], timeout=10_000)
        arrived = time.monotonic() - started
        expect(page.locator("#transcript li").last.locator(".who")).to_contain_text("learner")
        assert page.locator("#transcript img").count() == 0 and page.evaluate("window.__pwned") is None
        expect(page.locator("#transcript")).not_to_contain_text("not for this page")

        page.wait_for_timeout(2500)  # a poll or more: the line is not in the tracker, and must stay
        expect(learner_lines).to_have_text([ASK_FOR_A_PERSON, hostile])
        assert page.evaluate("window.__sameDocument") == "case page as first loaded", "the case page reloaded"
        assert arrived < 10, arrived
        assert problems == [], problems
    assert "Traceback" not in console_log.read_text(), console_log.read_text()[-3000:]


def test_with_the_broker_away_the_page_says_paused_and_still_polls(
        chromium: Chromium, rasa: Servers, store: CaseStore, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _, case = open_case(rasa, store)
    monkeypatch.setenv("RABBITMQ_HOST", "127.0.0.1")
    monkeypatch.setenv("RABBITMQ_PORT", str(free_port()))  # nothing listens there
    monkeypatch.setenv("RABBITMQ_QUEUE", "never-declared")
    monkeypatch.setenv("RABBITMQ_EXCHANGE", "never-declared")
    with console_server(rasa, free_port(), tmp_path) as (url, _):
        page = chromium.page(1280, 900)
        sign_in_and_open(page, url, case["id"])
        expect(page.locator("#live")).to_have_text("live updates paused")
        expect(page.locator("#transcript li.learner .text")).to_have_text([ASK_FOR_A_PERSON])
