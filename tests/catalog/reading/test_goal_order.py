"""Of two goals said together, the one to plan for now is kept."""

from __future__ import annotations

import pytest

from catalog.reading.mentions import MentionFinder


def goals(finder: MentionFinder, text: str) -> list[str]:
    return [m.value for m in finder.find(text) if m.kind == "role" and m.role == "goal"]


@pytest.mark.parametrize(("text", "goal"), [
    ("i want to become a data analyst first and then maybe a data scientist later", "Data Analyst"),
    ("i want to be a data analyst and one day a data scientist", "Data Analyst"),
    ("i'd like to get into medical coding first, then maybe health informatics later", "Medical Coder"),
])
def test_a_goal_put_later_gives_way(finder, text, goal) -> None:
    assert goals(finder, text) == [goal]


def test_two_goals_without_an_order_are_left_as_said(finder) -> None:
    assert len(goals(finder, "i want to become a data analyst or a data scientist")) == 2


def roles(finder: MentionFinder, text: str) -> dict[str, str]:
    return {m.value: m.role for m in finder.find(text) if m.kind == "role"}


@pytest.mark.parametrize(("text", "expected"), [
    ("i work like accountant since 2019", {"Accountant": "current"}),  # "like" for "as"
    ("i would like to work like an accountant", {"Accountant": "goal"}),
    ("my manager wants me to move to SRE", {"DevOps Engineer": "goal"}),  # a field by its canonical name
    ("maint tech at a bottling plant", {"Maintenance Technician": "current"}),  # a short form of a title
    ("mfg engineer, 5 yrs", {"Manufacturing Engineer": "current"}),  # a short form, no misspelling of another
])
def test_how_jobs_are_named(finder, text, expected) -> None:
    assert roles(finder, text) == expected


@pytest.mark.parametrize(("text", "goal"), [
    ("I want to be a data analyst to start and a data scientist long-term", "Data Analyst"),  # hyphenated
    ("I want to be a data analyst short-term and a data scientist long term", "Data Analyst"),
    ("I want to be a data analyst and a data scientist later", "Data Analyst"),  # the later one is a goal too
])
def test_a_path_of_two_goals_keeps_the_first(finder, text, goal) -> None:
    assert goals(finder, text) == [goal]
    assert "current" not in roles(finder, text).values()  # the later goal is no job they hold


def test_to_start_before_a_goal_is_a_verb_not_an_order(finder) -> None:
    assert len(goals(finder, "I want to start as a data analyst or a data scientist")) == 2
