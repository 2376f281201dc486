"""A word's number: people count what the taxonomy names once ("work orders", "CAPAs"), and name once what
it lists in the plural ("specimen" for "collect specimens").

One rule for every reader that compares words regardless of number (the extractor's misspelling guard,
verb-first activities, the closest roles to a title), so that two readers never disagree on whether
"processes" is "process".
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

SIBILANT_PLURALS = ("ches", "shes", "sses", "xes", "zes")  # "-es" is the plural's own ending after these
NOT_PLURAL_ENDINGS = ("ss", "us", "is")  # "process", "status", "analysis" end in s as singulars
# Where a skill's name takes no counted plural, or the plural would be a different word: an activity or a
# field (-ing, -ics, -ment, -ness, -ship, -ism, -ogy, -ure), and endings spelt otherwise in the plural.
UNCOUNTED_ENDINGS = ("ing", "ics", "ch", "sh", "ment", "ness", "ship", "ism", "ogy", "ure")


def singular(word: str) -> str:
    """'specimens' -> 'specimen', 'policies' -> 'policy', 'processes' -> 'process'; a short word, or one
    that ends in s as a singular ('process', 'status', 'analysis'), as it is."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(SIBILANT_PLURALS):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(NOT_PLURAL_ENDINGS):
        return word[:-1]
    return word


def same_in_number(word: str, words: Iterable[str]) -> bool:
    """Is ``word`` one of ``words``, or its plural or singular?"""
    one = singular(word)
    return any(word == w or one == singular(w) for w in words)


def counted_plural(text: str) -> str | None:
    """The plural a skill's name takes when people count it ("CAPA" -> "CAPAs", "work order" -> "work
    orders"), or None where it takes none or it would be a different word: names ending in s, x, y or z, in
    an uncounted ending (UNCOUNTED_ENDINGS), in a digit or a sign, and short words."""
    words = text.split()
    last = words[-1] if words else ""
    if len(last) < 3 or not last.isalpha() or last[-1].lower() in "sxyz" or last.lower().endswith(UNCOUNTED_ENDINGS):
        return None
    return text + "s"


def compound_at(doc: Doc, i: int) -> tuple[str, int]:
    """The lower-case word at token ``i``, a hyphenated compound written without spaces taken whole
    ("co-worker", "long-term", "start-up": spaCy splits them at the hyphen), and the token after it; so that
    the cue-word file may list a word as people spell it."""
    j = i
    while j + 2 < len(doc) and joins_a_compound(doc, j + 1):
        j += 2
    return doc[i:j + 1].text.lower(), j + 1


def joins_a_compound(doc: Doc, i: int) -> bool:
    """Is token ``i`` (not the first) a hyphen joining two words without spaces ("e-learning")?"""
    return (doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_
            and doc[i - 1].is_alpha and i + 1 < len(doc) and doc[i + 1].is_alpha)


def compound_words(doc: Doc, start: int, end: int) -> list[str]:
    """The lower-case words of tokens ``start`` to ``end``, each hyphenated compound as one word."""
    out, i = [], start
    while i < end:
        word, i = compound_at(doc, i)
        out.append(word)
    return out
