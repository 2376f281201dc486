"""Flags on a credential whose recognition, quality, freshness, price or fit is weak.

A flag holds facts (what was found and the evidence), never sentences: the chat, the widget, Slack and a
counsellor's console word the same facts their own way (``catalog.advice.wording``).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from catalog.catalogue.index import IndexedCredential

STALE_AFTER_DAYS = 365
MIN_RATING = 4.0
MIN_REVIEWS = 50
COST_OUTLIER_RATIO = 2.0
MIN_COST_PEERS = 3
OVERLAP_SHARE = 0.6
MAX_FOCUSED_STEPS = 4
FLAG_KINDS = ("recognition", "quality", "stale", "cost", "overlap")


@dataclass(frozen=True)
class Finding:
    """One fact behind a flag: a code (``no_recognition``, ``low_rating``...) and its evidence."""

    code: str
    facts: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, **self.facts}


@dataclass(frozen=True)
class Flag:
    kind: str
    findings: tuple[Finding, ...]

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.findings]


def _flag(kind: str, findings: list[Finding]) -> Flag | None:
    return Flag(kind, tuple(findings)) if findings else None


def recognition_flag(item: IndexedCredential, industry: str | None) -> Flag | None:
    rec = item.record
    found = []
    if not rec.recognized_by:
        found.append(Finding("no_recognition"))
    elif industry and rec.industries and industry not in rec.industries:
        found.append(Finding("other_industry", {"industries": list(rec.industries), "target": industry}))
    if rec.badge in (None, "none"):
        found.append(Finding("no_badge"))
    return _flag("recognition", found)


def quality_flag(item: IndexedCredential) -> Flag | None:
    rec = item.record
    found = []
    provider_accredited = bool(item.provider and item.provider.accreditation)
    if not rec.quality_assurance and not provider_accredited:
        found.append(Finding("no_quality_assurance"))
    if rec.rating is not None and rec.rating < MIN_RATING:
        found.append(Finding("low_rating", {"rating": rec.rating, "minimum": MIN_RATING}))
    if rec.review_count is not None and rec.review_count < MIN_REVIEWS:
        found.append(Finding("few_reviews", {"reviews": rec.review_count}))
    if rec.assessment == "none":
        found.append(Finding("no_assessment"))
    return _flag("quality", found)


def stale_flag(item: IndexedCredential, today: dt.date) -> Flag | None:
    verified = item.record.last_verified
    if verified is None:
        return Flag("stale", (Finding("never_verified"),))
    if (today - verified).days > STALE_AFTER_DAYS:
        return Flag("stale", (Finding("verified_long_ago", {"verified": verified.isoformat()}),))
    return None


def cost_flag(item: IndexedCredential, peers: Iterable[IndexedCredential]) -> Flag | None:
    if not item.known_usd:
        return None
    prices = [p.known_usd for p in peers if p.id != item.id and p.known_usd is not None]
    if len(prices) < MIN_COST_PEERS:
        return None
    median = statistics.median(prices)
    if median > 0 and item.known_usd > COST_OUTLIER_RATIO * median and item.known_usd - median > 50:
        return Flag("cost", (Finding("cost_outlier", {"usd": item.known_usd, "ratio": COST_OUTLIER_RATIO,
                                                      "median_usd": median, "peers": len(prices)}),))
    return None


def over_budget_flag(total_usd: float, budget: float, currency: str) -> Flag:
    return Flag("cost", (Finding("over_budget", {"total_usd": total_usd, "budget": budget, "currency": currency}),))


def overlap_flag(item: IndexedCredential, known_skills: set[str], earlier: Iterable[IndexedCredential]) -> Flag | None:
    already = set(known_skills)
    for other in earlier:
        already |= other.skills
    repeated = item.skills & already
    if item.skills and len(repeated) / len(item.skills) >= OVERLAP_SHARE:
        return Flag("overlap", (Finding("repeats_skills", {"repeated": sorted(repeated),
                                                           "skills": len(item.skills)}),))
    return None


def too_many_badges_flag(steps: int) -> Flag | None:
    if steps > MAX_FOCUSED_STEPS:
        return Flag("overlap", (Finding("too_many_badges", {"steps": steps}),))
    return None
