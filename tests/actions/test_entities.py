"""Typed intents ("/inform{...}") hand the actions any JSON: a value of the wrong shape is as if the entity
were not there, and the turn goes on (found by tests/e2e/test_rest_fuzz.py)."""

from __future__ import annotations

import math

import pytest

from actions.entities import entities_of, well_formed
from actions.longtail import ActionBrowseCatalogue, ActionCompareProviders
from actions.slot_extraction import ValidateSlotMappings
from tests.actions.conftest import entity

UNUSABLE = [None, "abc", "", {}, [], True, math.nan, math.inf, -5, 1e309, "1e309"]


@pytest.mark.parametrize("value", UNUSABLE)
def test_an_unusable_number_is_dropped(value) -> None:
    for name in ("budget", "hours_per_week", "deadline_weeks"):
        assert well_formed(entity(name, value)) is None


def test_a_number_written_as_text_is_a_number_and_names_must_be_text() -> None:
    assert well_formed(entity("budget", "300"))["value"] == 300.0
    assert well_formed(entity("budget", 0))["value"] == 0.0  # free
    assert well_formed(entity("hours_per_week", 500)) is None  # more than a week has
    for value in (None, 5, {}, [], True, "", "x" * 201):
        assert well_formed(entity("skill", value)) is None and well_formed(entity("provider", value)) is None
    assert well_formed(entity("skill", "SQL")) is not None
    assert well_formed(entity("free_only", None)) is not None  # its presence is what counts


@pytest.mark.parametrize("value", UNUSABLE)
async def test_slot_extraction_survives_any_typed_value(value, make_tracker, dispatcher, domain, catalogue) -> None:
    ents = [entity(name, value) for name in ("budget", "hours_per_week", "deadline_weeks", "provider", "skill",
                                              "job_role", "delivery", "optimise")]
    tracker = make_tracker("/inform", entities=ents)
    assert entities_of(tracker, "budget") == []
    events = await ValidateSlotMappings().run(dispatcher, tracker, domain)
    assert all(e.get("value") != value for e in events if e.get("event") == "slot" and e["name"] == "budget")


@pytest.mark.parametrize("value", [None, {}, "abc", [1]])
async def test_catalogue_actions_survive_any_typed_value(value, make_tracker, dispatcher, domain, catalogue) -> None:
    browse = make_tracker("/browse_catalogue", intent="browse_catalogue",
                          entities=[entity("budget", value), entity("skill", value)])
    await ActionBrowseCatalogue().run(dispatcher, browse, domain)
    compare = make_tracker("/compare_providers", intent="compare_providers", entities=[entity("provider", value)])
    await ActionCompareProviders().run(dispatcher, compare, domain)
    assert len(dispatcher.messages) == 2 and all(m.get("text") for m in dispatcher.messages)
