"""How people write provider names in chat ("linkedin", "LinkedIn Learning", "aws")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from catalog.records import ProviderRecord


def provider_aliases(providers: Iterable[ProviderRecord]) -> dict[str, str]:
    """Lower-case name -> provider id: full names, ids, and a distinctive first word ("linkedin")."""
    providers = list(providers)
    names: dict[str, str] = {}
    first_words = Counter(p.name.split()[0].lower() for p in providers if p.name.split())
    for p in providers:
        names.setdefault(p.name.lower(), p.id)
        names.setdefault(p.id.replace("-", " ").replace("_", " ").lower(), p.id)
        words = p.name.split()
        first = words[0].lower() if words else ""
        if len(words) > 1 and len(first) >= 3 and first_words[first] == 1 and first not in ("the", "university"):
            names.setdefault(first, p.id)
        if "(" in p.name:  # "Association for Talent Development (ATD)"
            short = p.name[p.name.index("(") + 1:p.name.rfind(")")].strip().lower()
            if len(short) >= 2:
                names.setdefault(short, p.id)
    return names
