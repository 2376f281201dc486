"""Every composed sentence the learner reads: pathways, flags, notes, reasons, summaries, suggestions.

Fixed replies live in ``domain.yml`` as responses; anything built from facts is worded here and only
here, so the chat text, the widget's cards, Slack's blocks and the counsellor's console say the same
thing in the same words. Functions that render a pathway read the channel-neutral payload
(``catalog.advice.payload``), the one form every channel receives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from catalog.advice.recommender import HOURS_IN_A_WEEK, MIN_HOURS_PER_WEEK
from catalog.catalogue.index import CatalogIndex, IndexedCredential
from catalog.catalogue.money import is_free
from catalog.catalogue.taxonomy import INDUSTRY_LABELS

# Labels of the flag kinds, as a badge or a heading shows them.
FLAG_LABELS = {"recognition": "Recognition", "quality": "Quality", "stale": "Check details", "cost": "Cost",
               "overlap": "Overlap", "eligibility": "Entry requirements"}
# Kinds shown inline under a step in plain text (all of them: a flag is only raised where a step differs).
INLINE_FLAG_KINDS = ("eligibility", "recognition", "quality", "cost", "overlap", "stale")
DEFAULT_HOURS_PER_WEEK = 5.0  # the pace a timeline assumes when the learner gave none
# A finish date is named only this far ahead; beyond it the reply says the pace is too slow to plan with.
MAX_FINISH_WEEKS = 52 * 50
CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}

FOLLOW_UP_BUTTONS = [
    {"title": "Why step 1?", "payload": "/ask_why"},
    {"title": "Something cheaper", "payload": "something cheaper"},
    {"title": "Is it recognised?", "payload": "/ask_recognition"},
]
CONSTRAINT_BUTTONS = [
    {"title": "No limits", "payload": "/no_preference"},
    {"title": "Free only", "payload": "only free options please"},
    {"title": "Under $300", "payload": "my budget is $300"},
    {"title": "5 hours a week", "payload": "I can study 5 hours a week"},
]
REFINE_BUTTONS = [
    {"title": "Cheaper", "payload": "something cheaper"},
    {"title": "Faster", "payload": "something faster"},
    {"title": "Free only", "payload": "only free ones"},
]


def join_names(names: Iterable[str], limit: int = 6, conjunction: str = "and") -> str:
    names = list(names)
    if len(names) > limit:
        names = names[:limit] + [f"{len(names) - limit} more"]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {conjunction} " + names[-1]


def money(amount: float | None, currency: str | None) -> str:
    if amount is None:
        return "price not stated"
    if amount == 0:
        return "free"
    if not currency:
        return f"{amount:,.2f} (currency not stated)"
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    return f"{symbol}{amount:,.0f}" if symbol else f"{amount:,.0f} {currency}"


def industry(code: str) -> str:
    return INDUSTRY_LABELS.get(code, code)


def _sentence(parts: list[str]) -> str:
    text = "; ".join(p for p in parts if p)
    return (text[0].upper() + text[1:] + ".") if text else ""


# --- flags and notes ------------------------------------------------------------------------------------

# Each finding as a clause (no capital, no full stop), so that several can make one sentence.
def _peers(f: Mapping[str, Any]) -> str:
    """", unlike 5 of the 7 comparable credentials" when the finding carries that evidence."""
    return f", unlike {f['peers_with']} of the {f['peers']} comparable credentials" if f.get("peers") else ""


FINDING_WORDS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "no_recognition": lambda f: f"no employer or industry body is on record as recognising it{_peers(f)}",
    "other_industry": lambda f: f"its recognition is in {', '.join(industry(i) for i in f['industries'])}, "
                                f"not {industry(f['target'])}",
    "no_badge": lambda f: f"it has no verifiable digital badge or certificate link{_peers(f)}",
    "no_quality_assurance": lambda f: f"no accreditation or external quality assurance is on record{_peers(f)}",
    "low_rating": lambda f: f"learners rate it {f['rating']:.1f}/5 (below {f['minimum']:.1f})",
    "few_reviews": lambda f: f"only {f['reviews']} reviews, too few to judge",
    "no_assessment": lambda f: "there is no assessment, so it shows attendance rather than skill",
    "never_verified": lambda f: "its price and content have not been checked against the provider's page"
                                + (f", unlike {f['verified_share']:.0%} of the catalogue" if f.get("verified_share")
                                   else "") + "; confirm them before you enrol",
    "verified_long_ago": lambda f: f"its details were last checked on {f['verified']}, over a year ago"
                                   + (f" (most listings: {f['catalogue_median']} or later)"
                                      if f.get("catalogue_median") else "")
                                   + "; confirm price and content before you enrol",
    "requirement_to_check": lambda f: f"entry requirement to check: {f['statement']}",
    "cost_outlier": lambda f: f"at about ${f['usd']:,.0f} it costs over {f['ratio']:.0f}x the "
                              f"${f['median_usd']:,.0f} median of {f['peers']} credentials teaching the same skills",
    "over_budget": lambda f: f"the stated and estimated prices add up to ${f['total_usd']:,.0f}, over your budget of "
                             f"{f['budget']:,.0f} {f['currency']}",
    "repeats_skills": lambda f: f"{len(f['repeated'])} of its {f['skills']} skills are ones you have or get from "
                                f"an earlier step ({', '.join(f['repeated'][:4])})",
    "too_many_badges": lambda f: f"{f['steps']} credentials is a lot for one goal: many badges can dilute a "
                                 f"profile, so finish the first ones and add the rest only if employers ask for them",
}


def finding_text(code: str, facts: Mapping[str, Any]) -> str:
    return FINDING_WORDS[code](facts)


def flag_reason(flag: Any) -> str:
    """A flag (``catalog.advice.flags.Flag``) as the sentence a learner reads."""
    return _sentence([finding_text(f.code, f.facts) for f in flag.findings])


def note_text(note: Any) -> str:
    """A pathway note (a ``Finding``) as a sentence."""
    f = note.facts
    if note.code == "practice_skills":
        return f"{', '.join(f['skills'])}: best shown through work and projects rather than another credential."
    if note.code == "prerequisite_known":
        return f"{f['step']} expects {f['prerequisite']} first; you already have its skills, so it is left out."
    if note.code in ("prerequisite_no_room", "prerequisite_advised"):  # no room for it, or off the goal
        return (f"{f['step']} expects {f['prerequisite']} first; take it beforehand if you are new to "
                f"{', '.join(f['skills'])}.")
    if note.code == "currency_compared":
        return (f"Prices are in US dollars; your budget of {f['currency']} was compared as about "
                f"${f['budget_usd']:,.0f} (1 {f['currency']} = {f['rate']:g} USD, rates of {f['as_of']}).")
    if note.code == "currency_unknown":
        return (f"I have no exchange rate for {f['currency']}, so your budget couldn't be compared with the prices "
                f"(in US dollars); tell me the amount in USD, EUR or GBP.")
    if note.code == "background_covers":
        return (f"As a {join_names(f['roles'])} you most likely have {join_names(f['skills'])} already, so no step "
                f"is spent on them; tell me if you don't.")
    if note.code == "prerequisite_excluded":
        return f"{f['step']} expects {f['prerequisite']} first, which your constraints exclude."
    if note.code == "skills_capped":
        return (f"I planned from the first {f['kept']} skills you told me; {f['left_out']} more were left out. "
                f"Tell me the ones that matter most for this role if they aren't among them.")
    if note.code == "subscription_costs":
        return "Some steps have no stated or estimated price; their cost is not included in the total."
    if note.code == "catalogue_unverified":
        return (f"Prices and dates come from the providers' listings; {f['verified']} of the catalogue's "
                f"{f['listings']} listings have been re-checked against the live page, so confirm each one on "
                f"the provider's page before you enrol.")
    if note.code == "catalogue_stale":
        return (f"Most listings were last checked around {f['median_verified']}; confirm prices and dates on the "
                f"provider's page before you enrol.")
    if note.code == "pace":
        basis = []
        if f.get("estimated"):
            basis.append("partly estimated")
        if f.get("unknown_steps"):
            n = f["unknown_steps"]
            basis.append(f"not counting {n} step{'s' if n != 1 else ''} whose length isn't stated")
        text = (f"At {f['hours_per_week']:g} hours a week this takes about {f['weeks']:.0f} weeks"
                + (f" ({', '.join(basis)})" if basis else ""))
        if f["deadline_weeks"]:
            return (text + f", longer than your {f['deadline_weeks']:g}-week deadline: study about "
                    f"{f['weeks'] * f['hours_per_week'] / f['deadline_weeks']:.0f} hours a week, take fewer steps "
                    f"or allow about {f['weeks']:.0f} weeks.")
        return text + "."
    if note.code == "pace_unknown":
        given = [f"{f['hours_per_week']:g} hours a week" if f.get("hours_per_week") else "",
                 f"your {f['deadline_weeks']:g}-week deadline" if f.get("deadline_weeks") else ""]
        return (f"I can't check this against {' and '.join(g for g in given if g)}: none of these steps states how "
                f"long it takes, so ask each provider for its expected study time before you commit.")
    raise KeyError(f"no wording for note {note.code!r}")


ADVANTAGES = {
    "more_recognised": "more widely recognised",
    "better_evidenced": "better evidenced (accreditation, assessment, verifiable badge)",
    "closes_more": "closes more of your gap for the effort",
}


def why_text(why: Any) -> str:
    """A step's ``Rationale`` as the answer to "why this one?"."""
    if why.prepares_for and not why.covers:
        return f"Recommended before {why.prepares_for}, which builds on it."
    text = f"Covers {', '.join(why.covers)} from your gap"
    if why.runner_up is None:
        return text + "; no other credential in the catalogue covers these within your constraints."
    reasons = []
    for a in why.advantages:
        if a.code == "cheaper":
            reasons.append(f"cheaper (${a.facts['usd']:,.0f} vs ${a.facts['runner_up_usd']:,.0f})")
        elif a.code == "shorter":
            reasons.append(f"shorter (about {a.facts['hours']:.0f} vs {a.facts['runner_up_hours']:.0f} hours)")
        else:
            reasons.append(ADVANTAGES[a.code])
    title, provider = why.runner_up
    return f"{text}; chosen over {title} ({provider}): {', '.join(reasons)}."


