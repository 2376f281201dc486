"""Reading one cell of a listing: a count ("16400.0", "16,400"), a rating ("4.8 stars"), a URL, or a word
from the vocabulary's tables (a level, a type, a language).

Each reader returns the value the catalogue stores or raises :class:`CellError` saying why not; none of
them rounds, guesses a scale or fills a gap.
"""

from __future__ import annotations

import re
from decimal import Decimal

from catalog.catalogue.listing_vocabulary import text_key

COUNT = re.compile(
    r"^\(?\s*(?P<number>\d{1,3}(?:[,.\u00a0\u202f' ]\d{3})+|\d+(?:[.,]0+)?|\d+(?:[.,]\d+)?\s*(?P<unit>[kKmM]))"
    r"\s*(?:reviews?|ratings?|votes?)?\s*\)?$",
    re.IGNORECASE,
)
RATING = re.compile(r"^(?P<number>\d+(?:[.,]\d+)?)\s*(?:stars?|\u2605|/\s*5(?:[.,]0)?|out of 5(?:[.,]0)?)?$",
                    re.IGNORECASE)
UNITS = {"k": 1_000, "m": 1_000_000}
# http(s)://, a host with a dot (or localhost), an optional port, then anything without spaces.
URL = re.compile(r"^https?://(?:[^\s/?#@:.]+(?:\.[^\s/?#@:.]+)+|localhost)(?::\d{1,5})?(?:[/?#]\S*)?$",
                 re.IGNORECASE)


NUMBER = r"(\d+(?:[.,]\d+)?)"
# "3 - 6 Months", "1-4 weeks", "Approx. 20 hours", "Less Than 2 Hours", "6 weeks", "3–5 hours per week".
SPAN = re.compile(rf"^(?:about|approx(?:imately)?\.?|around|~|up to|less than|under|fewer than)?\s*{NUMBER}"
                  rf"(?:\s*(?:-|–|to)\s*{NUMBER})?\s*(?P<unit>hours?|hrs?|h|weeks?|wks?|months?|mos?)\b"
                  rf"(?P<per_week>\s*(?:per|a|/)\s*week)?", re.IGNORECASE)
WEEKS_PER_MONTH = 52 / 12


class CellError(ValueError):
    """The cell cannot be read as the field's value; the message says what was expected."""


def read_count(text: str) -> int:
    """A whole count: "16400", "16400.0", "16,400", "16.400", "(16,400 reviews)", "16.4k" (as the page
    rounds it)."""
    cleaned = " ".join(str(text).split())
    whole, point, fraction = cleaned.partition(".")
    if whole.isdecimal() and fraction == ("0" if point else ""):
        return int(whole)  # "16400" or "16400.0", as spreadsheets write counts: what COUNT reads them as
    found = COUNT.match(cleaned)
    if not found:
        raise CellError(f"'{text}' is not a whole count (e.g. 16400, 16,400 or 16400.0)")
    number, unit = found.group("number"), found.group("unit")
    if unit:
        value = Decimal(number[:-1].strip().replace(",", ".")) * UNITS[unit.lower()]
        if value != value.to_integral_value():
            raise CellError(f"'{text}' is not a whole count")
        return int(value)
    if re.fullmatch(r"\d{1,3}(?:[,.\u00a0\u202f' ]\d{3})+", number):  # "212,000", "16.400": thousands
        return int(re.sub(r"\D", "", number))
    return int(re.split(r"[.,]", number)[0])  # "16400", "16400.0"


def read_rating(text: str) -> float:
    """An average out of 5: "4.8", "4,8", "4.8 stars", "4.8/5", "4.8 out of 5"."""
    found = RATING.match(" ".join(str(text).split()))
    if not found:
        raise CellError(f"'{text}' is not a rating out of 5 (e.g. 4.8 or 4.8 stars)")
    return float(found.group("number").replace(",", "."))


def read_duration(text: str) -> dict[str, float]:
    """How long a listing says a credential takes, as the catalogue's ``weeks`` and/or ``hours``: "3 - 6
    Months" -> 26 weeks and "1 - 4 Weeks" -> 4 (the upper end: what the provider says it takes at most),
    "Approx. 20 hours" -> 20 hours, "6 weeks, 3-5 hours per week" -> 6 weeks and 30 hours. Anything else is
    refused, never guessed."""
    parts = [p.strip() for p in re.split(r"[,;(]|\bat\b", " ".join(str(text).split())) if p.strip()]
    weeks = hours = per_week = None
    for part in parts:
        found = SPAN.match(part.rstrip(")"))
        if not found:
            raise CellError(f"'{text}' is not a duration (e.g. '3 - 6 Months', '4 weeks' or '20 hours')")
        low, high = (float(g.replace(",", ".")) for g in (found.group(1), found.group(2) or found.group(1)))
        unit = found.group("unit").lower()
        if found.group("per_week"):
            per_week = max(low, high)
        elif unit.startswith("h"):
            hours = max(low, high)
        elif unit.startswith("w"):
            weeks = max(low, high)
        else:
            weeks = round(max(low, high) * WEEKS_PER_MONTH, 1)
    out: dict[str, float] = {}
    if weeks is not None:
        out["weeks"] = weeks
    if hours is not None:
        out["hours"] = hours
    elif weeks is not None and per_week is not None:
        out["hours"] = round(weeks * per_week, 1)
    if not out:
        raise CellError(f"'{text}' gives hours a week but no length")
    return out


def check_url(text: str) -> str:
    """An http(s) address with a host; anything else (a bare domain, a note) is refused."""
    url = str(text).strip()
    if not URL.match(url):
        raise CellError(f"'{text}' is not a URL; write the full address, starting https://")
    return url


def table_value(table: dict[str, str], text: str) -> str | None:
    """The value a vocabulary table gives ``text`` (case and punctuation ignored), or None."""
    return table.get(text_key(text))
