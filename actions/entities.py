"""The entities of the learner's latest message, in the shapes the actions rely on.

CareerEntityExtractor always gives a number for an amount and a name for a skill, but a typed intent
(``/inform{"budget": null}``, ``/compare_providers{"provider": {}}``, a button payload edited by hand) skips
the NLU and hands the actions whatever JSON it holds. Every action reads entities through ``entities_of``:
a number entity becomes a float within the range a plan can use, every other entity a non-empty name;
anything else is dropped (and logged), so a strange payload is as if the entity were not there and the turn
is answered as usual instead of failing.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from rasa_sdk import Tracker

from catalog.advice.recommender import (
    HOURS_IN_A_WEEK,
    MAX_BUDGET,
    MAX_DEADLINE_WEEKS,
    MIN_DEADLINE_WEEKS,
    MIN_HOURS_PER_WEEK,
)

logger = logging.getLogger(__name__)
# Number entities and the range a plan can use; a budget of 0 means "free".
NUMBER_RANGES = {"budget": (0.0, MAX_BUDGET), "hours_per_week": (MIN_HOURS_PER_WEEK, HOURS_IN_A_WEEK),
                 "deadline_weeks": (MIN_DEADLINE_WEEKS, MAX_DEADLINE_WEEKS)}
# Entities whose presence is what counts ("only free ones"): any value.
FLAG_ENTITIES = {"free_only"}
MAX_NAME_CHARS = 200


def _number(value: Any, least: float, most: float) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and least <= number <= most else None


def well_formed(entity: dict[str, Any]) -> dict[str, Any] | None:
    """``entity`` with its value in the expected shape, or None when it has none."""
    name, value = entity.get("entity"), entity.get("value")
    if name in FLAG_ENTITIES:
        return entity
    if name in NUMBER_RANGES:
        number = _number(value, *NUMBER_RANGES[name])
        return None if number is None else {**entity, "value": number}
    if isinstance(value, str) and value.strip() and len(value) <= MAX_NAME_CHARS:
        return entity
    return None


def latest_entities(tracker: Tracker) -> list[dict[str, Any]]:
    """The well-formed entities of the latest message, in message order."""
    found = []
    for entity in tracker.latest_message.get("entities") or []:
        if not isinstance(entity, dict):
            continue
        kept = well_formed(entity)
        if kept is None:
            logger.info("dropped a %s entity with an unusable value: %r", entity.get("entity"),
                        str(entity.get("value"))[:80])
        else:
            found.append(kept)
    return found


def entities_of(tracker: Tracker, name: str) -> list[dict[str, Any]]:
    """The well-formed ``name`` entities of the latest message, in message order."""
    return [e for e in latest_entities(tracker) if e.get("entity") == name]


SKILL_ENTITIES = ("skill", "skill_candidate")


def skills_said_lacking(tracker: Tracker) -> set[str]:
    """Skills an earlier message of this conversation said the learner lacks, and no later one claimed (said
    they have with a word of having, outside a question: "I do know SQL now"): an unclaimed mention after
    that ("what is more used, Power BI or Tableau?") does not make it held again."""
    user_events = [e for e in tracker.events if isinstance(e, dict) and e.get("event") == "user"]
    lacking: set[str] = set()
    for event in user_events[:-1]:  # the latest message is the one being read
        for entity in (event.get("parse_data") or {}).get("entities") or []:
            if not isinstance(entity, dict) or entity.get("entity") not in SKILL_ENTITIES:
                continue
            value = entity.get("value")
            if not isinstance(value, str):
                continue
            if entity.get("role") == "lacks":
                lacking.add(value)
            elif not (entity.get("additional_info") or {}).get("unclaimed"):
                lacking.discard(value)
    return lacking
