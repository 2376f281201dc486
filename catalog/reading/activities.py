"""Skills named as the work itself: "I process invoices" is the skill named "invoice processing" (Accounts
Payable), "we collect specimens" is Specimen Collection, "I handle complaints" is Complaint Handling.

The taxonomy names an activity skill noun first ("invoice processing", "payment posting", "supplier
relationship management"), while people describing their day put the verb first and the object after it,
often in the plural and with a determiner between ("collect all specimens"). So for
every skill name whose last word is an activity noun (-ing, -ment, -tion, -sion, -sis, -ance, -ence), a
verb of the same root followed by that name's object words (plural or singular, after at most one
determiner) is read as that skill. The same root is word_roots' rule ("process"/"processing",
"manage"/"management", "collect"/"collection"); a verb shorter than the rule's prefix counts when the
activity noun begins with it ("plan"/"planning", "post"/"posting").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from catalog.catalogue.taxonomy import SurfaceForm
from catalog.reading.cue_words import load_cue_words
from catalog.reading.word_forms import singular
from catalog.reading.word_roots import same_root

ACTIVITY_ENDINGS = ("ing", "ment", "tion", "sion", "sis", "ance", "ence")
MIN_ACTIVITY_LENGTH = 6
MIN_VERB_LENGTH = 4
MAX_OBJECT_WORDS = 3
CUES = load_cue_words()
OTHER_SUBJECTS = CUES["other_subjects"]
BETWEEN = CUES["activity_determiners"]


def _is_activity(word: str) -> bool:
    return len(word) >= MIN_ACTIVITY_LENGTH and word.endswith(ACTIVITY_ENDINGS)


def _verb_of(verb: str, activity: str) -> bool:
    """Is ``verb`` (as written: "processed", "manages") a form of the verb whose work ``activity`` names?"""
    if verb == activity or len(verb) < MIN_VERB_LENGTH:
        return False
    return same_root(verb, activity) or activity.startswith(singular(verb).rstrip("e"))


class ActivityPhrases:
    """Finds verb-first descriptions of the taxonomy's activity skills in a message."""

    def __init__(self, forms: Iterable[SurfaceForm]) -> None:
        # The object's last word (singular) -> (object words before it, activity noun, skill) for each form.
        self._by_object: dict[str, list[tuple[tuple[str, ...], str, str]]] = defaultdict(list)
        for form in forms:
            words = form.text.lower().split()
            if form.kind != "skill" or form.case_sensitive or len(words) < 2 or not _is_activity(words[-1]):
                continue
            objects = [singular(w) for w in words[:-1]]
            if not all(w.isalpha() for w in objects):
                continue
            entry = (tuple(objects[:-1]), words[-1], form.canonical)
            if entry not in self._by_object[objects[-1]]:
                self._by_object[objects[-1]].append(entry)

    def spans(self, doc: Doc, taken: set[int]) -> list[Span]:
        """``skill|<name>|activity`` spans from each verb to the object's last word, none over a token in ``taken``."""
        out: list[Span] = []
        for i, verb in enumerate(doc):
            if not verb.is_alpha or i in taken or (i and doc[i - 1].lower_ in OTHER_SUBJECTS):
                continue  # "can you debug my code": what they ask of someone else
            start = i + 1
            if start < len(doc) and doc[start].lower_ in BETWEEN:
                start += 1
            last = start
            while last < min(start + MAX_OBJECT_WORDS, len(doc)) and doc[last].is_alpha and last not in taken:
                last += 1
            for end in range(last, start, -1):  # the longest object first
                skill = self._match(verb.lower_, [singular(t.lower_) for t in doc[start:end]])
                if skill:
                    out.append(Span(doc, i, end, label=f"skill|{skill}|activity"))
                    taken.update(range(i, end))
                    break
        return out

    def _match(self, verb: str, words: list[str]) -> str | None:
        for before, activity, skill in self._by_object.get(words[-1], ()):
            if tuple(words[:-1]) == before and _verb_of(verb, activity):
                return skill
        return None
