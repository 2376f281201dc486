"""What the adviser does next, as an explicit state machine over what it knows and what it last asked.

Learners give their goal, skills and limits in any order and often all at once, so there is no fixed
form: each turn looks at the state and asks only for what is still missing (goal, then skills, then,
once and skippable, constraints), or shows the pathway. The pending question is part of the state, so
"no preference" is read as an answer to the question that was asked, not guessed from the reply text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

SKIP_INTENTS = frozenset({"no_preference", "deny"})
UPDATE_INTENTS = frozenset({"inform", "refine_pathway", "no_preference"})


class Question(str, Enum):
    """The question the adviser is waiting on (slot ``last_question``)."""

    GOAL = "goal"
    SKILLS = "skills"
    CONSTRAINTS = "constraints"
    SKILLS_FOR_SUGGESTIONS = "skills_for_suggestions"


class Move(str, Enum):
    OFFER_CLOSEST = "offer_closest"  # the message named a goal we have no profile for
    GOAL_GONE = "goal_gone"  # the stored goal is no longer in the taxonomy
    SUGGEST_ROLES = "suggest_roles"
    ASK_GOAL = "ask_goal"
    ASK_SKILLS = "ask_skills"
    ASK_CONSTRAINTS = "ask_constraints"
    SHOW_PATHWAY = "show_pathway"
    UPDATE_PATHWAY = "update_pathway"  # a pathway was shown before; this one replaces it


# The question each move leaves pending (None: nothing is asked).
ASKS = {Move.OFFER_CLOSEST: Question.GOAL, Move.GOAL_GONE: Question.GOAL, Move.SUGGEST_ROLES: Question.GOAL,
        Move.ASK_GOAL: Question.GOAL, Move.ASK_SKILLS: Question.SKILLS, Move.ASK_CONSTRAINTS: Question.CONSTRAINTS,
        Move.SHOW_PATHWAY: None, Move.UPDATE_PATHWAY: None}


@dataclass(frozen=True)
class AdviserState:
    """What is known before this turn's decision (slots after this message's extraction)."""

    asked: Question | None = None
    goal: str | None = None
    goal_in_taxonomy: bool = True
    has_skills: bool = False
    has_background: bool = False
    skills_asked: bool = False
    constraints_asked: bool = False
    constraints_given: bool = False  # any of the learner's limits is set (actions/constraint_slots.py)
    has_pathway: bool = False


@dataclass(frozen=True)
class Turn:
    """What this message said."""

    intent: str | None = None
    gave_goal: bool = False
    gave_skills: bool = False
    unknown_goal: str | None = None  # a job title named as the goal that the taxonomy lacks
    goal_occupation: str = ""  # O*NET's name for the occupation of ``unknown_goal``, when it has one
    goal_choices: tuple[str, ...] = ()  # covered roles nearest to ``unknown_goal`` (from O*NET), if known


@dataclass(frozen=True)
class Decision:
    move: Move
    skills_asked: bool
    constraints_asked: bool

    @property
    def asks(self) -> Question | None:
        return ASKS[self.move]


def next_move(state: AdviserState, turn: Turn) -> Decision:
    skills_asked = state.skills_asked or (state.asked is Question.SKILLS and turn.intent in SKIP_INTENTS)
    constraints_asked = state.constraints_asked or (
        state.asked is Question.CONSTRAINTS and turn.intent in SKIP_INTENTS | {"affirm"})

    def decide(move: Move) -> Decision:
        return Decision(move, skills_asked or move is Move.ASK_SKILLS,
                        constraints_asked or move is Move.ASK_CONSTRAINTS)

    if turn.unknown_goal:
        return decide(Move.OFFER_CLOSEST)
    if state.goal and not state.goal_in_taxonomy:
        return decide(Move.GOAL_GONE)
    if not state.goal:
        return decide(Move.SUGGEST_ROLES if state.has_skills or state.has_background else Move.ASK_GOAL)
    if not state.has_skills and not skills_asked:
        return decide(Move.ASK_SKILLS)
    constraints_done = constraints_asked or state.constraints_given or state.asked is Question.CONSTRAINTS
    said_all_at_once = turn.gave_goal and turn.gave_skills
    if not (constraints_done or said_all_at_once or state.has_pathway or turn.intent == "request_pathway"):
        return decide(Move.ASK_CONSTRAINTS)
    if state.has_pathway and turn.intent in UPDATE_INTENTS:
        return decide(Move.UPDATE_PATHWAY)
    return decide(Move.SHOW_PATHWAY)
