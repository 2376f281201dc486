"""Suggest target roles for a learner who doesn't know what to aim for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from catalog.catalogue.taxonomy import Role, Taxonomy
from catalog.reading.word_forms import singular
from catalog.reading.word_roots import same_stem

# A background job's usual skills count half towards a role: likely, not certain, and shown as "likely".
IMPLIED_CREDIT = 0.5
# Weight of kind-of-skill overlap: enough to order roles the learner's named skills don't reach directly
# (Minitab is in no role's list, but it is a quality tool); at most 0.1 of fit, about what one lightly weighted
# skill actually held is worth, so held skills still lead.
RELATED_CREDIT = 0.1
SAME_INDUSTRY_CREDIT = 0.05

# A background job we don't cover (an O*NET occupation with no profile, "PHP Developer") points at the covered roles
# closest to it; their usual skills count a quarter, half a covered job's credit, because "close to" is weaker
# evidence than "is"; each further one on the list (nearest first) a fifth less, so nearness orders them.
NEAR_CREDIT = 0.25
NEAR_STEP = 0.2
# A tie that the cut-off would split is listed whole when the list stays this many longer than asked, else left out:
# no role is in or out of the list for its name.
TIE_ALLOWANCE = 2
# One of several roles a goal could mean is proposed as the default only when the learner holds at least this
# much more of its skill weight than of any other's: "clearly better", not a coin toss.
CLEAR_LEAD = 0.15


@dataclass(frozen=True)
class RoleSuggestion:
    role: str
    industry: str
    fit: float  # share of the role's skill weight the learner said they have
    gap: list[str]  # missing skills, heaviest first (not counting those their job likely covers)
    summary: str
    likely: list[str] = field(default_factory=list)  # skills their current or past job usually involves
    alike: list[str] = field(default_factory=list)  # held skills of a kind its skills are (Minitab: quality)
    rank: int = 0  # 1 for the best; roles with the same evidence share a rank (they fit equally well)


@dataclass(frozen=True)
class _Evidence:
    """What the learner said, read once for scoring every role."""

    held: set[str]
    jobs: list[Role]  # background jobs the taxonomy covers (never suggested back)
    implied: set[str]  # their usual skills, not held
    near_implied: dict[str, float]  # usual skills of the roles closest to jobs we don't cover -> credit
    industries: set[str]
    kinds: set[str]


def _evidence(taxonomy: Taxonomy, skills: Iterable[str], background: Iterable[str],
              near: Mapping[str, Iterable[str]] | None) -> _Evidence:
    held = set(skills)
    background = list(background)
    jobs = [taxonomy.roles[b] for b in background if b in taxonomy.roles]
    implied = {s for job in jobs for s in job.skills} - held
    proxies: list[Role] = []
    near_implied: dict[str, float] = {}
    for title in background:
        if title in taxonomy.roles:
            continue
        closest = [taxonomy.roles[r] for r in dict.fromkeys((near or {}).get(title, ())) if r in taxonomy.roles]
        for place, proxy in enumerate(closest):
            proxies.append(proxy)
            credit = NEAR_CREDIT * max(0.0, 1 - NEAR_STEP * place)
            for s in proxy.skills:
                if s not in held and s not in implied:
                    near_implied[s] = max(credit, near_implied.get(s, 0.0))
    kinds = {taxonomy.skills[s].category for s in held if s in taxonomy.skills and taxonomy.skills[s].category}
    return _Evidence(held, jobs, implied, near_implied, {job.industry for job in jobs + proxies}, kinds)


def _scored(taxonomy: Taxonomy, ev: _Evidence, roles: Iterable[Role]) -> list[tuple[tuple[float, ...], RoleSuggestion]]:
    """Each role that something the learner said supports, with its ranking key (larger is better).

    A role is listed only for skill evidence: a skill held, one their job likely covers, or the same kind of work.
    The industry alone says which field, not which job; ranking a whole field by it would be alphabetical order in
    disguise, so it only orders roles that have evidence of their own.
    """
    out = []
    for role in roles:
        if role in ev.jobs or not role.total_weight:
            continue
        have = sum(w for s, w in role.skills.items() if s in ev.held)
        likely = IMPLIED_CREDIT * sum(w for s, w in role.skills.items() if s in ev.implied) \
            + sum(w * ev.near_implied[s] for s, w in role.skills.items() if s in ev.near_implied)
        shared = ev.kinds & {taxonomy.skills[s].category for s in role.skills if s in taxonomy.skills}
        alike = sorted(s for s in ev.held if s in taxonomy.skills and taxonomy.skills[s].category in shared)
        related = sum(w for s, w in role.skills.items()  # how much of the role is that kind of work
                      if s in taxonomy.skills and taxonomy.skills[s].category in ev.kinds) / role.total_weight
        if not (have or likely or related):
            continue
        score = (have + likely) / role.total_weight + RELATED_CREDIT * related \
            + (SAME_INDUSTRY_CREDIT if role.industry in ev.industries else 0.0)
        by_weight = [s for s, _ in sorted(role.skills.items(), key=lambda kv: -kv[1]) if s not in ev.held]
        implied = ev.implied | set(ev.near_implied)
        gap = [s for s in by_weight if s not in implied]
        fit = round(have / role.total_weight, 2)
        suggestion = RoleSuggestion(role.name, role.industry, fit, gap, role.summary,
                                    [s for s in by_weight if s in implied], alike)
        # Evidence first, then the fewer skills left to learn; rounded so that float noise is no tie-breaker.
        out.append(((round(score, 6), fit, -len(gap)), suggestion))
    return out


def suggest_roles(taxonomy: Taxonomy, skills: Iterable[str], background: Iterable[str] = (),
                  top: int = 3, near: Mapping[str, Iterable[str]] | None = None) -> list[RoleSuggestion]:
    """Roles ranked by how much of their weighted skill set the learner already has.

    Three signals, strongest first: the skills the learner named; the skills their current or past jobs
    usually involve (counted half, because a job title is evidence, not proof; a job we don't cover counts
    through ``near``, the covered roles closest to it, at a quarter); and, for tools that no role lists
    (Minitab, LabVIEW), what kind of skill they are, so a quality tool points at quality roles rather than
    at whatever sorts first. A background role's industry (or that of the roles closest to it) breaks remaining
    ties, because a nurse moving into health informatics keeps her domain knowledge even where the skill lists
    don't show it. The learner's own job is not suggested back to them.

    Nothing is made up: with no evidence for any role the list is empty (the adviser asks what they do or know),
    and a tie is never cut by name (see ``TIE_ALLOWANCE``); roles that tie share a ``rank``.
    """
    scored = _scored(taxonomy, _evidence(taxonomy, skills, background, near), taxonomy.target_roles())
    groups: dict[tuple[float, ...], list[RoleSuggestion]] = {}
    for key, suggestion in sorted(scored, key=lambda t: (tuple(-k for k in t[0]), t[1].role)):
        groups.setdefault(key, []).append(suggestion)
    listed: list[RoleSuggestion] = []
    for group in groups.values():
        if len(listed) >= top or len(listed) + len(group) > top + TIE_ALLOWANCE:
            break
        rank = len(listed) + 1
        listed += [replace(s, rank=rank) for s in group]
    return listed


def clearly_best_choice(taxonomy: Taxonomy, choices: Iterable[str], skills: Iterable[str],
                        background: Iterable[str] = (), near: Mapping[str, Iterable[str]] | None = None) -> str | None:
    """The one of several roles a goal could mean that the learner's skills clearly fit best, if there is one.

    Only held skills decide (``CLEAR_LEAD`` more of its skill weight than of any other choice): it is offered as
    the default to confirm, never set, so it must rest on what the learner said they know, not on a guess.
    """
    roles = [taxonomy.roles[c] for c in dict.fromkeys(choices) if c in taxonomy.roles]
    held = list(skills)
    if len(roles) < 2 or not held:
        return None
    ev = _evidence(taxonomy, held, background, near)
    fits = sorted(((round(sum(w for s, w in r.skills.items() if s in ev.held) / r.total_weight, 2), r.name)
                   for r in roles if r.total_weight), reverse=True)
    if len(fits) < 2 or fits[0][0] <= 0 or fits[0][0] - fits[1][0] < CLEAR_LEAD:
        return None
    return fits[0][1]


INDUSTRY_CLOSENESS = 0.4  # the learner's industry: less than a shared word (1) or a shared skill word (0.5)


def _words(text: str) -> set[str]:
    return {singular(w) for w in text.lower().replace("-", " ").replace("/", " ").split()
            if len(w) > 2 or w in ("it", "hr", "ux", "ai")}


def _same_word(a: str, b: str) -> bool:
    """'clinical' ~ 'clinic', 'health' ~ 'healthcare', 'nursing' ~ 'nurse'; but 'office' is not 'officer'."""
    short, long_ = sorted((a, b), key=len)
    return a == b or (len(short) >= 5 and long_.startswith(short) and long_[len(short):] not in ("r", "er")) \
        or same_stem(a, b)


def closest_roles(taxonomy: Taxonomy, title: str, top: int = 3, industries: Iterable[str] = ()) -> list[str]:
    """Target roles nearest to a job title the taxonomy doesn't cover, for the adviser to offer instead.

    Words of the title that a role's name or aliases share count most ("clinical data manager" -> roles
    about clinical data), words its skills share count less, and the same kind of job (the last word:
    manager, analyst, inspector) counts too. A title that shares nothing (e.g. "astronaut") gets no offer.
    ``industries`` are the learner's (their jobs, skills): among roles as near, those of the learner's
    industries come first ("CDI specialist" from a medical coder shares only "specialist" with an HR, an
    SEO and a records specialist; the records specialist is offered), never instead of a shared word.
    """
    industries = set(industries)
    words = title.lower().split()
    head = singular(words[-1]) if words else ""
    wanted = _words(title) - {head}
    scored = []
    for role in taxonomy.target_roles():
        names = _words(" ".join([role.name, *role.aliases]))
        skills = _words(" ".join(role.skills))
        in_names = {w for w in wanted if any(_same_word(w, n) for n in names)}
        in_skills = {w for w in wanted - in_names if any(_same_word(w, k) for k in skills)}
        heads = {singular(f.lower().split()[-1]) for f in (role.name, *role.aliases) if f.split()}
        score = len(in_names) + 0.5 * len(in_skills) + (0.75 if head in heads else 0.0)
        if score and role.industry in industries:
            score += INDUSTRY_CLOSENESS
        if score:
            scored.append((score + fuzz.token_sort_ratio(title.lower(), role.name.lower()) / 1000, role.name))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [name for _, name in scored[:top]]
