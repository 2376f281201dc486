"""Start the action server and the Rasa server on free ports for end-to-end tests.

The model is trained once per run by ``make test`` (``rasa train`` skips unchanged data); if pytest is
run on its own and no model exists, it is trained here, once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.support.services import free_port

ROOT = Path(__file__).resolve().parents[2]
RASA = str(Path(sys.executable).with_name("rasa"))


def latest_model() -> Path:
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        subprocess.run([RASA, "train", "--quiet", "--num-threads", "2"], cwd=ROOT, check=True,
                       env=server_env({}))
        models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1]


def server_env(extra: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"TF_CPP_MIN_LOG_LEVEL": "2", "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
                "RASA_TELEMETRY_ENABLED": "false", "PYTHONHASHSEED": "0"})
    env.update(extra)
    return env


def http(method: str, url: str, body: dict | None = None, token: str | None = None,
         timeout: float = 30.0) -> tuple[int, object]:
    data = json.dumps(body).encode() if body is not None else None
    if token:
        url += ("&" if "?" in url else "?") + f"token={token}"
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read().decode() or "null"
            return resp.status, json.loads(raw) if raw.strip()[:1] in "[{n" else raw
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


@dataclass
class Servers:
    rasa_url: str
    action_url: str
    token: str
    processes: list[subprocess.Popen]
    workdir: Path

    def say(self, sender: str, message: str) -> list[dict]:
        status, body = http("POST", f"{self.rasa_url}/webhooks/rest/webhook", {"sender": sender, "message": message})
        assert status == 200, f"HTTP {status}: {body}"
        return body  # type: ignore[return-value]

    def tracker(self, sender: str) -> dict:
        status, body = http("GET", f"{self.rasa_url}/conversations/{sender}/tracker", token=self.token)
        assert status == 200, f"HTTP {status}: {body}"
        return body  # type: ignore[return-value]

    def stop(self) -> None:
        for p in self.processes:
            p.terminate()
        for p in self.processes:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


def wait_for_http(url: str, proc: subprocess.Popen, log: Path, seconds: float = 240.0) -> None:
    """Until ``url`` answers; fails with the end of ``log`` if ``proc`` exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"server not ready after {seconds}s:\n{log.read_text()[-4000:]}")


def start_servers(workdir: Path, extra_env: dict[str, str] | None = None,
                  credentials: Path | None = None) -> Servers:
    """Action server and Rasa server on free ports; ``extra_env`` is added to both (e.g. WIDGET_ORIGINS),
    ``credentials`` replaces credentials.yml (e.g. with Slack on)."""
    model = latest_model()
    action_port, rasa_port = free_port(), free_port()
    token = "test-token"
    env = server_env({"CATALOG_DB_URL": f"sqlite:///{workdir}/catalog.db",
                      "CASES_DB_URL": f"sqlite:///{workdir}/cases.db", **(extra_env or {})})
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
        f'tracker_store:\n  type: bot.stores.forgetting_tracker_store.ForgettingSQLTrackerStore\n  dialect: "sqlite"\n  db: "{workdir}/tracker.db"\n'
    )
    procs: list[subprocess.Popen] = []
    action_log = workdir / "actions.log"
    procs.append(subprocess.Popen(
        [RASA, "run", "actions", "--port", str(action_port), "--actions", "actions"],
        cwd=ROOT, env=env, stdout=action_log.open("w"), stderr=subprocess.STDOUT))
    wait_for_http(f"http://127.0.0.1:{action_port}/health", procs[0], action_log)
    rasa_log = workdir / "rasa.log"
    # As scripts/run.sh starts it: the HTTP API's CORS origins are the widget's (Sanic-CORS then adds headers
    # to every response, which the socket.io channel must not get twice).
    origins = (extra_env or {}).get("WIDGET_ORIGINS")
    cors = ["--cors", *origins.split(",")] if origins else []
    procs.append(subprocess.Popen(
        [RASA, "run", "--enable-api", "--auth-token", token, "--port", str(rasa_port), "--model", str(model),
         "--endpoints", str(endpoints), "--credentials", str(credentials or ROOT / "credentials.yml"), *cors],
        cwd=ROOT, env=env, stdout=rasa_log.open("w"), stderr=subprocess.STDOUT))
    servers = Servers(f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{action_port}", token, procs, workdir)
    try:
        wait_for_http(f"http://127.0.0.1:{rasa_port}/", procs[1], rasa_log)
        # The HTTP server answers before the model has loaded; wait until a turn goes through.
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            status, body = http("GET", f"{servers.rasa_url}/status", token=token)
            if status == 200 and isinstance(body, dict) and body.get("model_file"):
                break
            time.sleep(1)
    except Exception:
        servers.stop()
        raise
    return servers
