"""What the website widget receives over socket.io, from one channel-neutral bot message.

The shapes are rasa-webchat's (``{text}``, ``{text, quick_replies}``, an image, a generic-template
``attachment``), so any Rasa widget shows the pathway as cards. The template's payload also carries a
``pathway`` view with every fact already worded (flag labels and reasons, totals, a timeline), which our
own widget (bot/widget/) lays out in full; a widget never composes learner-facing text itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.channels.neutral import buttons_of, pathway_of, text_parts
from catalog.advice import wording


def quick_replies(buttons: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{"content_type": "text", "title": b["title"], "payload": b["payload"]} for b in buttons]


def _texts(text: str | None, buttons: list[dict[str, str]]) -> list[dict[str, Any]]:
    parts = text_parts(text) or ([""] if buttons else [])
    messages: list[dict[str, Any]] = [{"text": part} for part in parts]
    if buttons and messages:
        messages[-1]["quick_replies"] = quick_replies(buttons)
    return messages


def step_view(number: int, step: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "number": number,
        "id": step["id"],
        "title": step["title"],
        "provider": step["provider"],
        "url": step.get("url"),
        "facts": wording.step_facts(step),
        "duration": wording.step_duration(step),
        "duration_estimated": bool(step.get("hours_estimated")),
        "price": wording.step_price(step),
        "headline": wording.step_headline(step),
        "skills": list(step.get("covers") or step.get("skills") or []),
        "why": step.get("why"),
        "flags": [{"kind": f["kind"], "label": wording.FLAG_LABELS.get(f["kind"], f["kind"].title()),
                   "reason": f["reason"]} for f in step.get("flags", [])],
    }


def timeline_view(payload: Mapping[str, Any]) -> dict[str, Any]:
    entries = []
    for entry in wording.timeline(payload):
        if entry["weeks"] is None:
            label = "time not stated"
        else:
            start = int(entry["start_week"]) + 1
            end = max(start, round(entry["start_week"] + entry["weeks"] + 0.49))
            label = f"week {start}" if end == start else f"weeks {start}–{end}"
            label += " (estimated)" if entry["estimated"] else ""
        entries.append({**entry, "label": label})
    known = [e for e in entries if e["weeks"] is not None]
    finish = round(sum(e["weeks"] for e in known) + 0.49) if known else None
    summary = wording.pace_text(payload) + (
        f", you would finish in about {finish} week{'s' if finish != 1 else ''}" if finish else
        ", the steps state no hours, so no finish date can be given")
    if known and len(known) < len(entries):
        summary += " (steps without stated hours not counted)"
    return {"entries": entries, "summary": summary + "."}


def pathway_view(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "goal": payload["goal"],
        "heading": wording.pathway_heading(payload),
        "steps": [step_view(i, s) for i, s in enumerate(payload["steps"], 1)],
        "totals": wording.totals_line(payload),
        "remarks": wording.pathway_remarks(payload),
        "uncovered": [u for u in payload.get("uncovered", []) if u not in payload.get("practice_skills", [])],
        "timeline": timeline_view(payload),
    }


def card(number: int, step: Mapping[str, Any]) -> dict[str, Any]:
    """A generic-template element; rasa-webchat needs ``buttons`` on every element."""
    flags = [wording.FLAG_LABELS.get(f["kind"], f["kind"]) for f in wording.inline_flags(step)]
    subtitle = " · ".join(wording.step_facts(step))
    if wording.step_headline(step):
        subtitle += f" — {wording.step_headline(step)}"
    if flags:
        subtitle += f" ⚠ {', '.join(flags)}"
    buttons = [{"type": "postback", "title": f"Why step {number}?", "payload": f"Why step {number}?"}]
    if step.get("url"):
        buttons.insert(0, {"type": "web_url", "url": step["url"], "title": "Provider page"})
    return {"title": f"{number}. {step['title']}", "subtitle": subtitle, "buttons": buttons}


def render_pathway(payload: dict[str, Any], buttons: list[dict[str, str]]) -> list[dict[str, Any]]:
    empty = wording.empty_pathway_text(payload)
    if empty:
        return _texts(empty, buttons)
    view = pathway_view(payload)
    cards = {"attachment": {"type": "template", "payload": {
        "template_type": "generic",
        "elements": [card(i, s) for i, s in enumerate(payload["steps"], 1)],
        "pathway": view,
    }}}
    closing = "\n".join([view["totals"], *view["remarks"]])
    return [{"text": view["heading"]}, cards, *_texts(closing, buttons)]


def render(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The socket.io messages for one bot message, in order; unknown parts are passed on, never raised on."""
    pathway = pathway_of(message)
    buttons = buttons_of(message)
    if pathway is not None:
        return render_pathway(pathway, buttons)
    out = _texts(message.get("text"), buttons)
    if message.get("error") and out:  # the widget shows a failed turn as an error bubble
        out[0]["error"] = message["error"]
    if message.get("image"):
        out.append({"attachment": {"type": "image", "payload": {"src": message["image"]}}})
    if message.get("attachment"):
        out.append({"attachment": message["attachment"]})
    for element in message.get("elements") or []:
        out.append({"attachment": {"type": "template", "payload": {"template_type": "generic",
                                                                    "elements": element}}})
    if message.get("custom") is not None:
        out.append({"custom": message["custom"]})
    return out
