"""Clauses about somebody else: their skills and jobs are not the learner's, unless the learner disowns them."""

from __future__ import annotations

import pytest
import spacy

from catalog.reading.other_people import others_clauses
from tests.support.mention_reading import skill_roles

NLP = spacy.blank("en")




@pytest.mark.parametrize("text", [
    "my supervisor knows SQL really well",
    "one of my coworkers uses Tableau for everything",
    "a friend of mine swears by Salesforce",
    "she does all the Python scripting",
    "and my boss is an expert in Power BI",
    "our FP&A guy does everything in Anaplan",
    "I fill in the forms when the analyst asks for SQL extracts",
])
def test_a_clause_about_someone_else_holds_none_of_the_learners_skills(finder, text) -> None:
    assert skill_roles(finder, text) == {}


def test_the_learner_speaking_again_ends_the_clause(finder) -> None:
    got = skill_roles(finder, "my colleague uses Tableau but I mostly work in Excel")
    assert got == {"Microsoft Excel": "has"}
    assert skill_roles(finder, "my manager wants me to learn SQL") == {"SQL": "lacks"}


def test_what_the_learner_then_disowns_is_what_they_lack(finder) -> None:
    got = skill_roles(finder, "my team lead does everything in Jira and Confluence, I have never used those")
    assert set(got.values()) == {"lacks"} and "Jira" in got


def test_a_job_title_with_a_verb_of_its_own_is_somebody_else(finder) -> None:
    text = "I'm a payroll clerk. the finance manager has her CPA and handles all the SQL queries"
    roles = {m.value: m.role for m in finder.find(text) if m.kind == "role"}
    assert list(roles.values()) == ["current"]
    assert "SQL" not in skill_roles(finder, text)


@pytest.mark.parametrize("text", [
    "data analyst is my goal, I know SQL",
    "I know SQL and my friend knows it too",
    "I work with my supervisor on the SQL reports",
])
def test_the_learners_own_clauses_are_left_alone(finder, text) -> None:
    assert skill_roles(finder, text).get("SQL") == "has"


def test_clause_offsets() -> None:
    doc = NLP.make_doc("I use Excel. my boss uses SAP, I don't know that")
    (clause,) = others_clauses(doc)
    assert doc[clause.subject_start:clause.end].text == "my boss uses SAP,"
    assert clause.disowned_by_learner


@pytest.mark.parametrize("text", [
    "my tech skills are SQL and Python",
    "our dev tools include Jira and SQL",
    "the senior projects were all SQL and Python",
])
def test_a_person_word_modifying_a_noun_opens_no_clause(finder, text) -> None:
    assert skill_roles(finder, text).get("SQL") == "has"


def test_a_subject_can_have_modifiers_before_its_person_word(finder) -> None:
    assert skill_roles(finder, "our senior dev lead uses SQL all day, I use Excel") == {"Microsoft Excel": "has"}


@pytest.mark.parametrize("text", [
    "Data analyst has been my goal for years. I know SQL",
    "data analyst has always been my dream, I know SQL",
])
def test_a_title_whose_verb_speaks_of_the_learner_is_the_learners(finder, text) -> None:
    roles = {m.value: m.role for m in finder.find(text) if m.kind == "role"}
    assert roles == {"Data Analyst": "goal"}
    assert skill_roles(finder, text).get("SQL") == "has"


def test_a_hyphenated_person_word_opens_somebody_elses_clause(finder) -> None:
    assert skill_roles(finder, "my co-worker uses Tableau, I know SQL") == {"SQL": "has"}


@pytest.mark.parametrize(("text", "expected"), [
    ("my manager uses Python, I don't know it", {"Python": "lacks"}),
    ("my boss uses Python, i've never used that stuff", {"Python": "lacks"}),
    ("my manager uses Python, I don't think it matters", {}),  # "it" opens a clause of its own
])
def test_the_learner_disowns_what_they_point_back_to(finder, text, expected) -> None:
    assert skill_roles(finder, text) == expected
