"""The extractor on the hard cases: multi-word names, misspellings, negation, lists, experience, goal vs job."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.reading.constraints import parse_constraints
from catalog.reading.mentions import (
    ROLE_PLACEHOLDER,
    SKILL_PLACEHOLDER,
    MentionFinder,
    finder_for,
    mask_mentions,
)


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return finder_for()


def read(finder: MentionFinder, text: str) -> dict[tuple[str, str], str]:
    return {(m.kind, m.value): m.role for m in finder.find(text)}


def test_the_slice_example(finder: MentionFinder) -> None:
    got = read(finder, "I'm a retail supervisor and I want to become a data analyst. I know Excel and some SQL")
    assert got == {("role", "Retail Supervisor"): "current", ("role", "Data Analyst"): "goal",
                   ("skill", "Microsoft Excel"): "has", ("skill", "SQL"): "has"}


def test_current_job_versus_goal_field(finder: MentionFinder) -> None:
    got = read(finder, "I'm a nurse and want to move into telemedicine")
    assert got[("role", "Registered Nurse")] == "current"
    goals = [v for (k, v), r in got.items() if k == "role" and r == "goal"]
    assert goals and "Tele" in goals[0]


@pytest.mark.parametrize(("text", "lacking"), [
    ("I don't know Python", {"Python"}),
    ("no SQL yet", {"SQL"}),
    ("I know Excel but not SQL", {"SQL"}),
    ("actually I don't know SQL", {"SQL"}),
    ("never used Tableau, dont know python either", {"Tableau", "Python"}),
    ("I don't know Python, SQL or Tableau", {"Python", "SQL", "Tableau"}),
])
def test_negation(finder: MentionFinder, text: str, lacking: set[str]) -> None:
    got = read(finder, text)
    assert {v for (k, v), r in got.items() if k == "skill" and r == "lacks"} == lacking


def test_lists_misspellings_and_abbreviations(finder: MentionFinder) -> None:
    got = read(finder, "Excel, SQL and Tableau, a bit of pyhton and k8s")
    assert {v for (k, v) in got if k == "skill"} >= {"Microsoft Excel", "SQL", "Tableau", "Python", "Kubernetes"}
    assert all(r == "has" for r in got.values())


def test_years_of_experience(finder: MentionFinder) -> None:
    mentions = {m.value: m.years for m in finder.find("5 years of Java and Python for 2 yrs, some SQL")}
    assert mentions == {"Java": 5.0, "Python": 2.0, "SQL": None}


def test_longest_match_prefers_the_role(finder: MentionFinder) -> None:
    got = read(finder, "I want to be a machine learning engineer")
    assert got == {("role", "Machine Learning Engineer"): "goal"}


def test_change_of_goal_and_past_jobs(finder: MentionFinder) -> None:
    assert read(finder, "change my goal to UX designer") == {("role", "UX Designer"): "goal"}
    assert read(finder, "I used to be a paramedic")[("role", "Paramedic")] == "current"


def test_everyday_words_are_not_skills(finder: MentionFinder) -> None:
    assert read(finder, "I excel at teamwork") == {("skill", "Teamwork"): "has"}
    assert read(finder, "my career coordinator said hello at the conference") == {}


def test_a_word_of_the_vocabulary_is_not_a_misspelling_of_another(finder: MentionFinder) -> None:
    # "monitoring" is a word of 'Monitoring and Observability', not a misspelt "mentoring"
    got = read(finder, "we use Zabbix for monitoring of the network")
    assert ("skill", "Coaching and Mentoring") not in got
    assert read(finder, "i coach and do mentoring")[("skill", "Coaching and Mentoring")] == "has"
    # a misspelling that is no word of the vocabulary is still read, and so is a plural or singular
    assert read(finder, "I want to become an instructional desiger") == {("role", "Instructional Designer"): "goal"}
    assert ("skill", "Precision Measurement Tools") in read(finder, "I use micrometers and a height gauge daily")


@pytest.mark.parametrize(("text", "expected"), [
    ("frontend dev, react, typescript, no node or postgres",
     {"React": "has", "TypeScript": "has", "Node.js": "lacks", "PostgreSQL": "lacks"}),
    ("never did selenium or cypress", {"Selenium": "lacks", "Cypress": "lacks"}),
    ("i know kafka and spark, plus scala", {"Apache Kafka": "has", "Apache Spark": "has", "Scala": "has"}),
    ("I have no cad skills", {"Computer-Aided Design (CAD)": "lacks"}),
])
def test_lower_case_ambiguous_names_count_in_a_skill_context(
        finder: MentionFinder, text: str, expected: dict[str, str]) -> None:
    got = read(finder, text)
    assert {v: r for (k, v), r in got.items() if k == "skill"} == expected


@pytest.mark.parametrize("text", [
    "I react badly to stress", "i can go part time", "we need a swift answer", "a blank canvas",
    "the spark went out of my old job",
])
def test_lower_case_ambiguous_words_alone_are_not_skills(finder: MentionFinder, text: str) -> None:
    assert [m for m in finder.find(text) if m.kind == "skill"] == []


def test_correction_verbs_only_remove_at_the_start_of_a_clause(finder: MentionFinder) -> None:
    assert read(finder, "scratch sql")[("skill", "SQL")] == "lacks"
    listed = read(finder, "stem teacher, scratch, lego mindstorms, some python")
    assert listed[("skill", "Python")] == "has"


def test_what_follows_a_skill_describes_that_skill(finder: MentionFinder) -> None:
    got = read(finder, "got hipaa training, sql is my daily thing")
    assert got[("skill", "SQL")] == "has"
    assert read(finder, "no real skills yet apart from customer service")[("skill", "Customer Service")] == "has"


@pytest.mark.parametrize("text", ["do recruiters look at this", "are you chatgpt", "who made this chatbot"])
def test_questions_about_the_world_are_not_about_the_learner(finder: MentionFinder, text: str) -> None:
    assert finder.find(text) == []


def full(finder: MentionFinder, text: str) -> dict[tuple[str, str], tuple[str, bool]]:
    return {(m.kind, m.value): (m.role, m.unresolved) for m in finder.find(text)}


def test_job_titles_outside_the_taxonomy_are_read_as_roles(finder: MentionFinder) -> None:
    got = full(finder, "im a school librarian and want to become a clinical data manager, i know sas")
    assert got[("role", "School Librarian")] == ("current", True)
    assert got[("role", "Clinical Data Manager")] == ("goal", True)
    assert got[("skill", "SAS")] == ("has", False)


def test_a_known_title_with_extra_words_keeps_its_canonical_role(finder: MentionFinder) -> None:
    got = full(finder, "ela teacher wanting to become an e-learning developer")
    assert got == {("role", "Teacher"): ("current", False), ("role", "E-Learning Developer"): ("goal", False)}


def test_an_unknown_title_is_not_forced_onto_a_similar_known_one(finder: MentionFinder) -> None:
    got = full(finder, "sales rep, salesforce for 3 years, goal sales operations analyst")
    assert got[("role", "Sales Operations Analyst")] == ("goal", True)
    assert ("skill", "Sales") not in got  # part of the job titles, not a skill


@pytest.mark.parametrize("text", ["my manager said I should learn sql", "I work with a great team of engineers",
                                  "I want to be a manager"])
def test_job_words_alone_are_not_roles(finder: MentionFinder, text: str) -> None:
    assert [m for m in finder.find(text) if m.kind == "role"] == []


@pytest.mark.parametrize("text", ["i'd like to talk to a careers counsellor please", "can a careers adviser call me",
                                  "is there an actual advisor i can speak to", "put me through to a career coach",
                                  "how would a recruiter verify my badge"])
def test_a_person_to_contact_or_asked_about_is_not_the_learners_job(finder: MentionFinder, text: str) -> None:
    assert not [m for m in finder.find(text) if m.kind == "role"], text


@pytest.mark.parametrize(("text", "role", "reading"), [
    ("target role soc analyst", "Security Operations Center Analyst", "goal"),
    ("ehs coordinator, i know loto and coshh", "Environmental Health and Safety Specialist", "current"),
    ("vital signs is what i do every day as a medical assistant", "Medical Assistant", "current"),
    ("what kind of role would suit a teacher who likes tech", "Teacher", "current"),
    ("I want to become a nurse who works in ICU", "Registered Nurse", "goal"),
    ("im a radiographer wanting to move into data analysis", "Radiographer", "current"),
])
def test_how_a_role_is_introduced_says_job_or_goal(finder: MentionFinder, text: str, role: str, reading: str) -> None:
    assert read(finder, text)[("role", role)] == reading


@pytest.mark.parametrize(("text", "lacking", "having"), [
    ("take java off my list, that was years ago", {"Java"}, set()),
    ("i know exel very good but pyhton no", {"Python"}, {"Microsoft Excel"}),
    ("sql yes, python no", {"Python"}, {"SQL"}),
    ("python no problem, I know it well", set(), {"Python"}),
    ("sql is my weak spot", {"SQL"}, set()),
    ("tableau - never used it", {"Tableau"}, set()),
    ("python is new to me", {"Python"}, set()),
    ("unfamiliar with power bi", {"Power BI"}, set()),
    ("i have no idea how to use excel", {"Microsoft Excel"}, set()),
    ("i'm bad at excel", {"Microsoft Excel"}, set()),
    ("not bad at excel", set(), {"Microsoft Excel"}),
    ("excel yes but sql not at all", {"SQL"}, {"Microsoft Excel"}),
    ("i said tableau but meant looker", {"Tableau"}, {"Looker"}),
    ("python is not my thing", {"Python"}, set()),
    ("sql never lets me down", set(), {"SQL"}),
    ("excel, sql, never touched tableau", {"Tableau"}, {"Microsoft Excel", "SQL"}),
    ("i know sql, never had a problem with it", set(), {"SQL"}),
])
def test_a_skill_said_missing_after_its_name(finder: MentionFinder, text: str, lacking: set, having: set) -> None:
    got = read(finder, text)
    assert {v for (k, v), r in got.items() if k == "skill" and r == "lacks"} == lacking
    assert {v for (k, v), r in got.items() if k == "skill" and r == "has"} == having


def test_constraints() -> None:
    c = parse_constraints("budget is $300, 5 hours a week, done within 3 months, only Coursera not Udemy",
                          {"coursera": "coursera", "udemy": "udemy"})
    assert (c.budget, c.currency, c.hours_per_week) == (300.0, "USD", 5.0)
    assert round(c.deadline_weeks) == 13
    assert c.prefer_providers == ["coursera"] and c.avoid_providers == ["udemy"]
    assert parse_constraints("something cheaper").optimise == "cost"
    assert parse_constraints("no budget limit").free_only is False
    assert parse_constraints("I'm free on weekends").free_only is False
    assert parse_constraints("only free ones please").free_only is True


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_random_text_never_raises(text: str) -> None:
    finder = finder_for()
    for m in finder.find(text):
        assert 0 <= m.start < m.end <= len(text)
    parse_constraints(text, {"coursera": "coursera"})


def test_masking_replaces_each_mention_with_its_kind(finder: MentionFinder) -> None:
    text = "I'm a pharmacy tech, I know Minitab and SAP MM, want to be a data analyst"
    assert mask_mentions(text, finder.find(text)) == (f"I'm a {ROLE_PLACEHOLDER}, I know {SKILL_PLACEHOLDER} and {SKILL_PLACEHOLDER}, "
                      f"want to be a {ROLE_PLACEHOLDER}")
    assert mask_mentions("nothing to see here", []) == "nothing to see here"
    assert mask_mentions("SQL/Python", finder.find("SQL/Python")) == f"{SKILL_PLACEHOLDER}/{SKILL_PLACEHOLDER}"


# -- where they want to go is not what they have ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "goal"), [
    ("paramedic. want healthcare management", "Healthcare Administrator"),
    ("staff accountant, thinking cybersecurity", "Cybersecurity Analyst"),
    ("sysadmin -> devops/sre", "DevOps Engineer"),
])
def test_a_field_named_as_the_destination_is_the_goal_not_a_skill(finder: MentionFinder, text: str,
                                                                  goal: str) -> None:
    got = finder.find(text)
    assert [(m.kind, m.value, m.role) for m in got if m.role == "goal"] == [("role", goal, "goal")]
    assert not [m for m in got if m.kind == "skill"], text


def test_a_field_that_is_the_core_of_no_role_is_offered_as_a_choice(finder: MentionFinder) -> None:
    [job, goal] = finder.find("nursing assistant here. i want to specialise in infection control")
    assert (goal.kind, goal.value, goal.role, goal.unresolved) == ("role", "Infection Control", "goal", True)
    assert len(goal.choices) >= 2 and all(c in finder.taxonomy.roles for c in goal.choices)


@pytest.mark.parametrize(("text", "role"), [
    ("i want to go into AML compliance", "Compliance Officer"),
    ("desktop support analyst here. i want to get into cloud security", "Information Security Engineer"),
])
def test_a_field_names_the_one_close_role_whose_title_has_its_head_word(finder, text, role) -> None:
    goal = [m for m in finder.find(text) if m.kind == "role" and m.role == "goal"]
    assert [(m.value, m.unresolved) for m in goal] == [(role, False)]


def test_a_field_beside_a_named_goal_role_is_dropped(finder: MentionFinder) -> None:
    assert read(finder, "im in it support and want to get into security as a soc analyst") == {
        ("skill", "IT Support"): "has", ("role", "Security Operations Center Analyst"): "goal"}


@pytest.mark.parametrize("text", ["ive heard R or python, which one should i do first?",
                                  "ASQ CQT or six sigma green belt?", "is tableau or power bi better for me?"])
def test_a_skill_only_asked_about_is_not_held(finder: MentionFinder, text: str) -> None:
    assert not [m for m in finder.find(text) if m.kind == "skill"], text


def test_a_question_keeps_what_the_learner_says_they_have(finder: MentionFinder) -> None:
    assert read(finder, "i know SQL and excel, what should i learn next?") == {
        ("skill", "SQL"): "has", ("skill", "Microsoft Excel"): "has"}


@pytest.mark.parametrize("text", ["2000 CAD", "AUD 1500 from my PD allowance", "budget is 300 CAD"])
def test_a_currency_beside_an_amount_is_neither_skill_nor_job(finder: MentionFinder, text: str) -> None:
    assert finder.find(text) == [], text


def test_cad_without_an_amount_is_still_the_skill(finder: MentionFinder) -> None:
    assert ("skill", "Computer-Aided Design (CAD)") in read(finder, "i know autocad and CAD")


@pytest.mark.parametrize(("text", "lacked"), [
    ("financial modelling i never did, power bi also no", {"Financial Modeling", "Power BI"}),
    ("programming no, ladder logic no", {"Computer Programming", "Ladder Logic"}),
])
def test_missing_said_after_the_skill(finder: MentionFinder, text: str, lacked: set[str]) -> None:
    assert {v for (k, v), role in read(finder, text).items() if role == "lacks"} == lacked


@pytest.mark.parametrize(("text", "weeks"), [
    ("needs to be before the new grad intake in Feb", 12.6), ("ideally job ready by spring", 16.6),
    ("300 usd, want it done in Q3", 42.9), ("need it done by june", 29.7),
])
def test_deadlines_said_as_months_seasons_and_quarters(text: str, weeks: float) -> None:
    import datetime as dt

    assert parse_constraints(text, today=dt.date(2026, 12, 2)).deadline_weeks == weeks


@pytest.mark.parametrize("text", ["i finished in march", "i can go full time in spring"])
def test_a_month_without_a_deadline_word_is_no_deadline(text: str) -> None:
    assert parse_constraints(text).deadline_weeks is None


def test_a_technology_in_the_learners_own_job_title_is_held(finder: MentionFinder) -> None:
    """"junior php dev": the title took the word, so PHP was no mention of its own; a goal's title says nothing
    held, and a title naming no technology ("marketing manager") adds nothing."""
    got = read(finder, "junior php dev, want to move to backend w/ go")
    assert got[("skill", "PHP")] == "has"
    assert read(finder, "Java developer 6 years, thinking solutions architect")[("skill", "Java")] == "has"
    assert not [k for k in read(finder, "I want to become a python developer") if k[0] == "skill"]
    assert not [k for k in read(finder, "i'm a marketing manager") if k[0] == "skill"]


def test_a_vendors_word_before_another_of_its_products_is_not_the_one_it_abbreviates(finder: MentionFinder) -> None:
    """"oracle" is Oracle Database, but "oracle fusion" is another Oracle product: nothing is better than the
    wrong one. A name that is the vendor's own ("SAP PP") and the product itself ("oracle database") stay."""
    assert ("skill", "Oracle Database") not in read(finder, "software is netsuite and oracle fusion")
    assert read(finder, "i know oracle and sql")[("skill", "Oracle Database")] == "has"
    assert ("skill", "Oracle Database") in read(finder, "i use oracle database daily")
    assert ("skill", "SAP") in read(finder, "I know SAP PP")


