"""Fixtures of the console's in-process tests: a case store with two counsellors, a stand-in for Rasa's HTTP
API, and the console app on a test server."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer

from bot.console.app import make_app
from bot.console.auth import create_counsellor
from catalog.triage.store import CaseStore
from tests.bot.console.test_console import PASSWORD, FakeRasa


@pytest.fixture()
def store(tmp_path: Path) -> CaseStore:
    s = CaseStore(f"sqlite:///{tmp_path}/cases.db")
    create_counsellor(s, "alice", "Alice Adviser", PASSWORD)
    create_counsellor(s, "bob", "Bob Berg", PASSWORD)
    yield s
    s.dispose()


@pytest.fixture()
def rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture()
async def server(store: CaseStore, rasa: FakeRasa):
    srv = TestServer(make_app(store, rasa, key=b"k" * 32))  # type: ignore[arg-type]
    await srv.start_server()
    yield srv
    await srv.close()
