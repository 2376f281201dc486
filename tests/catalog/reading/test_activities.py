"""Skills said as the work itself, verb first ("I process invoices"), read as the taxonomy's activity skills."""

from __future__ import annotations

import pytest

from catalog.catalogue.taxonomy import default_taxonomy
from catalog.reading.activities import ActivityPhrases
from catalog.reading.mentions import MentionFinder, finder_for


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return finder_for()


def held(finder: MentionFinder, text: str) -> dict[str, str]:
    return {m.value: m.role for m in finder.find(text) if m.kind == "skill" and not m.wanted}


@pytest.mark.parametrize(("text", "skill"), [
    ("I handle complaints at the front desk", "Complaint Handling"),
    ("we collect specimens and label them", "Specimen Collection"),
    ("I write reports for the board every month", "Report Writing"),
    ("i process invoices in SAP", "Accounts Payable"),
])
def test_the_work_said_verb_first_is_the_skill(finder: MentionFinder, text: str, skill: str) -> None:
    assert held(finder, text).get(skill) == "has"


def test_the_reading_of_the_clause_still_decides(finder: MentionFinder) -> None:
    assert held(finder, "i dont know how to manage people")["Team Supervision"] == "lacks"
    assert "Team Supervision" not in held(finder, "I want to manage people one day")  # what they would do
    assert "Debugging" not in held(finder, "can you debug my code")  # asked of the assistant


def test_only_a_verb_of_the_activity_counts() -> None:
    phrases = ActivityPhrases(default_taxonomy().surface_forms())
    assert phrases._match("handled", ["complaint"]) == "Complaint Handling"
    assert phrases._match("love", ["complaint"]) is None
    assert phrases._match("handling", ["complaint"]) is None  # that is the noun itself, read as the name
