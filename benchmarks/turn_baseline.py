"""The bare baseline of ``make bench-turn``: a ``rasa init`` bot with one trivial custom action.

Why a baseline at all: a turn's milliseconds on a shared 2-core machine say little alone; the ratio to the
cheapest bot Rasa can run with a custom action, started side by side in the same run, says what our assistant
adds. The bot is built by ``rasa init --no-prompt`` (which trains its own model), given an ``actions.py``
whose one action dispatches a fixed text, a rule ``bot_challenge -> action_hello_world`` (the rule rather
than ``greet``, so it does not contradict the scaffold's stories) and an ``action_endpoint``, then retrained.
The result is cached under ``var/bench_turn/`` keyed by a hash of the files we add and Rasa's version, so a
second run neither scaffolds nor trains.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

import rasa

from tests.e2e.servers import RASA, Servers, free_port, server_env, wait_for_http

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "bench_turn"
#: The message that triggers the baseline's custom action (the scaffold's ``bot_challenge`` examples).
BASELINE_MESSAGE = "are you a bot?"
BASELINE_TEXT = "Hello World!"

ACTIONS_PY = f'''"""One trivial custom action, so the baseline pays for an action-server round trip as ours does."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher


class ActionHelloWorld(Action):
    def name(self) -> Text:
        return "action_hello_world"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(text="{BASELINE_TEXT}")
        return []
'''

RULE_OLD = "  - intent: bot_challenge\n  - action: utter_iamabot\n"
RULE_NEW = "  - intent: bot_challenge\n  - action: action_hello_world\n"
DOMAIN_ADDITION = "\nactions:\n  - action_hello_world\n"
ENDPOINTS = 'action_endpoint:\n  url: "http://localhost:5055/webhook"\n'


def cache_key() -> str:
    """Hash of everything that decides the baseline's model: our additions and the scaffold's Rasa version."""
    digest = hashlib.sha256()
    for part in (rasa.__version__, ACTIONS_PY, RULE_OLD, RULE_NEW, DOMAIN_ADDITION, ENDPOINTS):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def baseline_project() -> Path:
    """The baseline project folder with a trained model, built (about two trainings) only when not cached."""
    project = CACHE / f"baseline-{cache_key()}"
    if (project / ".complete").exists() and list((project / "models").glob("*.tar.gz")):
        return project
    env = server_env({})
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "baseline"
        work.mkdir()  # rasa init refuses a folder that does not exist
        print(f"== baseline: rasa init --no-prompt --init-dir {work} (trains the scaffold's model) ...", flush=True)
        subprocess.run([RASA, "init", "--no-prompt", "--init-dir", str(work)], cwd=tmp, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        (work / "actions" / "actions.py").write_text(ACTIONS_PY, encoding="utf-8")
        rules = work / "data" / "rules.yml"
        text = rules.read_text(encoding="utf-8")
        if RULE_OLD not in text:
            raise SystemExit(f"rasa init's rules.yml changed; cannot add the custom-action rule:\n{text}")
        rules.write_text(text.replace(RULE_OLD, RULE_NEW), encoding="utf-8")
        domain = work / "domain.yml"
        domain.write_text(domain.read_text(encoding="utf-8") + DOMAIN_ADDITION, encoding="utf-8")
        (work / "endpoints.yml").write_text(ENDPOINTS, encoding="utf-8")
        for old in (work / "models").glob("*.tar.gz"):
            old.unlink()
        print("== baseline: retraining with action_hello_world ...", flush=True)
        subprocess.run([RASA, "train", "--quiet", "--num-threads", "2"], cwd=work, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        if project.exists():
            shutil.rmtree(project)
        CACHE.mkdir(parents=True, exist_ok=True)
        shutil.copytree(work, project, ignore=shutil.ignore_patterns("__pycache__", ".rasa"))
    (project / ".complete").write_text(cache_key() + "\n")
    return project


def start_baseline(project: Path, workdir: Path, extra_env: dict[str, str] | None = None) -> Servers:
    """Its action server and ``rasa run`` on free ports, with its default in-memory tracker store; ``workdir``
    holds its endpoints and logs."""
    model = sorted((project / "models").glob("*.tar.gz"))[-1]
    action_port, rasa_port = free_port(), free_port()
    token = "bench-token"
    endpoints = workdir / "baseline_endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n')
    env = server_env(extra_env or {})
    procs: list[subprocess.Popen] = []
    action_log = workdir / "baseline_actions.log"
    procs.append(subprocess.Popen([RASA, "run", "actions", "--port", str(action_port), "--actions", "actions"],
                                  cwd=project, env=env, stdout=action_log.open("w"), stderr=subprocess.STDOUT))
    servers = Servers(f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{action_port}", token, procs, workdir)
    try:
        wait_for_http(f"http://127.0.0.1:{action_port}/health", procs[0], action_log)
        rasa_log = workdir / "baseline_rasa.log"
        procs.append(subprocess.Popen(
            [RASA, "run", "--enable-api", "--auth-token", token, "--port", str(rasa_port), "--model", str(model),
             "--endpoints", str(endpoints), "--credentials", str(project / "credentials.yml")],
            cwd=project, env=env, stdout=rasa_log.open("w"), stderr=subprocess.STDOUT))
        wait_for_http(f"http://127.0.0.1:{rasa_port}/", procs[1], rasa_log)
    except Exception:
        servers.stop()
        raise
    return servers


if __name__ == "__main__":
    print(baseline_project())
