"""Flags on a credential whose recognition, quality, freshness, price or fit is weak.

A flag holds facts (what was found and the evidence), never sentences: the chat, the widget, Slack and a
counsellor's console word the same facts their own way (``catalog.advice.wording``).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from catalog.advice.eligibility import RequirementCheck
from catalog.catalogue.index import Freshness, IndexedCredential

STALE_AFTER_DAYS = 365
# A listing checked this much longer ago than the catalogue's median is flagged on its own.
OLDER_THAN_PEERS_DAYS = 180
# An absence (no accreditation, no recognition, no badge) is flagged only when at least this share of at
# least MIN_PEERS comparable credentials have the thing: a flag on everything tells the learner nothing.
PEER_SHARE = 0.5
MIN_PEERS = 3
MIN_RATING = 4.0
MIN_REVIEWS = 50
COST_OUTLIER_RATIO = 2.0
MIN_COST_PEERS = 3
OVERLAP_SHARE = 0.6
MAX_FOCUSED_STEPS = 4
FLAG_KINDS = ("recognition", "quality", "stale", "cost", "overlap", "eligibility")


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


def _peers_mostly_have(item: IndexedCredential, peers: Iterable[IndexedCredential] | None,
                       has: Callable[[IndexedCredential], bool]) -> dict[str, int] | None:
    """Evidence that most comparable credentials have what ``item`` lacks, or None. Without peers (a
    caller that passes none) the absence alone is the finding."""
    if peers is None:
        return {}
    others = [p for p in peers if p.id != item.id]
    with_it = sum(1 for p in others if has(p))
    if len(others) >= MIN_PEERS and with_it / len(others) >= PEER_SHARE:
        return {"peers_with": with_it, "peers": len(others)}
    return None


def _recognised(item: IndexedCredential) -> bool:
    return bool(item.record.recognized_by)


def _has_badge(item: IndexedCredential) -> bool:
    return item.record.badge not in (None, "none")


def _quality_assured(item: IndexedCredential) -> bool:
    return bool(item.record.quality_assurance or (item.provider and item.provider.accreditation))


def recognition_flag(item: IndexedCredential, industry: str | None,
                     peers: Iterable[IndexedCredential] | None = None) -> Flag | None:
    rec = item.record
    peers = list(peers) if peers is not None else None
    found = []
    if not rec.recognized_by:
        evidence = _peers_mostly_have(item, peers, _recognised)
        if evidence is not None:
            found.append(Finding("no_recognition", evidence))
    elif industry and rec.industries and industry not in rec.industries:
        found.append(Finding("other_industry", {"industries": list(rec.industries), "target": industry}))
    if not _has_badge(item):
        evidence = _peers_mostly_have(item, peers, _has_badge)
        if evidence is not None:
            found.append(Finding("no_badge", evidence))
    return _flag("recognition", found)


def quality_flag(item: IndexedCredential, peers: Iterable[IndexedCredential] | None = None) -> Flag | None:
    rec = item.record
    found = []
    if not _quality_assured(item):
        evidence = _peers_mostly_have(item, list(peers) if peers is not None else None, _quality_assured)
        if evidence is not None:
            found.append(Finding("no_quality_assurance", evidence))
    if rec.rating is not None and rec.rating < MIN_RATING:
        found.append(Finding("low_rating", {"rating": rec.rating, "minimum": MIN_RATING}))
    if rec.review_count is not None and rec.review_count < MIN_REVIEWS:
        found.append(Finding("few_reviews", {"reviews": rec.review_count}))
    if rec.assessment == "none":
        found.append(Finding("no_assessment"))
    return _flag("quality", found)


def stale_flag(item: IndexedCredential, today: dt.date, freshness: Freshness | None = None) -> Flag | None:
    """Only where this listing differs from the catalogue: never checked while most listings are, or
    checked well before the rest. Staleness of the whole catalogue is one note (``catalogue_note``)."""
    verified = item.record.last_verified
    if verified is None:
        if freshness is None or freshness.verified_share >= PEER_SHARE:
            share = {"verified_share": round(freshness.verified_share, 2)} if freshness else {}
            return Flag("stale", (Finding("never_verified", share),))
        return None
    if (today - verified).days > STALE_AFTER_DAYS:
        median = freshness.median_verified if freshness else None
        # Flagged unless the whole catalogue is as old (then the pathway's one note says so).
        if (median is None or (today - median).days <= STALE_AFTER_DAYS
                or (median - verified).days > OLDER_THAN_PEERS_DAYS):
            return Flag("stale", (Finding("verified_long_ago", {
                "verified": verified.isoformat(), "catalogue_median": median.isoformat() if median else None}),))
    return None


def eligibility_flag(checks: Iterable[RequirementCheck]) -> Flag | None:
    """Entry requirements the learner has not told us they meet (a degree, training hours): to check."""
    found = [Finding("requirement_to_check", {"statement": c.requirement.statement, "kind": c.requirement.kind,
                                              "source_url": c.requirement.source_url})
             for c in checks if c.status == "unknown"]
    return _flag("eligibility", found)


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
