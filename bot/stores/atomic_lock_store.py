"""A Redis lock store whose every read-modify-write of a conversation's ticket lock is one transaction.

Rasa's ``RedisLockStore`` issues a ticket by reading the lock, adding a ticket and writing it back as
separate commands (RasaHQ/rasa#9213): two Rasa servers taking messages of one conversation at the same
moment can both read the same lock, both issue ticket N, and then process the two messages at once; and
its clean-up deletes the lock after checking that nobody waits, so a ticket issued in between vanishes
and that message fails with a ``LockError``. Here each change runs under ``WATCH``/``MULTI`` (redis-py's
``transaction``), retried when another server changed the lock first, so tickets are unique and a lock is
only deleted when it is empty at the moment of deletion.

Registered in ``endpoints.production.yml`` as ``lock_store: type: bot.stores.atomic_lock_store.AtomicRedisLockStore``
with the same settings as Rasa's ``redis`` lock store (url, port, db, password, key_prefix, socket_timeout).
Tickets are leases, kept alive by the server that holds them: a waiting ticket's expiry is renewed while it
waits, and the served ticket's while its turn runs. Rasa fixes each ticket's expiry when it is issued, so a
message queued behind a server that died mid-turn expired together with the dead ticket (Rasa's store then
waits forever on an empty lock, ours raised ``LockError``), and a turn longer than the lifetime lost its
lock to the next message. With renewal, ``TICKET_LOCK_LIFETIME`` only bounds how long a dead server's ticket
blocks its conversation (run_prod.sh sets 10 s), whatever the length of a turn or of the queue.

A Redis that refuses or stops answering raises ``LockStoreUnavailable`` (a ``LockError``), which the channel
layer tells the learner, instead of a bare Redis error; redis-py reconnects by itself when Redis is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncGenerator, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import RedisError

from bot.stores.unavailable import LockStoreUnavailable

T = TypeVar("T")
# How often a waiting message looks at the lock: Rasa's 1 s adds up to a second to every queued turn.
POLL_SECONDS = 0.05
# Ticket numbers never repeat within this long of a conversation's last message (see ``issue_ticket``).
ISSUED_NUMBERS_TTL_SECONDS = 24 * 3600
logger = logging.getLogger(__name__)


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` with atomic ticket operations (same constructor, same key layout)."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        """Rasa builds a custom lock store with ``endpoint_config``; its ``url`` is the Redis host, as for
        Rasa's own ``redis`` type. Tests pass ``host``, ``port``, ``db`` ... directly."""
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: str, change: Callable[[TicketLock | None], tuple[TicketLock | None, T]]) -> T:
        """Apply ``change`` to the stored lock in one optimistic transaction; a lock left with no ticket
        is deleted, never saved empty."""
        key = self.key_prefix + conversation_id
        outcome: list[T] = []

        def step(pipe: Any) -> None:
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            new_lock, value = change(lock)
            pipe.multi()
            if new_lock is None or not new_lock.tickets:
                pipe.delete(key)
            else:
                pipe.set(key, new_lock.dumps())
            outcome[:] = [value]

        try:
            self.red.transaction(step, key)
        except RedisError as exc:
            raise LockStoreUnavailable(f"Redis could not be reached ({exc.__class__.__name__})") from exc
        return outcome[0]

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        try:
            return super().get_lock(conversation_id)
        except RedisError as exc:
            raise LockStoreUnavailable(f"Redis could not be reached ({exc.__class__.__name__})") from exc

    def _issued_key(self, conversation_id: str) -> str:
        """Beside the lock, never equal to a lock key (those all start with ``key_prefix``)."""
        return self.key_prefix.rstrip(":") + "-issued:" + conversation_id

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """A ticket number never issued before for this conversation. Rasa numbers from the lock's last
        ticket, so once a lock empties (its holder finished, or its ticket expired while the holder still
        ran) numbering restarts at 0, and the late holder's clean-up would remove the new holder's ticket.
        The highest number issued is kept in its own key, changed in the same transaction."""
        key, issued_key = self.key_prefix + conversation_id, self._issued_key(conversation_id)
        outcome: list[int] = []

        def step(pipe: Any) -> None:
            raw, issued = pipe.get(key), pipe.get(issued_key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else self.create_lock(conversation_id)
            lock.remove_expired_tickets()
            number = max(int(issued) if issued is not None else -1, lock.last_issued) + 1
            lock.tickets.append(Ticket(number, time.time() + lock_lifetime))
            pipe.multi()
            pipe.set(key, lock.dumps())
            pipe.set(issued_key, number, ex=ISSUED_NUMBERS_TTL_SECONDS)
            outcome[:] = [number]

        try:
            self.red.transaction(step, key, issued_key)
        except RedisError as exc:
            raise LockStoreUnavailable(f"Redis could not be reached ({exc.__class__.__name__})") from exc
        except Exception as exc:  # as Rasa's own store reports it, so the server answers the same way
            raise LockError(f"Error while acquiring lock. Error:\n{exc}") from exc
        return outcome[0]

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Finish the ticket; the lock goes only if no ticket is left at that moment."""
        self.finish_serving(conversation_id, ticket_number)

    def renew(self, conversation_id: str, ticket_number: int, lock_lifetime: float) -> bool:
        """Push ``ticket_number``'s expiry to now + ``lock_lifetime`` and drop expired tickets; False when the
        ticket is gone (expired while this server could not reach Redis)."""
        def extend(lock: TicketLock | None) -> tuple[TicketLock | None, bool]:
            if lock is None:
                return None, False
            mine = next((t for t in lock.tickets if t.number == ticket_number), None)
            if mine is not None:
                mine.expires = time.time() + lock_lifetime
            lock.remove_expired_tickets()
            return lock, mine is not None

        return self._change(conversation_id, extend)

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = POLL_SECONDS) -> AsyncGenerator[TicketLock, None]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        keep_alive: asyncio.Task | None = None
        try:
            lock = await self._wait_for_turn(conversation_id, ticket, lock_lifetime, wait_time_in_seconds)
            keep_alive = asyncio.create_task(self._keep_alive(conversation_id, ticket, lock_lifetime))
            yield lock
        finally:
            if keep_alive is not None:
                keep_alive.cancel()
                with contextlib.suppress(asyncio.CancelledError, LockError):
                    await keep_alive
            try:
                self.cleanup(conversation_id, ticket)
            except LockStoreUnavailable as exc:
                # The turn is done (or failed on its own): an unfinished ticket expires by itself, and
                # raising here would tell the learner a saved message was lost, or hide the turn's error.
                logger.warning("could not finish ticket %d of %s: %s", ticket, conversation_id, exc)

    async def _wait_for_turn(self, conversation_id: str, ticket: int, lock_lifetime: float,
                             poll_seconds: float) -> TicketLock:
        while True:
            lock = self.get_lock(conversation_id)
            if lock is None or all(t.number != ticket for t in lock.tickets):
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}': its ticket expired.")
            if not lock.is_locked(ticket):
                return lock
            await asyncio.sleep(poll_seconds)
            self.renew(conversation_id, ticket, lock_lifetime)

    async def _keep_alive(self, conversation_id: str, ticket: int, lock_lifetime: float) -> None:
        while True:
            await asyncio.sleep(lock_lifetime / 3)
            try:
                if not self.renew(conversation_id, ticket, lock_lifetime):
                    logger.error("the lock of %s expired during a turn (ticket %d); another message may be "
                                 "processed at the same time", conversation_id, ticket)
                    return
            except LockStoreUnavailable as exc:  # a Redis blip: keep trying while the turn runs
                logger.warning("could not renew the lock of %s: %s", conversation_id, exc)
