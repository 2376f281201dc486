"""Read a job title the way O*NET files it, and say which covered role it is or comes closest to.

The taxonomy covers 141 roles; people name thousands of jobs. O*NET files 49k titles under 1,016 occupations,
so a title is first resolved to its occupation (its O*NET-SOC code), then to the covered role with that code,
and otherwise to the covered roles nearest to it: the ones reviewed as close (``onet_close`` in the taxonomy),
then O*NET's own related occupations, then occupations with the most similar skill and knowledge profile.
A title filed under several occupations ("Automation Engineer": eleven) is decided by the rest of what the
learner said (skills, tools, industry); when that says nothing, the reader returns the choice instead of
guessing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from catalog.catalogue.onet import OnetVocabulary
from catalog.catalogue.taxonomy import Role, Taxonomy
from catalog.reading.cue_words import load_cue_words
from catalog.reading.word_forms import same_in_number, singular
from catalog.reading.word_roots import words_of

# The strongest occupation of a title is taken without context when O*NET ties the title to it at least this
# many times more strongly than to the next one ("CNC machinist": 16 vs 11 is not enough; "GIS technician":
# 11 vs 2 is).
DOMINANT_WEIGHT = 2.0
# Below this profile similarity an occupation is not offered as "close", however few others there are.
MIN_SIMILARITY = 0.93
MAX_CHOICES = 3
# A title's work in one word ("clinical", "security") is shared by too many jobs to name one: a security guard
# is no security analyst. Two words ("clinical research", "information security") are the work itself.
MIN_WORK_WORDS = 2
# Of a title's work words' weight, how much a covered role's name of the same kind of job must hold to be offered.
MIN_SHARED_WEIGHT = 0.5
MIN_SHARED_WEIGHT_OTHER_KIND = 0.75  # when the role is another kind of job ("... manager" for "... specialist")
# Words of rank or standing, not of the work: "junior developer" says nothing a role name could share.
TITLE_MODIFIERS = load_cue_words()["title_modifiers"]


@dataclass(frozen=True)
class TitleReading:
    """What a job title names: an O*NET occupation and, when we cover it, the canonical role."""

    title: str  # as the learner wrote it
    code: str | None  # the O*NET-SOC code decided on; None while the title is ambiguous
    onet_title: str
    role: str | None  # the covered role this occupation is, if any
    choices: tuple[str, ...] = ()  # covered roles to offer when ``role`` is None


class OccupationReader:
    """Resolves titles through O*NET to the taxonomy's roles; build once per process."""

    def __init__(self, taxonomy: Taxonomy, onet: OnetVocabulary) -> None:
        self.taxonomy = taxonomy
        self.onet = onet
        self._same: dict[str, list[Role]] = defaultdict(list)
        self._close: dict[str, list[tuple[int, Role]]] = defaultdict(list)
        for role in taxonomy.roles.values():
            if role.onet:
                self._same[role.onet].append(role)
            for rank, code in enumerate(role.onet_close):
                self._close[code].append((rank, role))
        self._tool_codes = {name: tool.codes for name, tool in onet.tools.items()}
        # A title found through its short forms ("data eng") may be a covered role's own name once written out
        self._roles_by_name = {f.lower(): role.name for role in taxonomy.roles.values()
                               for f in (role.name, *role.aliases)}
        self._name_words: tuple[list[tuple[str, list[tuple[frozenset[str], str]]]], dict[str, int]] | None = None

    def knows(self, title: str) -> bool:
        return self.onet.title_key(title) is not None

    def read(self, title: str, context: Iterable[str] = (), industry: str | None = None) -> TitleReading | None:
        """The occupation and covered role of ``title``; ``context`` is what else the learner named (skills,
        tools, jobs), ``industry`` the industry they work in, both used only to choose among occupations."""
        key = self.onet.title_key(title)
        if key is None:
            return None
        codes = self.onet.title_codes(title)
        weights = self.onet.title_weights.get(key, (1,) * len(codes))
        context = list(context)
        named = self._roles_by_name.get(key) if key != title.lower() else None
        if named is not None:
            code = self.taxonomy.roles[named].onet or None
            return TitleReading(title, code, self.onet.occupation_title(code) if code else "", named)
        code = self._choose(codes, weights, context, industry)
        if code is None:
            choices = self._choices_among(codes[:4])
            if len(choices) == 1:
                return TitleReading(title, None, "", choices[0])
            return TitleReading(title, None, "", None, tuple(choices[:MAX_CHOICES]))
        role = self._same_role(code, title, context)
        onet_title = self.onet.occupation_title(code)
        if role is not None:
            return TitleReading(title, code, onet_title, role)
        closest = list(dict.fromkeys([*self.named_alike(title), *self.closest_roles(code)]))
        return TitleReading(title, code, onet_title, None, tuple(closest[:MAX_CHOICES]))

    def named_alike(self, title: str) -> list[str]:
        """Covered roles named with the words of the title but its last, the kind of job: the same work
        done at another level or in another capacity ("clinical research associate": Clinical Research
        Coordinator), which O*NET may file far apart (a research associate under laboratory technologists)."""
        words = words_of(title)
        work = [w for w in words[:-1] if len(w) >= 3 and w.isalpha()]
        if len(work) < MIN_WORK_WORDS or len(work) < len(words) - 1:
            return []
        found = []
        for role in self.taxonomy.target_roles():
            for name in (role.name, *role.aliases):
                named = words_of(name)
                if len(named) == len(words) and all(same_in_number(w, [n]) for w, n in zip(work, named[:-1], strict=True)):
                    found.append(role.name)
                    break
        return sorted(found)

    def sharing_words(self, title: str) -> list[str]:
        """Covered roles for a title neither the taxonomy nor O*NET has ("patient flow coordinator"): those
        whose names hold most of the weight of its work words (all but the last, the kind of job; a rarer
        word among role names weighs more), the same kind of job breaking ties. "Data protection officer"
        gets none: "data" is in many names, "protection" in none."""
        words = [singular(w) for w in words_of(title.replace("-", " ")) if len(w) >= 3 and w.isalpha()]
        work = [w for w in words[:-1] if w not in TITLE_MODIFIERS]
        if not work:
            return []
        names, counts = self._role_name_words()
        roles = max(len(names), 1)
        weight = {w: math.log(1 + roles / (1 + counts.get(w, 0))) for w in work}
        total = sum(weight.values())
        scored = []
        for role_name, forms in names:
            best = 0.0
            for named, kind in forms:
                shared = sum(weight[w] for w in work if w in named)
                same_kind = kind == words[-1]
                if shared >= (MIN_SHARED_WEIGHT if same_kind else MIN_SHARED_WEIGHT_OTHER_KIND) * total:
                    best = max(best, shared + (0.5 if same_kind else 0.0))
            if best:
                scored.append((-best, role_name))
        return [name for _, name in sorted(scored)[:MAX_CHOICES]]

    def _role_name_words(self) -> tuple[list[tuple[str, list[tuple[frozenset[str], str]]]], dict[str, int]]:
        """Each covered target role with the words (singular) of its name and aliases and each one's last word,
        and in how many roles' names each word stands; built once."""
        if self._name_words is None:
            names = []
            counts: dict[str, int] = defaultdict(int)
            for role in self.taxonomy.target_roles():
                forms = []
                for name in (role.name, *role.aliases):
                    named = [singular(w) for w in words_of(name.replace("-", " "))]
                    if named:
                        forms.append((frozenset(named), named[-1]))
                names.append((role.name, forms))
                for w in set().union(*(f for f, _ in forms)) if forms else ():
                    counts[w] += 1
            self._name_words = (names, dict(counts))
        return self._name_words

    def read_codes(self, text: str, codes: Iterable[str]) -> TitleReading:
        """What occupations already decided on lead to, for words that name no title themselves (a field,
        "underwriting", that O*NET's titles tie to occupations); ``codes`` are ranked, strongest first.

        One code, or several leading to the same place, reads like a title of that occupation: its covered
        role, else the closest covered roles. Several leading apart are the choice among them."""
        ranked = list(dict.fromkeys(codes))
        if not ranked:
            raise ValueError("read_codes needs at least one O*NET-SOC code")
        if len(ranked) > 1 and len({self._outcome(c) for c in ranked}) > 1:
            choices = self._choices_among(ranked)
            if len(choices) == 1:
                return TitleReading(text, None, "", choices[0])
            return TitleReading(text, None, "", None, tuple(choices[:MAX_CHOICES]))
        code = ranked[0]
        role = self._same_role(code, text)
        onet_title = self.onet.occupation_title(code)
        if role is not None:
            return TitleReading(text, code, onet_title, role)
        return TitleReading(text, code, onet_title, None, tuple(self.closest_roles(code)))

    def closest_roles(self, code: str, top: int = MAX_CHOICES) -> list[str]:
        """Covered target roles nearest to an occupation we don't cover, nearest first."""
        found: list[str] = []

        def add(roles: Iterable[Role]) -> None:
            for role in roles:
                if role.target and role.name not in found:
                    found.append(role.name)

        add(r for _, r in sorted(self._close.get(code, []), key=lambda t: (t[0], t[1].name)))
        occupation = self.onet.occupations.get(code)
        for near in occupation.related if occupation else ():
            add(self._same.get(near, []))
            add(r for _, r in sorted(self._close.get(near, []), key=lambda t: (t[0], t[1].name)))
        base = code.split(".")[0]
        add(r for c, roles in sorted(self._same.items()) if c.split(".")[0] == base for r in roles)
        if len(found) < top:
            scored = sorted(((self.onet.similarity(code, c), c) for c in self._same), reverse=True)
            add(r for s, c in scored if s >= MIN_SIMILARITY for r in self._same[c])
        return found[:top]

    # -- choosing -------------------------------------------------------------------------------------------
    def _choose(self, codes: tuple[str, ...], weights: tuple[int, ...], context: list[str],
                industry: str | None) -> str | None:
        pairs = list(zip(codes, weights, strict=True))
        if len(pairs) == 1:
            return pairs[0][0]
        evidence = {code: self._evidence(code, context, industry) for code, _ in pairs}
        best = max(evidence.values())
        if best > 0:
            pairs = [(c, w) for c, w in pairs if evidence[c] == best]
            if len(pairs) == 1:
                return pairs[0][0]
        if pairs[0][1] >= DOMINANT_WEIGHT * pairs[1][1]:
            return pairs[0][0]
        # Several occupations and nothing to choose by: they are one answer if they lead to the same role.
        outcomes = {self._outcome(c) for c, _ in pairs[:4]}
        return pairs[0][0] if len(outcomes) == 1 else None

    def _evidence(self, code: str, context: list[str], industry: str | None) -> float:
        """How much of what else the learner said belongs to this occupation's world."""
        roles = self._same.get(code, []) + [r for _, r in self._close.get(code, [])]
        skills = {s.lower() for r in roles for s in r.skills}
        score = 0.0
        for item in context:
            low = item.lower()
            if low in skills:
                score += 1.0
            if code in self._tool_codes.get(low, ()):
                score += 1.0
        if industry and any(r.industry == industry for r in roles):
            score += 0.5
        return score

    def _outcome(self, code: str) -> str:
        same = self._same.get(code)
        if same:
            return same[0].name
        return "|".join(self.closest_roles(code))

    def _same_role(self, code: str, title: str, context: Iterable[str] = ()) -> str | None:
        """The covered role with this code. Several share one (Software, Back-End and Mobile App Developer),
        so the title's own words decide first: the role whose names hold a word of the title that the others'
        names lack ("mobile developer"); then what the title and the rest of the message name as skills, by
        their weight in each role's profile ("python developer" with Django); then the role named like the
        occupation itself, the generic one. Fuzzy likeness of whole names is no guide: "python developer" is
        as like "flutter developer" as "software developer"."""
        roles = self._same.get(code, [])
        if len(roles) <= 1:
            return roles[0].name if roles else None
        low = title.lower()
        forms = {r.name: {r.name.lower(), *(a.lower() for a in r.aliases)} for r in roles}
        exact = [name for name, names in forms.items() if low in names]
        if len(exact) == 1:
            return exact[0]
        words = {name: {w for f in names for w in f.replace("-", " ").split()} for name, names in forms.items()}
        shared = set.intersection(*words.values())
        title_words = set(low.replace("-", " ").split()) - shared
        best = _unique_best({name: len(title_words & ws) for name, ws in words.items()})
        if best:
            return best
        named = [low, *title_words, *(c.lower() for c in context)]
        weights = {r.name: sum(w for s, w in r.skills.items() if s.lower() in named) for r in roles}
        best = _unique_best(weights)
        if best:
            return best
        occupation = self.onet.occupation_title(code).lower()
        return max(roles, key=lambda r: (fuzz.token_sort_ratio(occupation, r.name.lower()), r.name)).name

    def _choices_among(self, codes: Iterable[str]) -> list[str]:
        found: list[str] = []
        for code in codes:
            same = self._same.get(code)
            names = [r.name for r in same if r.target] if same else self.closest_roles(code, top=1)
            for name in names:
                if name not in found:
                    found.append(name)
        return found


def _unique_best(scores: dict[str, float]) -> str | None:
    """The one name with the highest positive score; None when nothing scores or the best is shared."""
    top = max(scores.values(), default=0)
    best = [name for name, score in scores.items() if score == top]
    return best[0] if top > 0 and len(best) == 1 else None
