"""Reading the channel-neutral bot message that Rasa hands an output channel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def pathway_of(message: Mapping[str, Any]) -> dict[str, Any] | None:
    """The ``pathway`` payload a message carries, if any."""
    custom = message.get("custom")
    if isinstance(custom, Mapping) and custom.get("type") == "pathway" and isinstance(custom.get("steps"), list):
        return dict(custom)
    return None


def buttons_of(message: Mapping[str, Any]) -> list[dict[str, str]]:
    """Buttons or quick replies, as ``{"title", "payload"}`` with both present and textual."""
    out = []
    for b in message.get("buttons") or message.get("quick_replies") or []:
        if isinstance(b, Mapping) and b.get("title") and b.get("payload") is not None:
            out.append({"title": str(b["title"]), "payload": str(b["payload"])})
    return out


def text_parts(text: str | None) -> list[str]:
    """Rasa's convention: a blank line splits one text into several chat bubbles."""
    return [part for part in (text or "").strip().split("\n\n") if part.strip()]
