"""A learner's highest degree and the licences they hold, read from what they write.

Professional certifications often require a degree or a licence (catalog/advice/eligibility.py); without
reading them, every such requirement stays "to check". The phrases are data
(``data/qualifications.yaml``), validated on load with the entry named.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from catalog.catalogue.records import DEGREE_LEVELS
from catalog.yaml_files import read_yaml_file

QUALIFICATIONS_FILE = Path(__file__).parent / "data" / "qualifications.yaml"


class QualificationsError(ValueError):
    """The phrase file can't be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Qualifications:
    degree: str | None = None  # a DEGREE_LEVELS value
    licences: frozenset[str] = field(default_factory=frozenset)


def _pattern(phrases: list[str], where: str) -> re.Pattern[str]:
    if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
        raise QualificationsError(f"{where}: expected a non-empty list of phrases")
    alternatives = "|".join(re.escape(p.strip().lower()) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w'])", re.IGNORECASE)


@functools.lru_cache(maxsize=2)
def load_phrases(path: Path = QUALIFICATIONS_FILE) -> tuple[dict[str, re.Pattern[str]], dict[str, re.Pattern[str]],
                                                          frozenset[str]]:
    content = read_yaml_file(path, QualificationsError)
    if not isinstance(content, dict) or set(content) != {"degrees", "licences", "not_held"}:
        raise QualificationsError(f"{path}: expected exactly 'degrees', 'licences' and 'not_held'")
    not_held = content["not_held"]
    if not isinstance(not_held, list) or not all(isinstance(w, str) and w == w.lower() for w in not_held):
        raise QualificationsError(f"{path}, not_held: expected a list of lower-case words")
    degrees = {}
    for level, phrases in (content["degrees"] or {}).items():
        if level not in DEGREE_LEVELS:
            raise QualificationsError(f"{path}, degrees '{level}': use one of {', '.join(DEGREE_LEVELS)}")
        degrees[level] = _pattern(phrases, f"{path}, degrees '{level}'")
    licences = {str(lic): _pattern(phrases, f"{path}, licences '{lic}'")
                for lic, phrases in (content["licences"] or {}).items()}
    return degrees, licences, frozenset(not_held)


CLAUSE_BREAK = re.compile(r"[.;!?,]|\bbut\b|\band\b", re.IGNORECASE)
LOOK_BACK_WORDS = 4


def _held(text: str, pattern: re.Pattern[str], not_held: frozenset[str]) -> bool:
    """A match of ``pattern`` not preceded, within its clause and four words, by a word saying it isn't held."""
    for match in pattern.finditer(text):
        clause = CLAUSE_BREAK.split(text[:match.start()])[-1]
        before = re.findall(r"[a-z']+", clause.lower())[-LOOK_BACK_WORDS:]
        if not not_held & set(before):
            return True
    return False


def read_qualifications(text: str) -> Qualifications:
    """The degree and licences ``text`` says the learner has; "no degree" beats a degree word in the same
    message, and a degree or licence they want, plan or lack is not theirs."""
    degrees, licences, not_held = load_phrases()
    text = text or ""
    said = [level for level, pattern in degrees.items()
            if (pattern.search(text) if level == "none" else _held(text, pattern, not_held))]
    degree = "none" if "none" in said else max(said, key=DEGREE_LEVELS.index, default=None)
    return Qualifications(degree, frozenset(lic for lic, pattern in licences.items() if _held(text, pattern, not_held)))
