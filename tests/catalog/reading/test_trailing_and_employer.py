"""A "no" after a list covers the list; an employer's line of business is no skill; closed-compound titles."""

from __future__ import annotations

import pytest

from catalog.reading.mentions import MentionFinder, finder_for


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return finder_for()


def held(finder: MentionFinder, text: str) -> dict[str, str]:
    return {m.value: m.role for m in finder.find(text) if m.kind == "skill"}


@pytest.mark.parametrize("text", ["budgeting and forecasting not really", "Tableau, Power BI or Looker: not yet",
                                  "payroll and bookkeeping not much"])
def test_a_no_after_the_last_of_a_list_covers_the_list(finder: MentionFinder, text: str) -> None:
    found = held(finder, text)
    assert found and set(found.values()) == {"lacks"}, found


def test_a_no_after_one_skill_leaves_the_ones_before_another_cue(finder: MentionFinder) -> None:
    found = held(finder, "I know Excel well. SQL not yet")
    assert found == {"Microsoft Excel": "has", "SQL": "lacks"}
    assert held(finder, "excel yes, python no") == {"Microsoft Excel": "has", "Python": "lacks"}


@pytest.mark.parametrize("text", ["I'm a receptionist at a logistics company", "I work for a cybersecurity firm",
                                  "our marketing agency wants me to grow", "I work at a cybersecurity start-up"])
def test_the_employers_line_of_business_is_not_a_skill(finder: MentionFinder, text: str) -> None:
    assert not held(finder, text)


def test_a_skill_before_a_noun_that_is_no_employer_stays(finder: MentionFinder) -> None:
    assert held(finder, "I did a logistics course and I know SQL") == {"Logistics": "has", "SQL": "has"}


def test_a_two_word_title_written_as_one_word_is_the_title(finder: MentionFinder) -> None:
    roles = [(m.value, m.role) for m in finder.find("I'm a toolmaker and want to move into quality")
             if m.kind == "role"]
    assert roles and roles[0][1] == "current" and roles[0][0].lower() == "toolmaker"
