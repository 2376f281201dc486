"""Update a learner's profile from what the extractor found in one message.

Skills add up across turns; a retraction ("actually I don't know SQL") removes one; a new goal replaces
the old one. Kept here, not in the action, so it is tested without a Rasa tracker.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# The most skills a profile holds. No role needs more than a dozen, and every skill is carried in the tracker
# and compared on each turn: a list of hundreds is a pasted CV or a script. The first ones stay (the pathway is
# planned from them); later ones are not added and ``not_kept`` names them, so the reply can say so.
MAX_PROFILE_SKILLS = 60


@dataclass
class ProfileChange:
    skills: list[str]
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    goal: str | None = None
    background: list[str] = field(default_factory=list)
    years: dict[str, float] = field(default_factory=dict)
    unknown_goal: str | None = None  # a job title the taxonomy doesn't cover, as the learner wrote it
    goal_onet: str | None = None  # the O*NET-SOC code of the goal's occupation, kept beside the canonical goal
    goal_choices: list[str] = field(default_factory=list)  # covered roles to offer for ``unknown_goal``
    not_kept: list[str] = field(default_factory=list)  # skills said after the profile was full


def apply_entities(current_skills: Iterable[str] | None, entities: Iterable[Mapping[str, Any]]) -> ProfileChange:
    skills = list(dict.fromkeys(current_skills or []))
    change = ProfileChange(skills=skills)
    for ent in entities:
        kind, value, role = ent.get("entity"), ent.get("value"), ent.get("role")
        if not isinstance(value, str) or not value:
            continue
        info = ent.get("additional_info") if isinstance(ent.get("additional_info"), dict) else {}
        years = info.get("years")
        if kind == "skill":
            if role == "lacks":
                if value in skills:
                    skills.remove(value)
                    change.removed.append(value)
                elif value in change.added:
                    change.added.remove(value)
            elif value not in skills and len(skills) >= MAX_PROFILE_SKILLS:
                if value not in change.not_kept:
                    change.not_kept.append(value)
            elif value not in skills:
                skills.append(value)
                change.added.append(value)
            if years is not None:
                change.years[value] = float(years)
        elif kind == "job_role":
            if role == "current":
                change.background.append(value)
                if years is not None:
                    change.years[value] = float(years)
            elif info.get("unresolved"):
                change.unknown_goal = value  # never a goal slot value: the contract is a canonical title
                change.goal_onet = info.get("onet")
                change.goal_choices = [c for c in info.get("choices") or [] if isinstance(c, str)]
            else:
                change.goal = value
                change.goal_onet = info.get("onet")
    return change


@dataclass
class ToolChange:
    tools: list[dict[str, Any]]
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _tool_key(tool: Mapping[str, Any]) -> str:
    """One tool however it was written: "Kareo" and "Kareo Practice Management" are one O*NET product."""
    return str(tool.get("onet_tool") or tool.get("name") or "").lower()


def apply_tool_entities(current_tools: Iterable[Mapping[str, Any]] | None,
                        entities: Iterable[Mapping[str, Any]]) -> ToolChange:
    """The learner's tools after one message: ``tool`` entities add one, ``lacks`` removes it.

    Kept apart from the skills on purpose: a tool that is no taxonomy skill must never reach ``current_skills``
    (the recommender plans gaps from those), but the pathway can still say what the learner works with.
    """
    tools = [dict(t) for t in current_tools or [] if isinstance(t, Mapping) and t.get("name")]
    change = ToolChange(tools=tools)
    for ent in entities:
        value = ent.get("value")
        if ent.get("entity") != "tool" or not isinstance(value, str) or not value:
            continue
        info = ent.get("additional_info") if isinstance(ent.get("additional_info"), dict) else {}
        tool = {"name": value, "class": info.get("class"), "onet_tool": info.get("onet_tool") or value,
                "counts_toward": info.get("counts_toward")}
        held = [t for t in tools if _tool_key(t) == _tool_key(tool)]
        if ent.get("role") == "lacks":
            for t in held:
                tools.remove(t)
                change.removed.append(t["name"])
        elif not held and len(tools) < MAX_PROFILE_SKILLS:
            tools.append(tool)
            change.added.append(tool)
    return change
