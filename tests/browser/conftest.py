"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, the widget server, and Rasa.

Playwright (PyPI, its wheel ships its own node driver) drives the system Chromium at /usr/bin/chromium;
it never downloads a browser (``scripts/ensure_package.sh chromium ...`` installs Debian's). A missing Chromium, a
missing Playwright or an uninstalled socket.io client fails the test that needs it, with what to do;
nothing here skips.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.servers import ROOT, Servers, free_port, server_env, start_servers, wait_for_http

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SOCKET_IO_JS = ROOT / "bot" / "widget" / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
RESULTS = ROOT / "results" / "browser"


class Chromium:
    """Launched on the first page a test asks for, so a missing browser fails that test (not a fixture)."""

    def __init__(self, profile: Path) -> None:
        self.profile = profile
        self._playwright: Any = None
        self._context: Any = None

    def page(self, width: int = 1280, height: int = 900) -> Any:
        if not CHROMIUM.is_file():
            pytest.fail(f"Chromium is missing: {CHROMIUM} does not exist. Install Debian's package with "
                        f"scripts/ensure_package.sh chromium /usr/bin/chromium browser (as root: apt-get install -y chromium).", pytrace=False)
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            pytest.fail("The Python package playwright is missing: pip install -e '.[dev]' (pins it).",
                        pytrace=False)
        if self._context is None:
            self._playwright = sync_playwright().start()
            # A persistent context in a fresh folder: the profile the brief asks for, and localStorage that
            # survives page.reload() exactly as in a learner's browser.
            self._context = self._playwright.chromium.launch_persistent_context(
                str(self.profile), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                viewport={"width": width, "height": height})
            self._context.set_default_timeout(20_000)
        page = self._context.new_page()
        page.set_viewport_size({"width": width, "height": height})
        return page

    def close(self) -> None:
        if self._context is not None:
            self._context.close()
            self._playwright.stop()


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[Chromium]:
    """A fresh browser profile per test: no test sees another's stored session."""
    browser = Chromium(tmp_path / "chromium-profile")
    yield browser
    browser.close()


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def widget_server(rasa_url: str, port: int, workdir: Path) -> Iterator[str]:
    """``python -m bot.widget.serve`` on ``port``, pointed at ``rasa_url``; yields the page's URL."""
    if not SOCKET_IO_JS.is_file():
        pytest.fail(f"The widget's socket.io client is not installed ({SOCKET_IO_JS} missing): run "
                    f"`npm ci` in bot/widget.", pytrace=False)
    log = workdir / f"widget-{port}.log"
    proc = subprocess.Popen([sys.executable, "-m", "bot.widget.serve"], cwd=ROOT, stdout=log.open("w"),
                            stderr=subprocess.STDOUT,
                            env=server_env({"WIDGET_PORT": str(port), "WIDGET_HOST": "127.0.0.1",
                                            "RASA_URL": rasa_url}))
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url, proc, log, seconds=60.0)
        yield url
    finally:
        _stop(proc)


@contextmanager
def stand_in_rasa(port: int, origin: str, workdir: Path) -> Iterator[subprocess.Popen]:
    """``tests/browser/stand_in.py`` on ``port``: the socketio channel's protocol without a model."""
    log = workdir / f"stand-in-{port}.log"
    proc = subprocess.Popen([sys.executable, "-m", "tests.browser.stand_in", str(port), origin], cwd=ROOT,
                            stdout=log.open("a"), stderr=subprocess.STDOUT, env=server_env({}))
    try:
        wait_for_http(f"http://127.0.0.1:{port}/socket.io/?EIO=4&transport=polling", proc, log, seconds=60.0)
        yield proc
    finally:
        proc.kill()  # like a crash: no goodbye to the browser, which must notice by itself
        proc.wait()


@pytest.fixture(scope="package")
def widget_port() -> int:
    return free_port()


@pytest.fixture(scope="package")
def rasa(tmp_path_factory: pytest.TempPathFactory, widget_port: int) -> Iterator[Servers]:
    """The real action and Rasa servers, accepting sockets from the widget's origin only.

    Package scope: they stop after the last browser test, before tests/e2e starts its own pair.
    """
    running = start_servers(tmp_path_factory.mktemp("browser-servers"),
                            extra_env={"WIDGET_ORIGINS": f"http://127.0.0.1:{widget_port}"})
    yield running
    running.stop()


@pytest.fixture(scope="package")
def widget_url(rasa: Servers, widget_port: int) -> Iterator[str]:
    with widget_server(rasa.rasa_url, widget_port, rasa.workdir) as url:
        yield url


def save_screenshot(page: Any, name: str, copy_to: Path | None = None) -> Path:
    """A full-page capture of what the page lays out, into results/browser/ (and ``copy_to``).

    Chromium paints sticky bars at their place in the viewport even in a full-page capture, i.e. across
    the conversation; for the capture they sit where the page has them without scrolling (header on top,
    composer at the end). No focus ring either: the picture is of the layout, not of where focus was.
    """
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / name
    unstick = "p => document.querySelectorAll('.chat-header, .composer').forEach(e => e.style.position = p)"
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate(unstick, "static")
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.evaluate(unstick, "")
    if copy_to is not None:
        copy_to.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy_to)
    return path
