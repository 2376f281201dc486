"""The pathway as the channel-neutral ``custom`` payload every renderer works from (contract: README).

Facts stay facts here (numbers, ids, finding codes); the only words are each flag's ``reason`` and each
step's ``why``, which the contract carries and which come from ``catalog.advice.wording``.
"""

from __future__ import annotations

from typing import Any

from catalog.advice import wording
from catalog.advice.eligibility import RequirementCheck
from catalog.advice.employer_policy import EmployerPolicy, policy_binds_budget
from catalog.advice.recommender import LaterGoal, Pathway, PathwayStep, is_sponsored
from catalog.catalogue.index import IndexedCredential
from catalog.catalogue.money import is_free


def flag_dict(flag: Any) -> dict[str, Any]:
    return {"kind": flag.kind, "reason": wording.flag_reason(flag),
            "evidence": [f.as_dict() for f in flag.findings]}


def _brief(item: IndexedCredential | None) -> dict[str, Any] | None:
    if item is None:
        return None
    rec = item.record
    return {"id": rec.id, "title": rec.title, "provider": item.provider_name, "url": rec.url,
            "cost": 0.0 if is_free(rec) else rec.cost, "currency": rec.currency, "pricing": rec.pricing,
            "free_audit": rec.free_audit}


def _requirement(check: RequirementCheck) -> dict[str, Any]:
    req = check.requirement
    return {"kind": req.kind, "statement": req.statement, "status": check.status, "years": req.years,
            "years_held": check.years_held, "source_url": req.source_url}


def _way_in(step: PathwayStep) -> dict[str, Any] | None:
    """Where to start the step: one of its parts, or a course that prepares for it (``relation``)."""
    if step.way_in is None:
        return None
    whole, start = step.item.record, step.way_in.record
    part = start.id in whole.has_part or whole.id in start.is_part_of
    return {**_brief(step.way_in), "relation": "part" if part else "preparation"}


def later_goal_payload(goal: LaterGoal) -> dict[str, Any]:
    data = {**_brief(goal.item), "covers": list(goal.covers),
            "requirements": [_requirement(c) for c in goal.checks]}
    data["text"] = wording.later_goal_text(data)
    return data


def step_payload(step: PathwayStep, sponsored: bool = False) -> dict[str, Any]:
    rec = step.item.record
    hours, cost = step.item.hours, step.item.cost
    return {
        "id": rec.id,
        "title": rec.title,
        "provider": step.item.provider_name,
        "url": rec.url,
        "skills": list(rec.skills),
        "covers": list(step.covers),
        "hours": hours.value if hours else None,
        "hours_estimated": bool(hours and not hours.stated),
        "hours_basis": hours.basis.as_dict() if hours else None,
        "weeks": rec.weeks,
        "cost": 0.0 if is_free(rec) else rec.cost,
        "currency": rec.currency,  # null when the listing doesn't say: never assumed to be USD
        "cost_estimated_usd": cost.value if cost and not cost.stated else None,
        "cost_basis": cost.basis.as_dict() if cost else None,
        "pricing": rec.pricing,
        "type": rec.type,
        "level": rec.level,
        "why": wording.why_text(step.why),
        "runner_up": step.runner_up,
        "required_by": step.required_by,
        "flags": [flag_dict(f) for f in step.flags],
        "sponsored": sponsored,
        "way_in": _way_in(step),
        "relevance": step.relevance,
    }


def policy_payload(policy: EmployerPolicy, p: Pathway, provider_names: dict[str, str]) -> dict[str, Any]:
    return {
        "organisation": policy.organisation,
        "budget_cap": policy.budget_cap,
        "currency": policy.currency,
        "budget_applied": policy_binds_budget(p.constraints, policy),
        "sponsored_providers": [provider_names.get(i, i) for i in policy.sponsored_providers],
        "excluded_providers": [provider_names.get(i, i) for i in policy.excluded_providers],
        "message": policy.message,
    }


def tools_payload(tools: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The learner's tools that are no taxonomy skill: name, O*NET class and product, skill it counts toward."""
    return [{"name": t["name"], "class": t.get("class"), "onet_tool": t.get("onet_tool"),
             "counts_toward": t.get("counts_toward")} for t in tools or [] if isinstance(t, dict) and t.get("name")]


def pathway_payload(p: Pathway, policy: EmployerPolicy | None = None,
                    provider_names: dict[str, str] | None = None,
                    tools: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    hours, cost = p.hours, p.cost
    return {
        "type": "pathway",
        "goal": p.goal,
        "current_skills": list(p.current_skills),
        "gap": [g.skill for g in p.gap],
        "steps": [step_payload(s, is_sponsored(s.item, p.constraints)) for s in p.steps],
        # Totals are null when no step has a figure: unknown is never 0 (README: pathway payload).
        "total_hours": hours.value,
        "total_hours_stated": hours.stated,
        "total_hours_estimated": hours.estimated,
        "hours_unknown_steps": hours.unknown_steps,
        "total_cost": cost.value,
        "total_cost_stated": cost.stated,
        "total_cost_estimated": cost.estimated,
        "cost_unknown_steps": cost.unknown_steps,
        "currency": "USD",
        "uncovered": list(p.uncovered),
        "practice_skills": list(p.practice_skills),
        "hours_per_week": p.constraints.hours_per_week,
        "deadline_weeks": p.constraints.deadline_weeks,
        "notes": [wording.note_text(n) for n in p.notes],
        "note_codes": [n.code for n in p.notes],
        "flags": [flag_dict(f) for f in p.flags],
        "later_goals": [later_goal_payload(g) for g in p.later_goals],
        "policy": policy_payload(policy, p, provider_names or {}) if policy else None,
        "tools": tools_payload(tools),  # added 2026-12: [] when no tool is known
    }
