"""Rasa's SQL tracker store, able to forget a learner who asked for their data to be deleted.

The action server cannot delete tracker rows itself: Rasa holds the tracker in memory during the turn and
would write every event back when it saves. So ``action_delete_my_data`` sets the slot ``forget_me``, and
when this store is asked to save a tracker with that slot set, it deletes all of the sender's rows instead
of writing any. The learner's next message starts an empty conversation.

Register it in endpoints.yml: ``tracker_store: {type: bot.stores.forgetting_tracker_store.ForgettingSQLTrackerStore,
dialect: ..., db: ...}`` (any SQLTrackerStore setting works).
"""

from __future__ import annotations

import logging

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)
FORGET_SLOT = "forget_me"


class ForgettingSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.get_slot(FORGET_SLOT):
            deleted = self.forget(tracker.sender_id)
            logger.info("deleted %d tracker events of a learner who asked to be forgotten", deleted)
            return
        await super().save(tracker)

    def forget(self, sender_id: str) -> int:
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete(
                synchronize_session=False)
            session.commit()
        return deleted
