"""The learner's limits: which slot holds each, which entity fills it, and which ``Constraints`` field it sets.

A new limit that one entity states (say a language) is one line in ``SIMPLE_CONSTRAINTS`` plus its slot in
domain.yml: slot extraction, the recommender's constraints and the "have the limits been given?" check all
read this table. Budget (an amount and its currency) and providers (preferred and avoided, merged across
turns) need more than one slot and keep their own extraction in ``slot_extraction``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SimpleConstraint:
    entity: str  # the entity CareerEntityExtractor reports
    field: str  # the catalog.advice.recommender.Constraints field it sets
    read: Callable[[Any], Any]  # entity value -> slot value


SIMPLE_CONSTRAINTS: dict[str, SimpleConstraint] = {
    "hours_per_week": SimpleConstraint("hours_per_week", "hours_per_week", float),
    "deadline_weeks": SimpleConstraint("deadline_weeks", "deadline_weeks", float),
    "free_only": SimpleConstraint("free_only", "free_only", lambda value: True),
    "delivery_mode": SimpleConstraint("delivery", "delivery", str),
    "optimise": SimpleConstraint("optimise", "optimise", str),
}
# Every slot that holds a limit: any of them set means the constraints question is answered.
CONSTRAINT_SLOTS = ("budget", "preferred_providers", "avoided_providers", *SIMPLE_CONSTRAINTS)
