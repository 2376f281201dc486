"""The adviser's main move after each message: ask the one missing thing, or (re)build the pathway.

The decision is ``catalog.advice.dialogue.next_move`` over an explicit state; this module only reads
the tracker into that state, calls the domain, and hands the replies to the dispatcher in the
channel-neutral form every channel renders (text, buttons, the ``pathway`` custom payload).
"""

from __future__ import annotations

import functools
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import goal_choice
from actions.catalog_service import catalog_service
from actions.constraint_slots import CONSTRAINT_SLOTS, SIMPLE_CONSTRAINTS
from actions.entities import latest_entities
from actions.slot_extraction import learner_industries_with_skills, profile_skill_entities
from catalog.advice import wording
from catalog.advice.dialogue import AdviserState, Decision, Move, Question, Turn, next_move
from catalog.advice.eligibility import LearnerBackground
from catalog.advice.employer_policy import apply_policy, load_policies, policy_for
from catalog.advice.payload import pathway_payload
from catalog.advice.recommender import Constraints, Pathway, recommend_pathway
from catalog.advice.suggestions import clearly_best_choice, closest_roles, suggest_roles
from catalog.catalogue.onet import default_onet
from catalog.catalogue.taxonomy import Taxonomy
from catalog.reading.occupations import OccupationReader
from catalog.reading.profile import apply_entities, apply_tool_entities

# A bad EMPLOYER_POLICIES_FILE stops the action server at start, with the entry named, rather than failing
# every employee's turn later.
load_policies()


def constraints_from(tracker: Tracker) -> Constraints:
    """The learner's own limits, inside their employer's policy when they ask from a known workspace."""
    return apply_policy(own_constraints(tracker), policy_for(tracker.get_slot("workspace")))


def own_constraints(tracker: Tracker) -> Constraints:
    simple = {spec.field: tracker.get_slot(slot) for slot, spec in SIMPLE_CONSTRAINTS.items()
              if tracker.get_slot(slot) is not None}
    return Constraints(
        budget=tracker.get_slot("budget"),
        currency=tracker.get_slot("budget_currency") or "USD",
        prefer_providers=tuple(tracker.get_slot("preferred_providers") or ()),
        avoid_providers=tuple(tracker.get_slot("avoided_providers") or ()),
        **simple,
    )


def background_from(tracker: Tracker) -> LearnerBackground:
    """Their jobs and the years they mentioned (``skill_years`` keeps years by skill or job title), their
    degree and licences, for credentials' entry requirements."""
    return LearnerBackground.from_profile(
        catalog_service().taxonomy,
        roles=tracker.get_slot("background_roles") or [],
        years=tracker.get_slot("skill_years") or {},
        licences=tracker.get_slot("licences") or [],
        degree=tracker.get_slot("degree"),
        credentials=tracker.get_slot("completed_credentials") or [],
    )


def build_pathway(tracker: Tracker) -> Pathway:
    svc = catalog_service()
    return recommend_pathway(
        svc.taxonomy,
        svc.index,
        tracker.get_slot("career_goal"),
        tracker.get_slot("current_skills") or [],
        constraints_from(tracker),
        completed=tracker.get_slot("completed_credentials") or [],
        background=background_from(tracker),
    )


def _names_several_kinds(tracker: Tracker, turn: Turn) -> bool:
    """Are the goal's choices the kinds of job one name covers (a title O*NET files under several occupations,
    a field several roles are built on), rather than the roles closest to a title nobody lists ("continuous
    improvement manager")?"""
    if not turn.goal_choices or turn.goal_occupation:
        return False
    title = turn.unknown_goal or ""
    if default_onet().title_key(title) is not None:
        return True
    return any(e.get("entity") == "job_role" and e.get("value") == title
               and (e.get("additional_info") or {}).get("inferred_from") for e in latest_entities(tracker))


def goal_in_taxonomy(tracker: Tracker) -> bool:
    goal = tracker.get_slot("career_goal")
    return not goal or goal in catalog_service().taxonomy.roles


def send_pathway(dispatcher: CollectingDispatcher, tracker: Tracker, intro: str | None = None) -> list[EventType]:
    """The pathway as one neutral reply: its plain text, follow-up buttons and the ``pathway`` payload.

    Each channel renders that one message its own way (bot/channels/): REST passes it on as the contract
    says, the widget shows cards, Slack shows blocks.
    """
    goal = tracker.get_slot("career_goal")
    if not goal_in_taxonomy(tracker):
        return _goal_gone(dispatcher, tracker, goal)
    policy = policy_for(tracker.get_slot("workspace"))
    names = {pid: p.name for pid, p in catalog_service().index.providers.items()}
    payload = pathway_payload(build_pathway(tracker), policy, names, tracker.get_slot("current_tools"))
    if intro:
        dispatcher.utter_message(text=intro)
    dispatcher.utter_message(text=wording.pathway_text(payload),
                             buttons=wording.FOLLOW_UP_BUTTONS if payload["steps"] else [],
                             json_message=payload)
    return [SlotSet("pathway", payload), SlotSet("last_question", None)]


