"""Which step or credential a follow-up is about: "step 2", "the second one", "the Google certificate"."""

from __future__ import annotations

import math
import re
import weakref
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from catalog.catalogue.index import CatalogIndex, IndexedCredential
from catalog.catalogue.taxonomy import default_taxonomy
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


# "Certified Welding Inspector (CWI)", "CFA Program (Chartered Financial Analyst)": the bracketed part and a
# leading all-capitals word are names people use on their own ("is the CWI worth it?").
BRACKETED = re.compile(r"\(([^()]{2,40})\)")
LEADING_ACRONYM = re.compile(r"^([A-Z][A-Z0-9+&-]{2,9})\b")
_short_names: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def short_names(index: CatalogIndex) -> dict[str, str]:
    """Lower-cased short names of credentials (acronyms, bracketed names) -> id; a name two credentials share
    is left out, since it names neither for sure."""
    if index in _short_names:
        return _short_names[index]
    owners: dict[str, set[str]] = {}
    for item in index.by_id.values():
        title = item.record.title
        names = [m.strip() for m in BRACKETED.findall(title)]
        lead = LEADING_ACRONYM.match(title)
        if lead:
            names.append(lead.group(1))
        for name in names:
            if any(c.isupper() for c in name) and len(name) >= 3:
                owners.setdefault(name.lower(), set()).add(item.id)
    names_to_id = {name: next(iter(ids)) for name, ids in owners.items() if len(ids) == 1}
    _short_names[index] = names_to_id
    return names_to_id


def named_credentials(text: str, index: CatalogIndex) -> list[IndexedCredential]:
    """Credentials the message names by a short name ("CWI", "SHRM-CP vs aPHR"), in the order named."""
    low = text.lower()
    found = []
    for name, credential_id in short_names(index).items():
        match = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", low)
        if match:
            found.append((match.start(), credential_id))
    return [index.by_id[i] for _, i in sorted(found) if i in index.by_id]


def find_credential(text: str, index: CatalogIndex, prefer_ids: list[str] | None = None) -> IndexedCredential | None:
    """A credential a person names loosely ('the Google certificate'), looking in their pathway first."""
    low = text.lower()
    named = named_credentials(text, index)
    if named:
        preferred = [c for c in named if c.id in (prefer_ids or [])]
        return (preferred or named)[0]
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


# A word of a name: letters and digits with the marks names carry inside them ("security+", "saa-c03", "c#").
NAME_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#.&'-]*[a-z0-9+#]|[a-z0-9]\+?")
# How much of a title's distinctive weight a phrase must hold, and by how much it must beat the next title.
MIN_TITLE_COVERAGE = 0.6
MIN_COVERAGE_LEAD = 0.1


def name_tokens(text: str) -> list[str]:
    return NAME_TOKEN.findall(text.lower())


@dataclass(frozen=True)
class _TitleWords:
    """Each title's distinctive words (its generic ones left out) and each word's rarity among titles."""

    words: dict[str, frozenset[str]]  # credential id -> distinctive words of its title
    weight: dict[str, float]  # word -> log(titles / titles with it): "security+" outweighs "google"
    provider_words: tuple[frozenset[str], ...]  # each provider's name, as words
    skill_pattern: re.Pattern[str] | None  # skills (the catalogue's and the taxonomy's forms), as whole words

    def skills_in(self, text: str) -> list[str]:
        return self.skill_pattern.findall(text) if self.skill_pattern else []