@pytest.mark.parametrize(("text", "hours"), [
    ("I can study 10 hours by week", 10.0), ("maybe 6 hour in week", 6.0), ("4 hours in a week", 4.0),
    ("I can do 6 hours weekly", 6.0), ("1.5 hours each weeknight", 7.5), ("2 hours on weekends", 4.0),
    ("5 hrs/wk", 5.0),
])
def test_hours_a_week_as_people_write_them(text: str, hours: float) -> None:
    assert parse_constraints(text).hours_per_week == hours


@pytest.mark.parametrize(("text", "lacking", "having"), [
    ("SQL I've literally never written. Python neither", {"SQL", "Python"}, set()),
    ("Linux I'm really weak at.", {"Linux"}, set()),
    ("math is my weak spot tbh. linear algebra, stats, forgot all of it", {"Linear Algebra", "Statistics"}, set()),
    ("also never deployed a model or used pytorch", {"PyTorch"}, set()),
    ("I have no programming. Python zero, SAS zero.", {"Python", "SAS"}, set()),
    ("my SEO is weak", {"SEO"}, set()),
    ("excel barely", {"Microsoft Excel"}, set()),
    ("my python is not bad", set(), {"Python"}),
    ("I use python and sql, never had a problem with it", set(), {"Python", "SQL"}),
])
def test_a_skill_said_weak_or_missing_in_other_words(finder: MentionFinder, text: str, lacking: set,
                                                      having: set) -> None:
    got = read(finder, text)
    assert {v for (k, v), r in got.items() if k == "skill" and r == "lacks"} >= lacking
    assert {v for (k, v), r in got.items() if k == "skill" and r == "has"} == having


