"""UnknownWordsGuard as Rasa runs it: trained on training data, persisted, loaded, processing Messages."""

from __future__ import annotations

from pathlib import Path

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.unknown_words_guard import UnknownWordsGuard


def trained_and_loaded(tmp_path: Path) -> UnknownWordsGuard:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("unknown_words_guard")
    context = ExecutionContext(GraphSchema({}), "test")
    guard = UnknownWordsGuard.create({}, storage, resource, context)
    guard.train(TrainingData([Message(data={"text": "hello there", "intent": "greet"}),
                              Message(data={"text": "what can you do", "intent": "help"})]))
    return UnknownWordsGuard.load({}, storage, resource, context)


def classified(text: str, confidence: float = 0.97, entities: list | None = None) -> Message:
    return Message(data={"text": text, "intent": {"name": "inform", "confidence": confidence},
                         "intent_ranking": [{"name": "inform", "confidence": confidence}],
                         "entities": entities or []})


def test_gibberish_loses_its_confidence_so_the_fallback_fires(tmp_path: Path) -> None:
    message = classified("blorp zzkx fnord qwpl")
    trained_and_loaded(tmp_path).process([message])
    assert message.get("intent")["confidence"] == 0.0
    assert message.get("intent_ranking")[0]["confidence"] == 0.0


def test_any_known_word_or_entity_or_skill_keeps_the_classification(tmp_path: Path) -> None:
    guard = trained_and_loaded(tmp_path)
    messages = [classified("hello blorp"), classified("zzkx", entities=[{"entity": "budget", "value": 5}]),
                classified("kubernetes terraform"), classified("🙂🙂"), classified("")]
    guard.process(messages)
    assert [m.get("intent")["confidence"] for m in messages] == [0.97] * 5
