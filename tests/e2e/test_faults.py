"""A failing service is told to the learner, never hidden: with the action server down, a learner's message
gets a plain answer (Rasa itself says nothing), nothing is lost, and the assistant recovers by itself when
the action server is back."""

from __future__ import annotations

import subprocess
import uuid

import pytest

from bot.channels.turns import NO_REPLY
from tests.e2e.servers import RASA, ROOT, server_env, start_servers, wait_for_http

pytestmark = pytest.mark.e2e


def test_action_server_down_is_said_and_the_conversation_resumes(tmp_path) -> None:
    servers = start_servers(tmp_path)
    me = f"fault-{uuid.uuid4().hex[:8]}"
    try:
        assert servers.say(me, "hi")  # greeted while everything is up
        action = servers.processes[0]
        action.terminate()
        action.wait(timeout=20)

        reply = servers.say(me, "I want to become a data analyst")
        assert [m.get("text") for m in reply] == [NO_REPLY["text"]]

        port = servers.action_url.rsplit(":", 1)[1]
        log = tmp_path / "actions-restarted.log"
        restarted = subprocess.Popen([RASA, "run", "actions", "--port", port, "--actions", "actions"], cwd=ROOT,
                                     env=server_env({"CATALOG_DB_URL": f"sqlite:///{tmp_path}/catalog.db",
                                                     "CASES_DB_URL": f"sqlite:///{tmp_path}/cases.db"}),
                                     stdout=log.open("w"), stderr=subprocess.STDOUT)
        servers.processes[0] = restarted
        wait_for_http(f"{servers.action_url}/health", restarted, log)

        reply = servers.say(me, "I know Excel and some SQL")
        texts = " ".join(m.get("text") or "" for m in reply)
        assert NO_REPLY["text"] not in texts and texts
        users = [e["text"] for e in servers.tracker(me)["events"] if e["event"] == "user"]
        assert users == ["hi", "I want to become a data analyst", "I know Excel and some SQL"]  # nothing lost
    finally:
        servers.stop()