def choices_beyond_their_jobs(choices: list[str], jobs: list[str]) -> list[str]:
    """Where the learner wants to go, without the jobs they already do: "move up to incident response" from a
    SOC analyst is not offered SOC analyst. Kept as they are when nothing else would be left."""
    beyond = [c for c in choices if c not in jobs]
    return beyond or choices


def _goal_gone(dispatcher: CollectingDispatcher, tracker: Tracker, goal: str) -> list[EventType]:
    """A stored goal the taxonomy no longer has (a renamed role, an old conversation)."""
    closest = closest_roles(catalog_service().taxonomy, goal, industries=learner_industries_with_skills(tracker))
    dispatcher.utter_message(text=wording.goal_gone_text(goal, closest), buttons=wording.role_buttons(closest))
    return [SlotSet("career_goal", None), SlotSet("pathway", None), SlotSet("last_question", Question.GOAL.value)]


def understood(tracker: Tracker) -> str | None:
    """What this message told us, in one sentence, so the learner can correct a misreading at once."""
    entities = latest_entities(tracker)
    # Skills as the profile took them: "coding" is Medical Coding to a future medical coder, not programming,
    # and one said lacking before that this message only names is still lacking.
    skills = profile_skill_entities(tracker)
    change = apply_entities([], skills + [e for e in entities if e.get("entity") == "job_role"])
    removed = [e["value"] for e in skills if e.get("role") == "lacks"]
    constraints = [t for t in (wording.constraint_text(e) for e in entities) if t]
    tools = apply_tool_entities([], [e for e in entities if e.get("entity") == "tool"]).added
    return wording.understood_text(change.goal, change.background, change.added, removed, constraints, tools)


def adviser_state(tracker: Tracker) -> AdviserState:
    asked = tracker.get_slot("last_question")
    return AdviserState(
        asked=Question(asked) if asked in Question._value2member_map_ else None,
        goal=tracker.get_slot("career_goal"),
        goal_in_taxonomy=goal_in_taxonomy(tracker),
        has_skills=bool(tracker.get_slot("current_skills")),
        has_background=bool(tracker.get_slot("background_roles")),
        skills_asked=bool(tracker.get_slot("skills_asked")),
        constraints_asked=bool(tracker.get_slot("constraints_asked")),
        constraints_given=any(tracker.get_slot(s) for s in CONSTRAINT_SLOTS),
        has_pathway=bool(tracker.get_slot("pathway")),
    )


def this_turn(tracker: Tracker) -> Turn:
    entities = latest_entities(tracker)
    change = apply_entities([], entities)
    occupation = default_onet().occupation_title(change.goal_onet) if change.goal_onet else ""
    return Turn(intent=(tracker.latest_message.get("intent") or {}).get("name"), gave_goal=bool(change.goal),
                gave_skills=bool(change.added), unknown_goal=change.unknown_goal, goal_occupation=occupation,
                goal_choices=tuple(change.goal_choices))


# Moves that would go on as if the goal the learner said had not been: recommending (roles or a pathway) or asking
# for a goal. With a choice of goal pending, the adviser comes back to it once instead (actions/goal_choice.py).
BACK_TO_THE_CHOICE = frozenset({Move.SUGGEST_ROLES, Move.ASK_GOAL, Move.SHOW_PATHWAY, Move.UPDATE_PATHWAY})


class ActionAdvise(Action):
    def name(self) -> str:
        return "action_advise"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        state, turn = adviser_state(tracker), this_turn(tracker)
        decision = next_move(state, turn)
        events: list[EventType] = [SlotSet("skills_asked", True)] if decision.skills_asked != state.skills_asked \
            else []
        if decision.constraints_asked != state.constraints_asked:
            events.append(SlotSet("constraints_asked", True))
        pending = goal_choice.pending_choice(tracker)
        if pending and not pending.asked_again and decision.move in BACK_TO_THE_CHOICE and not turn.unknown_goal:
            return events + ask_choice_again(dispatcher, tracker, pending, understood(tracker))
        return events + self.act(decision, dispatcher, tracker, turn, understood(tracker))

    def act(self, decision: Decision, dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn,
            note: str | None) -> list[EventType]:
        move, goal = decision.move, tracker.get_slot("career_goal")
        asked = [SlotSet("last_question", decision.asks.value)] if decision.asks else []
        if move is Move.OFFER_CLOSEST:
            closest = list(turn.goal_choices) or closest_roles(catalog_service().taxonomy, turn.unknown_goal or "",
                                                               industries=learner_industries_with_skills(tracker))
            closest = choices_beyond_their_jobs(closest, tracker.get_slot("background_roles") or [])
            several = _names_several_kinds(tracker, turn)
            dispatcher.utter_message(text=wording.no_profile_text(note, turn.unknown_goal or "", closest,
                                                                  goal if state_goal_ok(tracker) else None,
                                                                  occupation=turn.goal_occupation,
                                                                  several=several),
                                     buttons=wording.role_buttons(closest))
            # Kept until answered: a learner who goes past the buttons has still said what they aim for.
            pending = goal_choice.PendingChoice(turn.unknown_goal or "", closest, turn.goal_occupation, several)
            return asked + [SlotSet(goal_choice.SLOT, pending.as_slot() if closest else None)]
        if move is Move.GOAL_GONE:
            return _goal_gone(dispatcher, tracker, goal)
        if move is Move.SUGGEST_ROLES:
            return suggest(dispatcher, tracker, note)
        if move is Move.ASK_GOAL:
            dispatcher.utter_message(text=wording.ask_goal_text(note))
            return asked
        if move is Move.ASK_SKILLS:
            dispatcher.utter_message(text=wording.ask_skills_text(note, goal))
            return asked
        if move is Move.ASK_CONSTRAINTS:
            dispatcher.utter_message(text=wording.ask_constraints_text(note), buttons=wording.CONSTRAINT_BUTTONS)
            return asked
        if move is Move.UPDATE_PATHWAY:
            note = (note + " " if note else "") + "Here's your updated pathway."
        return send_pathway(dispatcher, tracker, note)


