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

import yaml

from catalog.catalogue.records import DEGREE_LEVELS

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
def load_phrases(path: Path = QUALIFICATIONS_FILE) -> tuple[dict[str, re.Pattern[str]], dict[str, re.Pattern[str]]]:
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(content, dict) or set(content) != {"degrees", "licences"}:
        raise QualificationsError(f"{path}: expected exactly 'degrees' and 'licences'")
    degrees = {}
    for level, phrases in (content["degrees"] or {}).items():
        if level not in DEGREE_LEVELS:
            raise QualificationsError(f"{path}, degrees '{level}': use one of {', '.join(DEGREE_LEVELS)}")
        degrees[level] = _pattern(phrases, f"{path}, degrees '{level}'")
    licences = {str(lic): _pattern(phrases, f"{path}, licences '{lic}'")
                for lic, phrases in (content["licences"] or {}).items()}
    return degrees, licences


def read_qualifications(text: str) -> Qualifications:
    """The degree and licences ``text`` states; "no degree" beats a degree word in the same message."""
    degrees, licences = load_phrases()
    said = [level for level, pattern in degrees.items() if pattern.search(text or "")]
    degree = "none" if "none" in said else max(said, key=DEGREE_LEVELS.index, default=None)
    return Qualifications(degree, frozenset(lic for lic, pattern in licences.items() if pattern.search(text or "")))
