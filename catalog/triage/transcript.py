"""A conversation's messages and hand-over markers, read from Rasa's serialised tracker events.

The case summary (written by the action server) and the console's case page (read from Rasa's HTTP API)
see the same events, so they read them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def transcript_of(tracker: dict[str, Any]) -> list[dict[str, Any]]:
    return transcript_of_events(tracker.get("events", []))


def transcript_of_events(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Messages and hand-over markers, in order, as the case page shows them."""
    out = []
    for e in events:
        kind = e.get("event")
        if kind == "user" and e.get("text") is not None:
            out.append({"from": "learner", "text": e.get("text") or "", "at": e.get("timestamp")})
        elif kind == "bot" and (e.get("text") or (e.get("data") or {}).get("custom")):
            counsellor = (e.get("metadata") or {}).get("counsellor")
            out.append({"from": f"counsellor {counsellor}" if counsellor else "assistant",
                        "text": e.get("text") or "[pathway]", "at": e.get("timestamp")})
        elif kind in ("pause", "resume"):
            out.append({"from": "system", "text": "conversation paused for a counsellor" if kind == "pause"
                        else "handed back to the assistant", "at": e.get("timestamp")})
    return out