# --- a pathway, from its payload --------------------------------------------------------------------------

def basis_text(basis: Mapping[str, Any] | None) -> str:
    """What an estimated figure rests on, in a few words; "" for a stated one."""
    if not basis or basis.get("code") in ("stated", "free"):
        return ""
    code = basis["code"]
    if code == "from_weeks":
        return f"estimate: {basis['weeks']:g} stated weeks at about {basis['hours_per_week']:g} h a week{pace_source(basis)}"
    if code == "similar_median":
        kind = TYPE_LABELS.get(basis["type"], basis["type"].replace("_", " "))
        who = f" from {basis['provider']}" if basis.get("provider") else ""
        level = f" {basis['level']}" if basis.get("level") else ""
        return f"estimate: median of {basis['peers']} stated{level} {kind}s{who}"
    if code == "subscription_months":
        months = f"{basis['months']} month{'s' if basis['months'] != 1 else ''}"
        if basis.get("weeks") is not None:
            months += f" (its stated {basis['weeks']:g} weeks)"
        text = f"estimate: {months} of {basis['platform']}'s ${basis['monthly_usd']:,.0f}/month subscription"
        if basis.get("hours_per_week") is not None:
            text += f" at about {basis['hours_per_week']:g} h a week{pace_source(basis)}"
        return text
    raise KeyError(f"no wording for basis {code!r}")


def pace_source(basis: Mapping[str, Any]) -> str:
    """Where the assumed weekly pace comes from, when it is the catalogue's own stated one."""
    peers, providers = basis.get("pace_peers"), basis.get("pace_providers")
    if not peers:
        return ""
    who = f" (from {providers} providers)" if providers else ""
    return f", the median pace of {peers} listings{who} that state both"


