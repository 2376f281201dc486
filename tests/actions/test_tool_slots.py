"""Tools the learner uses reach ``current_tools`` (never ``current_skills``), and the pathway says what they are."""

from __future__ import annotations

from actions.slot_extraction import ValidateSlotMappings
from catalog.advice import wording
from tests.actions.conftest import entity

KAREO = {"class": "Medical software", "onet_tool": "Kareo Practice Management"}


def test_a_tool_goes_to_current_tools_with_its_class_not_to_the_skills(make_tracker, dispatcher, domain) -> None:
    action = ValidateSlotMappings()
    tracker = make_tracker("we use Kareo for billing", entities=[entity("tool", "Kareo", **KAREO)])
    assert action.extract_current_tools(dispatcher, tracker, domain) == {"current_tools": [
        {"name": "Kareo", "class": "Medical software", "onet_tool": "Kareo Practice Management",
         "counts_toward": None}]}
    assert action.extract_current_skills(dispatcher, tracker, domain) == {}


def test_one_product_however_written_and_a_lacked_tool_is_removed(make_tracker, dispatcher, domain) -> None:
    action = ValidateSlotMappings()
    held = [{"name": "Kareo", **KAREO, "counts_toward": None}]
    again = make_tracker("Kareo Practice Management", slots={"current_tools": held},
                         entities=[entity("tool", "Kareo Practice Management", **KAREO)])
    assert action.extract_current_tools(dispatcher, again, domain) == {}
    gone = make_tracker("actually I don't use Kareo", slots={"current_tools": held},
                        entities=[entity("tool", "Kareo", "lacks", **KAREO)])
    assert action.extract_current_tools(dispatcher, gone, domain) == {"current_tools": []}


def test_a_question_about_a_credential_fills_no_tools(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("does step 2 cover Kareo?", intent="ask_step_details",
                           entities=[entity("tool", "Kareo", **KAREO)])
    assert ValidateSlotMappings().extract_current_tools(dispatcher, tracker, domain) == {}


def test_a_tool_whose_class_counts_gives_the_skill_and_a_candidate_waits_for_the_industry(
        make_tracker, dispatcher, domain) -> None:
    action = ValidateSlotMappings()
    cad = entity("tool", "MicroStation", **{"class": "Computer aided design CAD software",
                                            "onet_tool": "Bentley MicroStation",
                                            "counts_toward": "Computer-Aided Design (CAD)"})
    tracker = make_tracker("I draft in MicroStation", entities=[cad])
    assert action.extract_current_skills(dispatcher, tracker, domain) == {
        "current_skills": ["Computer-Aided Design (CAD)"]}
    slate = entity("tool_candidate", "Slate", industries=["education"], **{"class": "Computer based training software"})
    teacher = make_tracker("Slate every day", entities=[slate], slots={"career_goal": "Instructional Designer"})
    assert action.extract_current_tools(dispatcher, teacher, domain)["current_tools"][0]["name"] == "Slate"
    nobody = make_tracker("Slate every day", entities=[slate])
    assert action.extract_current_tools(dispatcher, nobody, domain) == {}


def test_the_pathway_names_each_tool_with_its_class() -> None:
    tools = [{"name": "QuickBooks Point of Sale", "class": "Point of sale POS software",
              "counts_toward": "Point of Sale Systems"}, {"name": "Kareo", "class": "Medical software"}]
    assert wording.tools_text(tools) == ("You use QuickBooks Point of Sale (point of sale POS software) and Kareo "
                                         "(medical software). That counts toward Point of Sale Systems.")
    assert wording.tools_text([]) is None
