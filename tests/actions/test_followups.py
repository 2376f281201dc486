"""Follow-up actions on a tracker that holds the README's pathway."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actions.followups import (
    ActionAnswerRecognition,
    ActionExplainStep,
    ActionRefinePathway,
    ActionStepDetails,
)
from tests.actions.conftest import entity, slot_events

pytestmark = pytest.mark.usefixtures("catalogue")
ACTIONS_DIR = Path(__file__).resolve().parents[2] / "actions"


@pytest.fixture()
def with_pathway(make_tracker, analyst_payload):
    def build(text: str, intent: str, **kwargs):
        slots = {"career_goal": "Data Analyst", "current_skills": ["Microsoft Excel", "SQL"],
                 "pathway": analyst_payload, **kwargs.pop("slots", {})}
        return make_tracker(text, intent=intent, slots=slots, **kwargs)
    return build


async def test_why_names_the_step_and_its_reason(with_pathway, dispatcher, domain, analyst_payload) -> None:
    events = await ActionExplainStep().run(dispatcher, with_pathway("why this one?", "ask_why"), domain)
    [message] = dispatcher.messages
    first = analyst_payload["steps"][0]
    assert message["text"].startswith(f"Step 1, {first['title']}: {first['why']}")
    assert slot_events(events) == {"focus_step": 1.0}


async def test_a_step_is_found_by_number(with_pathway, dispatcher, domain, analyst_payload) -> None:
    await ActionStepDetails().run(dispatcher, with_pathway("what does step 2 cover?", "ask_step_details"), domain)
    second = analyst_payload["steps"][1]
    assert dispatcher.messages[0]["text"].startswith(second["title"])


async def test_a_step_number_out_of_range_is_asked_about(with_pathway, dispatcher, domain, analyst_payload) -> None:
    await ActionStepDetails().run(dispatcher, with_pathway("what about step 9?", "ask_step_details"), domain)
    assert dispatcher.messages[0]["response"] == "utter_which_step"
    assert dispatcher.messages[0]["steps"] == len(analyst_payload["steps"])


async def test_recognition_reads_the_target_industry(with_pathway, dispatcher, domain) -> None:
    await ActionAnswerRecognition().run(dispatcher, with_pathway("is it recognised?", "ask_recognition"), domain)
    assert "Check a few job ads" in dispatcher.messages[0]["text"]


async def test_no_pathway_yet_is_said_plainly(make_tracker, dispatcher, domain) -> None:
    await ActionExplainStep().run(dispatcher, make_tracker("why?", intent="ask_why"), domain)
    assert dispatcher.messages[0]["response"] == "utter_no_pathway"


async def test_refining_without_saying_how_asks_what_to_change(with_pathway, dispatcher, domain) -> None:
    await ActionRefinePathway().run(dispatcher, with_pathway("change it", "refine_pathway"), domain)
    assert dispatcher.messages[0]["response"] == "utter_ask_what_to_change" and dispatcher.messages[0]["buttons"]


async def test_refining_by_budget_rebuilds_the_pathway(with_pathway, dispatcher, domain) -> None:
    tracker = with_pathway("something under $100", "refine_pathway", slots={"budget": 100.0},
                           entities=[entity("budget", 100.0, currency="USD")])
    events = slot_events(await ActionRefinePathway().run(dispatcher, tracker, domain))
    assert dispatcher.messages[0]["text"] == "Here's the pathway with that change."
    assert dispatcher.messages[-1]["custom"]["type"] == "pathway" and events["pathway"]["type"] == "pathway"


def test_every_response_an_action_names_is_in_the_domain(domain) -> None:
    named = set()
    for path in ACTIONS_DIR.glob("*.py"):
        named |= set(re.findall(r'response="(utter_[a-z_]+)"', path.read_text(encoding="utf-8")))
    assert named and named <= set(domain["responses"]), named - set(domain["responses"])


async def test_a_question_about_the_whole_pathway_gets_its_time_cost_and_finish(with_pathway, dispatcher,
                                                                                domain) -> None:
    tracker = with_pathway("how long will the whole thing take at 8 hours a week?", "ask_step_details",
                           slots={"hours_per_week": 8.0})
    assert await ActionStepDetails().run(dispatcher, tracker, domain) == []
    [message] = dispatcher.messages
    assert re.search(r"At 8 hours a week your pathway takes about \d+ weeks", message["text"]) or \
        "None of the steps states how long" in message["text"]
    assert "Altogether:" in message["text"] and "$0" not in message["text"]


async def test_asked_before_any_pathway_the_pathway_is_built_and_then_timed(make_tracker, dispatcher,
                                                                           domain) -> None:
    slots = {"career_goal": "Data Analyst", "current_skills": ["Microsoft Excel"], "hours_per_week": 5.0,
             "last_question": "constraints"}
    tracker = make_tracker("how long will the whole pathway take at 5 hours a week?", intent="ask_step_details",
                           entities=[entity("hours_per_week", 5.0)], slots=slots)
    events = await ActionStepDetails().run(dispatcher, tracker, domain)
    pathway, answer = dispatcher.messages
    assert pathway["custom"]["type"] == "pathway" and "pathway" in slot_events(events)
    assert "At 5 hours a week" in answer["text"] or "None of the steps states how long" in answer["text"]


async def test_a_named_credential_gets_its_figures_with_their_basis(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("how much is the comptia security+ exam?", intent="ask_step_details")
    await ActionStepDetails().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["text"].startswith("CompTIA Security+") and "$439" in message["text"]
