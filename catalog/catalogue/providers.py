"""How people write provider names in chat ("linkedin", "LinkedIn Learning", "aws")."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from catalog.catalogue.records import ProviderRecord
from catalog.yaml_files import read_yaml_file

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
    return frozenset(p["id"] for p in seed_providers() if "-" not in p["id"])


@functools.lru_cache(maxsize=1)
def seed_provider_names() -> tuple[tuple[str, ...], ...]:
    """The lower-case words of the seed providers' names of two words or more, with and without the short form
    in brackets ("linux foundation", "project management institute"): a skill inside one ("Linux" of "the
    Linux Foundation CKA") names the organisation, not what the learner knows."""
    names = set()
    for p in seed_providers():
        name = p["name"].lower()
        for form in (name, name.split("(")[0].strip()):
            if len(form.split()) >= 2:
                names.add(tuple(form.split()))
    return tuple(sorted(names))


class SeedProvidersError(ValueError):
    """The seed catalogue's ``providers.yaml`` cannot be read; the message names the file and the line."""


@functools.lru_cache(maxsize=1)
def seed_providers() -> tuple[dict, ...]:
    """The seed catalogue's providers as ``providers.yaml`` lists them: the one reading of that file for the
    words that name providers in chat (issuer ids, organisation names, aliases when no database is at hand)."""
    from catalog.catalogue.importer import SEED_DIR

    content = read_yaml_file(SEED_DIR / "providers.yaml", SeedProvidersError) or {}
    return tuple(content.get("providers", []))
