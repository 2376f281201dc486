"""How people write provider names in chat ("linkedin", "LinkedIn Learning", "aws")."""

from __future__ import annotations

import functools
from collections.abc import Iterable

import yaml

from catalog.catalogue.records import ProviderRecord

# Provider ids that are also everyday words: "I can articulate my goals" is not about Articulate.
AMBIGUOUS_IDS = {"articulate", "meta", "open", "global", "city", "board"}


def provider_aliases(providers: Iterable[ProviderRecord]) -> dict[str, str]:
    """Lower-case name -> provider id: full names, ids ("linkedin learning") and acronyms ("ATD").

    First words of names are not used: "healthcare" or "project" would then read as providers.
    """
    names: dict[str, str] = {}
    for p in providers:
        names.setdefault(p.name.lower(), p.id)
        slug = p.id.replace("-", " ").replace("_", " ").lower()
        if slug not in AMBIGUOUS_IDS:
            names.setdefault(slug, p.id)
        if "(" in p.name:  # "Association for Talent Development (ATD)"
            short = p.name[p.name.index("(") + 1:p.name.rfind(")")].strip().lower()
            if len(short) >= 2:
                names.setdefault(short, p.id)
    return names


@functools.lru_cache(maxsize=1)
def seed_provider_ids() -> frozenset[str]:
    """One-word ids of the seed catalogue's providers ("google", "comptia", "isc2"): the issuer words of
    credential names ("the Google Project Management certificate"), read from ``providers.yaml`` so that a
    provider added there is known at once."""
    from catalog.catalogue.importer import SEED_DIR

    content = yaml.safe_load((SEED_DIR / "providers.yaml").read_text(encoding="utf-8")) or {}
    return frozenset(p["id"] for p in content.get("providers", []) if "-" not in p["id"])
