"""Follow-up questions about the learner's own pathway: why, what, recognised, accredited, verify, next."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.advising import pathway_step_ids, send_pathway
from actions.catalog_service import catalog_service
from actions.rendering import join_names
from catalog.advice.explanations import (
    accreditation_answer,
    find_credential,
    next_answer,
    recognition_answer,
    step_reference,
    verification_answer,
)
from catalog.catalogue.index import IndexedCredential
from catalog.catalogue.taxonomy import INDUSTRIES

NO_PATHWAY = ("I haven't suggested a pathway yet. Tell me the role you're aiming for and the skills you have, "
              "and I'll put one together.")


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
            dispatcher.utter_message(text=NO_PATHWAY)
            return None
        default = int(tracker.get_slot("focus_step") or 1)
        number = step_reference(text, len(ids), None)
        if number is None:
            named = find_credential(text, svc.index, ids) if not text.startswith("/") else None
            if named is not None:
                return (ids.index(named.id) + 1 if named.id in ids else 0), named
            number = default
        if not 1 <= number <= len(ids):
            dispatcher.utter_message(text=f"Your pathway has {len(ids)} steps; which one do you mean?")
            return None
        item = svc.index.get(ids[number - 1])
        if item is None:
            dispatcher.utter_message(text="That credential is no longer in the catalogue; ask me for a new pathway.")
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
        step = _step_payload(tracker, number)
        why = step.get("why") or f"{item.record.title} teaches {join_names(item.record.skills)}."
        flags = [f["reason"] for f in step.get("flags", []) if f["kind"] in ("recognition", "quality", "cost")]
        caveat = f" One caveat: {flags[0]}" if flags else ""
        prefix = f"Step {number}, {item.record.title}: " if number else f"{item.record.title}: "
        return prefix + why + caveat


class ActionStepDetails(_StepAction):
    def name(self) -> str:
        return "action_step_details"

    def answer(self, item: IndexedCredential, number: int, tracker: Tracker) -> str:
        rec = item.record
        facts = [f"by {item.provider_name}"]
        if rec.type:
            facts.append(rec.type.replace("_", " "))
        if rec.level:
            facts.append(f"{rec.level} level")
        if rec.hours is not None:
            facts.append(f"about {rec.hours:g} hours")
        if rec.weeks is not None:
            facts.append(f"{rec.weeks:g} weeks")
        if rec.assessment:
            facts.append(f"assessed by {rec.assessment.replace('_', ' ')}")
        covers = _step_payload(tracker, number).get("covers") or []
        text = f"{rec.title} ({', '.join(facts)}) teaches {join_names(rec.skills, 8)}."
        if covers:
            text += f" For you it closes {join_names(covers)}."
        if rec.url:
            text += f" Details: {rec.url}"
        return text


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
        if item is None:
            dispatcher.utter_message(text="Which credential do you have? Give me its name, e.g. 'Google Data "
                                          "Analytics Professional Certificate'.")
            return []
        completed = list(dict.fromkeys((tracker.get_slot("completed_credentials") or []) + [item.id]))
        skills = list(dict.fromkeys((tracker.get_slot("current_skills") or []) + list(item.record.skills)))
        events: list[EventType] = [SlotSet("completed_credentials", completed), SlotSet("current_skills", skills)]
        intro = f"Nice, {item.record.title} counts: I've added its skills to your profile."
        if not tracker.get_slot("career_goal"):
            dispatcher.utter_message(text=intro + " What role are you aiming for?")
            return events + [SlotSet("last_question", "goal")]
        tracker.slots.update({"completed_credentials": completed, "current_skills": skills})
        return events + send_pathway(dispatcher, tracker, intro + " Here's your updated pathway.")


class ActionRefinePathway(Action):
    def name(self) -> str:
        return "action_refine_pathway"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if not tracker.get_slot("career_goal"):
            dispatcher.utter_message(text=NO_PATHWAY)
            return []
        entities = [e for e in tracker.latest_message.get("entities", [])
                    if e.get("entity") in ("budget", "hours_per_week", "deadline_weeks", "free_only", "optimise",
                                           "delivery", "provider")]
        if not entities:
            dispatcher.utter_message(
                text="What should I change: cost, time, or providers?",
                buttons=[{"title": "Cheaper", "payload": "something cheaper"},
                         {"title": "Faster", "payload": "something faster"},
                         {"title": "Free only", "payload": "only free ones"}],
            )
            return []
        return send_pathway(dispatcher, tracker, "Here's the pathway with that change.")
