"""The cue words the readers of a learner's message work with, loaded from ``data/cue_words.yaml``.

They are data, not code, so that someone who knows how learners write can add "reskilling" or a new
negation without touching the finder; a malformed entry stops the load with its name in the error, and so
does asking for an entry the file lacks (a key misspelt in the file or in the code).
"""

from __future__ import annotations

import difflib
import functools
from pathlib import Path

from catalog.yaml_files import read_yaml_file

CUE_WORDS_FILE = Path(__file__).parent / "data" / "cue_words.yaml"


class CueWordsError(ValueError):
    """A cue-word file that cannot be used; the message names the file and the entry."""


class CueWords(dict[str, frozenset[str]]):
    """The entries by name; looking up one the file lacks raises ``CueWordsError`` with the file, the name and
    the nearest name the file has, rather than a bare ``KeyError``."""

    def __init__(self, entries: dict[str, frozenset[str]], source: str) -> None:
        super().__init__(entries)
        self.source = source

    def __missing__(self, name: str) -> frozenset[str]:
        near = difflib.get_close_matches(str(name), list(self), n=1)
        hint = f" (the file has '{near[0]}': is one of them misspelt?)" if near else ""
        raise CueWordsError(f"{self.source}: no entry '{name}'{hint}")


def parse_cue_words(content: object, source: str) -> CueWords:
    if not isinstance(content, dict):
        raise CueWordsError(f"{source}: expected a mapping of entries, got {type(content).__name__}")
    out: dict[str, frozenset[str]] = {}
    for name, entry in content.items():
        where = f"{source}, entry '{name}'"
        if not isinstance(entry, dict) or set(entry) - {"description", "words"}:
            raise CueWordsError(f"{where}: expected 'description' and 'words'")
        words = entry.get("words")
        if not isinstance(words, list) or not words:
            raise CueWordsError(f"{where}: 'words' must be a non-empty list")
        for i, word in enumerate(words, 1):
            if not isinstance(word, str) or not word or word != word.lower():
                raise CueWordsError(f"{where}, word {i} ({word!r}): words must be non-empty lower-case strings")
        out[str(name)] = frozenset(words)
    return CueWords(out, source)


@functools.lru_cache(maxsize=4)
def load_cue_words(path: Path = CUE_WORDS_FILE) -> CueWords:
    return parse_cue_words(read_yaml_file(path, CueWordsError), str(path))
