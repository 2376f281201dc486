"""Helpers for the console's browser test: the console as a real server next to the test's Rasa servers.

The console runs as ``python -m bot.console serve`` (the way it is deployed), reading cases from the
SQLite file the action server writes, and transcripts through Rasa's HTTP API with the test token.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.console.auth import create_counsellor
from catalog.triage.store import CaseStore
from tests.browser.conftest import _stop
from tests.e2e.servers import ROOT, Servers, server_env, wait_for_http


def cases_url(rasa: Servers) -> str:
    """The case store the action server of ``rasa`` writes (see tests/e2e/servers.py)."""
    return f"sqlite:///{rasa.workdir}/cases.db"


@contextmanager
def counsellor_store(rasa: Servers, username: str, display_name: str, password: str) -> Iterator[CaseStore]:
    """The case store the action server of ``rasa`` writes, with the counsellor account ``username``."""
    cases = CaseStore(cases_url(rasa))
    if not cases.counsellor(username):
        create_counsellor(cases, username, display_name, password)
    yield cases
    cases.dispose()


@contextmanager
def console_server(rasa: Servers, port: int, workdir: Path) -> Iterator[tuple[str, Path]]:
    """``python -m bot.console serve`` on 127.0.0.1:``port``; yields its base URL and its log file."""
    log = workdir / f"console-{port}.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.console", "serve", "--port", str(port), "--host", "127.0.0.1"],
        cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT,
        env=server_env({"RASA_URL": rasa.rasa_url, "RASA_API_TOKEN": rasa.token,
                        "CASES_DB_URL": cases_url(rasa)}))
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{url}/health", proc, log, seconds=60.0)
        yield url, log
    finally:
        _stop(proc)


OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .map(e => [e, e.getBoundingClientRect()])
    .filter(([e, r]) => r.width > 0 && (r.right > width + 0.5 || r.left < -0.5))
    .map(([e, r]) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}` +
                     `${e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''}` +
                     ` [${Math.round(r.left)}..${Math.round(r.right)}]`);
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: width, wide};
}"""
