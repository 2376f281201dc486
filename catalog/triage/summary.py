"""The case summary a counsellor reads in ten seconds: who, what they want, what they have, why it opened."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from catalog.advice.wording import join_names
from catalog.triage.rules import Triage

LAST_MESSAGES = 8


def case_summary(profile: Mapping[str, Any], pathway: Mapping[str, Any] | None, constraints: list[str],
                 why: Triage, transcript: list[dict[str, str]]) -> dict[str, Any]:
    goal, skills = profile.get("career_goal"), list(profile.get("current_skills") or [])
    background = list(profile.get("background_roles") or [])
    parts = [f"Aiming for {goal}" if goal else "No goal yet"]
    if background:
        parts.append(f"coming from {join_names(background)}")
    parts.append(f"knows {join_names(skills, 5)}" if skills else "no skills stated")
    gap = list((pathway or {}).get("gap") or [])
    if gap:
        parts.append(f"gap: {join_names(gap, 4)}")
    steps = [{"title": s["title"], "provider": s["provider"],
              "flags": [{"kind": f["kind"], "reason": f["reason"]} for f in s.get("flags", [])]}
             for s in (pathway or {}).get("steps", [])]
    return {
        "headline": "; ".join(parts) + ".",
        "why": why.rule,
        "reason": why.reason,
        "goal": goal,
        "current_skills": skills,
        "background": background,
        "gap": gap,
        "constraints": constraints,
        "pathway": steps,
        "last_messages": transcript[-LAST_MESSAGES:],
    }
