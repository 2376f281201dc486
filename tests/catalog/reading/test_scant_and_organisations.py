""""little knowledge of X" is next to none, "a little X" is some; a skill inside an organisation's name is none."""

from __future__ import annotations

import pytest

from catalog.reading.mentions import MentionFinder, finder_for


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return finder_for()


def held(finder: MentionFinder, text: str) -> dict[str, str]:
    return {m.value: m.role for m in finder.find(text) if m.kind in ("skill", "tool")}


@pytest.mark.parametrize(("text", "role"), [
    ("I have little knowledge of SQL", "lacks"),
    ("very little experience with SQL", "lacks"),
    ("i know a little SQL", "has"),
    ("little bit of SQL", "has"),
    ("wrote some little SQL queries", "has"),
    ("I have a little experience in SQL", "has"),
])
def test_how_much_little_is(finder, text, role) -> None:
    assert held(finder, text) == {"SQL": role}


@pytest.mark.parametrize("text", [
    "is the Linux Foundation CKA worth it",  # a seed provider's name
    "thinking of the Python Institute PCEP",  # a title-case name ending in an organisation noun
])
def test_a_skill_inside_an_organisations_name_is_not_held(finder, text) -> None:
    assert held(finder, text) == {}


@pytest.mark.parametrize(("text", "skill"), [
    ("i have a solid python foundation", "Python"),
    ("I got ITIL 4 Foundation last year", "ITIL"),
])
def test_foundation_alone_names_no_organisation(finder, text, skill) -> None:
    assert skill in held(finder, text)
