"""The rules a counsellor checks a pathway by, each on a small hand-made catalogue: no step inside another,
no step the learner may not take, no off-target step, honest totals, and flags only where a step differs."""

from __future__ import annotations

import datetime as dt

from catalog.advice import wording
from catalog.advice.eligibility import LearnerBackground, check_requirements
from catalog.advice.payload import pathway_payload
from catalog.advice.recommender import Constraints, recommend_pathway
from catalog.advice.wording import pathway_text, totals_line
from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.records import CredentialRecord, ProviderRecord
from catalog.catalogue.taxonomy import Role, Skill, Taxonomy

TODAY = dt.date(2026, 12, 1)
PROVIDERS = [ProviderRecord(id="p1", name="One", kind="platform", subscription_monthly=40, subscription_currency="USD"),
             ProviderRecord(id="body", name="Body", kind="professional_body")]
SKILLS = ["Security", "Networks", "Audit", "Customer Service", "Telehealth", "Scheduling Systems", "Power BI",
          "Power Apps", "Power Automate", "DAX", "Helpdesk", "Hardware", "Linux"]


def cred(cid: str, skills: list[str], **kw) -> CredentialRecord:
    kw.setdefault("cost", 100)
    kw.setdefault("currency", "USD")
    kw.setdefault("hours", 10)
    return CredentialRecord(id=cid, title=f"Cred {cid}", provider=kw.pop("provider", "p1"),
                            type=kw.pop("type", "course_certificate"), skills=skills, **kw)


def taxonomy(*roles: Role) -> Taxonomy:
    return Taxonomy([Skill(s, category="service" if s == "Customer Service" else "") for s in SKILLS], list(roles))


SECURITY = Role("Security Analyst", "it", {"Security": 1.0, "Networks": 0.8, "Audit": 0.6})
PRIOR = Role("Network Admin", "it", {"Networks": 1.0}, target=False)


def test_a_pathway_never_holds_a_credential_with_one_it_contains() -> None:
    creds = [cred("cert", ["Security", "Networks"], cost=300, type="professional_certificate",
                  has_part=["course-1", "course-2"]),
             cred("course-1", ["Security"], cost=0, pricing="free"),
             cred("course-2", ["Audit"], cost=20)]
    p = recommend_pathway(taxonomy(SECURITY), CatalogIndex(PROVIDERS, creds), "Security Analyst", [], Constraints(),
                          today=TODAY)
    ids = [s.item.id for s in p.steps]
    assert ids == ["cert"] and p.uncovered == []  # the certificate teaches what its courses teach
    assert p.steps[0].way_in.id == "course-1"
    assert "start with its first part, Cred course-1" in pathway_text(pathway_payload(p))


def years_rule(**kw) -> dict:
    return {"kind": "experience", "years": 5, "roles": ["Network Admin"], "statement": "5 years in networking", **kw}


def test_an_ineligible_credential_is_a_later_goal_with_what_it_takes() -> None:
    creds = [cred("senior", ["Security", "Networks", "Audit"], cost=50, provider="body",
                  entry_requirements=[years_rule()]),
             cred("entry-a", ["Security", "Networks"], cost=200),
             cred("entry-b", ["Audit"], cost=150)]
    tx = taxonomy(SECURITY, PRIOR)
    index = CatalogIndex(PROVIDERS, creds)
    changer = recommend_pathway(tx, index, "Security Analyst", [], Constraints(), today=TODAY)
    assert "senior" not in [s.item.id for s in changer.steps]
    assert [g.item.id for g in changer.later_goals] == ["senior"]
    text = pathway_text(pathway_payload(changer))
    assert "Later goal: Cred senior" in text and "5 years in networking" in text
    two_years = LearnerBackground.from_profile(tx, ["Network Admin"], {"Network Admin": 2})
    p = recommend_pathway(tx, index, "Security Analyst", [], Constraints(), today=TODAY, background=two_years)
    assert "about 3 more" in pathway_text(pathway_payload(p))
    veteran = LearnerBackground.from_profile(tx, ["Network Admin"], {"Network Admin": 6})
    p = recommend_pathway(tx, index, "Security Analyst", [], Constraints(), today=TODAY, background=veteran)
    assert [s.item.id for s in p.steps] == ["senior"] and not p.later_goals