@pytest.mark.parametrize(("text", "not_held"), [
    ("I want to go to FP&A, budgeting and forecasting.", {"Budgeting", "Forecasting"}),
    ("want to get into process improvement, lean six sigma type work", {"Lean Six Sigma"}),
    ("want out of public accounting and into tech, specifically GRC or IT audit",
     {"Governance, Risk and Compliance", "Security Auditing"}),
    ("More specifically I think pen testing.", {"Penetration Testing"}),
    ("My objective is network automation", {"Network Automation"}),
])
def test_more_of_the_destination_is_not_held(finder: MentionFinder, text: str, not_held: set) -> None:
    held = {v for (k, v), r in read(finder, text).items() if k == "skill" and r == "has"}
    assert not held & not_held, text


@pytest.mark.parametrize("text", ["I want to become a data analyst, SQL and Excel I know",
                                  "goal: data analyst, I know sql and excel"])
def test_skills_said_as_theirs_after_a_goal_stay_held(finder: MentionFinder, text: str) -> None:
    held = {v for (k, v), r in read(finder, text).items() if k == "skill" and r == "has"}
    assert held == {"SQL", "Microsoft Excel"}, text


def roles_of(finder: MentionFinder, text: str) -> list[tuple[str, str]]:
    return [(m.value, m.role) for m in finder.find(text) if m.kind == "role"]


