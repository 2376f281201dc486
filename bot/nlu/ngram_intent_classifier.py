"""Rasa NLU intent classifier: TF-IDF word and character n-grams into a logistic regression.

Why not DIET: with about 1,700 short training examples over 21 intents, DIET (a transformer trained for 100
epochs) scored below this linear model on every test set we have and took about ten minutes to train on a
two-core machine; the linear model trains in seconds and is deterministic. Character 2-5-grams carry
misspellings and unseen word forms ("certifcate", "recognised"/"recognized"); word 1-2-grams carry phrasing
("what next", "no pref"). Class weights are balanced, so a small intent is not swamped by ``inform``.
Numbers: BENCHMARKS.md. Its settings (C, masking, sub-intents) were chosen by cross-validation on the training
data, never on a test set (``make bench-intent-cv``, ``benchmarks/intent_cv.py``).

Two things set it apart from a plain n-gram model (BENCHMARKS.md, "Choosing the intent model"):

- Skills and roles are masked: the taxonomy finder the entity extractor uses replaces "Minitab" or "sterile
  processing technician" with a placeholder word before the n-grams are taken, so the model learns how
  people phrase a request, not which tools happened to be in its training examples. (So a skill added to the
  taxonomy later is masked at once without retraining: the model already knows what a masked skill means.)
- Retrieval intents are learnt by their sub-intent (``faq/vs_degree``, ``faq/getting_started``...) and their
  probabilities summed back into ``faq``: one linear boundary around all of ``faq`` must enclose a dozen
  unrelated topics, one per topic need not. In cross-validation this turned out neutral (masking is the
  measurable gain); it stays as configured because it neither helps nor hurts there.

It writes ``intent`` and ``intent_ranking`` like any Rasa intent classifier, so ``ResponseSelector``,
``UnknownWordsGuard`` and ``FallbackClassifier`` work after it unchanged.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

import skops.io as sio
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from catalog.reading.mentions import finder_for, mask_mentions

logger = logging.getLogger(__name__)

MODEL_FILE = "ngram_intent_classifier.skops"
# Word tokens keep a question mark as a token of its own: "why?" and "why" are not the same request.
WORD_PATTERN = r"(?u)\b\w+\b|[?]"
# What a saved model may contain; anything else in the file is refused rather than unpickled.
TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "builtins.", "collections.")


def build_pipeline(config: dict[str, Any]) -> Pipeline:
    word = TfidfVectorizer(analyzer="word", ngram_range=tuple(config["word_ngrams"]), sublinear_tf=True,
                           lowercase=True, token_pattern=WORD_PATTERN)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(config["char_ngrams"]), sublinear_tf=True,
                            lowercase=True)
    classifier = LogisticRegression(C=config["C"], max_iter=config["max_iter"], class_weight="balanced",
                                    random_state=config["random_state"])
    return Pipeline([("features", FeatureUnion([("words", word), ("chars", chars)])), ("classifier", classifier)])


def training_label(example: Message, sub_intents: bool) -> str:
    """``faq/vs_degree`` rather than ``faq`` when sub-intents are learnt apart."""
    return (sub_intents and example.get(INTENT_RESPONSE_KEY)) or example.get(INTENT)


def model_input(texts: list[str], config: dict[str, Any]) -> list[str]:
    """What the n-grams are taken from: the text with skills and roles masked (when configured)."""
    if not config["mask_mentions"]:
        return texts
    finder = finder_for(config.get("taxonomy_dir"))
    masked = []
    for text in texts:
        try:
            masked.append(mask_mentions(text, finder.find(text)))
        except Exception:  # a strange message must never break the NLU pipeline: classify it unmasked
            logger.exception("mention masking failed; classifying the text as written")
            masked.append(text)
    return masked


def intent_ranking(labels: Any, probabilities: Any) -> list[dict[str, Any]]:
    """Intents best first, each sub-intent's probability counted towards its intent (faq/vs_degree -> faq)."""
    by_intent: dict[str, float] = defaultdict(float)
    for label, p in zip(labels, probabilities, strict=True):
        by_intent[str(label).split("/", 1)[0]] += float(p)
    return sorted(({"name": name, "confidence": p} for name, p in by_intent.items()), key=lambda r: -r["confidence"])


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class NgramIntentClassifier(IntentClassifier, GraphComponent):
    """Linear intent classifier over the message text; see the module docstring for why."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"C": 80.0, "word_ngrams": [1, 2], "char_ngrams": [2, 5], "max_iter": 3000, "random_state": 42,
                "ranking_length": 10, "mask_mentions": True, "taxonomy_dir": None, "sub_intents": True}

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 pipeline: Pipeline | None = None) -> None:
        self._pipeline = pipeline  # None until trained or loaded: then it predicts nothing
        self._config = {**self.get_default_config(), **config}
        self._model_storage, self._resource = model_storage, resource

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> NgramIntentClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if len({e.get(INTENT) for e in examples}) < 2:
            logger.warning("NgramIntentClassifier needs examples of at least two intents; not trained")
            return self._resource
        pipeline = build_pipeline(self._config)
        labels = [training_label(e, self._config["sub_intents"]) for e in examples]
        pipeline.fit(model_input([e.get(TEXT) for e in examples], self._config), labels)
        self._pipeline = pipeline
        with self._model_storage.write_to(self._resource) as model_dir:
            sio.dump(pipeline, model_dir / MODEL_FILE)
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> NgramIntentClassifier:
        try:
            with model_storage.read_from(resource) as model_dir:
                path = model_dir / MODEL_FILE
                untrusted = sio.get_untrusted_types(file=path)
                refused = [t for t in untrusted if not t.startswith(TRUSTED_PREFIXES)]
                if refused:
                    raise ValueError(f"refusing to load types {refused} from {path}")
                pipeline = sio.load(path, trusted=untrusted)
        except (ValueError, FileNotFoundError) as exc:
            logger.warning("NgramIntentClassifier could not load its model (%s); it will predict nothing", exc)
            pipeline = None
        return cls(config, model_storage, resource, pipeline)

    def process(self, messages: list[Message]) -> list[Message]:
        if self._pipeline is None:
            return messages
        texts = model_input([m.get(TEXT) or "" for m in messages], self._config)
        for message, row in zip(messages, self._pipeline.predict_proba(texts), strict=True):
            ranking = intent_ranking(self._pipeline.classes_, row)
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[: self._config["ranking_length"]], add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
