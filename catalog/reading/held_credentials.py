"""Credentials a learner says they already hold, said among the rest of their profile: "I already have CompTIA
A+ and Network+, I want to be a sysadmin", "got my Google Data Analytics certificate last year", "passed
Security+ in May and thinking about CySA+".

A credential held is no step of the pathway and its skills are the learner's; one wanted, studied for or asked
about is neither. The message is cut into the items of its lists, each item is matched against the catalogue's
titles (``credential_in_phrase``), and the nearest cue before a credential, back to the start of its sentence,
decides: a word of holding ("have", "passed", "earned") makes it held; a negation, a wish, a word of learning or
a question's modal ("should I do Network+ next?") does not.
"""

from __future__ import annotations

import re

from catalog.catalogue.index import CatalogIndex, IndexedCredential
from catalog.reading.cue_words import load_cue_words
from catalog.reading.references import credential_in_phrase, name_tokens, title_words

CUES = load_cue_words()
HOLDING = CUES["holding_credentials"]
NOT_HOLDING = (CUES["negations"] | CUES["wanting"] | CUES["learning"] | CUES["learning_verbs"]
               | CUES["not_holding_credentials"])
# Where a cue stops reaching: the end of a sentence, or a turn of the clause ("but", "though").
SENTENCE_ENDS = re.compile(r"[.!?;\n]+|\b(?:but|though|although|however|whereas)\b", re.IGNORECASE)
ITEM_JOINERS = re.compile(r",|/|&|\band\b|\bplus\b|\bas well as\b", re.IGNORECASE)
WORD = re.compile(r"[a-z']+", re.IGNORECASE)
NAME_WORD = re.compile(r"[A-Za-z0-9][\w+#.-]*")
# Said after the names of a list with no cue before it: "BLS and ACLS certified", "Security+ done".
HOLDING_AFTER = CUES["holding_credentials_after"]
CREDENTIAL_WORDS = CUES["credential_nouns"] | HOLDING_AFTER
FILLER = CUES["articles"] | CUES["possessives"] | CUES["first_person"] | HOLDING
# A version the learner names ("ITIL v3") that the title does not carry ("ITIL 4 Foundation") is another
# credential than the catalogue's.
VERSION = re.compile(r"\bv(?:er(?:sion)?)?\.?\s*(\d+)\b", re.IGNORECASE)


def held_credentials(text: str, index: CatalogIndex) -> list[IndexedCredential]:
    """The catalogue's credentials ``text`` says the learner holds, in the order said, each once."""
    found: dict[str, IndexedCredential] = {}
    for sentence in SENTENCE_ENDS.split(text):
        if not sentence or not sentence.strip():
            continue
        said_before, undecided = "", []
        for item in ITEM_JOINERS.split(sentence):
            named = _named_in(item, index)
            if named is not None:
                credential, before, after, skill_only = named
                held = None if skill_only else _held(said_before + " " + before)
                if held is None:
                    undecided.append(credential)
                    if _words(after) & HOLDING_AFTER:  # "BLS and ACLS certified": said after the list
                        for c in undecided:
                            found.setdefault(c.id, c)
                elif held:
                    found.setdefault(credential.id, credential)
            said_before += " " + item
    return list(found.values())


def _named_in(item: str, index: CatalogIndex) -> tuple[IndexedCredential, str, str, bool] | None:
    """The credential an item of a list names, the item's text before and after the name, and whether the name
    is only a skill's. The name is
    looked for after each cue word in turn, the longest phrase first ("I hold | the AWS Cloud Practitioner"),
    so that a cue word inside a title ("Machine Learning") does not cut it."""
    cuts = [0] + [m.end() for m in WORD.finditer(item) if _cue_word(m.group())]
    for cut in cuts:
        phrase = item[cut:]
        credential = credential_in_phrase(phrase, index) if phrase.strip() else None
        if credential is None or _another_version(phrase, credential):
            continue
        start, end = _name_bounds(phrase, credential)
        # "5 years of SQL" names the skill, not "SQL for Data Science": a name that is only a skill's is the
        # credential with a word of one after it ("BLS certification"), or after the list ("BLS and ACLS certified").
        skill_only = _only_a_skill(phrase[start:end], index) and not _words(phrase[end:]) & CREDENTIAL_WORDS
        return credential, item[:cut + start], phrase[end:], skill_only
    return None


def _cue_word(word: str) -> bool:
    low = word.lower()
    return low in HOLDING or low in NOT_HOLDING or low.endswith("n't")


def _words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def _name_bounds(phrase: str, credential: IndexedCredential) -> tuple[int, int]:
    """Where the credential's name lies in ``phrase``: from its first to its last word of the title or issuer
    (the name's short form, "A+", included)."""
    name = _words(f"{credential.record.title} {credential.provider_name} {credential.record.provider}")
    spans = [m.span() for m in NAME_WORD.finditer(phrase) if m.group().lower().rstrip("+#.") in name
             or m.group().lower() in name]
    return (spans[0][0], spans[-1][1]) if spans else (0, len(phrase))


def _only_a_skill(phrase: str, index: CatalogIndex) -> bool:
    """Does the phrase name nothing but skills ("SQL", "BLS"), which a credential may be named after?"""
    words = [w for w in name_tokens(phrase) if w not in FILLER]
    skill_words = {w for skill in title_words(index).skills_in(" ".join(words)) for w in skill.split()}
    return bool(words) and set(words) <= skill_words


def _held(before: str) -> bool | None:
    """Does the nearest cue in ``before`` (the sentence up to the credential) say it is held? None: no cue."""
    words = WORD.findall(before.lower().replace("n't", " n't"))
    for k in range(len(words) - 1, -1, -1):
        if words[k] in NOT_HOLDING:
            return False
        if words[k] in HOLDING:  # "I don't have the A+", "never got my A+"
            return not any(w in CUES["negations"] for w in words[max(0, k - 2):k])
    return None


def _another_version(item: str, credential: IndexedCredential) -> bool:
    said = VERSION.search(item)
    return bool(said) and not re.search(rf"\b(?:v\s*)?{said.group(1)}\b", credential.record.title, re.IGNORECASE)
