"""NgramIntentClassifier as Rasa runs it: trained, persisted, loaded from model storage, processing Messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import ngram_intent_classifier
from bot.nlu.ngram_intent_classifier import NgramIntentClassifier

TRAINING = {
    "greet": ["hi", "hello there", "good morning", "hey", "hiya", "morning all"],
    "request_pathway": ["what courses should i take", "give me a plan", "recommend some certificates",
                        "build me a learning path", "which badges should i get", "show me the pathway"],
    "ask_verification": ["how do i verify it", "how do i show it on linkedin", "can employers check my badge",
                         "is there a verification link", "how do i prove i have it", "where is my credential id"],
    "inform": ["i know excel and sql", "i want to become a data analyst", "5 years of java",
               "my budget is 300 dollars", "i'm a nurse", "i can study 6 hours a week"],
}


def storage_and_context(tmp_path: Path) -> tuple[LocalModelStorage, Resource, ExecutionContext]:
    return LocalModelStorage(tmp_path), Resource("ngram_intent_classifier"), ExecutionContext(GraphSchema({}), "t")


def training_data() -> TrainingData:
    return TrainingData([Message(data={"text": text, "intent": intent})
                         for intent, texts in TRAINING.items() for text in texts])


def trained_and_loaded(tmp_path: Path) -> NgramIntentClassifier:
    storage, resource, context = storage_and_context(tmp_path)
    NgramIntentClassifier.create({}, storage, resource, context).train(training_data())
    return NgramIntentClassifier.load({}, storage, resource, context)


@pytest.fixture(scope="module")
def classifier(tmp_path_factory: pytest.TempPathFactory) -> NgramIntentClassifier:
    return trained_and_loaded(tmp_path_factory.mktemp("ngram"))


def intent_of(classifier: NgramIntentClassifier, text: str) -> Message:
    message = Message(data={"text": text})
    classifier.process([message])
    return message


def test_unseen_wordings_and_misspellings_get_the_right_intent(classifier: NgramIntentClassifier) -> None:
    for text, intent in [("helo", "greet"), ("which certificats should i take", "request_pathway"),
                         ("how can an employer verify my badge", "ask_verification"),
                         ("i know python and excel", "inform")]:
        assert intent_of(classifier, text).get("intent")["name"] == intent, text


def test_ranking_is_a_probability_distribution_best_first(classifier: NgramIntentClassifier) -> None:
    message = intent_of(classifier, "show me the plan")
    ranking = message.get("intent_ranking")
    assert ranking[0] == message.get("intent")
    confidences = [r["confidence"] for r in ranking]
    assert confidences == sorted(confidences, reverse=True)
    assert sum(confidences) == pytest.approx(1.0)
    assert {r["name"] for r in ranking} == set(TRAINING)


def test_the_loaded_model_predicts_what_the_trained_one_did(tmp_path: Path) -> None:
    storage, resource, context = storage_and_context(tmp_path)
    trained = NgramIntentClassifier.create({}, storage, resource, context)
    trained.train(training_data())
    loaded = NgramIntentClassifier.load({}, storage, resource, context)
    for text in ["hey", "recommend a course", "my budget is 200", "verify?"]:
        assert intent_of(trained, text).get("intent_ranking") == intent_of(loaded, text).get("intent_ranking")


def test_a_model_file_with_unexpected_types_is_refused_not_unpickled(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    storage, resource, context = storage_and_context(tmp_path)
    NgramIntentClassifier.create({}, storage, resource, context).train(training_data())
    monkeypatch.setattr(ngram_intent_classifier.sio, "get_untrusted_types", lambda file: ["os.system"])
    classifier = NgramIntentClassifier.load({}, storage, resource, context)
    assert intent_of(classifier, "hello").get("intent") is None  # predicts nothing; the fallback takes over


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_raises(classifier: NgramIntentClassifier, text: str) -> None:
    message = intent_of(classifier, text)
    assert message.get("intent")["name"] in TRAINING


def test_skills_and_jobs_it_never_saw_are_read_like_the_ones_it_did(classifier: NgramIntentClassifier) -> None:
    # Mentions are masked before the n-grams: the tool names of the training data don't steer the intent.
    seen = intent_of(classifier, "i know excel and sql").get("intent_ranking")
    assert intent_of(classifier, "i know minitab and solidworks").get("intent_ranking") == seen
    assert intent_of(classifier, "i want to become a sterile processing technician").get("intent_ranking") == \
        intent_of(classifier, "i want to become a data analyst").get("intent_ranking")


def test_sub_intents_are_learnt_apart_and_reported_as_their_retrieval_intent(tmp_path: Path) -> None:
    faq = {"faq/vs_degree": ["is a badge as good as a degree", "certificate or masters which is better",
                             "does a microcredential replace a university degree"],
           "faq/getting_started": ["how do i get started", "where do i begin with badges", "first steps?"]}
    data = training_data().merge(TrainingData([
        Message(data={"text": text, "intent": "faq", "intent_response_key": key})
        for key, texts in faq.items() for text in texts]))
    storage, resource, context = storage_and_context(tmp_path)
    NgramIntentClassifier.create({}, storage, resource, context).train(data)
    classifier = NgramIntentClassifier.load({}, storage, resource, context)
    message = intent_of(classifier, "is a certificate as good as a degree")
    ranking = message.get("intent_ranking")
    assert message.get("intent")["name"] == "faq"
    assert {r["name"] for r in ranking} == set(TRAINING) | {"faq"}  # no "faq/..." names leak out
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)
