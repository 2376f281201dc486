"""How long a credential takes and what it costs: the stated figure, or an estimate labelled with its basis.

Providers state hours for few credentials and prices for fewer, so a pathway built only on stated
figures reads "not stated" for most steps and a learner's hours a week change nothing. An estimate is
allowed where something real supports it (the credential's own stated weeks, the stated figures of
credentials of the same type and level, the platform's stated subscription price), and it always
travels with its basis so that no reply shows a guess as a fact. Where nothing supports one, the
figure stays unknown.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from catalog.catalogue.money import is_free, to_usd
from catalog.catalogue.records import CredentialRecord, ProviderRecord

# The pace that turns a stated number of weeks into hours, and hours into months of a subscription, when
# the provider gives no pace of its own: the median pace of the catalogue's credentials that state both
# their hours and their weeks (at least MIN_PEERS of them), else this fixed assumption. Either way the
# figures built on it are estimates and say so. Each listing's own pace matters: a programme stating "six
# months at 10 hours a week" must not look twice as long as one stating "six months" read at a slower
# pace that nobody stated.
ASSUMED_HOURS_PER_WEEK = 5.0
WEEKS_PER_MONTH = 52 / 12
# An estimate from similar credentials needs this many stated figures to stand on, stated by at least
# MIN_PEER_PROVIDERS providers (one provider's figures describe its own design, not the type's: five
# freeCodeCamp certifications at 300 h say nothing of another provider's intermediate course), and peers
# that agree: an upper quartile at most MAX_PEER_SPREAD times the lower (a median between 18 h and 300 h
# courses would put 130 h on a four-week course). Where peers fail these, the figure stays unknown.
MIN_PEERS = 3
MIN_PEER_PROVIDERS = 2
MAX_PEER_SPREAD = 3.0
# What a credential counts as in ranking when nothing in the catalogue states any length to compare with.
UNKNOWN_RANKING_HOURS = 20.0


@dataclass(frozen=True)
class Basis:
    """Where a figure comes from: ``stated`` or an estimate's code with the facts it rests on."""

    code: str  # stated | free | from_weeks | similar_median | subscription_months
    facts: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, **self.facts}


@dataclass(frozen=True)
class Figure:
    value: float
    basis: Basis

    @property
    def stated(self) -> bool:
        return self.basis.code in ("stated", "free")


