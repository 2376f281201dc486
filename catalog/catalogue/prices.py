"""Reading a price as people write it: "$49", "39,99 €", "USD 1,299.00", "FREE",
"free to audit, certificate $49", "FREE-Add a Verified Certificate for $49 USD".

price-parser (a kept library) reads the amount, with its thousands and decimal separators, and the currency
symbol. The words around them are read here from the vocabulary's lists, because they decide what the
amount means: "free to audit, certificate $49" is a free course whose certificate costs $49. A word in no
list, two amounts, or a symbol that stands for several currencies makes the price an error: a wrong price
is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from price_parser import Price
from price_parser.parser import CURRENCY_CODES

from catalog.catalogue.listing_vocabulary import PriceWords

ISO_CODES = frozenset(c.upper() for c in CURRENCY_CODES)
NUMBER = re.compile(r"\d(?:[\d.,'\u00a0\u202f ]*\d)?")
WORD = re.compile(r"[^\W\d_]+")
# What may be left around the amount once words, symbols and the number are read.
PUNCTUATION = set(" \t-\u2013\u2014,.;:()[]/+!*'\"\u00a0\u202f")
NEGATIVE = re.compile(r"^\s*[-\u2212]\s*[\d$\u20ac\u00a3]")


class PriceError(ValueError):
    """The text is not a price this importer can read for sure."""


@dataclass(frozen=True)
class PriceReading:
    """What a price text states; ``None`` is "not stated". ``note`` is a warning for the summary."""

    cost: float | None = None
    currency: str | None = None
    free_audit: bool | None = None
    pricing: str | None = None
    note: str | None = None


def _symbol_pattern(symbols: tuple[str, ...]) -> re.Pattern[str] | None:
    if not symbols:
        return None
    alternatives = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    # A symbol written with letters ("Rs", "CA$") must not be part of a word ("hours").
    return re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])", re.IGNORECASE)


@lru_cache(maxsize=8)
def _patterns(words: PriceWords) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, dict[str, str]]:
    symbols = {k.casefold(): v for k, v in words.currency_symbols.items()}
    return (_symbol_pattern(tuple(words.currency_symbols)), _symbol_pattern(tuple(words.ambiguous_symbols)),
            symbols)


def read_price(text: str, words: PriceWords) -> PriceReading:
    """The price stated by ``text``; raises :class:`PriceError` with the reason when it cannot be read."""
    raw = " ".join(str(text).split())
    if not raw or raw.casefold() in words.not_stated:
        return PriceReading()
    if NEGATIVE.match(raw):
        raise PriceError(f"'{raw}' is a negative price")
    symbol_re, ambiguous_re, symbol_codes = _patterns(words)
    if ambiguous_re and (found := ambiguous_re.search(raw)):
        raise PriceError(f"'{found.group(0)}' in '{raw}' stands for more than one currency; write the ISO "
                         "code (e.g. JPY, CNY, SEK, CHF)")
    codes: set[str] = set()
    rest = raw
    if symbol_re:
        for found in symbol_re.finditer(raw):
            codes.add(symbol_codes[found.group(0).casefold()])
        rest = symbol_re.sub(" ", raw)
    flags = {"free": False, "audit": False, "certificate": False, "per_month": False}
    for word in WORD.findall(rest):
        lower = word.casefold()
        if word.upper() in ISO_CODES and len(word) == 3:
            codes.add(word.upper())
        elif lower in words.filler:
            continue
        else:
            meaning = next((m for m in flags if lower in getattr(words, m)), None)
            if meaning is None:
                raise PriceError(f"cannot read '{raw}' as a price: '{word}' is not a price word")
            flags[meaning] = True
    numbers = NUMBER.findall(rest)
    leftover = set(NUMBER.sub(" ", WORD.sub(" ", rest))) - PUNCTUATION
    if leftover:
        raise PriceError(f"cannot read '{raw}' as a price: '{''.join(sorted(leftover))}' is not a currency "
                         "or a sign this importer reads in prices")
    if len(codes) > 1:
        raise PriceError(f"'{raw}' names more than one currency ({', '.join(sorted(codes))})")
    if len(numbers) > 1:
        raise PriceError(f"'{raw}' has more than one amount; give the certificate's price alone")
    currency = next(iter(codes), None)
    if not numbers:
        return _without_amount(raw, flags, currency)
    amount = Price.fromstring(numbers[0]).amount_float
    if amount is None:
        raise PriceError(f"cannot read the amount in '{raw}'")
    if flags["per_month"]:
        if flags["free"]:
            raise PriceError(f"'{raw}' is both free and monthly; give one price")
        return PriceReading(currency=currency, pricing="subscription",
                            note=f"'{raw}' is a monthly price: stored as a subscription, without a cost")
    if flags["free"]:
        if not (flags["certificate"] or flags["audit"]):
            raise PriceError(f"'{raw}' is free and has an amount, but does not say the amount is the "
                             "certificate's")
        return PriceReading(cost=amount, currency=currency, free_audit=True)
    if amount == 0:
        return PriceReading(cost=0.0, currency=currency, pricing="free")
    return PriceReading(cost=amount, currency=currency)


def _without_amount(raw: str, flags: dict[str, bool], currency: str | None) -> PriceReading:
    if not flags["free"]:
        raise PriceError(f"cannot read '{raw}' as a price: no amount and not free")
    if flags["per_month"]:
        raise PriceError(f"'{raw}' is both free and monthly; give one price")
    if flags["audit"] or flags["certificate"]:
        # "Free to audit": the course is free, the certificate's price is not stated.
        return PriceReading(currency=currency, free_audit=True)
    return PriceReading(cost=0.0, currency=currency, pricing="free")
