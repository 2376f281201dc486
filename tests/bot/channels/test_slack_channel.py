"""Slack pieces without a server: Block Kit for every flag kind, event de-duplication, the credentials file."""

from __future__ import annotations

import json
import uuid

import pytest

from bot.channels import slack_renderer
from bot.channels.credentials import SLACK_CLASS, compose
from bot.channels.slack import SeenEvents
from catalog.advice.flags import FLAG_KINDS, Finding, Flag
from catalog.advice.payload import flag_dict

FLAGS = {
    "recognition": Flag("recognition", (Finding("no_recognition"), Finding("no_badge"))),
    "quality": Flag("quality", (Finding("low_rating", {"rating": 3.4, "minimum": 4.0}),)),
    "stale": Flag("stale", (Finding("never_verified"),)),
    "cost": Flag("cost", (Finding("cost_outlier", {"usd": 900, "ratio": 2.0, "median_usd": 150, "peers": 6}),)),
    "overlap": Flag("overlap", (Finding("repeats_skills", {"repeated": ["SQL", "Excel"], "skills": 3}),)),
    "eligibility": Flag("eligibility", (Finding("requirement_to_check", {"statement": "a bachelor's degree",
                                                                          "kind": "degree"}),)),
}


def every_flag_payload() -> dict:
    steps = []
    for i, kind in enumerate(FLAG_KINDS, 1):
        steps.append({"id": f"s{i}", "title": f"Step <{i}> & more", "provider": "Prov", "url": f"https://x.example/{i}",
                      "skills": ["SQL"], "covers": ["SQL"], "hours": 10.0 * i, "hours_estimated": False,
                      "weeks": None, "cost": 100.0, "currency": "USD", "pricing": "one_off",
                      "flags": [flag_dict(FLAGS[kind])], "sponsored": i == 1})
    return {"type": "pathway", "goal": "Data Analyst", "current_skills": [], "gap": ["SQL"], "steps": steps,
            "total_hours": 210.0, "total_hours_stated": 210.0, "total_hours_estimated": 0.0, "hours_unknown_steps": 0,
            "total_cost": 600.0, "total_cost_stated": 600.0, "total_cost_estimated": 0.0, "cost_unknown_steps": 0,
            "currency": "USD", "uncovered": ["Tableau"],
            "practice_skills": [], "notes": [], "note_codes": [], "hours_per_week": None,
            "flags": [flag_dict(Flag("overlap", (Finding("too_many_badges", {"steps": 5}),)))],
            "policy": {"organisation": "Acme", "budget_cap": 1000.0, "currency": "USD", "budget_applied": True,
                       "sponsored_providers": ["Coursera"], "excluded_providers": [], "message": None}}


def test_block_kit_shows_every_flag_kind_with_its_reason() -> None:
    payload = every_flag_payload()
    [post] = slack_renderer.render({"text": "plain", "buttons": [{"title": "Why step 1?", "payload": "/ask_why"}],
                                    "custom": payload})
    json.dumps(post)
    contexts = [e["text"] for b in post["blocks"] if b["type"] == "context" for e in b["elements"]]
    labels = ("Recognition", "Quality", "Cost", "Overlap", "Check details", "Entry requirements")
    shown = {kind for kind in labels if any(f"*{kind}:*" in c for c in contexts)}
    assert shown == set(labels)  # every kind inline: a flag is only raised where a step differs from its peers
    assert any("No employer or industry body is on record" in c and "verifiable digital badge" in c for c in contexts)
    sections = "\n".join(b["text"]["text"] for b in post["blocks"] if b["type"] == "section")
    assert "&lt;1&gt; &amp; more" in sections and "<https://x.example/1|Step &lt;1&gt; &amp; more>" in sections
    assert "sponsored by your employer" in sections
    assert any("Entry requirement to check: a bachelor's degree" in c for c in contexts)
    assert "5 credentials is a lot for one goal" in sections
    assert "Within Acme's $1,000 learning budget; Acme sponsors Coursera." in sections
    assert "Not covered by any credential that fits: Tableau." in sections


async def test_seen_events_in_memory() -> None:
    seen = SeenEvents()
    assert await seen.first_time("Ev1") and not await seen.first_time("Ev1") and await seen.first_time("Ev2")


async def test_seen_events_are_shared_through_redis() -> None:
    redis = pytest.importorskip("redis")
    prefix = f"test-{uuid.uuid4().hex}:"
    one, two = SeenEvents("redis://127.0.0.1:6379/15", prefix), SeenEvents("redis://127.0.0.1:6379/15", prefix)
    try:
        assert await one.first_time("Ev1") and not await two.first_time("Ev1")
    except redis.exceptions.ConnectionError as exc:
        pytest.fail(f"Redis on 127.0.0.1:6379 is needed for this test: {exc}")


def test_slack_is_on_only_with_both_secrets() -> None:
    content, notes = compose(env={})
    assert SLACK_CLASS not in content and "not set" in notes[0]
    content, notes = compose(env={"SLACK_BOT_TOKEN": "xoxb-1"})
    assert SLACK_CLASS not in content and "set both" in notes[0]
    content, notes = compose(env={"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_CHANNEL": "C1"})
    assert content[SLACK_CLASS] == {"slack_token": "xoxb-1", "slack_signing_secret": "s", "slack_channel": "C1"}
    assert "bot.channels.socketio.SocketIOChannel" in content and notes[0].startswith("Slack: on")
