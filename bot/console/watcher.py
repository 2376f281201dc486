"""Watches paused conversations for what cannot wait for a counsellor to read them.

While a case is open, Rasa answers nothing (the conversation is paused), so a learner who writes "I don't
want to be here anymore" to a paused chat would get no reply at all. Rasa still parses and stores those
messages, with the ``concern`` entities of ConcernGuard; this watcher reads them every few seconds, and for
distress or risk of harm raises the case's priority (same rules as the assistant) and sends the caring reply
with the emergency contacts at once (the domain's own response, run through Rasa's HTTP API, which works
while paused). A request to delete one's data is noted on the case for the counsellor.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from bot.console.rasa_client import RasaClient, RasaUnavailable
from catalog.triage.rules import triage
from catalog.triage.store import CaseStore

logger = logging.getLogger(__name__)


def _marker(event: dict[str, Any]) -> str:
    return f"[event {event.get('timestamp')}]"


def _since_pause(tracker: dict[str, Any]) -> list[dict[str, Any]]:
    events = tracker.get("events", [])
    last = max((i for i, e in enumerate(events) if e.get("event") == "pause"), default=None)
    return [e for e in events[last + 1:] if e.get("event") == "user"] if last is not None else []


async def check_paused_conversations(store: CaseStore, rasa: RasaClient) -> int:
    """One pass over the open cases; returns how many messages it acted on."""
    acted = 0
    for case in store.queue():
        try:
            tracker = await rasa.tracker(case["sender_id"])
        except RasaUnavailable as exc:
            logger.warning("watcher: no transcript for case %s (%s)", case["id"], exc)
            continue
        if not tracker.get("paused"):
            continue
        done = " ".join(e.get("text") or "" for e in (store.get(case["id"]) or {}).get("log", []))
        for event in _since_pause(tracker):
            if _marker(event) in done:
                continue
            parse = event.get("parse_data") or {}
            intent = (parse.get("intent") or {}).get("name")
            concern = next((e.get("value") for e in parse.get("entities") or [] if e.get("entity") == "concern"), None)
            if concern or intent == "distress":
                why = triage("distress", concern)
                store.open_or_add(case["sender_id"], case["channel"], why.priority, why.reason, why.rule,
                                  case["summary"], event.get("text"))
                response = "utter_risk_of_harm" if why.reason in ("risk_of_harm", "possible_risk") \
                    else "utter_distress_care"
                try:
                    await rasa.run_response(case["sender_id"], response)
                    store.record(case["id"], "assistant", "escalated", f"{why.rule} Sent {response}. {_marker(event)}")
                except RasaUnavailable as exc:
                    store.record(case["id"], "assistant", "escalated",
                                 f"{why.rule} The caring reply could NOT be sent ({exc}). {_marker(event)}")
                acted += 1
            elif intent == "delete_data":
                store.record(case["id"], "assistant", "deletion_requested",
                             f"The learner asked for their data to be deleted while waiting. {_marker(event)}")
                acted += 1
    return acted


async def watch_forever(store: CaseStore, rasa: RasaClient, seconds: float) -> None:
    while True:
        try:
            await check_paused_conversations(store, rasa)
        except Exception:  # the watcher must outlive one bad pass
            logger.exception("watcher pass failed")
        await asyncio.sleep(seconds)
