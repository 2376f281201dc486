"""Recommender properties on random catalogues, and the ordering and explanation rules on crafted ones."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.advice.payload import pathway_payload
from catalog.advice.recommender import Constraints, recommend_pathway
from catalog.advice.relevance import fits
from catalog.advice.wording import flag_reason, note_text, why_text
from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.records import CredentialRecord, ProviderRecord
from catalog.catalogue.taxonomy import Role, Skill, Taxonomy

SKILLS = [f"S{i}" for i in range(10)]
TODAY = dt.date(2026, 11, 28)
PROVIDERS = [ProviderRecord(id="p1", name="One", kind="platform"),
             ProviderRecord(id="p2", name="Two", kind="university", accreditation=["QA Agency"])]


def taxonomy_for(role_skills: dict[str, float]) -> Taxonomy:
    return Taxonomy([Skill(s) for s in SKILLS], [Role("Target", "it", role_skills)])


def cred(cid: str, skills: list[str], cost: float | None = 100, hours: float = 10, **kw) -> CredentialRecord:
    return CredentialRecord(id=cid, title=f"Cred {cid}", provider=kw.pop("provider", "p1"), type="course_certificate",
                            skills=skills, cost=cost, hours=hours, currency="USD", **kw)


credential_strategy = st.builds(
    lambda i, skills, cost, hours, provider: cred(f"c{i}", skills, cost, hours, provider=provider),
    st.integers(0, 10_000),
    st.lists(st.sampled_from(SKILLS), min_size=1, max_size=4, unique=True),
    st.one_of(st.none(), st.floats(0, 800)),
    st.floats(1, 200),
    st.sampled_from(["p1", "p2"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    creds=st.lists(credential_strategy, min_size=1, max_size=25, unique_by=lambda c: c.id),
    role_skills=st.dictionaries(st.sampled_from(SKILLS), st.floats(0.2, 1.0), min_size=1, max_size=7),
    held=st.lists(st.sampled_from(SKILLS), max_size=4, unique=True),
    budget=st.one_of(st.none(), st.floats(0, 1500)),
)
def test_pathway_properties(creds, role_skills, held, budget) -> None:
    index = CatalogIndex(PROVIDERS, creds)
    c = Constraints(budget=budget, max_steps=4)
    p = recommend_pathway(taxonomy_for(role_skills), index, "Target", held, c, today=TODAY)
    gap = set(role_skills) - set(held)
    assert {g.skill for g in p.gap} == gap
    covered = set().union(*(s.item.skills for s in p.steps)) if p.steps else set()
    # What stays uncovered is stated, and nothing covered is claimed uncovered.
    assert set(p.uncovered) == gap - covered
    # Every step teaches something new from the gap, and none is redundant.
    for k, step in enumerate(p.steps):
        assert step.covers, step
        others = set().union(*(s.item.skills for j, s in enumerate(p.steps) if j != k)) if len(p.steps) > 1 else set()
        assert (step.item.skills & gap) - others, f"redundant step {step.item.id}"
    # Every step fits the role.
    tx = taxonomy_for(role_skills)
    role = tx.roles["Target"]
    assert all(fits(s.item, role, tx.categories) for s in p.steps)
    # A skill is only left out when nothing affordable and fitting teaches it (or the step cap is reached).
    if len(p.steps) < 4 and budget is None:
        teachable = {s for item in index.by_id.values() if fits(item, role, tx.categories) for s in item.skills}
        assert gap & teachable <= covered
    # The budget is respected, or the overrun is flagged with a reason.
    if budget is not None and p.total_cost_usd > budget + 1e-6:
        assert any(f.kind == "cost" and "budget" in flag_reason(f) for f in p.flags)
    assert len(p.steps) == len({s.item.id for s in p.steps})


def test_prerequisites_come_first_and_a_part_is_the_way_into_its_whole() -> None:
    creds = [
        cred("advanced", ["S2", "S3"], cost=300, prerequisites=["found"], level="advanced"),
        cred("found", ["S1"], cost=50, level="beginner"),
        cred("part", ["S4"], cost=40, is_part_of=["big"]),
        cred("big", ["S5", "S6"], cost=200),
    ]
    tx = taxonomy_for({"S1": 0.5, "S2": 1, "S3": 1, "S4": 0.6, "S5": 1, "S6": 1})
    p = recommend_pathway(tx, CatalogIndex(PROVIDERS, creds), "Target", [], Constraints(), today=TODAY)
    order = [s.item.id for s in p.steps]
    assert order.index("found") < order.index("advanced")
    # The whole teaches what its part teaches: the part is not a step of its own but the way in.
    assert "part" not in order and "S4" not in p.uncovered
    assert p.steps[order.index("big")].way_in.id == "part"


def test_a_prerequisite_is_a_step_when_it_fits_the_role_else_advised_in_a_note() -> None:
    creds = [cred("adv", ["S2"], prerequisites=["base"]), cred("base", ["S7"], cost=10)]
    fitting = taxonomy_for({"S2": 1.0, "S7": 0.3})
    p = recommend_pathway(fitting, CatalogIndex(PROVIDERS, creds), "Target", ["S7"], Constraints(), today=TODAY)
    assert [s.item.id for s in p.steps] == ["adv"] and any("left out" in note_text(n) for n in p.notes)
    p = recommend_pathway(fitting, CatalogIndex(PROVIDERS, creds + [cred("other", ["S7"], cost=900)]), "Target",
                          [], Constraints(), today=TODAY)
    assert [s.item.id for s in p.steps] == ["base", "adv"]
    off_target = taxonomy_for({"S2": 1.0})
    p = recommend_pathway(off_target, CatalogIndex(PROVIDERS, creds), "Target", [], Constraints(), today=TODAY)
    assert [s.item.id for s in p.steps] == ["adv"]
    assert [n.code for n in p.notes] == ["prerequisite_advised", "catalogue_unverified"]
    assert "Cred adv expects Cred base first" in note_text(p.notes[0])


def test_preferences_cheaper_and_providers() -> None:
    creds = [cred("cheap", ["S1", "S2"], cost=20, hours=120), cred("quick", ["S1", "S2"], cost=400, hours=5,
                                                                     provider="p2")]
    tx = taxonomy_for({"S1": 1.0, "S2": 1.0})
    index = CatalogIndex(PROVIDERS, creds)
    assert recommend_pathway(tx, index, "Target", [], Constraints(optimise="cost"), today=TODAY).steps[0].item.id \
        == "cheap"
    assert recommend_pathway(tx, index, "Target", [], Constraints(optimise="time"), today=TODAY).steps[0].item.id \
        == "quick"
    only_p2 = recommend_pathway(tx, index, "Target", [], Constraints(prefer_providers=("p2",)), today=TODAY)
    assert [s.item.id for s in only_p2.steps] == ["quick"]
    not_p2 = recommend_pathway(tx, index, "Target", [], Constraints(avoid_providers=("p2",)), today=TODAY)
    assert [s.item.id for s in not_p2.steps] == ["cheap"]
    free = recommend_pathway(tx, index, "Target", [], Constraints(free_only=True), today=TODAY)
    assert free.steps == [] and free.uncovered == ["S1", "S2"]


def test_each_step_says_why_it_beat_the_runner_up() -> None:
    creds = [cred("a", ["S1"], cost=30, hours=5), cred("b", ["S1"], cost=300, hours=50)]
    p = recommend_pathway(taxonomy_for({"S1": 1.0}), CatalogIndex(PROVIDERS, creds), "Target", [], Constraints(),
                          today=TODAY)
    step = p.steps[0]
    assert step.item.id == "a" and step.runner_up == "Cred b"
    why = why_text(step.why)
    assert "Covers S1" in why and "chosen over Cred b" in why and "cheaper" in why


def test_completed_credentials_count_as_skills_and_are_not_recommended_again() -> None:
    creds = [cred("a", ["S1"]), cred("b", ["S2"])]
    p = recommend_pathway(taxonomy_for({"S1": 1, "S2": 1}), CatalogIndex(PROVIDERS, creds), "Target", [],
                          Constraints(), completed=["a"], today=TODAY)
    assert [s.item.id for s in p.steps] == ["b"] and [g.skill for g in p.gap] == ["S2"]


def test_payload_matches_the_contract() -> None:
    creds = [cred("a", ["S1"], cost=None, pricing="subscription")]
    payload = pathway_payload(recommend_pathway(taxonomy_for({"S1": 1}), CatalogIndex(PROVIDERS, creds), "Target",
                                                ["S9"], Constraints(), today=TODAY))
    assert payload["type"] == "pathway" and payload["goal"] == "Target"
    assert set(payload) >= {"goal", "current_skills", "gap", "steps", "total_hours", "total_cost", "uncovered"}
    step = payload["steps"][0]
    assert set(step) >= {"id", "title", "provider", "url", "skills", "hours", "cost", "currency", "flags"}
    assert step["cost"] is None and step["provider"] == "One"


def test_a_pace_or_deadline_with_no_length_on_record_is_said_not_checked() -> None:
    tax = taxonomy_for({"S0": 1.0, "S1": 1.0})
    unknown = CatalogIndex(PROVIDERS, [cred("a", ["S0"], hours=None), cred("b", ["S1"], hours=None)])
    p = recommend_pathway(tax, unknown, "Target", [], Constraints(hours_per_week=5, deadline_weeks=12), today=TODAY)
    notes = [note_text(n) for n in p.notes if n.code == "pace_unknown"]
    assert notes == ["I can't check this against 5 hours a week and your 12-week deadline: none of these steps "
                     "states how long it takes, so ask each provider for its expected study time before you commit."]
    known = CatalogIndex(PROVIDERS, [cred("a", ["S0"], hours=10), cred("b", ["S1"], hours=10)])
    p = recommend_pathway(tax, known, "Target", [], Constraints(hours_per_week=5), today=TODAY)
    assert [n.code for n in p.notes if n.code.startswith("pace")] == ["pace"]
    assert not [n for n in recommend_pathway(tax, unknown, "Target", [], Constraints(), today=TODAY).notes
                if n.code.startswith("pace")]
