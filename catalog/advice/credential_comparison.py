""""Security+ or CySA+, which do employers want?": two credentials side by side, from the catalogue's records.

A learner weighing two credentials needs the facts that differ (length, price, level, how it is assessed,
who recognises or accredits it, what it asks before you sit it) and, above all, which of the skills they
still need for their goal each one closes. The comparison states those and nothing else: no ranking of its
own, no "employers prefer" that the catalogue does not record. Where the goal decides (one closes more of
what the learner lacks), it says so, with the counts it rests on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from catalog.catalogue.estimates import Figure
from catalog.catalogue.index import CatalogIndex, IndexedCredential


@dataclass(frozen=True)
class CredentialFacts:
    id: str
    title: str
    provider: str
    type: str
    level: str | None
    hours: Figure | None
    weeks: float | None
    assessment: str | None
    recognized_by: tuple[str, ...]
    accreditation: tuple[str, ...]  # the credential's own quality assurance, else its provider's accreditation
    entry_requirements: tuple[str, ...]  # as published
    closes: tuple[str, ...]  # skills of the goal the learner lacks that it teaches, weightiest first
    teaches: tuple[str, ...]
    item: IndexedCredential = field(compare=False, repr=False)  # for its price as stated or estimated


@dataclass(frozen=True)
class CredentialComparison:
    facts: list[CredentialFacts]
    goal: str | None
    missing: int  # skills of the goal the learner still lacks (0 without a goal)
    closes_more: str | None  # the title that closes clearly more of them, when one does


def credential_facts(item: IndexedCredential, goal_skills: Mapping[str, float], held: set[str]) -> CredentialFacts:
    rec = item.record
    missing = {s: w for s, w in goal_skills.items() if s not in held}
    closes = sorted((s for s in item.skills if s in missing), key=lambda s: (-missing[s], s))
    accreditation = tuple(rec.quality_assurance) or tuple(item.provider.accreditation if item.provider else ())
    return CredentialFacts(
        id=item.id, title=rec.title, provider=item.provider_name, type=rec.type, level=rec.level,
        hours=item.hours, weeks=rec.weeks, assessment=rec.assessment, recognized_by=tuple(rec.recognized_by),
        accreditation=accreditation,
        entry_requirements=tuple(r.statement for r in rec.entry_requirements if r.statement),
        closes=tuple(closes), teaches=tuple(rec.skills), item=item)


def compare_credentials(index: CatalogIndex, ids: Iterable[str], goal: str | None = None,
                        goal_skills: Mapping[str, float] | None = None,
                        held: Iterable[str] = ()) -> CredentialComparison:
    """The named credentials (unknown ids left out, repeats once) with what each closes of the goal's gap.
    One "closes more" only by a clear margin: at least one more skill and at least half as many again,
    so that 3 against 2 decides and 5 against 4 does not."""
    goal_skills = dict(goal_skills or {})
    held_set = set(held)
    facts = [credential_facts(index.by_id[i], goal_skills, held_set)
             for i in dict.fromkeys(ids) if i in index.by_id]
    missing = sum(1 for s in goal_skills if s not in held_set)
    closes_more = None
    if goal_skills and len(facts) >= 2:
        ranked = sorted(facts, key=lambda f: -len(f.closes))
        best, runner = len(ranked[0].closes), len(ranked[1].closes)
        if best - runner >= 1 and best >= 1.5 * runner:
            closes_more = ranked[0].title
    return CredentialComparison(facts, goal, missing, closes_more)
