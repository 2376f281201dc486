"""Rasa's SQL tracker store, able to forget a learner who asked for their data to be deleted, and honest
when its database is down.

The action server cannot delete tracker rows itself: Rasa holds the tracker in memory during the turn and
would write every event back when it saves. So ``action_delete_my_data`` sets the slot ``forget_me``, and
when this store is asked to save a tracker with that slot set, it deletes all of the sender's rows instead
of writing any. The learner's next message starts an empty conversation.

A database that cannot be reached raises ``ConversationStoreUnavailable`` from every read and write (never
Rasa's silent fall-back to an in-memory store, see ``bot.stores.unavailable``); connections are checked
before use, so the first turn after the database comes back works, with the conversation's history.

Register it in endpoints.yml: ``tracker_store: {type: bot.stores.forgetting_tracker_store.ForgettingSQLTrackerStore,
dialect: ..., db: ...}`` (any SQLTrackerStore setting works).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs, is_postgresql_url
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import DBAPIError, OperationalError

from bot.stores.unavailable import ConversationStoreUnavailable, let_unavailable_through

logger = logging.getLogger(__name__)
FORGET_SLOT = "forget_me"
# A database host that drops packets fails the turn after this long instead of hanging it.
CONNECT_TIMEOUT_SECONDS = 3
T = TypeVar("T")

let_unavailable_through()


def _is_unreachable(error: Exception) -> bool:
    return isinstance(error, OperationalError) or (isinstance(error, DBAPIError) and error.connection_invalidated)


class ForgettingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        engine_kwargs = create_engine_kwargs(url)
        if is_postgresql_url(url):
            # A host that stops answering fails a turn in seconds: on connecting, and on a pooled connection
            # (TCP keepalives and libpq's tcp_user_timeout), never after the kernel's 15-minute retransmits.
            connect_args = dict(engine_kwargs.get("connect_args", {}))
            connect_args.update(connect_timeout=CONNECT_TIMEOUT_SECONDS, keepalives=1, keepalives_idle=5,
                                keepalives_interval=2, keepalives_count=2,
                                tcp_user_timeout=CONNECT_TIMEOUT_SECONDS * 1000)
            engine_kwargs["connect_args"] = connect_args
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **engine_kwargs)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def _reachable(self, call: Callable[[], Awaitable[T]]) -> T:
        try:
            return await call()
        except DBAPIError as error:
            if not _is_unreachable(error):
                raise
            logger.warning("conversation store unreachable: %s", error.__class__.__name__)
            raise ConversationStoreUnavailable("the conversation database could not be reached") from error

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        return await self._reachable(lambda: super(ForgettingSQLTrackerStore, self).retrieve(sender_id))

    async def retrieve_full_tracker(self, sender_id: str) -> DialogueStateTracker | None:
        return await self._reachable(lambda: super(ForgettingSQLTrackerStore, self).retrieve_full_tracker(sender_id))

    async def keys(self) -> Any:
        return await self._reachable(lambda: super(ForgettingSQLTrackerStore, self).keys())

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.get_slot(FORGET_SLOT):
            deleted = await self._reachable(self._forget_async(tracker.sender_id))
            logger.info("deleted %d tracker events of a learner who asked to be forgotten", deleted)
            return
        await self._reachable(lambda: super(ForgettingSQLTrackerStore, self).save(tracker))

    def _forget_async(self, sender_id: str) -> Callable[[], Awaitable[int]]:
        async def forget() -> int:
            return self.forget(sender_id)
        return forget

    def forget(self, sender_id: str) -> int:
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete(
                synchronize_session=False)
            session.commit()
        return deleted
