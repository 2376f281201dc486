"""ConcernGuard: what the phrase lists find overrides the intent, and leaves no near-tie for the fallback."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from bot.nlu.concern_guard import ConcernGuard


def parsed(text: str, intent: str, confidence: float) -> Message:
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": confidence})
    message.set("intent_ranking", [{"name": intent, "confidence": confidence}, {"name": "faq", "confidence": 0.01}])
    return message


def test_a_confident_wrong_intent_is_overridden_without_a_tie() -> None:
    [m] = ConcernGuard().process([parsed("I lost my job and I don't see the point anymore", "inform", 0.99)])
    assert m.get("intent") == {"name": "distress", "confidence": 1.0}
    ranking = m.get("intent_ranking")
    assert ranking[0]["name"] == "distress" and all(r["confidence"] == 0.0 for r in ranking[1:])
    assert {"entity": "concern", "value": "risk_of_harm"}.items() <= m.get("entities")[0].items()


def test_a_question_about_a_step_keeps_its_intent_when_it_names_a_topic_word() -> None:
    [m] = ConcernGuard().process([parsed("is step 2 paid with a loan or upfront?", "ask_step_details", 0.9)])
    assert m.get("intent")["name"] == "ask_step_details"
    [m] = ConcernGuard().process([parsed("what are the benefits of the AWS certificate?", "faq", 0.8)])
    assert m.get("intent")["name"] == "faq"
    [m] = ConcernGuard().process([parsed("can I get a student loan for this?", "inform", 0.7)])
    assert m.get("intent")["name"] == "outside_remit"
    assert [e["value"] for e in m.get("entities") if e["entity"] == "remit_topic"] == ["funding"]


def test_ordinary_messages_are_left_alone() -> None:
    [m] = ConcernGuard().process([parsed("this course is killing me lol", "chitchat", 0.8)])
    assert m.get("intent")["name"] == "chitchat" and not m.get("entities")


def test_a_topic_word_inside_the_learners_job_title_is_not_the_topic() -> None:
    text = "mortgage loan officer, 4 yrs. thinking of moving into compliance"
    message = parsed(text, "inform", 0.8)
    message.set("entities", [{"entity": "job_role", "value": "Mortgage Loan Officer", "role": "current",
                              "start": 0, "end": 21}])
    [m] = ConcernGuard().process([message])
    assert m.get("intent")["name"] == "inform"
    assert not [e for e in m.get("entities") if e["entity"] == "remit_topic"]
    [m] = ConcernGuard().process([parsed("I'm a loan officer, can I get a loan for this course?", "inform", 0.8)])
    assert m.get("intent")["name"] == "outside_remit"  # the topic is still read outside the title
