"""Credentials side by side: the facts on record, what each closes of the learner's goal, and a "closes more"
only by a clear margin; the words say what is missing rather than fill it in."""

from __future__ import annotations

from catalog.advice import wording
from catalog.advice.credential_comparison import compare_credentials
from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.records import CredentialRecord, EntryRequirement, ProviderRecord

GOAL = {"Network Security": 1.0, "Incident Response": 0.9, "SIEM": 0.8, "Threat Analysis": 0.7,
        "Computer Networking": 0.6}


def credential(cid: str, skills: list[str], **fields) -> CredentialRecord:
    return CredentialRecord(id=cid, title=cid.upper(), provider="body", type="certification", skills=skills,
                            **fields)


INDEX = CatalogIndex([ProviderRecord(id="body", name="A Body", kind="employer", accreditation=["ANSI"])], [
    credential("wide", ["Network Security", "Incident Response", "SIEM"], cost=400, currency="USD",
               recognized_by=["US DoD 8140"], assessment="proctored_exam"),
    credential("narrow", ["Computer Networking", "Threat Analysis"], hours=30,
               entry_requirements=[EntryRequirement(kind="experience", statement="Two years in IT.", years=2,
                                                       roles=["IT Support Specialist"])]),
    credential("equal", ["Network Security", "SIEM"]),
])


def test_what_each_closes_is_the_goals_missing_skills_it_teaches_weightiest_first() -> None:
    result = compare_credentials(INDEX, ["wide", "narrow", "missing-id", "wide"], "Security Analyst", GOAL,
                                 held={"Computer Networking"})
    assert [f.id for f in result.facts] == ["wide", "narrow"]
    assert result.facts[0].closes == ("Network Security", "Incident Response", "SIEM")
    assert result.facts[1].closes == ("Threat Analysis",)  # networking is held already
    assert result.missing == 4 and result.closes_more == "WIDE"
    assert result.facts[0].accreditation == ("ANSI",)  # the provider's, the credential states none


def test_closes_more_needs_a_clear_margin() -> None:
    assert compare_credentials(INDEX, ["wide", "equal"], "Security Analyst", GOAL).closes_more == "WIDE"  # 3 vs 2
    assert compare_credentials(INDEX, ["equal", "narrow"], "Security Analyst", GOAL).closes_more is None  # 2 vs 2
    assert compare_credentials(INDEX, ["wide", "narrow"]).closes_more is None  # no goal: nothing to close


def test_the_reply_states_the_records_and_says_what_is_not_on_record() -> None:
    text = wording.credential_comparison_text(
        compare_credentials(INDEX, ["wide", "narrow"], "Security Analyst", GOAL, held=set()))
    header, wide, narrow, verdict, advice = text.splitlines()
    assert "(A Body, certification exam; length not stated; $400; assessed by proctored exam)" in wide
    assert "Employer recognition on record: US DoD 8140." in wide and "Quality assurance: ANSI." in wide
    assert "about 30 hours" in narrow and "No employer recognition on record." in narrow
    assert "Entry requirements: Two years in IT." in narrow
    assert verdict == ("For your goal, WIDE closes clearly more of what you still need (3 against 2 of your 5 "
                       "missing skills).")
    assert "job ads" in advice


def test_without_a_goal_the_reply_lists_what_each_teaches_and_asks_for_the_goal() -> None:
    text = wording.credential_comparison_text(compare_credentials(INDEX, ["wide", "equal"]))
    assert "Teaches Network Security, Incident Response and SIEM." in text
    assert "Tell me the role you're aiming for" in text


def test_when_neither_closes_anything_the_reply_says_so() -> None:
    text = wording.credential_comparison_text(
        compare_credentials(INDEX, ["wide", "equal"], "Security Analyst", GOAL,
                            held={"Network Security", "Incident Response", "SIEM"}))
    assert "Neither closes a skill you still need for Security Analyst" in text
    assert "about as much" not in text
