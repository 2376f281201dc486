"""Read budget, time, deadline, provider and delivery preferences out of a chat message.

These are closed, formulaic expressions ("$300", "5 hours a week", "within 3 months", "not Udemy"), so
rules are both more accurate and cheaper than a statistical model trained on a few hundred examples.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from catalog.yaml_files import read_yaml_file

CURRENCY_FILE = Path(__file__).parent / "data" / "currency_names.yaml"


def load_currency_words(path: Path = CURRENCY_FILE) -> tuple[dict[str, str], frozenset[str]]:
    """({sign or lower-case name: ISO code}, names several currencies share), validated (see the file)."""
    data = read_yaml_file(path, ValueError, path.name) or {}
    words: dict[str, str] = {}
    for code, entry in (data.get("currencies") or {}).items():
        if not re.fullmatch(r"[A-Z]{3}", str(code)) or not isinstance(entry, dict):
            raise ValueError(f"{path.name}: currency {code!r} needs a three-letter ISO code and symbols/names")
        for form in [*(entry.get("symbols") or []), *(entry.get("names") or [])]:
            form = str(form).lower()
            if words.get(form, code) != code:
                raise ValueError(f"{path.name}: {form!r} is given for both {words[form]} and {code}")
            words[form] = code
    ambiguous = frozenset(str(w).lower() for w in data.get("ambiguous") or [])
    clash = ambiguous & words.keys()
    if clash:
        raise ValueError(f"{path.name}: {sorted(clash)[0]!r} is both a currency's name and ambiguous")
    return words, ambiguous


CURRENCY_WORDS, AMBIGUOUS_CURRENCY_WORDS = load_currency_words()


def _currency_pattern(forms: list[str]) -> str:
    """Signs as they are, names as whole words; longest first, so "australian dollars" wins over "dollars"."""
    parts = []
    for form in sorted(forms, key=len, reverse=True):
        escaped = re.escape(form).replace("\\ ", r"\s+")
        parts.append(rf"\b{escaped}\b" if form[:1].isalpha() and form[-1:].isalpha() else escaped)
    return "(?:" + "|".join(parts) + ")"


_CUR = _currency_pattern([*CURRENCY_WORDS, *AMBIGUOUS_CURRENCY_WORDS])
MONEY_RE = re.compile(
    rf"(?P<pre>{_CUR})?\s*(?P<num>\d{{1,3}}(?:[,.]\d{{3}})+|\d+(?:\.\d+)?)\s*(?P<k>k\b)?\s*(?P<post>{_CUR})?",
    re.IGNORECASE,
)
BUDGET_CONTEXT = re.compile(r"\b(budget|spend|afford|up to|max(?:imum)?|under|below|less than|no more than|"
                            r"cap|limit|at most|around|about|pay)\b", re.IGNORECASE)
NUM = r"(?P<n>\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)"
HOURS_RE = re.compile(
    rf"\b{NUM}\s*(?:-|to)?\s*(?:\d+\s*)?(?:hours?|hrs?|h)\b\s*"
    # "a week", "/wk", and as learners of English write it: "in week", "by week", "in a week", "weekly"
    r"(?:(?:(?:a|an|per|each|every|/|(?:in|by|on)(?:\s+(?:a|the))?)\s*)"
    r"(?P<per>weeknight|weekday|weekend|week|wk|day|night|evening)s?|(?P<weekly>weekly)\b)",
    re.IGNORECASE,
)
DEADLINE_RE = re.compile(
    rf"\b(?:in|within|by|under|less than|next|over the next|before|inside)\s+(?:the\s+next\s+)?{NUM}\s*"
    r"(?P<unit>weeks?|months?|years?|yrs?)\b",
    re.IGNORECASE,
)
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
# "by june", "before the new grad intake in Feb", "ready by next spring", "done in Q3": a month, a season (northern
# hemisphere: its first month) or a quarter (its last month) after a deadline word, a few words apart at most.
BY_MONTH_RE = re.compile(r"\b(?:by|before|until|till|done in|ready in|in time for)\s+"
                         r"(?:[\w'-]+\s+){0,5}?(?:(?:in|by|of|for)\s+)?(?:the\s+)?(?:(?:end|start)\s+of\s+)?"
                         r"(?:next\s+|this\s+)?(?P<m>" + "|".join(MONTHS) +
                         r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|spring|summer|autumn|fall|winter|q[1-4])\b",
                         re.IGNORECASE)
SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12, "q1": 3, "q2": 6, "q3": 9, "q4": 12}
END_OF_YEAR_RE = re.compile(r"\b(?:by|before)\s+(?:the\s+)?end\s+of\s+(?:the|this)\s+year\b", re.IGNORECASE)
FREE_RE = re.compile(r"\b(free|no[- ]cost|zero[- ]cost|without paying|no money|can'?t afford|cannot afford|"
                     r"zero budget)\b", re.IGNORECASE)
NOT_FREE_RE = re.compile(r"\b(free time|feel free|free to|free on|free at|free in|free during|free trial|free audit|"
                         r"i'?m free|am free|free evenings?|free weekends?|free days?|sugar[- ]free|hands[- ]free)\b",
                         re.IGNORECASE)
CHEAPER_RE = re.compile(r"\b(cheaper|cheapest|less expensive|lower cost|more affordable|budget option|"
                        r"costs? less|too expensive|too pricey)\b", re.IGNORECASE)
FASTER_RE = re.compile(r"\b(faster|quicker|quickest|shorter|less time|sooner|fastest|shortest|too long|"
                       r"speed (?:it|this) up)\b", re.IGNORECASE)
DELIVERY_PATTERNS = [
    ("in_person", re.compile(r"\b(in[- ]person|on campus|face[- ]to[- ]face|classroom[- ]based)\b", re.I)),
    ("online_self_paced", re.compile(r"\b(self[- ]paced|at my own pace|in my own time)\b", re.I)),
    ("online_cohort", re.compile(r"\b(live online|cohort|instructor[- ]led|live classes)\b", re.I)),
    ("online", re.compile(r"\b(online|remote(?:ly)?|from home)\b", re.I)),
]
AVOID_CUES = re.compile(r"\b(not|no|avoid|except|without|hate|dislike|skip|exclude|excluding|other than|"
                        r"drop|remove|never|anything but|don'?t|rather not|nothing from|instead of)\b", re.I)
ONLY_CUES = re.compile(r"\b(only|just|prefer|preferably|stick to|stick with|like|love|from|on|via|through|"
                       r"rather|exclusively)\b", re.I)
WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20}


@dataclass
class ParsedConstraints:
    budget: float | None = None
    currency: str | None = None
    hours_per_week: float | None = None
    deadline_weeks: float | None = None
    free_only: bool = False
    optimise: str | None = None  # cost | time
    delivery: str | None = None
    prefer_providers: list[str] = field(default_factory=list)
    avoid_providers: list[str] = field(default_factory=list)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # where each value was read

    def is_empty(self) -> bool:
        return self == ParsedConstraints()


# The most hours a week has: a pace above it is a misread number, not a plan.
HOURS_IN_A_WEEK = 168.0


def _usable(value: float, most: float = math.inf) -> bool:
    """A figure a plan can use: finite, above zero and at most ``most``. A run of 400 digits reads as
    infinity, which no reply can print and JSON cannot carry; zero hours or weeks is no limit at all."""
    return math.isfinite(value) and 0 < value <= most


def _unknown_currency_beside(text: str, start: int, end: int) -> bool:
    """A currency sign we have no code for right before or after the amount ("¥300", "300 ₩"): the amount
    is in a currency we can't name, so it is not read, rather than taken as dollars."""
    before, after = text[:start].rstrip()[-1:], text[end:].lstrip()[:1]
    return any(c and unicodedata.category(c) == "Sc" and c not in CURRENCY_WORDS for c in (before, after))


