"""Recommend the shortest credible pathway from a learner's skills to a target role.

A weighted set cover: greedily take the credential that closes the most gap weight per unit of effort
(money, hours, weak quality or recognition all add effort), then drop steps that became redundant, try
cheaper swaps, and order what is left so foundations and prerequisites come first and a credential that
stacks into a larger one sits just before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from catalog.advice.eligibility import LearnerBackground, RequirementCheck, check_requirements, is_eligible
from catalog.advice.flags import (
    PEER_SHARE,
    STALE_AFTER_DAYS,
    Finding,
    Flag,
    cost_flag,
    eligibility_flag,
    over_budget_flag,
    overlap_flag,
    quality_flag,
    recognition_flag,
    stale_flag,
    too_many_badges_flag,
)
from catalog.advice.relevance import fits, relevance
from catalog.catalogue.estimates import Figure
from catalog.catalogue.index import CatalogIndex, Freshness, IndexedCredential
from catalog.catalogue.money import RATES_AS_OF, USD_PER_UNIT, is_free, to_usd
from catalog.catalogue.taxonomy import Role, Taxonomy
from catalog.reading.profile import MAX_PROFILE_SKILLS

CANDIDATES_PER_SKILL = 40
# Skills employers expect you to show through work rather than a certificate; a step is never chosen for
# these alone, but they count when a chosen step teaches them anyway.
SOFT = {"soft", "office"}
# Uncovered skills of these kinds are left "best shown through work" rather than reported as a gap no
# credential closes: employers judge them from experience.
PRACTICE_CATEGORIES = SOFT | {"service", "management"}
MAX_LATER_GOALS = 2
# Someone new to a field (see ``is_newcomer``) has an advanced credential's effort counted this many times.
ADVANCED_FOR_NEWCOMER = 1.75
NEWCOMER_SHARE = 0.25
# A skill the learner's job weighs at least this much in the taxonomy counts as theirs: a registered nurse
# is not sent on a course in medication administration. Said in the reply, so they can correct it.
BACKGROUND_SKILL_WEIGHT = 0.6
# An employer-sponsored credential counts as this share of its effort: preferred, not forced.
SPONSORED_EFFORT = 0.6
LEVEL_ORDER = {"beginner": 0, None: 1, "intermediate": 1, "advanced": 2}
# The most distinct skills a pathway is planned from: as many as a learner profile holds. A longer list (a slot
# set through the HTTP API, a caller of this module) is cut to its first ones, with a note saying so.
MAX_HELD_SKILLS = MAX_PROFILE_SKILLS
# A budget above this is no limit at all: it is read as "no budget" rather than carried into sums and replies.
MAX_BUDGET = 10_000_000.0
# A pace is from six minutes to every hour of the week; a deadline from a day to fifty years away.
MIN_HOURS_PER_WEEK, HOURS_IN_A_WEEK = 0.1, 168.0
MIN_DEADLINE_WEEKS, MAX_DEADLINE_WEEKS = 1 / 7, 52.0 * 50


@dataclass(frozen=True)
class Constraints:
    """What the learner asked for; every field is optional."""

    budget: float | None = None  # in ``currency``
    currency: str = "USD"
    hours_per_week: float | None = None
    deadline_weeks: float | None = None
    prefer_providers: tuple[str, ...] = ()  # provider ids: only these when non-empty
    avoid_providers: tuple[str, ...] = ()
    sponsored_providers: tuple[str, ...] = ()  # an employer's: ranked first, others still allowed
    delivery: str | None = None  # "online" or a DELIVERY value
    language: str | None = None
    free_only: bool = False
    optimise: str = "balanced"  # balanced | cost | time
    exclude_ids: tuple[str, ...] = ()
    max_steps: int = 4

    def __post_init__(self) -> None:
        """Limits no plan can use are taken as not given, so a corrupted slot or a misread number (NaN,
        infinity, a negative budget, zero or 500 hours a week, a deadline already past) never empties the
        pathway, breaks a reply's arithmetic or puts a non-JSON number in the payload."""
        object.__setattr__(self, "budget", _usable(self.budget, 0.0, MAX_BUDGET))
        object.__setattr__(self, "hours_per_week", _usable(self.hours_per_week, MIN_HOURS_PER_WEEK, HOURS_IN_A_WEEK))
        object.__setattr__(self, "deadline_weeks", _usable(self.deadline_weeks, MIN_DEADLINE_WEEKS, MAX_DEADLINE_WEEKS))
        object.__setattr__(self, "max_steps", max(0, int(self.max_steps)))

    @property
    def budget_usd(self) -> float | None:
        return to_usd(self.budget, self.currency)

    def with_changes(self, **changes: Any) -> Constraints:
        return replace(self, **changes)


