"""The adviser action on built trackers: what it asks, when it recommends, and the replies it hands on."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.advising import ActionAdvise, ActionSuggestRoles
from actions.catalog_service import catalog_service
from bot.channels import slack_renderer, socketio_renderer
from tests.actions.conftest import entity, slot_events

pytestmark = pytest.mark.usefixtures("catalogue")
GOAL = entity("job_role", "Data Analyst", "goal")
SKILLS = [entity("skill", "Microsoft Excel"), entity("skill", "SQL")]


async def run(tracker, dispatcher: CollectingDispatcher, domain: dict) -> list[dict]:
    return await ActionAdvise().run(dispatcher, tracker, domain)


async def test_a_goal_alone_asks_for_skills(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("I want to become a data analyst", entities=[GOAL], slots={"career_goal": "Data Analyst"})
    events = slot_events(await run(tracker, dispatcher, domain))
    assert events == {"skills_asked": True, "last_question": "skills"}
    [message] = dispatcher.messages
    assert message["text"].startswith("Got it: you're aiming for Data Analyst.") and "skills" in message["text"]


async def test_goal_and_skills_at_once_give_the_pathway_straight_away(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("I want to become a data analyst, I know Excel and SQL", entities=[GOAL, *SKILLS],
                           slots={"career_goal": "Data Analyst", "current_skills": ["Microsoft Excel", "SQL"]})
    events = slot_events(await run(tracker, dispatcher, domain))
    intro, reply = dispatcher.messages
    assert intro["text"] == "Got it: you're aiming for Data Analyst; you know Microsoft Excel and SQL."
    payload = reply["custom"]
    assert payload["type"] == "pathway" and payload["goal"] == "Data Analyst" and len(payload["steps"]) >= 2
    assert reply["text"].startswith("Your pathway to Data Analyst") and reply["buttons"]
    assert events["pathway"] == payload and events["last_question"] is None

    # The one neutral reply renders for every channel.
    widget = socketio_renderer.render(reply)
    assert len(widget[1]["attachment"]["payload"]["elements"]) == len(payload["steps"])
    [slack] = slack_renderer.render(reply)
    assert slack["text"] == f"Your pathway to Data Analyst ({len(payload['steps'])} steps):"


async def test_constraints_are_asked_once_and_no_preference_answers_them(make_tracker, dispatcher, domain) -> None:
    slots = {"career_goal": "Data Analyst", "current_skills": ["SQL"], "skills_asked": True}
    tracker = make_tracker("I know SQL", entities=[SKILLS[1]], slots={**slots, "last_question": "skills"})
    events = slot_events(await run(tracker, dispatcher, domain))
    assert events["last_question"] == "constraints" and "budget" in dispatcher.messages[0]["text"]
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]][0] == "No limits"

    answered = CollectingDispatcher()
    tracker = make_tracker("no preference", intent="no_preference",
                           slots={**slots, "last_question": "constraints", "constraints_asked": True})
    await run(tracker, answered, domain)
    assert answered.messages[-1]["custom"]["type"] == "pathway"


async def test_skills_without_a_goal_get_ranked_role_suggestions(make_tracker, dispatcher, domain) -> None:
    skills = ["Python", "SQL", "Statistics", "Machine Learning"]
    tracker = make_tracker("I know Python, SQL, statistics and machine learning",
                           entities=[entity("skill", s) for s in skills], slots={"current_skills": skills})
    events = slot_events(await run(tracker, dispatcher, domain))
    [message] = dispatcher.messages
    assert len(message["buttons"]) == 3 and "fit best" in message["text"]
    assert all(b["payload"].startswith("I want to become a ") for b in message["buttons"])
    assert events == {"last_question": "goal"}


async def test_a_goal_missing_from_the_taxonomy_gets_a_polite_answer(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("anything new?", slots={"career_goal": "Chief Data Wrangler", "current_skills": ["SQL"],
                                                   "pathway": {"type": "pathway", "steps": []}})
    events = slot_events(await run(tracker, dispatcher, domain))
    [message] = dispatcher.messages
    assert "no longer have a skill profile for Chief Data Wrangler" in message["text"]
    assert events["career_goal"] is None and events["pathway"] is None and events["last_question"] == "goal"


async def test_a_job_title_without_a_profile_is_offered_the_closest_roles(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("I want to become a clinical informatics analyst",
                           entities=[entity("job_role", "Clinical Informatics Analyst", "goal", unresolved=True)])
    events = slot_events(await run(tracker, dispatcher, domain))
    [message] = dispatcher.messages
    assert "I don't have a skill profile for Clinical Informatics Analyst" in message["text"]
    assert message["buttons"] and events["last_question"] == "goal"
    # The offer is kept until answered, with what asking it again needs.
    pending = events.pop("goal_choice")
    assert (pending["title"], pending["several"], pending["asked_again"]) == ("Clinical Informatics Analyst", False, False)
    assert pending["choices"] == [b["title"] for b in message["buttons"]] and events == {"last_question": "goal"}


async def test_the_closest_roles_offered_are_of_the_learners_industry(make_tracker, dispatcher, domain) -> None:
    # a medical coder who named no job: the skills say healthcare, so no HR or SEO specialist for "specialist"
    skills = ["ICD-10", "CPT Coding", "Medical Coding"]
    tracker = make_tracker("want to be a CDI specialist", slots={"current_skills": skills},
                           entities=[entity("job_role", "CDI Specialist", "goal", unresolved=True)])
    await run(tracker, dispatcher, domain)
    offered = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    roles = catalog_service().taxonomy.roles
    assert offered and all(roles[r].industry == "healthcare" for r in offered)


async def test_a_skill_said_lacking_and_only_named_again_is_not_reported_as_known(make_tracker, dispatcher,
                                                                                   domain) -> None:
    earlier = [{"event": "user", "text": "I never used Power BI",
                "parse_data": {"text": "I never used Power BI", "entities": [entity("skill", "Power BI", "lacks")]}}]
    tracker = make_tracker("what is more used in finance teams, Power BI?", events=earlier,
                           entities=[entity("skill", "Power BI", unclaimed=True)],
                           slots={"career_goal": "Financial Analyst", "current_skills": ["Microsoft Excel"]})
    await run(tracker, dispatcher, domain)
    assert all("Power BI" not in (m.get("text") or "").split("Based on")[0] for m in dispatcher.messages)
    assert not any("you know Power BI" in (m.get("text") or "") for m in dispatcher.messages)


async def test_asking_for_role_ideas_with_nothing_known_asks_what_they_do(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("suggest some roles", intent="ask_role_suggestions")
    events = slot_events(await ActionSuggestRoles().run(dispatcher, tracker, domain))
    assert dispatcher.messages[0]["response"] == "utter_ask_skills_for_suggestions"
    assert events == {"last_question": "skills_for_suggestions"}


async def test_an_employee_gets_a_pathway_within_the_employers_policy(make_tracker, dispatcher, domain) -> None:
    slots = {"career_goal": "Data Analyst", "current_skills": ["Microsoft Excel", "SQL"], "workspace": "T0ACME001",
             "budget": 5000.0}
    tracker = make_tracker("I want to become a data analyst, I know Excel and SQL", entities=[GOAL, *SKILLS],
                           slots=slots, channel="slack")
    await run(tracker, dispatcher, domain)
    payload = dispatcher.messages[-1]["custom"]
    assert payload["policy"]["organisation"] == "Acme" and payload["policy"]["budget_applied"]  # $1,000 < $5,000
    assert all(s["provider"] != "Udemy" for s in payload["steps"])
    assert "Within Acme's $1,000 learning budget; Acme sponsors Coursera and LinkedIn Learning" in \
        dispatcher.messages[-1]["text"]


def test_a_policy_that_rules_everything_out_is_said_so() -> None:
    from catalog.advice import wording

    payload = {"goal": "Data Analyst", "gap": ["SQL"], "steps": [],
               "policy": {"organisation": "Acme", "budget_cap": 0.0, "currency": "USD",
                          "excluded_providers": ["Udemy"], "sponsored_providers": [], "message": None}}
    text = wording.empty_pathway_text(payload)
    assert text.startswith("Acme's learning policy (no learning budget and no Udemy) together with your own limits leaves no "
                           "credential for Data Analyst")


async def test_limits_become_slots_and_constraints_from_one_table(make_tracker, dispatcher, domain) -> None:
    from actions.advising import own_constraints
    from actions.constraint_slots import CONSTRAINT_SLOTS, SIMPLE_CONSTRAINTS
    from actions.slot_extraction import ValidateSlotMappings

    assert set(CONSTRAINT_SLOTS) <= set(domain["slots"])
    tracker = make_tracker("10 hours a week, online, free only",
                           entities=[entity("hours_per_week", 10), entity("delivery", "online"),
                                     entity("free_only", True)])
    events = {e["name"]: e["value"] for e in await ValidateSlotMappings().run(dispatcher, tracker, domain)
              if e.get("event") == "slot"}
    assert {k: events[k] for k in ("hours_per_week", "delivery_mode", "free_only")} == {
        "hours_per_week": 10.0, "delivery_mode": "online", "free_only": True}
    c = own_constraints(make_tracker(slots=events))
    assert (c.hours_per_week, c.delivery, c.free_only, c.optimise) == (10.0, "online", True, "balanced")
    assert len(SIMPLE_CONSTRAINTS) == 5


async def test_a_job_we_dont_cover_suggests_from_its_closest_roles(make_tracker, dispatcher, domain) -> None:
    librarian = entity("job_role", "School Librarian", "current", unresolved=True, onet="25-4022.00")
    tracker = make_tracker("I'm a school librarian, what could I do next?", entities=[librarian],
                           slots={"background_roles": ["School Librarian"]})
    await run(tracker, dispatcher, domain)
    [message] = dispatcher.messages
    assert "Based on your background" in message["text"] and "0%" not in message["text"]
    offered = [b["title"] for b in message["buttons"]]
    assert offered and offered[0] == "Educational Technology Specialist"  # O*NET's closest covered role


async def test_a_job_we_cannot_read_and_no_skills_get_a_question_not_a_list(make_tracker, dispatcher,
                                                                            domain) -> None:
    # Seen in the development conversations: "junior php dev" was offered Additive Manufacturing Technician at 0%.
    dev = entity("job_role", "Junior Php Dev", "current", unresolved=True)
    tracker = make_tracker("junior php dev, no idea what next", entities=[dev],
                           slots={"background_roles": ["Junior Php Dev"]})
    events = slot_events(await run(tracker, dispatcher, domain))
    [message] = dispatcher.messages
    assert "I can't match Junior Php Dev to the roles I know yet" in message["text"]
    assert not message["buttons"] and "fit" not in message["text"]
    assert events == {"last_question": "skills_for_suggestions"}


def test_what_was_understood_is_said_as_the_profile_took_it(make_tracker) -> None:
    """"no coding knowledge at all" from a future medical coder: the reply names Medical Coding, the skill the
    learner's industry reads, not the programming of the word's general reading."""
    from actions.advising import understood

    lacks = entity("skill", "Computer Programming", "lacks", readings={"healthcare": "Medical Coding"})
    tracker = make_tracker("no coding knowledge at all", entities=[lacks], slots={"career_goal": "Medical Coder"})
    assert "you don't have Medical Coding (yet)" in understood(tracker)
    tracker = make_tracker("no coding knowledge at all", entities=[lacks], slots={"career_goal": "Data Analyst"})
    assert "you don't have Computer Programming (yet)" in understood(tracker)