@pytest.mark.parametrize(("text", "job"), [
    ("hey. soc analyst tier 1 at an MSSP, been doing it ~14 months", "Security Operations Center Analyst"),
    ("linux sysadmin, 6 yrs. RHEL mostly, some ubuntu", "Network Administrator"),
])
def test_a_title_opening_the_message_with_a_level_or_technology_is_the_current_job(
        finder: MentionFinder, text: str, job: str) -> None:
    assert roles_of(finder, text) == [(job, "current")]


def test_an_onet_title_of_another_occupation_is_not_its_head_words_role(finder: MentionFinder) -> None:
    got = [m for m in finder.find("want to move to cnc programmer") if m.kind == "role"]
    assert [(m.role, m.onet, m.unresolved) for m in got] == [("goal", "51-9162.00", True)]
    assert roles_of(finder, "i'm a science teacher") == [("Teacher", "current")]


def test_a_corrected_goal_replaces_the_first(finder: MentionFinder) -> None:
    text = "I want to go into medical coding. actually scratch that, more like health informatics"
    assert [r for r in roles_of(finder, text) if r[1] == "goal"] == [("Health Informatics Specialist", "goal")]
    assert roles_of(finder, "i want to go devops") == [("DevOps Engineer", "goal")]


def test_what_others_want_is_neither_goal_nor_skill_and_a_denial_takes_back_the_last_sentence(
        finder: MentionFinder) -> None:
    assert read(finder, "employers want python") == {}
    got = read(finder, "the job posts all want SQL and Tableau or Power BI. never used any of them")
    assert got == {("skill", "SQL"): "lacks", ("skill", "Tableau"): "lacks", ("skill", "Power BI"): "lacks"}