def _usable(value: float | None, least: float, most: float) -> float | None:
    """``value`` when it is a number from ``least`` to ``most``, else None (NaN is neither)."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if least <= value <= most else None


def held_skills(current_skills: Iterable[str]) -> tuple[list[str], int]:
    """The distinct skills a pathway is planned from, in the order given, at most ``MAX_HELD_SKILLS``, and how
    many distinct ones were left out (said in the ``skills_capped`` note)."""
    distinct = [s for s in dict.fromkeys(current_skills) if isinstance(s, str) and s]
    return distinct[:MAX_HELD_SKILLS], max(0, len(distinct) - MAX_HELD_SKILLS)


@dataclass
class GapSkill:
    skill: str
    weight: float


@dataclass(frozen=True)
class Rationale:
    """Why a step was chosen, as facts: what it covers, what it beat and on which grounds
    (``advantages``: cheaper, shorter, more_recognised, better_evidenced, closes_more), or which step it
    prepares for."""

    covers: tuple[str, ...]
    runner_up: tuple[str, str] | None = None  # (title, provider)
    advantages: tuple[Finding, ...] = ()
    prepares_for: str | None = None


@dataclass
class PathwayStep:
    item: IndexedCredential
    covers: list[str]
    why: Rationale
    runner_up: str | None = None
    flags: list[Flag] = field(default_factory=list)
    required_by: str | None = None  # set when the step is only here as another step's prerequisite
    way_in: IndexedCredential | None = None  # the first part of this credential, to start with
    relevance: float = 1.0


@dataclass
class LaterGoal:
    """A credential that fits the goal but that the learner cannot take yet, with what it takes."""

    item: IndexedCredential
    checks: list[RequirementCheck]
    covers: list[str]

    @property
    def unmet(self) -> list[RequirementCheck]:
        return [c for c in self.checks if c.status == "unmet"]


@dataclass(frozen=True)
class Total:
    """A pathway's hours or cost: how much is stated, how much estimated, how many steps are unknown.
    ``value`` is None unless every step has a figure, so an unknown total is never shown as 0."""

    stated: float
    estimated: float
    unknown_steps: int
    known_steps: int

    @property
    def value(self) -> float | None:
        """The whole total, only when every step has a figure: a sum that leaves steps out is a part."""
        return round(self.stated + self.estimated, 2) if self.known_steps and not self.unknown_steps else None

    @property
    def known(self) -> float:
        return round(self.stated + self.estimated, 2)


def _total(figures: list[Figure | None]) -> Total:
    known = [f for f in figures if f is not None]
    return Total(round(sum(f.value for f in known if f.stated), 2),
                 round(sum(f.value for f in known if not f.stated), 2),
                 len(figures) - len(known), len(known))


@dataclass
class Pathway:
    goal: str
    industry: str
    current_skills: list[str]
    gap: list[GapSkill]
    steps: list[PathwayStep]
    uncovered: list[str]
    constraints: Constraints
    notes: list[Finding] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    practice_skills: list[str] = field(default_factory=list)  # uncovered, but shown through work, not courses
    later_goals: list[LaterGoal] = field(default_factory=list)

    @property
    def hours(self) -> Total:
        return _total([s.item.hours for s in self.steps])

    @property
    def cost(self) -> Total:
        return _total([s.item.cost for s in self.steps])

    @property
    def total_hours(self) -> float | None:
        return self.hours.value

    @property
    def total_cost_usd(self) -> float:
        """Stated and estimated prices together: the figure a budget is checked against."""
        return round(sum(price_usd(s.item) for s in self.steps), 2)

    @property
    def unknown_cost_steps(self) -> list[PathwayStep]:
        return [s for s in self.steps if s.item.cost is None]

    def step(self, number: int) -> PathwayStep | None:
        return self.steps[number - 1] if 1 <= number <= len(self.steps) else None



class UnknownRole(ValueError):
    pass


# -- gap ----------------------------------------------------------------------------------------------------------
def skill_gap(role: Role, current_skills: set[str]) -> list[GapSkill]:
    """Skills the role needs that the learner lacks, heaviest first."""
    gap = [GapSkill(s, w) for s, w in role.skills.items() if s not in current_skills]
    return sorted(gap, key=lambda g: (-g.weight, g.skill))


# -- selection ------------------------------------------------------------------------------------------------------
def _allowed(item: IndexedCredential, c: Constraints) -> bool:
    rec = item.record
    if rec.id in c.exclude_ids:
        return False
    if c.prefer_providers and not (item.delivered_by & set(c.prefer_providers)):
        return False
    if c.avoid_providers and item.delivered_by & set(c.avoid_providers):
        return False
    if c.free_only and not (is_free(rec) or rec.free_audit):
        return False
    if c.delivery:
        if c.delivery == "online":
            if rec.delivery == "in_person":
                return False
        elif rec.delivery and rec.delivery != c.delivery:
            return False
    if c.language and rec.language and rec.language != c.language:
        return False
    budget = c.budget_usd
    if budget is not None and price_usd(item) > budget:
        return False
    return True


def price_usd(item: IndexedCredential) -> float:
    """The price a budget counts: stated, else estimated, else 0 (unknown prices are said separately)."""
    return item.cost.value if item.cost is not None else (item.known_usd or 0.0)


def is_sponsored(item: IndexedCredential, c: Constraints) -> bool:
    return bool(c.sponsored_providers) and (item.record.provider in c.sponsored_providers
                                            or item.record.platform in c.sponsored_providers)


def fit_factor(fit: float) -> float:
    """How much a credential's effort counts for, by its relevance: a credential built for the role counts
    as its effort, one only a third about the role (the least that is allowed) as about 2.3 times that."""
    return 1.0 + 2.0 * (1.0 - fit)


def is_newcomer(role: Role, known: set[str], background: LearnerBackground, taxonomy: Taxonomy) -> bool:
    """New to the field: no job in the goal's industry and under a quarter of its skill weight known."""
    if any(r in taxonomy.roles and taxonomy.roles[r].industry == role.industry for r in background.roles):
        return False
    total = sum(role.skills.values())
    return sum(w for s, w in role.skills.items() if s in known) < NEWCOMER_SHARE * total


