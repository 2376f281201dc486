"""Finding the provider a listing names: by id ("umich") or by name ("University of Michigan").

Listings name providers as people write them, so names match whatever their case, accents and punctuation
("university-of-michigan", "UNIVERSITY OF MICHIGAN", "The University of Michigan"), and a provider's name
matches with or without the short name it gives in brackets ("Harvard University (HarvardX)" is found as
"Harvard University" and as "HarvardX"); a name two providers share matches neither. Nothing looser: two
universities differ by one word ("University of Washington" and "Washington University"), so a name that is
not a provider's id or name is unknown, never the nearest one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from catalog.catalogue.records import ProviderRecord
from catalog.catalogue.slugs import derived_id

MAX_PROVIDER_ID_LENGTH = 120  # ProviderRow.id
PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")


def name_key(text: str) -> str:
    """Case, accents, punctuation, '&' for 'and' and a leading 'The' do not matter."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("&", " and ")
    words = re.sub(r"[\W_]+", " ", folded).split()
    if words[:1] == ["the"] and len(words) > 1:
        words = words[1:]
    return " ".join(words)


class ProviderDirectory:
    """The providers known to an import (the catalogue's and the files'), looked up by id or name."""

    def __init__(self, providers: Iterable[ProviderRecord] = ()) -> None:
        self._ids: set[str] = set()
        self._keys: dict[str, str | None] = {}  # None: two providers have this name
        for p in providers:
            self.add(p)

    def add(self, provider: ProviderRecord) -> None:
        self._ids.add(provider.id)
        keys = {name_key(provider.id), name_key(provider.name), name_key(PARENTHESIS.sub("", provider.name))}
        short = PARENTHESIS.search(provider.name)  # the provider's own short name: "... (MITx)", "... (AWS)"
        if short:
            keys.add(name_key(short.group(0).strip(" ()")))
        for key in keys - {""}:
            owner = self._keys.get(key, provider.id)
            self._keys[key] = provider.id if owner == provider.id else None

    def resolve(self, text: str) -> str | None:
        """The provider id ``text`` names, or None (unknown, or a name two providers share)."""
        text = " ".join(str(text).split())
        if text in self._ids:
            return text
        return self._keys.get(name_key(text))

    def is_ambiguous(self, text: str) -> bool:
        key = name_key(text)
        return key in self._keys and self._keys[key] is None

    def new_provider(self, name: str) -> ProviderRecord:
        """A provider for a name no one has: its id is the name's slug (made unique), its kind "unknown"."""
        name = " ".join(str(name).split())
        base = derived_id("", name, MAX_PROVIDER_ID_LENGTH - 4)
        pid, n = base, 2
        while pid in self._ids:
            pid, n = f"{base}-{n}", n + 1
        provider = ProviderRecord(id=pid, name=name, kind="unknown")
        self.add(provider)
        return provider
