"""The website widget's channel as a browser uses it: a real socket.io client against the running server."""

from __future__ import annotations

import pytest
import socketio

from tests.e2e.servers import Servers
from tests.e2e.socket_client import WidgetClient

pytestmark = pytest.mark.e2e

EXAMPLE = "I'm a retail supervisor and I want to become a data analyst. I know Excel and some SQL"
FAULTS = ("Traceback", "never awaited", "TypeError", "Exception")


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies if r.get("text"))


def cards(replies: list[dict]) -> list[dict]:
    return [r["attachment"]["payload"] for r in replies
            if isinstance(r.get("attachment"), dict) and r["attachment"].get("type") == "template"]


async def test_the_readme_conversation_arrives_in_the_session_room(servers: Servers) -> None:
    widget = WidgetClient(servers.rasa_url)
    await widget.connect()
    try:
        greeting = await widget.say("hi", page="https://careers.example/start")
        assert "career adviser" in texts(greeting)
        assert any(r.get("quick_replies") for r in greeting)

        replies = await widget.say(EXAMPLE)
        assert "Got it: you're aiming for Data Analyst" in texts(replies)
        [template] = cards(replies)
        assert len(template["elements"]) >= 2 and all(e["buttons"] for e in template["elements"])
        view = template["pathway"]
        assert view["goal"] == "Data Analyst"
        assert any(f["reason"] for s in view["steps"] for f in s["flags"])
        assert replies[-1].get("quick_replies"), "the follow-up buttons come last"

        why = await widget.say("Why step 1?")
        assert view["steps"][0]["title"] in texts(why)
    finally:
        await widget.close()

    tracker = servers.tracker(widget.session_id)
    assert tracker["latest_input_channel"] == "socketio"
    assert tracker["slots"]["career_goal"] == "Data Analyst"
    first_user = next(e for e in tracker["events"] if e["event"] == "user")
    assert first_user["metadata"].get("page") == "https://careers.example/start"  # customData reaches the tracker
    log = (servers.workdir / "rasa.log").read_text()
    assert not [f for f in FAULTS if f in log], log[-3000:]


async def test_a_reload_keeps_the_conversation(servers: Servers) -> None:
    first = WidgetClient(servers.rasa_url)
    await first.connect()
    await first.say("I want to become a data analyst")
    await first.close()

    again = WidgetClient(servers.rasa_url, session_id=first.session_id)  # the page stored the session id
    await again.connect()
    try:
        replies = await again.say("I know Excel and SQL")
    finally:
        await again.close()
    assert "budget" in texts(replies).lower()  # the goal was remembered: it asks for limits next
    assert servers.tracker(first.session_id)["slots"]["career_goal"] == "Data Analyst"


async def test_a_page_of_another_origin_cannot_open_a_socket(servers: Servers) -> None:
    stranger = WidgetClient(servers.rasa_url, headers={"Origin": "https://evil.example"})
    with pytest.raises(socketio.exceptions.ConnectionError):
        await stranger.connect()