def effort_factor(item: IndexedCredential, role: Role, newcomer: bool, categories: dict[str, str]) -> float:
    """The multiplier on a credential's effort for this learner: its relevance to the role, and for someone
    new to the field an advanced credential counts as more effort (it assumes experience they lack)."""
    level = ADVANCED_FOR_NEWCOMER if newcomer and item.record.level == "advanced" else 1.0
    return fit_factor(relevance(item, role, categories)) * level


def _effort(item: IndexedCredential, c: Constraints, money_w: float, time_w: float,
            factor_of: dict[str, float] | None = None) -> float:
    factor = factor_of.get(item.id, 1.0) if factor_of else 1.0
    return item.effort_cost(money_w, time_w) * (SPONSORED_EFFORT if is_sponsored(item, c) else 1.0) * factor


def _weights(c: Constraints) -> tuple[float, float]:
    return {"cost": (3.0, 0.5), "time": (0.5, 3.0)}.get(c.optimise, (1.0, 1.0))


def candidate_pool(index: CatalogIndex, skills: list[str], c: Constraints) -> list[IndexedCredential]:
    """The head of each gap skill's list that passes the constraints: bounded, never a catalogue scan."""
    pool: dict[str, IndexedCredential] = {}
    for skill in skills:
        taken = 0
        for item in index.teaching(skill):
            if taken >= CANDIDATES_PER_SKILL:
                break
            if _allowed(item, c):
                pool.setdefault(item.id, item)
                taken += 1
    return list(pool.values())


