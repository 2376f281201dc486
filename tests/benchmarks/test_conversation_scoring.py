"""The conversation score's goal rule for a job no role covered when it was labelled: the occupation recorded
must be the labelled one, and a role may be claimed only if it is that occupation (a role added since)."""

from __future__ import annotations

from benchmarks.conversation_scoring import score_conversation

CONV = {"id": "c", "industry": "healthcare", "turns": [{"text": "I want to be an LPN"}], "expect": {"goal": "LPN"}}
LABEL = {"goal": {"onet": "29-2061.00"}, "goal_title_codes": ("29-2061.00",)}


def goal_ok(slots: dict) -> bool | None:
    return score_conversation(CONV, LABEL, slots, [[{"text": "ok"}]]).goal_ok


def test_the_occupation_recorded_without_a_role_is_right() -> None:
    assert goal_ok({"career_goal": None, "career_goal_onet": "29-2061.00"})


def test_a_role_of_that_very_occupation_is_right_and_any_other_role_is_wrong() -> None:
    assert goal_ok({"career_goal": "Licensed Practical Nurse", "career_goal_onet": "29-2061.00"})
    assert not goal_ok({"career_goal": "Registered Nurse", "career_goal_onet": "29-2061.00"})
    assert not goal_ok({"career_goal": None, "career_goal_onet": "29-1141.00"})
