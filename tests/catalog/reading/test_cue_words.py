"""The cue-word file loads, and a broken entry is reported by name."""

from __future__ import annotations

import re

import pytest
import spacy

from catalog.reading.cue_words import CueWordsError, load_cue_words, parse_cue_words
from catalog.reading.mentions import ISSUER_WORDS
from catalog.reading.word_forms import compound_at


def test_the_shipped_file_loads() -> None:
    cues = load_cue_words()
    assert "not" in cues["negations"] and "become" in cues["goal_cues"]


@pytest.mark.parametrize(("content", "message"), [
    ({"negations": {"words": []}}, "entry 'negations': 'words' must be a non-empty list"),
    ({"negations": {"words": ["Not"]}}, "entry 'negations', word 1 ('Not')"),
    ({"negations": {"description": "x", "word": ["no"]}}, "entry 'negations': expected 'description' and 'words'"),
    (["not", "no"], "expected a mapping"),
])
def test_errors_name_the_entry(content: object, message: str) -> None:
    with pytest.raises(CueWordsError, match="cues.yaml") as err:
        parse_cue_words(content, "cues.yaml")
    assert message in str(err.value)


def test_an_entry_the_file_lacks_is_named_with_the_nearest_spelling() -> None:
    cues = parse_cue_words({"negations": {"description": "x", "words": ["no"]}}, "cues.yaml")
    with pytest.raises(CueWordsError, match="cues.yaml: no entry 'negation' .*'negations'"):
        cues["negation"]
    assert "negation" not in cues and cues.get("negation") is None  # only a lookup by name insists


def test_issuers_come_from_the_providers_file() -> None:
    assert {"comptia", "isc2", "google", "coursera"} <= ISSUER_WORDS  # providers.yaml ids
    assert {"azure", "itil"} <= ISSUER_WORDS  # product families listed in the cue-word file


def test_an_entry_given_twice_is_refused_with_its_line(tmp_path) -> None:
    from catalog.reading.cue_words import CueWordsError, load_cue_words

    path = tmp_path / "cue_words.yaml"
    path.write_text("a:\n  description: one\n  words: [x]\nb:\n  description: two\n  words: [y]\n"
                    "a:\n  description: again\n  words: [z]\n", encoding="utf-8")
    with pytest.raises(CueWordsError, match=r"cue_words.yaml, line 7: entry 'a' is given twice"):
        load_cue_words(path)


def test_a_hyphenated_cue_word_is_read_as_one_word() -> None:
    """spaCy splits "co-worker" at the hyphen; the readers take it whole, so the file may list it as spelt."""
    nlp = spacy.blank("en")
    hyphenated = {w for words in load_cue_words().values() for w in words if re.search(r"[a-z]-[a-z]", w)}
    assert {"co-worker", "long-term", "start-up"} <= hyphenated
    for word in hyphenated:
        doc = nlp(f"my {word} said")
        assert compound_at(doc, 1) == (word, len(doc) - 1), word