def _gain(item: IndexedCredential, remaining: dict[str, float]) -> float:
    return sum(remaining[s] for s in item.skills if s in remaining)


def _bundle(item: IndexedCredential, index: CatalogIndex | None, known: set[str],
            chosen_ids: set[str], completed: set[str]) -> list[IndexedCredential]:
    """The credential plus any prerequisite the learner still needs (their cost counts too)."""
    bundle = []
    if index is not None:
        for pre_id in item.record.prerequisites:
            pre = index.get(pre_id)
            if pre and pre_id not in chosen_ids and pre_id not in completed and not pre.skills <= known:
                bundle.append(pre)
    return bundle + [item]


def _greedy_cover(
    pool: list[IndexedCredential],
    remaining: dict[str, float],
    c: Constraints,
    factor_of: dict[str, float],
    anchor: set[str] | None = None,
    index: CatalogIndex | None = None,
    known: set[str] | None = None,
    completed: set[str] | None = None,
    background: LearnerBackground | None = None,
    prerequisite_fits: Callable[[IndexedCredential], bool] | None = None,
) -> list[tuple[IndexedCredential, IndexedCredential | None]]:
    """Greedy weighted set cover. Only credentials that close an ``anchor`` (role-specific) skill are
    eligible, and each one's effort is multiplied by its ``factor_of`` (``effort_factor``: credentials
    mostly about other things cost more, so a safety certificate is not a way to learn "leadership" for a
    project manager)."""
    money_w, time_w = _weights(c)
    chosen: list[tuple[IndexedCredential, IndexedCredential | None]] = []
    chosen_ids: set[str] = set()
    remaining = dict(remaining)
    anchor = set(remaining) if anchor is None else set(anchor)
    known = known or set()
    completed = completed or set()
    spent = 0.0
    budget = c.budget_usd
    # Effort per candidate does not change between rounds; only what it still covers does.
    base: list[tuple[IndexedCredential, float]] = []
    for item in pool:
        if not (item.skills & anchor):
            continue
        sponsored = SPONSORED_EFFORT if is_sponsored(item, c) else 1.0
        base.append((item, factor_of[item.id] * sponsored))
    while remaining and len(chosen) < c.max_steps:
        scored = []
        open_anchor = anchor & remaining.keys()
        for item, factor in base:
            if item.id in chosen_ids or not (item.skills & open_anchor):
                continue
            bundle = _bundle(item, index, known, chosen_ids, completed) if item.record.prerequisites else [item]
            if prerequisite_fits is not None and len(bundle) > 1:
                bundle = [b for b in bundle[:-1] if prerequisite_fits(b)] + [item]  # the rest become notes
            if len(chosen) + len(bundle) > c.max_steps:
                continue
            if background is not None and len(bundle) > 1 and not all(
                    is_eligible(b.record, background) for b in bundle[:-1]):
                continue
            skills = item.skills if len(bundle) == 1 else set().union(*(b.skills for b in bundle))
            gain = sum(remaining[s] for s in skills if s in remaining)
            if gain <= 0:
                continue
            price = sum(price_usd(b) for b in bundle)
            if budget is not None and spent + price > budget:
                continue
            cost = sum(b.effort_cost(money_w, time_w) for b in bundle) * factor
            scored.append((gain / cost, gain, item, bundle))
        if not scored:
            break
        scored.sort(key=lambda t: (-t[0], -t[1], t[2].id))
        _, _, best, bundle = scored[0]
        runner = next((t[2] for t in scored[1:] if t[2].skills & best.skills & remaining.keys()), None)
        for b in bundle:
            chosen.append((b, runner if b is best else None))
            chosen_ids.add(b.id)
            spent += price_usd(b)
            for s in b.skills:
                remaining.pop(s, None)
    return chosen


