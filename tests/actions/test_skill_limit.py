"""A learner whose profile is full is told which skills were not added, and why, in the learner's words."""

from __future__ import annotations

from actions.slot_extraction import ValidateSlotMappings
from catalog.reading.profile import MAX_PROFILE_SKILLS
from tests.actions.conftest import entity


def test_skills_past_the_bound_get_a_polite_reply_and_the_slot_keeps_the_first_ones(make_tracker, dispatcher,
                                                                                     domain) -> None:
    full = [f"Skill {i}" for i in range(MAX_PROFILE_SKILLS)]
    tracker = make_tracker("I also know SQL and Python", entities=[entity("skill", "SQL"), entity("skill", "Python")],
                           slots={"current_skills": full})
    assert ValidateSlotMappings().extract_current_skills(dispatcher, tracker, domain) == {}
    reply, = dispatcher.messages
    assert f"up to {MAX_PROFILE_SKILLS} skills" in reply["text"] and "SQL and Python" in reply["text"]


def test_a_profile_with_room_gets_no_such_reply(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("I know SQL", entities=[entity("skill", "SQL")], slots={"current_skills": ["Python"]})
    assert ValidateSlotMappings().extract_current_skills(dispatcher, tracker, domain) == {
        "current_skills": ["Python", "SQL"]}
    assert dispatcher.messages == []
