"""Clauses about somebody other than the learner: what they name is that person's, not the learner's.

"my TL is very good in terraform and azure", "a friend of mine is a CRC and she uses REDCap", "plant mgr has
his black belt and is big on OEE": learners describe the people around them to say where they want to go, and
a reader that took every skill in the message as the learner's would fill the profile with the very things
they lack. A clause is somebody else's when it opens with a subject that is not the learner (a pronoun such as
"she", a person such as "my boss" or "the colleague", a job title followed by a verb such as "has"); it runs
until the learner speaks again (a first-person word), a "but", or the end of the sentence. When the learner
then denies "these tools" or "any of that", what the clause named is what they lack.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from catalog.reading.cue_words import load_cue_words
from catalog.reading.sentences import sentence_bounds
from catalog.reading.word_forms import compound_at

CUES = load_cue_words()
OTHER_PEOPLE = CUES["other_people"]
PERSON_HEADS = CUES["generic_heads"] | CUES["solo_heads"]  # "my director", "the engineer": after a determiner
THIRD_PERSON_PRONOUNS = CUES["third_person_pronouns"]
OTHERS_VERBS = CUES["others_verbs"]
OPENERS = CUES["others_clause_openers"]
SUBJECT_ADVERBS = CUES["subject_adverbs"]
FIRST_PERSON = CUES["first_person"]
DETERMINERS = frozenset({"my", "our", "his", "her", "their", "your", "the", "a", "an"})
QUANTIFIERS = frozenset({"one", "some", "all", "most", "both", "many", "few"})  # "one of my colleagues"
COPULAS = frozenset({"is", "was", "are", "were", "'s"})
MODALS = frozenset({"can", "could", "will", "would", "should", "must"})
NOT_VERBS = CUES["person_modified_nouns"]  # "the senior projects were in SQL": a person word modifies it
LEARNER_NEAR_VERB = 3  # words after a job title's verb in which the learner may appear: "has always been my"
CLAUSE_OPENINGS = frozenset({",", ";", "-", ":", "(", "and", "but", "so", "because", "while", "whereas", "when",
                             "whenever", "if", "until", "unless", "after", "before"})  # "when the nurse asks"
LEARNER_RESUMES = FIRST_PERSON | {"but", ";", "whereas", "however"}
MAX_MODIFIERS = 2  # words between the determiner and the person: "my academy director", "our senior dev lead"
# "I don't know these tools", "I've never done any of that", "im clueless about those": the learner denies, by
# pointing back, what the clause before named.
LEARNER_DENIES_THOSE = re.compile(
    r"^\W*(?:and\s+|but\s+|so\s+)?(?:i|i've|ive|i'm|im|i\s+am|i\s+have|me)\b[\w\s']{0,20}?"
    r"\b(?:never|not|don'?t|dont|didn'?t|haven'?t|no|clueless|zero)\b[\w\s']{0,25}?\b(?:those|these|them"
    # "it", "that", "this" is what they lack when it ends the clause or names a thing, not when it is the
    # subject of a clause of its own ("I don't think it matters")
    r"|(?:it|that|this)(?=\s*(?:$|[,.;:!?)]|(?:and|but|though|either|yet|at\s+all|myself|really|much|well|"
    r"properly|before|one|stuff|tool|tools|software|language|program|system|platform|kind|sort|type)\b)))\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class OthersClause:
    """Token offsets of a clause about somebody else: its subject opens at ``subject_start``, what it says
    about them runs from ``start`` to ``end``."""

    subject_start: int
    start: int
    end: int
    disowned_by_learner: bool  # the learner goes on to say they lack what it names

    def holds(self, token: int) -> bool:
        return self.subject_start <= token < self.end


def others_clauses(doc: Doc, role_spans: Iterable[tuple[int, int]] = ()) -> list[OthersClause]:
    """The clauses of ``doc`` about somebody other than the learner; ``role_spans`` are the (start, end)
    tokens of job titles found in it, which open such a clause when a verb like "has" follows them."""
    roles = dict(role_spans)
    sentences = sentence_bounds(doc)
    out: list[OthersClause] = []
    for k, (first, last) in enumerate(sentences):
        i = first
        while i < last:
            subject_end = (_subject_end(doc, i, last, roles)
                           if i == first or doc[i - 1].lower_ in CLAUSE_OPENINGS else None)
            if subject_end is None:
                i += 1
                continue
            end = next((j for j in range(subject_end, last) if doc[j].lower_ in LEARNER_RESUMES), last)
            follows = doc[end:last].text if end < last else (
                doc[sentences[k + 1][0]:sentences[k + 1][1]].text if k + 1 < len(sentences) else "")
            out.append(OthersClause(i, subject_end, end, bool(LEARNER_DENIES_THOSE.search(follows))))
            i = max(end, i + 1)
    return out


def _subject_end(doc: Doc, i: int, last: int, roles: dict[int, int]) -> int | None:
    """Where a subject that is not the learner, opening a clause at token ``i``, ends; None if there is none."""
    while i < last and doc[i].lower_ in OPENERS:
        i += 1
    if i >= last:
        return None
    if doc[i].lower_ in THIRD_PERSON_PRONOUNS:
        return i + 1
    k = i
    if doc[k].lower_ in QUANTIFIERS and k + 2 < last and doc[k + 1].lower_ == "of":
        k += 2
    determined = doc[k].lower_ in DETERMINERS
    k += determined
    if k in roles:
        verb = _verb_at(doc, roles[k], last, guess=False)
        if verb is not None and not _about_the_learner(doc, verb, last):
            return roles[k]  # "plant mgr has his black belt"
    for n in range(MAX_MODIFIERS + 1 if determined else 1):
        at = k + n
        if at >= last or not any(c.isalpha() for c in doc[at].text) or doc[at].lower_ in FIRST_PERSON:
            return None  # a word, perhaps "FP&A" of "our FP&A guy"; not punctuation, not the learner
        word, end = compound_at(doc, at)
        if word in OTHER_PEOPLE or (determined and word in PERSON_HEADS):
            if doc[end:end + 2].text.lower() in ("of mine", "of ours"):
                end += 2  # "a friend of mine"
            if _verb_at(doc, end, last, guess=True) is not None:
                return end
    return None


def _verb_at(doc: Doc, i: int, last: int, guess: bool) -> int | None:
    """The token of a verb of the subject's at or after ``i`` ("uses", "is", "asks"), past adverbs; None if
    none. Without ``guess`` only OTHERS_VERBS count, as after a job title, where "is" states the learner's
    goal ("data analyst is my goal"); with it, a word ending like a verb counts unless it is a noun a person
    word often modifies ("my tech skills are SQL", "our dev tools")."""
    while i < last and doc[i].lower_ in SUBJECT_ADVERBS:
        i += 1
    if i >= last:
        return None
    word = doc[i].lower_
    if word in OTHERS_VERBS or (guess and word in COPULAS | MODALS):
        return i
    verb_like = (word.isalpha() and len(word) > 3 and word not in NOT_VERBS
                 and (word.endswith("s") and not word.endswith("ss") or word.endswith("ed")))
    return i if guess and verb_like else None


def _about_the_learner(doc: Doc, verb: int, last: int) -> bool:
    """Does the clause the verb opens speak of the learner ("data analyst has been my goal", "has always been
    what I want")? Then the title before it is the learner's."""
    following = [t.lower_ for t in doc[verb + 1:min(verb + 1 + LEARNER_NEAR_VERB, last)]]
    return "been" in following or any(w in FIRST_PERSON for w in following)
