"""Tracker fixtures for action tests, in the style of Rasa's demo assistants: the domain loaded from
domain.yml, trackers built as the Rasa server would send them, and a ``CollectingDispatcher``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.catalog_service import reset_catalog_service

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture()
def catalogue(seeded_catalog_url: str):
    """The action server's catalogue, loaded from the seeded test database."""
    reset_catalog_service()
    yield
    reset_catalog_service()


@pytest.fixture()
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def entity(kind: str, value: Any, role: str | None = None, **info: Any) -> dict[str, Any]:
    """An entity as CareerEntityExtractor reports it."""
    ent: dict[str, Any] = {"entity": kind, "value": value, "extractor": "CareerEntityExtractor"}
    if role:
        ent["role"] = role
    if info:
        ent["additional_info"] = info
    return ent


@pytest.fixture()
def make_tracker(domain: dict[str, Any]):
    """A tracker after the user's latest message, with every domain slot (None unless given)."""

    def build(text: str = "", intent: str = "inform", entities: list[dict] | None = None,
              slots: dict[str, Any] | None = None, channel: str = "rest", events: list[dict] | None = None) -> Tracker:
        values = {name: None for name in domain["slots"]}
        values.update(slots or {})
        latest = {"text": text, "intent": {"name": intent, "confidence": 0.95}, "entities": entities or [],
                  "intent_ranking": [{"name": intent, "confidence": 0.95}]}
        history = list(events or []) + [{"event": "user", "text": text, "parse_data": latest,
                                         "input_channel": channel}]
        return Tracker("learner", values, latest, history, False, None, {}, "action_listen")

    return build


def slot_events(events: list[dict]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
