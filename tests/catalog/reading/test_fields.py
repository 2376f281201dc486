"""Goals said as a field or activity ("move into radiology") read through O*NET's titles, and what must not be."""

from __future__ import annotations

import pytest

from catalog.catalogue.taxonomy import default_taxonomy
from catalog.reading.fields import STRONG, WEAK, cue_strength, stem
from catalog.reading.mentions import MentionFinder, finder_for


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return finder_for()


def goals(finder: MentionFinder, text: str) -> list:
    return [m for m in finder.find(text) if m.kind == "role" and m.role == "goal"]


# -- fields that lead somewhere, in each industry -----------------------------------------------------------

@pytest.mark.parametrize(("text", "field", "role", "code"), [
    ("i'd like to move into front-end", "front-end", "Front-End Developer", "15-1254.00"),  # it
    ("hoping to move into auditing", "auditing", "Accountant", "13-2011.00"),  # business and finance
    ("adult literacy volunteer, I want to get into adult education", "adult education",
     "English as a Second Language Teacher", "25-3011.00"),  # education
])
def test_a_field_of_a_covered_occupation_is_that_role(finder: MentionFinder, text: str, field: str, role: str,
                                                      code: str) -> None:
    [goal] = goals(finder, text)
    assert (goal.value, goal.inferred_from, goal.onet, goal.unresolved) == (role, field, code, False)
    assert goal.text == field


@pytest.mark.parametrize(("text", "field", "code"), [
    ("interested in dental hygiene", "dental hygiene", "25-1071.00"),  # healthcare
    ("bank clerk, I want to move into loan processing", "loan processing", "43-4131.00"),  # business
    ("school secretary here, interested in school counseling", "school counseling", "21-1012.00"),  # education
    ("machinist, really interested in metallurgy", "metallurgy", "17-2131.00"),  # manufacturing
    ("i'd like to get into estimating", "estimating", "13-1051.00"),  # manufacturing
])
def test_a_field_of_an_uncovered_occupation_keeps_its_code_and_the_closest_roles(
        finder: MentionFinder, text: str, field: str, code: str) -> None:
    [goal] = goals(finder, text)
    assert (goal.inferred_from, goal.onet, goal.unresolved) == (field, code, True)
    assert goal.choices and all(c in finder.taxonomy.roles for c in goal.choices)


def test_a_field_several_occupations_share_is_a_choice(finder: MentionFinder) -> None:
    [goal] = goals(finder, "I want to move into radiology")  # radiologists and radiologic technologists
    assert goal.unresolved and goal.inferred_from == "radiology"
    assert 1 <= len(goal.choices) <= 3 and all(c in finder.taxonomy.roles for c in goal.choices)


def test_a_field_the_taxonomy_names_roles_by_offers_those_roles(finder: MentionFinder) -> None:
    [goal] = goals(finder, "assembler, would like a career in quality")
    assert goal.unresolved and goal.choices and all("Quality" in c for c in goal.choices)


def test_a_compound_is_read_however_it_is_split(finder: MentionFinder) -> None:
    for text in ("thinking of moving to front end", "i'd like to move into front-end"):
        assert [g.value for g in goals(finder, text)] == ["Front-End Developer"], text


def test_a_job_named_without_a_cue_beside_a_field_goal_is_the_current_job(finder: MentionFinder) -> None:
    found = [(m.value, m.role) for m in finder.find("payroll clerk. want to get into actuarial work")
             if m.kind == "role"]
    assert found[0] == ("Payroll Specialist", "current")
    assert found[1][1] == "goal" and len(found) == 2


def test_a_named_goal_role_is_kept_over_a_field(finder: MentionFinder) -> None:
    assert [g.value for g in goals(finder, "i want to become a medical coder, maybe get into radiology later")] \
        == ["Medical Coder"]


# -- what is not a field of work -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "we might move to Berlin next year",
    "I really need to get into shape first",
    "interested in learning more about the options",
    "ok let's get into the details",
    "can I switch to online classes?",
    "i'd rather move to part time hours",
    "I'm interested in the cost mostly",
    "interested in certificates that are cheap",
    "interested in the AZ-900?",
    "want to move to a bigger company",
    "I want to get into a good school",
    "i want a promotion and more money",
    "i don't want to move into underwriting",  # said not wanted
    "I moved into underwriting last year",  # a past move is the job they have
    "I work in quality",  # where they are, not where they go
    "is the underwriting certificate worth it?",  # no goal cue
])
def test_ordinary_phrases_after_a_cue_give_no_field_goal(finder: MentionFinder, text: str) -> None:
    assert not [g for g in goals(finder, text) if g.inferred_from], text


def test_without_onet_there_is_no_field_reader() -> None:
    bare = MentionFinder(default_taxonomy())  # what finder_for builds with CAREER_ONET_TITLES=off
    assert bare.fields is None and goals(bare, "I want to move into radiology") == []


# -- the parts ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b"), [("underwriting", "underwriter"), ("informatics", "informaticist"),
                                      ("pharmacy", "pharmacists"), ("programming", "programmer"),
                                      ("management", "manager"), ("nursing", "nurses")])
def test_a_field_and_its_agent_share_a_stem(a: str, b: str) -> None:
    assert stem(a).stem == stem(b).stem
    assert stem(a).activity and not stem(a).agent


def test_a_plain_word_is_no_activity() -> None:
    assert not stem("details").activity and not stem("details").agent


@pytest.mark.parametrize(("before", "strength"), [
    (["into", "move", "to", "want", "i"], STRONG), (["to", "switching"], STRONG), (["in", "interested"], STRONG),
    (["in", "something", "want"], STRONG), ([":", "goal"], STRONG), ([">", "-"], STRONG),
    (["want"], WEAK), (["do", "to", "want"], WEAK),
    (["in", "work", "i"], 0), (["into", "looking"], 0), (["into", "move", "to", "want", "n't"], 0), (["to"], 0),
])
def test_cue_strength(before: list[str], strength: int) -> None:
    assert cue_strength(before) == strength

