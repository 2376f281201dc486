"""Degrees and licences read from what learners write."""

from __future__ import annotations

import pytest

from catalog.reading.qualifications import read_qualifications


@pytest.mark.parametrize("text, degree", [
    ("I have a bachelor's in biology", "bachelor"),
    ("BSc Computer Science, then an MBA", "master"),
    ("i dont have a degree, just my GED", "none"),
    ("finished high school diploma in 2010", "high_school"),
    ("associate degree in nursing (ADN)", "associate"),
    ("I did a PhD in chemistry", "doctorate"),
    ("I love mbappe and bass fishing", None),  # no degree word inside other words
    ("I want to become a data analyst", None),
    ("I don't have a bachelor's degree", None),
    ("I'm planning to do an MBA next year", None),
    ("I have a bachelor's but not a master's", "bachelor"),
])
def test_the_highest_degree_said_is_read(text: str, degree: str | None) -> None:
    assert read_qualifications(text).degree == degree


def test_a_nursing_licence_is_read_and_other_words_are_not() -> None:
    assert read_qualifications("I hold an active RN license in Ohio").licences == {"rn"}
    assert read_qualifications("passed the NCLEX last year").licences == {"rn"}
    assert read_qualifications("my driving licence is clean").licences == set()
    assert read_qualifications("I'm not a licensed nurse").licences == set()
    assert read_qualifications("I want to get an RN license").licences == set()
