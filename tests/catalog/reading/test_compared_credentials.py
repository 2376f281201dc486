"""The credentials a comparison names ("Security+ or CySA+?", "the Google UX cert vs the IDF"), found by the
words of their titles on a hand-made catalogue; a phrase that fits two titles, or only a provider, names none."""

from __future__ import annotations

import pytest

from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.records import CredentialRecord, ProviderRecord
from catalog.reading.references import compared_credentials, comparison_sides, credential_in_phrase


def credential(cid: str, title: str, provider: str = "comptia") -> CredentialRecord:
    return CredentialRecord(id=cid, title=title, provider=provider, type="certification", skills=["Networking"])


INDEX = CatalogIndex(
    [ProviderRecord(id="comptia", name="CompTIA", kind="employer"),
     ProviderRecord(id="google", name="Google", kind="employer"),
     ProviderRecord(id="idf", name="Interaction Design Foundation", kind="platform"),
     ProviderRecord(id="pmi", name="Project Management Institute", kind="professional_body")],
    [credential("sec", "CompTIA Security+"), credential("cysa", "CompTIA CySA+"), credential("a", "CompTIA A+"),
     credential("net", "CompTIA Network+"),
     credential("g-pm", "Google Project Management: Professional Certificate", "google"),
     credential("g-it", "Google IT Support Professional Certificate", "google"),
     credential("g-cloud-arch", "Google Cloud Certified - Professional Cloud Architect", "google"),
     credential("g-cloud-eng", "Google Cloud Certified - Associate Cloud Engineer", "google"),
     credential("idf-ux", "User Experience: The Beginner's Guide", "idf"),
     credential("ix", "Interaction Design Specialization", "idf"),
     credential("capm", "Certified Associate in Project Management (CAPM)", "pmi"),
     credential("pmp", "Project Management Professional (PMP)", "pmi")])


@pytest.mark.parametrize(("text", "expected"), [
    ("security+ or cysa+, which one do employers want?", ["sec", "cysa"]),
    ("is the google project management certificate better than the capm", ["g-pm", "capm"]),
    ("what's the difference between the CAPM and the PMP", ["capm", "pmp"]),
    ("comptia a+ vs google it support", ["a", "g-it"]),
    ("Network+ compared to Security+ for a help desk job?", ["net", "sec"]),
    ("Security+ vs. CySA+?", ["sec", "cysa"]),
    ("security+ v cysa+", ["sec", "cysa"]),
    ("Network+/Security+", ["net", "sec"]),
    ("I have the CompTIA A+, should I do Security+ or CySA+?", ["sec", "cysa"]),  # the held one is not weighed
    ("google cloud engineer vs google professional cloud architect", ["g-cloud-eng", "g-cloud-arch"]),
])
def test_both_sides_of_a_comparison_are_found_in_the_order_named(text: str, expected: list[str]) -> None:
    assert [c.id for c in compared_credentials(text, INDEX)] == expected


def test_a_phrase_is_the_title_most_of_whose_words_it_says() -> None:
    assert credential_in_phrase("google professional cloud architect", INDEX).id == "g-cloud-arch"
    assert credential_in_phrase("the google cloud engineer exam", INDEX).id == "g-cloud-eng"


@pytest.mark.parametrize("phrase", [
    "interaction design foundation",  # a provider, not one of its credentials
    "coursera",  # not in this catalogue at all
    "google cloud",  # both Google Cloud titles equally
    "which one do recruiters ask for",
    "project management",  # a field: its words are a skill's, whatever share of a title they are
    "user experience",
])
def test_a_phrase_that_names_no_single_credential_names_none(phrase: str) -> None:
    assert credential_in_phrase(phrase, INDEX) is None


def test_and_joins_the_sides_only_in_a_comparison() -> None:
    assert comparison_sides("the difference between security+ and cysa+") == ["the difference between security+",
                                                                              "cysa+"]
    assert comparison_sides("i know security+ and networking") == []
    assert compared_credentials("I have Security+ and I want CySA+", INDEX) == []


def test_a_message_without_a_comparison_compares_nothing() -> None:
    assert comparison_sides("I want to get the Security+") == []
    assert compared_credentials("tell me about the Security+", INDEX) == []
