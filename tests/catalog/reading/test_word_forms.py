"""One rule of number for every reader (catalog/reading/word_forms.py)."""

from __future__ import annotations

import pytest

from catalog.reading.word_forms import counted_plural, same_in_number, singular
from catalog.reading.word_roots import same_stem


@pytest.mark.parametrize(("word", "one"), [
    ("specimens", "specimen"), ("supplies", "supply"), ("processes", "process"), ("boxes", "box"),
    ("gauges", "gauge"), ("glass", "glass"), ("bus", "bus"), ("status", "status"), ("analysis", "analysis"),
    ("its", "its"),
])
def test_singular(word: str, one: str) -> None:
    assert singular(word) == one


def test_same_in_number_either_way() -> None:
    assert same_in_number("gauges", {"height", "gauge"}) and same_in_number("gauge", {"gauges"})
    assert same_in_number("processes", {"process"})
    assert not same_in_number("monitoring", {"mentoring"})


def test_plurals_are_only_made_where_a_name_takes_one() -> None:
    assert counted_plural("CAPA") == "CAPAs" and counted_plural("work order") == "work orders"
    assert [counted_plural(t) for t in ("data analysis", "process mapping", "statistics", "R", "C++", "")] == \
        [None] * 6


def test_the_work_and_its_worker() -> None:
    assert same_stem("nursing", "nurse") and same_stem("testing", "tester")
    assert not same_stem("story", "store") and not same_stem("office", "officer")
