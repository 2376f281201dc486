"""Suggest target roles for a learner who doesn't know what to aim for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

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


def _words(text: str) -> set[str]:
    return {w.rstrip("s") if len(w) > 3 else w for w in text.lower().replace("-", " ").replace("/", " ").split()
            if len(w) > 2 or w in ("it", "hr", "ux", "ai")}


def _same_word(a: str, b: str) -> bool:
    """'clinical' ~ 'clinic', 'health' ~ 'healthcare'; but 'office' is not 'officer'."""
    short, long_ = sorted((a, b), key=len)
    return a == b or (len(short) >= 5 and long_.startswith(short) and long_[len(short):] not in ("r", "er"))


def closest_roles(taxonomy: Taxonomy, title: str, top: int = 3) -> list[str]:
    """Target roles nearest to a job title the taxonomy doesn't cover, for the adviser to offer instead.

    Words of the title that a role's name or aliases share count most ("clinical data manager" -> roles
    about clinical data), words its skills share count less, and the same kind of job (the last word:
    manager, analyst, inspector) counts too. A title that shares nothing (e.g. "astronaut") gets no offer.
    """
    words = title.lower().split()
    head = (words[-1].rstrip("s") if words else "")
    wanted = _words(title) - {head}
    scored = []
    for role in taxonomy.target_roles():
        names = _words(" ".join([role.name, *role.aliases]))
        skills = _words(" ".join(role.skills))
        in_names = {w for w in wanted if any(_same_word(w, n) for n in names)}
        in_skills = {w for w in wanted - in_names if any(_same_word(w, k) for k in skills)}
        heads = {f.lower().split()[-1].rstrip("s") for f in (role.name, *role.aliases) if f.split()}
        score = len(in_names) + 0.5 * len(in_skills) + (0.75 if head in heads else 0.0)
        if score:
            scored.append((score + fuzz.token_sort_ratio(title.lower(), role.name.lower()) / 1000, role.name))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [name for _, name in scored[:top]]
