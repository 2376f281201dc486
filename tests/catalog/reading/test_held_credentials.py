"""Credentials the learner says they hold, read from a message about their profile against the seeded catalogue:
held only with a word of holding, never when wanted, studied for, asked about or denied."""

from __future__ import annotations

import pytest

from catalog.catalogue.index import CatalogIndex
from catalog.reading.held_credentials import held_credentials


def titles(text: str, index: CatalogIndex) -> list[str]:
    return [c.record.title for c in held_credentials(text, index)]


@pytest.mark.parametrize(("text", "held"), [
    ("I already have CompTIA A+ and Network+, I want to be a sysadmin", ["CompTIA A+", "CompTIA Network+"]),
    ("got my Google Data Analytics certificate last year, want to be a data analyst",
     ["Google Data Analytics Professional Certificate"]),
    ("I hold the AWS Cloud Practitioner and want to become a cloud engineer", ["AWS Certified Cloud Practitioner"]),
    ("I'm BLS and ACLS certified", ["Basic Life Support (BLS)", "Advanced Cardiovascular Life Support (ACLS)"]),
    ("passed Security+ in May and thinking about CySA+", ["CompTIA Security+"]),
    ("I have A+, should I do Network+ next?", ["CompTIA A+"]),
    ("i already did the google it support one", ["Google IT Support Professional Certificate"]),
])
def test_a_credential_said_held_is_held(seed_index: CatalogIndex, text: str, held: list[str]) -> None:
    assert titles(text, seed_index) == held


@pytest.mark.parametrize("text", [
    "I want to get CompTIA A+ and Network+",
    "I don't have the A+",
    "working towards my A+",
    "how long does Security+ take?",
    "I have 5 years of Python and SQL",  # skills, though a title starts with one ("SQL for Data Science")
    "I have BLS and ACLS",  # named as skills, with no word of a credential
    "I have ITIL v3 foundation",  # another version than the catalogue's ITIL 4 Foundation
])
def test_what_is_not_said_held(seed_index: CatalogIndex, text: str) -> None:
    assert titles(text, seed_index) == []
