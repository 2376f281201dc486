"""Handing an enquiry to a counsellor: open (or add to) a triage case, tell the learner what happens next,
and pause the conversation until a counsellor hands it back.

A distressed learner is answered with care first (and, where there is a risk of harm, with emergency
contacts) before anything else, and even when the case store cannot be reached.
"""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.entities import latest_entities
from catalog.advice import wording
from catalog.triage.rules import TOPIC_LABELS, Triage, triage
from catalog.triage.store import CaseStore
from catalog.triage.summary import case_summary
from catalog.triage.transcript import transcript_of_events

logger = logging.getLogger(__name__)
HANDOFF_INTENTS = {"request_human", "distress", "outside_remit"}
_store: CaseStore | None = None


def case_store() -> CaseStore:
    global _store
    if _store is None:
        _store = CaseStore()
    return _store


def reset_case_store() -> None:
    global _store
    if _store is not None:
        _store.dispose()
    _store = None


def transcript(tracker: Tracker) -> list[dict[str, str]]:
    """Who said what, for the case summary (hand-over markers left out)."""
    return [{"from": m["from"], "text": m["text"]} for m in transcript_of_events(tracker.events)
            if m["from"] != "system" and m["text"]]


def constraint_summary(tracker: Tracker) -> list[str]:
    facts = []
    if tracker.get_slot("budget") is not None:
        facts.append(f"budget {tracker.get_slot('budget'):,.0f} {tracker.get_slot('budget_currency') or 'USD'}")
    if tracker.get_slot("hours_per_week"):
        facts.append(f"{tracker.get_slot('hours_per_week'):g} h/week")
    if tracker.get_slot("deadline_weeks"):
        facts.append(f"deadline {tracker.get_slot('deadline_weeks'):g} weeks")
    if tracker.get_slot("free_only"):
        facts.append("free only")
    for slot, label in (("preferred_providers", "prefers"), ("avoided_providers", "avoids")):
        if tracker.get_slot(slot):
            facts.append(f"{label} {', '.join(tracker.get_slot(slot))}")
    if tracker.get_slot("workspace"):
        facts.append(f"Slack workspace {tracker.get_slot('workspace')}")
    return facts


def open_case(dispatcher: CollectingDispatcher, tracker: Tracker, trigger: str) -> list[EventType]:
    """Reply, record the case and pause; what every hand-over shares."""
    entities = latest_entities(tracker)
    concern = next((e["value"] for e in entities if e.get("entity") == "concern"), None)
    topics = tuple(dict.fromkeys(e["value"] for e in entities if e.get("entity") == "remit_topic"))
    why = triage(trigger, concern, topics)
    if why.reason in ("risk_of_harm", "possible_risk"):
        dispatcher.utter_message(response="utter_risk_of_harm")
    elif why.reason == "distress":
        dispatcher.utter_message(response="utter_distress_care")
    try:
        case_id, new = record_case(tracker, why)
    except Exception:  # the learner must know no one has been told, and still get the safety information
        logger.exception("could not record a triage case for %s", tracker.sender_id)
        dispatcher.utter_message(response="utter_case_store_down")
        return []
    dispatcher.utter_message(response=_next_steps(why, new), topic=_topic_text(topics))
    return [SlotSet("case_id", float(case_id)), ConversationPaused()]


def record_case(tracker: Tracker, why: Triage) -> tuple[int, bool]:
    profile = {s: tracker.get_slot(s) for s in ("career_goal", "current_skills", "background_roles")}
    summary = case_summary(profile, tracker.get_slot("pathway"), constraint_summary(tracker), why,
                           transcript(tracker))
    return case_store().open_or_add(tracker.sender_id, tracker.get_latest_input_channel(), why.priority,
                                    why.reason, why.rule, summary, tracker.latest_message.get("text"))


def _topic_text(topics: tuple[str, ...]) -> str:
    return wording.join_names([TOPIC_LABELS.get(t, t) for t in topics]) or "this"


def _next_steps(why: Triage, new: bool) -> str:
    if not new:
        return "utter_case_updated"
    if why.reason == "outside_remit":
        return "utter_case_opened_outside_remit"
    if why.reason == "not_understood":
        return "utter_case_opened_not_understood"
    return "utter_case_opened"


class ActionOpenCase(Action):
    def name(self) -> str:
        return "action_open_case"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        return open_case(dispatcher, tracker, intent if intent in HANDOFF_INTENTS else "request_human")


class ActionDeleteMyData(Action):
    """After the learner confirmed (deletion_form): delete their cases here; the tracker store deletes their
    conversation when it sees ``forget_me`` (bot/stores/forgetting_tracker_store.py)."""

    def name(self) -> str:
        return "action_delete_my_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if not tracker.get_slot("deletion_confirmed"):
            dispatcher.utter_message(response="utter_deletion_cancelled")
            return [SlotSet("deletion_confirmed", None)]
        try:
            cases = case_store().forget_sender(tracker.sender_id)
        except Exception:
            logger.exception("could not delete the cases of %s", tracker.sender_id)
            dispatcher.utter_message(response="utter_deletion_failed")
            return [SlotSet("deletion_confirmed", None)]
        logger.info("deleted %d triage case(s) of a learner on request", cases)
        dispatcher.utter_message(response="utter_data_deleted")
        return [SlotSet("forget_me", True)]