def _drop_redundant(chosen: list[IndexedCredential], gap: set[str]) -> list[IndexedCredential]:
    """Remove the costliest steps whose gap skills the others already cover (prerequisites stay)."""
    kept = list(chosen)
    for item in sorted(chosen, key=lambda i: -i.effort_cost()):
        if any(item.id in o.record.prerequisites for o in kept):
            continue
        others = set().union(*(o.skills for o in kept if o is not item)) if len(kept) > 1 else set()
        if (item.skills & gap) <= others:
            kept.remove(item)
    return kept


def _improve_by_swaps(
    chosen: list[IndexedCredential], pool: list[IndexedCredential], gap: set[str], c: Constraints,
    factor_of: dict[str, float] | None = None,
) -> list[IndexedCredential]:
    """Replace a step with a cheaper one that still keeps the same gap skills covered."""
    money_w, time_w = _weights(c)
    budget = c.budget_usd
    improved = True
    while improved:
        improved = False
        covered = set().union(*(i.skills for i in chosen)) & gap if chosen else set()
        for k, item in enumerate(chosen):
            if item.record.prerequisites or any(item.id in o.record.prerequisites for o in chosen):
                continue
            rest = chosen[:k] + chosen[k + 1:]
            rest_cover = set().union(*(i.skills for i in rest)) if rest else set()
            needed = covered - rest_cover
            for cand in pool:
                if cand in chosen or cand.record.prerequisites or not needed <= cand.skills:
                    continue
                if (_effort(cand, c, money_w, time_w, factor_of) + 1e-9
                        < _effort(item, c, money_w, time_w, factor_of)):
                    if budget is not None:
                        spend = sum(price_usd(i) for i in rest) + price_usd(cand)
                        if spend > budget:
                            continue
                    chosen = rest[:k] + [cand] + rest[k:]
                    improved = True
                    break
            if improved:
                break
    return chosen


def _order(steps: list[IndexedCredential]) -> list[IndexedCredential]:
    """Prerequisites before dependants, beginner before advanced, a part just before what it stacks into."""
    ids = {s.id for s in steps}
    ordered: list[IndexedCredential] = []
    placed: set[str] = set()
    pending = sorted(steps, key=lambda s: (LEVEL_ORDER.get(s.record.level, 1), s.est_hours, s.id))

    def place(item: IndexedCredential, trail: set[str]) -> None:
        if item.id in placed or item.id in trail:
            return
        for pre in item.record.prerequisites:
            dep = next((s for s in steps if s.id == pre), None)
            if dep is not None:
                place(dep, trail | {item.id})
        for part in steps:  # parts that stack into this one go right before it
            if item.id in part.record.is_part_of and part.id in ids:
                place(part, trail | {item.id})
        if item.id not in placed:
            ordered.append(item)
            placed.add(item.id)

    for item in pending:
        place(item, set())
    return ordered


def _why(item: IndexedCredential, covers: list[str], runner: IndexedCredential | None) -> Rationale:
    if runner is None:
        return Rationale(tuple(covers))
    better = []
    if item.known_usd is not None and runner.known_usd is not None and item.known_usd < runner.known_usd:
        better.append(Finding("cheaper", {"usd": item.known_usd, "runner_up_usd": runner.known_usd}))
    if item.est_hours + 1 < runner.est_hours:
        better.append(Finding("shorter", {"hours": round(item.est_hours), "runner_up_hours": round(runner.est_hours)}))
    if len(item.record.recognized_by) > len(runner.record.recognized_by):
        better.append(Finding("more_recognised"))
    if item.quality_penalty < runner.quality_penalty:
        better.append(Finding("better_evidenced"))
    if not better:
        better.append(Finding("closes_more"))
    return Rationale(tuple(covers), (runner.record.title, runner.provider_name), tuple(better))


