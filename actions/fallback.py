"""Two-stage fallback: first ask to rephrase; the second time, say what the assistant can do and hand over."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import goal_choice
from actions.advising import ActionAdvise
from actions.catalog_service import catalog_service
from actions.constraint_slots import CONSTRAINT_SLOTS
from actions.longtail import reply_with_credential_comparison
from actions.triage import open_case
from catalog.advice import wording
from catalog.reading.references import named_credentials

MAX_NAMED = 2  # "SHRM-CP vs aPHR?": facts of both, side by side


# The slots that hold what the learner has said about themselves and their limits.
PROFILE_SLOTS = frozenset({"career_goal", "current_skills", "current_tools", "background_roles", *CONSTRAINT_SLOTS})


def profile_changed_this_turn(tracker: Tracker) -> bool:
    """Did the latest message change the learner's profile (a slot of PROFILE_SLOTS set to a new value)?"""
    users = [i for i, e in enumerate(tracker.events) if e.get("event") == "user"]
    if not users:
        return False
    before: dict[str, object] = {}
    for event in tracker.events[:users[-1]]:
        if event.get("event") == "slot":
            before[event.get("name")] = event.get("value")
    return any(e.get("event") == "slot" and e.get("name") in PROFILE_SLOTS
               and e.get("value") not in (None, [], before.get(e.get("name")))
               for e in tracker.events[users[-1] + 1:])


def previous_user_intent(tracker: Tracker) -> str | None:
    users = [e for e in tracker.events if e.get("event") == "user"]
    if len(users) < 2:
        return None
    return ((users[-2].get("parse_data") or {}).get("intent") or {}).get("name")


class ActionTwoStageFallback(Action):
    """Rasa's built-in version asks "Did you mean 'out_of_scope'?", which helps nobody."""

    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if goal_choice.taken_this_turn(tracker):
            # "2", "the second one": unclear to the intent model, but an answer to the choice of goal just offered
            # (the slot action took it); reverting the message would drop that goal again.
            return await ActionAdvise().run(dispatcher, tracker, domain)
        # A question the intent model can't place but that names credentials gets them side by side ("SHRM-CP
        # vs aPHR?") or the one credential's facts ("is the CWI worth it?") rather than a request to rephrase.
        if reply_with_credential_comparison(dispatcher, tracker):
            return []
        if profile_changed_this_turn(tracker):
            # "i lean toward online tbh", "2000 CAD": the intent model can't place it, but the readers took a
            # limit, a skill or a goal from it; carrying on with that beats asking to rephrase what was understood.
            return await ActionAdvise().run(dispatcher, tracker, domain)
        named = named_credentials(tracker.latest_message.get("text") or "", catalog_service().index)[:MAX_NAMED]
        if named:
            dispatcher.utter_message(text=wording.named_credentials_answer(named))
            return []
        if previous_user_intent(tracker) == "nlu_fallback":
            # Two misunderstandings in a row: a person takes over rather than a third guess.
            dispatcher.utter_message(response="utter_default")
            return open_case(dispatcher, tracker, "not_understood")
        dispatcher.utter_message(response="utter_ask_rephrase")
        # Forget the unclear message so it does not steer the next prediction.
        return [UserUtteranceReverted()]
