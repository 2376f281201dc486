"""Flags that warn a learner where a credential's recognition, quality, freshness, price or fit is weak.

Each flag carries a reason written for the learner, because a bare "quality: low" helps nobody decide.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from catalog.catalogue.index import IndexedCredential
from catalog.catalogue.taxonomy import INDUSTRY_LABELS

STALE_AFTER_DAYS = 365
MIN_RATING = 4.0
MIN_REVIEWS = 50
COST_OUTLIER_RATIO = 2.0
MIN_COST_PEERS = 3
OVERLAP_SHARE = 0.6
MAX_FOCUSED_STEPS = 4
FLAG_KINDS = ("recognition", "quality", "stale", "cost", "overlap")


@dataclass(frozen=True)
class Flag:
    kind: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "reason": self.reason}


def recognition_flag(item: IndexedCredential, industry: str | None) -> Flag | None:
    rec = item.record
    reasons = []
    if not rec.recognized_by:
        reasons.append("no employer or industry body is on record as recognising it")
    elif industry and rec.industries and industry not in rec.industries:
        reasons.append(f"its recognition is in {', '.join(INDUSTRY_LABELS.get(i, i) for i in rec.industries)}, "
                       f"not {INDUSTRY_LABELS.get(industry, industry)}")
    if rec.badge in (None, "none"):
        reasons.append("it has no verifiable digital badge or certificate link")
    if not reasons:
        return None
    return Flag("recognition", _sentence(reasons))


def quality_flag(item: IndexedCredential) -> Flag | None:
    rec = item.record
    reasons = []
    provider_accredited = bool(item.provider and item.provider.accreditation)
    if not rec.quality_assurance and not provider_accredited:
        reasons.append("no accreditation or external quality assurance is on record")
    if rec.rating is not None and rec.rating < MIN_RATING:
        reasons.append(f"learners rate it {rec.rating:.1f}/5 (below {MIN_RATING:.1f})")
    if rec.review_count is not None and rec.review_count < MIN_REVIEWS:
        reasons.append(f"only {rec.review_count} reviews, too few to judge")
    if rec.assessment == "none":
        reasons.append("there is no assessment, so it shows attendance rather than skill")
    if not reasons:
        return None
    return Flag("quality", _sentence(reasons))


def stale_flag(item: IndexedCredential, today: dt.date) -> Flag | None:
    verified = item.record.last_verified
    if verified is None:
        return Flag("stale", "Its price and content have not been checked against the provider's page yet; "
                             "confirm them before you enrol.")
    age = (today - verified).days
    if age > STALE_AFTER_DAYS:
        return Flag("stale", f"Its details were last checked on {verified.isoformat()}, over a year ago; "
                             "confirm price and content before you enrol.")
    return None


def cost_flag(item: IndexedCredential, peers: Iterable[IndexedCredential]) -> Flag | None:
    if not item.known_usd:
        return None
    prices = [p.known_usd for p in peers if p.id != item.id and p.known_usd is not None]
    if len(prices) < MIN_COST_PEERS:
        return None
    median = statistics.median(prices)
    if median > 0 and item.known_usd > COST_OUTLIER_RATIO * median and item.known_usd - median > 50:
        return Flag("cost", f"At about ${item.known_usd:,.0f} it costs over {COST_OUTLIER_RATIO:.0f}x the "
                            f"${median:,.0f} median of {len(prices)} credentials teaching the same skills.")
    return None


def overlap_flag(item: IndexedCredential, known_skills: set[str], earlier: Iterable[IndexedCredential]) -> Flag | None:
    already = set(known_skills)
    for other in earlier:
        already |= other.skills
    repeated = item.skills & already
    if item.skills and len(repeated) / len(item.skills) >= OVERLAP_SHARE:
        return Flag("overlap", f"{len(repeated)} of its {len(item.skills)} skills are ones you have or get from "
                               f"an earlier step ({', '.join(sorted(repeated)[:4])}).")
    return None


def too_many_badges_flag(steps: int) -> Flag | None:
    if steps > MAX_FOCUSED_STEPS:
        return Flag("overlap", f"{steps} credentials is a lot for one goal: many badges can dilute a profile, "
                               "so finish the first ones and add the rest only if employers ask for them.")
    return None


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."