def recommend_pathway(
    taxonomy: Taxonomy,
    index: CatalogIndex,
    goal: str,
    current_skills: list[str] | set[str],
    constraints: Constraints | None = None,
    completed: list[str] | None = None,
    today: dt.date | None = None,
    background: LearnerBackground | None = None,
) -> Pathway:
    """The pathway from ``current_skills`` to ``goal`` under ``constraints``.

    Only credentials that fit the role (``relevance``), that the learner may take (``eligibility``) and
    that no other step contains are steps; a fitting credential they cannot take yet becomes a later goal.
    """
    c = constraints or Constraints()
    role = taxonomy.roles.get(goal)
    if role is None:
        raise UnknownRole(goal)
    today = today or dt.date.today()
    completed = list(completed or [])
    background = background or LearnerBackground()
    background = replace(background, credentials=background.credentials | set(completed))
    current_skills, left_out = held_skills(current_skills)
    known = set(current_skills)
    from_background = sorted({s for r in background.roles if r in taxonomy.roles
                              for s, w in taxonomy.roles[r].skills.items()
                              if w >= BACKGROUND_SKILL_WEIGHT and s in role.skills and s not in known})
    known |= set(from_background)
    for cid in completed:  # a credential held teaches its skills
        item = index.get(cid)
        if item:
            known |= item.skills
    gap = skill_gap(role, known)
    weights = {g.skill: g.weight for g in gap}
    c = c.with_changes(exclude_ids=tuple(set(c.exclude_ids) | set(completed)
                                         | {p for cid in completed for p in index.parts.get(cid, ())}))
    anchor = {s for s in weights if taxonomy.skills.get(s) is None or taxonomy.skills[s].category not in SOFT}
    cats = taxonomy.categories
    fitting = [i for i in candidate_pool(index, list(weights), c) if fits(i, role, cats)]
    pool = [i for i in fitting if is_eligible(i.record, background)]
    newcomer = is_newcomer(role, known, background, taxonomy)
    fit_of = {i.id: effort_factor(i, role, newcomer, cats) for i in fitting}
    not_yet = [i for i in fitting if i not in pool]
    runner_of: dict[str, IndexedCredential | None] = {}
    chosen: list[IndexedCredential] = []
    for _ in range(3):  # greedy, prune, then refill the slots pruning freed
        covered_now = set().union(*(i.skills for i in chosen)) if chosen else set()
        left = {s: w for s, w in weights.items() if s not in covered_now}
        slots = c.max_steps - len(chosen)
        if not left or slots <= 0:
            break
        taken = {i.id for i in chosen}
        free = [i for i in pool if i.id not in taken and not _contained_in_any(index, i, chosen)]
        greedy = _greedy_cover(free, left, c.with_changes(max_steps=slots), fit_of,
                               (anchor or set(weights)) & set(left), index, known | covered_now,
                               set(completed) | taken, background, lambda i: fits(i, role, cats))
        if not greedy:
            break
        runner_of.update({item.id: runner for item, runner in greedy})
        chosen = _drop_redundant(chosen + [item for item, _ in greedy], set(weights))
        # A swap can take in a credential that covers what another step was there for: drop that one too.
        chosen = _drop_redundant(_improve_by_swaps(chosen, pool, set(weights), c, fit_of), set(weights))
    notes: list[Finding] = []
    if left_out:
        notes.append(Finding("skills_capped", {"kept": len(current_skills), "left_out": left_out}))
    if from_background:
        notes.append(Finding("background_covers", {"roles": list(background.roles), "skills": from_background}))
    chosen = _add_prerequisites(index, chosen, known, completed, c, notes, background, role, cats)
    chosen = _without_contained(index, chosen)
    ordered = _order(chosen)

    steps: list[PathwayStep] = []
    covered: set[str] = set()
    earlier: list[IndexedCredential] = []
    freshness = index.freshness
    for item in ordered:
        covers = [g.skill for g in gap if g.skill in item.skills and g.skill not in covered]
        covered |= set(covers)
        required_by = next((o.record.title for o in ordered if item.id in o.record.prerequisites), None)
        prepares = next((o.record.title for o in ordered if o.id in item.record.is_preparation_for), None)
        why = (Rationale((), prepares_for=required_by or prepares) if (required_by or prepares) and not covers
               else _why(item, covers or sorted(item.skills & set(weights)), runner_of.get(item.id)))
        peers = candidate_pool(index, covers or list(item.skills), Constraints())
        checks = check_requirements(item.record, background, [e.id for e in earlier])
        flags = [f for f in (
            recognition_flag(item, role.industry, peers),
            quality_flag(item, peers),
            stale_flag(item, today, freshness),
            cost_flag(item, peers),
            overlap_flag(item, known, earlier),
            eligibility_flag(checks),
        ) if f]
        steps.append(PathwayStep(item, covers, why, runner_of[item.id].record.title
                                 if runner_of.get(item.id) else None, flags, required_by,
                                 _way_in(index, item, c, set(completed), background), relevance(item, role, cats)))
        earlier.append(item)

    uncovered = [g.skill for g in gap if g.skill not in covered]
    practice = [u for u in uncovered if u not in anchor or (taxonomy.skills.get(u) is not None
                                                             and taxonomy.skills[u].category in PRACTICE_CATEGORIES)]
    if practice:
        notes.append(Finding("practice_skills", {"skills": practice}))
    pathway = Pathway(role.name, role.industry, sorted(known & set(current_skills)), gap, steps, uncovered, c,
                      notes, practice_skills=practice)
    pathway.later_goals = _later_goals(not_yet, weights, background, [s.item.id for s in steps], c, role)
    stale = catalogue_note(freshness, today)
    if stale is not None and steps:
        pathway.notes.append(stale)
    _budget_and_time_notes(pathway)
    badge_flag = too_many_badges_flag(len(steps))
    if badge_flag:
        pathway.flags.append(badge_flag)
    return pathway


