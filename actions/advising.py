"""The adviser's main move after each message: ask the one missing thing, or (re)build the pathway.

Information arrives in any order and often all at once, so instead of a fixed form this looks at what
is known and asks only what is missing: goal, then skills, then (once, skippable) constraints.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.catalog_service import catalog_service
from actions.rendering import (
    FOLLOW_UP_BUTTONS,
    join_names,
    pathway_text,
    role_buttons,
    suggestion_buttons,
    suggestions_text,
)
from catalog.advice.recommender import Constraints, Pathway, recommend_pathway
from catalog.advice.suggestions import closest_roles, suggest_roles
from catalog.reading.profile import apply_entities

SKIP_INTENTS = {"no_preference", "deny"}
CONSTRAINT_SLOTS = ("budget", "hours_per_week", "deadline_weeks", "preferred_providers", "avoided_providers",
                    "free_only", "delivery_mode", "optimise")
CONSTRAINT_BUTTONS = [
    {"title": "No limits", "payload": "/no_preference"},
    {"title": "Free only", "payload": "only free options please"},
    {"title": "Under $300", "payload": "my budget is $300"},
    {"title": "5 hours a week", "payload": "I can study 5 hours a week"},
]


def constraints_from(tracker: Tracker) -> Constraints:
    delivery = tracker.get_slot("delivery_mode")
    return Constraints(
        budget=tracker.get_slot("budget"),
        currency=tracker.get_slot("budget_currency") or "USD",
        hours_per_week=tracker.get_slot("hours_per_week"),
        deadline_weeks=tracker.get_slot("deadline_weeks"),
        prefer_providers=tuple(tracker.get_slot("preferred_providers") or ()),
        avoid_providers=tuple(tracker.get_slot("avoided_providers") or ()),
        free_only=bool(tracker.get_slot("free_only")),
        delivery=delivery,
        optimise=tracker.get_slot("optimise") or "balanced",
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
    )


def send_pathway(dispatcher: CollectingDispatcher, tracker: Tracker, intro: str | None = None) -> list[EventType]:
    """Text for the learner plus the ``pathway`` custom payload for widgets and counsellors."""
    pathway = build_pathway(tracker)
    dispatcher.utter_message(text=pathway_text(pathway, intro), buttons=FOLLOW_UP_BUTTONS if pathway.steps else [])
    payload = pathway.as_payload()
    dispatcher.utter_message(json_message=payload)
    return [SlotSet("pathway", payload), SlotSet("last_question", None)]


def understood(tracker: Tracker) -> str | None:
    """One sentence on what this message told us, so the learner can correct a misreading at once."""
    entities = tracker.latest_message.get("entities", [])
    change = apply_entities([], [e for e in entities if e.get("entity") in ("skill", "job_role")])
    removed = [e["value"] for e in entities if e.get("entity") == "skill" and e.get("role") == "lacks"]
    parts = []
    if change.goal:
        parts.append(f"you're aiming for {change.goal}")
    if change.background:
        parts.append(f"you're coming from {join_names(change.background)}")
    if change.added:
        parts.append(f"you know {join_names(change.added)}")
    if removed:
        parts.append(f"you don't have {join_names(removed)} (yet)")
    constraint_bits = []
    for e in entities:
        name = e.get("entity")
        if name == "budget":
            cur = (e.get("additional_info") or {}).get("currency", "USD")
            constraint_bits.append(f"a budget of {e['value']:,.0f} {cur}")
        elif name == "hours_per_week":
            constraint_bits.append(f"{e['value']:g} hours a week")
        elif name == "deadline_weeks":
            constraint_bits.append(f"a deadline of about {e['value']:.0f} weeks")
        elif name == "free_only":
            constraint_bits.append("free options only")
        elif name == "provider":
            constraint_bits.append(("avoiding " if e.get("role") == "avoid" else "preferring ") + str(e["value"]))
    if constraint_bits:
        parts.append(join_names(constraint_bits))
    if not parts:
        return None
    return "Got it: " + "; ".join(parts) + "."


class ActionAdvise(Action):
    def name(self) -> str:
        return "action_advise"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        last_question = tracker.get_slot("last_question")
        goal = tracker.get_slot("career_goal")
        skills = tracker.get_slot("current_skills") or []
        events: list[EventType] = []
        note = understood(tracker)

        if last_question == "skills" and intent in SKIP_INTENTS:
            events.append(SlotSet("skills_asked", True))
        if last_question == "constraints" and intent in SKIP_INTENTS | {"affirm"}:
            events.append(SlotSet("constraints_asked", True))
        skills_asked = tracker.get_slot("skills_asked") or any(
            isinstance(e, dict) and e.get("name") == "skills_asked" for e in events)
        constraints_given = any(tracker.get_slot(s) for s in CONSTRAINT_SLOTS)
        constraints_done = (tracker.get_slot("constraints_asked") or constraints_given
                            or last_question == "constraints")

        unknown_goal = apply_entities([], tracker.latest_message.get("entities", [])).unknown_goal
        if unknown_goal:
            return events + self._offer_closest(dispatcher, unknown_goal, note, goal)
        if not goal:
            if skills or tracker.get_slot("background_roles"):
                return events + self._suggest(dispatcher, tracker, note)
            text = (note + " " if note else "") + "What role would you like to move into? For example data analyst, " \
                   "project manager, instructional designer or robotics technician. If you're not sure, say so " \
                   "and I'll suggest some."
            dispatcher.utter_message(text=text)
            return events + [SlotSet("last_question", "goal")]
        if not skills and not skills_asked:
            dispatcher.utter_message(text=(note + " " if note else "") +
                                     f"Great goal: {goal}. Which skills do you already have? List them any way you "
                                     f"like, e.g. 'Excel, some SQL and 2 years of customer service'.")
            return events + [SlotSet("last_question", "skills"), SlotSet("skills_asked", True)]
        said_all_at_once = bool(note) and "aiming for" in note and "you know" in note
        if not constraints_done and not said_all_at_once and not tracker.get_slot("pathway") \
                and intent != "request_pathway":
            dispatcher.utter_message(
                text=(note + " " if note else "") + "Any limits I should respect: a budget, hours per week, a "
                     "deadline, or providers you prefer or want to avoid? Or say 'no preference'.",
                buttons=CONSTRAINT_BUTTONS,
            )
            return events + [SlotSet("last_question", "constraints"), SlotSet("constraints_asked", True)]
        intro = note
        if tracker.get_slot("pathway") and intent in ("inform", "refine_pathway", "no_preference"):
            intro = (note + " " if note else "") + "Here's your updated pathway."
        return events + send_pathway(dispatcher, tracker, intro)

    @staticmethod
    def _offer_closest(dispatcher: CollectingDispatcher, title: str, note: str | None,
                       goal: str | None) -> list[EventType]:
        """A job we have no skill profile for: say so, and offer the nearest roles we can plan for."""
        svc = catalog_service()
        closest = closest_roles(svc.taxonomy, title)
        text = (note + " " if note else "") + f"I don't have a skill profile for {title} yet, so I can't plan a " \
            f"pathway to it honestly."
        if closest:
            text += f" The closest roles I can plan for are {join_names(closest)}: pick one"
        else:
            text += " Tell me a related role I might know"
        text += f", or keep {goal}." if goal else ", or name another role."
        dispatcher.utter_message(text=text, buttons=role_buttons(closest))
        return [SlotSet("last_question", "goal")]

    def _suggest(self, dispatcher: CollectingDispatcher, tracker: Tracker, note: str | None) -> list[EventType]:
        svc = catalog_service()
        suggestions = suggest_roles(svc.taxonomy, tracker.get_slot("current_skills") or [],
                                    tracker.get_slot("background_roles") or [])
        text = (note + " " if note else "") + suggestions_text(suggestions)
        dispatcher.utter_message(text=text, buttons=suggestion_buttons(suggestions))
        return [SlotSet("last_question", "goal")]


class ActionSuggestRoles(Action):
    def name(self) -> str:
        return "action_suggest_roles"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if not (tracker.get_slot("current_skills") or tracker.get_slot("background_roles")):
            dispatcher.utter_message(text="Happy to suggest roles. Tell me a few things you're good at or have done "
                                          "at work (tools, tasks, your current job) and I'll match them to roles.")
            return [SlotSet("last_question", "skills_for_suggestions")]
        return ActionAdvise()._suggest(dispatcher, tracker, None)


def pathway_step_ids(tracker: Tracker) -> list[str]:
    payload: dict[str, Any] = tracker.get_slot("pathway") or {}
    return [s["id"] for s in payload.get("steps", [])]
