"""What Slack receives (keyword arguments of ``chat.postMessage``) for one channel-neutral bot message.

Slack shows Block Kit: a pathway becomes a header, one section per step (provider, hours, cost, a link,
flags with their reasons in a context line), the totals and the follow-up buttons. ``text`` is always set,
since Slack uses it for notifications and screen readers. Nothing else of the neutral message reaches
``chat.postMessage``: a raw dict there would be sent as unknown API arguments.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.channels.neutral import buttons_of, pathway_of, text_parts
from catalog.advice import wording

MAX_BUTTONS = 5  # Slack's limit for one actions block that the chat keeps readable
MAX_SECTION = 3000  # characters in a section's text
MAX_BLOCKS = 50
ALLOWED_CUSTOM_KEYS = {"text", "blocks", "attachments"}


def escape(text: str) -> str:
    """Slack's mrkdwn treats &, < and > as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(text: str, limit: int = MAX_SECTION) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _clip(text)}}


def actions(buttons: list[dict[str, str]]) -> dict[str, Any]:
    return {"type": "actions", "elements": [
        {"type": "button", "text": {"type": "plain_text", "text": _clip(b["title"], 75)}, "value": b["payload"][:2000],
         "action_id": f"reply_{i}"}
        for i, b in enumerate(buttons[:MAX_BUTTONS])]}


def step_blocks(number: int, step: Mapping[str, Any]) -> list[dict[str, Any]]:
    title = escape(step["title"])
    link = f"<{step['url']}|{title}>" if step.get("url") else title
    lines = [f"*{number}. {link}*", escape(" · ".join(wording.step_facts(step)))]
    if wording.step_headline(step):
        headline = escape(wording.step_headline(step))
        lines.append(headline[:1].upper() + headline[1:])
    blocks = [section("\n".join(lines))]
    flags = wording.inline_flags(step)
    if flags:
        blocks.append({"type": "context", "elements": [
            {"type": "mrkdwn", "text": _clip(f"⚠ *{wording.FLAG_LABELS.get(f['kind'], f['kind'])}:* "
                                             f"{escape(f['reason'])}")} for f in flags[:10]]})
    return blocks


def render_pathway(payload: Mapping[str, Any], buttons: list[dict[str, str]]) -> dict[str, Any]:
    empty = wording.empty_pathway_text(payload)
    if empty:
        return render_text(empty, buttons)[0]
    heading = wording.pathway_heading(payload)
    blocks: list[dict[str, Any]] = [section(f"*{escape(heading)}*")]
    for i, step in enumerate(payload["steps"], 1):
        blocks += step_blocks(i, step)
    blocks.append({"type": "divider"})
    closing = [wording.totals_line(payload), *wording.pathway_remarks(payload)]
    blocks.append(section(escape("\n".join(closing))))
    if buttons:
        blocks.append(actions(buttons))
    return {"text": heading, "blocks": blocks[:MAX_BLOCKS]}


def render_text(text: str | None, buttons: list[dict[str, str]]) -> list[dict[str, Any]]:
    parts = text_parts(text)
    if not buttons:
        return [{"text": part} for part in parts]
    body = "\n\n".join(parts) or " "
    if len(buttons) > MAX_BUTTONS:  # more than fit: list them, as a person would read them out
        body += "\n" + "\n".join(f"• {b['title']}" for b in buttons)
        return [{"text": body}]
    return [{"text": body, "blocks": [section(escape(body)), actions(buttons)]}]


def render(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The ``chat.postMessage`` arguments for one bot message, in order."""
    pathway = pathway_of(message)
    buttons = buttons_of(message)
    if pathway is not None:
        return [render_pathway(pathway, buttons)]
    out = render_text(message.get("text"), buttons)
    if message.get("image"):
        out.append({"text": message["image"], "blocks": [
            {"type": "image", "image_url": message["image"], "alt_text": message.get("text") or "image"}]})
    custom = message.get("custom")
    if isinstance(custom, Mapping) and custom.keys() & ALLOWED_CUSTOM_KEYS:
        kept = {k: v for k, v in custom.items() if k in ALLOWED_CUSTOM_KEYS}
        kept.setdefault("text", " ")
        out.append(kept)
    return out