def test_a_credential_behind_a_licence_the_goal_does_not_hold_is_no_later_goal() -> None:
    """A future LPN is not shown the RN-only CCRN as "the natural next credential"; a future RN is."""
    rn_only = cred("rn-cert", ["Telehealth", "Scheduling Systems"], entry_requirements=[
        {"kind": "licence", "licence": "rn", "statement": "an RN licence"}])
    entry = cred("entry", ["Telehealth"])
    lpn = Role("Practical Nurse", "healthcare", {"Telehealth": 1.0, "Scheduling Systems": 0.5}, licences=("lpn",))
    rn = Role("Staff Nurse", "healthcare", {"Telehealth": 1.0, "Scheduling Systems": 0.5}, licences=("rn",))
    index = CatalogIndex(PROVIDERS, [rn_only, entry])
    future_lpn = recommend_pathway(taxonomy(lpn, rn), index, "Practical Nurse", [], Constraints(), today=TODAY)
    assert [s.item.id for s in future_lpn.steps] == ["entry"] and future_lpn.later_goals == []
    future_rn = recommend_pathway(taxonomy(lpn, rn), index, "Staff Nurse", [], Constraints(), today=TODAY)
    assert [g.item.id for g in future_rn.later_goals] == ["rn-cert"]


def test_what_the_learner_has_not_said_is_a_flag_to_check_not_an_exclusion() -> None:
    degree = {"kind": "degree", "degree": "bachelor", "statement": "a bachelor's degree"}
    creds = [cred("needs-degree", ["Security", "Networks", "Audit"], entry_requirements=[degree])]
    p = recommend_pathway(taxonomy(SECURITY), CatalogIndex(PROVIDERS, creds), "Security Analyst", [], Constraints(),
                          today=TODAY)
    assert [s.item.id for s in p.steps] == ["needs-degree"]
    assert [f.kind for f in p.steps[0].flags] == ["eligibility"]
    no_degree = LearnerBackground(degree="high_school")
    p = recommend_pathway(taxonomy(SECURITY), CatalogIndex(PROVIDERS, creds), "Security Analyst", [], Constraints(),
                          today=TODAY, background=no_degree)
    assert p.steps == [] and [g.item.id for g in p.later_goals] == ["needs-degree"]


def test_years_enough_only_with_a_waiver_are_unknown_and_a_licence_comes_with_the_job() -> None:
    nurse = Role("Nurse", "healthcare", {"Telehealth": 1.0}, target=False, licences=("rn",))
    tx = taxonomy(SECURITY, PRIOR, nurse)
    rec = cred("x", ["Security"], entry_requirements=[years_rule(years_with_waiver=3),
                                                      {"kind": "licence", "licence": "rn", "statement": "RN"}])
    four = LearnerBackground.from_profile(tx, ["Network Admin", "Nurse"], {"Network Admin": 4})
    assert [c.status for c in check_requirements(rec, four)] == ["unknown", "met"]
    two = LearnerBackground.from_profile(tx, ["Network Admin"], {"Network Admin": 2})
    assert [c.status for c in check_requirements(rec, two)] == ["unmet", "unmet"]


def test_a_generic_skill_is_not_bought_with_an_unrelated_credential() -> None:
    coordinator = Role("Telemedicine Coordinator", "healthcare",
                       {"Telehealth": 1.0, "Scheduling Systems": 0.7, "Customer Service": 0.6})
    creds = [cred("it-support", ["Helpdesk", "Hardware", "Linux", "Networks", "Customer Service"], cost=30,
                  industries=["it"]),
             cred("telehealth", ["Telehealth", "Scheduling Systems"], cost=200, industries=["healthcare"])]
    p = recommend_pathway(taxonomy(coordinator), CatalogIndex(PROVIDERS, creds), "Telemedicine Coordinator", [],
                          Constraints(), today=TODAY)
    assert [s.item.id for s in p.steps] == ["telehealth"]
    assert p.practice_skills == ["Customer Service"]


def test_a_credential_built_for_the_role_beats_a_cheaper_fundamentals_one() -> None:
    analyst = Role("Data Analyst", "it", {"Power BI": 1.0, "DAX": 0.3, "Security": 0.2})
    creds = [cred("fundamentals", ["Power BI", "Power Apps", "Power Automate"], cost=99, level="beginner"),
             cred("analyst-exam", ["Power BI", "DAX", "Power Apps", "Power Automate"], cost=165,
                  level="intermediate", roles=["Data Analyst"])]
    p = recommend_pathway(taxonomy(analyst), CatalogIndex(PROVIDERS, creds), "Data Analyst", ["Security"],
                          Constraints(), today=TODAY)
    assert [s.item.id for s in p.steps] == ["analyst-exam"]


