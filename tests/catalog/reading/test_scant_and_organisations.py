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
    ("I know very little SQL", "lacks"),
    ("I have little SQL", "lacks"),
    ("little SQL, if any", "lacks"),
    ("I wrote little SQL scripts for the team", "has"),  # a size, not an amount of knowing
    ("little by little I learned SQL", "has"),
])
def test_how_much_little_is(finder, text, role) -> None:
    assert skill_roles(finder, text) == {"SQL": role}


def test_an_amount_after_little_is_its_own(finder) -> None:
    assert skill_roles(finder, "little python, lots of SQL") == {"Python": "lacks", "SQL": "has"}


@pytest.mark.parametrize(("text", "without_the_name"), [
    ("I volunteer for the Linux Foundation", "I volunteer for Linux"),  # a seed provider's name
    # a title-case name ending in an organisation noun
    ("I got my first cert from the Python Institute last year", "I got my first cert from Python last year"),
])
def test_a_skill_inside_an_organisations_name_is_not_held(finder, text, without_the_name) -> None:
    assert skill_roles(finder, text) == {}
    assert list(skill_roles(finder, without_the_name).values()) == ["has"]  # the skill alone is held


@pytest.mark.parametrize(("text", "skill"), [
    ("i have a solid python foundation", "Python"),
    ("I got ITIL 4 Foundation last year", "ITIL"),
])
def test_foundation_alone_names_no_organisation(finder, text, skill) -> None:
    assert skill in skill_roles(finder, text)


def test_a_one_word_title_used_as_a_comparative_is_no_job(finder) -> None:
    roles = [m for m in finder.find("support work is closer to what I do than sales") if m.kind == "role"]
    assert roles == []


@pytest.mark.parametrize(("text", "role"), [
    ("I prefer Python", None),  # a tool preferred is no goal
    ("I prefer night shifts as an ICU nurse", "current"),
])
def test_preferring_names_no_goal(finder, text, role) -> None:
    assert [m.role for m in finder.find(text) if m.kind == "role"] == ([role] if role else [])


def test_a_parenthesis_after_the_goal_title_is_more_of_the_goal(finder) -> None:
    text = "goal: data engineer (azure side)"
    assert skill_roles(finder, text) == {}
    assert [(m.value, m.role) for m in finder.find(text)] == [("Data Engineer", "goal")]
