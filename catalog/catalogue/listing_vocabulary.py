"""What real listings write, mapped to the catalogue's fields and values (``data/listings/vocabulary.yaml``).

Kept as data so that whoever meets a new spreadsheet header ("Offered By") or level word ("Foundational")
adds a line instead of changing code. It is validated on load because the importer trusts it: a header
alias that pointed at the wrong field, or a level word at a value the catalogue does not have, would store
wrong facts on every row of every listing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalog.catalogue.records import CREDENTIAL_TYPES, LEVELS, CredentialRecord
from catalog.yaml_files import read_yaml_file

VOCABULARY_FILE = Path(__file__).parent / "data" / "listings" / "vocabulary.yaml"
# Columns a listing has that become other fields when read: "duration" ("3 - 6 Months") fills weeks/hours.
LISTING_ONLY_FIELDS = ("duration",)
SECTIONS = ("columns", "ignored_columns", "types", "levels", "languages", "prices", "skill_qualifiers")
PRICE_WORD_LISTS = ("free", "audit", "certificate", "per_month", "filler", "not_stated")


class VocabularyError(ValueError):
    """The vocabulary file is invalid; the message names the file and the entry."""


def text_key(text: str) -> str:
    """One key for the ways a header or a value is written: case, accents, spaces, '_', '-', '.', '/' and
    quotes do not matter ("Course Title" = "course_title" = "COURSE-TITLE")."""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded.casefold()).split())


@dataclass(frozen=True, eq=False)  # hashed by identity: the price reader caches its patterns per vocabulary
class PriceWords:
    """The words price text may contain besides the amount and the currency, by what they mean."""

    free: frozenset[str]
    audit: frozenset[str]
    certificate: frozenset[str]
    per_month: frozenset[str]
    filler: frozenset[str]
    not_stated: frozenset[str]
    currency_symbols: dict[str, str]
    ambiguous_symbols: frozenset[str]


@dataclass(frozen=True, eq=False)  # hashed by identity, like PriceWords
class ListingVocabulary:
    columns: dict[str, str]  # header key -> credential field (the fields' own names included)
    ignored_columns: frozenset[str]  # header keys
    types: dict[str, str]  # value key -> credential type
    levels: dict[str, str]
    languages: dict[str, str]
    prices: PriceWords
    skill_suffixes: tuple[str, ...]  # skill keys, longest first
    skill_prefixes: tuple[str, ...]
    skill_context_words: frozenset[str]  # "(Software)", "(Web Framework)" after a skill name

    def column_field(self, header: str) -> str | None:
        return self.columns.get(text_key(header))

    def is_ignored_column(self, header: str) -> bool:
        return text_key(header) in self.ignored_columns


def _mapping(content: dict[str, Any], section: str, allowed: tuple[str, ...] | None,
             where: str) -> dict[str, str]:
    entries = content.get(section) or {}
    if not isinstance(entries, dict):
        raise VocabularyError(f"{where}: '{section}' must be a mapping")
    out: dict[str, str] = {}
    for raw, target in entries.items():
        key = text_key(str(raw))
        if not key:
            raise VocabularyError(f"{where}: {section} entry '{raw}' has no letters or digits")
        if not isinstance(target, str) or (allowed is not None and target not in allowed):
            raise VocabularyError(f"{where}: {section} entry '{raw}' -> '{target}' is not one of: "
                                  f"{', '.join(allowed or ())}")
        if key in out and out[key] != target:
            raise VocabularyError(f"{where}: {section} entry '{raw}' is already mapped to '{out[key]}'")
        out[key] = target
    return out


def _words(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise VocabularyError(f"{where}: must be a list of words")
    return frozenset(v.strip().casefold() for v in value)


def _price_words(content: dict[str, Any], where: str) -> PriceWords:
    prices = content.get("prices")
    if not isinstance(prices, dict):
        raise VocabularyError(f"{where}: 'prices' must be a mapping")
    lists = {name: _words(prices.get(name), f"{where}: prices.{name}") for name in PRICE_WORD_LISTS}
    meaning_lists = [n for n in PRICE_WORD_LISTS if n != "not_stated"]
    for i, first in enumerate(meaning_lists):
        for second in meaning_lists[i + 1:]:
            both = lists[first] & lists[second]
            if both:
                raise VocabularyError(f"{where}: price word '{sorted(both)[0]}' is in both {first} and {second}")
    symbols = prices.get("currency_symbols")
    if not isinstance(symbols, dict):
        raise VocabularyError(f"{where}: prices.currency_symbols must be a mapping")
    for symbol, code in symbols.items():
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
            raise VocabularyError(f"{where}: currency symbol '{symbol}' -> '{code}' is not an ISO 4217 code")
    ambiguous = prices.get("ambiguous_symbols") or []
    if not isinstance(ambiguous, list):
        raise VocabularyError(f"{where}: prices.ambiguous_symbols must be a list")
    clash = set(map(str, ambiguous)) & set(map(str, symbols))
    if clash:
        raise VocabularyError(f"{where}: '{sorted(clash)[0]}' is both a currency symbol and ambiguous")
    return PriceWords(**lists, currency_symbols={str(k): v for k, v in symbols.items()},
                      ambiguous_symbols=frozenset(str(s) for s in ambiguous))


def _qualifiers(content: dict[str, Any], where: str) -> tuple[tuple[str, ...], ...]:
    section = content.get("skill_qualifiers")
    parts = ("suffixes", "prefixes", "parenthesised")
    if not isinstance(section, dict) or set(section) != set(parts):
        raise VocabularyError(f"{where}: 'skill_qualifiers' must be a mapping with {', '.join(parts)}")
    out = []
    for name in parts:
        words = sorted({text_key(w) for w in _words(section.get(name), f"{where}: skill_qualifiers.{name}")},
                       key=lambda w: (-len(w), w))
        out.append(tuple(w for w in words if w))
    return tuple(out)


def parse_vocabulary(content: Any, where: str) -> ListingVocabulary:
    """Check every section and build the lookup tables."""
    if not isinstance(content, dict):
        raise VocabularyError(f"{where}: expected a mapping with {', '.join(SECTIONS)}")
    unknown = sorted(set(content) - set(SECTIONS))
    if unknown:
        raise VocabularyError(f"{where}: unknown section '{unknown[0]}'")
    fields = tuple(CredentialRecord.__fields__) + LISTING_ONLY_FIELDS
    own_names = {text_key(f): f for f in fields}
    aliases = _mapping(content, "columns", fields, where)
    for key, target in aliases.items():
        if key in own_names and own_names[key] != target:
            raise VocabularyError(f"{where}: column '{key}' is the name of field '{own_names[key]}', "
                                  f"it cannot mean '{target}'")
    columns = {**aliases, **own_names}
    ignored = _words(content.get("ignored_columns"), f"{where}: ignored_columns")
    ignored_keys = frozenset(text_key(w) for w in ignored)
    clash = sorted(ignored_keys & set(columns))
    if clash:
        raise VocabularyError(f"{where}: ignored column '{clash[0]}' is also a field or a column alias")
    suffixes, prefixes, parenthesised = _qualifiers(content, where)
    return ListingVocabulary(
        columns=columns,
        ignored_columns=ignored_keys,
        types=_mapping(content, "types", CREDENTIAL_TYPES, where),
        levels=_mapping(content, "levels", LEVELS, where),
        languages=_mapping(content, "languages", None, where),
        prices=_price_words(content, where),
        skill_suffixes=suffixes,
        skill_prefixes=prefixes,
        skill_context_words=frozenset(parenthesised),
    )


def load_vocabulary(path: Path = VOCABULARY_FILE) -> ListingVocabulary:
    content = read_yaml_file(path, VocabularyError, path.name)
    return parse_vocabulary(content, path.name)


@functools.lru_cache(maxsize=1)
def default_vocabulary() -> ListingVocabulary:
    """The packaged vocabulary, loaded once per process."""
    return load_vocabulary()