@pytest.mark.parametrize("closing", ["none of that", "weak on all of that", "never touched any of them"])
def test_a_closing_denial_takes_back_its_clause(finder: MentionFinder, closing: str) -> None:
    # the list ends in words that are no skill, so the denial is not right after its last skill
    got = read(finder, f"I know Python well, but SQL, Tableau and our in-house stack - {closing}")
    assert got == {("skill", "Python"): "has", ("skill", "SQL"): "lacks", ("skill", "Tableau"): "lacks"}
    assert set(read(finder, "python, sql, tableau - used all of them daily").values()) == {"has"}


@pytest.mark.parametrize(("text", "skill"), [("deviations, CAPAs, root cause analysis",
                                              "Corrective and Preventive Action (CAPA)")])
def test_a_skill_counted_in_the_plural_is_the_skill(finder: MentionFinder, text: str, skill: str) -> None:
    assert read(finder, text).get(("skill", skill)) == "has"


def test_a_short_abbreviation_of_another_industry_is_not_read(finder: MentionFinder) -> None:
    payroll = read(finder, "Sage 50 Payroll and we've just moved some entities onto Xero. RTI submissions")
    assert ("skill", "Response to Intervention (RTI)") not in payroll and ("skill", "Xero") in payroll
    teacher = read(finder, "i'm a teacher, we do RTI and IEP meetings, use google classroom")
    assert teacher.get(("skill", "Response to Intervention (RTI)")) == "has"
    # the same for a tool: "PM" among maintenance skills is no medical software; at a clinic it may be
    mill = read(finder, "I know basic RCM and PM optimisation ideas but never done vibration analysis or FMEA")
    assert ("tool", "PM") not in mill and ("skill", "Reliability-Centered Maintenance") in mill
    assert ("tool", "PM") in read(finder, "front desk at a clinic, we use PM for billing and Epic")


