"""A choice of goal the adviser offered ("Cloud security covers several kinds of job. Which one?") and is waiting on.

The offer is kept in the ``goal_choice`` slot until it is answered, so a learner who goes past the buttons does not
lose the goal they said: a later message naming one of the choices (by name, by number, or a close spelling) takes
it; anything else is processed as usual, and the adviser comes back to the choice once before it recommends or asks
for a goal as if none had been said (actions/advising.py).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Any

from rapidfuzz import fuzz
from rasa_sdk import Tracker

from catalog.advice import wording
from catalog.catalogue.taxonomy import Taxonomy
from catalog.reading.cue_words import load_cue_words

SLOT = "goal_choice"
# A close spelling of a choice's name ("cloud solution architect") is taken at this similarity or above; lower
# than that, a message about something else ("I know cloud security") would pick a role for the learner.
NAME_SIMILARITY = 90
# Numbers ("2", "the second one") and single distinctive words ("the architect one") refer to the choice only in a
# short reply to the offer itself; in a longer message or later on they mean something else.
SHORT_REPLY_WORDS = 5
ORDINALS = {"1": 0, "1st": 0, "first": 0, "2": 1, "2nd": 1, "second": 1, "two": 1, "3": 2, "3rd": 2, "third": 2,
            "three": 2, "4": 3, "4th": 3, "fourth": 3, "four": 3, "last": -1}
DECLINE_INTENTS = {"deny"}
GENERIC_WORDS = load_cue_words()["choice_generic_words"]  # data/cue_words.yaml


@dataclass(frozen=True)
class PendingChoice:
    """What the offer said, so it can be asked again with the same wording and buttons."""

    title: str  # as the learner said it ("Cloud Security")
    choices: list[str]
    occupation: str = ""  # O*NET's name for the title, when it has one
    several: bool = False  # the title covers several kinds of job (else: one we don't cover, with closest roles)
    asked_again: bool = False
    proposed: str | None = None  # the choice offered as the default when asked again

    def as_slot(self) -> dict[str, Any]:
        return asdict(self)


def pending_choice(tracker: Tracker) -> PendingChoice | None:
    value = tracker.get_slot(SLOT)
    if not isinstance(value, dict) or not value.get("choices"):
        return None
    known = {k: value[k] for k in PendingChoice.__dataclass_fields__ if k in value}
    known["choices"] = [c for c in known.get("choices") or [] if isinstance(c, str)]
    return PendingChoice(**{"title": "", **known}) if known["choices"] else None


def asked_again(pending: PendingChoice, proposed: str | None) -> dict[str, Any]:
    return replace(pending, asked_again=True, proposed=proposed).as_slot()


def _previous_bot_buttons(tracker: Tracker) -> list[str]:
    """Payloads of the buttons on the assistant's last message before the learner's latest one."""
    users = [i for i, e in enumerate(tracker.events) if e.get("event") == "user"]
    before = tracker.events[:users[-1]] if users else tracker.events
    for event in reversed(before):
        if event.get("event") == "bot":
            return [b.get("payload") for b in (event.get("data") or {}).get("buttons") or [] if isinstance(b, dict)]
    return []


def just_offered(tracker: Tracker, pending: PendingChoice) -> bool:
    """The message is a reply to the offer: the assistant's last message carried the choice's buttons."""
    offered = [b["payload"] for b in wording.role_buttons(pending.choices)]
    return bool(offered) and _previous_bot_buttons(tracker) == offered


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def named_choice(text: str, pending: PendingChoice, taxonomy: Taxonomy, reply_to_offer: bool) -> str | None:
    """The one choice the message names, or None when it names none or several."""
    said = _normal(text)
    if not said:
        return None
    names = {c: [_normal(c), *(_normal(a) for a in getattr(taxonomy.roles.get(c), "aliases", ()))]
             for c in pending.choices}
    exact = [c for c, forms in names.items() if any(f and re.search(rf"\b{re.escape(f)}\b", said) for f in forms)]
    if len(exact) == 1:
        return exact[0]
    if exact:
        return None
    close = [c for c, forms in names.items()
             if any(len(f) >= 8 and len(said) >= 0.6 * len(f) and fuzz.partial_ratio(f, said) >= NAME_SIMILARITY
                    for f in forms)]
    if len(close) == 1:
        return close[0]
    words = said.split()
    if close or not reply_to_offer or len(words) > SHORT_REPLY_WORDS:
        return None
    places = {ORDINALS[w] for w in words if w in ORDINALS}
    if len(places) == 1:
        place = places.pop()
        return pending.choices[place] if -len(pending.choices) <= place < len(pending.choices) else None
    # "the architect one": a word of exactly one choice's name
    distinctive = [c for c in pending.choices
                   if any(w not in GENERIC_WORDS and len(w) >= 4 and w in _normal(c).split()
                          and not any(w in _normal(o).split() for o in pending.choices if o != c) for w in words)]
    return distinctive[0] if len(distinctive) == 1 else None


@dataclass(frozen=True)
class Answer:
    goal: str | None = None  # the choice taken
    declined: bool = False  # "no" to the offer itself: the choice is dropped


def answer_to(pending: PendingChoice, tracker: Tracker, taxonomy: Taxonomy,
              not_goals: set[str] | frozenset[str] = frozenset()) -> Answer | None:
    """How this message answers the pending choice, if it does; ``not_goals`` are roles it names as the learner's
    own job ("I'm a cloud solutions architect"), which are no answer."""
    intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
    reply = just_offered(tracker, pending)
    named = None if set(pending.choices) & not_goals else \
        named_choice(tracker.latest_message.get("text") or "", pending, taxonomy, reply)
    if named:
        return Answer(goal=named)
    if reply and intent == "affirm" and pending.proposed in pending.choices:
        return Answer(goal=pending.proposed)  # "yes" to "Did you mean X?"
    if reply and intent in DECLINE_INTENTS:
        return Answer(declined=True)
    return None


def taken_this_turn(tracker: Tracker) -> bool:
    """The learner's latest message answered a pending choice (the slot action set the goal and dropped the choice)."""
    users = [i for i, e in enumerate(tracker.events) if e.get("event") == "user"]
    after = tracker.events[users[-1] + 1:] if users else []
    slots = {e.get("name"): e.get("value") for e in after if e.get("event") == "slot"}
    return SLOT in slots and slots[SLOT] is None and bool(slots.get("career_goal"))
