"""Credentials named by their short names ("CWI", "SHRM-CP vs aPHR"), on a hand-made catalogue."""

from __future__ import annotations

from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.records import CredentialRecord, ProviderRecord
from catalog.reading.references import find_credential, named_credentials, short_names


def credential(cid: str, title: str) -> CredentialRecord:
    return CredentialRecord(id=cid, title=title, provider="body", type="certification", skills=["Welding"])


INDEX = CatalogIndex([ProviderRecord(id="body", name="Some Body", kind="professional_body")], [
    credential("cwi", "Certified Welding Inspector (CWI)"),
    credential("shrm-cp", "SHRM Certified Professional (SHRM-CP)"),
    credential("shrm-scp", "SHRM Senior Certified Professional (SHRM-SCP)"),
    credential("aphr", "Associate Professional in Human Resources (aPHR)"),
    credential("cfa", "CFA Program (Chartered Financial Analyst)"),
])


def test_bracketed_and_leading_acronyms_are_names() -> None:
    names = short_names(INDEX)
    assert names["cwi"] == "cwi" and names["aphr"] == "aphr" and names["cfa"] == "cfa"
    assert names["chartered financial analyst"] == "cfa"
    assert "shrm" not in names  # the leading word of two titles names neither


def test_a_question_naming_two_credentials_finds_both_in_order() -> None:
    found = named_credentials("SHRM-CP vs aPHR for someone new to HR?", INDEX)
    assert [c.id for c in found] == ["shrm-cp", "aphr"]


def test_a_short_name_inside_another_word_is_not_a_name() -> None:
    assert named_credentials("i use the cwis app", INDEX) == []
    assert [c.id for c in named_credentials("is the shrm-scp harder?", INDEX)] == ["shrm-scp"]


def test_find_credential_prefers_a_named_one_in_the_pathway() -> None:
    assert find_credential("CFA or CWI first?", INDEX, prefer_ids=["cwi"]).id == "cwi"
    assert find_credential("CFA or CWI first?", INDEX).id == "cfa"
