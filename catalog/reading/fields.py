"""Read a goal said as a field or an activity ("move to underwriting", "interested in bioinformatics").

A learner often names where they want to go by its field, not by a job title or a skill the taxonomy has:
"underwriting", "revenue cycle", "pharmacy informatics", "backend". O*NET's 49k titles are written with those
words ("Account Underwriter", "Revenue Cycle Manager", "Pharmacy Informaticist", "Back End Developer"), so
the occupations whose titles contain the field, weighted by how strongly O*NET ties each title to each
occupation, say which job the field leads to. The match is stem-tolerant ("underwriting" ~ "underwriter",
"informatics" ~ "informaticist") and weighs each word by how rare it is among titles, so a word in very many
titles ("manager", "office") says little, and an ordinary word that a few titles happen to contain ("shape",
"details") is refused because its titles scatter over unrelated occupations or use a different word
("Shaper", "Auto Detailer"). The covered roles' own names are read the same way first ("quality" names four
of them). What the occupations lead to (a covered role, the closest ones, or a choice) is decided by
``OccupationReader.read_codes``, so a field reads exactly like an O*NET title.

Only a phrase in a goal's place is read, right after a destination cue ("move into", "switch to",
"interested in", "goal:", "->"), and only when the finder found no goal there: everything here is data
(O*NET titles, the taxonomy, the cue words), nothing is a list of fields.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from catalog.reading.constraints import parse_constraints
from catalog.reading.cue_words import load_cue_words
from catalog.reading.occupations import OccupationReader, TitleReading

CUES = load_cue_words()
# Words that are never a field: what the learner has, lacks, wants or is, and the words of asking.
NOT_FIELDS = (CUES["learning"] | CUES["learning_verbs"] | CUES["having"] | CUES["negations"] | CUES["wanting"]
              | CUES["goal_cues"] | CUES["current_cues"] | CUES["question_openers"] | CUES["first_person"]
              | CUES["removals"] | CUES["clause_breaks"] | CUES["connectors"] | CUES["not_in_titles"]
              | CUES["time_or_money"] | CUES["whole_pathway"])
# The word lists are entries of data/cue_words.yaml, which says what each is for.
VAGUE = CUES["vague_nouns"]
DETERMINERS = CUES["field_determiners"]
MOVES = CUES["move_verbs"]
INTERESTED = CUES["interested_in"]
IN_PLACES = VAGUE | CUES["in_places"]
AIMS = CUES["aims"]
DIRECT = CUES["direct_cues"]
DIRECT_WISHES = CUES["direct_wishes"]
ARROWS = CUES["arrows"]
WISHES = CUES["wanting"] | CUES["goal_cues"]

STRONG, WEAK = 2, 1
MAX_WORDS = 4
# A word in more titles than this is too general to name a field by itself ("manager", "office", "tech").
MAX_TITLES = 400
# One word must be in a few titles, and the occupation it leads to most must hold this share of the titles'
# weight: more of both for a plain word ("tax", but also "details", "money"), which is as often an everyday
# word as a field, and a stronger share after a weak cue ("want X" as often names a wish as a destination).
# Keyed by (plain word, cue strength).
MIN_TITLES = {False: 3, True: 10}
MIN_SHARE = {(False, STRONG): 0.3, (False, WEAK): 0.5, (True, STRONG): 0.4, (True, WEAK): 0.5}
# Words that all appear in one title ("revenue cycle") are evidence however few the titles.
MIN_JOINT_EVIDENCE = 0.5
# The taxonomy's own role names: a word in one to this many target roles names that family ("quality": five).
MAX_NAMED_ROLES = 5
# The strongest occupation is taken alone when it leads the next by this factor; otherwise the ones within
# this fraction of it are the choice.
DOMINANT = 2.0
NEAR_TOP = 0.25
MAX_CODES = 3

# Suffixes stripped to a stem. An agent suffix ("underwriter", "pharmacist") names the person, an activity
# suffix ("underwriting", "pharmacy", "informatics") the field: a field word matches titles of its agent
# ("Underwriter"), a plain word only titles with the word itself ("details" is not "Auto Detailer").
AGENT = ("icians", "ician", "icists", "icist", "ists", "ist", "ians", "ian", "ers", "er", "ors", "or", "ants",
         "ant")
ACTIVITY = ("ings", "ing", "ations", "ation", "ions", "ion", "ments", "ment", "ances", "ance", "ences", "ence",
            "ancy", "ency", "ical", "ial", "ics", "ic", "ies", "y")
# By length, longest first: a stem is found with a few set look-ups, not a scan of every suffix.
SUFFIXES = tuple((n, frozenset(x for x in AGENT + ACTIVITY if len(x) == n))
                 for n in sorted({len(x) for x in AGENT + ACTIVITY}, reverse=True))
AGENT_SET = frozenset(AGENT)
MIN_STEM = 4
TITLE_SPLIT = re.compile(r"[\s\-/,()&.+:;]+")


@dataclass(frozen=True)
class Stem:
    stem: str
    agent: bool  # the word names a person ("underwriter")
    activity: bool  # the word names a field or activity ("underwriting")


def stem(word: str) -> Stem:
    """A light stemmer for title words: 'underwriting' and 'underwriters' -> 'underwrit'."""
    w = word.lower()
    agent = activity = False
    if len(w) > MIN_STEM and w.endswith("s") and not w.endswith(("ss", "us", "is", "ics")):
        w = w[:-1]
    for _ in range(2):
        suffix = next((w[-n:] for n, group in SUFFIXES if len(w) - n >= MIN_STEM and w[-n:] in group), None)
        if suffix is None:
            break
        w = w[:-len(suffix)]
        agent = agent or suffix in AGENT_SET
        activity = activity or suffix not in AGENT_SET
        if len(w) > MIN_STEM and w[-1] == w[-2] and w[-1] not in "aeiouls":
            w = w[:-1]  # "programming" and "programmer" -> "program"
    if len(w) > MIN_STEM and w.endswith("e"):
        w = w[:-1]  # "manage(ment)" and "manag(er)", "nurse" and "nurs(ing)"
    return Stem(w, agent, activity)


# Messages bring new words without end: the cache of their stems is bounded.
cached_stem = functools.lru_cache(maxsize=4096)(stem)


@dataclass(frozen=True)
class FieldGoal:
    """A field in a goal's place and what it leads to."""

    start: int  # token offsets in the doc
    end: int
    text: str  # as the learner wrote it
    reading: TitleReading


