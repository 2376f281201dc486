""""Which is better, Coursera or edX?": what the catalogue records about each provider, side by side.

There is no honest ranking of providers in general (the same platform carries excellent and weak
credentials), so the answer compares what is on record: what kind of provider it is, how many of the
catalogue's credentials it offers and of which kinds, how it prices them, what accreditation and employer
recognition is recorded, and which of them fit the learner's goal. No figure here is invented: a count or
price comes from the catalogue, and an empty field is said to be empty.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from catalog.catalogue.index import CatalogIndex


@dataclass(frozen=True)
class ProviderFacts:
    id: str
    name: str
    kind: str
    country: str | None
    accreditation: tuple[str, ...]
    credentials: int
    types: tuple[tuple[str, int], ...]  # most common first
    pricing: tuple[tuple[str, int], ...]
    median_stated_usd: float | None  # of the credentials with a stated price in a currency we can convert
    subscription_monthly: float | None
    subscription_currency: str | None
    recognised_share: float  # share of its credentials with employer recognition on record
    for_goal: tuple[str, ...]  # titles of its credentials built for, or teaching, the learner's goal


def provider_facts(index: CatalogIndex, provider_id: str, goal_skills: Iterable[str] = (),
                   goal: str | None = None) -> ProviderFacts | None:
    provider = index.providers.get(provider_id)
    if provider is None:
        return None
    items = [c for c in index.by_id.values() if provider_id in c.delivered_by]
    prices = [c.known_usd for c in items if c.known_usd]
    wanted = set(goal_skills)
    fitting = sorted(items, key=lambda c: (-(goal in c.record.roles), -len(wanted & c.skills), c.record.title))
    for_goal = tuple(c.record.title for c in fitting if (goal and goal in c.record.roles) or wanted & c.skills)[:3]
    return ProviderFacts(
        id=provider.id, name=provider.name, kind=provider.kind, country=provider.country,
        accreditation=tuple(provider.accreditation), credentials=len(items),
        types=tuple(Counter(c.record.type for c in items).most_common()),
        pricing=tuple(Counter(c.record.pricing for c in items if c.record.pricing).most_common()),
        median_stated_usd=statistics.median(prices) if prices else None,
        subscription_monthly=provider.subscription_monthly, subscription_currency=provider.subscription_currency,
        recognised_share=sum(1 for c in items if c.record.recognized_by) / len(items) if items else 0.0,
        for_goal=for_goal,
    )


def compare_providers(index: CatalogIndex, provider_ids: Iterable[str], goal_skills: Iterable[str] = (),
                      goal: str | None = None) -> list[ProviderFacts]:
    skills = list(goal_skills)
    facts = [provider_facts(index, p, skills, goal) for p in dict.fromkeys(provider_ids)]
    return [f for f in facts if f is not None]
