"""endpoints.production.yml as Rasa reads it: every ${VAR} is replaced (Rasa only substitutes unquoted
scalars, so a quoted "${REDIS_HOST}" reached Redis as a host name), and the stores it names are ours."""

from __future__ import annotations

import re
from pathlib import Path

from rasa.core.utils import read_endpoints_from_path

ENDPOINTS = Path(__file__).resolve().parents[3] / "endpoints.production.yml"


def test_environment_variables_are_substituted(monkeypatch) -> None:
    values = {name: f"value-of-{name}" for name in re.findall(r"\$\{(\w+)\}", ENDPOINTS.read_text())}
    values.update({"ACTION_ENDPOINT_URL": "http://actions:5055/webhook", "TRACKER_DB_HOST": "pg.internal",
                   "TRACKER_DB_PASSWORD": "secret", "REDIS_HOST": "redis.internal", "RABBITMQ_QUEUE": "events"})
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    endpoints = read_endpoints_from_path(ENDPOINTS)
    assert endpoints.action.url == values["ACTION_ENDPOINT_URL"]
    assert endpoints.tracker_store.url == "pg.internal" and endpoints.tracker_store.kwargs["password"] == "secret"
    assert endpoints.lock_store.url == "redis.internal"
    assert endpoints.lock_store.type == "bot.stores.atomic_lock_store.AtomicRedisLockStore"
    assert endpoints.tracker_store.type == "bot.stores.forgetting_tracker_store.ForgettingSQLTrackerStore"
    assert endpoints.event_broker.type == "pika" and endpoints.event_broker.kwargs["queues"] == ["events"]
