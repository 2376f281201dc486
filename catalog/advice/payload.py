"""The pathway as the channel-neutral ``custom`` payload every renderer works from (contract: README).

Facts stay facts here (numbers, ids, finding codes); the only words are each flag's ``reason`` and each
step's ``why``, which the contract carries and which come from ``catalog.advice.wording``.
"""

from __future__ import annotations

from typing import Any

from catalog.advice import wording
from catalog.advice.employer_policy import EmployerPolicy, policy_binds_budget
from catalog.advice.recommender import Pathway, PathwayStep, is_sponsored
from catalog.catalogue.index import is_free


def flag_dict(flag: Any) -> dict[str, Any]:
    return {"kind": flag.kind, "reason": wording.flag_reason(flag),
            "evidence": [f.as_dict() for f in flag.findings]}


def step_payload(step: PathwayStep, sponsored: bool = False) -> dict[str, Any]:
    rec = step.item.record
    stated_hours = rec.hours is not None
    return {
        "id": rec.id,
        "title": rec.title,
        "provider": step.item.provider_name,
        "url": rec.url,
        "skills": list(rec.skills),
        "covers": list(step.covers),
        "hours": rec.hours if stated_hours else (round(step.item.est_hours, 1) if rec.weeks else None),
        "hours_estimated": not stated_hours and rec.weeks is not None,
        "weeks": rec.weeks,
        "cost": 0.0 if is_free(rec) else rec.cost,
        "currency": rec.currency or "USD",
        "pricing": rec.pricing,
        "type": rec.type,
        "level": rec.level,
        "why": wording.why_text(step.why),
        "runner_up": step.runner_up,
        "required_by": step.required_by,
        "flags": [flag_dict(f) for f in step.flags],
        "sponsored": sponsored,
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


def pathway_payload(p: Pathway, policy: EmployerPolicy | None = None,
                    provider_names: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "type": "pathway",
        "goal": p.goal,
        "current_skills": list(p.current_skills),
        "gap": [g.skill for g in p.gap],
        "steps": [step_payload(s, is_sponsored(s.item, p.constraints)) for s in p.steps],
        "total_hours": p.total_hours,
        "total_cost": p.total_cost_usd,
        "currency": "USD",
        "uncovered": list(p.uncovered),
        "practice_skills": list(p.practice_skills),
        "hours_per_week": p.constraints.hours_per_week,
        "deadline_weeks": p.constraints.deadline_weeks,
        "notes": [wording.note_text(n) for n in p.notes],
        "note_codes": [n.code for n in p.notes],
        "flags": [flag_dict(f) for f in p.flags],
        "policy": policy_payload(policy, p, provider_names or {}) if policy else None,
    }
