"""Suggest target roles for a learner who doesn't know what to aim for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from catalog.catalogue.taxonomy import Taxonomy

# A background job's usual skills count half towards a role: likely, not certain, and shown as "likely".
IMPLIED_CREDIT = 0.5
# Weight of kind-of-skill overlap: enough to order roles the learner's named skills don't reach directly
# (Minitab is in no role's list, but it is a quality tool); at most 0.1 of fit, about what one lightly weighted
# skill actually held is worth, so held skills still lead.
RELATED_CREDIT = 0.1
SAME_INDUSTRY_CREDIT = 0.05


@dataclass(frozen=True)
class RoleSuggestion:
    role: str
    industry: str
    fit: float  # share of the role's skill weight the learner said they have
    gap: list[str]  # missing skills, heaviest first (not counting those their job likely covers)
    summary: str
    likely: list[str] = field(default_factory=list)  # skills their current or past job usually involves


def suggest_roles(taxonomy: Taxonomy, skills: Iterable[str], background: Iterable[str] = (),
                  top: int = 3) -> list[RoleSuggestion]:
    """Roles ranked by how much of their weighted skill set the learner already has.

    Three signals, strongest first: the skills the learner named; the skills their current or past jobs
    usually involve (counted half, because a job title is evidence, not proof); and, for tools that no role
    lists (Minitab, LabVIEW), what kind of skill they are, so a quality tool points at quality roles rather than
    at whatever sorts first. A background role's industry breaks remaining ties, because a nurse moving into
    health informatics keeps her domain knowledge even where the skill lists don't show it. The learner's own
    job is not suggested back to them.
    """
    held = set(skills)
    jobs = [taxonomy.roles[b] for b in background if b in taxonomy.roles]
    implied = {s for job in jobs for s in job.skills} - held
    industries = {job.industry for job in jobs}
    kinds = {taxonomy.skills[s].category for s in held if s in taxonomy.skills and taxonomy.skills[s].category}
    ranked = []
    for role in taxonomy.target_roles():
        if role in jobs or not role.total_weight:
            continue
        have = sum(w for s, w in role.skills.items() if s in held)
        likely = sum(w for s, w in role.skills.items() if s in implied)
        related = sum(w for s, w in role.skills.items()  # how much of the role is that kind of work
                      if s in taxonomy.skills and taxonomy.skills[s].category in kinds) / role.total_weight
        score = (have + IMPLIED_CREDIT * likely) / role.total_weight + RELATED_CREDIT * related \
            + (SAME_INDUSTRY_CREDIT if role.industry in industries else 0.0)
        by_weight = [s for s, _ in sorted(role.skills.items(), key=lambda kv: -kv[1]) if s not in held]
        gap = [s for s in by_weight if s not in implied]
        suggestion = RoleSuggestion(role.name, role.industry, round(have / role.total_weight, 2), gap, role.summary,
                                    [s for s in by_weight if s in implied])
        ranked.append((score, -len(gap), role.name, suggestion))
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