def test_a_goal_field_may_have_words_before_its_skill(finder: MentionFinder) -> None:
    got = roles_of(finder, "nursery practitioner, level 3. want to get into early years SEN")
    assert got[-1] == ("Special Education Teaching Assistant", "goal")


def test_as_a_title_after_a_wanting_clause_is_the_goal(finder: MentionFinder) -> None:
    assert roles_of(finder, "I want to move into clinical research, as clinical research associate")[-1] == (
        "Clinical Research Associate", "goal")
    assert roles_of(finder, "I work in a hospital, as a nurse") == [("Registered Nurse", "current")]


def test_what_follows_a_goal_title_with_a_comma_is_what_they_know(finder: MentionFinder) -> None:
    got = read(finder, "I'm a clinical coder, want to become ehr specialist, snomed ct and icd-10 daily")
    assert got.get(("skill", "ICD-10")) == "has"


@pytest.mark.parametrize("text", ["data scientist or data analyst would be my goal",
                                  "data scientist, or at least data analyst"])
def test_jobs_said_as_alternatives_are_read_alike(finder: MentionFinder, text: str) -> None:
    assert read(finder, text) == {("role", "Data Scientist"): "goal", ("role", "Data Analyst"): "goal"}


def test_a_title_after_a_field_goal_says_which_job_of_the_field(finder: MentionFinder) -> None:
    got = read(finder, "I want to move into data. data engineer ideally")
    assert got == {("role", "Data Engineer"): "goal"}
    # a title before the field is where they come from
    got = read(finder, "data engineer for 3 years, want to move into data science")
    assert got == {("role", "Data Engineer"): "current", ("role", "Data Scientist"): "goal"}


def test_a_title_with_two_halves_opening_the_message_is_the_job(finder: MentionFinder) -> None:
    got = read(finder, "Bookkeeper/administrator at a dental practice, 6 years")
    assert got.get(("role", "Bookkeeper")) == "current"


