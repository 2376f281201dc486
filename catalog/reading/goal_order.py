"""Which of two goals said together is the one to plan for now.

"I want to get into phlebotomy first and then maybe LPN later", "add vascular and eventually cross train into
echo": learners name a path, and the profile keeps one goal, the last one said. Words beside each goal
("first", "to start"; "later", "eventually", "one day") say which comes first; a goal put later gives way to one
said beside it, and a goal said to come first takes the place of the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Doc

from catalog.reading.cue_words import load_cue_words
from catalog.reading.word_forms import compound_words

CUES = load_cue_words()
LATER = CUES["later_goal_words"]
FIRST = CUES["first_goal_words"]
# What ends the words that belong to one goal: a clause break or the joining words of the next part of a path.
SEGMENT_BREAKS = CUES["clause_breaks"] | {",", "and", "then", "or", "but"}
MULTIWORD_LATER = (("one", "day"), ("long", "term"), ("down", "the", "line"), ("in", "the", "future"))
MULTIWORD_FIRST = (("for", "now"), ("for", "starters"), ("short", "term"))
# After the goal only: before it, "to start" is a verb ("I want to start as a data analyst or a data scientist").
FIRST_AFTER_THE_GOAL = (("to", "start"), ("to", "begin"))


class Spanned(Protocol):
    token_start: int
    token_end: int


def goals_for_later(doc: Doc, goals: Sequence[Spanned]) -> list[Spanned]:
    """The goals among ``goals`` (two or more, in one message) that give way to another one said beside them."""
    if len(goals) < 2:
        return []
    marks = {id(g): _marks(doc, g) for g in goals}
    first = [g for g in goals if "first" in marks[id(g)] and "later" not in marks[id(g)]]
    if len(first) == 1:
        return [g for g in goals if g is not first[0]]
    later = [g for g in goals if "later" in marks[id(g)]]
    return later if len(later) < len(goals) else []


def put_later(doc: Doc, goal: Spanned) -> bool:
    """Is ``goal`` said to come after another ("then maybe LPN later")?"""
    return "later" in _marks(doc, goal)


def _marks(doc: Doc, goal: Spanned) -> set[str]:
    before, after = _segment(doc, goal)
    words = before + after
    found = {"later" for w in words if w in LATER or w == "then"} | {"first" for w in words if w in FIRST}
    if _has_phrase(words, MULTIWORD_LATER):
        found.add("later")
    if _has_phrase(words, MULTIWORD_FIRST) or _has_phrase(after, FIRST_AFTER_THE_GOAL):
        found.add("first")
    return found


def _has_phrase(words: list[str], phrases: Sequence[tuple[str, ...]]) -> bool:
    joined = f" {' '.join(words)} "
    return any(f" {' '.join(phrase)} " in joined for phrase in phrases)


def _segment(doc: Doc, goal: Spanned) -> tuple[list[str], list[str]]:
    """The words of the goal's own part of the sentence before it, from the last break, with a "then" that
    opens it ("and then maybe LPN later"), and after it, to the next break."""
    start = goal.token_start
    while start > 0 and doc[start - 1].lower_ not in SEGMENT_BREAKS:
        start -= 1
    end = goal.token_end
    while end < len(doc) and doc[end].lower_ not in SEGMENT_BREAKS:
        end += 1
    before_break = [doc[start - 1].lower_] if start > 0 and doc[start - 1].lower_ == "then" else []
    return before_break + compound_words(doc, start, goal.token_start), compound_words(doc, goal.token_end, end)
