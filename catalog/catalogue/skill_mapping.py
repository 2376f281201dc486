"""Mapping a skill as a listing writes it to a taxonomy skill, only when that is safe.

The taxonomy's own ``skill_name`` is tuned for chat, where a near miss is better than nothing; on a listing
its fuzzy match stores wrong facts ("Cloud Management" became Wound Care, "C++ Programming" became C,
"Statistical Programming" became Stata). Here a skill maps only when the match says the same thing:

1. the name, an alias or a ``cased`` form of a taxonomy skill, ignoring case and punctuation
   ("node js" -> Node.js, "Diversity, Equity & Inclusion");
2. the same with the spaces removed ("Tensor Flow" -> TensorFlow);
3. a name with its initials after it ("Human Resources (HR)") or a word of context ("Docker (Software)");
   the same once words that do not change the skill are taken off ("C++ Programming" -> C++,
   "Introduction to SQL" -> SQL; the words are data, ``skill_qualifiers`` in the listing vocabulary);
4. a close misspelling of one form: as many words, each word equal or one edit away (a swap of two letters
   counts as one), both words long enough, same first letter, not a word the taxonomy itself uses, a few
   edits in all, and no other skill as close ("Tableu" -> Tableau, but "Statics" is not Statistics).

Anything else is no mapping: the importer keeps the skill as written and reports it. The thresholds of
step 4 were chosen on a labelled sample (``tests/catalog/catalogue/data/skill_mapping_sample.csv``) for
precision 1.0 first and recall second; ``make bench-catalog`` reports both.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from catalog.catalogue.listing_vocabulary import ListingVocabulary
from catalog.catalogue.taxonomy import Taxonomy

NAME, ALIAS, CASED, QUALIFIER, MISSPELLING = "name", "alias", "cased", "qualifier", "misspelling"
PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")
TRAILING_PARENTHESIS = re.compile(r"^(.*?\S)\s*\(([^()]*)\)\s*$")
NOT_INITIALS = frozenset({"and", "of", "the", "for", "to", "in", "on", "a", "an"})
LIST_SEPARATORS = re.compile(r"[;|\n]")
NOT_KEY_CHARACTERS = re.compile(r"[^\w+#]+|_")
MAX_MERGED_PARTS = 4


def skill_key(text: str) -> str:
    """Case, accents and punctuation do not matter; '+' and '#' do (C, C++ and C# are three skills)."""
    folded = str(text).casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("\u2019", "'")
    folded = folded.replace("'", "").replace("&", " and ")
    return " ".join(NOT_KEY_CHARACTERS.sub(" ", folded).split())


@dataclass(frozen=True)
class SpellingTolerance:
    """How far a misspelling may be from a taxonomy form (step 4)."""

    min_word_length: int = 6  # both words need this many characters before one edit is allowed
    min_substitution_length: int = 8  # ... and this many when the edit replaces a letter ("wedding", "welding")
    max_total_edits: int = 2  # edits over the whole name
    same_first_letter: bool = True
    known_words_exact: bool = True  # a word of a taxonomy name is read as written, never as a misspelling

    def describe(self) -> str:
        return (f"one edit per word of >= {self.min_word_length} characters (a replaced letter: >= "
                f"{self.min_substitution_length}), <= {self.max_total_edits} in all"
                + (", same first letter" if self.same_first_letter else "")
                + (", taxonomy words exact" if self.known_words_exact else ""))


DEFAULT_TOLERANCE = SpellingTolerance()


@dataclass(frozen=True)
class SkillMatch:
    skill: str | None  # the canonical taxonomy skill, or None: keep the skill as written
    how: str = ""  # name | alias | cased | qualifier | misspelling; "" when unmapped
    ambiguous: tuple[str, ...] = ()  # skills that matched equally well, when that is why it is unmapped


class SkillMapper:
    """Safe mapping of listing skills onto one taxonomy; results are cached per text."""

    def __init__(self, taxonomy: Taxonomy, vocabulary: ListingVocabulary, never_lower: Iterable[str] = (),
                 tolerance: SpellingTolerance = DEFAULT_TOLERANCE) -> None:
        self.tolerance = tolerance
        self._suffixes = vocabulary.skill_suffixes
        self._prefixes = vocabulary.skill_prefixes
        self._context_words = vocabulary.skill_context_words
        self._cased: dict[str, str] = {}
        self._forms: dict[str, tuple[str, str] | None] = {}  # None: two skills claim the key
        self._spaceless: dict[str, tuple[str, str] | None] = {}
        never = {w.lower() for w in never_lower}
        # Added in order of trust; a later form that collides with an earlier one is dropped.
        levels: list[list[tuple[str, str, str]]] = [[], [], [], []]
        for skill in taxonomy.skills.values():
            levels[0].append((skill.name, skill.name, NAME))
            levels[1] += [(alias, skill.name, ALIAS) for alias in skill.aliases]
            bare = PARENTHESIS.sub("", skill.name)
            if bare and bare != skill.name:  # "Electronic Data Interchange (EDI)" without "(EDI)"
                levels[2].append((bare, skill.name, NAME))
            for form in skill.cased:
                self._cased.setdefault(form, skill.name)
                if len(form) >= 2 and form.lower() not in never:
                    levels[3].append((form, skill.name, CASED))
        for level in levels:
            self._add_level(level)
        # Words of the skills' names (not of aliases, which list misspellings on purpose).
        self._known_words = {w for skill in taxonomy.skills for w in skill_key(skill).split()}
        self._by_words: dict[int, list[str]] = {}
        for key, hit in self._forms.items():
            if hit is not None and hit[1] != CASED:  # an ambiguous word misspelt is no evidence at all
                self._by_words.setdefault(len(key.split()), []).append(key)
        # First comma-separated piece of the forms that hold a comma ("governance" of "Governance, Risk and
        # Compliance"): a comma list is re-joined only from such a piece.
        self._comma_starts = {_spaced(text.split(",")[0]) for level in levels for text, _, _ in level if "," in text}
        self._cache: dict[str, SkillMatch] = {}
        self._pieces: dict[str, tuple[str, bool]] = {}

    def _add_level(self, entries: list[tuple[str, str, str]]) -> None:
        for table, make_key in ((self._forms, skill_key), (self._spaceless, lambda t: skill_key(t).replace(" ", ""))):
            level: dict[str, tuple[str, str] | None] = {}
            for text, canonical, how in entries:
                key = make_key(text)
                if not key or key in table:
                    continue
                if key in level and level[key] is not None and level[key][0] != canonical:
                    level[key] = None
                else:
                    level.setdefault(key, (canonical, how))
            table.update(level)

    # -- mapping ----------------------------------------------------------------------------------------------
    def map(self, text: str) -> SkillMatch:
        hit = self._cache.get(text)
        if hit is None:
            hit = self._cache[text] = self._map(" ".join(str(text).split()))
        return hit

    def _exact(self, written: str) -> SkillMatch | None:
        """Steps 1 and 2: a form of one skill (None when no form; an unmapped match when two claim it)."""
        if written in self._cased:
            return SkillMatch(self._cased[written], CASED)
        key = skill_key(written)
        for table, probe in ((self._forms, key), (self._spaceless, key.replace(" ", ""))):
            if probe and probe in table:
                hit = table[probe]
                return SkillMatch(*hit) if hit else SkillMatch(None)  # two skills claim this form
        return None

    def _parenthesised(self, written: str) -> SkillMatch | None:
        """ "Human Resources (HR)": the name and its initials, which must not name two skills;
        "React (Web Framework)": a skill and a word of context."""
        found = TRAILING_PARENTHESIS.match(written)
        if not found:
            return None
        outside, inside = found.group(1), found.group(2).strip()
        out_hit = self._exact(outside)
        if skill_key(inside) in self._context_words:
            return SkillMatch(out_hit.skill, QUALIFIER) if out_hit and out_hit.skill else None
        words = [w for w in skill_key(outside).split() if w not in NOT_INITIALS]
        initials = "".join(w[0] for w in words)
        if len(words) < 2 or skill_key(inside) not in (initials, initials + "s"):
            return None
        in_hit = self._exact(inside)
        skills = {h.skill for h in (out_hit, in_hit) if h and h.skill}
        return SkillMatch(skills.pop(), ALIAS) if len(skills) == 1 else None

    def _map(self, written: str) -> SkillMatch:
        key = skill_key(written)
        if not key:
            return SkillMatch(None)
        hit = self._exact(written) or self._parenthesised(written)
        if hit:
            return hit
        bare = self._without_qualifiers(key)
        if bare and bare != key:
            hit = self._forms.get(bare) or self._spaceless.get(bare.replace(" ", ""))
            if hit:
                return SkillMatch(hit[0], QUALIFIER)
        for probe in dict.fromkeys((key, bare)):
            if probe:
                match = self._misspelling(probe)
                if match.skill or match.ambiguous:
                    return match
        return SkillMatch(None)

    def _without_qualifiers(self, key: str) -> str:
        for _ in range(2):
            before = key
            for suffix in self._suffixes:
                if key.endswith(" " + suffix):
                    key = key[: -len(suffix) - 1]
                    break
            for prefix in self._prefixes:
                if key.startswith(prefix + " "):
                    key = key[len(prefix) + 1:]
                    break
            if key == before:
                break
        return key

    def _misspelling(self, key: str) -> SkillMatch:
        t = self.tolerance
        words = key.split()
        if all(len(w) < t.min_word_length for w in words):
            return SkillMatch(None)
        candidates = process.extract(key, self._by_words.get(len(words), []), scorer=OSA.distance,
                                     score_cutoff=t.max_total_edits, limit=None)
        best: dict[str, int] = {}
        for form, _, _ in candidates:
            edits = self._word_edits(words, form.split())
            if edits is not None:
                skill = self._forms[form][0]
                best[skill] = min(edits, best.get(skill, edits))
        if not best:
            return SkillMatch(None)
        fewest = min(best.values())
        closest = sorted(s for s, e in best.items() if e == fewest)
        if len(closest) > 1:
            return SkillMatch(None, ambiguous=tuple(closest))
        return SkillMatch(closest[0], MISSPELLING)

    def _word_edits(self, words: list[str], form_words: list[str]) -> int | None:
        t = self.tolerance
        total = 0
        for a, b in zip(words, form_words, strict=True):
            if a == b:
                continue
            if min(len(a), len(b)) < t.min_word_length or not (a.isalpha() and b.isalpha()):
                return None
            if t.same_first_letter and a[0] != b[0]:
                return None
            if t.known_words_exact and a in self._known_words:
                return None
            edits = OSA.distance(a, b, score_cutoff=1)
            if edits > 1 or (_is_substitution(a, b) and min(len(a), len(b)) < t.min_substitution_length):
                return None
            total += edits
        return total if 0 < total <= t.max_total_edits else None

    # -- lists ------------------------------------------------------------------------------------------------
    def _piece(self, piece: str) -> tuple[str, bool]:
        """A piece of a cell between separators, spaces and quotes tidied, and whether it begins a taxonomy
        name that holds a comma; cached, because listings write the same skills over and over."""
        hit = self._pieces.get(piece)
        if hit is None:
            clean = " ".join(piece.strip().strip("'\"").split())
            hit = self._pieces[piece] = (clean, _spaced(clean) in self._comma_starts)
        return hit

    def split(self, cell: str) -> list[str]:
        """The skills of one cell, spaces collapsed: ';', '|' or line separated, else comma separated, where
        the commas of a taxonomy name ("Governance, Risk and Compliance") do not split it."""
        text = str(cell).strip()
        if len(text) >= 2 and text[0] == "[" and text[-1] == "]":  # "['Python', 'SQL']" as some exports write
            text = text[1:-1]
        if LIST_SEPARATORS.search(text):
            parts = LIST_SEPARATORS.split(text)
            by_comma = False
        else:
            parts = text.split(",")
            by_comma = True
        pieces = [self._pieces.get(p) or self._piece(p) for p in parts]
        pieces = [p for p in pieces if p[0]]
        parts = [p for p, _ in pieces]
        if not by_comma or not any(starts for _, starts in pieces[:-1]):
            return parts
        merged, i = [], 0
        while i < len(parts):
            starts = _spaced(parts[i]) in self._comma_starts
            for j in range(min(len(parts), i + MAX_MERGED_PARTS), i + 1, -1) if starts else ():
                joined = ", ".join(parts[i:j])
                if self._forms.get(skill_key(joined)):
                    merged.append(joined)
                    i = j
                    break
            else:
                merged.append(parts[i])
                i += 1
        return merged


def _spaced(text: str) -> str:
    """Case and spacing folded, nothing else: the cheap key that decides whether to re-join a comma list."""
    return " ".join(text.casefold().split())


def _is_substitution(a: str, b: str) -> bool:
    """One letter replaced by another (not a swap of two neighbours): the edit that turns one real word into
    another ("casting", "costing"), so it needs a longer word than a letter left out or doubled."""
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return not (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])


@dataclass(frozen=True)
class MappingScore:
    """How a mapper does on labelled skills: of the ones it maps, how many right (precision); of the ones
    that have a taxonomy skill, how many it finds (recall)."""

    rows: int
    mapped: int
    right: int
    expected: int
    wrong: tuple[tuple[str, str, str], ...]  # (as written, mapped to, expected or "")

    @property
    def precision(self) -> float:
        return self.right / self.mapped if self.mapped else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def score_mapping(mapper: SkillMapper, labelled: Iterable[tuple[str, str | None]]) -> MappingScore:
    """``labelled``: (skill as a listing writes it, the taxonomy skill it is, or None for "no safe mapping")."""
    rows = mapped = right = expected = 0
    wrong = []
    for written, skill in labelled:
        rows += 1
        got = mapper.map(written).skill
        expected += skill is not None
        if got is not None:
            mapped += 1
            if got == skill:
                right += 1
            else:
                wrong.append((written, got, skill or ""))
    return MappingScore(rows, mapped, right, expected, tuple(wrong))