def test_a_field_goal_is_a_role_only_where_it_is_that_roles_core(finder: MentionFinder) -> None:
    # infection control weighs 0.8 for a phlebotomist, whose core is phlebotomy: a choice, not Phlebotomist
    [goal] = [m for m in finder.find("I really want to get into infection control") if m.kind == "role"]
    assert goal.role == "goal" and goal.unresolved and goal.choices and goal.value != "Phlebotomist"


def test_kinds_of_credential_are_no_misspelt_skills(finder: MentionFinder) -> None:
    assert read(finder, "I've already got the edX MicroMasters in supply chain") == {
        ("skill", "Supply Chain Management"): "has"}


@pytest.mark.parametrize(("text", "second"), [
    ("i want to be a safety manager. well maybe not manager right away, EHS coordinator or specialist to start",
     "goal"),
    ("I want to become a data scientist. Probably data analyst first", "goal"),
    # a sentence that says what they do now is no qualification of the goal
    ("I want to become a data scientist. I work as a data analyst, maybe 3 years", "current"),
])
def test_a_sentence_qualifying_the_goal_names_more_goals(finder: MentionFinder, text: str, second: str) -> None:
    found = [m for m in finder.find(text) if m.kind == "role"]
    assert found[0].role == "goal" and found[-1].role == second


@pytest.mark.parametrize(("text", "asked"), [
    ("what is more used in FP&A teams, Power BI or Tableau?", True),
    ("does step 3 include sql?", True),
    ("what careers would suit someone who knows autocad?", False),  # "someone who" stands for the learner
    ("do you think my SQL is enough?", False),
    ("I know SQL well.", False),
])
def test_a_question_that_says_nothing_of_the_learner_asks_about_its_skills(finder: MentionFinder, text: str,
                                                                          asked: bool) -> None:
    skills = [m for m in finder.find(text) if m.kind == "skill"]
    assert skills and all(m.asked is asked for m in skills)


def test_a_name_with_and_is_read_as_people_write_it_with_an_ampersand(finder: MentionFinder) -> None:
    assert read(finder, "I know health & safety") == {("skill", "Occupational Health and Safety"): "has"}
    assert read(finder, "actually scratch that - more like learning & development")[
        ("role", "Learning and Development Specialist")] == "goal"


def test_wanna_do_a_field_is_where_they_want_to_go(finder: MentionFinder) -> None:
    got = read(finder, "medical assistant, family practice. wanna do coding from home")
    assert got == {("role", "Medical Assistant"): "current", ("role", "Medical Coder"): "goal"}


def test_a_verb_is_no_misspelt_job_or_skill(finder: MentionFinder) -> None:
    # "recruited" is one letter from "recruiter": the verb of the work, not a misspelt title
    assert [m.value for m in finder.find("I did supplier negotiating and recruited 10 people") if m.kind == "role"] == []
    assert read(finder, "i'm a data anlyst") == {("role", "Data Analyst"): "current"}  # a misspelling still is one


def test_a_question_without_its_mark_asks_about_its_skills(finder: MentionFinder) -> None:
    assert [m.asked for m in finder.find("never touched articulate storyline. whats ADDIE lol")
            if m.value == "ADDIE Model"] == [True]
    assert [m.asked for m in finder.find("what jobs can i get with sql") if m.kind == "skill"] == [False]


@pytest.mark.parametrize(("text", "skill"), [
    ("ICD-10-PCS rusty, no DRG experience at all", "ICD-10"),
    ("Minitab i never open it", "Minitab"),
])
def test_a_weakness_or_a_denial_said_right_after_the_skill(finder: MentionFinder, text: str, skill: str) -> None:
    assert read(finder, text)[("skill", skill)] == "lacks"


@pytest.mark.parametrize(("text", "lacking"), [
    ("i know sql, spark i never touched", "Apache Spark"),
    ("I have some knowledge of Docker, Kubernetes I have not started at all.", "Kubernetes"),
    ("I know Python I never touched Java", "Java"),  # the denial is Java's, not Python's
])
def test_a_denial_ending_the_clause_takes_back_the_skill_before_it(finder: MentionFinder, text: str,
                                                                    lacking: str) -> None:
    got = read(finder, text)
    assert [s for (kind, s), role in got.items() if kind == "skill" and role == "lacks"] == [lacking]
