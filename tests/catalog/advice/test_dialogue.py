"""The adviser's state machine: it asks only for what is missing, once, and reads answers by what it asked."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from catalog.advice.dialogue import AdviserState, Move, Question, Turn, next_move

READY = AdviserState(goal="Data Analyst", has_skills=True, skills_asked=True)


def test_the_order_of_questions() -> None:
    assert next_move(AdviserState(), Turn()).move is Move.ASK_GOAL
    assert next_move(AdviserState(has_skills=True), Turn()).move is Move.SUGGEST_ROLES
    assert next_move(AdviserState(has_background=True), Turn()).move is Move.SUGGEST_ROLES
    assert next_move(AdviserState(goal="Data Analyst"), Turn()).move is Move.ASK_SKILLS
    assert next_move(READY, Turn(intent="inform")).move is Move.ASK_CONSTRAINTS


def test_skipping_the_skills_question_moves_on() -> None:
    state = AdviserState(goal="Data Analyst", asked=Question.SKILLS, skills_asked=True)
    decision = next_move(state, Turn(intent="no_preference"))
    assert decision.move is Move.ASK_CONSTRAINTS and decision.asks is Question.CONSTRAINTS


def test_a_message_with_goal_and_skills_skips_the_constraints_question() -> None:
    assert next_move(READY, Turn(intent="inform", gave_goal=True, gave_skills=True)).move is Move.SHOW_PATHWAY
    assert next_move(READY, Turn(intent="request_pathway")).move is Move.SHOW_PATHWAY
    assert next_move(AdviserState(goal="Data Analyst", has_skills=True, constraints_given=True),
                     Turn()).move is Move.SHOW_PATHWAY


def test_any_answer_to_the_constraints_question_gives_the_pathway() -> None:
    asked = AdviserState(goal="Data Analyst", has_skills=True, asked=Question.CONSTRAINTS, constraints_asked=True)
    for intent in ("no_preference", "deny", "affirm", "inform", "chitchat"):
        assert next_move(asked, Turn(intent=intent)).move is Move.SHOW_PATHWAY


def test_a_change_after_a_pathway_updates_it() -> None:
    shown = AdviserState(goal="Data Analyst", has_skills=True, has_pathway=True)
    assert next_move(shown, Turn(intent="inform", gave_skills=True)).move is Move.UPDATE_PATHWAY
    assert next_move(shown, Turn(intent="request_pathway")).move is Move.SHOW_PATHWAY


def test_goals_we_cannot_plan_for() -> None:
    assert next_move(READY, Turn(unknown_goal="Astronaut")).move is Move.OFFER_CLOSEST
    gone = AdviserState(goal="Old Role", goal_in_taxonomy=False, has_skills=True)
    decision = next_move(gone, Turn())
    assert decision.move is Move.GOAL_GONE and decision.asks is Question.GOAL


@given(st.builds(AdviserState, asked=st.none() | st.sampled_from(Question), goal=st.none() | st.just("X"),
                 goal_in_taxonomy=st.booleans(), has_skills=st.booleans(), has_background=st.booleans(),
                 skills_asked=st.booleans(), constraints_asked=st.booleans(), constraints_given=st.booleans(),
                 has_pathway=st.booleans()),
       st.builds(Turn, intent=st.sampled_from([None, "inform", "no_preference", "deny", "affirm", "request_pathway"]),
                 gave_goal=st.booleans(), gave_skills=st.booleans(), unknown_goal=st.none() | st.just("Astronaut")))
def test_each_question_is_asked_at_most_once(state: AdviserState, turn: Turn) -> None:
    decision = next_move(state, turn)
    if decision.move is Move.ASK_SKILLS:
        assert not state.skills_asked and decision.skills_asked
    if decision.move is Move.ASK_CONSTRAINTS:
        assert not state.constraints_asked and decision.constraints_asked
    assert decision.skills_asked >= state.skills_asked and decision.constraints_asked >= state.constraints_asked
