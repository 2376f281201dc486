"""Short, readable chat text for pathways, role suggestions and profile summaries."""

from __future__ import annotations

from typing import Any

from catalog.advice.recommender import Pathway, PathwayStep
from catalog.advice.suggestions import RoleSuggestion
from catalog.catalogue.taxonomy import INDUSTRY_LABELS

SHOWN_FLAG_KINDS = ("recognition", "quality", "cost", "overlap")
FOLLOW_UP_BUTTONS = [
    {"title": "Why step 1?", "payload": "/ask_why"},
    {"title": "Something cheaper", "payload": "something cheaper"},
    {"title": "Is it recognised?", "payload": "/ask_recognition"},
]


def join_names(names: list[str], limit: int = 6) -> str:
    names = list(names)
    if len(names) > limit:
        names = names[:limit] + [f"{len(names) - limit} more"]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def money(amount: float | None, currency: str | None) -> str:
    if amount is None:
        return "price not stated"
    if amount == 0:
        return "free"
    symbol = {"USD": "$", "GBP": "£", "EUR": "€"}.get((currency or "USD").upper())
    return f"{symbol}{amount:,.0f}" if symbol else f"{amount:,.0f} {currency}"


def step_line(number: int, step: PathwayStep) -> str:
    rec = step.item.record
    bits = [step.item.provider_name]
    if rec.hours is not None:
        bits.append(f"~{rec.hours:g} h")
    elif rec.weeks is not None:
        bits.append(f"~{rec.weeks:g} weeks")
    if rec.pricing == "subscription" and rec.cost is None:
        bits.append("subscription")
    else:
        bits.append(money(0.0 if rec.pricing == "free" else rec.cost, rec.currency))
    line = f"{number}. {rec.title} ({', '.join(bits)})"
    if step.covers:
        line += f": covers {join_names(step.covers, 4)}"
    elif step.required_by:
        line += f": recommended before {step.required_by}"
    warnings = [f.reason for f in step.flags if f.kind in SHOWN_FLAG_KINDS]
    if warnings:
        line += "\n   ⚠ " + " ".join(warnings[:2])
    return line


def pathway_text(p: Pathway, intro: str | None = None) -> str:
    lines = []
    if intro:
        lines.append(intro)
    if not p.gap:
        lines.append(f"You already have every core skill for {p.goal}. Show them off with a portfolio project; "
                     f"a credential is optional.")
        return "\n".join(lines)
    if not p.steps:
        lines.append(f"I couldn't find credentials for {p.goal} within your constraints. Try relaxing the budget "
                     f"or provider choices.")
        return "\n".join(lines)
    lines.append(f"Your pathway to {p.goal} ({len(p.steps)} step{'s' if len(p.steps) > 1 else ''}):")
    lines += [step_line(i, s) for i, s in enumerate(p.steps, 1)]
    total = f"Total: about {p.total_hours:g} hours" if p.total_hours else "Total hours not stated"
    cost = f"${p.total_cost_usd:,.0f} in stated prices" if p.total_cost_usd else "no stated fees"
    lines.append(f"{total}; {cost}" + (" plus subscriptions." if p.unknown_cost_steps else "."))
    missing = [u for u in p.uncovered if u not in p.practice_skills]
    if missing:
        lines.append(f"Not covered by any credential that fits: {join_names(missing)}.")
    stale = sum(1 for s in p.steps if any(f.kind == "stale" for f in s.flags))
    if stale:
        lines.append(f"Check current prices on the provider pages: {stale} of these listings haven't been "
                     f"re-verified in the last 12 months.")
    lines += [n for n in p.notes if "subscription" not in n]
    lines += [f"⚠ {f.reason}" for f in p.flags]
    return "\n".join(lines)


def suggestions_text(suggestions: list[RoleSuggestion]) -> str:
    from_background = not any(s.fit for s in suggestions) and any(s.likely for s in suggestions)
    lines = [f"Based on your {'background' if from_background else 'skills'}, these roles fit best:"]
    for i, s in enumerate(suggestions, 1):
        parts = [f"you have {s.fit:.0%} of the core skills"] if s.fit or not s.likely else []
        if s.likely:
            parts.append(f"your background likely covers {join_names(s.likely[:3])}")
        gap = f"{len(s.gap)} skill{'s' if len(s.gap) != 1 else ''} to learn" if s.gap else "no gap"
        parts.append(gap + (f", e.g. {join_names(s.gap[:3])}" if s.gap else ""))
        lines.append(f"{i}. {s.role} ({INDUSTRY_LABELS.get(s.industry, s.industry)}): " + "; ".join(parts))
    lines.append("Pick one and I'll build a pathway.")
    return "\n".join(lines)


def role_buttons(roles: list[str]) -> list[dict[str, Any]]:
    """One quick reply per role; the payload is a sentence the NLU reads as that goal."""
    return [{"title": role, "payload": f"I want to become a {role}"} for role in roles]


def suggestion_buttons(suggestions: list[RoleSuggestion]) -> list[dict[str, Any]]:
    return role_buttons([s.role for s in suggestions])
