"""The same pathway rendered for REST, the widget (socket.io) and Slack, and sent through each output channel."""

from __future__ import annotations

import copy
import json

import pytest
from rasa.core.channels.channel import CollectingOutputChannel

from bot.channels import slack_renderer, socketio_renderer
from bot.channels.slack import RenderedSlackBot
from bot.channels.socketio import RenderedSocketIOOutput
from catalog.advice import wording

CONTRACT_STEP_KEYS = {"id", "title", "provider", "url", "skills", "hours", "cost", "currency", "flags"}


def test_the_fixture_pathway_has_flags_and_several_steps(analyst_payload: dict) -> None:
    assert len(analyst_payload["steps"]) >= 2
    assert any(step["flags"] for step in analyst_payload["steps"])


async def test_rest_passes_the_neutral_reply_on_as_the_contract_says(analyst_message: dict) -> None:
    out = CollectingOutputChannel()
    await out.send_response("learner", copy.deepcopy(analyst_message))
    assert [set(m) - {"recipient_id"} for m in out.messages] == [{"text", "buttons"}, {"custom"}]
    text, custom = out.messages[0]["text"], out.messages[1]["custom"]
    assert text.startswith("Your pathway to Data Analyst")
    assert custom["type"] == "pathway" and custom["goal"] == "Data Analyst"
    for step in custom["steps"]:
        assert CONTRACT_STEP_KEYS <= set(step)
        assert all({"kind", "reason"} <= set(f) for f in step["flags"])


def test_socketio_sends_heading_cards_and_closing_with_quick_replies(analyst_message: dict,
                                                                     analyst_payload: dict) -> None:
    parts = socketio_renderer.render(analyst_message)
    json.dumps(parts)  # everything emitted must be plain JSON
    assert parts[0] == {"text": wording.pathway_heading(analyst_payload)}
    template = parts[1]["attachment"]["payload"]
    assert parts[1]["attachment"]["type"] == "template" and template["template_type"] == "generic"
    assert len(template["elements"]) == len(analyst_payload["steps"])
    for element, step in zip(template["elements"], analyst_payload["steps"], strict=True):
        assert step["title"] in element["title"] and step["provider"] in element["subtitle"]
        assert element["buttons"], "rasa-webchat drops an element without buttons"
    view = template["pathway"]
    flagged = [s for s in view["steps"] if s["flags"]]
    assert flagged and all(f["label"] and f["reason"] for s in flagged for f in s["flags"])
    assert view["totals"] == wording.totals_line(analyst_payload)
    assert "4 hours a week" in view["timeline"]["summary"]
    closing = parts[-1]
    assert closing["text"].startswith(view["totals"])
    assert [q["title"] for q in closing["quick_replies"]] == [b["title"] for b in wording.FOLLOW_UP_BUTTONS]


def test_socketio_never_drops_or_raises_on_other_messages() -> None:
    assert socketio_renderer.render({"text": "one\n\ntwo", "buttons": [{"title": "Yes", "payload": "/affirm"}]}) == [
        {"text": "one"}, {"text": "two", "quick_replies": [{"content_type": "text", "title": "Yes",
                                                             "payload": "/affirm"}]}]
    assert socketio_renderer.render({"custom": {"type": "something", "x": 1}}) == [
        {"custom": {"type": "something", "x": 1}}]
    assert socketio_renderer.render({"text": None, "custom": None}) == []


class FakeSio:
    def __init__(self) -> None:
        self.emitted: list[tuple[str, object, str]] = []

    async def emit(self, event: str, data: object = None, room: str | None = None, **kwargs: object) -> None:
        self.emitted.append((event, data, room))


async def test_the_socketio_output_emits_each_part_to_the_session_room(analyst_message: dict) -> None:
    sio = FakeSio()
    out = RenderedSocketIOOutput(sio, "bot_uttered")  # type: ignore[arg-type]
    await out.send_response("session-1", copy.deepcopy(analyst_message))
    await out.send_custom_json("session-1", {"type": "pathway", "goal": "x"})  # malformed: passed on, no raise
    assert all(event == "bot_uttered" and room == "session-1" for event, _, room in sio.emitted)
    assert "attachment" in sio.emitted[1][1]
    assert sio.emitted[-1][1] == {"custom": {"type": "pathway", "goal": "x"}}


def test_slack_gets_block_kit_with_a_section_per_step(analyst_message: dict, analyst_payload: dict) -> None:
    [post] = slack_renderer.render(analyst_message)
    json.dumps(post)
    assert set(post) == {"text", "blocks"} and post["text"] == wording.pathway_heading(analyst_payload)
    sections = [b["text"]["text"] for b in post["blocks"] if b["type"] == "section"]
    for number, step in enumerate(analyst_payload["steps"], 1):
        assert any(f"*{number}. <{step['url']}|" in s for s in sections)
    contexts = [e["text"] for b in post["blocks"] if b["type"] == "context" for e in b["elements"]]
    flagged = [f for s in analyst_payload["steps"] for f in wording.inline_flags(s)]
    assert len(contexts) == len(flagged)
    assert all("⚠ *" in c for c in contexts)
    [buttons] = [b for b in post["blocks"] if b["type"] == "actions"]
    assert [e["value"] for e in buttons["elements"]] == [b["payload"] for b in wording.FOLLOW_UP_BUTTONS]
    assert len(post["blocks"]) <= slack_renderer.MAX_BLOCKS


def test_slack_escapes_mrkdwn_and_never_passes_unknown_keys() -> None:
    [post] = slack_renderer.render({"text": "R&D <b>", "buttons": [{"title": "Go", "payload": "/go"}]})
    assert post["blocks"][0]["text"]["text"] == "R&amp;D &lt;b&gt;"
    assert slack_renderer.render({"custom": {"type": "pathway-like", "goal": "x"}}) == []
    many = [{"title": f"Role {i}", "payload": f"I want to become role {i}"} for i in range(7)]
    [listed] = slack_renderer.render({"text": "Pick one", "buttons": many})
    assert "blocks" not in listed and "• Role 6" in listed["text"]


class FakeSlackClient:
    def __init__(self) -> None:
        self.posts: list[dict] = []

    async def chat_postMessage(self, **kwargs: object) -> dict:  # noqa: N802 - slack_sdk's name
        self.posts.append(kwargs)
        return {"ok": True}


@pytest.mark.parametrize("thread", [None, "1700000000.000100"])
async def test_the_slack_output_posts_only_rendered_arguments(analyst_message: dict, thread: str | None) -> None:
    bot = RenderedSlackBot("xoxb-test", slack_channel=None, thread_id=thread)
    bot.client = FakeSlackClient()  # type: ignore[assignment]
    await bot.send_response("C123", copy.deepcopy(analyst_message))
    await bot.send_custom_json("C123", {"type": "pathway", "goal": "x"})
    [post] = bot.client.posts
    assert set(post) <= {"channel", "text", "blocks", "thread_ts"} and post["channel"] == "C123"
    assert post.get("thread_ts") == thread
