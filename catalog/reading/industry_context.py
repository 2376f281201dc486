"""Which industry a message or a learner is in, and what that changes in reading an ambiguous word.

"Coding" is programming to a developer and medical coding to a nurse; "canvas" is the LMS to a teacher and
nothing to a painter. The taxonomy already says which industries use each skill (the roles that list it), so
the same evidence settles every such word: a lower-case form that is also an ordinary word counts as a skill
when the industry around it uses that skill, and the few words with a different skill per industry are listed
as data (``data/industry_context.yaml``), validated against the taxonomy on load.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from catalog.catalogue.taxonomy import INDUSTRIES, Taxonomy
from catalog.yaml_files import read_yaml_file

CONTEXT_FILE = Path(__file__).parent / "data" / "industry_context.yaml"


class IndustryContextError(ValueError):
    """The industry context file is invalid; the message names the entry."""


@dataclass(frozen=True)
class IndustryContext:
    soc_industries: dict[str, str]  # first two digits of an O*NET-SOC code -> industry
    readings: dict[str, dict[str, str | None]]  # lower-case word -> industry -> skill (None: not a skill there)
    skill_industries: dict[str, frozenset[str]]  # skill -> industries whose roles list it
    title_words: dict[str, str]  # a word of a job title -> the industry it places the job in ("medical")
    # A skill no role lists yet -> the industries of the other skills of its category ("Denial Management" is
    # listed by none; its category, health_admin, is healthcare's).
    category_industries: dict[str, frozenset[str]] = field(default_factory=dict)
    skill_categories: dict[str, str] = field(default_factory=dict)
    # A job title said alike in several industries -> industry -> role there (None: no covered role there);
    # "shift supervisor" is a Retail Supervisor by default and a Production Supervisor in a plant.
    role_readings: dict[str, dict[str, str | None]] = field(default_factory=dict)

    def of_skill(self, skill: str) -> frozenset[str]:
        """The industries whose roles list the skill or, for one no role lists, those of its category."""
        own = self.skill_industries.get(skill)
        if own:
            return own
        return self.category_industries.get(self.skill_categories.get(skill, ""), frozenset())

    def of_words(self, title: str) -> set[str]:
        """Industries a job title's own words name, for titles neither the taxonomy nor O*NET knows."""
        return {self.title_words[w] for w in title.lower().replace("-", " ").split() if w in self.title_words}

    def role_reading(self, title: str, industries: set[str]) -> tuple[bool, str | None]:
        """``(decided, role)`` for a title said alike in several industries, in the message's industries."""
        options = self.role_readings.get(" ".join(title.lower().split()))
        chosen = next((i for i in sorted(industries) if options and i in options), None)
        return (True, options[chosen]) if options and chosen else (False, None)

    def of_code(self, code: str | None) -> str | None:
        return self.soc_industries.get(code[:2]) if code else None

    def of_roles(self, taxonomy: Taxonomy, roles: Iterable[str]) -> set[str]:
        return {taxonomy.roles[r].industry for r in roles if r in taxonomy.roles}

    def reading(self, word: str, industries: set[str]) -> tuple[bool, str | None]:
        """``(decided, skill)`` for a listed word in these industries; ``(False, None)`` when nothing decides."""
        options = self.readings.get(word.lower())
        if not options:
            return False, None
        for industry in sorted(industries):
            if industry in options:
                return True, options[industry]
        return False, None

    def fits(self, skill: str, industries: set[str]) -> bool:
        return bool(self.skill_industries.get(skill, frozenset()) & industries)

    def usual_of_skills(self, skills: Iterable[str]) -> set[str]:
        """The industries at least half of the skills belong to (none from fewer than two skills): what a
        list of skills says of where the learner works, which one skill used everywhere (Excel) does not."""
        found = [self.of_skill(s) for s in skills]
        if len(found) < 2:
            return set()
        counts = Counter(i for industries in found for i in industries)
        return {i for i, n in counts.items() if n * 2 >= len(found)}


def load_industry_context(taxonomy: Taxonomy, path: Path = CONTEXT_FILE) -> IndustryContext:
    content = read_yaml_file(path, IndustryContextError, path.name) or {}
    groups = content.get("soc_major_groups") or {}
    for group, industry in groups.items():
        if industry not in INDUSTRIES or not str(group).isdigit() or len(str(group)) != 2:
            raise IndustryContextError(f"{path.name}: soc_major_groups '{group}': '{industry}' is not an industry "
                                       "or the group is not two digits")
    title_words: dict[str, str] = {}
    for industry, words in (content.get("title_words") or {}).items():
        if industry not in INDUSTRIES or not isinstance(words, list):
            raise IndustryContextError(f"{path.name}: title_words '{industry}': expected an industry and a list")
        title_words.update({str(w).lower(): industry for w in words})
    readings = _read_readings(content, "readings", "skill", set(taxonomy.skills), path.name)
    role_readings = _read_readings(content, "role_readings", "role", set(taxonomy.roles), path.name)
    by_skill: dict[str, set[str]] = defaultdict(set)
    for role in taxonomy.roles.values():
        for skill in role.skills:
            by_skill[skill].add(role.industry)
    by_category: dict[str, set[str]] = defaultdict(set)
    for skill in taxonomy.skills.values():
        if skill.category:
            by_category[skill.category] |= by_skill.get(skill.name, set())
    return IndustryContext({str(k): v for k, v in groups.items()}, readings,
                           {s: frozenset(i) for s, i in by_skill.items()}, title_words,
                           {c: frozenset(i) for c, i in by_category.items()},
                           {s.name: s.category for s in taxonomy.skills.values() if s.category}, role_readings)


def _read_readings(content: dict, key: str, kind: str, names: set[str], source: str) -> dict[str, dict[str, str | None]]:
    """A table of ``key``: word or title -> industry -> a taxonomy ``kind`` name (or null), checked entry by entry;
    keys lower-cased with single spaces, as the readers look them up."""
    out: dict[str, dict[str, str | None]] = {}
    for word, options in (content.get(key) or {}).items():
        if not isinstance(options, dict) or not options:
            raise IndustryContextError(f"{source}: {key} '{word}': expected industry: {kind} pairs")
        for industry, name in options.items():
            if industry not in INDUSTRIES:
                raise IndustryContextError(f"{source}: {key} '{word}': '{industry}' is not an industry")
            if name is not None and name not in names:
                raise IndustryContextError(f"{source}: {key} '{word}': '{name}' is not a taxonomy {kind}")
        out[" ".join(str(word).lower().split())] = dict(options)
    return out


@functools.lru_cache(maxsize=4)
def industry_context_for(taxonomy: Taxonomy) -> IndustryContext:
    return load_industry_context(taxonomy)
