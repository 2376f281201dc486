"""A full conversation over REST: goal, skills, constraints, pathway, follow-ups, a correction."""

from __future__ import annotations

import uuid

import pytest

from tests.e2e.servers import Servers

pytestmark = pytest.mark.e2e


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies if r.get("text"))


def pathway(replies: list[dict]) -> dict | None:
    found = [r["custom"] for r in replies if isinstance(r.get("custom"), dict) and r["custom"].get("type") == "pathway"]
    return found[-1] if found else None


def test_full_conversation_with_follow_ups_and_a_correction(servers: Servers) -> None:
    me = f"conv-{uuid.uuid4().hex[:8]}"
    assert "role" in texts(servers.say(me, "hi")).lower()

    reply = servers.say(me, "I'd like to become a data analyst")
    assert pathway(reply) is None and "skills" in texts(reply).lower()

    reply = servers.say(me, "I know Excel and some SQL")
    assert pathway(reply) is None and "budget" in texts(reply).lower()  # constraints, asked once

    reply = servers.say(me, "my budget is $300 and I can do 5 hours a week")
    first = pathway(reply)
    assert first and first["goal"] == "Data Analyst" and "SQL" not in first["gap"]
    spent = first["total_cost_stated"] + first["total_cost_estimated"]
    assert spent <= 300 or any(f["kind"] == "cost" for f in first.get("flags", []))
    assert "5 hours a week" in texts(reply)
    step1, step2 = first["steps"][0], first["steps"][1]

    answer = texts(servers.say(me, "why this one?"))
    assert step1["title"] in answer and "Covers" in answer

    answer = texts(servers.say(me, "what does step 2 cover?"))
    assert step2["title"] in answer

    reply = servers.say(me, "actually I don't know SQL")
    updated = pathway(reply)
    assert updated and "SQL" in updated["gap"] and "SQL" not in updated["current_skills"]
    assert "updated pathway" in texts(reply).lower()

    slots = servers.tracker(me)["slots"]
    assert slots["career_goal"] == "Data Analyst"
    assert "SQL" not in slots["current_skills"] and "Microsoft Excel" in slots["current_skills"]
    assert slots["budget"] == 300 and slots["hours_per_week"] == 5

    reply = servers.say(me, "change my goal to UX designer")
    ux = pathway(reply)
    assert ux and ux["goal"] == "UX Designer"
    assert servers.tracker(me)["slots"]["career_goal"] == "UX Designer"


def test_everything_in_one_message_then_provider_preferences(servers: Servers) -> None:
    me = f"conv-{uuid.uuid4().hex[:8]}"
    first = pathway(servers.say(me, "I'm a nurse and want to move into telemedicine, I know EHR and triage"))
    assert first and "Tele" in first["goal"]
    assert servers.tracker(me)["slots"]["background_roles"] == ["Registered Nurse"]
    reply = servers.say(me, "not Udemy please, and only free ones")
    assert "avoiding udemy" in texts(reply).lower() or pathway(reply)
    slots = servers.tracker(me)["slots"]
    assert slots["avoided_providers"] == ["udemy"] and slots["free_only"] is True


def test_no_goal_gets_three_ranked_role_suggestions(servers: Servers) -> None:
    me = f"conv-{uuid.uuid4().hex[:8]}"
    servers.say(me, "I don't know what job I want")
    reply = servers.say(me, "I know Python, SQL, statistics and machine learning")
    buttons = [b for r in reply for b in r.get("buttons", [])]
    assert len(buttons) == 3 and "skills to learn" in texts(reply)


def test_a_job_alone_is_enough_for_role_suggestions_and_is_not_offered_back(servers: Servers) -> None:
    me = f"background-{uuid.uuid4().hex[:8]}"
    reply = servers.say(me, "im a nurse, no idea what to do next")
    answer = texts(reply)
    offered = [b["title"] for r in reply for b in r.get("buttons", [])]
    assert "Based on your background" in answer and "likely covers" in answer
    assert len(offered) == 3 and "Registered Nurse" not in offered


def test_a_job_we_have_no_profile_for_gets_the_closest_roles_we_have(servers: Servers) -> None:
    me = f"unknown-{uuid.uuid4().hex[:8]}"
    reply = servers.say(me, "I'm a school librarian and I want to become a dental hygienist")
    answer = texts(reply)
    assert pathway(reply) is None
    assert "Dental Hygienist (O*NET files it under Dental Hygienists)" in answer
    offered = [b["title"] for r in reply for b in r.get("buttons", [])]
    assert offered and all(title in answer for title in offered)
    slots = servers.tracker(me)["slots"]
    assert slots["career_goal"] is None and slots["career_goal_onet"] == "29-1292.00"
    assert "School Librarian" in slots["background_roles"]

    servers.say(me, f"I want to become a {offered[0]}")
    assert servers.tracker(me)["slots"]["career_goal"] == offered[0]


def test_an_onet_title_of_a_covered_occupation_is_that_role(servers: Servers) -> None:
    me = f"onet-{uuid.uuid4().hex[:8]}"
    servers.say(me, "I'm a school librarian and I want to become a clinical informatics analyst")
    slots = servers.tracker(me)["slots"]
    assert slots["career_goal"] == "Health Informatics Specialist"
    assert (slots["career_goal_onet"], slots["career_goal_onet_title"]) == ("15-1211.01", "Health Informatics Specialists")


def test_two_credentials_set_against_each_other_are_compared_for_the_goal(servers: Servers) -> None:
    """Over REST, as a learner asks it: the comparison comes side by side for their goal, and naming the two
    credentials in a question adds nothing to what they are said to have."""
    me = f"compare-{uuid.uuid4().hex[:8]}"
    servers.say(me, "I'm a help desk technician and want to become a cybersecurity analyst. I know networking")
    before = servers.tracker(me)["slots"]["current_skills"]
    reply = texts(servers.say(me, "security+ or cysa+, which one do employers actually want?"))
    assert reply.startswith("Side by side, from what the catalogue records")
    assert "- CompTIA Security+ (CompTIA, certification exam" in reply and "- CompTIA CySA+ (" in reply
    assert "For Cybersecurity Analyst it closes" in reply
    assert servers.tracker(me)["slots"]["current_skills"] == before