TYPE_LABELS = {"course_certificate": "course", "professional_certificate": "professional certificate",
               "certification": "certification exam", "micromasters": "MicroMasters programme"}


def step_price(step: Mapping[str, Any]) -> str:
    if step.get("cost") is not None or (step.get("cost_basis") or {}).get("code") == "free":
        return money(step.get("cost") or 0.0, step.get("currency"))
    if step.get("cost_estimated_usd") is not None:
        return f"~{money(step['cost_estimated_usd'], 'USD')} ({basis_text(step.get('cost_basis')) or 'estimate'})"
    if step.get("pricing") == "subscription":
        return "subscription"
    return "price not stated"


def step_duration(step: Mapping[str, Any]) -> str | None:
    """"~181 h" when stated; "~6 weeks" when only weeks are stated; "~40 h (estimate)" from similar
    credentials; None when nothing supports a figure."""
    if step.get("hours") is not None and not step.get("hours_estimated"):
        return f"~{step['hours']:g} h"
    if step.get("weeks") is not None:
        return f"~{step['weeks']:g} weeks"
    if step.get("hours") is not None:
        return f"~{step['hours']:g} h ({basis_text(step.get('hours_basis')) or 'estimate'})"
    return None


def step_facts(step: Mapping[str, Any]) -> list[str]:
    """Provider, duration and price, in the order a card or a line shows them."""
    sponsored = ["sponsored by your employer"] if step.get("sponsored") else []
    return [step["provider"], *filter(None, [step_duration(step)]), step_price(step), *sponsored]


def step_headline(step: Mapping[str, Any]) -> str:
    """What the step does for the learner: the gap skills it covers, or what it prepares for."""
    if step.get("covers"):
        way_in = step.get("way_in")
        start = ""
        if way_in:
            start = (f"; prepare with {way_in['title']}" if way_in.get("relation") == "preparation"
                     else f"; start with its first part, {way_in['title']}")
        return f"covers {join_names(step['covers'], 4)}{start}"
    if step.get("required_by"):
        return f"recommended before {step['required_by']}"
    return ""


