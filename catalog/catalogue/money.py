"""Prices in one currency: the dated exchange-rate table (``data/exchange_rates.yaml``) and what counts
as free. A price whose currency is not stated, or has no rate, is unknown in dollars: never taken as USD."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from catalog.catalogue.records import CredentialRecord
from catalog.yaml_files import read_yaml_file

RATES_FILE = Path(__file__).parent / "data" / "exchange_rates.yaml"


class RatesError(ValueError):
    """The exchange-rate table can't be used; the message names the file and the entry."""


def load_rates(path: Path = RATES_FILE) -> tuple[dict[str, float], dt.date]:
    """(USD per unit by ISO code, the date of the rates), validated."""
    content = read_yaml_file(path, RatesError)
    if not isinstance(content, dict) or not isinstance(content.get("usd_per_unit"), dict):
        raise RatesError(f"{path}: expected 'as_of' and a 'usd_per_unit' mapping")
    as_of = content.get("as_of")
    if not isinstance(as_of, dt.date):
        raise RatesError(f"{path}, 'as_of': expected a date such as 2026-11-01")
    rates = {}
    for code, rate in content["usd_per_unit"].items():
        if not (isinstance(code, str) and len(code) == 3 and code.isupper()):
            raise RatesError(f"{path}, usd_per_unit '{code}': expected a three-letter ISO 4217 code")
        if not isinstance(rate, (int, float)) or rate <= 0:
            raise RatesError(f"{path}, usd_per_unit '{code}': expected a positive number")
        rates[code] = float(rate)
    return rates, as_of


USD_PER_UNIT, RATES_AS_OF = load_rates()


def to_usd(amount: float | None, currency: str | None) -> float | None:
    """The amount in USD, or None when it is unknown, its currency unstated, or in a currency the rate
    table doesn't have (never silently taken as dollars)."""
    if amount is None:
        return None
    rate = USD_PER_UNIT.get(currency.upper()) if currency else None
    return amount * rate if rate is not None else None


def is_free(rec: CredentialRecord) -> bool:
    return rec.pricing == "free" or (rec.cost == 0 and rec.pricing != "subscription")
