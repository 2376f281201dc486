"""Prices as listings write them are read by price-parser and the vocabulary's words; anything else is an
error, never a guess."""

from __future__ import annotations

import pytest

from catalog.catalogue.listing_vocabulary import default_vocabulary
from catalog.catalogue.prices import PriceError, PriceReading, read_price

WORDS = default_vocabulary().prices


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$49", PriceReading(cost=49.0, currency="USD")),
        ("39,99 €", PriceReading(cost=39.99, currency="EUR")),
        ("€1.299,00", PriceReading(cost=1299.0, currency="EUR")),
        ("USD 1,299.00", PriceReading(cost=1299.0, currency="USD")),
        ("1 299,00 €", PriceReading(cost=1299.0, currency="EUR")),
        ("£29.99", PriceReading(cost=29.99, currency="GBP")),
        ("CA$ 79", PriceReading(cost=79.0, currency="CAD")),
        ("Rs. 499", PriceReading(cost=499.0, currency="INR")),
        ("49 EUR", PriceReading(cost=49.0, currency="EUR")),
        ("FREE", PriceReading(cost=0.0, pricing="free")),
        ("Free", PriceReading(cost=0.0, pricing="free")),
        ("free", PriceReading(cost=0.0, pricing="free")),
        ("$0", PriceReading(cost=0.0, currency="USD", pricing="free")),
        ("free to audit, certificate $49", PriceReading(cost=49.0, currency="USD", free_audit=True)),
        ("FREE-Add a Verified Certificate for $49 USD", PriceReading(cost=49.0, currency="USD", free_audit=True)),
        ("Free to audit", PriceReading(free_audit=True)),
        ("N/A", PriceReading()),
        ("", PriceReading()),
    ],
)
def test_prices_people_write_are_read(text: str, expected: PriceReading) -> None:
    assert read_price(text, WORDS) == expected


def test_a_price_without_currency_keeps_the_amount_and_no_currency() -> None:
    assert read_price("39,99", WORDS) == PriceReading(cost=39.99)


def test_a_monthly_price_is_a_subscription_without_a_cost() -> None:
    reading = read_price("$39/month", WORDS)
    assert (reading.cost, reading.currency, reading.pricing) == (None, "USD", "subscription")
    assert "monthly" in reading.note


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("free-ish", "'ish' is not a price word"),
        ("$49 - $99", "more than one amount"),
        ("¥49", "more than one currency"),
        ("49 kr", "more than one currency"),
        ("₫49", "'₫'"),
        ("~$49", "'~'"),
        ("-$10", "negative"),
        ("49 € USD", "more than one currency (EUR, USD)"),
        ("Free $49", "does not say the amount is the certificate's"),
        ("about 49 dollars", "'about' is not a price word"),
        ("contact us", "'contact' is not a price word"),
        ("Free, then $39/month", "'then' is not a price word"),
    ],
)
def test_unreadable_prices_are_errors_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(PriceError) as err:
        read_price(text, WORDS)
    assert reason in str(err.value)
