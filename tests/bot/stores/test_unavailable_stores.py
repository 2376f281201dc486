"""A store that is down is said to be down: with PostgreSQL unreachable, the tracker store raises
``ConversationStoreUnavailable`` through Rasa's ``FailSafeTrackerStore`` (which would otherwise hand back an
empty conversation and save into memory); with Redis gone, the lock store raises ``LockStoreUnavailable``
quickly. Both work again, with the history, when the service is back. Real PostgreSQL (through a proxy that
is cut) and a real Redis process (killed and restarted)."""

from __future__ import annotations

import time
import uuid

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.stores.atomic_lock_store import AtomicRedisLockStore
from bot.stores.forgetting_tracker_store import ForgettingSQLTrackerStore
from bot.stores.unavailable import ConversationStoreUnavailable, LockStoreUnavailable
from tests.support.services import RedisProcess, free_port, scratch_database
from tests.support.tcp_proxy import TcpProxy


@pytest.fixture()
def proxied_database():
    with scratch_database("stores_down") as name:
        proxy = TcpProxy("127.0.0.1", 5432, free_port()).up()
        try:
            yield name, proxy
        finally:
            proxy.close()


def tracker(sender: str, *texts: str) -> DialogueStateTracker:
    t = DialogueStateTracker(sender, [])
    for text in texts:
        t.update(UserUttered(text))
    return t


def store_of(cls: type[SQLTrackerStore], name: str, proxy: TcpProxy) -> FailSafeTrackerStore:
    primary = cls(Domain.empty(), dialect="postgresql", host="127.0.0.1", port=proxy.port, db=name,
                  username="postgres")
    return FailSafeTrackerStore(primary)  # as Rasa's Agent wraps every tracker store


async def test_an_unreachable_database_is_an_error_and_the_history_is_there_when_it_is_back(proxied_database) -> None:
    name, proxy = proxied_database
    store = store_of(ForgettingSQLTrackerStore, name, proxy)
    sender = f"pg-{uuid.uuid4().hex[:8]}"
    await store.save(tracker(sender, "hi"))

    proxy.down()
    started = time.monotonic()
    with pytest.raises(ConversationStoreUnavailable):
        await store.retrieve(sender)
    with pytest.raises(ConversationStoreUnavailable):
        await store.save(tracker(sender, "hi", "I want to become a nurse"))
    assert time.monotonic() - started < 10  # told, not hung

    proxy.up()
    back = await store.retrieve(sender)  # the first turn after the database returns works
    assert back is not None and [e.text for e in back.events if isinstance(e, UserUttered)] == ["hi"]
    await store.save(tracker(sender, "hi", "I want to become a nurse"))
    again = await store.retrieve(sender)
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["hi", "I want to become a nurse"]


async def test_rasas_own_store_would_forget_silently(proxied_database) -> None:
    """The behaviour replaced above, kept as a check that the test's outage is real."""
    name, proxy = proxied_database
    store = store_of(SQLTrackerStore, name, proxy)
    sender = f"pg-{uuid.uuid4().hex[:8]}"
    await store.save(tracker(sender, "hi"))
    proxy.down()
    assert await store.retrieve(sender) is None  # an empty conversation, and no error anywhere


async def test_a_redis_that_is_gone_fails_fast_and_locks_work_when_it_is_back(tmp_path) -> None:
    redis_server = RedisProcess(tmp_path).start()
    try:
        store = AtomicRedisLockStore(host="127.0.0.1", port=redis_server.port, db=0, socket_timeout=3)
        conversation = f"lock-{uuid.uuid4().hex[:8]}"
        async with store.lock(conversation):
            pass

        redis_server.kill()
        started = time.monotonic()
        with pytest.raises(LockStoreUnavailable):
            async with store.lock(conversation):
                pass
        assert time.monotonic() - started < 10

        redis_server.start()
        async with store.lock(conversation) as lock:
            assert lock.conversation_id == conversation
    finally:
        redis_server.kill()
