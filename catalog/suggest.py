"""Suggest target roles for a learner who doesn't know what to aim for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from catalog.taxonomy import Taxonomy


@dataclass(frozen=True)
class RoleSuggestion:
    role: str
    industry: str
    fit: float  # share of the role's skill weight the learner already has
    gap: list[str]  # missing skills, heaviest first
    summary: str


def suggest_roles(taxonomy: Taxonomy, skills: Iterable[str], background: Iterable[str] = (),
                  top: int = 3) -> list[RoleSuggestion]:
    """Roles ranked by how much of their weighted skill set the learner already has.

    A background role's industry breaks ties, because a nurse moving into health informatics keeps her
    domain knowledge even where the skill lists don't show it.
    """
    held = set(skills)
    industries = {taxonomy.roles[b].industry for b in background if b in taxonomy.roles}
    ranked = []
    for role in taxonomy.target_roles():
        have = sum(w for s, w in role.skills.items() if s in held)
        fit = have / role.total_weight if role.total_weight else 0.0
        gap = [s for s, _ in sorted(role.skills.items(), key=lambda kv: -kv[1]) if s not in held]
        bonus = 0.05 if role.industry in industries else 0.0
        ranked.append((fit + bonus, -len(gap), role.name, RoleSuggestion(role.name, role.industry, round(fit, 2),
                                                                         gap, role.summary)))
    ranked.sort(key=lambda t: (-t[0], -t[1], t[2]))
    return [t[3] for t in ranked[:top]]
