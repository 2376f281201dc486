"""Follow-up questions about the learner's own pathway: why, what, recognised, accredited, verify, next."""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.advising import pathway_step_ids, send_pathway
from actions.catalog_service import catalog_service
from actions.entities import latest_entities
from actions.longtail import reply_with_credential_comparison
from catalog.advice import wording
from catalog.advice.dialogue import Question
from catalog.advice.provider_comparison import compare_providers
from catalog.advice.wording import (
    accreditation_answer,
    next_answer,
    recognition_answer,
    verification_answer,
)
from catalog.catalogue.index import IndexedCredential
from catalog.catalogue.taxonomy import INDUSTRIES
from catalog.reading.held_credentials import held_credentials
from catalog.reading.references import (
    asks_about_whole_pathway,
    asks_without_claiming,
    find_credential,
    named_credentials,
    step_reference,
    unknown_credential_name,
)


class _StepAction(Action, ABC):
    """Finds the step a question is about ('step 2', 'the Google one', else the last step discussed)."""

    def focus(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> tuple[int, IndexedCredential] | None:
        ids = pathway_step_ids(tracker)
        svc = catalog_service()
        text = tracker.latest_message.get("text") or ""
        if not ids:
            named = find_credential(text, svc.index)
            if named:
                return 0, named
            providers = [e["value"] for e in latest_entities(tracker) if e.get("entity") == "provider"]
            unknown = unknown_credential_name(text)
            if providers:  # "will a coursera cert be recognised?": what the catalogue records about Coursera
                goal = tracker.get_slot("career_goal")
                role = svc.taxonomy.roles.get(goal) if goal else None
                facts = compare_providers(svc.index, providers, role.skills if role else (), goal)
                dispatcher.utter_message(text=wording.provider_comparison_text(facts, goal))
            elif unknown:
                dispatcher.utter_message(text=wording.unknown_credential_text(unknown))
            else:
                dispatcher.utter_message(response="utter_no_pathway")
            return None
        default = int(tracker.get_slot("focus_step") or 1)
        number = step_reference(text, len(ids), None)
        if number is None:
            named = find_credential(text, svc.index, ids) if not text.startswith("/") else None
            if named is not None:
                return (ids.index(named.id) + 1 if named.id in ids else 0), named
            number = default
        if not 1 <= number <= len(ids):
            dispatcher.utter_message(response="utter_which_step", steps=len(ids))
            return None
        item = svc.index.get(ids[number - 1])
        if item is None:
            dispatcher.utter_message(response="utter_credential_gone")
            return None
        return number, item

    @abstractmethod
    def answer(self, item: IndexedCredential, number: int, tracker: Tracker) -> str:
        """The reply about ``item`` (step ``number``, 0 when it is not in the pathway)."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        found = self.focus(dispatcher, tracker)
        if found is None:
            return []
        number, item = found
        dispatcher.utter_message(text=self.answer(item, number, tracker))
        return [SlotSet("focus_step", float(number))] if number else []


def _step_payload(tracker: Tracker, number: int) -> dict:
    steps = (tracker.get_slot("pathway") or {}).get("steps", [])
    return steps[number - 1] if 1 <= number <= len(steps) else {}


class ActionExplainStep(_StepAction):
    def name(self) -> str:
        return "action_explain_step"

    def answer(self, item: IndexedCredential, number: int, tracker: Tracker) -> str:
        return wording.why_answer(item, number, _step_payload(tracker, number))


class ActionStepDetails(_StepAction):
    """What a step (or a named credential) is, how long it takes and what it costs; a question about the
    whole pathway ("how long will it all take at 5 hours a week?") gets the pathway's time and cost, and
    when there is no pathway yet but a goal, the pathway is built first (the hours just given included)."""

    def name(self) -> str:
        return "action_step_details"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        ids = pathway_step_ids(tracker)
        whole = (asks_about_whole_pathway(text) and step_reference(text, max(len(ids), 1), None) is None
                 and find_credential(text, catalog_service().index, ids) is None)
        if not whole:
            return await super().run(dispatcher, tracker, domain)
        events: list[EventType] = []
        payload = tracker.get_slot("pathway")
        if not payload or not payload.get("steps"):
            if not tracker.get_slot("career_goal"):
                dispatcher.utter_message(response="utter_no_pathway")
                return []
            events = send_pathway(dispatcher, tracker)
            payload = next((e["value"] for e in events if e.get("name") == "pathway"), None)
            if not payload:  # the goal is no longer in the taxonomy: the learner has been asked again
                return events
        dispatcher.utter_message(text=wording.pathway_time_and_cost_answer(
            payload, tracker.get_slot("hours_per_week"), dt.date.today()))
        return events

    def answer(self, item: IndexedCredential, number: int, tracker: Tracker) -> str:
        return (wording.step_details_answer(item, _step_payload(tracker, number).get("covers") or [])
                + wording.step_pace_text(item, tracker.get_slot("hours_per_week")))


class ActionAnswerRecognition(_StepAction):
    def name(self) -> str:
        return "action_answer_recognition"

    def answer(self, item: IndexedCredential, number: int, tracker: Tracker) -> str:
        text = (tracker.latest_message.get("text") or "").lower()
        asked = next((i for i in INDUSTRIES if re.search(rf"\b{i.split('_')[0]}\b", text) and i != "it"), None)
        if asked is None and re.search(r"\b(tech|software|IT)\b", tracker.latest_message.get("text") or ""):
            asked = "it"
        if asked is None and ("health" in text or "hospital" in text or "clinic" in text):
            asked = "healthcare"
        if asked is None and ("finance" in text or "bank" in text):
            asked = "business_finance"
        if asked is None:
            goal = tracker.get_slot("career_goal")
            role = catalog_service().taxonomy.roles.get(goal) if goal else None
            asked = role.industry if role else None
        return recognition_answer(item, asked)


class ActionAnswerAccreditation(_StepAction):
    def name(self) -> str:
        return "action_answer_accreditation"

    def answer(self, item: IndexedCredential, number: int, tracker: Tracker) -> str:
        return accreditation_answer(item)


class ActionAnswerVerification(_StepAction):
    def name(self) -> str:
        return "action_answer_verification"

    def answer(self, item: IndexedCredential, number: int, tracker: Tracker) -> str:
        return verification_answer(item)


class ActionAnswerNext(_StepAction):
    def name(self) -> str:
        return "action_answer_next"

    def focus(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> tuple[int, IndexedCredential] | None:
        ids = pathway_step_ids(tracker)
        text = tracker.latest_message.get("text") or ""
        if ids and step_reference(text, len(ids)) is None and not tracker.get_slot("focus_step"):
            item = catalog_service().index.get(ids[-1])  # "what comes after this?" = after the whole pathway
            if item:
                return len(ids), item
        return super().focus(dispatcher, tracker)

    def answer(self, item: IndexedCredential, number: int, tracker: Tracker) -> str:
        return next_answer(item, catalog_service().index)


class ActionAlreadyHave(Action):
    def name(self) -> str:
        return "action_already_have"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        svc = catalog_service()
        text = tracker.latest_message.get("text") or ""
        item = find_credential(text, svc.index, pathway_step_ids(tracker))
        if asks_without_claiming(text):
            # "google UX cert vs interaction design foundation?": a question about credentials, not a claim to
            # hold one; recording it would put skills in the profile that the learner never said they have.
            if reply_with_credential_comparison(dispatcher, tracker):
                return []
            named = named_credentials(text, svc.index)[:2] or ([item] if item else [])
            if named:
                dispatcher.utter_message(text=wording.named_credentials_answer(named))
            else:
                dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        # "I already have CompTIA A+ and Network+": every credential said held, else the one named loosely
        items = held_credentials(text, svc.index) or ([item] if item else [])
        if not items:
            dispatcher.utter_message(response="utter_which_credential")
            return []
        completed = list(dict.fromkeys((tracker.get_slot("completed_credentials") or []) + [i.id for i in items]))
        skills = list(dict.fromkeys((tracker.get_slot("current_skills") or [])
                                    + [s for i in items for s in i.record.skills]))
        events: list[EventType] = [SlotSet("completed_credentials", completed), SlotSet("current_skills", skills)]
        intro = wording.already_have_text([i.record.title for i in items])
        if not tracker.get_slot("career_goal"):
            dispatcher.utter_message(text=intro + " What role are you aiming for?")
            return events + [SlotSet("last_question", Question.GOAL.value)]
        tracker.slots.update({"completed_credentials": completed, "current_skills": skills})
        return events + send_pathway(dispatcher, tracker, intro + " Here's your updated pathway.")


class ActionRefinePathway(Action):
    def name(self) -> str:
        return "action_refine_pathway"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if not tracker.get_slot("career_goal"):
            dispatcher.utter_message(response="utter_no_pathway")
            return []
        entities = [e for e in latest_entities(tracker)
                    if e.get("entity") in ("budget", "hours_per_week", "deadline_weeks", "free_only", "optimise",
                                           "delivery", "provider")]
        if not entities:
            dispatcher.utter_message(response="utter_ask_what_to_change", buttons=wording.REFINE_BUTTONS)
            return []
        return send_pathway(dispatcher, tracker, "Here's the pathway with that change.")
