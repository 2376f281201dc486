"""Every fact the domain can report has words, and the pathway's words come from its payload alone."""

from __future__ import annotations

import ast
from pathlib import Path

from catalog.advice import wording

ADVICE = Path(__file__).resolve().parents[3] / "catalog" / "advice"


def codes_made_in(path: Path) -> set[str]:
    """The first argument of every ``Finding("code", ...)`` in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Finding"
            and node.args and isinstance(node.args[0], ast.Constant)}


def test_every_flag_finding_has_wording() -> None:
    codes = codes_made_in(ADVICE / "flags.py")
    assert len(codes) >= 12
    for code in codes:
        facts = {"industries": ["it"], "target": "healthcare", "rating": 3.2, "minimum": 4.0, "reviews": 7,
                 "verified": "2024-01-01", "usd": 900, "ratio": 2.0, "median_usd": 200, "peers": 5,
                 "total_usd": 500, "budget": 300, "currency": "USD", "repeated": ["A", "B"], "skills": 3, "steps": 6,
                 "peers_with": 4, "statement": "a bachelor's degree", "kind": "degree"}
        assert wording.finding_text(code, facts)


def test_every_note_and_advantage_has_wording() -> None:
    from catalog.advice.flags import Finding

    made = codes_made_in(ADVICE / "recommender.py")
    notes = {"practice_skills", "prerequisite_known", "prerequisite_no_room", "prerequisite_excluded",
             "prerequisite_advised", "background_covers", "skills_capped",
             "currency_compared", "currency_unknown",
             "subscription_costs", "pace", "pace_unknown", "catalogue_unverified", "catalogue_stale"}
    advantages = {"cheaper", "shorter", "more_recognised", "better_evidenced", "closes_more"}
    assert made == notes | advantages
    facts = {"skills": ["Communication"], "step": "B", "prerequisite": "A", "hours_per_week": 5, "weeks": 12,
             "deadline_weeks": None, "roles": ["Nurse"], "currency": "EUR", "rate": 1.08,
             "as_of": "2026-11-01", "budget_usd": 324, "verified": 3, "listings": 400, "median_verified": "2025-01-01",
             "kept": 60, "left_out": 12}
    for code in notes:
        assert wording.note_text(Finding(code, facts)).endswith(".")
    assert advantages - {"cheaper", "shorter"} <= set(wording.ADVANTAGES)


def step(**kw) -> dict:
    return {"id": "s", "title": "S", "provider": "P", "hours": None, "weeks": None, "hours_estimated": False,
            "cost": None, "currency": "USD", "pricing": "paid", "flags": [], **kw}


def test_prices_and_durations_as_a_learner_reads_them() -> None:
    assert wording.step_price(step(cost=None, pricing="subscription")) == "subscription"
    assert wording.step_price(step(cost=None)) == "price not stated"
    assert wording.step_price(step(cost=0.0, pricing="free")) == "free"
    assert wording.step_price(step(cost=49.0, currency="GBP")) == "£49"
    assert wording.step_duration(step(hours=181)) == "~181 h"
    assert wording.step_duration(step(hours=60, weeks=6, hours_estimated=True)) == "~6 weeks"
    assert wording.step_duration(step()) is None


def test_the_timeline_follows_the_learners_pace_and_marks_estimates() -> None:
    payload = {"hours_per_week": 10, "steps": [step(id="a", hours=40), step(id="b"), step(id="c", hours=25,
                                                                                           hours_estimated=True)]}
    a, b, c = wording.timeline(payload)
    assert (a["start_week"], a["weeks"], a["estimated"]) == (0.0, 4.0, False)
    assert b["weeks"] is None and b["start_week"] is None
    assert (c["start_week"], c["weeks"], c["estimated"]) == (4.0, 2.5, True)
    assert wording.timeline({"steps": [step(hours=10)]})[0]["weeks"] == 10 / wording.DEFAULT_HOURS_PER_WEEK


def test_suggestions_say_what_they_rest_on_and_that_ties_are_ties() -> None:
    from catalog.advice.suggestions import RoleSuggestion

    quality = [RoleSuggestion("Quality Engineer", "manufacturing", 0.0, ["SPC"], "", alike=["Minitab"], rank=1),
               RoleSuggestion("Quality Control Analyst", "manufacturing", 0.0, ["SPC"], "", alike=["Minitab"], rank=1)]
    text = wording.ranked_suggestions_text(quality)
    assert "0%" not in text and "fit best" not in text and "the kind of work Minitab is used for" in text
    assert "1. Quality Engineer" in text and "1. Quality Control Analyst" in text
    assert "Roles with the same number fit equally well." in text
    held = [RoleSuggestion("Data Scientist", "it", 0.5, ["R"], "", rank=1),
            RoleSuggestion("Data Analyst", "it", 0.3, ["Tableau"], "", rank=2)]
    text = wording.ranked_suggestions_text(held)
    assert text.startswith("Based on your skills, these roles fit best:") and "equally" not in text
    assert "2. Data Analyst (IT): you have 30% of the core skills" in text


def test_with_nothing_to_go_on_the_adviser_asks_what_they_do() -> None:
    text = wording.ask_what_they_do_text("Got it: you're coming from Junior Php Dev.", ["Junior Php Dev"])
    assert text.startswith("Got it: you're coming from Junior Php Dev. I can't match Junior Php Dev")
    assert "good at or have done at work" in text
    assert wording.ask_what_they_do_text(None, []).startswith("Happy to suggest roles.")


def test_a_choice_gone_past_is_asked_again_with_the_default_it_may_propose() -> None:
    choices = ["Information Security Engineer", "Cloud Solutions Architect"]
    text = wording.choice_again_text(None, "Cloud Security", choices, None, several=True,
                                     proposed="Cloud Solutions Architect")
    assert "Cloud Security, which covers several kinds of job: Information Security Engineer or Cloud Solutions " \
           "Architect" in text
    assert "Did you mean Cloud Solutions Architect? It fits what you know best." in text
    assert text.endswith("Pick one, or name another role.")
    kept = wording.choice_again_text("Got it.", "Dental Hygienist", ["Dental Assistant"], "Data Analyst",
                                     occupation="Dental Hygienists")
    assert kept.startswith("Got it. Before I go on: you mentioned Dental Hygienist (O*NET files it under Dental "
                           "Hygienists)") and kept.endswith("or keep Data Analyst.") and "Did you mean" not in kept


def test_an_estimate_at_the_catalogues_stated_pace_says_whose_pace_it_is() -> None:
    assert wording.basis_text({"code": "from_weeks", "weeks": 26, "hours_per_week": 10.0, "pace_peers": 8,
                               "pace_providers": 2}) == (
        "estimate: 26 stated weeks at about 10 h a week, the median pace of 8 listings (from 2 providers) that "
        "state both")
    assert wording.basis_text({"code": "from_weeks", "weeks": 4, "hours_per_week": 5.0}) == (
        "estimate: 4 stated weeks at about 5 h a week")