def _number(text: str) -> float:
    text = text.lower()
    return float(WORD_NUMBERS.get(text, text)) if not text.replace(".", "").isdigit() else float(text)


def parse_money(text: str) -> tuple[float, str, tuple[int, int]] | None:
    """The budget in a message, if it names an amount with a currency or in a budget phrase."""
    for match in MONEY_RE.finditer(text):
        pre, post = match.group("pre"), match.group("post")
        raw = match.group("num")
        after = text[match.end():match.end() + 12].lower()
        if re.match(r"\s*(hours?|hrs?|h\b|weeks?|months?|years?|yrs?|days?|%|percent)", after):
            continue
        context = text[max(0, match.start() - 30):match.start()]
        if not (pre or post) and not BUDGET_CONTEXT.search(context):
            continue
        if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", raw):
            value = float(re.sub(r"[,.]", "", raw))
        else:
            value = float(raw)
        if match.group("k"):
            value *= 1000
        if not math.isfinite(value) or _unknown_currency_beside(text, match.start("num"), match.end("num")):
            continue
        written = " ".join((pre or post or "$").lower().split())
        # A name several currencies share stays as written: no rate, so the reply asks for a comparable amount.
        currency = CURRENCY_WORDS.get(written) or (written.upper() if written in AMBIGUOUS_CURRENCY_WORDS else "USD")
        start = match.start("pre") if pre else match.start("num")
        end = match.end("post") if post else (match.end("k") if match.group("k") else match.end("num"))
        return value, currency, (start, end)
    return None