class FigureEstimator:
    """Medians of the stated figures of a catalogue, and the estimate for each credential from them."""

    def __init__(self, records: Iterable[CredentialRecord], providers: dict[str, ProviderRecord]) -> None:
        self.providers = providers
        records = list(records)
        self.pace, self.pace_peers, self.pace_providers = stated_pace(records)
        hours: dict[tuple[str, ...], list[tuple[float, str]]] = defaultdict(list)  # (figure, provider)
        prices: dict[tuple[str, ...], list[tuple[float, str]]] = defaultdict(list)
        lengths: dict[tuple[str, ...], list[float]] = defaultdict(list)  # stated hours, or stated weeks at the pace
        for rec in records:
            if rec.hours is not None:
                hours[(rec.type, rec.level or "")].append((rec.hours, rec.provider))
                hours[(rec.type,)].append((rec.hours, rec.provider))
            length = rec.hours if rec.hours is not None else (
                rec.weeks * self.pace if rec.weeks is not None else None)
            if length is not None:
                for key in (("type", rec.type), ("level", rec.level or ""), ()):
                    lengths[key].append(length)
            usd = to_usd(rec.cost, rec.currency)
            if usd is not None and usd > 0 and rec.pricing != "subscription":
                prices[(rec.type, rec.pricing or "", "provider", rec.provider)].append((usd, rec.provider))
                prices[(rec.type, rec.pricing or "", "level", rec.level or "")].append((usd, rec.provider))
                prices[(rec.type, rec.pricing or "")].append((usd, rec.provider))
        self._hours = {k: (statistics.median(f for f, _ in v), len(v)) for k, v in hours.items() if peers_agree(v)}
        self._prices = {k: (statistics.median(f for f, _ in v), len(v)) for k, v in prices.items()
                        if peers_agree(v, one_provider=k[2:3] == ("provider",))}
        self._lengths = {k: statistics.median(v) for k, v in lengths.items() if len(v) >= MIN_PEERS}

    def ranking_hours(self, rec: CredentialRecord, figure: Figure | None) -> float:
        """The hours a credential counts as when steps are compared: its own figure, else the typical length
        of credentials of its type, else of its level, else of the catalogue. Used for ranking only, never
        shown. Counting an unknown length as a short one would put every programme that states its length
        (six months at ten hours a week) behind the ones that state nothing."""
        if figure is not None:
            return figure.value
        for key in (("type", rec.type), ("level", rec.level or ""), ()):
            if key in self._lengths:
                return round(self._lengths[key], 1)
        return UNKNOWN_RANKING_HOURS

    def hours(self, rec: CredentialRecord) -> Figure | None:
        if rec.hours is not None:
            return Figure(rec.hours, Basis("stated"))
        if rec.weeks is not None:
            return Figure(round(rec.weeks * self.pace, 1),
                          Basis("from_weeks", {"weeks": rec.weeks, **self._pace_facts()}))
        for key in ((rec.type, rec.level or ""), (rec.type,)):
            if key in self._hours:
                median, n = self._hours[key]
                level = rec.level if len(key) == 2 and rec.level else None
                return Figure(round(median, 1), Basis("similar_median", {"type": rec.type, "level": level,
                                                                         "peers": n}))
        return None

    def cost_usd(self, rec: CredentialRecord, hours: Figure | None) -> Figure | None:
        if is_free(rec):
            return Figure(0.0, Basis("free"))
        stated = to_usd(rec.cost, rec.currency)
        if stated is not None:
            return Figure(round(stated, 2), Basis("stated"))
        if rec.cost is not None:
            return None  # stated, but not comparable in dollars (no currency or no rate): never estimated over
        if rec.pricing == "subscription":
            return self._subscription(rec, hours)
        # The closest comparison first: the same provider's, then the same level's, then the type's.
        for key in ((rec.type, rec.pricing or "", "provider", rec.provider),
                    (rec.type, rec.pricing or "", "level", rec.level or ""), (rec.type, rec.pricing or "")):
            if key in self._prices:
                median, n = self._prices[key]
                provider = self.providers.get(rec.provider) if key[2:3] == ("provider",) else None
                return Figure(round(median, 2), Basis("similar_median", {
                    "type": rec.type, "pricing": rec.pricing, "peers": n,
                    "level": rec.level if key[2:3] == ("level",) and rec.level else None,
                    "provider": provider.name if provider else None}))
        return None

    def _subscription(self, rec: CredentialRecord, hours: Figure | None) -> Figure | None:
        """Months at the assumed pace times the platform's stated monthly price."""
        platform = self.providers.get(rec.platform or rec.provider)
        monthly = to_usd(platform.subscription_monthly, platform.subscription_currency) if platform else None
        if monthly is None:
            return None
        # The provider's own weeks when it states them (its pace is in them), else the hours at the pace.
        weeks = rec.weeks if rec.weeks is not None else (hours.value / self.pace if hours else None)
        if weeks is None:
            return None
        months = max(1, math.ceil(weeks / WEEKS_PER_MONTH))
        facts = {"months": months, "monthly_usd": round(monthly, 2), "platform": platform.name}
        facts.update({"weeks": rec.weeks} if rec.weeks is not None else self._pace_facts())
        return Figure(round(months * monthly, 2), Basis("subscription_months", facts))

    def _pace_facts(self) -> dict[str, float | int]:
        """The pace an estimate assumes, and how many listings it is the median of (when it is theirs)."""
        if not self.pace_peers:
            return {"hours_per_week": self.pace}
        return {"hours_per_week": self.pace, "pace_peers": self.pace_peers, "pace_providers": self.pace_providers}


def peers_agree(peers: list[tuple[float, str]], one_provider: bool = False) -> bool:
    """Can these stated figures (with their providers) stand for a credential that states none? Enough of
    them, from enough providers (unless they are meant to be one provider's), close enough together."""
    if len(peers) < MIN_PEERS or (not one_provider and len({p for _, p in peers}) < MIN_PEER_PROVIDERS):
        return False
    lower, _, upper = statistics.quantiles(sorted(f for f, _ in peers), n=4, method="inclusive")
    return upper <= MAX_PEER_SPREAD * lower


def stated_pace(records: Iterable[CredentialRecord]) -> tuple[float, int, int]:
    """(hours a week, how many credentials it is the median of, how many providers state them): the pace of
    the credentials that state both hours and weeks, from at least MIN_PEERS of them and MIN_PEER_PROVIDERS
    providers, or (ASSUMED_HOURS_PER_WEEK, 0, 0). The providers are counted so the reply can say how broad
    the evidence is (most such listings may be one provider's)."""
    paces = [(rec.hours / rec.weeks, rec.provider) for rec in records if rec.hours and rec.weeks]
    providers = len({p for _, p in paces})
    if len(paces) < MIN_PEERS or providers < MIN_PEER_PROVIDERS:
        return ASSUMED_HOURS_PER_WEEK, 0, 0
    return round(statistics.median(p for p, _ in paces), 1), len(paces), providers
