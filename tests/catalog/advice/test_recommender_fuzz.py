"""Whatever a learner's profile and limits hold, the recommender gives a pathway it can stand behind.

``test_recommender.py`` checks the cover on small generated catalogues with sane limits; this drives the seed
catalogue with what slots can really hold: role names it has and hasn't, hundreds of held skills with
duplicates and names no taxonomy has, and paces, budgets and deadlines of 0, below 0, NaN, infinity, 1e300,
in currencies with and without a rate. A goal the taxonomy lacks is :class:`UnknownRole` (the action turns it
into a reply); anything else ends in a pathway whose payload is JSON and whose text can be written, within the
step cap, within the budget or flagged as over it, planned from at most ``MAX_HELD_SKILLS`` skills (and a note
when more were given).
"""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.advice import wording
from catalog.advice.payload import pathway_payload
from catalog.advice.recommender import (
    HOURS_IN_A_WEEK,
    MAX_BUDGET,
    MAX_HELD_SKILLS,
    Constraints,
    UnknownRole,
    recommend_pathway,
)
from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.taxonomy import Taxonomy, default_taxonomy

TODAY = dt.date(2026, 12, 2)
TAXONOMY = default_taxonomy()
ROLES = sorted(TAXONOMY.target_roles(), key=lambda r: r.name)
SKILLS = sorted(TAXONOMY.skills)


def mostly(usual: st.SearchStrategy, odd: st.SearchStrategy) -> st.SearchStrategy:
    """``usual`` four times in five: odd values everywhere at once would leave nothing to plan."""
    return st.integers(0, 4).flatmap(lambda i: odd if i == 0 else usual)


odd_numbers = st.sampled_from([0.0, -0.0, -1.0, -1e300, 1e-300, 5e-324, 1e300, math.inf, -math.inf, math.nan, 168.0,
                               168.5, 0.1, 0.05])
amounts = mostly(st.one_of(st.none(), st.floats(0, 5000)),
                 st.one_of(odd_numbers, st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**12)))

goals = mostly(st.sampled_from([r.name for r in ROLES]),
               st.one_of(st.sampled_from(["", "data analyst", "DATA ANALYST", "Astronaut", "Data Analyst ", "🐍"]),
                         st.text(max_size=30)))
held = st.lists(st.one_of(st.sampled_from(SKILLS), st.sampled_from(["", "sql", "Not A Skill", "🐍"]),
                          st.text(max_size=20)), max_size=300)
constraints = st.builds(
    Constraints, budget=amounts, currency=st.sampled_from(["USD", "GBP", "EUR", "INR", "usd", "XYZ", ""]),
    hours_per_week=amounts, deadline_weeks=amounts, free_only=mostly(st.just(False), st.just(True)),
    optimise=st.sampled_from(["balanced", "cost", "time", "nonsense"]),
    max_steps=mostly(st.just(4), st.integers(-2, 6)),
    delivery=mostly(st.none(), st.sampled_from(["online", "in_person", "online_self_paced", "teleport"])),
    prefer_providers=mostly(st.just(()), st.lists(st.sampled_from(["coursera", "google", "nobody"]),
                                                  max_size=2).map(tuple)),
    avoid_providers=st.lists(st.sampled_from(["udemy", "coursera", "nobody"]), max_size=2).map(tuple))


def plan(taxonomy: Taxonomy, index: CatalogIndex, goal: str, skills: list[str], c: Constraints,
         completed: list[str]) -> None:
    try:
        p = recommend_pathway(taxonomy, index, goal, skills, c, completed=completed, today=TODAY)
    except UnknownRole:
        assert goal not in taxonomy.roles
        return
    payload = pathway_payload(p)
    json.dumps(payload, allow_nan=False)  # the contract is JSON: no NaN or Infinity in it
    assert wording.pathway_text(payload)
    assert wording.pathway_time_and_cost_answer(payload, c.hours_per_week, TODAY)
    wording.timeline(payload)
    assert len(p.steps) <= max(0, c.max_steps) + sum(1 for s in p.steps if s.required_by)
    distinct = list(dict.fromkeys(s for s in skills if isinstance(s, str) and s))
    assert set(p.current_skills) <= set(distinct[:MAX_HELD_SKILLS])
    assert ("skills_capped" in payload["note_codes"]) == (len(distinct) > MAX_HELD_SKILLS)
    assert not {g.skill for g in p.gap} & set(p.current_skills)
    # Only usable limits are kept; the rest are as if not given.
    kept = p.constraints
    assert kept.hours_per_week is None or 0 < kept.hours_per_week <= HOURS_IN_A_WEEK
    assert kept.budget is None or 0 <= kept.budget <= MAX_BUDGET
    assert kept.deadline_weeks is None or kept.deadline_weeks > 0
    budget = kept.budget_usd
    if budget is not None and p.total_cost_usd > budget + 1e-6:
        assert any(f.kind == "cost" for f in p.flags), "an overrun of the budget is flagged"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(goal=goals, skills=held, c=constraints,
       completed=st.lists(st.sampled_from(["google-data-analytics", "ms-pl-900", "no-such-id", ""]), max_size=3))
