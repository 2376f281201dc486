""""little knowledge of X" is next to none, "a little X" is some; a skill inside an organisation's name is none."""

from __future__ import annotations

import pytest

from tests.support.mention_reading import skill_roles


@pytest.mark.parametrize(("text", "role"), [
    ("I have little knowledge of SQL", "lacks"),
    ("very little experience with SQL", "lacks"),
    ("i know a little SQL", "has"),
    ("little bit of SQL", "has"),
    ("wrote some little SQL queries", "has"),
    ("I have a little experience in SQL", "has"),
])
def test_how_much_little_is(finder, text, role) -> None:
    assert skill_roles(finder, text) == {"SQL": role}


@pytest.mark.parametrize("text", [
    "is the Linux Foundation CKA worth it",  # a seed provider's name
    "thinking of the Python Institute PCEP",  # a title-case name ending in an organisation noun
])
def test_a_skill_inside_an_organisations_name_is_not_held(finder, text) -> None:
    assert skill_roles(finder, text) == {}


@pytest.mark.parametrize(("text", "skill"), [
    ("i have a solid python foundation", "Python"),
    ("I got ITIL 4 Foundation last year", "ITIL"),
])
def test_foundation_alone_names_no_organisation(finder, text, skill) -> None:
    assert skill in skill_roles(finder, text)


def test_a_one_word_title_used_as_a_comparative_is_no_job(finder) -> None:
    roles = [m for m in finder.find("support work is closer to what I do than sales") if m.kind == "role"]
    assert roles == []


def test_preferring_a_field_names_the_goal(finder) -> None:
    goals = [m for m in finder.find("actually I prefer data engineering") if m.kind == "role" and m.role == "goal"]
    assert [m.value for m in goals] == ["Data Engineer"]


def test_a_parenthesis_after_the_goal_title_is_more_of_the_goal(finder) -> None:
    assert skill_roles(finder, "goal: data engineer (azure side)") == {}
