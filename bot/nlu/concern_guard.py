"""Rasa NLU component that makes sure distress, out-of-remit topics and deletion requests reach a person.

A classifier trained on a few examples can read "I lost my job and I don't see the point anymore" as a
career statement. The phrase lists of ``catalog.reading.concerns`` override the intent when they match
(``distress``, ``delete_data``, ``outside_remit``), and always add what they found as entities
(``concern``: risk_of_harm | distress; ``remit_topic``), so the triage action can state why a case opened.
The intent model still catches what the lists miss; the lists only ever add cases, never remove them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from catalog.reading.concerns import read_concerns

# Intents a remit topic does not override: a question about a step or about micro-credentials that happens
# to say "loan" or "visa" is about the course, and asking for a person or to be deleted is already handled.
KEEP_INTENTS_FOR_TOPICS = {"request_human", "distress", "delete_data", "faq", "chitchat", "ask_why",
                           "ask_step_details", "ask_recognition", "ask_accreditation", "ask_verification",
                           "ask_next", "already_have", "refine_pathway"}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ConcernGuard(GraphComponent):
    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> ConcernGuard:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            concerns = read_concerns(text)
            entities = list(message.get(ENTITIES) or [])
            if concerns.topics:  # "mortgage loan officer", "immigration officer": a job, not a loan or a visa
                concerns = replace(concerns, topics=read_concerns(_without_job_titles(text, entities)).topics)
            if concerns.level:
                entities.append(_entity("concern", concerns.level, cues=list(concerns.cues)))
                _force_intent(message, "distress")
            elif concerns.delete_data:
                _force_intent(message, "delete_data")
            elif concerns.topics and (message.get(INTENT) or {}).get("name") not in KEEP_INTENTS_FOR_TOPICS:
                _force_intent(message, "outside_remit")
            entities += [_entity("remit_topic", t) for t in concerns.topics]
            if len(entities) != len(message.get(ENTITIES) or []):
                message.set(ENTITIES, entities, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


def _without_job_titles(text: str, entities: list[dict[str, Any]]) -> str:
    """The text with the job titles the extractor found blanked out, for reading remit topics only (a risk or
    distress phrase is always read in the whole message)."""
    chars = list(text)
    for ent in entities:
        start, end = ent.get("start"), ent.get("end")
        if ent.get("entity") == "job_role" and isinstance(start, int) and isinstance(end, int) and start < end:
            chars[start:end] = " " * (end - start)
    return "".join(chars)


def _entity(name: str, value: str, **info: Any) -> dict[str, Any]:
    ent: dict[str, Any] = {"entity": name, "value": value, "start": 0, "end": 0, "confidence_entity": 1.0,
                           "extractor": "ConcernGuard"}
    if info:
        ent["additional_info"] = info
    return ent


def _force_intent(message: Message, name: str) -> None:
    # The others drop to 0: a runner-up left at 0.99 would be within the FallbackClassifier's ambiguity
    # threshold of the forced 1.0, and the message would become nlu_fallback ("please rephrase").
    ranking = [{**r, "confidence": 0.0} for r in (message.get(INTENT_RANKING_KEY) or []) if r.get("name") != name]
    message.set(INTENT, {"name": name, "confidence": 1.0}, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [{"name": name, "confidence": 1.0}, *ranking], add_to_output=True)
