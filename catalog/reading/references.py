"""Which step or credential a follow-up is about: "step 2", "the second one", "the Google certificate"."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from catalog.catalogue.index import CatalogIndex, IndexedCredential
from catalog.reading.cue_words import load_cue_words

ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}

def step_reference(text: str, steps: int, default: int | None = None) -> int | None:
    """Which step a follow-up is about: 'step 2', 'the second one', 'the last one', 'this one'."""
    low = text.lower()
    match = re.search(r"\b(?:step|number|no\.?|#)\s*(\d+)\b", low) or re.search(r"#(\d+)\b", low)
    if match:
        return int(match.group(1))
    if re.search(r"\b(last|final)\b", low) and steps:
        return steps
    for word, n in ORDINALS.items():
        if re.search(rf"\b{word}\b(?:\s+(?:one|step|course|credential|certificate|badge))?", low) and (
            word not in ("one", "two", "three", "four", "five") or re.search(rf"\b(?:step|number)\s+{word}\b", low)
        ):
            return n
    return default


def find_credential(text: str, index: CatalogIndex, prefer_ids: list[str] | None = None) -> IndexedCredential | None:
    """A credential a person names loosely ('the Google certificate'), looking in their pathway first."""
    low = text.lower()
    prefer = [index.get(i) for i in (prefer_ids or []) if index.get(i)]
    for item in prefer:  # provider or title words of a pathway step
        names = {item.provider_name.lower(), item.record.provider.lower()}
        if item.record.platform and item.record.platform in index.providers:
            names.add(index.providers[item.record.platform].name.lower())
        if any(re.search(rf"\b{re.escape(n)}\b", low) for n in names if len(n) >= 3):
            return item
        if fuzz.partial_ratio(item.record.title.lower(), low) >= 90:
            return item
    titles = {item.record.title.lower(): item.id for item in index.by_id.values()}
    match = process.extractOne(low, list(titles), scorer=fuzz.token_set_ratio, score_cutoff=80)
    return index.get(titles[match[0]]) if match else None


def asks_about_whole_pathway(text: str) -> bool:
    """A time or money question about the pathway as a whole ("how long will the whole thing take?",
    "when would I finish?"), by its cue words."""
    words = set(re.findall(r"[a-z']+", text.lower()))
    cues = load_cue_words()
    return bool(words & cues["whole_pathway"]) and bool(words & cues["time_or_money"])
