"""Browsing the catalogue and comparing providers: answers from the catalogue, the profile untouched."""

from __future__ import annotations

import pytest

from actions.longtail import ActionBrowseCatalogue, ActionCompareProviders
from actions.slot_extraction import ValidateSlotMappings
from tests.actions.conftest import entity

pytestmark = pytest.mark.usefixtures("catalogue")


async def test_a_catalogue_search_lists_matching_credentials_under_the_price(make_tracker, dispatcher,
                                                                              domain) -> None:
    tracker = make_tracker("show me cybersecurity certifications under $400", intent="browse_catalogue",
                           entities=[entity("skill", "Cybersecurity Fundamentals"), entity("budget", 400, currency="USD")])
    assert await ActionBrowseCatalogue().run(dispatcher, tracker, domain) == []
    [message] = dispatcher.messages
    text = message["text"]
    assert "match Cybersecurity Fundamentals, with a stated price up to $400, of the kind certification exam" in text
    lines = [line for line in text.splitlines() if line[:2] in {f"{n}." for n in range(1, 6)}]
    assert lines, text
    assert "your profile is unchanged" in text


async def test_a_search_with_nothing_matching_says_so(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("any free badges for wound care", intent="browse_catalogue",
                           entities=[entity("skill", "Wound Care"), entity("free_only", True)])
    await ActionBrowseCatalogue().run(dispatcher, tracker, domain)
    text = dispatcher.messages[0]["text"]
    assert text.startswith("I found nothing in the catalogue for Wound Care, free, of the kind badge") or \
        "Wound Care, free" in text


async def test_a_catalogue_question_leaves_skills_goal_and_budget_alone(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("show me data analyst certificates under $300", intent="browse_catalogue",
                           entities=[entity("skill", "SQL"), entity("job_role", "Data Analyst", role="goal"),
                                     entity("budget", 300, currency="USD")],
                           slots={"current_skills": ["Microsoft Excel"], "career_goal": "Nurse Educator"})
    events = await ValidateSlotMappings().run(dispatcher, tracker, domain)
    changed = {e["name"] for e in events if e.get("event") == "slot"}
    assert not changed & {"current_skills", "career_goal", "budget", "career_goal_onet"}, events


async def test_providers_are_compared_from_the_catalogues_records(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("which is better, coursera or edx?", intent="compare_providers",
                           entities=[entity("provider", "coursera"), entity("provider", "edx")],
                           slots={"career_goal": "Data Analyst"})
    await ActionCompareProviders().run(dispatcher, tracker, domain)
    text = dispatcher.messages[0]["text"]
    assert text.startswith("No provider is better across the board")
    assert "- Coursera: a learning platform (US)" in text and "- edX: a learning platform (US)" in text
    assert "For Data Analyst:" in text


async def test_a_comparison_without_known_providers_asks_which(make_tracker, dispatcher, domain) -> None:
    await ActionCompareProviders().run(dispatcher, make_tracker("which is best?", intent="compare_providers"), domain)
    assert "Which ones do you have in mind?" in dispatcher.messages[0]["text"]


async def test_an_unplaced_question_naming_two_credentials_compares_them(make_tracker, dispatcher, domain) -> None:
    from actions.fallback import ActionTwoStageFallback

    tracker = make_tracker("SHRM-CP vs aPHR for someone who's never had an HR title?", intent="nlu_fallback")
    assert await ActionTwoStageFallback().run(dispatcher, tracker, domain) == []
    [message] = dispatcher.messages
    _, first, second, *_ = message["text"].splitlines()
    assert first.startswith("- SHRM Certified Professional (SHRM-CP) (")
    assert second.startswith("- Associate Professional in Human Resources (aPHR) (")


async def test_an_unplaced_question_naming_one_credential_gets_its_facts(make_tracker, dispatcher, domain) -> None:
    from actions.fallback import ActionTwoStageFallback

    tracker = make_tracker("is the SHRM-CP worth it for someone who's never had an HR title?", intent="nlu_fallback")
    assert await ActionTwoStageFallback().run(dispatcher, tracker, domain) == []
    assert dispatcher.messages[0]["text"].startswith("SHRM Certified Professional (SHRM-CP) (by ")


async def test_two_credentials_are_compared_for_the_learners_goal_without_touching_the_profile(
        make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("security+ or cysa+, which one do employers actually want?", intent="compare_providers",
                           slots={"career_goal": "Cybersecurity Analyst", "current_skills": ["Computer Networking"]})
    assert await ActionCompareProviders().run(dispatcher, tracker, domain) == []
    text = dispatcher.messages[0]["text"]
    lines = text.splitlines()
    assert lines[1].startswith("- CompTIA Security+ (CompTIA, certification exam") and "$" in lines[1]
    assert lines[2].startswith("- CompTIA CySA+ (CompTIA, certification exam")
    assert all("For Cybersecurity Analyst it closes" in line or "closes none" in line for line in lines[1:3])
    assert "search a few job ads" in lines[-1]


async def test_an_unplaced_question_naming_nothing_is_asked_again(make_tracker, dispatcher, domain) -> None:
    from actions.fallback import ActionTwoStageFallback

    events = await ActionTwoStageFallback().run(dispatcher, make_tracker("blorp zzkx", intent="nlu_fallback"), domain)
    assert dispatcher.messages[0]["response"] == "utter_ask_rephrase" and events[0]["event"] == "rewind"


async def test_without_a_pathway_an_unknown_credential_is_said_to_be_unknown(make_tracker, dispatcher,
                                                                             domain) -> None:
    from actions.followups import ActionStepDetails

    await ActionStepDetails().run(dispatcher, make_tracker("how long does the CPCU take realistically?",
                                                           intent="ask_step_details"), domain)
    assert dispatcher.messages[0]["text"].startswith("I don't have CPCU in the catalogue")


async def test_without_a_pathway_a_provider_question_gets_the_providers_record(make_tracker, dispatcher,
                                                                               domain) -> None:
    from actions.followups import ActionAnswerRecognition

    tracker = make_tracker("will a coursera cert be recognised by schools here in korea?", intent="ask_recognition",
                           entities=[entity("provider", "coursera")])
    await ActionAnswerRecognition().run(dispatcher, tracker, domain)
    assert "- Coursera: a learning platform (US)" in dispatcher.messages[0]["text"]
    assert "employer recognition recorded for" in dispatcher.messages[0]["text"]


async def test_a_question_filed_as_already_have_is_answered_not_recorded(make_tracker, dispatcher, domain) -> None:
    from actions.followups import ActionAlreadyHave

    tracker = make_tracker("SHRM-CP vs aPHR, which one do recruiters actually ask for?", intent="already_have")
    assert await ActionAlreadyHave().run(dispatcher, tracker, domain) == []  # no slot set
    assert dispatcher.messages[0]["text"].splitlines()[1].startswith("- SHRM Certified Professional (SHRM-CP)")


async def test_a_claim_with_a_question_is_still_recorded(make_tracker, dispatcher, domain) -> None:
    from actions.followups import ActionAlreadyHave

    tracker = make_tracker("I already have the SHRM-CP, what next?", intent="already_have")
    events = await ActionAlreadyHave().run(dispatcher, tracker, domain)
    assert any(e.get("name") == "completed_credentials" for e in events)


async def test_every_credential_said_held_is_recorded_and_named(make_tracker, dispatcher, domain, catalogue) -> None:
    from actions.followups import ActionAlreadyHave

    tracker = make_tracker("I already have CompTIA A+ and Network+", intent="already_have")
    events = await ActionAlreadyHave().run(dispatcher, tracker, domain)
    completed = next(e["value"] for e in events if e.get("name") == "completed_credentials")
    assert len(completed) == 2
    assert dispatcher.messages[0]["text"].startswith("Nice, CompTIA A+ and CompTIA Network+ count")


async def test_an_unplaced_message_that_set_a_limit_carries_on_with_it(make_tracker, dispatcher, domain) -> None:
    """"i lean toward online tbh": no intent fits, but the delivery preference was read; the reply goes on
    from it (here: the pathway, since goal and skills are known) instead of asking to rephrase."""
    from actions.fallback import ActionTwoStageFallback

    tracker = make_tracker("i lean toward online tbh", intent="nlu_fallback",
                           slots={"career_goal": "Data Analyst", "current_skills": ["Microsoft Excel"],
                                  "skills_asked": True, "constraints_asked": True, "delivery_mode": "online"},
                           entities=[entity("delivery_mode", "online")])
    tracker.events.append({"event": "slot", "name": "delivery_mode", "value": "online"})
    await ActionTwoStageFallback().run(dispatcher, tracker, domain)
    texts = [m.get("text") or "" for m in dispatcher.messages]
    assert not any(m.get("response") == "utter_ask_rephrase" for m in dispatcher.messages)
    assert any("Your pathway to Data Analyst" in t for t in texts)


async def test_an_unplaced_message_that_repeats_the_profile_is_asked_again(make_tracker, dispatcher, domain) -> None:
    from actions.fallback import ActionTwoStageFallback

    earlier = [{"event": "slot", "name": "delivery_mode", "value": "online"}]
    tracker = make_tracker("online?? hmm", intent="nlu_fallback", slots={"delivery_mode": "online"}, events=earlier)
    tracker.events.append({"event": "slot", "name": "delivery_mode", "value": "online"})  # the same again
    await ActionTwoStageFallback().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_ask_rephrase"
