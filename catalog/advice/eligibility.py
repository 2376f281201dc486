"""Whether a learner may take a credential: its entry requirements against what they told us.

Professional certifications such as CISSP or CCRN require years of work in the field or a licence; to
recommend one to a career changer is advice a counsellor would not sign. A requirement is ``met``,
``unmet`` (we know enough to say no: no work in a role that counts, too few years, no licence) or
``unknown`` (the learner has not said, e.g. their degree): only ``unmet`` keeps a credential out of the
pathway; ``unknown`` is shown as something to check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from catalog.catalogue.records import DEGREE_LEVELS, CredentialRecord, EntryRequirement
from catalog.catalogue.taxonomy import Taxonomy


@dataclass(frozen=True)
class LearnerBackground:
    """What the learner said about their working life, in the catalogue's terms."""

    roles: tuple[str, ...] = ()  # taxonomy roles of their jobs, current or past
    years: dict[str, float] = field(default_factory=dict, hash=False, compare=True)  # by role (or skill) name
    licences: frozenset[str] = frozenset()
    degree: str | None = None  # a DEGREE_LEVELS value, None when not said
    credentials: frozenset[str] = frozenset()  # credential ids held

    @classmethod
    def from_profile(cls, taxonomy: Taxonomy, roles: Iterable[str] = (), years: dict[str, float] | None = None,
                     licences: Iterable[str] = (), degree: str | None = None,
                     credentials: Iterable[str] = ()) -> LearnerBackground:
        """Licences implied by a job (a registered nurse holds an RN licence) are added to those said."""
        roles = tuple(r for r in roles if r in taxonomy.roles)
        implied = {lic for r in roles for lic in taxonomy.roles[r].licences}
        return cls(roles, dict(years or {}), frozenset({*licences, *implied}), degree, frozenset(credentials))


@dataclass(frozen=True)
class RequirementCheck:
    requirement: EntryRequirement
    status: str  # met | unmet | unknown
    years_held: float | None = None  # for experience: the years they have in a role that counts


def _experience(req: EntryRequirement, bg: LearnerBackground) -> RequirementCheck:
    counting = [r for r in bg.roles if r in req.roles]
    partly = [r for r in bg.roles if r in req.roles_partly]
    if not counting and not partly:
        return RequirementCheck(req, "unmet", 0.0)
    years = [bg.years[r] for r in counting + partly if r in bg.years]
    if not years:
        return RequirementCheck(req, "unknown")
    held = max(years)
    least = req.years_with_waiver if req.years_with_waiver is not None else req.years or 0
    if held < least:
        return RequirementCheck(req, "unmet", held)
    if held >= (req.years or 0) and counting:
        return RequirementCheck(req, "met", held)
    return RequirementCheck(req, "unknown", held)  # enough only with a waiver, or in a job that may not count


def _degree(req: EntryRequirement, bg: LearnerBackground) -> RequirementCheck:
    if bg.degree is None:
        return RequirementCheck(req, "unknown")
    ok = DEGREE_LEVELS.index(bg.degree) >= DEGREE_LEVELS.index(req.degree or "none")
    return RequirementCheck(req, "met" if ok else "unmet")


def check_requirements(rec: CredentialRecord, bg: LearnerBackground,
                       earlier: Iterable[str] = ()) -> list[RequirementCheck]:
    """Each entry requirement of ``rec`` against ``bg``; ``earlier`` are credential ids the pathway gives
    them before this step."""
    earlier = set(earlier)
    checks = []
    for req in rec.entry_requirements:
        if req.kind == "experience":
            checks.append(_experience(req, bg))
        elif req.kind == "licence":
            checks.append(RequirementCheck(req, "met" if req.licence in bg.licences else "unmet"))
        elif req.kind == "degree":
            checks.append(_degree(req, bg))
        elif req.kind == "credential":
            held = req.credential in bg.credentials or req.credential in earlier
            checks.append(RequirementCheck(req, "met" if held else "unmet"))
        else:  # training hours: a course in the pathway may count, which only the provider can confirm
            checks.append(RequirementCheck(req, "unknown"))
    return checks


def is_eligible(rec: CredentialRecord, bg: LearnerBackground, earlier: Iterable[str] = ()) -> bool:
    return all(c.status != "unmet" for c in check_requirements(rec, bg, earlier))
