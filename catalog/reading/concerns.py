"""Messages the assistant must not handle alone: risk of harm, distress, topics outside its remit, and
requests to delete one's data.

These are read with plain phrase lists (``data/concern_cues.yaml``) on top of the intent model, because
a missed "I don't see the point anymore" costs far more than a false alarm and must not depend on how
confident a classifier happens to be. The lists lean towards recall; figures of speech ("this course is
killing me") are listed as not a concern.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from catalog.yaml_files import read_yaml_file

CUES_FILE = Path(__file__).parent / "data" / "concern_cues.yaml"
RISK, DISTRESS = "risk_of_harm", "distress"
REMIT_TOPICS = ("funding", "visa", "disability", "employer_dispute")


class ConcernCuesError(ValueError):
    """A cue file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class ServedPeople:
    """Where a topic word describes others: after "<people> with" / "<people> who are", or before "<people>"."""

    before: re.Pattern[str]
    after: re.Pattern[str]

    @classmethod
    def of(cls, words: list[str]) -> ServedPeople:
        people = "|".join(re.escape(normalise(w)) for w in sorted(words, key=len, reverse=True))
        return cls(re.compile(rf"\b(?:{people})\s+(?:with|who\s+(?:are|have|use))\s+(?:[\w-]+\s+){{0,3}}$"),
                   re.compile(rf"\s+(?:[\w-]+\s+)?(?:{people})\b"))


@dataclass(frozen=True)
class Concerns:
    """What a message shows: ``level`` (risk_of_harm, distress or None), the remit topics it raises,
    whether it asks for its data to be deleted, and the phrases that decided it (for the counsellor)."""

    level: str | None = None
    topics: tuple[str, ...] = ()
    delete_data: bool = False
    cues: tuple[str, ...] = ()


def normalise(text: str) -> str:
    text = text.lower()
    for mark in ("\u2019", "\u2018", "\u02bc", "`", "\u00b4"):
        text = text.replace(mark, "'")
    text = re.sub(r"(\w)'(\w)", r"\1\2", text)  # don't -> dont, i'm -> im
    return re.sub(r"\s+", " ", text)


def _pattern(phrases: list[str], where: str) -> re.Pattern[str]:
    parts = []
    for i, phrase in enumerate(phrases, 1):
        if not isinstance(phrase, str) or not phrase.strip():
            raise ConcernCuesError(f"{where}, phrase {i}: must be non-empty text")
        words = normalise(phrase.strip()).split(" ")
        body = r"\s+".join(re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words)
        parts.append(body)
    return re.compile(r"(?<![\w])(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?![\w])")


@dataclass(frozen=True)
class ConcernReader:
    risk: re.Pattern[str]
    distress: re.Pattern[str]
    not_concern: re.Pattern[str]
    topics: dict[str, re.Pattern[str]]
    delete: re.Pattern[str]
    served_people: ServedPeople | None = None

    def _describes_served_people(self, low: str, start: int, end: int) -> bool:
        """Is the topic word at ``start:end`` said of the people the learner works with ("kids with autism",
        "students who are deaf", "autistic children", "disabled young people")?"""
        if self.served_people is None:
            return False
        return bool(self.served_people.before.search(low[max(0, start - 60):start])
                    or self.served_people.after.match(low[end:end + 40]))

    def read(self, text: str) -> Concerns:
        low = normalise(text or "")
        # A figure of speech ("the deadline is killing me") cancels only the phrase inside it, never the rest
        # of the message ("... and I want to end it all").
        figures = [m.span() for m in self.not_concern.finditer(low)]

        def real(pattern: re.Pattern[str]) -> list[str]:
            return [m.group(0) for m in pattern.finditer(low)
                    if not any(a <= m.start() and m.end() <= b for a, b in figures)]

        level, cues = None, real(self.risk)
        if cues:
            level = RISK
        else:
            cues = real(self.distress)
            level = DISTRESS if cues else None
        topics = tuple(t for t, p in self.topics.items()
                       if any(not self._describes_served_people(low, m.start(), m.end()) for m in p.finditer(low)))
        delete = bool(self.delete.search(low))
        return Concerns(level, topics, delete, tuple(cues))


def parse_concern_cues(content: object, source: str) -> ConcernReader:
    if not isinstance(content, dict):
        raise ConcernCuesError(f"{source}: expected a mapping")

    def phrases(name: str) -> list[str]:
        entry = content.get(name)
        if not isinstance(entry, dict) or not isinstance(entry.get("phrases"), list) or not entry["phrases"]:
            raise ConcernCuesError(f"{source}, entry '{name}': needs a non-empty 'phrases' list")
        return entry["phrases"]

    remit = content.get("remit")
    if not isinstance(remit, dict) or not isinstance(remit.get("topics"), dict):
        raise ConcernCuesError(f"{source}, entry 'remit': needs 'topics'")
    unknown = set(remit["topics"]) - set(REMIT_TOPICS)
    if unknown:
        raise ConcernCuesError(f"{source}, entry 'remit': unknown topic(s) {', '.join(sorted(unknown))}")
    topics = {}
    for topic in REMIT_TOPICS:
        words = remit["topics"].get(topic)
        if not isinstance(words, list) or not words:
            raise ConcernCuesError(f"{source}, entry 'remit', topic '{topic}': needs a non-empty list")
        topics[topic] = _pattern(words, f"{source}, entry 'remit', topic '{topic}'")
    served = remit.get("served_people")
    if served is not None and (not isinstance(served, list) or not all(isinstance(w, str) and w.strip() for w in served)):
        raise ConcernCuesError(f"{source}, entry 'remit', 'served_people': needs a list of words")
    return ConcernReader(
        served_people=ServedPeople.of(served) if served else None,
        risk=_pattern(phrases(RISK), f"{source}, entry '{RISK}'"),
        distress=_pattern(phrases(DISTRESS), f"{source}, entry '{DISTRESS}'"),
        not_concern=_pattern(phrases("not_concern"), f"{source}, entry 'not_concern'"),
        topics=topics,
        delete=_pattern(phrases("delete_data"), f"{source}, entry 'delete_data'"),
    )


@functools.lru_cache(maxsize=2)
def concern_reader(path: Path = CUES_FILE) -> ConcernReader:
    return parse_concern_cues(read_yaml_file(path, ConcernCuesError), str(path))


def read_concerns(text: str) -> Concerns:
    return concern_reader().read(text)
