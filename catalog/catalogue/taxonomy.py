"""Role and skill taxonomy: the shared vocabulary of the extractor, the catalogue and the recommender.

The taxonomy is plain YAML under ``catalog/catalogue/data/taxonomy`` so that a careers adviser can edit it. It is
validated strictly on load because every other part trusts it: a synonym claimed by two skills would make
extraction ambiguous, and a role naming an unknown skill would make a gap impossible to close.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from catalog.catalogue.title_forms import hyphen_forms
from catalog.yaml_files import read_yaml_file

DATA_DIR = Path(__file__).parent / "data"
TAXONOMY_DIR = DATA_DIR / "taxonomy"
INDUSTRIES = ("it", "healthcare", "business_finance", "education", "manufacturing")
INDUSTRY_LABELS = {
    "it": "IT",
    "healthcare": "healthcare",
    "business_finance": "business and finance",
    "education": "education",
    "manufacturing": "manufacturing",
}


class TaxonomyError(ValueError):
    """A taxonomy file is invalid; the message names the file and the entry."""


@dataclass(frozen=True)
class Skill:
    name: str
    category: str = ""
    aliases: tuple[str, ...] = ()
    cased: tuple[str, ...] = ()
    exact_name: bool = False


@dataclass(frozen=True)
class Role:
    name: str
    industry: str
    skills: dict[str, float] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    cased: tuple[str, ...] = ()
    summary: str = ""
    onet: str = ""
    # O*NET occupations whose people would be offered this role as the closest one covered (a specialty of
    # it, or it of them), closest first; reviewed by hand (docs/onet-role-mapping.md).
    onet_close: tuple[str, ...] = ()
    esco: str = ""
    target: bool = True
    licences: tuple[str, ...] = ()  # licences anyone in this job holds (e.g. "rn"), for entry requirements

    @property
    def total_weight(self) -> float:
        return sum(self.skills.values())


@dataclass(frozen=True)
class SurfaceForm:
    """One way of writing a skill or a role, as the extractor looks for it."""

    text: str
    kind: str  # "skill" | "role"
    canonical: str
    case_sensitive: bool


class Taxonomy:
    """Skills and roles with case-insensitive lookup and fuzzy resolution of free text."""

    def __init__(self, skills: Iterable[Skill], roles: Iterable[Role]) -> None:
        self.skills: dict[str, Skill] = {s.name: s for s in skills}
        self.roles: dict[str, Role] = {r.name: r for r in roles}
        self.categories: dict[str, str] = {s.name: s.category for s in self.skills.values() if s.category}
        self._skill_by_form: dict[str, str] = {}
        self._role_by_form: dict[str, str] = {}
        for skill in self.skills.values():
            for form in (skill.name, *skill.aliases):
                self._skill_by_form[form.lower()] = skill.name
        for role in self.roles.values():
            for form in (role.name, *role.aliases):
                self._role_by_form[form.lower()] = role.name
        self._skill_forms = list(self._skill_by_form)
        self._role_forms = list(self._role_by_form)

    # -- lookup -----------------------------------------------------------------------------------------
    def surface_forms(self) -> Iterator[SurfaceForm]:
        for skill in self.skills.values():
            yield SurfaceForm(skill.name, "skill", skill.name, skill.exact_name)
            for alias in skill.aliases:
                yield SurfaceForm(alias, "skill", skill.name, False)
            for form in skill.cased:
                yield SurfaceForm(form, "skill", skill.name, True)
        for role in self.roles.values():
            yield SurfaceForm(role.name, "role", role.name, False)
            for alias in role.aliases:
                yield SurfaceForm(alias, "role", role.name, False)
            for form in role.cased:
                yield SurfaceForm(form, "role", role.name, True)

    def skill_name(self, text: str, fuzzy: bool = True) -> str | None:
        """Canonical skill for a name, alias or (when ``fuzzy``) a near-miss spelling."""
        return self._resolve(text, self._skill_by_form, self._skill_forms, fuzzy)

    def role_name(self, text: str, fuzzy: bool = True) -> str | None:
        return self._resolve(text, self._role_by_form, self._role_forms, fuzzy)

    @staticmethod
    def _resolve(text: str, table: dict[str, str], forms: list[str], fuzzy: bool) -> str | None:
        key = " ".join(text.lower().split())
        if not key:
            return None
        for form in hyphen_forms(key):  # "cyber-security analyst" is the taxonomy's "cybersecurity analyst"
            if form in table:
                return table[form]
        if not fuzzy or len(key) < 4:
            return None
        match = process.extractOne(key, forms, scorer=fuzz.ratio, score_cutoff=fuzzy_cutoff(key))
        return table[match[0]] if match else None

    def target_roles(self) -> list[Role]:
        return [r for r in self.roles.values() if r.target]

    def roles_teaching(self, skill: str) -> list[Role]:
        """Target roles that need ``skill``, heaviest weight first (used to turn a field into a goal)."""
        roles = [r for r in self.target_roles() if skill in r.skills]
        return sorted(roles, key=lambda r: (-r.skills[skill], r.name))


def fuzzy_cutoff(text: str) -> float:
    """Similarity a misspelling needs: short words need to be closer, or 'java' would match 'jira'."""
    n = len(text)
    if n <= 5:
        return 90.0
    if n <= 8:
        return 85.0
    return 82.0


# -- loading ------------------------------------------------------------------------------------------------
def _as_list(value: Any, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise TaxonomyError(f"{where}: '{name}' must be a list of strings")
    return tuple(str(v).strip() for v in value if str(v).strip())


def _read_yaml(path: Path, key: str) -> list[dict[str, Any]]:
    content = read_yaml_file(path, TaxonomyError, path.name) or {}
    entries = content.get(key, []) if isinstance(content, dict) else None
    if not isinstance(entries, list):
        raise TaxonomyError(f"{path.name}: expected a top-level '{key}:' list")
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not str(entry.get("name") or "").strip():
            raise TaxonomyError(f"{path.name}: {key} entry #{i} has no 'name'")
    return entries


def _parse_skill(entry: dict[str, Any], where: str) -> Skill:
    name = str(entry["name"]).strip()
    return Skill(
        name=name,
        category=str(entry.get("category") or ""),
        aliases=tuple(a.lower() for a in _as_list(entry.get("aliases"), where, "aliases")),
        cased=_as_list(entry.get("cased"), where, "cased"),
        exact_name=bool(entry.get("exact_name", False)),
    )


ONET_CODE = re.compile(r"^\d\d-\d{4}\.\d\d$")


def _onet_code(value: Any, where: str, name: str) -> str:
    code = str(value or "").strip()
    if code and not ONET_CODE.match(code):
        raise TaxonomyError(f"{where}: '{name}' value '{code}' is not an O*NET-SOC code like 15-2051.01")
    return code


def _parse_role(entry: dict[str, Any], where: str) -> Role:
    name = str(entry["name"]).strip()
    industry = str(entry.get("industry") or "").strip()
    if industry not in INDUSTRIES:
        raise TaxonomyError(f"{where}: industry '{industry}' is not one of {', '.join(INDUSTRIES)}")
    raw_skills = entry.get("skills") or {}
    if not isinstance(raw_skills, dict) or not raw_skills:
        raise TaxonomyError(f"{where}: 'skills' must be a non-empty mapping of skill name to weight")
    skills: dict[str, float] = {}
    for skill, weight in raw_skills.items():
        try:
            w = float(weight)
        except (TypeError, ValueError):
            raise TaxonomyError(f"{where}: weight of skill '{skill}' is not a number") from None
        if not 0 < w <= 1:
            raise TaxonomyError(f"{where}: weight of skill '{skill}' must be in (0, 1], got {w}")
        skills[str(skill).strip()] = w
    return Role(
        name=name,
        industry=industry,
        skills=skills,
        aliases=tuple(a.lower() for a in _as_list(entry.get("aliases"), where, "aliases")),
        cased=_as_list(entry.get("cased"), where, "cased"),
        summary=str(entry.get("summary") or ""),
        onet=_onet_code(entry.get("onet"), where, "onet"),
        onet_close=tuple(_onet_code(c, where, "onet_close") for c in _as_list(entry.get("onet_close"), where,
                                                                                "onet_close")),
        esco=str(entry.get("esco") or ""),
        target=bool(entry.get("target", True)),
        licences=tuple(str(x).strip().lower() for x in _as_list(entry.get("licences"), where, "licences")),
    )


def load_taxonomy(directory: Path | str | None = None) -> Taxonomy:
    """Load and validate every ``skills_*.yaml`` and ``roles_*.yaml`` in ``directory``."""
    directory = Path(directory) if directory else TAXONOMY_DIR
    skills: list[Skill] = []
    roles: list[Role] = []
    # Every surface form (lower-cased) -> where it was first claimed, to report the two claimants.
    claimed: dict[str, str] = {}

    def claim(form: str, owner: str, where: str) -> None:
        key = form.lower()
        if key in claimed and claimed[key] != owner:
            raise TaxonomyError(f"{where}: '{form}' is already claimed by {claimed[key]}")
        claimed[key] = owner

    claimed_cased: dict[str, str] = {}  # case-sensitive forms ("EMT", "Go") -> their claimant

    def claim_entry(kind: str, name: str, aliases: list[str], source: str, where: str,
                    cased: tuple[str, ...] = ()) -> None:
        """A skill's or role's name, aliases and case-sensitive forms, each claimed for it alone."""
        if name.lower() in claimed:
            raise TaxonomyError(f"{where}: duplicate name (already {claimed[name.lower()]})")
        owner = f"{kind} '{name}' ({source})"
        for form in [name, *aliases]:
            claim(form, owner, where)
        for form in cased:
            if claimed_cased.get(form, owner) != owner:
                raise TaxonomyError(f"{where}: '{form}' is already claimed by {claimed_cased[form]}")
            claimed_cased[form] = owner

    skill_files = sorted(directory.glob("skills_*.yaml"))
    role_files = sorted(directory.glob("roles_*.yaml"))
    if not skill_files or not role_files:
        raise TaxonomyError(f"{directory}: needs skills_*.yaml and roles_*.yaml files")
    for path in skill_files:
        for i, entry in enumerate(_read_yaml(path, "skills"), 1):
            where = f"{path.name}: skill #{i} '{entry['name']}'"
            skill = _parse_skill(entry, where)
            claim_entry("skill", skill.name, list(skill.aliases), path.name, where, skill.cased)
            skills.append(skill)
    known_skills = {s.name for s in skills}
    for path in role_files:
        for i, entry in enumerate(_read_yaml(path, "roles"), 1):
            where = f"{path.name}: role #{i} '{entry['name']}'"
            role = _parse_role(entry, where)
            claim_entry("role", role.name, list(role.aliases), path.name, where, role.cased)
            unknown = [s for s in role.skills if s not in known_skills]
            if unknown:
                raise TaxonomyError(f"{where}: unknown skill(s) {', '.join(repr(s) for s in unknown)}")
            roles.append(role)
    return Taxonomy(skills, roles)


@functools.lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The packaged taxonomy, loaded once per process."""
    return load_taxonomy()
