"""In-memory index of the catalogue, keyed by skill, for recommendations in milliseconds.

The store is the source of truth; the index is rebuilt from it when the catalogue changes. Each skill's
list is sorted once by a static "value for effort" so the recommender only looks at the head of the lists
for the skills in the gap and never scans the catalogue.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from catalog.catalogue.records import CredentialRecord, ProviderRecord

# Approximate rates used only to compare prices across currencies and to check a budget; replies show each
# price in its own currency. Reviewed 2026-11; a few percent of drift does not change a ranking.
USD_PER_UNIT = {"USD": 1.0, "GBP": 1.27, "EUR": 1.08, "AUD": 0.66, "CAD": 0.73, "INR": 0.012, "SGD": 0.74}
DEFAULT_HOURS_PER_WEEK_OF_COURSE = 5.0


def to_usd(amount: float | None, currency: str | None) -> float | None:
    if amount is None:
        return None
    return amount * USD_PER_UNIT.get((currency or "USD").upper(), 1.0)


def is_free(rec: CredentialRecord) -> bool:
    return rec.pricing == "free" or (rec.cost == 0 and rec.pricing != "subscription")


@dataclass(frozen=True, eq=False)  # identity equality: comparing records field by field is slow
class IndexedCredential:
    """A credential with the derived numbers the recommender ranks by."""

    record: CredentialRecord
    provider: ProviderRecord | None
    skills: frozenset[str]
    known_usd: float | None  # the stated price in USD, None when unknown
    est_usd: float  # known price, or the median of its type when unknown (for ranking only)
    est_hours: float
    quality_penalty: float  # 0 = excellent evidence of quality and recognition; higher is weaker
    id: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", self.record.id)

    @property
    def provider_name(self) -> str:
        return self.provider.name if self.provider else self.record.provider

    @property
    def delivered_by(self) -> set[str]:
        return {self.record.provider, self.record.platform} - {None}

    def effort_cost(self, money_weight: float = 1.0, time_weight: float = 1.0) -> float:
        """What a step costs the learner in one unit: $100 or 20 hours weigh the same, weak quality adds."""
        base = money_weight * self.est_usd / 100.0 + time_weight * self.est_hours / 20.0 + 0.5
        return base * (1.0 + self.quality_penalty)


def quality_penalty(rec: CredentialRecord, provider: ProviderRecord | None) -> float:
    penalty = 0.0
    if not rec.quality_assurance and not (provider and provider.accreditation):
        penalty += 0.25
    if not rec.recognized_by:
        penalty += 0.2
    if rec.rating is not None and rec.rating < 4.0:
        penalty += 0.3
    if rec.review_count is not None and rec.review_count < 50:
        penalty += 0.1
    if rec.assessment == "none":
        penalty += 0.3
    if rec.badge in (None, "none"):
        penalty += 0.05
    return penalty


class CatalogIndex:
    def __init__(self, providers: Iterable[ProviderRecord], credentials: Iterable[CredentialRecord]) -> None:
        self.providers: dict[str, ProviderRecord] = {p.id: p for p in providers}
        records = list(credentials)
        medians = self._median_prices(records)
        self.by_id: dict[str, IndexedCredential] = {}
        by_skill: dict[str, list[IndexedCredential]] = defaultdict(list)
        for rec in records:
            provider = self.providers.get(rec.provider)
            known = 0.0 if is_free(rec) else to_usd(rec.cost, rec.currency)
            hours = rec.hours if rec.hours is not None else (
                rec.weeks * DEFAULT_HOURS_PER_WEEK_OF_COURSE if rec.weeks is not None else 20.0)
            item = IndexedCredential(
                record=rec,
                provider=provider,
                skills=frozenset(rec.skills),
                known_usd=known,
                est_usd=known if known is not None else medians.get(rec.type, medians.get("*", 100.0)),
                est_hours=float(hours),
                quality_penalty=quality_penalty(rec, provider),
            )
            self.by_id[rec.id] = item
            for skill in item.skills:
                by_skill[skill].append(item)
        # Value per unit of effort: covering more skills for less effort first.
        self.by_skill: dict[str, list[IndexedCredential]] = {
            skill: sorted(items, key=lambda c: (c.effort_cost() / len(c.skills), c.id))
            for skill, items in by_skill.items()
        }
        self.stacked_by: dict[str, list[str]] = defaultdict(list)
        self.leads_to: dict[str, list[str]] = defaultdict(list)  # prerequisite id -> credentials needing it
        for rec in records:
            for parent in rec.stacks_into:
                self.stacked_by[parent].append(rec.id)
            for pre in rec.prerequisites:
                self.leads_to[pre].append(rec.id)

    @staticmethod
    def _median_prices(records: list[CredentialRecord]) -> dict[str, float]:
        by_type: dict[str, list[float]] = defaultdict(list)
        for rec in records:
            usd = to_usd(rec.cost, rec.currency)
            if usd is not None and usd > 0:
                by_type[rec.type].append(usd)
                by_type["*"].append(usd)
        return {t: statistics.median(v) for t, v in by_type.items()}

    def __len__(self) -> int:
        return len(self.by_id)

    def get(self, credential_id: str) -> IndexedCredential | None:
        return self.by_id.get(credential_id)

    def teaching(self, skill: str) -> list[IndexedCredential]:
        return self.by_skill.get(skill, [])

    def provider_id_for(self, text: str) -> str | None:
        """Provider id for a name or id as a person writes it ("coursera", "LinkedIn Learning")."""
        key = text.strip().lower()
        for p in self.providers.values():
            if key in (p.id.lower(), p.name.lower()):
                return p.id
        return None
