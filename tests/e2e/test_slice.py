"""The foundation slice over the REST channel: the example conversation, and bad input."""

from __future__ import annotations

import uuid

import pytest

from catalog.advice.flags import FLAG_KINDS
from tests.e2e.servers import Servers, http

pytestmark = pytest.mark.e2e

EXAMPLE = "I'm a retail supervisor and I want to become a data analyst. I know Excel and some SQL"


def _pathway(replies: list[dict]) -> dict:
    payloads = [r["custom"] for r in replies if isinstance(r.get("custom"), dict)]
    pathways = [p for p in payloads if p.get("type") == "pathway"]
    assert pathways, f"no pathway payload in {replies}"
    return pathways[-1]


def test_example_conversation_recommends_a_flagged_pathway(servers: Servers) -> None:
    sender = f"e2e-{uuid.uuid4().hex[:8]}"
    replies = servers.say(sender, EXAMPLE)
    text = " ".join(r.get("text", "") for r in replies)
    assert "Data Analyst" in text
    pathway = _pathway(replies)
    assert pathway["goal"] == "Data Analyst"
    assert {"Microsoft Excel", "SQL"} <= set(pathway["current_skills"])
    assert "SQL" not in pathway["gap"] and pathway["gap"]
    assert 2 <= len(pathway["steps"]) <= 4
    for step in pathway["steps"]:
        assert {"id", "title", "provider", "url", "skills", "hours", "cost", "currency", "flags"} <= set(step)
        for flag in step["flags"]:
            assert flag["kind"] in FLAG_KINDS and flag["reason"]
    for total in ("total_hours", "total_cost"):  # a number only when every step has a figure, else null
        assert pathway[total] is None or isinstance(pathway[total], (int, float))
        assert isinstance(pathway[f"{total}_stated"], (int, float))
    assert isinstance(pathway["uncovered"], list)

    slots = servers.tracker(sender)["slots"]
    assert slots["career_goal"] == "Data Analyst"
    assert {"Microsoft Excel", "SQL"} <= set(slots["current_skills"])
    assert "Retail Supervisor" in (slots["background_roles"] or [])


@pytest.mark.parametrize("message", [
    "",
    "x" * 10_000,
    "🙂🚀🔥",
    "¿Dónde está la biblioteca? Quiero aprender algo nuevo.",
    "这是什么",
    "/nonexistent_intent",
    '{"json": "injection"}',
])
def test_strange_messages_get_a_polite_answer(servers: Servers, message: str) -> None:
    sender = f"odd-{uuid.uuid4().hex[:8]}"
    status, body = http("POST", f"{servers.rasa_url}/webhooks/rest/webhook", {"sender": sender, "message": message})
    assert status == 200, body
    if message:  # Rasa answers an empty message with no reply at all, but never an error
        assert any(r.get("text") for r in body), body
    # Both servers are still alive and answering.
    assert servers.say(sender, "hello")
    assert http("GET", f"{servers.action_url}/health")[0] == 200


def test_two_stage_fallback_asks_to_rephrase_then_says_what_it_can_do(servers: Servers) -> None:
    sender = f"fb-{uuid.uuid4().hex[:8]}"
    first = " ".join(r.get("text", "") for r in servers.say(sender, "blorp zzkx fnord qwpl"))
    assert "say it another way" in first or "outside what I can help with" in first
    if "say it another way" in first:
        second = " ".join(r.get("text", "") for r in servers.say(sender, "vrrk plimf zog"))
        assert "I can help with" in second or "say it another way" in second
