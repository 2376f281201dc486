"""The case store on SQLite and PostgreSQL: one open case per learner, atomic claims, forgetting a learner."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import pytest

from catalog.triage.rules import triage
from catalog.triage.store import MIGRATIONS, CaseStore

POSTGRES = "postgresql+psycopg2://postgres@127.0.0.1:5432/test"


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> CaseStore:
    if request.param == "sqlite":
        s = CaseStore(f"sqlite:///{tmp_path}/cases.db")
    else:
        try:
            s = CaseStore(POSTGRES)
        except Exception as exc:  # the production mode's database must be there on these machines
            pytest.fail(f"PostgreSQL on 127.0.0.1:5432 is needed: {exc}")
    yield s
    s.dispose()


def sender() -> str:
    return f"learner-{uuid.uuid4().hex[:8]}"


def test_the_schema_is_versioned_and_migrating_twice_is_harmless(store: CaseStore) -> None:
    assert store.migrate() == len(MIGRATIONS) and store.migrate() == len(MIGRATIONS)


def test_a_second_request_adds_to_the_open_case_and_raises_its_priority(store: CaseStore) -> None:
    me = sender()
    first = triage("request_human")
    case_id, new = store.open_or_add(me, "rest", first.priority, first.reason, first.rule, {"headline": "x"}, "a person?")
    assert new
    worse = triage("distress", "distress")
    again, new = store.open_or_add(me, "rest", worse.priority, worse.reason, worse.rule, {"headline": "y"}, "help")
    case = store.get(case_id)
    assert again == case_id and not new and case["priority"] == 2 and case["reason"] == "distress"
    assert [e["action"] for e in case["log"]] == ["opened", "added"]


def test_exactly_one_of_many_concurrent_claims_wins(store: CaseStore) -> None:
    case_id, _ = store.open_or_add(sender(), "rest", 3, "request_human", "r", {}, None)
    results, barrier = [], threading.Barrier(6)

    def claim(name: str) -> None:
        barrier.wait()
        results.append((name, store.claim(case_id, name)))

    threads = [threading.Thread(target=claim, args=(f"c{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [name for name, r in results if r.won]
    assert len(winners) == 1
    assert all(r.holder == winners[0] for _, r in results)


def test_forgetting_a_learner_removes_their_cases_and_history(store: CaseStore) -> None:
    me, other = sender(), sender()
    store.open_or_add(me, "rest", 3, "request_human", "r", {}, "x")
    kept, _ = store.open_or_add(other, "rest", 3, "request_human", "r", {}, "y")
    assert store.forget_sender(me) == 1
    assert store.open_case_for(me) is None and store.get(kept) is not None


def test_priorities_follow_the_rules() -> None:
    assert triage("request_human", "risk_of_harm").priority == 1
    assert triage("outside_remit", "distress").priority == 2
    assert triage("request_human").priority == 3
    assert "funding and loans" in triage("outside_remit", topics=("funding",)).rule
    assert triage("not_understood").priority == 4
