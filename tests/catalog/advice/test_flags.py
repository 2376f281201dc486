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
from catalog.advice.wording import flag_reason
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
    assert "No employer or industry body" in flag_reason(recognition_flag(item(recognized_by=[]), "it"))
    assert "not healthcare" in flag_reason(recognition_flag(item(), "healthcare"))
    assert "verifiable digital badge" in flag_reason(recognition_flag(item(badge="none"), "it"))


def test_quality_flags() -> None:
    assert "accreditation" in flag_reason(quality_flag(item(quality_assurance=[]))).lower()
    assert quality_flag(item(quality_assurance=[], provider="accredited")) is None
    assert "3.6/5" in flag_reason(quality_flag(item(rating=3.6)))
    assert "Only 12 reviews" in flag_reason(quality_flag(item(review_count=12)))
    assert "no assessment" in flag_reason(quality_flag(item(assessment="none"))).lower()


def test_stale_flags() -> None:
    assert "2025-01-01" in flag_reason(stale_flag(item(last_verified=dt.date(2025, 1, 1)), TODAY))
    assert "not been checked" in flag_reason(stale_flag(item(last_verified=None), TODAY))


def test_cost_flag_compares_with_peers_teaching_the_same_skills() -> None:
    index = CatalogIndex(PROVIDERS, [CredentialRecord(id=f"p{i}", title="P", provider="plain", type="badge",
                                                      skills=["A"], cost=c, currency="USD")
                                     for i, c in enumerate([80, 100, 120, 2000])])
    peers = index.teaching("A")
    assert "median" in flag_reason(cost_flag(index.get("p3"), peers))
    assert cost_flag(index.get("p1"), peers) is None


def test_overlap_flags() -> None:
    x = item(skills=["A", "B", "C"])
    assert "2 of its 3 skills" in flag_reason(overlap_flag(x, {"A", "B"}, []))
    assert overlap_flag(x, {"A"}, []) is None
    assert too_many_badges_flag(6).kind == "overlap" and too_many_badges_flag(3) is None
