"""Fixed expressions in which a skill's or tool's name is an ordinary word ("oil on canvas", "word of mouth").

The industry decides most ambiguous names (``industry_context.py``), but not all: an art instructor works in
education, where Canvas is the LMS, and still paints in oil on canvas. An idiom settles it whatever the
industry, so the phrases are data (``data/ordinary_phrases.yaml``), matched as whole words ignoring case; a
name inside one counts as an ordinary word only when written in lower case (a capital says it is the product).
"""

from __future__ import annotations

import functools
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from catalog.yaml_files import read_yaml_file

PHRASES_FILE = Path(__file__).parent / "data" / "ordinary_phrases.yaml"


class OrdinaryPhrasesError(ValueError):
    """The phrase file cannot be used; the message names the file and the entry."""


@functools.lru_cache(maxsize=4)
def load_ordinary_phrases(path: Path = PHRASES_FILE) -> tuple[str, ...]:
    """The phrases, lower-cased and spaced once; a malformed file names the entry (cached per path)."""
    content = read_yaml_file(path, OrdinaryPhrasesError)
    phrases = content.get("phrases") if isinstance(content, dict) else None
    if not isinstance(phrases, list):
        raise OrdinaryPhrasesError(f"{path}: expected a mapping with a 'phrases' list")
    for i, phrase in enumerate(phrases):
        if not isinstance(phrase, str) or len(phrase.split()) < 2:
            raise OrdinaryPhrasesError(f"{path}, phrase {i + 1} ({phrase!r}): a phrase of two words or more")
    return tuple(" ".join(p.lower().split()) for p in phrases)


class OrdinaryPhraseMatcher:
    """The tokens of a message that lie inside an ordinary phrase."""

    def __init__(self, vocab: Vocab, make_doc, phrases: tuple[str, ...] | None = None) -> None:
        self._matcher = PhraseMatcher(vocab, attr="LOWER")
        phrases = load_ordinary_phrases() if phrases is None else phrases
        if phrases:
            self._matcher.add("ordinary", [make_doc(p) for p in phrases])

    def covered(self, doc: Doc) -> set[int]:
        """Token indices inside a phrase: a name lying wholly within them is an ordinary word there."""
        return {i for _, start, end in self._matcher(doc) for i in range(start, end)}