def state_goal_ok(tracker: Tracker) -> bool:
    return bool(tracker.get_slot("career_goal")) and goal_in_taxonomy(tracker)


@functools.lru_cache(maxsize=2)
def _occupation_reader(taxonomy: Taxonomy) -> OccupationReader:
    return OccupationReader(taxonomy, default_onet())


def near_roles(taxonomy: Taxonomy, background: list[str]) -> dict[str, list[str]]:
    """For each background job the taxonomy doesn't cover, the covered roles closest to it.

    ``background_roles`` keeps such a job as written ("School Librarian"); O*NET reads it again here to its
    occupation and that occupation's closest covered roles (the ``choices`` the NLU offered for it). A job O*NET
    doesn't know either gets none: no evidence is better than a guess from its words.
    """
    reader = _occupation_reader(taxonomy)
    out: dict[str, list[str]] = {}
    for title in background:
        if title in taxonomy.roles:
            continue
        reading = reader.read(title)
        closest = ([reading.role] if reading.role else list(reading.choices)) if reading else []
        if closest:
            out[title] = closest
    return out


def suggest(dispatcher: CollectingDispatcher, tracker: Tracker, note: str | None) -> list[EventType]:
    """Ranked role ideas, or, with nothing to base them on, a request for what the learner does or knows."""
    taxonomy = catalog_service().taxonomy
    background = tracker.get_slot("background_roles") or []
    near = near_roles(taxonomy, background)
    suggestions = suggest_roles(taxonomy, tracker.get_slot("current_skills") or [], background, near=near)
    if not suggestions:
        unknown = [b for b in background if b not in taxonomy.roles and b not in near]
        dispatcher.utter_message(text=wording.ask_what_they_do_text(note, unknown))
        return [SlotSet("last_question", Question.SKILLS_FOR_SUGGESTIONS.value)]
    text = (note + " " if note else "") + wording.ranked_suggestions_text(suggestions)
    dispatcher.utter_message(text=text, buttons=wording.role_buttons([s.role for s in suggestions]))
    return [SlotSet("last_question", Question.GOAL.value)]


def ask_choice_again(dispatcher: CollectingDispatcher, tracker: Tracker, pending: goal_choice.PendingChoice,
                     note: str | None) -> list[EventType]:
    """The choice of goal the learner went past, asked once more with the same buttons; when their skills clearly
    fit one choice best, that one is proposed as the default (never set: they confirm it)."""
    taxonomy = catalog_service().taxonomy
    background = tracker.get_slot("background_roles") or []
    proposed = clearly_best_choice(taxonomy, pending.choices, tracker.get_slot("current_skills") or [], background,
                                   near_roles(taxonomy, background))
    goal = tracker.get_slot("career_goal") if state_goal_ok(tracker) else None
    dispatcher.utter_message(text=wording.choice_again_text(note, pending.title, pending.choices, goal,
                                                            pending.occupation, pending.several, proposed),
                             buttons=wording.role_buttons(pending.choices))
    return [SlotSet(goal_choice.SLOT, goal_choice.asked_again(pending, proposed)),
            SlotSet("last_question", Question.GOAL.value)]


class ActionSuggestRoles(Action):
    def name(self) -> str:
        return "action_suggest_roles"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        pending = goal_choice.pending_choice(tracker)
        if pending and not pending.asked_again:
            return ask_choice_again(dispatcher, tracker, pending, None)
        if not (tracker.get_slot("current_skills") or tracker.get_slot("background_roles")):
            dispatcher.utter_message(response="utter_ask_skills_for_suggestions")
            return [SlotSet("last_question", Question.SKILLS_FOR_SUGGESTIONS.value)]
        return suggest(dispatcher, tracker, None)


def pathway_step_ids(tracker: Tracker) -> list[str]:
    payload: dict[str, Any] = tracker.get_slot("pathway") or {}
    return [s["id"] for s in payload.get("steps", [])]