def test_unknown_totals_are_null_and_said_as_not_stated() -> None:
    creds = [cred("a", ["Security", "Networks", "Audit"], cost=None, hours=None, pricing="exam_fee")]
    payload = pathway_payload(recommend_pathway(taxonomy(SECURITY), CatalogIndex(PROVIDERS, creds),
                                                "Security Analyst", [], Constraints(), today=TODAY))
    assert payload["total_hours"] is None and payload["total_cost"] is None
    assert payload["steps"][0]["cost"] is None and payload["steps"][0]["hours"] is None
    assert totals_line(payload) == "Total: hours not stated; prices not stated."


def test_totals_say_how_much_is_stated_and_how_much_estimated() -> None:
    creds = [cred("stated", ["Security"], cost=300, hours=40),
             cred("weeks", ["Networks"], cost=None, hours=None, weeks=4, pricing="subscription"),
             cred("unknown", ["Audit"], cost=None, hours=None, pricing="exam_fee")]
    payload = pathway_payload(recommend_pathway(taxonomy(SECURITY), CatalogIndex(PROVIDERS, creds),
                                                "Security Analyst", [], Constraints(), today=TODAY))
    assert payload["total_hours_stated"] == 40 and payload["total_hours_estimated"] == 20
    assert payload["total_cost_stated"] == 300 and payload["total_cost_estimated"] == 40  # one month at $40
    assert payload["total_hours"] is None and payload["total_cost"] is None  # a step is unknown: no total
    weeks = next(s for s in payload["steps"] if s["id"] == "weeks")
    assert weeks["hours_estimated"] and weeks["hours_basis"]["code"] == "from_weeks"
    assert weeks["cost_basis"] == {"code": "subscription_months", "months": 1, "monthly_usd": 40.0,
                                   "platform": "One", "weeks": 4.0}  # its own weeks: no assumed pace in it
    assert wording.basis_text(weeks["cost_basis"]) == (
        "estimate: 1 month (its stated 4 weeks) of One's $40/month subscription")
    assert totals_line(payload) == (
        "Total: about 60 hours (40 stated, 20 estimated) for 2 of the 3 steps (1 not stated); "
        "about $340 ($300 stated, $40 estimated) for 2 of the 3 steps (1 not stated).")
    whole = pathway_payload(recommend_pathway(taxonomy(SECURITY), CatalogIndex(PROVIDERS, creds[:2]),
                                              "Security Analyst", ["Audit"], Constraints(), today=TODAY))
    assert whole["total_hours"] == 60 and whole["total_cost"] == 340
    assert totals_line(whole) == "Total: about 60 hours (40 stated, 20 estimated); about $340 ($300 stated, $40 estimated)."


def test_staleness_of_the_whole_catalogue_is_one_note_and_a_step_is_flagged_only_when_it_differs() -> None:
    never = [cred(f"c{i}", ["Security", "Networks", "Audit"], cost=100 + i) for i in range(4)]
    p = recommend_pathway(taxonomy(SECURITY), CatalogIndex(PROVIDERS, never), "Security Analyst", [], Constraints(),
                          today=TODAY)
    assert not any(f.kind == "stale" for s in p.steps for f in s.flags)
    assert [n.code for n in p.notes].count("catalogue_unverified") == 1
    checked = [cred(f"c{i}", ["Networks"], last_verified=dt.date(2026, 10, 1)) for i in range(4)]
    old = cred("old", ["Security", "Audit"], last_verified=dt.date(2024, 1, 10))
    p = recommend_pathway(taxonomy(SECURITY), CatalogIndex(PROVIDERS, checked + [old]), "Security Analyst", [],
                          Constraints(), today=TODAY)
    stale = {s.item.id: [f.findings[0].facts for f in s.flags if f.kind == "stale"] for s in p.steps}
    assert stale["old"] == [{"verified": "2024-01-10", "catalogue_median": "2026-10-01"}]
    assert all(not v for k, v in stale.items() if k != "old")
    assert not any(n.code.startswith("catalogue_") for n in p.notes)