def catalogue_note(freshness: Freshness, today: dt.date) -> Finding | None:
    """One note for the whole pathway when most listings were never checked, or all long ago."""
    if freshness.verified_share < PEER_SHARE:
        return Finding("catalogue_unverified", {"verified": freshness.verified, "listings": freshness.listings})
    median = freshness.median_verified
    if median is not None and (today - median).days > STALE_AFTER_DAYS:
        return Finding("catalogue_stale", {"median_verified": median.isoformat()})
    return None


def _contained_in_any(index: CatalogIndex, item: IndexedCredential, others: list[IndexedCredential]) -> bool:
    return any(index.contains(o.id, item.id) or index.contains(item.id, o.id) for o in others if o.id != item.id)


def _without_contained(index: CatalogIndex, chosen: list[IndexedCredential]) -> list[IndexedCredential]:
    """A credential another step contains is not a step of its own: the whole is taken, the part comes
    with it (and is shown as the way in)."""
    return [i for i in chosen if not any(index.contains(o.id, i.id) for o in chosen if o is not i)]


def _way_in(index: CatalogIndex, item: IndexedCredential, c: Constraints, completed: set[str],
            background: LearnerBackground) -> IndexedCredential | None:
    """Where to start: the first part of a multi-part credential (often free to audit), else the cheapest
    course that prepares for it (an exam's prep course), shown with the step rather than as a step."""
    def usable(candidate: IndexedCredential | None) -> bool:
        return (candidate is not None and candidate.id not in completed
                and _allowed(candidate, c.with_changes(exclude_ids=())) and is_eligible(candidate.record, background))

    for part_id in index.parts.get(item.id, ()):
        if usable(index.get(part_id)):
            return index.get(part_id)
    preparations = [p for p in (index.get(i) for i in index.prepared_by.get(item.id, ())) if usable(p)]
    return min(preparations, key=lambda p: (price_usd(p), p.est_hours, p.id)) if preparations else None


def licensed_by_goal(role: Role, checks: list[RequirementCheck]) -> bool:
    """Does the goal role hold every licence the credential asks for and the learner lacks? A licence is
    the gate of another profession (a CCRN needs an RN licence): a credential behind it is no later goal of
    a future LPN, whereas years of work or a degree are steps the learner can still take."""
    return all(check.status != "unmet" or check.requirement.kind != "licence"
               or check.requirement.licence in role.licences for check in checks)


