"""Sentences of a learner's message, as the readers split them: at . ! ? and line breaks.

spaCy's blank English pipeline has no sentence splitter, and chat messages rarely punctuate well enough for
one; these few rules are what every reader of a message (mentions, other people's clauses) agrees on.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token


def ends_a_sentence(tok: Token) -> bool:
    return tok.text in (".", "!", "?") or "\n" in tok.text


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indexes of each sentence."""
    out, start = [], 0
    for i, tok in enumerate(doc):
        if ends_a_sentence(tok):
            out.append((start, i + 1))
            start = i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return out


def sentence_of(doc: Doc, token: int) -> tuple[int, int] | None:
    """(start, end) of the sentence holding token ``token``."""
    return next(((a, b) for a, b in sentence_bounds(doc) if a <= token < b), None)