class FieldReader:
    """Fields to occupations through an inverted index of O*NET title word stems; build once per process."""

    def __init__(self, occupations: OccupationReader) -> None:
        self.occupations = occupations
        onet = occupations.onet
        self._titles: list[tuple[tuple[str, ...], tuple[int, ...]]] = []
        # stem -> titles with the plain word ("detail"), its field or activity ("underwriting"), its agent
        # ("underwriter")
        plain: dict[str, set[int]] = defaultdict(set)
        activity: dict[str, set[int]] = defaultdict(set)
        agent: dict[str, set[int]] = defaultdict(set)
        title_stems: list[set[str]] = []
        stems: dict[str, Stem] = {}

        def cached(word: str) -> Stem:
            if word not in stems:
                stems[word] = stem(word)
            return stems[word]

        for title, codes in onet.titles.items():
            index = len(self._titles)
            self._titles.append((codes, onet.title_weights.get(title, (1,) * len(codes))))
            raw = [w for w in TITLE_SPLIT.split(title) if w.isalpha()]
            own: set[str] = set()
            for w in raw:
                if w in STOP_WORDS:
                    continue
                s = cached(w)
                own.add(s.stem)
                (agent if s.agent else activity if s.activity else plain)[s.stem].add(index)
            for a, b in zip(raw, raw[1:], strict=False):  # "Back End", "Full Stack": also one word
                plain[cached(a + b).stem].add(index)
            title_stems.append(own)
        self._stem = cached_stem  # the build's own cache goes with it: a query's words are few and new
        total = len(self._titles)
        self._idf = {s: math.log(total / len(plain.get(s, set()) | activity.get(s, set()) | agent.get(s, set())))
                     for s in set(plain) | set(activity) | set(agent)}
        # Kept as tuples: a third of the memory of sets, and a look-up reads at most a few of them.
        self._plain: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in plain.items()}
        self._activity: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in activity.items()}
        self._agent: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in agent.items()}
        self._mass = [sum(self._idf[s] for s in own) or 1.0 for own in title_stems]
        # The covered target roles by the stems of their names ("Quality Engineer": qualit, engin) and of
        # their aliases, which name a field only whole ("credit underwriter" is not all underwriting).
        self._role_stems: dict[str, set[str]] = {}
        self._alias_stems: dict[frozenset[str], set[str]] = defaultdict(set)
        for role in occupations.taxonomy.target_roles():
            self._role_stems[role.name] = self._name_stems(role.name)
            for alias in role.aliases:
                self._alias_stems[frozenset(self._name_stems(alias))].add(role.name)

    def _name_stems(self, name: str) -> set[str]:
        words = [w for w in TITLE_SPLIT.split(name.lower()) if w.isalpha()]
        found = {self._stem(w).stem for w in words if w not in STOP_WORDS}
        return found | {self._stem(a + b).stem for a, b in zip(words, words[1:], strict=False)}

    # -- where a field is said -----------------------------------------------------------------------------
    def find(self, doc: Doc, skip: set[int], before: Callable[[int], list[str]],
             is_goal: Callable[[list[str]], bool]) -> FieldGoal | None:
        """The first field in a goal's place in ``doc``, outside the tokens of other mentions (``skip``);
        ``before(i)`` gives the clause's words before token i, nearest first, ``is_goal`` whether the finder
        reads those words as naming a goal."""
        for i, tok in enumerate(doc):
            if i in skip or not tok.is_alpha or tok.lower_ in NOT_FIELDS or tok.lower_ in VAGUE \
                    or (tok.lower_ in DETERMINERS and tok.lower_ in STOP_WORDS):
                continue
            if i == 0 or not self._cue_ahead(doc, i):
                continue
            words = before(i)
            strength = cue_strength(words)
            if not strength or not (is_goal(words) or (words[:1] and words[0] in ARROWS)):
                continue
            end, phrase = self._phrase(doc, i, skip)
            if not phrase:
                continue
            text = doc[i:end].text
            reading = self.read(phrase, strength, text)
            if reading is not None:
                return FieldGoal(i, end, text, reading)
        return None

    @staticmethod
    def _cue_ahead(doc: Doc, i: int) -> bool:
        """Cheap test before reading the clause: is a cue word within a few tokens before token ``i``?"""
        for j in range(i - 1, max(-1, i - 4), -1):
            low = doc[j].lower_
            if low in ("into", "to", "in", ":") or low in ARROWS or low in DIRECT or low in DIRECT_WISHES \
                    or low == "do":
                return True
            if low not in DETERMINERS and low not in VAGUE and low not in ("-", "about", "of"):
                return False
        return False

    def _phrase(self, doc: Doc, start: int, skip: set[int]) -> tuple[int, list[str]]:
        """The field's words from ``start``: plain words up to a stop word, punctuation, another mention or a
        vague noun ("underwriting roles"); a hyphenated or split compound is one word ("back-end", "back end")."""
        words: list[str] = []
        i = start
        while i < len(doc) and len(words) < MAX_WORDS and i not in skip:
            tok = doc[i]
            low = tok.lower_
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if not tok.is_alpha or low in NOT_FIELDS or low in VAGUE:
                break
            after = doc[i + 2] if i + 2 < len(doc) else None
            if nxt is not None and nxt.text == "-" and not tok.whitespace_ and not nxt.whitespace_ \
                    and after is not None and after.is_alpha and i + 2 not in skip:
                words.append(low + after.lower_)  # "back-end", "front-end"
                i += 3
                continue
            if low in STOP_WORDS:
                joined = low + nxt.lower_ if nxt is not None and nxt.is_alpha and i + 1 not in skip else ""
                if joined and self._stem(joined).stem in self._plain:
                    words.append(joined)  # "back end" -> "backend"
                    i += 2
                    continue
                break
            words.append(low)
            i += 1
        return i, words

    # -- what a field leads to ------------------------------------------------------------------------------
    def read(self, words: Sequence[str], strength: int = STRONG, text: str | None = None) -> TitleReading | None:
        """The covered role, closest roles or choice a field's ``words`` lead to, or None when O*NET's titles
        and the taxonomy's role names give too little evidence that they name a field of work."""
        text = text or " ".join(words)
        if not words or not parse_constraints(text).is_empty():
            return None  # "move to online", "switch to part time": how they want to study, not where to go
        stems = [self._stem(w) for w in words]
        if any(not self._titles_with(s) for s in stems):
            return None
        roles = self._named_roles(stems)
        scores, joint = self._scores(stems)
        if roles:
            ranked = sorted(roles, key=lambda r: -max((scores.get(c, 0.0) for c in self._codes_of(r)), default=0))
            if len(ranked) == 1:
                role = self.occupations.taxonomy.roles[ranked[0]]
                return TitleReading(text, role.onet or None, self.occupations.onet.occupation_title(role.onet),
                                    role.name)
            return TitleReading(text, None, "", None, tuple(ranked[:MAX_CODES]))
        plain = len(stems) == 1 and not (stems[0].activity or stems[0].agent)
        codes = self._decide(scores, joint, len(stems), strength, plain)
        return self.occupations.read_codes(text, codes) if codes else None

    def _named_roles(self, stems: list[Stem]) -> list[str]:
        """Target roles whose names hold every word of the field ("quality" -> the four Quality roles)."""
        if len(stems) == 1 and len(self._titles_with(stems[0])) > MAX_TITLES:
            return []
        wanted = {s.stem for s in stems}
        named = {name for name, own in self._role_stems.items() if wanted <= own}
        named |= self._alias_stems.get(frozenset(wanted), set())
        return sorted(named) if len(named) <= MAX_NAMED_ROLES else []

    def _codes_of(self, role_name: str) -> tuple[str, ...]:
        role = self.occupations.taxonomy.roles[role_name]
        return ((role.onet,) if role.onet else ()) + role.onet_close

    def _titles_with(self, s: Stem) -> set[int]:
        """A plain word ("detail", "shape") is read only in titles with the plain word; a field or activity
        ("underwriting") also in those of its agent ("Underwriter") and its other forms."""
        plain = set(self._plain.get(s.stem, ()))
        if not (s.activity or s.agent):
            return plain
        return plain.union(self._activity.get(s.stem, ()), self._agent.get(s.stem, ()))

    def _scores(self, stems: list[Stem]) -> tuple[dict[str, float], int]:
        """Each occupation's evidence: the weights O*NET gives the titles holding every word of the field,
        each title counted by how much of it the field is (all of "Underwriter", part of "Bond Underwriter")."""
        sets = sorted((self._titles_with(s) for s in stems), key=len)
        if len(stems) == 1 and len(sets[0]) > MAX_TITLES:
            return {}, 0
        found = set.intersection(*sets) if sets else set()
        weight = sum(self._idf[s.stem] for s in stems)
        scores: dict[str, float] = defaultdict(float)
        for index in found:
            share = min(1.0, weight / self._mass[index])
            for code, w in zip(*self._titles[index], strict=True):
                scores[code] += share * w
        return scores, len(found)

    def _decide(self, scores: dict[str, float], titles: int, n_words: int, strength: int,
                plain: bool) -> list[str]:
        """The occupations the field leads to, strongest first, or none for too little or scattered evidence."""
        total = sum(scores.values())
        if not total:
            return []
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        if n_words > 1:
            if total < MIN_JOINT_EVIDENCE:
                return []
        elif titles < MIN_TITLES[plain] or ranked[0][1] / total < MIN_SHARE[plain, strength]:
            return []
        top = ranked[0][1]
        if len(ranked) == 1 or top >= DOMINANT * ranked[1][1]:
            return [ranked[0][0]]
        return [code for code, score in ranked[:MAX_CODES] if score >= NEAR_TOP * top]


def cue_strength(before: Iterable[str]) -> int:
    """How clearly the words before a phrase (nearest first) put it where the learner wants to go: STRONG
    after "move into", "switch to", "interested in", "a career in", "goal:", "->"; WEAK after a bare wish
    ("want underwriting", "want to do underwriting"); 0 otherwise, and after any negation."""
    words = list(before)
    if any(w in CUES["negations"] for w in words):
        return 0
    near = [w for w in words if w not in DETERMINERS]
    if not near:
        return 0
    first, rest = near[0], near[1:]
    second = rest[0] if rest else ""
    wished = any(w in WISHES for w in rest)
    if first in ARROWS or first in DIRECT:
        return STRONG
    if first in ("into", "to"):
        return STRONG if second in MOVES else 0
    if first == "in":
        if second in INTERESTED:
            return STRONG
        return STRONG if second in IN_PLACES and wished else 0
    if first == ":":
        return STRONG if second in AIMS else 0
    if first == "do" and second == "to" and any(w in DIRECT_WISHES for w in rest[1:]):
        return WEAK
    if first in DIRECT_WISHES or (first == "about" and second in ("thinking", "considering")):
        return WEAK
    return 0
