"""Whatever a learner types, reading it ends in spans inside the message and in usable numbers.

``test_mentions.py`` already sends short random text through the finder; these add the messages that break
readers in practice: control characters, right-to-left text, emoji, long words and digit runs, currency signs,
a skill name said a thousand times, 10,000 characters. The finder's contract (``MentionFinder.find``): each
mention's span is inside the message, is the text it was read from, and no two overlap. The constraints'
(``parse_constraints``): every figure is finite and positive (a pace at most a week's hours), and every span is
inside the message; a number that is none of these is not read, never carried into a slot as infinity.
"""

from __future__ import annotations

import json
import math
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.reading.constraints import HOURS_IN_A_WEEK, parse_constraints
from catalog.reading.mentions import (
    MAX_YEARS,
    ROLE_PLACEHOLDER,
    SKILL_PLACEHOLDER,
    MentionFinder,
    finder_for,
    mask_mentions,
)

PROVIDERS = {"coursera": "coursera", "udemy": "udemy", "edx": "edx"}
WORDS = ["SQL", "sql", "Python", "PYTHON", "pYtHoN", "Excel", "excell", "data analyst", "nurse", "React", "react",
         "Power BI", "I know", "I don't know", "want to become a", "I'm a", "and", ",", ".", "?", "no", "never used",
         "budget", "$", "£", "€", "₹", "¥", "₩", "₽", "usd", "k", "hours a week", "hours a day", "weeks", "months",
         "years of", "within", "by june", "free", "cheaper", "online", "not udemy", "only coursera", "0", "-3",
         "3.5", "1,000", "١٠٠", "٣", "²", "🐍", "💻", "👩‍💻", "🇬🇧", "أنا أعرف", "שלום", "\u202e", "\u202c", "\u200f",
         "\u200b", "\ufeff", "\x00", "\x07", "\x1b[31m", "\r\n", "\t", "ｓｑｌ", "İ", "ß", "ﬁ"]
pieces = st.one_of(st.sampled_from(WORDS), st.text(max_size=12),
                   st.text(alphabet="0123456789", min_size=1, max_size=400),  # a digit run reads as infinity
                   st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=50, max_size=300))
messages = st.lists(pieces, max_size=30).map(" ".join)


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return finder_for()


def check_mentions(finder: MentionFinder, text: str) -> None:
    found = finder.find(text)
    jobs = [m for m in found if m.kind == "role" and m.role == "current"]
    # A technology named in the learner's own job title ("SQL nurse") is the one mention allowed inside another.
    in_titles = [m for m in found if m.kind == "skill" and m.inferred_from
                 and any(j.start <= m.start and m.end <= j.end for j in jobs)]
    mentions = [m for m in found if m not in in_titles]
    masked = mask_mentions(text, found)  # each mention (a title with its technology: one) is one whole word
    placeholders = re.findall(rf"\b(?:{SKILL_PLACEHOLDER}|{ROLE_PLACEHOLDER})\b", masked)
    assert len(placeholders) == len(mentions) + text.count(SKILL_PLACEHOLDER) + text.count(ROLE_PLACEHOLDER), masked
    spans = sorted((m.start, m.end) for m in mentions)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text), m
        assert text[m.start:m.end] == m.text, m
        assert m.kind in ("skill", "role", "tool") and m.value
        assert m.years is None or 0 <= m.years <= MAX_YEARS, m
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start, f"overlapping mentions {spans}"


def check_constraints(text: str) -> None:
    parsed = parse_constraints(text, PROVIDERS)
    for figure in (parsed.budget, parsed.hours_per_week, parsed.deadline_weeks):
        assert figure is None or math.isfinite(figure), parsed
    assert parsed.budget is None or parsed.budget >= 0
    assert parsed.hours_per_week is None or 0 < parsed.hours_per_week <= HOURS_IN_A_WEEK
    assert parsed.deadline_weeks is None or parsed.deadline_weeks > 0
    for start, end in parsed.spans.values():
        assert 0 <= start <= end <= len(text), parsed.spans
    json.dumps({"budget": parsed.budget, "hours": parsed.hours_per_week, "weeks": parsed.deadline_weeks},
               allow_nan=False)  # what reaches a slot must be JSON


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=messages)
def test_any_message_gives_spans_inside_it_and_usable_figures(finder: MentionFinder, text: str) -> None:
    check_mentions(finder, text)
    check_constraints(text)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(unit=st.sampled_from(["I know SQL, Python and Excel. ", "python " * 3, "I'm a nurse 🙂 ", "x" * 997 + " ",
                             "budget $" + "9" * 50 + " ", "أنا أعرف SQL ", "\x00\u202e"]),
       tail=st.text(max_size=40))