def test_any_profile_and_limits_give_a_pathway_or_unknown_role(seed_index: CatalogIndex, goal: str,
                                                                skills: list[str], c: Constraints,
                                                                completed: list[str]) -> None:
    plan(TAXONOMY, seed_index, goal, skills, c, completed)


# -- what the fuzzing found, and the bound on held skills -----------------------------------------------------------
@pytest.mark.parametrize("budget", [math.inf, math.nan, 1e300])
def test_a_budget_no_sum_can_use_in_another_currency_does_not_break_the_pathway(seed_index: CatalogIndex,
                                                                                budget: float) -> None:
    # An infinite or NaN budget in pounds used to raise OverflowError/ValueError while wording the exchange note.
    p = recommend_pathway(TAXONOMY, seed_index, "Data Analyst", ["SQL"], Constraints(budget=budget, currency="GBP"),
                          today=TODAY)
    assert p.constraints.budget is None and p.steps
    json.dumps(pathway_payload(p), allow_nan=False)


@pytest.mark.parametrize("hours", [0, -5, math.nan, math.inf, 500, 1e-300])
def test_a_pace_no_plan_can_use_is_taken_as_not_given(seed_index: CatalogIndex, hours: float) -> None:
    p = recommend_pathway(TAXONOMY, seed_index, "Data Analyst", ["SQL"], Constraints(hours_per_week=hours),
                          today=TODAY)
    assert p.constraints.hours_per_week is None
    assert pathway_payload(p)["hours_per_week"] is None


def test_a_deadline_already_past_is_no_deadline() -> None:
    assert Constraints(deadline_weeks=-3).deadline_weeks is None
    assert Constraints(deadline_weeks=12).deadline_weeks == 12
    assert Constraints(budget=-10).budget is None and Constraints(budget=0).budget == 0


def test_a_very_slow_pace_gives_no_finish_date_past_the_calendar() -> None:
    # 0.1 hours a week over 2,000 hours is 20,000 weeks: the finish date used to overflow the calendar.
    payload = {"steps": [{}], "total_hours": 2000.0, "total_cost": 0.0, "total_hours_stated": 2000.0, "total_hours_estimated": 0.0, "hours_unknown_steps": 0,
               "total_cost_stated": 0.0, "total_cost_estimated": 0.0, "cost_unknown_steps": 0}
    slow = wording.pathway_time_and_cost_answer(payload, 0.1, TODAY)
    assert "20,000 weeks" in slow and "no finish date" in slow
    for hours in (0.001, -2.0, math.nan, math.inf):
        assert "At 5 hours a week (a default)" in wording.pathway_time_and_cost_answer(payload, hours, TODAY)


def test_more_held_skills_than_the_bound_are_cut_to_the_first_ones_with_a_note(seed_index: CatalogIndex) -> None:
    filler = [f"Skill {i}" for i in range(MAX_HELD_SKILLS + 10)]
    p = recommend_pathway(TAXONOMY, seed_index, "Data Analyst", ["SQL", *filler, "SQL", "Tableau"], today=TODAY)
    assert len(p.current_skills) == MAX_HELD_SKILLS and "SQL" in p.current_skills
    assert "Tableau" in {g.skill for g in p.gap}  # named after the first 60, so it is still to learn
    note = next(n for n in p.notes if n.code == "skills_capped")
    assert note.facts == {"kept": MAX_HELD_SKILLS, "left_out": 12}
    assert "first 60 skills" in wording.note_text(note)
    short = recommend_pathway(TAXONOMY, seed_index, "Data Analyst", ["SQL", "SQL", "Tableau"], today=TODAY)
    assert "skills_capped" not in [n.code for n in short.notes]
