"""A store that cannot be reached is said to be down, never replaced by one that forgets.

Rasa wraps every tracker store in ``FailSafeTrackerStore``: when PostgreSQL is down, ``retrieve`` returns
``None`` (the learner's next turn starts a brand-new conversation, greeting and all) and ``save`` writes to
an in-memory store that the next request, on another server or after the database is back, never sees.
The learner is told nothing and the turn's events are lost. Our stores raise ``StoreUnavailable`` instead,
and the channel layer (``bot.channels.turns``) tells the learner that the message was not saved.

Rasa constructs that wrapper itself in ``Agent`` with no option to leave it out, so ``let_unavailable_through``
teaches its two error handlers to re-raise our error (they run inside the wrapper's ``except`` blocks, so a
raise there propagates out of ``retrieve``/``save``); any other error keeps Rasa's own behaviour.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasa.core.lock_store import LockError
from rasa.core.tracker_store import FailSafeTrackerStore


class StoreUnavailable(RuntimeError):
    """A store a turn needs did not answer; the turn can neither read nor save the conversation."""


class ConversationStoreUnavailable(StoreUnavailable):
    """The tracker store's database could not be reached."""


class LockStoreUnavailable(StoreUnavailable, LockError):
    """The lock store (Redis) could not be reached; still a ``LockError`` for Rasa's own handlers."""


def _reraising(handler: Callable[[FailSafeTrackerStore, Exception], None]) -> Callable[[FailSafeTrackerStore, Exception], None]:
    def on_error(self: FailSafeTrackerStore, error: Exception) -> None:
        if isinstance(error, StoreUnavailable):
            raise error
        handler(self, error)

    on_error.__doc__ = handler.__doc__
    on_error.lets_unavailable_through = True  # type: ignore[attr-defined]
    return on_error


def let_unavailable_through() -> None:
    """Make ``FailSafeTrackerStore`` propagate ``StoreUnavailable``; idempotent."""
    for name in ("on_tracker_store_error", "on_tracker_store_retrieve_error"):
        current: Any = getattr(FailSafeTrackerStore, name)
        if not getattr(current, "lets_unavailable_through", False):
            setattr(FailSafeTrackerStore, name, _reraising(current))