def test_a_10000_character_message_is_read_without_error(finder: MentionFinder, unit: str, tail: str) -> None:
    text = (unit * (10_000 // len(unit) + 1))[:10_000 - len(tail)] + tail
    check_mentions(finder, text)
    check_constraints(text)


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_unicode_text_gives_usable_constraints(text: str) -> None:
    check_constraints(text)


# -- what the fuzzing found -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["my budget is $" + "9" * 400, "budget " + "9" * 400 + " euros",
                                  "9" * 400 + " hours a week", "within " + "9" * 400 + " weeks"])
def test_a_digit_run_too_long_for_a_number_is_not_read_as_infinity(text: str) -> None:
    parsed = parse_constraints(text)
    assert (parsed.budget, parsed.hours_per_week, parsed.deadline_weeks) == (None, None, None)


@pytest.mark.parametrize("text", ["0 hours a week", "200 hours a week", "30 hours a day", "within 0 weeks"])
def test_a_pace_or_deadline_no_plan_can_use_is_not_read(text: str) -> None:
    parsed = parse_constraints(text)
    assert parsed.hours_per_week is None and parsed.deadline_weeks is None
    assert parse_constraints("5 hours a week").hours_per_week == 5
    assert parse_constraints("2 hours a day").hours_per_week == 14


def test_an_amount_in_a_currency_we_cannot_name_is_not_taken_as_dollars() -> None:
    for text in ("up to ₽5000", "budget 300 ₼"):
        assert parse_constraints(text).budget is None, text
    rupees = parse_constraints("budget ₹5000")
    assert (rupees.budget, rupees.currency) == (5000, "INR")
    assert (parse_constraints("budget $300").budget, parse_constraints("budget $300").currency) == (300, "USD")


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("please consider my budget is about 150,000 naira", 150000, "NGN"), ("Company can give 2000 PLN", 2000, "PLN"),
    ("my budget is ¥300", 300, "JPY"), ("budget 9000 ₩", 9000, "KRW"), ("max 500 CHF", 500, "CHF"),
    ("budget 300 australian dollars", 300, "AUD"), ("A$500 max", 500, "AUD"),
    # a name several currencies share is kept as written: no rate, so the reply asks for another currency
    ("25000 pesos budget", 25000, "PESOS"),
])
def test_a_budget_is_read_in_the_currency_named(text: str, amount: float, currency: str) -> None:
    got = parse_constraints(text)
    assert (got.budget, got.currency) == (amount, currency)


def test_a_currency_code_that_is_a_word_needs_more_than_the_word() -> None:
    assert parse_constraints("I will try 5 hours a week").budget is None
    assert parse_constraints("I won 2 awards").budget is None


def test_years_beyond_a_working_life_are_not_years_of_experience(finder: MentionFinder) -> None:
    assert [m.years for m in finder.find("I have 5 years of SQL")] == [5.0]
    for text in ("I have 99999999999999999999 years of SQL", "I have " + "9" * 400 + " years of SQL",
                 "I have 61 years of SQL"):
        assert [m.years for m in finder.find(text)] == [None], text


def test_the_currency_file_is_checked_on_load(tmp_path) -> None:
    from catalog.reading.constraints import load_currency_words

    bad = tmp_path / "currency_names.yaml"
    bad.write_text("currencies:\n  USD: {names: [dollars]}\n  AUD: {names: [dollars]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'dollars' is given for both USD and AUD"):
        load_currency_words(bad)
    bad.write_text("currencies:\n  Dollar: {names: [dollars]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="three-letter ISO code"):
        load_currency_words(bad)
