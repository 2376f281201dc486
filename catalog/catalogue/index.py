"""In-memory index of the catalogue, keyed by skill, for recommendations in milliseconds.

The store is the source of truth; the index is rebuilt from it when the catalogue changes. Each skill's
list is sorted once by a static "value for effort" so the recommender only looks at the head of the lists
for the skills in the gap and never scans the catalogue.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from catalog.catalogue.estimates import Figure, FigureEstimator
from catalog.catalogue.money import is_free, to_usd
from catalog.catalogue.records import CredentialRecord, ProviderRecord


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
    hours: Figure | None = None  # what replies show: stated, or an estimate with its basis, or unknown
    cost: Figure | None = None  # in USD, likewise
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


@dataclass(frozen=True)
class Freshness:
    """How recently the catalogue's listings were checked against their providers' pages, as a whole:
    a listing is only worth a flag of its own when it differs from the rest."""

    listings: int
    verified: int
    median_verified: dt.date | None

    @property
    def verified_share(self) -> float:
        return self.verified / self.listings if self.listings else 0.0

    @classmethod
    def of(cls, records: Iterable[CredentialRecord]) -> Freshness:
        records = list(records)
        dates = sorted(r.last_verified for r in records if r.last_verified is not None)
        return cls(len(records), len(dates), dates[len(dates) // 2] if dates else None)


class CatalogIndex:
    def __init__(self, providers: Iterable[ProviderRecord], credentials: Iterable[CredentialRecord]) -> None:
        self.providers: dict[str, ProviderRecord] = {p.id: p for p in providers}
        records = list(credentials)
        medians = self._median_prices(records)
        estimator = FigureEstimator(records, self.providers)
        self._relations(records)
        self.freshness = Freshness.of(records)
        by_id_record = {r.id: r for r in records}
        self.by_id: dict[str, IndexedCredential] = {}
        by_skill: dict[str, list[IndexedCredential]] = defaultdict(list)
        for rec in records:
            provider = self.providers.get(rec.provider)
            known = 0.0 if is_free(rec) else to_usd(rec.cost, rec.currency)
            hours_figure = estimator.hours(rec)
            cost_figure = estimator.cost_usd(rec, hours_figure)
            hours = estimator.ranking_hours(rec, hours_figure)  # ranking needs a number for every credential
            # Taking the whole teaches everything its parts teach, whatever the listing itself names.
            skills = set(rec.skills)
            for part in self.all_parts(rec.id):
                if part in by_id_record:
                    skills |= set(by_id_record[part].skills)
            item = IndexedCredential(
                record=rec,
                provider=provider,
                skills=frozenset(skills),
                known_usd=known,
                est_usd=known if known is not None else (cost_figure.value if cost_figure else
                                                         medians.get(rec.type, medians.get("*", 100.0))),
                est_hours=float(hours),
                quality_penalty=quality_penalty(rec, provider),
                hours=hours_figure,
                cost=cost_figure,
            )
            self.by_id[rec.id] = item
            for skill in item.skills:
                by_skill[skill].append(item)
        # Value per unit of effort: covering more skills for less effort first.
        self.by_skill: dict[str, list[IndexedCredential]] = {
            skill: sorted(items, key=lambda c: (c.effort_cost() / len(c.skills), c.id))
            for skill, items in by_skill.items()
        }
        self.leads_to: dict[str, list[str]] = defaultdict(list)  # prerequisite id -> credentials needing it
        for rec in records:
            for pre in rec.prerequisites:
                self.leads_to[pre].append(rec.id)

    def _relations(self, records: list[CredentialRecord]) -> None:
        """CTDL ``hasPart``/``isPartOf`` read from either side, as ordered lists of ids in both directions;
        a parent's own ``has_part`` order (the order of its courses) comes first."""
        self.parts: dict[str, list[str]] = defaultdict(list)  # whole -> its parts
        self.containers: dict[str, list[str]] = defaultdict(list)  # part -> the wholes that contain it
        pairs = [(rec.id, part) for rec in records for part in rec.has_part]
        pairs += [(whole, rec.id) for rec in records for whole in rec.is_part_of]
        for whole, part in pairs:
            if part not in self.parts[whole]:
                self.parts[whole].append(part)
            if whole not in self.containers[part]:
                self.containers[part].append(whole)
        self.prepared_by: dict[str, list[str]] = defaultdict(list)  # exam -> courses that prepare for it
        for rec in records:
            for target in rec.is_preparation_for:
                self.prepared_by[target].append(rec.id)

    def all_parts(self, whole: str) -> set[str]:
        """Every credential ``whole`` holds, directly or through a part of a part (a cycle in the data ends
        the walk rather than looping)."""
        seen: set[str] = set()
        todo = list(self.parts.get(whole, ()))
        while todo:
            current = todo.pop()
            if current not in seen and current != whole:
                seen.add(current)
                todo += self.parts.get(current, ())
        return seen

    def contains(self, whole: str, part: str) -> bool:
        return part in self.all_parts(whole)

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
