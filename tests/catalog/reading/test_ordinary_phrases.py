"""Names that are ordinary words inside a fixed expression ("oil on canvas", "word of mouth", "lean toward"),
and "to" after a word that takes it ("access to Tableau"): read as the learner meant them, whatever the industry."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.reading.mentions import MentionFinder, finder_for
from catalog.reading.ordinary_phrases import OrdinaryPhrasesError, load_ordinary_phrases


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return finder_for()


def skills(finder: MentionFinder, text: str) -> dict[str, str]:
    return {m.value: m.role for m in finder.find(text) if m.kind in ("skill", "tool")}


def test_the_painters_canvas_is_not_the_lms_even_in_education(finder: MentionFinder) -> None:
    assert "Canvas LMS" not in skills(finder, "adjunct art instructor at a college, mostly painting, oil on canvas")
    assert "Canvas LMS" in skills(finder, "I'm a teacher and I post my courses on Canvas")


def test_an_idiom_does_not_hide_the_skill_around_it(finder: MentionFinder) -> None:
    assert skills(finder, "i lean toward online, i know lean manufacturing") == {"Lean Manufacturing": "has"}
    assert "Microsoft Access" in skills(finder, "i have access to tableau and microsoft access")


@pytest.mark.parametrize(("text", "skill"), [
    ("I use Excel and Access to manage patient records", "Microsoft Access"),  # a capital: the product
    ("my Word and Excel skills are solid", "Microsoft Word"),
    ("I did lean on the assembly line for 3 years", "Lean Manufacturing"),
    ("I have a Go background", "Go"),
    ("Oil on Canvas LMS courses", "Canvas LMS"),
])
def test_a_name_written_as_the_product_is_the_product(finder: MentionFinder, text: str, skill: str) -> None:
    assert skill in skills(finder, text)


def test_to_after_a_word_that_takes_it_is_no_destination(finder: MentionFinder) -> None:
    got = {(m.kind, m.value): m.role for m in finder.find("i have access to tableau and microsoft access")}
    assert got[("skill", "Tableau")] == "has" and not any(kind == "role" for kind, _ in got)
    goal = {(m.kind, m.value): m.role for m in finder.find("from teacher to data analyst")}
    assert goal[("role", "Data Analyst")] == "goal"


def test_every_phrase_holds_a_word_the_vocabulary_reads(finder: MentionFinder) -> None:
    """An entry that names nothing the finder would read is dead weight (or a typo)."""
    plain = MentionFinder.__new__(MentionFinder)  # the same vocabulary, without the phrases
    plain.__dict__.update(finder.__dict__)
    plain._ordinary = type("NoPhrases", (), {"covered": staticmethod(lambda doc: set())})()
    def reads_a_name(text: str) -> bool:
        return any(m.kind in ("skill", "tool") and m.value not in ("Microsoft Excel", "SQL") for m in plain.find(text))

    dead = [p for p in load_ordinary_phrases()
            if not any(reads_a_name(t) for t in (p, f"I know {p}", f"I know {p.title()}", f"I know Excel, {p.title()} and SQL"))]
    assert dead == []


def test_a_malformed_phrase_file_names_the_entry(tmp_path: Path) -> None:
    bad = tmp_path / "phrases.yaml"
    bad.write_text("phrases:\n  - oil on canvas\n  - canvas\n", encoding="utf-8")
    with pytest.raises(OrdinaryPhrasesError, match=r"phrase 2 \('canvas'\)"):
        load_ordinary_phrases(bad)
