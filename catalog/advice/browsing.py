"""Catalogue search for "show me cybersecurity certifications under $400" and "any free healthcare badges?".

A learner browsing is asking about the catalogue, not telling us about themselves, so the search is built
from the message alone and never touches the profile. The topic is what the message names: skills (a
credential that teaches them), a job (credentials built for it, else ones teaching its core skills) or an
industry; the kind of credential, a price ceiling, "free" and providers filter. Results are ranked by how much of
the topic they cover, then by stated price and quality evidence, and carry their flags like pathway steps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from catalog.advice.flags import Flag, quality_flag, recognition_flag
from catalog.catalogue.index import CatalogIndex, IndexedCredential
from catalog.catalogue.money import to_usd
from catalog.catalogue.taxonomy import Taxonomy
from catalog.reading.industry_context import industry_context_for
from catalog.reading.word_forms import singular

# The words people use for a kind of credential -> the catalogue's types.
KIND_WORDS: dict[str, set[str]] = {
    "certification": {"certification"}, "cert": {"certification"}, "exam": {"certification"},
    "certificate": {"professional_certificate", "course_certificate", "specialization", "certification"},
    "badge": {"badge"}, "course": {"course_certificate", "specialization"},
    "specialization": {"specialization"}, "specialisation": {"specialization"},
    "micromasters": {"micromasters"}, "nanodegree": {"professional_certificate"},
}
INDUSTRY_WORDS = {"it": "it", "tech": "it", "software": "it", "computing": "it", "healthcare": "healthcare",
                  "health": "healthcare", "medical": "healthcare", "clinical": "healthcare", "nursing": "healthcare",
                  "nurse": "healthcare", "nurses": "healthcare",
                  "finance": "business_finance", "business": "business_finance", "accounting": "business_finance",
                  "banking": "business_finance", "education": "education", "teaching": "education",
                  "teachers": "education", "manufacturing": "manufacturing", "engineering": "manufacturing"}
ROLE_SKILLS = 3  # a job as the topic: the credentials teaching its heaviest few skills
DEFAULT_LIMIT = 5


@dataclass
class CatalogueQuery:
    skills: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    types: set[str] = field(default_factory=set)
    max_usd: float | None = None
    free_only: bool = False
    providers: set[str] = field(default_factory=set)

    @property
    def has_topic(self) -> bool:
        return bool(self.skills or self.roles or self.industries)


@dataclass(frozen=True)
class CatalogueHit:
    item: IndexedCredential
    covers: tuple[str, ...]  # topic skills it teaches
    flags: tuple[Flag, ...]


def read_query(text: str, skills: Iterable[str], roles: Iterable[str], budget_usd: float | None,
               free_only: bool, providers: Iterable[str]) -> CatalogueQuery:
    """The search a browsing message asks for; ``skills``/``roles`` are the canonical names found in it."""
    words = re.findall(r"[a-z]+", text.lower())
    types: set[str] = set()
    for word in words:
        types |= KIND_WORDS.get(word) or KIND_WORDS.get(singular(word), set())  # "micromasters", "certs"
    industries = list(dict.fromkeys(INDUSTRY_WORDS[w] for w in words if w in INDUSTRY_WORDS))
    if "IT" not in text.split() and "it" in industries and not {"tech", "software", "computing"} & set(words):
        industries.remove("it")  # "it" the pronoun
    return CatalogueQuery(list(dict.fromkeys(skills)), list(dict.fromkeys(roles)), industries, types, budget_usd,
                          free_only, set(providers))


def search_catalogue(index: CatalogIndex, taxonomy: Taxonomy, query: CatalogueQuery,
                     limit: int = DEFAULT_LIMIT) -> tuple[list[CatalogueHit], int]:
    """The best matches and how many matched in all."""
    skill_industries = industry_context_for(taxonomy).skill_industries
    topic = list(query.skills)
    for name in query.roles:
        role = taxonomy.roles.get(name)
        if role:
            topic += [s for s, _ in sorted(role.skills.items(), key=lambda kv: -kv[1])[:ROLE_SKILLS]]
    ranked = []
    for item in index.by_id.values():
        rec = item.record
        if query.types and rec.type not in query.types:
            continue
        if query.providers and not (item.delivered_by & query.providers):
            continue
        if query.free_only and item.known_usd != 0.0:
            continue
        if query.max_usd is not None and (item.known_usd is None or item.known_usd > query.max_usd):
            continue  # an unknown price is not "under $400"
        covers = tuple(s for s in dict.fromkeys(topic) if s in item.skills)
        built_for = bool(set(query.roles) & set(rec.roles))
        # Tagged with the industry is not enough ("stay safe online" is tagged healthcare too): most of what it
        # teaches must be used by that industry's jobs.
        in_industry = bool(set(query.industries) & set(rec.industries)) and _mostly_of(
            item.skills, set(query.industries), skill_industries)
        if query.has_topic and not (covers or built_for or in_industry):
            continue
        score = len(covers) + (2 if built_for else 0) + (0.5 if in_industry else 0)
        ranked.append((-score, item.quality_penalty, item.known_usd if item.known_usd is not None else 1e9,
                       rec.title, item, covers))
    ranked.sort(key=lambda t: t[:4])
    peers = [t[4] for t in ranked]
    industry = query.industries[0] if query.industries else None
    hits = [CatalogueHit(item, covers, tuple(f for f in (recognition_flag(item, industry, peers),
                                                          quality_flag(item, peers)) if f))
            for *_, item, covers in ranked[:limit]]
    return hits, len(ranked)


def _mostly_of(skills: frozenset[str], industries: set[str], skill_industries: dict[str, frozenset[str]]) -> bool:
    """Most of its skills are used in these industries, and at least one only there (cybersecurity basics are
    used by health IT roles too, but nothing in them is healthcare's own)."""
    known = [s for s in skills if s in skill_industries]
    own = any(skill_industries[s] <= industries for s in known)
    return own and sum(1 for s in known if skill_industries[s] & industries) / len(known) > 0.5


def budget_in_usd(amount: float | None, currency: str | None) -> float | None:
    """A price ceiling in dollars; None when the currency has no rate (the reply then says so)."""
    if amount is None:
        return None
    return to_usd(amount, currency or "USD")
