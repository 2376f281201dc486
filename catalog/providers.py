"""How people write provider names in chat ("linkedin", "LinkedIn Learning", "aws")."""

from __future__ import annotations

from collections.abc import Iterable

from catalog.records import ProviderRecord

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
