"""What the finder read of a message, in the shape the reading tests compare."""

from __future__ import annotations

from catalog.reading.mentions import MentionFinder


def skill_roles(finder: MentionFinder, text: str) -> dict[str, str]:
    """{skill or tool: has|lacks} for ``text``."""
    return {m.value: m.role for m in finder.find(text) if m.kind in ("skill", "tool")}
