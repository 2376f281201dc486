"""CareerEntityExtractor as Rasa runs it: created through the graph API, processing Messages."""

from __future__ import annotations

from pathlib import Path

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.career_entity_extractor import CareerEntityExtractor


def make(tmp_path: Path) -> CareerEntityExtractor:
    return CareerEntityExtractor.create(
        CareerEntityExtractor.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("career_entity_extractor"),
        ExecutionContext(GraphSchema({}), "test"),
    )


def test_entities_with_roles_spans_and_constraints(tmp_path: Path) -> None:
    text = "I'm a nurse wanting to become a health data analyst, I know excell but no SQL. Budget $200, not Udemy"
    message = Message(data={"text": text})
    make(tmp_path).process([message])
    ents = message.get("entities")
    by = {(e["entity"], e["value"]): e for e in ents}
    assert by[("job_role", "Registered Nurse")]["role"] == "current"
    assert by[("job_role", "Healthcare Data Analyst")]["role"] == "goal"
    assert "role" not in by[("skill", "Microsoft Excel")]
    assert by[("skill", "SQL")]["role"] == "lacks"
    assert by[("budget", 200.0)]["additional_info"] == {"currency": "USD"}
    assert by[("provider", "udemy")]["role"] == "avoid"
    for e in ents:
        assert e["extractor"] == "CareerEntityExtractor"
        assert text[e["start"]:e["end"]], e


def test_strange_input_gives_no_entities_and_no_error(tmp_path: Path) -> None:
    extractor = make(tmp_path)
    messages = [Message(data={"text": t}) for t in ["", "🙂" * 50, "x" * 10_000, "\x00\x01", "这是什么"]]
    extractor.process(messages)
    assert all(not m.get("entities") for m in messages)


def test_a_skill_named_in_a_question_or_without_a_word_of_having_is_unclaimed(tmp_path: Path) -> None:
    # what lets a question naming a skill the learner said they lack leave it lacking (slot extraction)
    message = Message(data={"text": "which is more used, Power BI or Tableau? I know Excel well. sql daily"})
    make(tmp_path).process([message])
    by = {e["value"]: e.get("additional_info") or {} for e in message.get("entities")}
    assert by["Power BI"].get("unclaimed") and by["Tableau"].get("unclaimed")
    assert "unclaimed" not in by["Microsoft Excel"] and by["SQL"].get("unclaimed")
