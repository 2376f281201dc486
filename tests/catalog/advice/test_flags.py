"""Each flag fires on a crafted record that deserves it, with a reason, and stays quiet otherwise."""

from __future__ import annotations

import datetime as dt

from catalog.advice.flags import (
    cost_flag,
    overlap_flag,
    quality_flag,
    recognition_flag,
    stale_flag,
    too_many_badges_flag,
)
from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.records import CredentialRecord, ProviderRecord

TODAY = dt.date(2026, 11, 28)
PROVIDERS = [ProviderRecord(id="plain", name="Plain", kind="platform"),
             ProviderRecord(id="accredited", name="Accredited", kind="university", accreditation=["QAA"])]
STRONG = dict(recognized_by=["Employers Consortium"], industries=["it"], badge="credly",
              quality_assurance=["ANAB"], rating=4.7, review_count=2000, assessment="proctored_exam",
              last_verified=dt.date(2026, 6, 1))


def item(**overrides):
    fields = {"id": "x", "title": "X", "provider": "plain", "type": "badge", "skills": ["A", "B"], "cost": 100,
              "currency": "USD", **STRONG, **overrides}
    return CatalogIndex(PROVIDERS, [CredentialRecord(**fields)]).get("x")


def test_a_strong_credential_raises_no_flags() -> None:
    x = item()
    assert recognition_flag(x, "it") is None
    assert quality_flag(x) is None
    assert stale_flag(x, TODAY) is None
    assert overlap_flag(x, set(), []) is None


def test_recognition_flags() -> None:
    assert "No employer or industry body" in recognition_flag(item(recognized_by=[]), "it").reason
    assert "not healthcare" in recognition_flag(item(), "healthcare").reason
    assert "verifiable digital badge" in recognition_flag(item(badge="none"), "it").reason


def test_quality_flags() -> None:
    assert "accreditation" in quality_flag(item(quality_assurance=[])).reason.lower()
    assert quality_flag(item(quality_assurance=[], provider="accredited")) is None
    assert "3.6/5" in quality_flag(item(rating=3.6)).reason
    assert "Only 12 reviews" in quality_flag(item(review_count=12)).reason
    assert "no assessment" in quality_flag(item(assessment="none")).reason.lower()


def test_stale_flags() -> None:
    assert "2025-01-01" in stale_flag(item(last_verified=dt.date(2025, 1, 1)), TODAY).reason
    assert "not been checked" in stale_flag(item(last_verified=None), TODAY).reason


def test_cost_flag_compares_with_peers_teaching_the_same_skills() -> None:
    index = CatalogIndex(PROVIDERS, [CredentialRecord(id=f"p{i}", title="P", provider="plain", type="badge",
                                                      skills=["A"], cost=c, currency="USD")
                                     for i, c in enumerate([80, 100, 120, 2000])])
    peers = index.teaching("A")
    assert "median" in cost_flag(index.get("p3"), peers).reason
    assert cost_flag(index.get("p1"), peers) is None


def test_overlap_flags() -> None:
    x = item(skills=["A", "B", "C"])
    assert "2 of its 3 skills" in overlap_flag(x, {"A", "B"}, []).reason
    assert overlap_flag(x, {"A"}, []) is None
    assert too_many_badges_flag(6).kind == "overlap" and too_many_badges_flag(3) is None