def inline_flags(step: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [f for f in step.get("flags", []) if f["kind"] in INLINE_FLAG_KINDS]


def pathway_heading(payload: Mapping[str, Any]) -> str:
    n = len(payload["steps"])
    return f"Your pathway to {payload['goal']} ({n} step{'s' if n != 1 else ''}):"


def policy_text(payload: Mapping[str, Any]) -> str | None:
    """Which employer policy shaped the pathway: "Within Acme's $1,000 learning budget; Acme sponsors ..."."""
    policy = payload.get("policy")
    if not policy:
        return None
    org = policy["organisation"]
    parts = []
    if policy["budget_cap"] is not None:
        parts.append(f"within {org}'s {money(policy['budget_cap'], policy['currency'])} learning budget")
    else:
        parts.append(f"within {org}'s learning policy")
    if policy["sponsored_providers"]:
        parts.append(f"{org} sponsors {join_names(policy['sponsored_providers'])}")
    if policy["excluded_providers"]:
        parts.append(f"{join_names(policy['excluded_providers'])} not included by {org}")
    text = _sentence(parts)
    return f"{text} {policy['message']}" if policy.get("message") else text


def empty_pathway_text(payload: Mapping[str, Any]) -> str | None:
    """The whole answer when there is no step to show, else None."""
    if not payload["gap"]:
        return (f"You already have every core skill for {payload['goal']}. Show them off with a portfolio "
                f"project; a credential is optional.")
    policy = payload.get("policy")
    if not payload["steps"] and policy:
        cap = policy["budget_cap"]
        limits = [("no learning budget" if cap == 0 else f"a {money(cap, policy['currency'])} cap")
                  if cap is not None else None,
                  f"no {join_names(policy['excluded_providers'])}" if policy["excluded_providers"] else None]
        limits = [x for x in limits if x]
        return (f"{policy['organisation']}'s learning policy ({join_names(limits) or 'as configured'}) together "
                f"with your own limits leaves no credential for {payload['goal']}. Ask {policy['organisation']}'s "
                f"learning team about an exception, or relax your own limits.")
    if not payload["steps"]:
        return (f"I couldn't find credentials for {payload['goal']} within your constraints. Try relaxing the "
                f"budget or provider choices.")
    return None


def _total_part(total: float | None, stated: float, estimated: float, unknown: int, steps: int, what: str,
                unit: Callable[[float], str], short: Callable[[float], str]) -> str:
    """"about 120 hours (80 stated, 40 estimated)", or "about 90 hours for 2 of the 3 steps (1 not stated)",
    or "hours not stated"; an unknown figure is never counted as 0."""
    known = stated + estimated
    if total is None and not known and (unknown or not stated):
        return f"{what} not stated"
    split = []
    if stated and estimated:
        split.append(f"{short(stated)} stated, {short(estimated)} estimated")
    elif estimated:
        split.append("estimated")
    text = f"{unit(known)}" + (f" ({'; '.join(split)})" if split else "")
    if unknown:
        text = f"{text} for {steps - unknown} of the {steps} steps ({unknown} not stated)"
    return f"about {text}"


def totals_line(payload: Mapping[str, Any]) -> str:
    """"Total: about 120 hours (80 stated, 40 estimated); about $450." Unknown figures are said as not
    stated, never added as 0. A payload saved before the split (an old conversation) reads as unknown."""
    payload = {"total_hours_stated": 0.0, "total_hours_estimated": 0.0, "hours_unknown_steps": 0,
               "total_cost_stated": 0.0, "total_cost_estimated": 0.0, "cost_unknown_steps": 0, **payload}
    hours = _total_part(payload["total_hours"], payload["total_hours_stated"], payload["total_hours_estimated"],
                        payload["hours_unknown_steps"], len(payload["steps"]), "hours", lambda v: f"{v:,.0f} hours",
                        lambda v: f"{v:,.0f}")
    if payload["total_cost"] == 0:
        cost = "free"
    elif not (payload["total_cost_stated"] or payload["total_cost_estimated"]) and payload["cost_unknown_steps"]:
        free = len(payload["steps"]) - payload["cost_unknown_steps"]
        cost = "prices not stated" + (f" ({free} step{'s' if free != 1 else ''} free)" if free else "")
    else:
        cost = _total_part(payload["total_cost"], payload["total_cost_stated"], payload["total_cost_estimated"],
                           payload["cost_unknown_steps"], len(payload["steps"]), "prices", lambda v: f"${v:,.0f}",
                           lambda v: f"${v:,.0f}")
    return f"Total: {hours}; {cost}."


def later_goal_text(goal: Mapping[str, Any]) -> str:
    """"Later: CISSP (ISC2), once you have 5 years of paid security work (you've told me of none) ..."."""
    needs = []
    for r in goal["requirements"]:
        if r["status"] != "unmet":
            continue
        text = r["statement"]
        if r["kind"] == "experience" and r.get("years_held") is not None and r.get("years"):
            left = max(r["years"] - r["years_held"], 0)
            text += (f" (you've mentioned {r['years_held']:g} year{'s' if r['years_held'] != 1 else ''}; about "
                     f"{left:g} more)" if r["years_held"] else " (you haven't mentioned work in a role that counts)")
        needs.append(text)
    kinds = {r["kind"] for r in goal["requirements"] if r["status"] == "unmet"}
    what = join_names(sorted({"experience": "that experience", "licence": "the licence", "degree": "the degree",
                              "credential": "that credential", "training_hours": "that training"}[k] for k in kinds))
    return (f"Later goal: {goal['title']} ({goal['provider']}) fits {join_names(goal['covers'], 3)}, but needs "
            f"{'; '.join(needs)}. After these steps and {what} it is the natural next credential.")


def pathway_remarks(payload: Mapping[str, Any]) -> list[str]:
    """What follows the steps: skills no credential covers, listings to re-check, notes, pathway flags."""
    lines = []
    missing = [u for u in payload["uncovered"] if u not in payload.get("practice_skills", [])]
    if missing:
        lines.append(f"Not covered by any credential that fits: {join_names(missing)}.")
    lines += [later_goal_text(g) for g in payload.get("later_goals", [])]
    codes = payload.get("note_codes") or [None] * len(payload.get("notes", []))
    lines += [n for n, code in zip(payload.get("notes", []), codes, strict=True) if code != "subscription_costs"]
    lines += [f"⚠ {f['reason']}" for f in payload.get("flags", [])]
    policy = policy_text(payload)
    if policy:
        lines.append(policy)
    return lines


def step_line(number: int, step: Mapping[str, Any]) -> str:
    line = f"{number}. {step['title']} ({', '.join(step_facts(step))})"
    headline = step_headline(step)
    if headline:
        line += f": {headline}"
    warnings = [f["reason"] for f in inline_flags(step)]
    if warnings:
        line += "\n   ⚠ " + " ".join(warnings[:2])
    return line


def tool_phrase(tool: Mapping[str, Any]) -> str:
    """"Kareo (medical software)": a tool named with what it is, O*NET's commodity class."""
    kind = tool.get("class")
    if not kind:
        return str(tool["name"])
    first = kind.split(" ", 1)[0]
    return f"{tool['name']} ({kind if first.isupper() else kind[:1].lower() + kind[1:]})"


def tools_text(tools: Iterable[Mapping[str, Any]]) -> str | None:
    """"You use QuickBooks Point of Sale (point of sale POS software) and Kareo (medical software)." and which
    skill a tool counts toward, when the reviewed class mapping says it does."""
    tools = [t for t in tools if t.get("name")]
    if not tools:
        return None
    text = f"You use {join_names(tool_phrase(t) for t in tools)}."
    counted = list(dict.fromkeys(t["counts_toward"] for t in tools if t.get("counts_toward")))
    if counted:
        text += f" That counts toward {join_names(counted)}."
    return text


def pathway_text(payload: Mapping[str, Any]) -> str:
    """The whole pathway as plain text: what REST, a terminal, and notifications show."""
    empty = empty_pathway_text(payload)
    if empty:
        return empty
    lines = [pathway_heading(payload)]
    used = tools_text(payload.get("tools") or [])
    if used:
        lines.append(used)
    lines += [step_line(i, s) for i, s in enumerate(payload["steps"], 1)]
    lines.append(totals_line(payload))
    lines += pathway_remarks(payload)
    return "\n".join(lines)


def timeline(payload: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each step's weeks at the learner's pace (their hours a week, or the default), one after another.

    A step with neither stated nor estimated hours has no place on the timeline (``weeks`` None), rather
    than a guess dressed up as a fact; estimated hours are marked ``estimated``.
    """
    pace = usable_pace(payload.get("hours_per_week")) or DEFAULT_HOURS_PER_WEEK
    out, week = [], 0.0
    for step in payload["steps"]:
        hours = step.get("hours")
        weeks = round(hours / pace, 1) if hours else None
        out.append({"id": step["id"], "title": step["title"], "start_week": week if weeks else None,
                    "weeks": weeks, "estimated": bool(step.get("hours_estimated"))})
        week += weeks or 0.0
    return out


def pathway_time_and_cost_answer(payload: Mapping[str, Any], hours_per_week: float | None,
                                 today: dt.date) -> str:
    """"How long will it take (at N hours a week)? When would I finish? What does it cost?" for the whole
    pathway, saying how much of each figure is stated, estimated or unknown."""
    steps = len(payload["steps"])
    if not steps:
        return "There is no step in your pathway yet, so there's nothing to time or price."
    payload = {"total_hours_stated": 0.0, "total_hours_estimated": 0.0, "hours_unknown_steps": steps,
               "total_cost_stated": 0.0, "total_cost_estimated": 0.0, "cost_unknown_steps": steps, **payload}
    stated_pace = usable_pace(hours_per_week) or usable_pace(payload.get("hours_per_week"))
    pace = stated_pace or DEFAULT_HOURS_PER_WEEK
    known = payload["total_hours_stated"] + payload["total_hours_estimated"]
    unknown = payload["hours_unknown_steps"]
    if known:
        weeks = known / pace
        basis = "estimated" if not payload["total_hours_stated"] else (
            f"{payload['total_hours_estimated']:,.0f} of them estimated" if payload["total_hours_estimated"] else "")
        time = (f"At {pace:g} hours a week{'' if stated_pace else ' (a default)'}"
                f" your pathway takes about {weeks:,.0f} weeks ({known:,.0f} hours{', ' + basis if basis else ''}), "
                + _finish_text(today, weeks))
        if unknown:
            time += (f"; {unknown} of the {steps} steps don't state their length, so allow extra time for "
                     f"{'it' if unknown == 1 else 'them'}")
        time += "."
        deadline = payload.get("deadline_weeks")
        if deadline and weeks > deadline:
            time += (f" That is past your {deadline:g}-week deadline: about {known / deadline:.0f} hours a week would "
                     f"meet it, or drop a step.")
    else:
        time = "None of the steps states how long it takes, so I can't give a finish date."
    return f"{time} {totals_line(payload).replace('Total: ', 'Altogether: ', 1)}"


def skills_not_kept_text(not_kept: list[str], limit: int) -> str:
    """Why skills the learner just named were not added: their profile already holds ``limit``."""
    return (f"I keep up to {limit} skills per profile and yours is full, so I haven't added "
            f"{join_names(not_kept, limit=3)}. If {'one of them matters' if len(not_kept) > 1 else 'it matters'} "
            f"more for your goal, tell me a skill to drop (\"I don't know ...\") and name it again.")


def usable_pace(hours_per_week: Any) -> float | None:
    """A pace a sentence can be built on, or None: a slot may hold 0, a negative number or NaN (from an old
    conversation or the HTTP API), and dividing by it would give no answer or a date past the calendar's end."""
    if isinstance(hours_per_week, bool) or not isinstance(hours_per_week, (int, float)):
        return None
    return float(hours_per_week) if MIN_HOURS_PER_WEEK <= hours_per_week <= HOURS_IN_A_WEEK else None


def _finish_text(today: dt.date, weeks: float) -> str:
    if weeks > MAX_FINISH_WEEKS:
        return "so at that pace there is no finish date worth planning around"
    return f"so you would finish around {today + dt.timedelta(weeks=weeks):%B %Y}"


def credential_price(item: IndexedCredential) -> str:
    """A credential's price as its provider states it (its own currency), or the estimate with its basis."""
    rec = item.record
    if is_free(rec):
        return "free"
    if rec.cost is not None:
        return money(rec.cost, rec.currency)
    if item.cost is not None:
        return f"~{money(item.cost.value, 'USD')} ({basis_text(item.cost.basis.as_dict())})"
    return "subscription, price not stated" if rec.pricing == "subscription" else "price not stated"


def step_pace_text(item: IndexedCredential, hours_per_week: float | None) -> str:
    """" At 5 hours a week that is about 8 weeks." for a credential with a stated or estimated length."""
    hours_per_week = usable_pace(hours_per_week)
    if not hours_per_week or item.hours is None:
        return ""
    estimated = "" if item.hours.stated else " (estimated)"
    return f" At {hours_per_week:g} hours a week that is about {item.hours.value / hours_per_week:.0f} weeks{estimated}."


def pace_text(payload: Mapping[str, Any]) -> str:
    stated = usable_pace(payload.get("hours_per_week"))
    pace = stated or DEFAULT_HOURS_PER_WEEK
    return f"At {pace:g} hours a week" + ("" if stated else " (a default; tell me your own pace)")


# --- profile, suggestions --------------------------------------------------------------------------------

def understood_text(goal: str | None, background: list[str], added: list[str], removed: list[str],
                    constraints: list[str], tools: Iterable[Mapping[str, Any]] = ()) -> str | None:
    """One sentence on what a message told us, so the learner can correct a misreading at once."""
    parts = []
    tools = list(tools)
    if goal:
        parts.append(f"you're aiming for {goal}")
    if background:
        parts.append(f"you're coming from {join_names(background)}")
    if added:
        parts.append(f"you know {join_names(added)}")
    if tools:
        parts.append(f"you use {join_names(tool_phrase(t) for t in tools)}")
    if removed:
        parts.append(f"you don't have {join_names(removed)} (yet)")
    if constraints:
        parts.append(join_names(constraints))
    return ("Got it: " + "; ".join(parts) + ".") if parts else None


CONSTRAINT_WORDS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "budget": lambda e: f"a budget of {e['value']:,.0f} {(e.get('additional_info') or {}).get('currency', 'USD')}",
    "hours_per_week": lambda e: f"{e['value']:g} hours a week",
    "deadline_weeks": lambda e: f"a deadline of about {e['value']:.0f} weeks",
    "free_only": lambda e: "free options only",
    "provider": lambda e: ("avoiding " if e.get("role") == "avoid" else "preferring ") + str(e["value"]),
}


def constraint_text(entity: Mapping[str, Any]) -> str | None:
    """A constraint entity as the learner would say it back ("a budget of 300 USD")."""
    words = CONSTRAINT_WORDS.get(entity.get("entity") or "")
    return words(entity) if words else None


def ranked_suggestions_text(suggestions: list[Any]) -> str:
    """Suggested roles (``catalog.advice.suggestions.RoleSuggestion``), each with the evidence it rests on.

    It never shows "0% of the core skills" as a fit: a role suggested for the kind of work the learner's skills
    are says so, and roles that tie share their number, since their order is not a ranking.
    """
    if any(s.fit for s in suggestions):
        lines = ["Based on your skills, these roles fit best:"]
    elif any(s.likely for s in suggestions):
        lines = ["Based on your background, these roles fit best:"]
    else:
        lines = ["Based on the kind of work your skills are used for, these roles come closest:"]
    for i, s in enumerate(suggestions, 1):
        parts = [f"you have {s.fit:.0%} of the core skills"] if s.fit else []
        if s.likely:
            parts.append(f"your background likely covers {join_names(s.likely[:3])}")
        if not parts and s.alike:
            parts.append(f"it is the kind of work {join_names(s.alike[:3])} is used for")
        gap = f"{len(s.gap)} skill{'s' if len(s.gap) != 1 else ''} to learn" if s.gap else "no gap"
        parts.append(gap + (f", e.g. {join_names(s.gap[:3])}" if s.gap else ""))
        lines.append(f"{s.rank or i}. {s.role} ({industry(s.industry)}): " + "; ".join(parts))
    ranks = [s.rank for s in suggestions if s.rank]
    if len(set(ranks)) < len(ranks):
        lines.append("Roles with the same number fit equally well.")
    lines.append("Pick one and I'll build a pathway.")
    return "\n".join(lines)


def ask_what_they_do_text(note: str | None, unknown_jobs: list[str]) -> str:
    """Role ideas asked for with nothing to base them on: no skill we know and no job we can read."""
    start = (f"I can't match {join_names(unknown_jobs)} to the roles I know yet, so I won't guess. "
             if unknown_jobs else "Happy to suggest roles. ")
    return _after(note, start + "Tell me a few things you're good at or have done at work (tools, tasks, your "
                               "current job) and I'll match them to roles.")


def choice_again_text(note: str | None, title: str, choices: list[str], goal: str | None, occupation: str = "",
                      several: bool = False, proposed: str | None = None) -> str:
    """Back to a choice of goal the learner went past (``no_profile_text`` offered it), once, before the adviser
    recommends anything or asks for a goal as if none had been said; ``proposed`` is the choice their skills
    clearly fit best, offered as the default to confirm."""
    options = join_names(choices, conjunction="or")
    if several:
        text = f"Before I go on: you mentioned {title}, which covers several kinds of job: {options}."
    else:
        filed = f" (O*NET files it under {occupation})" if occupation else ""
        text = (f"Before I go on: you mentioned {title}{filed}. I can't plan a pathway to it honestly, but the "
                f"closest roles I can plan for are {join_names(choices)}.")
    if proposed:
        text += f" Did you mean {proposed}? It fits what you know best."
    text += " Pick one" + (f", or keep {goal}." if goal else ", or name another role.")
    return _after(note, text)


def role_buttons(roles: list[str]) -> list[dict[str, Any]]:
    """One quick reply per role; the payload is a sentence the NLU reads as that goal."""
    return [{"title": role, "payload": f"I want to become a {role}"} for role in roles]


def ask_goal_text(note: str | None) -> str:
    return _after(note, "What role would you like to move into? For example data analyst, project manager, "
                        "instructional designer or robotics technician. If you're not sure, say so and I'll "
                        "suggest some.")


def ask_skills_text(note: str | None, goal: str) -> str:
    return _after(note, f"Great goal: {goal}. Which skills do you already have? List them any way you like, "
                        f"e.g. 'Excel, some SQL and 2 years of customer service'.")


def ask_constraints_text(note: str | None) -> str:
    return _after(note, "Any limits I should respect: a budget, hours per week, a deadline, or providers you "
                        "prefer or want to avoid? Or say 'no preference'.")


def no_profile_text(note: str | None, title: str, closest: list[str], goal: str | None, occupation: str = "",
                    several: bool = False) -> str:
    """A goal we don't cover; ``occupation`` is O*NET's name for it, ``several`` says the title is filed under
    several occupations and nothing the learner said decides which one they mean."""
    if several and closest:
        options = join_names(closest, conjunction="or")
        text = f"{title} covers several kinds of job. Which one do you mean: {options}? Pick one"
        text += f", or keep {goal}." if goal else ", or name another role."
        return _after(note, text)
    filed = f" (O*NET files it under {occupation})" if occupation else ""
    text = f"I don't have a skill profile for {title}{filed} yet, so I can't plan a pathway to it honestly."
    if closest:
        text += f" The closest roles I can plan for are {join_names(closest)}: pick one"
    else:
        text += " Tell me a related role I might know"
    text += f", or keep {goal}." if goal else ", or name another role."
    return _after(note, text)


def goal_gone_text(goal: str, closest: list[str]) -> str:
    text = f"I no longer have a skill profile for {goal}, so I can't plan a pathway to it."
    if closest:
        return text + f" The closest roles I can plan for are {join_names(closest)}: pick one, or name another role."
    return text + " Which role would you like to aim for now?"


def _after(note: str | None, text: str) -> str:
    return f"{note} {text}" if note else text


# --- answers about one credential ------------------------------------------------------------------------

BADGE_HOW = {
    "credly": "It is issued as a Credly digital badge: accept it from the Credly e-mail, then use Credly's "
              "'Share' button to add it to LinkedIn (Licenses & certifications) and copy the public badge URL "
              "into your CV; an employer clicks that URL to see who issued it, when, and what it took.",
    "open_badges_2": "It is an Open Badges 2.0 badge: the badge file and its public URL carry the issuer, date "
                     "and criteria, so an employer can check it in any Open Badges verifier.",
    "open_badges_3": "It is an Open Badges 3.0 verifiable credential: anyone can check the issuer's signature "
                     "with a verifier, and you can add its public link to LinkedIn and your portfolio.",
    "certificate_url": "It comes with a shareable certificate URL: add it under Licenses & certifications on "
                       "LinkedIn (the provider's page has an 'Add to LinkedIn' option) and list the URL on your CV "
                       "so an employer can open it and confirm your name and the date.",
}



def why_answer(item: IndexedCredential, number: int, step: Mapping[str, Any]) -> str:
    """"Why this one?": the step's reason, and its most important caveat."""
    why = step.get("why") or f"{item.record.title} teaches {join_names(item.record.skills)}."
    flags = [f["reason"] for f in step.get("flags", []) if f["kind"] in ("recognition", "quality", "cost")]
    caveat = f" One caveat: {flags[0]}" if flags else ""
    prefix = f"Step {number}, {item.record.title}: " if number else f"{item.record.title}: "
    return prefix + why + caveat


def step_details_answer(item: IndexedCredential, covers: list[str]) -> str:
    rec = item.record
    facts = [f"by {item.provider_name}"]
    if rec.type:
        facts.append(rec.type.replace("_", " "))
    if rec.level:
        facts.append(f"{rec.level} level")
    if item.hours is not None:
        basis = basis_text(item.hours.basis.as_dict())
        facts.append(f"about {item.hours.value:g} hours" + (f", {basis}" if basis else ""))
    if rec.weeks is not None:
        facts.append(f"{rec.weeks:g} weeks")
    facts.append(credential_price(item))
    if rec.assessment:
        facts.append(f"assessed by {rec.assessment.replace('_', ' ')}")
    text = f"{rec.title} ({', '.join(facts)}) teaches {join_names(rec.skills, 8)}."
    if covers:
        text += f" For you it closes {join_names(covers)}."
    if rec.url:
        text += f" Details: {rec.url}"
    return text


def already_have_text(titles: list[str]) -> str:
    if len(titles) == 1:
        return f"Nice, {titles[0]} counts: I've added its skills to your profile."
    return f"Nice, {join_names(titles, limit=len(titles))} count: I've added their skills to your profile."


def recognition_answer(item: IndexedCredential, industry_code: str | None) -> str:
    rec = item.record
    where = INDUSTRY_LABELS.get(industry_code or "", industry_code or "your target industry")
    parts = []
    if rec.recognized_by:
        parts.append(f"On record for {rec.title}: {'; '.join(rec.recognized_by[:4])}.")
    else:
        parts.append(f"I have no record of employers or industry bodies formally recognising {rec.title}.")
    if industry_code and rec.industries and industry_code not in rec.industries:
        parts.append(f"It is aimed at {', '.join(industry(i) for i in rec.industries)}, so in "
                     f"{where} expect employers to weigh the skills you show more than the badge itself.")
    elif industry_code:
        parts.append(f"It is aimed at {where}.")
    parts.append("Check a few job ads for your target role: if they name this credential, it counts.")
    return " ".join(parts)


def accreditation_answer(item: IndexedCredential) -> str:
    rec = item.record
    parts = []
    if rec.quality_assurance:
        parts.append(f"Yes: {rec.title} is quality-assured by {', '.join(rec.quality_assurance)}.")
    elif item.provider and item.provider.accreditation:
        parts.append(f"The credential itself has no separate accreditation on record, but {item.provider_name} "
                     f"is accredited by {', '.join(item.provider.accreditation)}.")
    else:
        parts.append(f"No accreditation or external quality assurance is on record for {rec.title}; "
                     f"judge it by its assessment, reviews and whether employers ask for it.")
    if rec.assessment and rec.assessment != "none":
        parts.append(f"It is assessed by {rec.assessment.replace('_', ' ')}.")
    elif rec.assessment == "none":
        parts.append("It has no assessment, so it proves attendance rather than skill.")
    if rec.rating is not None:
        reviews = f" from {rec.review_count:,} reviews" if rec.review_count else ""
        parts.append(f"Learners rate it {rec.rating:.1f}/5{reviews}.")
    return " ".join(parts)


def verification_answer(item: IndexedCredential) -> str:
    how = BADGE_HOW.get(item.record.badge or "")
    if how is None:
        return (f"{item.record.title} has no verifiable badge on record: keep the completion document, link your "
                f"project work in a portfolio, and add it to LinkedIn under Licenses & certifications with "
                f"{item.provider_name} as the issuer.")
    return f"{item.record.title}: {how}"


def next_answer(item: IndexedCredential, index: CatalogIndex) -> str:
    parents = [index.get(p) for p in item.record.is_part_of if index.get(p)]
    if parents:
        names = "; ".join(f"{p.record.title} ({p.provider_name})" for p in parents)
        return f"{item.record.title} stacks into {names}: the credit or modules you earn count towards it."
    followers = [f for f in (index.get(cid) for cid in index.leads_to.get(item.id, [])) if f][:3]
    if followers:
        names = "; ".join(f"{f.record.title} ({f.provider_name})" for f in followers)
        return f"After {item.record.title} you are ready for {names}."
    return (f"{item.record.title} does not formally stack into a larger credential in the catalogue; the natural "
            f"next step is a more advanced credential in the same skills.")


# --- browsing the catalogue and comparing providers ------------------------------------------------------

PROVIDER_KIND_LABELS = {"platform": "a learning platform", "university": "a university",
                        "employer": "a company issuing credentials in its own field or products",
                        "professional_body": "a professional body", "vendor": "a technology vendor",
                        "unknown": "a provider of unknown kind"}
PRICING_LABELS = {"subscription": "by subscription", "exam_fee": "an exam fee", "one_off": "a one-off fee",
                  "free": "free", "tuition": "tuition"}


def browse_text(query: Any, hits: list[Any], matched: int, currency_note: str = "") -> str:
    """A catalogue search's answer: what was searched for, then up to five credentials with their flags."""
    topic = join_names(query.skills + query.roles + [industry(i) for i in query.industries]) or "any topic"
    limits = []
    if query.free_only:
        limits.append("free")
    elif query.max_usd is not None:
        limits.append(f"with a stated price up to {money(query.max_usd, 'USD')}")
    if query.types:
        kinds = sorted({TYPE_LABELS.get(t, t.replace("_", " ")) for t in query.types})
        limits.append(f"of the kind {join_names(kinds, conjunction='or')}")
    searched = f"{topic}{', ' + ', '.join(limits) if limits else ''}"
    if not hits:
        hint = (" Credentials without a stated price can't be shown under a price limit; try without it, or "
                "another topic." if query.max_usd is not None else " Try another kind of credential or topic.")
        return f"I found nothing in the catalogue for {searched}.{currency_note}{hint}"
    lines = [f"{matched} credential{'s' if matched != 1 else ''} in the catalogue match {searched}"
             + (f"; the {len(hits)} best:" if matched > len(hits) else ":")]
    for n, hit in enumerate(hits, 1):
        rec = hit.item.record
        facts = [hit.item.provider_name, TYPE_LABELS.get(rec.type, rec.type.replace("_", " ")),
                 credential_price(hit.item)]
        if hit.item.hours is not None:
            facts.append(f"~{hit.item.hours.value:.0f} h" + ("" if hit.item.hours.stated else " (estimate)"))
        line = f"{n}. {rec.title} ({', '.join(facts)})"
        if hit.flags:
            line += " ⚠ " + "; ".join(f"{FLAG_LABELS.get(f.kind, f.kind)}: {flag_reason(f)}" for f in hit.flags)
        lines.append(line)
    lines.append("This is the catalogue, not your plan: your profile is unchanged."
                 + (currency_note and f" {currency_note.strip()}"))
    return "\n".join(lines)


def provider_comparison_text(facts: list[Any], goal: str | None) -> str:
    """Providers side by side from what the catalogue records; the verdict is left to the credential."""
    if not facts:
        return ("I can compare providers I have in the catalogue (Coursera, edX, Udemy, LinkedIn Learning, "
                "Google, IBM, CompTIA...). Which ones do you have in mind?")
    parts = ["No provider is better across the board: the same platform carries strong and weak credentials, "
             "so compare the credential, not the brand. What the catalogue records:"]
    for f in facts:
        kinds = ", ".join(f"{n} {TYPE_LABELS.get(t, t.replace('_', ' '))}{'s' if n != 1 else ''}"
                          for t, n in f.types[:3])
        line = f"- {f.name}: {PROVIDER_KIND_LABELS.get(f.kind, f.kind)}"
        line += f" ({f.country})" if f.country else ""
        line += f"; {f.credentials} credential{'s' if f.credentials != 1 else ''} here" + (f" ({kinds})" if kinds else "")
        if f.pricing:
            line += "; priced mostly " + PRICING_LABELS.get(f.pricing[0][0], f.pricing[0][0])
        if f.subscription_monthly is not None:
            line += f" ({money(f.subscription_monthly, f.subscription_currency)}/month stated)"
        if f.median_stated_usd is not None:
            line += f", median stated price {money(f.median_stated_usd, 'USD')}"
        line += ("; accreditation on record: " + ", ".join(f.accreditation)) if f.accreditation else \
            "; no institutional accreditation on record (check each credential's own)"
        line += f"; employer recognition recorded for {f.recognised_share:.0%} of its credentials"
        if f.for_goal:
            line += f". For {goal or 'your goal'}: {join_names(f.for_goal)}"
        parts.append(line + ".")
    parts.append("Ask me about a specific credential (\"is it recognised?\", \"is it accredited?\") to compare "
                 "the ones that matter for you.")
    return "\n".join(parts)


def credential_comparison_text(comparison: Any) -> str:
    """Two or more credentials side by side (``CredentialComparison``): the facts on record, what each closes
    of the learner's goal, and which closes clearly more; no verdict the records do not support."""
    parts = ["Side by side, from what the catalogue records (I don't rank credentials beyond that):"]
    for f in comparison.facts:
        kind = TYPE_LABELS.get(f.type, f.type.replace("_", " "))
        facts = [f"{f.provider}, {kind}" + (f", {f.level} level" if f.level else "")]
        if f.hours is not None:
            basis = basis_text(f.hours.basis.as_dict())
            facts.append(f"about {f.hours.value:g} hours" + (f" ({basis})" if basis else ""))
        elif f.weeks is not None:
            facts.append(f"{f.weeks:g} weeks")
        else:
            facts.append("length not stated")
        facts.append(credential_price(f.item))
        if f.assessment:
            facts.append(f"assessed by {f.assessment.replace('_', ' ')}")
        line = f"- {f.title} ({'; '.join(facts)})."
        line += (f" Employer recognition on record: {'; '.join(f.recognized_by[:3])}." if f.recognized_by
                 else " No employer recognition on record.")
        if f.accreditation:
            line += f" Quality assurance: {', '.join(f.accreditation[:2])}."
        if f.entry_requirements:
            line += f" Entry requirements: {'; '.join(r.rstrip('.') for r in f.entry_requirements)}."
        if comparison.goal:
            line += (f" For {comparison.goal} it closes {join_names(f.closes)}." if f.closes else
                     f" It closes none of the skills you still need for {comparison.goal}.")
        else:
            line += f" Teaches {join_names(f.teaches)}."
        parts.append(line)
    if comparison.closes_more:
        counts = " against ".join(str(len(f.closes)) for f in sorted(comparison.facts, key=lambda f: -len(f.closes)))
        parts.append(f"For your goal, {comparison.closes_more} closes clearly more of what you still need "
                     f"({counts} of your {comparison.missing} missing skills).")
    elif comparison.goal and not any(f.closes for f in comparison.facts):
        parts.append(f"Neither closes a skill you still need for {comparison.goal}; ask me for your pathway to see "
                     "what does.")
    elif comparison.goal:
        parts.append(f"For {comparison.goal} they close about as much of what you still need, so let the price, "
                     "the length and the recognition above decide.")
    else:
        parts.append("Tell me the role you're aiming for and I'll say which closes more of what you need.")
    parts.append("Which one employers ask for varies by region and employer: search a few job ads for your "
                 "target role, and if they name one of these, that one counts.")
    return "\n".join(parts)


def named_credentials_answer(items: list[IndexedCredential]) -> str:
    """The facts of the credentials a question names, with their entry requirements as published."""
    parts = []
    for item in items:
        text = step_details_answer(item, [])
        statements = [r.statement for r in item.record.entry_requirements if r.statement]
        if statements:
            text += " Entry requirements: " + " ".join(statements)
        parts.append(text)
    parts.append("Ask me whether it is recognised by employers or accredited, or tell me your goal and I'll see "
                 "where it fits in a pathway.")
    return "\n".join(parts)


def unknown_credential_text(name: str) -> str:
    return (f"I don't have {name} in the catalogue, so I can't tell you its length, price or recognition "
            "reliably; check the awarding body's own page. Tell me the role you're aiming for and I'll suggest "
            "credentials I can vouch for.")
