"""The degree and licences a learner mentions reach their slots, and from there the entry-requirement check."""

from __future__ import annotations

from actions.advising import background_from
from actions.catalog_service import catalog_service
from actions.slot_extraction import ValidateSlotMappings
from tests.actions.conftest import entity


def test_degree_and_licence_are_read_from_the_message(make_tracker, dispatcher, domain, catalogue) -> None:
    tracker = make_tracker("I've got a BSN and an active RN license", slots={"licences": ["paramedic"]})
    action = ValidateSlotMappings()
    assert action.extract_degree(dispatcher, tracker, domain) == {"degree": "bachelor"}
    assert action.extract_licences(dispatcher, tracker, domain) == {"licences": ["paramedic", "rn"]}
    nothing = make_tracker("I want to be a nurse informaticist", slots={"degree": "bachelor"})
    assert action.extract_degree(dispatcher, nothing, domain) == {}


def test_the_background_carries_degree_licences_jobs_and_years(make_tracker, catalogue) -> None:
    tracker = make_tracker("", slots={"background_roles": ["Registered Nurse"], "skill_years": {"Registered Nurse": 6},
                                      "degree": "bachelor", "licences": []})
    bg = background_from(tracker)
    assert bg.degree == "bachelor" and "rn" in bg.licences and bg.years["Registered Nurse"] == 6


def test_the_learners_industry_settles_what_the_message_could_not(make_tracker, dispatcher, domain) -> None:
    action = ValidateSlotMappings()
    candidate = entity("skill_candidate", "Canvas LMS", industries=["education"])
    coding = entity("skill", "Computer Programming", readings={"healthcare": "Medical Coding"})
    teacher = make_tracker("we use canvas and i know coding", entities=[candidate, coding],
                           slots={"career_goal": "Instructional Designer"})
    assert set(action.extract_current_skills(dispatcher, teacher, domain)["current_skills"]) == {
        "Canvas LMS", "Computer Programming"}
    coder = make_tracker("we use canvas and i know coding", entities=[candidate, coding],
                         slots={"career_goal": "Medical Coder"})
    assert action.extract_current_skills(dispatcher, coder, domain)["current_skills"] == ["Medical Coding"]
    nobody = make_tracker("we use canvas and i know coding", entities=[candidate, coding])
    assert action.extract_current_skills(dispatcher, nobody, domain)["current_skills"] == ["Computer Programming"]


def test_a_comparison_the_intent_model_missed_leaves_the_profile_alone(make_tracker, dispatcher, domain,
                                                                      catalogue) -> None:
    """"google data analytics or ibm data analyst?": the goal, skills and providers it names are the
    comparison's, not the learner's, whatever intent the message got."""
    action = ValidateSlotMappings()
    ents = [entity("provider", "google"), entity("provider", "ibm"), entity("job_role", "Data Analyst", "goal"),
            entity("skill", "Data Analysis")]
    tracker = make_tracker("google data analytics or ibm data analyst?", intent="nlu_fallback", entities=ents)
    assert action.extract_preferred_providers(dispatcher, tracker, domain) == {}
    assert action.extract_career_goal(dispatcher, tracker, domain) == {}
    assert action.extract_current_skills(dispatcher, tracker, domain) == {}
    claim = make_tracker("I want to be a data analyst, only google or ibm courses", intent="nlu_fallback", entities=ents)
    assert action.extract_preferred_providers(dispatcher, claim, domain)["preferred_providers"] == ["google", "ibm"]


def _said(text: str, entities: list[dict]) -> dict:
    return {"event": "user", "text": text, "parse_data": {"text": text, "entities": entities}}


def test_a_skill_named_in_a_question_about_others_is_not_the_learners(make_tracker, dispatcher, domain) -> None:
    question = make_tracker("what is more used in FP&A teams, Power BI or Tableau?",
                            entities=[entity("skill", "Financial Planning and Analysis", unclaimed=True, asked=True),
                                      entity("skill", "Power BI", unclaimed=True, asked=True)],
                            slots={"current_skills": ["NetSuite"]})
    assert ValidateSlotMappings().extract_current_skills(dispatcher, question, domain) == {}


def test_a_skill_said_lacking_is_not_held_again_by_a_plain_mention(make_tracker, dispatcher, domain) -> None:
    action = ValidateSlotMappings()
    earlier = [_said("I never used Power BI or Tableau", [entity("skill", "Power BI", "lacks"),
                                                         entity("skill", "Tableau", "lacks")])]
    question = make_tracker("what is more used in FP&A teams, Power BI or Tableau?", events=earlier,
                            entities=[entity("skill", "Power BI", unclaimed=True), entity("skill", "Tableau", unclaimed=True)],
                            slots={"current_skills": ["NetSuite"]})
    assert action.extract_current_skills(dispatcher, question, domain) == {}
    # said with a word of having, it is held after all; and a skill never said lacking is held as usual
    now = make_tracker("actually I do know Power BI, and Excel", events=earlier,
                       entities=[entity("skill", "Power BI"), entity("skill", "Microsoft Excel", unclaimed=True)],
                       slots={"current_skills": ["NetSuite"]})
    assert action.extract_current_skills(dispatcher, now, domain)["current_skills"] == [
        "NetSuite", "Power BI", "Microsoft Excel"]


def test_credentials_said_held_among_the_profile_are_completed(make_tracker, dispatcher, domain, catalogue) -> None:
    action = ValidateSlotMappings()
    tracker = make_tracker("I already have CompTIA A+ and Network+, I want to be a sysadmin",
                           slots={"completed_credentials": ["some-earlier-one"]})
    completed = action.extract_completed_credentials(dispatcher, tracker, domain)["completed_credentials"]
    titles = [catalog_service().index.by_id[c].record.title for c in completed[1:]]
    assert completed[0] == "some-earlier-one" and titles == ["CompTIA A+", "CompTIA Network+"]
    wanted = make_tracker("I want to get CompTIA A+ and Network+")
    assert action.extract_completed_credentials(dispatcher, wanted, domain) == {}
    browsing = make_tracker("I have the A+, show me security certs under $400", intent="browse_catalogue")
    assert action.extract_completed_credentials(dispatcher, browsing, domain) == {}
