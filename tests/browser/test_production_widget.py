"""The widget in Debian's Chromium against the production shape (`make run-prod`, scripts/run_prod.sh): the
page the shape serves, its socket through nginx to one of two Rasa servers, and that server killed in the
middle of the conversation: the widget reconnects through nginx to the other server and the conversation goes
on with its context (the tracker is in PostgreSQL), as a learner would see it."""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Iterator

import pytest

from tests.browser.conftest import Chromium
from tests.browser.test_widget import EXAMPLE, LONG, expect, session_id, stored_pathway
from tests.e2e.production_shape import ProductionShape, production_shape

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def shape(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProductionShape]:
    with production_shape(tmp_path_factory.mktemp("prod-browser")) as running:
        yield running


def server_holding(shape: ProductionShape, session: str) -> int:
    """1 or 2: the Rasa server nginx sent this session's socket to."""
    log = (shape.run_dir / "nginx-access.log").read_text()
    upstreams = set(re.findall(rf'/socket\.io/\?[^"]*session_id={session}[^"]*" \d+ upstream=(\S+)', log))
    assert len(upstreams) == 1, upstreams  # sticky: every request of the socket to one server
    port = int(upstreams.pop().rsplit(":", 1)[1])
    return next(n for n in (1, 2) if shape.ports[f"rasa{n}"] == port)


def test_a_learner_keeps_the_conversation_when_its_rasa_server_dies(chromium: Chromium,
                                                                     shape: ProductionShape) -> None:
    page = chromium.page(1280, 900)
    page.goto(f"http://127.0.0.1:{shape.ports['widget']}/")
    expect(page.locator("#status")).to_have_text("Connected.")
    expect(page.locator(".bubble.bot").first).to_contain_text("career adviser", timeout=LONG)
    page.locator("#message").fill(EXAMPLE)
    page.locator("#message").press("Enter")
    expect(page.locator(".pathway .card").first).to_be_visible(timeout=LONG)
    first_step = stored_pathway(page)["steps"][0]["title"]

    holder = server_holding(shape, session_id(page))
    os.kill(shape.pid(f"rasa-{holder}"), signal.SIGKILL)
    # The page notices, reconnects through nginx (the dead server is skipped) and is confirmed again.
    expect(page.locator("#status")).to_have_text("Connected again.", timeout=LONG)
    page.locator("#message").fill("Why step 1?")
    page.locator("#message").press("Enter")
    expect(page.locator(".bubble.bot").last).to_contain_text(first_step, timeout=LONG)
    users = shape.user_texts(shape.rasa(3 - holder), session_id(page))
    assert users[-2:] == [EXAMPLE, "Why step 1?"]
