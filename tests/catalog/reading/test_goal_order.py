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