def _later_goals(candidates: list[IndexedCredential], weights: dict[str, float], background: LearnerBackground,
                 step_ids: list[str], c: Constraints, role: Role) -> list[LaterGoal]:
    """Fitting credentials the learner is not yet eligible for, the most useful first; none behind a licence
    the goal role does not hold."""
    scored = []
    for item in candidates:
        covers = [s for s in weights if s in item.skills]
        if not covers:
            continue
        checks = check_requirements(item.record, background, step_ids)
        if not any(ch.status == "unmet" for ch in checks):
            continue  # eligible once the steps are done: not a later goal (and never one with nothing to say)
        if not licensed_by_goal(role, checks):
            continue
        money_w, time_w = _weights(c)
        scored.append((sum(weights[s] for s in covers) / item.effort_cost(money_w, time_w), item.id,
                       LaterGoal(item, checks, covers)))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [g for _, _, g in scored[:MAX_LATER_GOALS]]


def _add_prerequisites(
    index: CatalogIndex,
    chosen: list[IndexedCredential],
    known: set[str],
    completed: list[str],
    c: Constraints,
    notes: list[Finding],
    background: LearnerBackground,
    role: Role,
    categories: dict[str, str],
) -> list[IndexedCredential]:
    """Prerequisites a step needs, as steps when they fit the role; one that doesn't (a hardware exam before
    a security one) is advised in a note, so the pathway holds only what the goal needs."""
    result = list(chosen)
    for item in chosen:
        for pre_id in item.record.prerequisites:
            pre = index.get(pre_id)
            if pre is None or pre_id in completed or any(r.id == pre_id for r in result):
                continue
            if pre.skills <= known:
                notes.append(Finding("prerequisite_known", {"step": item.record.title,
                                                            "prerequisite": pre.record.title}))
                continue
            if len(result) >= c.max_steps:
                notes.append(Finding("prerequisite_no_room", {"step": item.record.title,
                                                              "prerequisite": pre.record.title,
                                                              "skills": sorted(pre.skills)[:3]}))
                continue
            if not _allowed(pre, c.with_changes(exclude_ids=())) or not is_eligible(pre.record, background):
                notes.append(Finding("prerequisite_excluded", {"step": item.record.title,
                                                               "prerequisite": pre.record.title}))
                continue
            if not fits(pre, role, categories):
                notes.append(Finding("prerequisite_advised", {"step": item.record.title,
                                                              "prerequisite": pre.record.title,
                                                              "skills": sorted(pre.skills)[:3]}))
                continue
            result.append(pre)
    return result


def _budget_and_time_notes(p: Pathway) -> None:
    c = p.constraints
    budget = c.budget_usd
    currency = (c.currency or "USD").upper()
    if c.budget is not None and currency != "USD":
        if budget is None:
            p.notes.append(Finding("currency_unknown", {"currency": currency}))
        else:
            p.notes.append(Finding("currency_compared", {"currency": currency, "rate": USD_PER_UNIT[currency],
                                                         "as_of": RATES_AS_OF.isoformat(),
                                                         "budget_usd": round(budget)}))
    if budget is not None and p.total_cost_usd > budget:
        p.flags.append(over_budget_flag(p.total_cost_usd, c.budget, c.currency))
    if p.unknown_cost_steps:
        p.notes.append(Finding("subscription_costs"))
    hours = p.hours
    if c.hours_per_week and hours.known:
        weeks = hours.known / c.hours_per_week
        late = bool(c.deadline_weeks and weeks > c.deadline_weeks)
        p.notes.append(Finding("pace", {"hours_per_week": c.hours_per_week, "weeks": round(weeks),
                                        "deadline_weeks": c.deadline_weeks if late else None,
                                        "estimated": bool(hours.estimated), "unknown_steps": hours.unknown_steps}))
    elif (c.hours_per_week or c.deadline_weeks) and p.steps:
        # Their time was given and no step states or supports a length: say so rather than stay silent on it.
        p.notes.append(Finding("pace_unknown", {"hours_per_week": c.hours_per_week, "deadline_weeks": c.deadline_weeks}))