def parse_constraints(text: str, provider_names: dict[str, str] | None = None,
                      today: dt.date | None = None) -> ParsedConstraints:
    """``provider_names`` maps lower-case names and aliases to provider ids."""
    out = ParsedConstraints()
    if not text:
        return out
    today = today or dt.date.today()
    money = parse_money(text)
    if money:
        out.budget, out.currency, out.spans["budget"] = money
        if out.budget == 0:
            out.free_only = True
    hours = HOURS_RE.search(text)
    if hours:
        n = _number(hours.group("n"))
        per = (hours.group("per") or "week").lower()
        factor = {"day": 7, "night": 7, "evening": 7, "weekday": 5, "weeknight": 5, "weekend": 2}.get(per, 1)
        if _usable(n * factor, HOURS_IN_A_WEEK):
            out.hours_per_week = n * factor
            out.spans["hours_per_week"] = hours.span()
    deadline = DEADLINE_RE.search(text)
    if deadline:  # "within 0 weeks", or a number too long to be one, gives no deadline
        weeks = _deadline_weeks(deadline)
        if weeks is not None:
            out.deadline_weeks = weeks
            out.spans["deadline_weeks"] = deadline.span()
    elif END_OF_YEAR_RE.search(text):
        out.deadline_weeks = max(1.0, round((dt.date(today.year, 12, 31) - today).days / 7, 1))
        out.spans["deadline_weeks"] = END_OF_YEAR_RE.search(text).span()
    else:
        by_month = BY_MONTH_RE.search(text)
        if by_month:
            out.spans["deadline_weeks"] = by_month.span()
            name = by_month.group("m").lower()
            month = SEASON_MONTHS.get(name) or next(i for i, m in enumerate(MONTHS, 1) if m.startswith(name[:3]))
            year = today.year if month > today.month else today.year + 1
            out.deadline_weeks = max(1.0, round((dt.date(year, month, 28) - today).days / 7, 1))
    free = FREE_RE.search(text)
    if free and not NOT_FREE_RE.search(text):
        out.free_only = True
        out.spans["free_only"] = free.span()
    optimise = CHEAPER_RE.search(text) or FASTER_RE.search(text)
    if optimise:
        out.optimise = "cost" if CHEAPER_RE.search(text) else "time"
        out.spans["optimise"] = (CHEAPER_RE.search(text) or optimise).span()
    for delivery, pattern in DELIVERY_PATTERNS:
        found = pattern.search(text)
        if found:
            out.delivery = delivery
            out.spans["delivery"] = found.span()
            break
    if provider_names:
        _providers(text, provider_names, out)
    return out


def _deadline_weeks(match: re.Match[str]) -> float | None:
    """The weeks a deadline phrase gives, or None when they are no usable figure."""
    n = _number(match.group("n"))
    unit = match.group("unit").lower()
    weeks = round(n * (52 if unit.startswith("y") else 4.345 if unit.startswith("m") else 1), 1)
    return weeks if _usable(weeks) else None


def _providers(text: str, provider_names: dict[str, str], out: ParsedConstraints) -> None:
    lowered = text.lower()
    found: list[tuple[int, int, str]] = []
    for name in sorted(provider_names, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", lowered):
            if any(s <= match.start() < e for s, e, _ in found):
                continue
            found.append((match.start(), match.end(), provider_names[name]))
    for start, end, pid in sorted(found):
        out.spans.setdefault(f"provider:{pid}", (start, end))
        clause_start = max(lowered.rfind(sep, 0, start) for sep in (".", ";", "!", "?", " but ", ", "))
        before = lowered[max(clause_start, start - 40, 0):start]
        if AVOID_CUES.search(before):
            if pid not in out.avoid_providers:
                out.avoid_providers.append(pid)
        elif pid not in out.prefer_providers:
            out.prefer_providers.append(pid)