_title_words: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def title_words(index: CatalogIndex) -> _TitleWords:
    """The index's title statistics, built once per index (titles change only with the catalogue)."""
    if index in _title_words:
        return _title_words[index]
    generic = load_cue_words()["credential_generic_words"]
    words = {i: frozenset(t for t in name_tokens(item.record.title) if t not in generic)
             for i, item in index.by_id.items()}
    frequency: dict[str, int] = {}
    for ws in words.values():
        for w in ws:
            frequency[w] = frequency.get(w, 0) + 1
    n = max(len(words), 1)
    providers = tuple(frozenset(name_tokens(p.name)) - generic for p in index.providers.values())
    names = {s for item in index.by_id.values() for s in item.skills}
    names |= {f.text for f in default_taxonomy().surface_forms() if f.kind == "skill" and len(f.text) >= 3}
    skills = sorted({" ".join(name_tokens(s)) for s in names} - {""}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w+#])(?:" + "|".join(re.escape(s) for s in skills) + r")(?![\w+#])") if skills \
        else None
    found = _title_words[index] = _TitleWords(words, {w: math.log(1 + n / f) for w, f in frequency.items()},
                                              tuple(p for p in providers if p), pattern)
    return found


def credential_in_phrase(phrase: str, index: CatalogIndex) -> IndexedCredential | None:
    """The credential a short phrase names by its title's words ("google professional cloud architect",
    "the google UX cert"): the title most of whose distinctive weight the phrase holds, if it holds at least
    MIN_TITLE_COVERAGE of it and clearly more than of any other title; else None (no guess between two)."""
    named = named_credentials(phrase, index)
    if named:
        return named[0]
    stats = title_words(index)
    said = {w for w in name_tokens(phrase) if w in stats.weight}  # the phrase's words that titles use
    if not said or any(said <= words for words in stats.provider_words):
        return None  # nothing a title says, or only a provider's name ("interaction design foundation")
    said_weight = sum(stats.weight[w] for w in said)
    # The words of skills the phrase names: "machine learning" or "ux design" is a field, not the Machine
    # Learning Specialization; a title counts only on a word beyond them (an issuer, a level, a product).
    low = " ".join(name_tokens(phrase))
    field_words = {w for skill in stats.skills_in(low) for w in skill.split()}
    scored = []
    for cid, words in stats.words.items():
        shared = words & said
        if not shared or shared <= field_words:
            continue
        weight = sum(stats.weight[w] for w in shared)
        title_share, phrase_share = weight / sum(stats.weight[w] for w in words), weight / said_weight
        if title_share >= MIN_TITLE_COVERAGE:
            # Both ways: "google ux cert" is more the Google UX Design certificate than "UX Certification".
            scored.append((2 * title_share * phrase_share / (title_share + phrase_share), cid))
    scored.sort(reverse=True)
    if not scored:
        return None
    if len(scored) > 1:
        best, runner = scored[0][0], scored[1][0]
        exact = best > 1 - 1e-9 > runner  # every word of the phrase is the title's and the title has no other
        if not exact and best - runner < MIN_COVERAGE_LEAD:
            return None
    return index.by_id[scored[0][1]]


def comparison_sides(text: str) -> list[str]:
    """The phrases a comparison sets against each other: the words on either side of each "vs", "or",
    "than", "compared to" (and of "and" in a message that is a comparison: "the difference between A and
    B"), each reaching to the clause's edge or the next such word."""
    cues = load_cue_words()
    joiners = set(cues["comparison_joiners"]) | {"/"}
    # "vs." and a sentence's last word keep no full stop; "Security+/CySA+" splits at the slash.
    tokens = [t.rstrip(".") or t for t in re.findall(r"[\w+#.&'-]+|[,;:!?()/]", text.lower())]
    if set(tokens) & cues["comparison_cues"]:
        joiners.add("and")
    if not set(tokens) & joiners:
        return []
    sides, current = [], []
    for token in tokens:
        if token in joiners or token in {",", ";", ":", "!", "?", "(", ")"}:
            if current:
                sides.append(" ".join(current))
            current = []
        elif token not in {"to", "with"} or current:  # "compared to B", "compared with B"
            current.append(token)
    if current:
        sides.append(" ".join(current))
    return sides


def compared_credentials(text: str, index: CatalogIndex) -> list[IndexedCredential]:
    """The catalogue's credentials a comparison names, in the order named, each once ("Security+ vs CySA+,
    which do employers want?"): short names first, then each side of the comparison by its title's words.
    Fewer than two means the message does not compare credentials the catalogue has."""
    found: dict[str, IndexedCredential] = {}
    for side in comparison_sides(text):
        if CLAIM.search(side):
            continue  # "I have the Google IT support cert, should I do Security+ or...": held, not weighed
        item = credential_in_phrase(side, index)
        if item is not None:
            found.setdefault(item.id, item)
    for item in named_credentials(text, index):  # a short name outside the sides ("is CISSP worth more?")
        found.setdefault(item.id, item)
    return list(found.values())


def asks_about_whole_pathway(text: str) -> bool:
    """A time or money question about the pathway as a whole ("how long will the whole thing take?",
    "when would I finish?"), by its cue words."""
    words = set(re.findall(r"[a-z']+", text.lower()))
    cues = load_cue_words()
    return bool(words & cues["whole_pathway"]) and bool(words & cues["time_or_money"])


ACRONYM_TOKEN = re.compile(r"(?<![\w-])([A-Z][A-Za-z]*[A-Z][A-Z0-9+-]*)(?![\w-])")
NOT_CREDENTIALS = {"IT", "HR", "PM", "UX", "UI", "AI", "ML", "US", "UK", "EU", "USD", "GBP", "EUR", "LMS", "OK", "PC",
                   "SQL", "CV", "FAQ", "ICU", "RN", "CNA", "LPN", "BA", "QA", "ERP", "CRM", "API"}


def unknown_credential_name(text: str) -> str | None:
    """An acronym a question seems to name a credential by ("how long does the CPCU take?") when the catalogue
    has nothing by that name, so the reply can say so rather than talk about a pathway."""
    for match in ACRONYM_TOKEN.finditer(text):
        name = match.group(1)
        if len(name) >= 3 and name.upper() not in NOT_CREDENTIALS:
            return name
    return None


CLAIM = re.compile(r"\b(?:i|i've|ive|i have|i'm|im)\s+(?:already\s+|just\s+)?(?:have|hold|got|earned|passed|completed|"
                   r"finished|did|done|holding)\b|\balready\b", re.IGNORECASE)


def asks_without_claiming(text: str) -> bool:
    """A question that does not also say the learner holds something ("SAA vs PCA, which do recruiters want?",
    but not "I already have the A+, what next?")."""
    return text.rstrip().endswith("?") and not CLAIM.search(text)
