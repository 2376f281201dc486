"""O*NET's named tools as part of the extractor's vocabulary: what each written form stands for.

People name the software they work in ("we use Kareo for billing", "Xactimate daily") far more often than the
skills a taxonomy lists. O*NET names 8,768 such tools with their commodity class; ``derive_onet_tools.py``
derived how each is written and which are a taxonomy skill. This module turns that into what the
``MentionFinder`` matches: a form of a tool that *is* a skill reads as the skill; any other form reads as a
tool with its class ("Kareo: medical software"), never as a skill.

One rule for every ambiguous name, from data rather than a rule per word: a form that is an ordinary English
word or two letters or fewer (``common`` in ``tool_forms.tsv``: "Word", "Teams", "Zoom", "Square") is looked for
only as O*NET capitalises it, and then counts only where the context says tool (see ``licensed_tool`` in
``mentions.py``): a usage cue before it ("use", "know", "familiar with"), a skill or tool beside it in a list,
a skill noun after it, or a message (else a learner) in the industry that mostly uses it.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

from catalog.catalogue.onet import OnetVocabulary, Tool
from catalog.catalogue.taxonomy import Taxonomy
from catalog.reading.industry_context import IndustryContext

# An industry "mostly uses" a tool when at least this share of the occupations O*NET lists for it are in it:
# Canvas is education's, Teams is everyone's and so no one industry's.
INDUSTRY_SHARE = 0.5


@dataclass(frozen=True)
class ToolEntry:
    """A form the finder matches, and what it stands for."""

    text: str  # as O*NET writes it ("Kareo", "Microsoft Word")
    tool: Tool
    skill: str | None  # the taxonomy skill this tool is (tool_skills.tsv), or None: it stays a tool
    counts_toward: str | None  # a skill its class counts toward (tool_class_skills.tsv, counts=yes)
    common: bool
    fuzzy: bool
    industries: frozenset[str]


def tool_industries(tool: Tool, context: IndustryContext) -> frozenset[str]:
    """Industries at least ``INDUSTRY_SHARE`` of the tool's occupations are in."""
    found = Counter(i for i in (context.of_code(c) for c in tool.codes) if i)
    total = len(tool.codes) or 1
    return frozenset(i for i, n in found.items() if n / total >= INDUSTRY_SHARE)


def class_label(kind: str) -> str:
    """"Medical software" -> "medical software"; "CAD software" stays as written (an abbreviation leads)."""
    first = kind.split(" ", 1)[0]
    return kind if first.isupper() else kind[:1].lower() + kind[1:]


class ToolLexicon:
    """Every tool form the taxonomy does not already read, keyed by its text."""

    def __init__(self, taxonomy: Taxonomy, onet: OnetVocabulary, context: IndustryContext) -> None:
        taken = {f.text.lower() for f in taxonomy.surface_forms()}
        unknown = sorted({s for s in onet.tool_skills.values() if s not in taxonomy.skills})
        if unknown:
            raise ValueError(f"tool_skills.tsv names skills the taxonomy lacks: {', '.join(unknown[:5])}")
        self.entries: dict[str, ToolEntry] = {}
        for form in onet.tool_forms:
            if form.text.lower() in taken or "|" in form.text:
                continue
            tool = onet.tool(form.tool)
            if tool is None:
                continue
            counted = onet.class_skills.get(tool.kind)
            counts = counted.skill if counted and counted.counts and counted.skill in taxonomy.skills else None
            self.entries[form.text] = ToolEntry(form.text, tool, onet.tool_skills.get(tool.name), counts,
                                                form.common, form.fuzzy, tool_industries(tool, context))

    def get(self, text: str) -> ToolEntry | None:
        return self.entries.get(text)


@functools.lru_cache(maxsize=4)
def tool_lexicon_for(taxonomy: Taxonomy, onet: OnetVocabulary, context: IndustryContext) -> ToolLexicon:
    return ToolLexicon(taxonomy, onet, context)
