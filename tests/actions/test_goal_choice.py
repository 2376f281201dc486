"""A choice of goal the learner goes past is kept, taken when they name it later, and asked again once."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.advising import ActionAdvise, ActionSuggestRoles
from actions.fallback import ActionTwoStageFallback
from actions.slot_extraction import ValidateSlotMappings, goal_role_code
from catalog.advice import wording
from tests.actions.conftest import entity, slot_events

pytestmark = pytest.mark.usefixtures("catalogue")
CHOICES = ["Information Security Engineer", "Cloud Solutions Architect"]
FIELD = entity("job_role", "Cloud Security", "goal", unresolved=True, choices=CHOICES, inferred_from="Cloud Security")
PENDING = {"title": "Cloud Security", "choices": CHOICES, "occupation": "", "several": True, "asked_again": False,
           "proposed": None}
OFFER = {"event": "bot", "text": "Cloud Security covers several kinds of job. Which one do you mean: ...",
         "data": {"buttons": wording.role_buttons(CHOICES)}}


def extracted(action_tracker, dispatcher, domain) -> dict:
    return ValidateSlotMappings().extract_career_goal(dispatcher, action_tracker, domain)


async def test_the_offer_of_several_kinds_of_job_is_kept(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("I want to get into cloud security", entities=[FIELD])
    events = slot_events(await ActionAdvise().run(dispatcher, tracker, domain))
    [message] = dispatcher.messages
    assert "Cloud Security covers several kinds of job" in message["text"]
    assert events["goal_choice"] == PENDING and events["last_question"] == "goal"


async def test_the_learners_own_job_is_no_choice_of_where_to_go(make_tracker, dispatcher, domain) -> None:
    field = entity("job_role", "Cloud Security", "goal", unresolved=True, choices=["Cloud Engineer", *CHOICES],
                   inferred_from="Cloud Security")
    tracker = make_tracker("I want to move up to cloud security", entities=[field],
                           slots={"background_roles": ["Cloud Engineer"]})
    events = slot_events(await ActionAdvise().run(dispatcher, tracker, domain))
    assert events["goal_choice"]["choices"] == CHOICES
    assert "Cloud Engineer" not in str(dispatcher.messages[0].get("buttons"))


def test_a_reply_by_number_takes_that_choice(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("the second one", slots={"goal_choice": PENDING}, events=[OFFER])
    out = extracted(tracker, dispatcher, domain)
    assert out["career_goal"] == "Cloud Solutions Architect" and out["goal_choice"] is None
    assert out["career_goal_onet"] == goal_role_code("Cloud Solutions Architect")  # as for a goal named outright
    # A number means the choice only as a reply to it: later, "2" may be anything.
    assert extracted(make_tracker("2", slots={"goal_choice": PENDING}), dispatcher, domain) == {}


def test_a_later_message_naming_a_choice_takes_it_even_misspelt(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("ok I think cloud solution architect is what I meant, I know AWS",
                           slots={"goal_choice": PENDING, "current_skills": ["Amazon Web Services"]})
    assert extracted(tracker, dispatcher, domain)["career_goal"] == "Cloud Solutions Architect"


def test_a_message_that_does_not_answer_leaves_the_choice_pending(make_tracker, dispatcher, domain) -> None:
    for text in ("I know python and linux", "how long do these courses take?", "yes"):
        tracker = make_tracker(text, intent="affirm" if text == "yes" else "inform", slots={"goal_choice": PENDING},
                               events=[OFFER])
        assert extracted(tracker, dispatcher, domain) == {}


def test_a_choice_named_as_the_learners_own_job_is_no_answer(make_tracker, dispatcher, domain) -> None:
    current = entity("job_role", "Cloud Solutions Architect", "current")
    tracker = make_tracker("I'm a cloud solutions architect", entities=[current], slots={"goal_choice": PENDING})
    assert extracted(tracker, dispatcher, domain) == {}


def test_a_goal_named_outright_or_a_no_settles_the_choice(make_tracker, dispatcher, domain) -> None:
    goal = entity("job_role", "Data Analyst", "goal")
    named = make_tracker("actually data analyst", entities=[goal], slots={"goal_choice": PENDING})
    assert extracted(named, dispatcher, domain) == {"career_goal": "Data Analyst", "goal_choice": None}
    declined = make_tracker("no", intent="deny", slots={"goal_choice": PENDING}, events=[OFFER])
    assert extracted(declined, dispatcher, domain) == {"goal_choice": None}


async def test_skills_instead_of_an_answer_bring_the_choice_back_once(make_tracker, dispatcher, domain) -> None:
    skills = ["Network Security", "Firewalls"]
    tracker = make_tracker("I know network security and firewalls", entities=[entity("skill", s) for s in skills],
                           slots={"goal_choice": PENDING, "current_skills": skills}, events=[OFFER])
    events = slot_events(await ActionAdvise().run(dispatcher, tracker, domain))
    [message] = dispatcher.messages
    assert message["text"].startswith("Got it: you know Network Security and Firewalls. Before I go on: you "
                                      "mentioned Cloud Security")
    assert "Did you mean Information Security Engineer? It fits what you know best." in message["text"]
    assert message["buttons"] == wording.role_buttons(CHOICES)  # the same buttons
    assert events["goal_choice"] == {**PENDING, "asked_again": True, "proposed": "Information Security Engineer"}
    assert events["last_question"] == "goal" and "career_goal" not in events  # proposed, never set

    # "yes" to the proposal takes it ...
    again = [OFFER, {"event": "bot", "text": message["text"], "data": {"buttons": message["buttons"]}}]
    yes = make_tracker("yes", intent="affirm", slots={"goal_choice": events["goal_choice"]}, events=again)
    assert extracted(yes, dispatcher, domain)["career_goal"] == "Information Security Engineer"

    # ... while going past it a second time is processed as usual: role suggestions from the skills.
    later = CollectingDispatcher()
    tracker = make_tracker("what else can you tell me", slots={"goal_choice": events["goal_choice"],
                                                                "current_skills": skills})
    events = slot_events(await ActionAdvise().run(later, tracker, domain))
    assert "fit best" in later.messages[0]["text"] and "goal_choice" not in events


async def test_asking_for_role_ideas_comes_back_to_the_choice_first(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("what roles would suit me?", intent="ask_role_suggestions", slots={"goal_choice": PENDING})
    events = slot_events(await ActionSuggestRoles().run(dispatcher, tracker, domain))
    assert "which covers several kinds of job" in dispatcher.messages[0]["text"]
    assert "Did you mean" not in dispatcher.messages[0]["text"]  # no skills known: no default
    assert events["goal_choice"]["asked_again"] is True


async def test_an_answer_the_intent_model_missed_is_still_advised_on(make_tracker, dispatcher, domain) -> None:
    tracker = make_tracker("2", intent="nlu_fallback", events=[OFFER],
                           slots={"career_goal": "Cloud Solutions Architect", "goal_choice": None})
    tracker.events += [{"event": "slot", "name": "career_goal", "value": "Cloud Solutions Architect"},
                       {"event": "slot", "name": "goal_choice", "value": None}]
    events = slot_events(await ActionTwoStageFallback().run(dispatcher, tracker, domain))
    assert "Great goal: Cloud Solutions Architect" in dispatcher.messages[0]["text"]
    assert events["last_question"] == "skills"


async def test_a_title_nobody_lists_is_offered_its_closest_roles_not_kinds_of_it(make_tracker, dispatcher,
                                                                                 domain) -> None:
    goal = entity("job_role", "Continuous Improvement Manager", "goal", unresolved=True,
                  choices=["Lean Manufacturing Specialist"])
    tracker = make_tracker("I want to become a continuous improvement manager", entities=[goal])
    events = slot_events(await ActionAdvise().run(dispatcher, tracker, domain))
    [message] = dispatcher.messages
    assert "I don't have a skill profile for Continuous Improvement Manager" in message["text"]
    assert "several kinds" not in message["text"] and events["goal_choice"]["several"] is False
