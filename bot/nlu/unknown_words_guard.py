"""Rasa NLU component that stops the intent classifier from being confident about words it has never seen.

A classifier has to pick some intent, and for gibberish ("blorp zzkx fnord") it may pick one with a high
confidence (DIET gave 1.0; character n-grams of nonsense can still look like a short intent), so the
``FallbackClassifier`` never fires and the two-stage fallback never runs. This
component learns the vocabulary of the training data (plus the taxonomy's skill and role words) and, for a
message in which no word is known and no entity was found, sets the intent confidence to 0 so that the
``FallbackClassifier`` after it asks the learner to rephrase. Messages with any known word are untouched.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from catalog.catalogue.taxonomy import default_taxonomy

WORD = re.compile(r"[^\W\d_]{2,}")
VOCABULARY_FILE = "vocabulary.json"


def words_of(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text or "")}


@functools.lru_cache(maxsize=1)
def taxonomy_words() -> frozenset[str]:
    words: set[str] = set()
    for form in default_taxonomy().surface_forms():
        words |= words_of(form.text)
    return frozenset(words)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsGuard(GraphComponent):
    """Zero intent confidence for messages made only of words the assistant has never seen."""

    def __init__(self, model_storage: ModelStorage, resource: Resource, vocabulary: set[str]) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self._vocabulary = vocabulary

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> UnknownWordsGuard:
        return cls(model_storage, resource, set())

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> UnknownWordsGuard:
        try:
            with model_storage.read_from(resource) as directory:
                vocabulary = set(json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8")))
        except (ValueError, FileNotFoundError):
            vocabulary = set()  # an untrained guard lets everything through rather than block the bot
        return cls(model_storage, resource, vocabulary)

    def train(self, training_data: TrainingData) -> Resource:
        vocabulary: set[str] = set()
        for example in training_data.training_examples:
            vocabulary |= words_of(example.get(TEXT))
        for responses in (training_data.responses or {}).values():
            for response in responses:
                vocabulary |= words_of(response.get("text", ""))
        self._vocabulary = vocabulary
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(sorted(vocabulary)), encoding="utf-8")
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        if not self._vocabulary:
            return messages
        for message in messages:
            words = words_of(message.get(TEXT))
            if not words or words & self._vocabulary or words & taxonomy_words() or message.get(ENTITIES):
                continue
            intent = message.get(INTENT)
            if intent:
                message.set(INTENT, {**intent, "confidence": 0.0}, add_to_output=True)
                ranking = message.get(INTENT_RANKING_KEY) or []
                message.set(INTENT_RANKING_KEY, [{**r, "confidence": 0.0} for r in ranking], add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