def test_an_absence_is_flagged_only_when_comparable_credentials_have_it() -> None:
    peers = [cred(f"peer{i}", ["Security"], cost=500, quality_assurance=["ANAB"]) for i in range(3)]
    lone = cred("lone", ["Security", "Networks", "Audit"], cost=50)
    p = recommend_pathway(taxonomy(SECURITY), CatalogIndex(PROVIDERS, peers + [lone]), "Security Analyst", [],
                          Constraints(), today=TODAY)
    [step] = p.steps
    quality = [f for f in step.flags if f.kind == "quality"]
    assert quality and quality[0].findings[0].facts == {"peers_with": 3, "peers": 3}
    alike = [cred(f"peer{i}", ["Security"], cost=500) for i in range(3)]
    p = recommend_pathway(taxonomy(SECURITY), CatalogIndex(PROVIDERS, alike + [lone]), "Security Analyst", [],
                          Constraints(), today=TODAY)
    assert not any(f.kind == "quality" for f in p.steps[0].flags)


def test_a_budget_in_another_currency_is_converted_by_the_dated_table_and_said() -> None:
    creds = [cred("a", ["Security", "Networks", "Audit"], cost=300)]
    index = CatalogIndex(PROVIDERS, creds)
    euros = recommend_pathway(taxonomy(SECURITY), index, "Security Analyst", [],
                              Constraints(budget=250, currency="EUR"), today=TODAY)
    [note] = [n for n in euros.notes if n.code == "currency_compared"]
    assert note.facts["as_of"] == "2026-11-01" and note.facts["budget_usd"] == 270
    assert euros.steps == []  # $300 is over about $270
    unknown = recommend_pathway(taxonomy(SECURITY), index, "Security Analyst", [],
                                Constraints(budget=250, currency="XYZ"), today=TODAY)
    assert [s.item.id for s in unknown.steps] == ["a"]  # no silent dollars: the budget isn't applied, and said
    assert any(n.code == "currency_unknown" for n in unknown.notes)


def test_a_whole_teaches_the_parts_of_its_parts() -> None:
    creds = [cred("w", ["Security"], cost=300, has_part=["mid"]), cred("mid", ["Networks"], has_part=["leaf"]),
             cred("leaf", ["Audit"], cost=0, pricing="free")]
    p = recommend_pathway(taxonomy(SECURITY), CatalogIndex(PROVIDERS, creds), "Security Analyst", [], Constraints(),
                          today=TODAY)
    assert [s.item.id for s in p.steps] == ["w"] and p.uncovered == []


def test_work_that_may_count_is_to_check_never_met() -> None:
    rule = years_rule(roles=[], roles_partly=["Network Admin"])
    rec = cred("x", ["Security"], entry_requirements=[rule])
    tx = taxonomy(SECURITY, PRIOR)
    six = LearnerBackground.from_profile(tx, ["Network Admin"], {"Network Admin": 6})
    two = LearnerBackground.from_profile(tx, ["Network Admin"], {"Network Admin": 2})
    assert [c.status for c in check_requirements(rec, six)] == ["unknown"]
    assert [c.status for c in check_requirements(rec, two)] == ["unmet"]


def test_a_price_without_a_known_currency_is_never_dollars_or_an_estimate() -> None:
    creds = [cred("chf", ["Security", "Networks", "Audit"], cost=500, currency="CHF"),
             cred("peer1", ["Security"], cost=100), cred("peer2", ["Security"], cost=100),
             cred("peer3", ["Security"], cost=100)]
    index = CatalogIndex(PROVIDERS, creds)
    item = index.get("chf")
    assert item.known_usd is None and item.cost is None  # stated, but not comparable: no estimate over it
    p = recommend_pathway(taxonomy(SECURITY), index, "Security Analyst", [], Constraints(), today=TODAY)
    payload = pathway_payload(p)
    step = next(s for s in payload["steps"] if s["id"] == "chf")
    assert step["cost"] == 500 and step["currency"] == "CHF" and step["cost_estimated_usd"] is None


def test_a_prep_course_is_the_way_into_its_exam_not_an_extra_step() -> None:
    creds = [cred("exam", ["Security", "Networks", "Audit"], cost=300, type="certification"),
             cred("prep", ["Security"], cost=15, is_preparation_for=["exam"]),
             cred("dear-prep", ["Security"], cost=90, is_preparation_for=["exam"])]
    p = recommend_pathway(taxonomy(SECURITY), CatalogIndex(PROVIDERS, creds), "Security Analyst", [], Constraints(),
                          today=TODAY)
    assert [s.item.id for s in p.steps] == ["exam"] and p.steps[0].way_in.id == "prep"
    payload = pathway_payload(p)
    assert payload["steps"][0]["way_in"]["relation"] == "preparation"
    assert "prepare with Cred prep" in pathway_text(payload)
