"""Find skill and role mentions in a message and read them the way a careers adviser would.

Stock NLU models miss multi-word skills, misspellings and negation, and confuse the job someone has with
the job they want. This finder is deterministic instead: a spaCy ``PhraseMatcher`` over every surface form
in the taxonomy (longest match wins, so "machine learning engineer" is a role, not a skill), rapidfuzz for
near-miss spellings, and small cue-word rules for negation ("I don't know Python"), learning intent
("want to learn SQL"), years of experience and goal versus current job.
"""

from __future__ import annotations

import functools
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field

import spacy
from rapidfuzz import process
from rapidfuzz.distance import OSA
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from catalog.catalogue.money import USD_PER_UNIT
from catalog.catalogue.onet import default_onet, load_title_abbreviations
from catalog.catalogue.providers import seed_provider_ids, seed_provider_names
from catalog.catalogue.taxonomy import Taxonomy, default_taxonomy, load_taxonomy
from catalog.reading.activities import ActivityPhrases
from catalog.reading.constraints import CURRENCY_WORDS
from catalog.reading.cue_words import load_cue_words
from catalog.reading.denials_after import (
    AFTER_TOKENS,
    CLAIMED_THEN_DENIED_AFTER,
    CLAUSE_DENIES_AFTER,
    DENIED_RIGHT_AFTER,
    DENIES_THE_CLAUSE,
    DENIES_THE_LAST,
    MISSING_AFTER,
    QUALIFYING_WORDS,
)
from catalog.reading.fields import FieldReader
from catalog.reading.goal_order import goals_for_later, put_later
from catalog.reading.industry_context import IndustryContext, industry_context_for
from catalog.reading.occupations import OccupationReader
from catalog.reading.ordinary_phrases import OrdinaryPhraseMatcher
from catalog.reading.other_people import others_clauses
from catalog.reading.sentences import ends_a_sentence, sentence_bounds, sentence_of
from catalog.reading.tools import ToolEntry, ToolLexicon
from catalog.reading.word_forms import (
    compound_words,
    counted_plural,
    joins_a_compound,
    same_in_number,
    singular,
)
from catalog.reading.word_roots import field_names_title

HAS, LACKS = "has", "lacks"
GOAL, CURRENT = "goal", "current"

CUES = load_cue_words()
CLAUSE_BREAKS = CUES["clause_breaks"]
ROLE_BREAKS = CLAUSE_BREAKS | CUES["role_breaks"]
NEGATIONS = CUES["negations"]
# Correction verbs ("scratch SQL", "remove Python") mark a skill as missing only when they open the clause:
# "stem teacher, scratch, lego mindstorms" lists Scratch, it does not remove what follows.
REMOVALS = CUES["removals"]
LEARNING = CUES["learning"] | REMOVALS
CLAUSE_OPENERS = CUES["clause_openers"]
POSTMODIFIERS = CUES["postmodifiers"]
HAVING = CUES["having"]
DIFFICULTIES = CUES["difficulties"]
SCANT_NOUNS = CUES["scant_nouns"]
SCANT_LEADS = CUES["scant_leads"]
AMOUNTS_OF_SOME = CUES["amounts_of_some"]
GOAL_CUES = CUES["goal_cues"]
WANTING = CUES["wanting"]
TO_COMPLEMENTS = CUES["to_complements"]
CURRENT_CUES = CUES["current_cues"]
ARTICLES = CUES["articles"]
COMMON_WORDS = CUES["common_words"]

# Ambiguous forms (the taxonomy's ``cased`` list: "React", "Swift", "Canvas", "AML") are ordinary words in
# lower case, so in lower case they count only where the context says "skill": in a list with another skill
# ("react, typescript"), after a cue ("know swift", "no node", "never used airflow") or before a skill noun
# ("no cad skills"). The ``never_lower`` ones are too common to count even then.
NEVER_LOWER = CUES["never_lower"]
CONNECTORS = CUES["connectors"]
SKILL_NOUNS = CUES["skill_nouns"]
ROLE_LEADS = CUES["role_leads"]
LEARNING_VERBS = CUES["learning_verbs"]
TOOL_CUES = CUES["tool_cues"]
TOOL_CUE_SKIPS = CUES["tool_cue_skips"]
HELD_KINDS = ("skill", "tool")  # what a learner has or lacks: the same polarity, question and list rules
# Job titles outside the taxonomy ("school librarian", "clinical data manager") are still job titles: a
# phrase ending in one of these heads, in a place where a job is named ("I'm a ...", "want ...", "goal is ..."),
# is read as a role. A generic head ("manager") needs a word before it; the others can stand alone.
GENERIC_HEADS = CUES["generic_heads"]
SOLO_HEADS = CUES["solo_heads"]
JOB_TITLE_LEADS = CUES["job_title_leads"]
JOB_TITLE_LEADS_AFTER = CUES["job_title_leads_after"]
SELF_INTRO_FOLLOWERS = CUES["self_intro_followers"]
DESCRIBED_BY = CUES["described_by"]
CONTACT_VERBS = CUES["contact_verbs"]
CONTACT_AFTER = CUES["contact_after"]
REPORTED_BY = CUES["reported_by"]
OFF_LIST = CUES["off_list"]
EMPLOYER_NOUNS = CUES["employer_nouns"]
LIST_JOINERS = CUES["list_joiners"]
WEAKNESS = CUES["weakness"]
FOREIGN_AM = CUES["foreign_am"]
NOT_IN_TITLES = CUES["not_in_titles"] | FOREIGN_AM
JOB_TITLE_STOPS = (ARTICLES | NEGATIONS | HAVING | WANTING | GOAL_CUES | CURRENT_CUES | LEARNING | NOT_IN_TITLES
                   | CUES["job_title_stop_nouns"])

# O*NET titles: a many-word title is looked for up to this many tokens long (the derived index drops longer
# ones); a last word that ends at least TITLE_HEAD_MIN of its titles is a job head ("clerk", "hygienist").
FIELD_CHOICES = 3  # roles offered for a field that is the core of none ("get into cloud security")
CURRENCY_CODES = set(USD_PER_UNIT) | set(CURRENCY_WORDS.values())  # every code a budget can be read in
MAX_TITLE_TOKENS = 7
POSSESSIVES = CUES["possessives"]  # "the clerk said": someone
TITLE_HEAD_MIN = 3

# A question that opens like this and never mentions the learner is about the world ("do recruiters look at
# this?", "are you chatgpt?"): a skill or role in it without a cue word is not the learner's.
QUESTION_OPENERS = CUES["question_openers"]
FIRST_PERSON = CUES["first_person"]
DESTINATION_LINKS = CUES["destination_links"]
OTHERS_WANTING_VERBS = CUES["others_wanting_verbs"]
SUBJECT_ADVERBS = CUES["subject_adverbs"]
NOT_A_SUBJECT = CUES["not_a_subject"]
STOP_WORDS = spacy.blank("en").Defaults.stop_words
MAX_AMBIGUOUS_ABBREVIATION = 3  # letters: "RTI", "SEN", "PTS" name many things; "ITIL" names one
GOAL_CORRECTIONS = CUES["goal_corrections"]
JOB_LEVEL_WORDS = CUES["job_level_words"]
TITLE_DESTINATION_LINKS = CUES["title_destination_links"]
GOAL_NOUNS = CUES["goal_nouns"]
GOAL_HEDGES = CUES["goal_hedges"]
LEARNER_STAND_INS = CUES["learner_stand_ins"]
UNMARKED_QUESTION_OPENERS = CUES["unmarked_question_openers"]
ALTERNATIVE_LINKS = CUES["alternative_links"]
ALTERNATIVE_FILLERS = CUES["alternative_fillers"]
MAX_DESTINATION_GAP = 4  # words between two parts of one destination ("process improvement, lean six sigma")


@dataclass
class Mention:
    """A skill or role found in a message, resolved to its canonical name."""

    kind: str  # "skill" | "role" | "tool" (an O*NET tool that is no taxonomy skill, ``value`` as O*NET writes it)
    value: str
    start: int  # character offsets into the message
    end: int
    text: str
    role: str  # skills: has | lacks; roles: goal | current
    years: float | None = None
    fuzzy: bool = False
    activity: bool = False  # said as the work itself, verb first ("process invoices"): activities.py
    claimed: bool = False  # a skill or tool said with a word of having or lacking, outside a question
    asked: bool = False  # a skill or tool named in a question that says nothing of the learner (no "I", "my")
    inferred_from: str | None = None  # a field ("telemedicine") read as the goal role it leads to
    token_start: int = field(default=0, repr=False)
    token_end: int = field(default=0, repr=False)
    cued: bool = field(default=False, repr=False)  # a cue word, not a default, decided ``role``
    unresolved: bool = False  # a job title the taxonomy doesn't have: ``value`` is the title as written
    onet: str | None = None  # the O*NET-SOC code of the occupation a job title names, when one was decided
    choices: tuple[str, ...] = ()  # covered roles to offer for a title we don't cover or can't decide
    wanted: bool = field(default=False, repr=False)  # a skill named as where they want to go, not one they have
    # A lower-case word that is a skill only in these industries ("epic", "canvas") when the message says no
    # industry: the action decides with the learner's goal and jobs.
    candidate_industries: tuple[str, ...] = ()
    readings: dict[str, str | None] | None = None  # industry -> skill, for a word read by industry ("coding")
    tool_class: str | None = None  # tools: O*NET's commodity class ("Medical software")
    onet_tool: str | None = None  # tools: O*NET's name of the product ("Kareo Practice Management")
    counts_toward: str | None = None  # tools: a skill its class counts toward (tool_class_skills.tsv)


NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "a": 1, "an": 1, "few": 3, "couple": 2, "several": 3, "half": 0.5}
# Years of experience beyond a working life are not read as years (a run of digits would read as infinity).
MAX_YEARS = 60
YEARS_RE = re.compile(
    r"\b(?P<n>\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|several|half a)"
    r"\s*\+?\s*(?P<unit>years?|yrs?|months?|mos?)\b",
    re.IGNORECASE,
)


FORWARD_LINK = re.compile(r"^\s*(?:of|in|with|doing|using|as an?|as|experience(?: in| with| of)?|"
                          r"of experience(?: in| with)?|working(?: with| in| as an?)?|professional|hands-on)?"
                          r"(?:\s+(?:experience|exp)(?:\s+(?:in|with|of))?)?\s*(?:an?|the)?\s*$", re.IGNORECASE)
BACKWARD_LINK = re.compile(r"^\s*(?:for|since|about|over|around|-|\(|:|x)?\s*(?:about|over|around|nearly|almost|"
                           r"roughly|like)?\s*$", re.IGNORECASE)


class MentionFinder:
    """Finds skills and roles; build once (building the matcher takes ~0.5 s), call :meth:`find` per message."""

    def __init__(self, taxonomy: Taxonomy, occupations: OccupationReader | None = None) -> None:
        self.taxonomy = taxonomy
        self.occupations = occupations
        self.industries: IndustryContext = industry_context_for(taxonomy)
        # O*NET's named tools come with its titles (CAREER_ONET_TITLES=off leaves both out).
        self.tools: ToolLexicon | None = ToolLexicon(taxonomy, occupations.onet, self.industries) \
            if occupations else None
        self.fields: FieldReader | None = FieldReader(occupations) if occupations else None  # and its fields
        # Skills that are technologies (O*NET names a tool for them: Java, PHP, Salesforce, SAP, Tableau): one
        # named in the learner's own job title ("junior php dev", "Salesforce admin") is one they work with.
        self._technologies = frozenset(occupations.onet.tool_skills.values()) if occupations else frozenset()
        # The first two words of O*NET's many-word product names ("oracle fusion", "cisco webex"): after a
        # vendor's word they name another of its products (see _another_product_of_the_vendor).
        self._product_starts = frozenset(tuple(name.lower().split()[:2]) for name in occupations.onet.tools
                                         if len(name.split()) >= 2) if occupations else frozenset()
        # Words O*NET titles start with, and the last words of its many-word titles that end at least a few
        # of them (clerk, hygienist, planner): a title is looked for only where one can start, and a
        # many-word title outside a place where jobs are named must end like a job.
        titles = occupations.onet.titles if occupations else {}
        self._title_starts = {t.split()[0] for t in titles} | set(occupations.onet.closed_compounds if occupations else ())
        abbreviations = occupations.onet.abbreviations if occupations else {}
        self._title_starts |= {short for short, words in abbreviations.items() if set(words) & self._title_starts}
        ends: dict[str, int] = defaultdict(int)
        for t in titles:
            if " " in t:
                ends[t.rsplit(" ", 1)[1]] += 1
        self._title_heads = {w for w, n in ends.items() if n >= TITLE_HEAD_MIN}
        self._title_heads |= {short for short, words in abbreviations.items() if set(words) & self._title_heads}
        self.nlp = spacy.blank("en")
        self._lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self._licensed = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._common_tools = PhraseMatcher(self.nlp.vocab, attr="ORTH")  # "Word", "Teams": see tools.py
        self._ordinary = OrdinaryPhraseMatcher(self.nlp.vocab, self.nlp.make_doc)
        self._labels: dict[int, tuple[str, str]] = {}
        lower_patterns: dict[str, list[Doc]] = defaultdict(list)
        exact_patterns: dict[str, list[Doc]] = defaultdict(list)
        fuzzy_forms: dict[str, tuple[str, str]] = {}
        ambiguous: dict[str, set[str]] = defaultdict(set)
        forms = list(taxonomy.surface_forms())
        taken = {f.text.lower() for f in forms}
        for form in forms:
            key = f"{form.kind}|{form.canonical}"
            doc = self.nlp.make_doc(form.text)
            (exact_patterns if form.case_sensitive else lower_patterns)[key].append(doc)
            if form.case_sensitive and len(form.text) >= 2 and form.text.lower() not in NEVER_LOWER:
                ambiguous[form.text.lower()].add(key)
            if not form.case_sensitive and len(form.text) >= 6:
                fuzzy_forms[form.text.lower()] = (form.kind, form.canonical)
            plural = counted_plural(form.text) if form.kind == "skill" else None
            if plural and plural.lower() not in taken and form.text.lower() not in NEVER_LOWER:
                # "CAPAs", "ekgs", "work orders": people count what they handle; the taxonomy names it once
                (exact_patterns if form.case_sensitive else lower_patterns)[key].append(self.nlp.make_doc(plural))
            ampersand = _with_ampersand(form.text)
            if ampersand and ampersand.lower() not in taken:
                # "learning & development", "health & safety": the taxonomy writes "and"
                (exact_patterns if form.case_sensitive else lower_patterns)[key].append(self.nlp.make_doc(ampersand))
        common_tools: dict[str, list[Doc]] = defaultdict(list)
        for entry in (self.tools.entries.values() if self.tools else ()):
            if entry.text.lower() in ISSUER_WORDS:
                continue  # "LinkedIn", "Coursera": where credentials come from, read by the catalogue questions
            key = f"tool|{entry.text}"
            doc = self.nlp.make_doc(entry.text)
            (common_tools if entry.common else lower_patterns)[key].append(doc)
            if entry.fuzzy:
                fuzzy_forms.setdefault(entry.text.lower(), ("tool", entry.text))
        for key, docs in common_tools.items():
            self._common_tools.add(key, docs)
        for key, docs in lower_patterns.items():
            self._lower.add(key, docs)
        for key, docs in exact_patterns.items():
            self._exact.add(key, docs)
        licensed: dict[str, list[Doc]] = defaultdict(list)
        for text, keys in ambiguous.items():
            if len(keys) == 1:  # a lower-case form two entries share stays unmatched
                licensed[next(iter(keys))].append(self.nlp.make_doc(text))
        for key, docs in licensed.items():
            self._licensed.add(key, docs)
        for key in set(lower_patterns) | set(exact_patterns) | set(common_tools):
            kind, canonical = key.split("|", 1)
            self._labels[self.nlp.vocab.strings[key]] = (kind, canonical)
        # Fuzzy candidates bucketed by first letter and token count: misspellings rarely change either.
        self._fuzzy: dict[tuple[str, int], list[str]] = defaultdict(list)
        for text in fuzzy_forms:
            self._fuzzy[(text[0], len(text.split()))].append(text)
        self._fuzzy_labels = fuzzy_forms
        # Every word of the vocabulary's own names (not its aliases, some of which are misspellings): one of
        # them is a word the learner meant, never a misspelling of another ("monitoring" is not a misspelt
        # "mentoring"); its plural or singular still is the same word ("height gauge", "height gauges").
        self._known_words = frozenset(w for f in forms for w in f.canonical.lower().split() if w.isalpha()) \
            | frozenset(load_title_abbreviations())  # "mfg engineer" is short for manufacturing, no misspelt "ml"
        self._stop_words = self.nlp.Defaults.stop_words
        self._activities = ActivityPhrases(forms)  # "I process invoices": Invoice Processing

    # -- matching ---------------------------------------------------------------------------------------------
    def _exact_spans(self, doc: Doc) -> list[Span]:
        spans = []
        for matcher in (self._lower, self._exact):
            for match_id, start, end in matcher(doc):
                kind, canonical = self._labels[match_id]
                spans.append(Span(doc, start, end, label=f"{kind}|{canonical}"))
        return spans

    def _fuzzy_spans(self, doc: Doc, taken: set[int]) -> list[Span]:
        spans = []
        for n in (3, 2, 1):
            for start in range(0, len(doc) - n + 1):
                end = start + n
                if any(i in taken for i in range(start, end)):
                    continue
                tokens = doc[start:end]
                if not all(t.is_alpha or t.text in "-/+#." for t in tokens) or tokens[0].is_punct:
                    continue
                text = tokens.text.lower()
                if len(text) < 6 or text in COMMON_WORDS or all(t.lower_ in self._stop_words for t in tokens):
                    continue
                if n > 1 and (tokens[0].lower_ in self._stop_words or tokens[-1].lower_ in self._stop_words):
                    continue
                choices = self._fuzzy.get((text[0], n))
                if not choices:
                    continue
                max_edits = 1 if len(text) < 10 else 2
                match = process.extractOne(text, choices, scorer=OSA.distance, score_cutoff=max_edits)
                if match is None or match[1] == 0:
                    continue
                form_tokens = set(match[0].split())
                if any(t.lower_ in COMMON_WORDS and t.lower_ not in form_tokens for t in tokens):
                    continue  # "career coordinator" is not a misspelt "care coordinator"
                if any(t.lower_ in self._known_words and not same_in_number(t.lower_, form_tokens) for t in tokens):
                    continue
                if _another_form_of_the_word(text, match[0]):
                    continue  # "recruited" is no misspelt "recruiter", "designed" no "designer"
                kind, canonical = self._fuzzy_labels[match[0]]
                if kind == "tool" and match[1] > 1:
                    continue  # a product name is a proper name: one slip, not two ("microcreds" is no MicroPress)
                if kind == "skill" and n == 1 and (text in SOLO_HEADS or text in GENERIC_HEADS):
                    continue  # "radiographer" is a job, not a misspelt "radiography"
                spans.append(Span(doc, start, end, label=f"{kind}|{canonical}|fuzzy"))
                taken.update(range(start, end))
        return spans

    def find(self, text: str) -> list[Mention]:
        """Every skill and role mention in ``text``, with polarity, goal/current and years attached."""
        if not text or not text.strip():
            return []
        doc = self.nlp.make_doc(text[:5000])
        spans = [s for s in filter_spans(self._exact_spans(doc)) if not _used_as_verb(doc, s)]
        spans = self._split_negated_compounds(doc, spans)
        spans, unlicensed = self._add_licensed_spans(doc, spans)
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans = sorted(spans + self._fuzzy_spans(doc, taken) + self._activities.spans(doc, taken),
                       key=lambda s: s.start)
        spans = self._onet_title_spans(doc, spans)
        spans = self._job_title_spans(doc, spans)
        spans = self._roles_read_by_industry(doc, spans)
        industries = self._message_industries(spans)
        spans = self._read_by_industry(doc, spans, unlicensed, industries)
        spans = self._without_abbreviations_out_of_place(doc, spans, industries)
        ordinary = self._ordinary.covered(doc)  # "oil on canvas", "word of mouth": not the LMS, not Word
        spans = [s for s in spans if not (s.label_.split("|", 1)[0] in ("skill", "tool") and s.text.islower()
                                          and all(i in ordinary for i in range(s.start, s.end)))
                 and not self._another_product_of_the_vendor(doc, s)]
        mention_tokens = {i for s in spans for i in range(s.start, s.end)}
        mentions: list[Mention] = []
        for span in spans:
            kind, canonical, *flags = span.label_.split("|")
            named = dict(f.split("=", 1) for f in flags if "=" in f)
            entry = self.tools.get(canonical) if kind == "tool" and self.tools else None
            if entry is not None and entry.skill:
                kind, canonical = "skill", entry.skill  # a tool that is a taxonomy skill reads as the skill
            m = Mention(kind, canonical, span.start_char, span.end_char, span.text, HAS if kind in HELD_KINDS else "",
                        fuzzy="fuzzy" in flags, activity="activity" in flags, unresolved="unknown" in flags,
                        token_start=span.start,
                        token_end=span.end, onet=named.get("onet") or None,
                        choices=tuple(c for c in named.get("choices", "").split(";") if c))
            if entry is not None and kind == "tool":
                m.tool_class, m.onet_tool, m.counts_toward = entry.tool.kind, entry.tool.name, entry.counts_toward
            if "candidate" in flags:
                m.candidate_industries = tuple(sorted(entry.industries if entry is not None
                                                      else self.industries.skill_industries.get(canonical, ())))
            if kind == "skill" and not industries and span.text.lower() in self.industries.readings:
                m.readings = dict(self.industries.readings[span.text.lower()])
            mentions.append(m)
        mentions = [m for m in mentions if not (m.kind == "role" and _not_the_learners_job(doc, m))
                    and not _inside_a_credential_name(doc, m) and not _inside_an_organisation_name(doc, m)
                    and not _names_the_employer(doc, m)]
        mentions, disowned = _without_other_peoples(doc, mentions)
        self._read_roles(doc, mentions, mention_tokens)
        mentions += self._technologies_in_own_title(doc, mentions)
        if self.fields is not None and not any(m.kind == "role" and m.role == GOAL and m.cued for m in mentions):
            mentions = self._with_field_goal(doc, mentions, mention_tokens)
        self._extend_destinations(doc, mentions)
        for later in goals_for_later(doc, [m for m in mentions if m.kind == "role" and m.role == GOAL]):
            later.wanted = True  # "phlebotomy first and then maybe LPN later": the profile keeps one goal
        self._read_skill_polarity(doc, mentions, mention_tokens)
        for m in disowned:  # "my director uses Asana and MS Project, I don't know these tools"
            m.role, m.cued = LACKS, True
        self._attach_years(text, doc, mentions)
        mentions = [m for m in mentions if not m.wanted and not _is_a_currency_code(doc, m)]
        if _asks_about_others(doc):
            mentions = [m for m in mentions if m.cued]
        # "ive heard R or python, which one should i do first?": a skill in a question, with nothing saying the
        # learner has or lacks it, is what they ask about.
        # A question's skills stay entities even when it says nothing of the learner ("are there free power bi
        # courses?" is a search by Power BI); the intent decides whether they fill the profile.
        for m in mentions:
            in_question = _in_a_question(doc, m)
            m.claimed = m.kind in HELD_KINDS and m.cued and not in_question
            # "what is more used in FP&A teams, Power BI or Tableau?", "does step 3 include SQL?", "whats ADDIE
            # lol": named for the answer, used by others; the learner's own only in a question that names them
            m.asked = m.kind in HELD_KINDS and _in_a_question(doc, m, unmarked=True) \
                and not _learner_in_the_sentence(doc, m)
        return [m for m in mentions if m.cued or m.kind not in HELD_KINDS or not _in_a_question(doc, m)]

    def _another_product_of_the_vendor(self, doc: Doc, span: Span) -> bool:
        """"oracle fusion", "cisco webex": a one-word name that is the vendor's word of a longer product name
        ("oracle" for Oracle Database), followed by a word that continues another of the vendor's products in
        O*NET, names that other product, not this one. A name that is the vendor's own ("SAP") is not cut."""
        kind, canonical = span.label_.split("|", 1)
        if kind != "skill" or len(span) != 1 or span.end >= len(doc):
            return False
        word, following = span.text.lower(), doc[span.end].lower_
        name = canonical.lower().split()
        return (len(name) > 1 and name[0] == word and following != name[1]
                and (word, following) in self._product_starts)

    def _technologies_in_own_title(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """The technologies a current job's title names ("php" in "junior php dev"), as skills held: the title
        took their words, so they were no mention of their own. A goal's title says nothing held."""
        out: list[Mention] = []
        said = {m.value for m in mentions if m.kind in HELD_KINDS}
        for job in (m for m in mentions if m.kind == "role" and m.role == CURRENT):
            title = doc[job.token_start:job.token_end]
            for span in self._exact_spans(title.as_doc()):
                kind, skill = span.label_.split("|", 1)
                if kind != "skill" or skill not in self._technologies or skill in said:
                    continue
                start, end = title[span.start].idx, title[span.end - 1].idx + len(title[span.end - 1])
                out.append(Mention("skill", skill, start, end, doc.text[start:end], HAS, cued=True,
                                   token_start=job.token_start + span.start, token_end=job.token_start + span.end,
                                   inferred_from=job.text))
                said.add(skill)
        return out

    def _same_family(self, role_name: str, code: str | None) -> bool:
        """Is the occupation ``code`` in the covered role's own SOC major group (or undecided, or the role has
        no code)? Titles that share a head word across groups ("programmer") are different jobs."""
        role = self.taxonomy.roles.get(role_name)
        own = role.onet if role else ""
        return not code or not own or own.split("-")[0] == code.split("-")[0]

    def _onet_names_another_job(self, phrase: str, role_name: str) -> bool:
        """Is ``phrase`` an O*NET title of an occupation other than the covered role's own?"""
        if self.occupations is None or not self.occupations.knows(phrase):
            return False
        role = self.taxonomy.roles.get(role_name)
        reading = self.occupations.read(phrase)
        return bool(role and reading and reading.code and reading.role != role.name
                    and not self._same_family(role_name, reading.code))

    def _extend_destinations(self, doc: Doc, mentions: list[Mention]) -> None:
        """What follows a goal in a list is more of where they want to go, not what they have: "go to FP&A,
        budgeting and forecasting", "process improvement, lean six sigma type work", "food safety or quality
        assurance". So is a field after "specifically"/"more like" in a sentence that wants ("into tech,
        specifically GRC"), or opening a clause that refines the goal ("More specifically I think pen testing").
        A list that goes on to say it is theirs ("data analyst, SQL and Excel I know") is left alone."""
        ordered = sorted(mentions, key=lambda x: x.token_start)
        end = -1  # where the destination read so far ends
        titled = False  # the destination so far is a job title, not a field
        for m in ordered:
            if m.kind == "role" and m.role == GOAL:
                end, titled = m.token_end, not m.inferred_from
                continue
            if m.kind not in HELD_KINDS:
                continue
            gap = [t.lower_ for t in doc[end:m.token_start]] if end >= 0 and m.token_start >= end else None
            # After a title only "or", "/" or "&" go on ("data analyst or data engineering"): "want to become an
            # instructional designer, blooms taxonomy" goes on to what they know.
            links = TITLE_DESTINATION_LINKS if titled else DESTINATION_LINKS
            continues = gap is not None and len(gap) <= MAX_DESTINATION_GAP and all(
                w in links for w in gap) and (bool(gap) or m.token_start == end)
            if not continues and m.kind == "skill" and self._corrects_the_goal(doc, m):
                for earlier in ordered:  # "medical coding. actually scratch that, more like health informatics"
                    if earlier.kind == "role" and earlier.role == GOAL and earlier.token_start < m.token_start:
                        earlier.wanted = True
                self._as_field_goal(m)
                end = m.token_end
            elif (continues or self._refines_the_goal(doc, m)) and not self._claimed_after(doc, m):
                m.wanted, end, titled = True, m.token_end, False
            elif m.wanted:
                end = m.token_end
            else:
                end = -1

    def _refines_the_goal(self, doc: Doc, m: Mention) -> bool:
        before = self._context_before(doc, m.token_start, CLAUSE_BREAKS, set())
        near = [w for w in before if w not in (",", "-", ":")]
        if near[:1] in (["specifically"], ["especially"], ["particularly"], ["ideally"]) or near[:2] == ["like", "more"]:
            return any(w in WANTING or w in GOAL_CUES for w in _sentence_before(doc, m.token_start))
        opener = [w for w in before[::-1] if w not in (",", "-", ":")][:2]
        return (opener[:1] == ["specifically"] or opener in (["more", "specifically"], ["more", "like"])) \
            and not any(w in HAVING for w in before)

    @staticmethod
    def _sentence_wants_before(doc: Doc, start: int) -> bool:
        """Does the sentence, before ``start``, say the learner wants to go somewhere (not what others want)?"""
        words = _without_others_wanting(_sentence_before(doc, start))
        return any(w in WANTING or (w in GOAL_CUES and w not in ("be", "next", "future")) for w in words)

    def _corrects_the_goal(self, doc: Doc, m: Mention) -> bool:
        """"actually scratch that, more like health informatics", "no wait, rather data engineering": a
        correction in the clause, then "more like"/"rather"/"instead" right before the field."""
        before = [w for w in self._context_before(doc, m.token_start, CLAUSE_BREAKS, set()) if w not in ("-", ":")]
        near = [w for w in before if w != ","]
        leads = near[:2] == ["like", "more"] or near[:1] in (["rather"], ["instead"])
        return leads and any(w in GOAL_CORRECTIONS for w in before)

    @staticmethod
    def _claimed_after(doc: Doc, m: Mention) -> bool:
        """Does the clause go on to say the learner has it ("..., SQL and Excel I know")?"""
        for tok in doc[m.token_end:m.token_end + 6]:
            if tok.lower_ in CLAUSE_BREAKS:
                return False
            if tok.lower_ in FIRST_PERSON or tok.lower_ in HAVING and tok.lower_ not in DESTINATION_LINKS:
                return True  # "work" in "six sigma type work" is the destination's word, not having
        return False

    def _with_field_goal(self, doc: Doc, mentions: list[Mention], skip: set[int]) -> list[Mention]:
        """A goal said as a field that is no skill or title ("move to underwriting"): see fields.py."""
        found = self.fields.find(doc, skip, lambda i: self._context_before(doc, i, ROLE_BREAKS, skip),
                                 lambda before: self._role_reading(before) == GOAL) if self.fields else None
        if found is None:
            return mentions
        uncued_goals = [m for m in mentions if m.kind == "role" and m.role == GOAL]
        if any(m.token_start >= found.end and field_names_title(found.text, m.text, extra_words=1)
               for m in uncued_goals):
            return mentions  # "move into reliability. reliability engineer, or ...": the title after says which
        for other in uncued_goals:  # a job named without a cue was the goal only for want of another
            other.role = CURRENT
        reading, span = found.reading, doc[found.start:found.end]
        m = Mention("role", reading.role or _title(found.text), span.start_char, span.end_char, span.text, GOAL,
                    inferred_from=found.text, token_start=found.start, token_end=found.end, cued=True,
                    unresolved=reading.role is None, onet=reading.code, choices=reading.choices)
        return sorted([*mentions, m], key=lambda x: x.start)

    def _onet_title_spans(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Job titles O*NET knows ("dental hygienist", "payroll clerk"), read as roles.

        A title becomes a role when it is the longest reading of its words: a taxonomy role as long or longer
        keeps its place, and a title never cuts a skill or role in two. A one-word title ("machinist") counts
        only where a job is named ("I'm a machinist"); a many-word one also where it ends like a job title.
        The title is resolved through its O*NET occupation to a covered role, or kept as written with the
        occupation's code and the covered roles closest to it.
        """
        if self.occupations is None:
            return spans
        onet = self.occupations.onet
        found = []
        for start in range(len(doc)):
            first = doc[start]
            if first.lower_ not in self._title_starts and first.text not in onet.short_titles:
                continue
            for end in range(min(len(doc), start + MAX_TITLE_TOKENS), start, -1):
                span = doc[start:end]
                if (span[-1].is_alpha or span[-1].text.isupper()) and onet.title_key(span.text) is not None:
                    found.append(span)
                    break
        out = list(spans)
        context = [s.label_.split("|")[1] for s in spans if s.label_.startswith("skill|")]
        context += [e.tool.name for e in (self._tool_entry(s) for s in spans) if e is not None]
        context += [t.text for t in doc if t.is_alpha and len(t) > 2]
        for span in filter_spans(found):
            overlapping = [s for s in out if s.start < span.end and span.start < s.end]
            if any(s.start < span.start or s.end > span.end for s in overlapping):
                continue  # would cut another mention in two
            if any(s.label_.startswith("role|") and len(s) >= len(span) for s in overlapping):
                continue  # the taxonomy's own reading of the same words
            at_job_place = self._names_a_job_here(doc, span.start)
            if not at_job_place and span.start > 0 and doc[span.start - 1].lower_ in POSSESSIVES:
                continue  # "my career coordinator said": somebody else
            head_role = next((s for s in overlapping if s.label_.startswith("role|") and s.end == span.end), None)
            if len(span) == 1:
                short = span.text in onet.short_titles
                # "coder, outpatient. CPC.": a one-word title opening the message as a self-introduction
                introduces = not short and _opens_the_message_with(doc, span)
                if overlapping or not (at_job_place or introduces) or span[0].lower_ in COMMON_WORDS \
                        or (short and len(span.text) < 3):
                    continue
                if short and (span.start == 0 or doc[span.start - 1].lower_ in (":", "-", "=")):
                    continue  # "CFA level 1 or ...?": an abbreviation is a job only after "I'm a", "as a"
                if _a_comparison(doc, span):
                    continue  # "building pipelines is closer to what I do": no loan closer
            elif not at_job_place and (span[-1].lower_ not in self._title_heads
                                       or any(len(s) == len(span) for s in overlapping)):
                continue
            reading = self.occupations.read(span.text, context)
            if reading is None or (head_role is not None and not reading.role
                                   and self._same_family(head_role.label_.split("|")[1], reading.code)):
                continue  # "ELA teacher" we don't cover is still a Teacher, as the head says; a "CNC
                # programmer" (production, 51-) is no Software Developer (computing, 15-) for its head word
            flags = f"|onet={reading.code}" if reading.code else ""
            if reading.role:
                label = f"role|{reading.role}{flags}"
            else:
                written = _title(span.text).replace("|", "/")
                label = f"role|{written}|unknown{flags}|choices={';'.join(reading.choices)}"
            out = [s for s in out if s not in overlapping]
            out.append(Span(doc, span.start, span.end, label=label))
        return sorted(out, key=lambda s: s.start)

    def _job_title_spans(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Job titles the taxonomy lacks, and known ones with extra words ("science teacher"), as whole roles.

        The phrase runs left from a job head noun over up to three plain words (a skill inside is absorbed:
        "sales operations analyst" is a job, not the skill Sales). A known title keeps its canonical role;
        an unknown one is matched exactly against the taxonomy or kept as written and marked ``unknown`` for
        the adviser to offer the closest roles it covers.
        """
        out = list(spans)
        for j, tok in enumerate(doc):
            head = tok.lower_
            if head not in GENERIC_HEADS and head not in SOLO_HEADS:
                continue
            covering = next((s for s in out if s.start <= j < s.end), None)
            if covering is not None and (not covering.label_.startswith("role|") or covering.end - 1 != j):
                continue
            start = covering.start if covering is not None else j
            i, words = start, 0
            while i > 0 and words < 3:
                if i > 1 and joins_a_compound(doc, i - 1):
                    i -= 1  # "cyber-security analyst": the hyphen joins the word before to this one
                prev = doc[i - 1]
                low = prev.lower_
                if not prev.is_alpha or low in self._stop_words or low in JOB_TITLE_STOPS:
                    break
                left = next((s for s in out if s.start <= i - 1 < s.end), None)
                if left is not None and (left.label_.startswith("role|") or left.start < i - 3):
                    break
                i, words = (left.start, words + len(left)) if left is not None else (i - 1, words + 1)
            if covering is not None and i == start:
                continue  # a known title with nothing added
            if covering is None and i == j and head in GENERIC_HEADS:
                continue  # "manager" alone says too little
            if not self._names_a_job_here(doc, i):
                continue
            phrase = doc[i:j + 1]
            if covering is not None and "|unknown" not in covering.label_ \
                    and self._onet_names_another_job(phrase.text, covering.label_.split("|")[1]):
                continue  # "cnc programmer" is O*NET's CNC Tool Programmer, not a Software Developer with "cnc"
            if covering is not None:
                label = covering.label_
                if "|unknown" in label:  # "food safety manager", grown from O*NET's "safety manager": as written
                    kind, _, *flags = label.split("|")
                    label = "|".join([kind, _title(phrase.text).replace("|", "/"), *flags])
            else:
                # Exact only: "sales operations analyst" is not a misspelt "security operations analyst"
                # (misspellings of known titles were caught by the fuzzy pass already).
                canonical = self.taxonomy.role_name(phrase.text, fuzzy=False)
                choices = self.occupations.sharing_words(phrase.text) if self.occupations and not canonical else []
                label = f"role|{canonical}" if canonical else \
                    f"role|{_title(phrase.text)}|unknown|choices={';'.join(choices)}"
            out = [s for s in out if s.end <= i or s.start > j]
            out.append(Span(doc, i, j + 1, label=label))
        return sorted(out, key=lambda s: s.start)

    @staticmethod
    def _names_a_job_here(doc: Doc, start: int) -> bool:
        """Is the phrase at ``start`` in a place where people name a job ("I'm a ...", "want ...", first word)?"""
        if start == 0:
            return True
        lead = doc[start - 1].lower_
        if lead in JOB_TITLE_LEADS or lead in GOAL_CUES or lead in WANTING or lead in FOREIGN_AM:
            return True
        before = doc[start - 2].lower_ if start >= 2 else ""
        if lead == "the" and before in ("m", "'m", "im", "am", "as", "was"):
            return True  # "I'm the production planner"
        if lead in (":", "-", "=") and (before in GOAL_CUES or before in CURRENT_CUES or before in ("job", "role")):
            return True  # "goal: procurement manager / current: buyer"
        return lead in JOB_TITLE_LEADS_AFTER and (before in WANTING or before in GOAL_CUES or before in CURRENT_CUES)

    def _message_industries(self, spans: list[Span]) -> set[str]:
        """Industries of the jobs the message names (a covered role's, or an O*NET occupation's)."""
        found = set()
        for span in spans:
            kind, value, *flags = span.label_.split("|")
            if kind != "role":
                continue
            found |= self.industries.of_words(span.text)  # "medical billing coordinator": healthcare
            role = self.taxonomy.roles.get(value)
            if role is not None:
                found.add(role.industry)
            for flag in flags:
                industry = self.industries.of_code(flag[5:]) if flag.startswith("onet=") else None
                if industry:
                    found.add(industry)
        return found

    def _roles_read_by_industry(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A job title said alike in several industries takes the reading of the industry its own clause names
        ("shift supervisor at an automotive plant": Production Supervisor; at a hospital, no covered role).
        The closest roles of an uncovered title are not reordered so: a production planner's are logistics
        roles in any plant."""
        out = []
        for span in spans:
            decided, role = (self.industries.role_reading(span.text, self.industries.of_words(
                _the_jobs_own_clause(doc, span))) if span.label_.startswith("role|") else (False, None))
            if not decided:
                out.append(span)
            else:
                label = f"role|{role}" if role else f"role|{_title(span.text)}|unknown|choices="
                out.append(Span(doc, span.start, span.end, label=label))
        return out

    def _without_abbreviations_out_of_place(self, doc: Doc, spans: list[Span], industries: set[str]) -> list[Span]:
        """A three-letter abbreviation stands for many things ("RTI submissions" from a payroll administrator
        is Real Time Information, not Response to Intervention; "PM" at a paper mill is preventive maintenance,
        not the medical software), so one read as a skill or tool of an industry that neither the jobs named
        nor most of the other skills of the message belong to is dropped. Longer names and skills used across
        industries stay, and so does one in a sentence about where they want to go."""
        skills = [s for s in spans if s.label_.startswith("skill|")]
        short = [s for s in spans if s.label_.split("|", 1)[0] in HELD_KINDS and len(s) == 1 and s.text.isupper()
                 and 2 <= len(s.text) <= MAX_AMBIGUOUS_ABBREVIATION]
        if not short:
            return spans
        usual = self.industries.usual_of_skills(s.label_.split("|")[1] for s in skills if s not in short)
        evidence = industries | usual
        if not evidence:
            return spans
        out_of_place = set()
        bounds = sentence_bounds(doc)
        for span in short:
            start, end = next(b for b in bounds if b[0] <= span.start < b[1])
            if any(t.lower_ in WANTING or t.lower_ in GOAL_CUES for t in doc[start:end]):
                continue  # where they want to go may be another industry's ("into tech, specifically GRC")
            kind, name = span.label_.split("|")[:2]
            own = self.industries.of_skill(name) if kind == "skill" else self._industries_of_tool(name)
            if own and not own & evidence:
                out_of_place.add(id(span))
        return [s for s in spans if id(s) not in out_of_place]

    def _industries_of_tool(self, tool: str) -> frozenset[str]:
        entry = self.tools.get(tool) if self.tools else None
        return entry.industries if entry is not None else frozenset()

    def _read_by_industry(self, doc: Doc, spans: list[Span], unlicensed: list[Span],
                          industries: set[str]) -> list[Span]:
        """The industry the message is in licenses its own skills' lower-case names ("epic" to a nurse) and
        picks the industry's reading of a listed word ("coding" to a medical receptionist); with no industry in
        the message, an unlicensed form is passed on as a candidate for the action to decide."""
        out = []
        for span in spans:
            kind, value, *flags = span.label_.split("|")
            decided, skill = self.industries.reading(span.text, industries) if kind == "skill" else (False, None)
            if not decided:
                out.append(span)
            elif skill is not None:
                out.append(Span(doc, span.start, span.end, label="|".join(["skill", skill, *flags])))
        taken = {i for s in out for i in range(s.start, s.end)}
        for span in unlicensed:
            if any(i in taken for i in range(span.start, span.end)):
                continue
            entry = self._tool_entry(span)
            if entry is not None:  # "Canvas" from a teacher; with no job named, the learner's industry decides
                if span.start > 0 and doc[span.start - 1].lower_ in PERSON_LEADS:
                    continue  # "I work with Bill", "ask Sage": a person, whatever the industry
                if len(span.text) <= 2:
                    continue  # a letter or two ("J") is a tool only where the message itself says so (a cue)
                if industries & entry.industries:
                    out.append(span)
                elif not industries and entry.industries:
                    out.append(Span(doc, span.start, span.end, label=f"{span.label_}|candidate"))
                continue
            if not span.label_.startswith("skill|"):
                continue
            skill = span.label_.split("|")[1]
            if industries and self.industries.fits(skill, industries):
                out.append(span)
            elif not industries and self.industries.skill_industries.get(skill):
                out.append(Span(doc, span.start, span.end, label=f"{span.label_}|candidate"))
        for tok in doc:  # a listed word the taxonomy doesn't read at all ("ar" in accounts)
            if tok.i in taken or not tok.is_alpha:
                continue
            decided, skill = self.industries.reading(tok.text, industries)
            if decided and skill is not None and not any(s.start <= tok.i < s.end for s in out):
                out.append(Span(doc, tok.i, tok.i + 1, label=f"skill|{skill}"))
        return sorted(out, key=lambda s: s.start)

    def _add_licensed_spans(self, doc: Doc, spans: list[Span]) -> tuple[list[Span], list[Span]]:
        """Lower-case ambiguous forms that the context licenses (one licensed form can license the next), and
        those it doesn't, for the industry to decide."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        candidates = filter_spans([
            Span(doc, start, end, label=self.nlp.vocab.strings[match_id])
            for matcher in (self._licensed, self._common_tools) for match_id, start, end in matcher(doc)
            if not any(i in taken for i in range(start, end))
        ])
        accepted = list(spans)
        grew = True
        while grew and candidates:
            grew = False
            for cand in list(candidates):
                if _licensed_by_context(doc, cand, accepted):
                    accepted.append(cand)
                    candidates.remove(cand)
                    grew = True
        return sorted(accepted, key=lambda s: s.start), [c for c in candidates if not _plainly_a_word(doc, c)]

    def _tool_entry(self, span: Span) -> ToolEntry | None:
        if not span.label_.startswith("tool|") or self.tools is None:
            return None
        return self.tools.get(span.label_.split("|")[1])

    def _split_negated_compounds(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """'no SQL yet' is a missing skill, not the NoSQL database family."""
        out = []
        for span in spans:
            if len(span) > 1 and span[0].lower_ in ("no", "not"):
                rest = doc[span.start + 1:span.end]
                canonical = self.taxonomy.skill_name(rest.text, fuzzy=False)
                if canonical:
                    out.append(Span(doc, rest.start, rest.end, label=f"skill|{canonical}"))
                    continue
            out.append(span)
        return out

    # -- reading context ------------------------------------------------------------------------------------------
    def _context_before(self, doc: Doc, start: int, breaks: set[str], skip: set[int]) -> list[str]:
        """Lower-cased tokens before ``start`` back to the clause boundary, nearest first."""
        words = []
        for i in range(start - 1, -1, -1):
            tok = doc[i]
            low = tok.lower_
            if low in breaks or (tok.is_sent_start and i != 0 and low not in ARTICLES):
                break
            if i in skip:
                continue
            words.append(low)
        return words

    def _read_skill_polarity(self, doc: Doc, mentions: list[Mention], skip: set[int]) -> None:
        attached = {i for i in range(1, len(doc)) if (i - 1) in skip and doc[i].lower_ in POSTMODIFIERS}
        trailing: set[int] = set()  # mentions made missing by what follows them
        held = [m for m in mentions if m.kind in HELD_KINDS]
        context = {id(m): self._context_before(doc, m.token_start, CLAUSE_BREAKS, skip | attached) for m in held}
        for m in held:
            before = context[id(m)]
            m.role, m.cued = self._polarity(before)
            after = [t.lower_ for t in doc[m.token_end:m.token_end + 2]]
            if after[:1] == ["yet"] and m.role == HAS and any(w in NEGATIONS for w in before):
                m.role = LACKS
            if not m.cued and _said_missing_after(doc, m.token_end, before):
                m.role, m.cued = LACKS, True
                trailing.add(id(m))
            elif m.role == HAS and (DENIED_RIGHT_AFTER.match(doc[m.token_end:m.token_end + 8].text)
                                    or (CLAIMED_THEN_DENIED_AFTER if m.cued else CLAUSE_DENIES_AFTER).match(
                                        _text_up_to_another_skill(doc, m, held))):
                # "i know sql, spark i never touched": the list's "know" is taken back for the one it follows
                m.role = LACKS
                trailing.add(id(m))
            if m.activity and before[:1] == ["to"] and not m.cued:
                m.wanted = True  # "I want to manage people", "I'd like to write reports": what they would do
        # "... want SQL and Tableau or Power BI. never used any of them": the next sentence takes back the last.
        for k, (start, end) in enumerate(sentences := sentence_bounds(doc)):
            if k and DENIES_THE_LAST.search(doc[start:end].text) \
                    and not any(start <= m.token_start < end for m in held):
                for m in held:
                    if sentences[k - 1][0] <= m.token_start < sentences[k - 1][1] and m.role == HAS and not m.cued:
                        m.role, m.cued = LACKS, True
            self._deny_the_clause_before(doc, start, end, held)
        for m in held:  # "employers want python": what somebody else asks for, not what the learner has
            before = context[id(m)]
            if m.role == HAS and not m.cued and len(_without_others_wanting(before)) < len(before):
                m.wanted = True
        # "statistics and SPC not really": a "no" said after the last skill of a list covers the list.
        for first, then in reversed(list(zip(held, held[1:], strict=False))):
            joined = doc[first.token_end:then.token_start].text.strip().lower()
            if id(then) in trailing and not first.cued and first.role == HAS and joined in LIST_JOINERS:
                first.role, first.cued = LACKS, True
                trailing.add(id(first))

    @staticmethod
    def _deny_the_clause_before(doc: Doc, start: int, end: int, held: list[Mention]) -> None:
        """"but FHIR, Mirth, Rhapsody - none of that", "wcag in depth, screen readers - weak on all of that":
        a closing "none of that" takes back what the clause listed before it, from its last clause break on."""
        sentence = doc[start:end]
        found = DENIES_THE_CLAUSE.search(sentence.text)
        if found is None:
            return
        at = next((t.i for t in sentence if t.idx - sentence.start_char >= found.start()), end)
        opens = max([start, *(t.i + 1 for t in doc[start:at] if t.lower_ in CLAUSE_BREAKS)])
        for m in held:
            if opens <= m.token_start and m.token_end <= at and m.role == HAS:
                m.role, m.cued = LACKS, True

    @staticmethod
    def _polarity(before: list[str]) -> tuple[str, bool]:
        """``(has|lacks, cued)`` from the words before a skill, nearest first; no cue reads as ``has``."""
        for k, word in enumerate(before):
            if word in DIFFICULTIES and any(w in NEGATIONS for w in before[k + 1:k + 4]):
                return HAS, True  # "never had trouble with SQL", "no problems with Excel": worked with it
            if word in ("only", "just") and k == 0:
                return HAS, True  # "I don't know SolidWorks, only AutoCAD"
            if word in ("out", "off") and before[k + 1:k + 2] in (["take"], ["took"], ["taking"]):
                return LACKS, True  # "take out Excel"
            if word in NEGATIONS:
                return LACKS, True
            if word in LEARNING:
                if word == "new" and k >= 1 and before[k - 1] != "to":
                    continue
                if word in REMOVALS and any(w not in CLAUSE_OPENERS for w in before[k + 1:]):
                    continue
                return LACKS, True
            if word in WEAKNESS:  # "unfamiliar with Power BI", "bad at Excel"; "not bad at Excel" is had
                if word == "little" and not _scant(before, k):
                    continue  # "a little Python", "little bit of SQL" are some
                return (HAS if before[k + 1:k + 2] in (["not"], ["n't"]) else LACKS), True
            if word in HAVING:
                window = before[k + 1:k + 5]  # "I have no idea how to use Excel"
                scant = any(w == "little" and _scant(before, j) for j, w in enumerate(before[k + 1:k + 3], k + 1))
                if any(w in NEGATIONS for w in window) or scant or _negated_through_or(before[k + 1:]):
                    return LACKS, True
                return HAS, True
        return HAS, False

    def _read_roles(self, doc: Doc, mentions: list[Mention], skip: set[int]) -> None:
        roles = [m for m in mentions if m.kind == "role"]
        held_tokens = {i for m in mentions if m.kind in HELD_KINDS for i in range(m.token_start, m.token_end)}
        for m in roles:
            role = self.taxonomy.roles.get(m.value)
            before = self._context_before(doc, m.token_start, ROLE_BREAKS, skip)
            reading = self._role_reading(before)
            m.role, m.cued = reading or ("" if role is None or role.target else CURRENT), reading is not None
        for m in roles:  # "I want to move into clinical research, as clinical research associate": the "as"
            # names where they want to be when the sentence wants, past the comma that ends the role's clause
            before = [w for w in self._context_before(doc, m.token_start, ROLE_BREAKS, skip) if w not in ARTICLES]
            if m.role == CURRENT and before[:1] == ["as"] and len(before) == 1 \
                    and self._sentence_wants_before(doc, m.token_start):
                m.role = GOAL
        # Roles without cue words: "from X to Y" reads the last one as the goal.
        for m in roles:  # "a teacher who likes tech": a description of someone, unless "become a nurse who..."
            before = [w for w in self._context_before(doc, m.token_start, ROLE_BREAKS, skip) if w not in ARTICLES]
            described = _next_word(doc, m) in DESCRIBED_BY or doc[m.token_end:m.token_end + 2].text.lower() == "like me"
            if described and before[:1] not in (["become"], ["be"], ["becoming"]):
                m.role, m.cued = CURRENT, True
        undecided = [m for m in roles if not m.role]
        for m in undecided:  # "physiotherapist wanting to ...", "maintenance tech here": who they are now
            if _next_word(doc, m) in SELF_INTRO_FOLLOWERS:
                m.role = CURRENT
            elif _opens_the_message(doc, m, held_tokens) and _describes_a_job(doc, m):
                m.role = CURRENT  # "EHS coordinator, I know ...", "cnc machinist 9 yrs": a self-introduction
        undecided = [m for m in undecided if not m.role]
        has_goal = any(m.role == GOAL for m in roles)
        for k, m in enumerate(undecided):
            if _qualifies_an_earlier_goal(doc, m, roles):
                m.role = GOAL  # "i want to be a safety manager. well maybe not right away, EHS specialist to start"
            elif has_goal and put_later(doc, m):
                m.role = GOAL  # "I want to be a data analyst and a data scientist later": the next step of a path
            else:
                m.role = CURRENT if has_goal or k < len(undecided) - 1 else GOAL
        for first, then in reversed(list(zip(undecided, undecided[1:], strict=False))):
            if _alternatives(doc, first, then):  # "data scientist or data analyst would be my goal"
                first.role = then.role
        # A skill named as a destination ("move into telemedicine") is read as the role it leads to,
        # unless the message names the goal role itself ("get into security as a SOC analyst").
        # Where they want to go is not what they have: a field after "get into", "want", "->" is the goal, read
        # as the role it is the core of, else as a choice among the roles that need it most; a second one, or
        # one beside a named goal role ("security, as a SOC analyst"), is dropped.
        # A goal said to come later, and named only for want of another, gives way to a field said beside it
        explicit_goal = any(m.role == GOAL and (m.cued or not put_later(doc, m)) for m in roles)
        destination_end = -1
        for m in mentions:
            if m.kind != "skill" or m.activity:
                continue  # "how to manage people": the "to" of a verb, not a destination
            if destination_end >= 0 and m.token_start == destination_end + 1 \
                    and doc[destination_end].text in ("/", "or", "&", "and"):
                m.wanted, destination_end = True, m.token_end  # "devops/sre": both are where they want to go
                continue
            before = self._context_before(doc, m.token_start, ROLE_BREAKS, skip)
            before = before[_field_words_before_cue(before):]  # "get into early years SEN": from "into" on
            arrow = before[:1] in ([">"], ["→"])  # "sysadmin -> devops"
            if not ((self._role_reading(before) == GOAL or arrow) and self._is_destination(before)):
                continue
            destination_end = m.token_end
            if explicit_goal:
                m.wanted = True
                continue
            explicit_goal = True
            self._as_field_goal(m)

    def _as_field_goal(self, m: Mention) -> None:
        """A skill named as where they want to go becomes the goal: the role it is the core of, else the
        choice among the roles that need it most."""
        role = self._role_for_field(m)
        if role:
            m.kind, m.inferred_from, m.value, m.role, m.cued = "role", m.value, role, GOAL, True
        else:
            choices = tuple(r.name for r in self.taxonomy.roles_teaching(m.value)[:FIELD_CHOICES])
            m.kind, m.inferred_from, m.role, m.cued = "role", m.value, GOAL, True
            m.unresolved, m.choices = True, choices

    @staticmethod
    def _is_destination(before: list[str]) -> bool:
        """Only clear destination phrases turn a skill into a goal ('get into cybersecurity')."""
        before = _without_others_wanting(before)
        near = [w for w in before if w not in ARTICLES or w == "in"][:3]  # ARTICLES holds "in"; here it is the cue
        if not near:
            return False
        if near[0] in ("into", "become", "becoming", "towards", "toward", "to", ">", "->", "→", "=>"):
            return True
        if near[0] in ("go", "move", "switch", "pivot", "transition", "shift", "head") and len(near) > 1 \
                and near[1] in ("to", "wanna", "gonna", "want", "wants", "like", "'d"):
            return True  # "i want to go devops", "wanna move cloud"
        if near[:2] == ["do", "to"] and len(near) > 2 and near[2] in WANTING:
            return True  # "i just want to do medical coding from home"
        if near[0] == "do" and len(near) > 1 and near[1] in WANTING and near[1] not in ("like", "love", "'d", "would"):
            return True  # "wanna do coding from home": "wanna" holds its "to"
        if near[0] in WANTING and near[0] not in ("like", "love", "'d", "would"):
            return True  # "want healthcare management", "thinking cybersecurity"
        if near[0] in ("is", "'s", ":") and len(near) > 1 and near[1] in GOAL_NOUNS:
            return True  # "my objective is network automation", "goal: data engineering"
        wants = any(w in WANTING or w in GOAL_CUES for w in before)
        if near[0] == "in" and len(near) > 1:  # "interested in bioinformatics", "want to work in vendor risk"
            return near[1] in ("interested", "specialise", "specialize", "specialising", "specializing") or (
                near[1] in ("career", "job", "jobs", "role", "roles", "work", "working", "field") and wants)
        return near[0] in ("career", "job", "jobs", "role", "roles", "work", "field") and wants

    @staticmethod
    def _role_reading(before: list[str]) -> str | None:
        before = _without_others_wanting(before)
        if before[:1] == ["like"] and before[1:2] in (["work"], ["working"], ["worked"]):
            before = ["as", *before[1:]]  # "I work like system administrator": as one, not wanting to be one
        content = [w for w in before if w not in ARTICLES or w in ("in", "of", "as")]
        wanting = any(w in WANTING for w in before)
        for k, word in enumerate(content):
            if word == "to" and k == 0:
                if len(content) > 1 and content[1] in TO_COMPLEMENTS:
                    continue  # "access to Tableau", "exposure to SAP": what they have, not where they go
                return GOAL
            if word == "as" and k == 0:
                if not wanting and not any(w in GOAL_CUES for w in content[1:]):
                    return CURRENT  # "what I do every day as a medical assistant"
                continue
            if word in ("job", "role", "position", "career") and k + 1 < len(content) \
                    and content[k + 1] in GOAL_CUES and content[k + 1] not in ("change", "changing"):
                return GOAL  # "target role SOC analyst", "next job: data engineer"
            if word == "be" and content[k + 1:k + 3] == ["to", "used"]:
                return CURRENT  # "I used to be a paramedic"
            if word in GOAL_CUES and word not in ("change", "changing", "next", "future"):
                return GOAL
            if word in ("change", "changing") and ("goal" in content or k == 0):
                return GOAL
            if word == "from":
                return CURRENT
            if word in CURRENT_CUES:
                return GOAL if wanting and word in ("work", "working", "job", "role", "position") else CURRENT
            if word in WANTING:
                return GOAL
        return None

    def _role_for_field(self, m: Mention) -> str | None:
        phrase = m.text.lower()
        skill = m.value
        named = [r for r in self.taxonomy.target_roles()
                 if phrase in r.name.lower() or skill.lower() in r.name.lower()
                 or any(phrase in a for a in r.aliases)]
        if named:
            return sorted(named, key=lambda r: (-r.skills.get(skill, 0), len(r.name)))[0].name
        # "data engineering", "instructional design": the work's words are the title's with another ending
        # (Data Engineer, Instructional Designer), which says more than a role that needs the skill most; a
        # title word left over ("big data engineer") counts only after that.
        rooted = self._roles_named_by_field(phrase, extra_words=0) or (
            self._roles_named_by_field(skill.lower(), extra_words=0) if skill.lower() != phrase else [])
        if len(rooted) == 1:
            return rooted[0]  # "SRE" by its name, Site Reliability Engineering: a site reliability engineer
        teaching = self.taxonomy.roles_teaching(skill)
        if teaching and teaching[0].skills[skill] >= 0.8 and teaching[0].skills[skill] == max(teaching[0].skills.values()):
            return teaching[0].name  # the field is that role's core: no skill of it weighs more ("infection
            # control" weighs 0.8 for a Phlebotomist, whose core is phlebotomy: a choice, not a phlebotomist)
        rooted = rooted or self._roles_named_by_field(phrase, extra_words=1)
        if len(rooted) == 1:
            return rooted[0]
        # "AML compliance": of the roles that need the skill most, the one whose title has the head word of the
        # learner's phrase ("AML compliance": Compliance Officer; "cloud security": Information Security
        # Engineer); "digital accessibility" names none ("digital" of "digital designer" is no head).
        head = singular(phrase.split()[-1])
        worded = [r.name for r in teaching[:FIELD_CHOICES]
                  if head in {singular(w) for w in " ".join((r.name, *r.aliases)).lower().split()}]
        return worded[0] if len(worded) == 1 else None

    def _roles_named_by_field(self, phrase: str, extra_words: int) -> list[str]:
        return [r.name for r in self.taxonomy.target_roles()
                if any(field_names_title(phrase, f, extra_words) for f in (r.name, *r.aliases))]

    # -- experience ------------------------------------------------------------------------------------------------
    @staticmethod
    def _attach_years(text: str, doc: Doc, mentions: list[Mention]) -> None:
        if not mentions:
            return
        for match in YEARS_RE.finditer(text):
            raw = match.group("n").lower()
            value = float(raw) if raw[0].isdigit() else float(NUMBER_WORDS.get(raw.split()[-1] if raw != "half a"
                                                                               else "half", 1))
            if match.group("unit").lower().startswith("m"):
                value = round(value / 12, 2)
            if not 0 <= value <= MAX_YEARS:
                continue  # "99999999 years of SQL" is a joke or a misread number, never met entry requirements
            # "5 years of Java" looks forward, "Java for 5 years" looks back; otherwise the nearest wins.
            same = [m for m in mentions if not _crosses_break(text, m, match.start(), match.end())]
            if not same:
                continue
            after = [m for m in same if m.start >= match.end()]
            before = [m for m in same if m.end <= match.start()]
            target = None
            if after and FORWARD_LINK.match(text[match.end():min(after, key=lambda m: m.start).start]):
                target = min(after, key=lambda m: m.start)
            elif before and BACKWARD_LINK.match(text[max(before, key=lambda m: m.end).end:match.start()]):
                target = max(before, key=lambda m: m.end)
            if target is None:
                target = min(same, key=lambda m: min(abs(m.start - match.end()), abs(match.start() - m.end)))
            if target.years is None:
                target.years = value


VERB_FORMS = CUES["verb_forms"]  # "I excel at teamwork" is not Microsoft Excel


JOB_CLAUSE_ENDS = CLAUSE_BREAKS | {",", "and", "want", "wants", "looking", "hoping", "would", "i", "but"}
JOB_CLAUSE_WORDS = 8  # how far around a job title its employer is looked for ("at a small automotive plant")


def _the_jobs_own_clause(doc: Doc, span: Span) -> str:
    """The words around a job title in its own clause, where its employer or ward is named ("hospital shift
    supervisor", "shift supervisor at an automotive plant"), not the goal said next ("... and want to be a nurse")."""
    start = span.start
    while start > 0 and span.start - start < JOB_CLAUSE_WORDS and doc[start - 1].lower_ not in JOB_CLAUSE_ENDS:
        start -= 1
    end = span.end
    while end < len(doc) and end - span.end < JOB_CLAUSE_WORDS and doc[end].lower_ not in JOB_CLAUSE_ENDS:
        end += 1
    return f"{doc[start:span.start].text} {doc[span.end:end].text}"


def _used_as_verb(doc: Doc, span: Span) -> bool:
    if len(span) != 1 or span[0].text not in VERB_FORMS:
        return False
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    return nxt in ("at", "in", "with") or prev in ("i", "we", "you", "they", "to", "really")


def _licensed_by_context(doc: Doc, cand: Span, accepted: list[Span]) -> bool:
    """Does the context make a lower-case ambiguous form a skill (or role) mention? See ``NEVER_LOWER``."""
    kind = cand.label_.split("|", 1)[0]
    family = HELD_KINDS if kind in HELD_KINDS else (kind,)  # a tool beside a skill is a list of what they use
    same = [s for s in accepted if s.label_.split("|", 1)[0] in family]
    i, hops = cand.start - 1, 0
    while i >= 0 and doc[i].lower_ in CONNECTORS and hops < 2:
        i, hops = i - 1, hops + 1
    if hops and i >= 1 and doc[i].lower_ in POSTMODIFIERS:
        i -= 1  # "ML basics and nlp"
    if hops and any(s.end == i + 1 for s in same):
        return True
    j, hops = cand.end, 0
    while j < len(doc) and doc[j].lower_ in CONNECTORS and hops < 2:
        j, hops = j + 1, hops + 1
    if hops and any(s.start == j for s in same):
        return True
    before = [t.lower_ for t in doc[max(0, cand.start - 4):cand.start]][::-1]
    content = [w for w in before if w not in ARTICLES]
    if kind == "tool":  # "use Teams", "familiar with Zoom", "Word skills"; never "work with Bill"
        cue = [w for w in before if w not in TOOL_CUE_SKIPS]
        return bool(cue) and cue[0] in TOOL_CUES or (cand.end < len(doc) and doc[cand.end].lower_ in SKILL_NOUNS)
    if kind == "role":
        return bool(before) and (before[0] in ROLE_LEADS or (bool(content) and content[0] in GOAL_CUES | {"im", "'m", "m"}))
    if before and before[0] in ("a", "an", "the", "this", "that"):
        return False  # "need a swift answer": a skill name takes no article
    if content and (content[0] in NEGATIONS or (content[0] in HAVING and content[0] not in ("can", "do", "does"))
                    or content[0] in LEARNING_VERBS):
        return True
    return cand.end < len(doc) and doc[cand.end].lower_ in SKILL_NOUNS


def _title(text: str) -> str:
    """'school librarian' -> 'School Librarian'; words already in capitals ('CNC', 'IT') stay as written."""
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in text.split())


PRONOUNS = CUES["word_pronouns"]
PERSON_LEADS = CUES["person_leads"]
DETERMINERS = CUES["word_determiners"]


def _plainly_a_word(doc: Doc, span: Span) -> bool:
    """"a blank canvas", "the spark went out", "I react badly": the grammar says an ordinary word, whatever
    industry the learner is in (a determiner up to two words before, or a pronoun making it a verb)."""
    before = [t.lower_ for t in doc[max(0, span.start - 2):span.start]]
    return bool(before) and (before[-1] in PRONOUNS or any(w in DETERMINERS for w in before))


def _in_a_question(doc: Doc, m: Mention, unmarked: bool = False) -> bool:
    """Is the mention in a sentence that ends with a question mark or, with ``unmarked``, one that opens as a
    question does ("whats ADDIE lol": people leave the mark out)?"""
    before = _sentence_before(doc, m.token_start)
    if unmarked and before and before[-1] in UNMARKED_QUESTION_OPENERS:
        return True
    for tok in doc[m.token_end:]:
        if tok.text in (".", "!", "\n") or "\n" in tok.text:
            return False
        if tok.text == "?":
            return True
    return False


VERB_ENDINGS = ("ed", "ing")


def _another_form_of_the_word(text: str, form: str) -> bool:
    """Does ``text`` end in a verb's ending (-ed, -ing) where the name's last word ends otherwise, the rest
    alike? Then it is the verb of that word, not a misspelling of it ("recruited" / "recruiter")."""
    word, name = text.split()[-1], form.split()[-1]
    for ending in VERB_ENDINGS:
        if word.endswith(ending) and not name.endswith(ending):
            stem = word[: -len(ending)]
            return name.startswith(stem[:-1]) and len(stem) >= 4
    return False


def _with_ampersand(text: str) -> str | None:
    """A name with "and" between two words as people also write it ("Learning & Development"), or None."""
    words = text.split(" ")
    if "and" not in words[1:-1] and "And" not in words[1:-1]:
        return None
    return " ".join("&" if w in ("and", "And") and 0 < i < len(words) - 1 else w for i, w in enumerate(words))


def _learner_in_the_sentence(doc: Doc, m: Mention) -> bool:
    """Does the mention's sentence name the learner (FIRST_PERSON), or stand for them ("someone who knows")? A
    question's having words ("used", "know") are the learner's only then."""
    start, end = sentence_of(doc, m.token_start) or (0, len(doc))
    return any(t.lower_ in FIRST_PERSON or t.lower_ in LEARNER_STAND_INS for t in doc[start:end])


def _without_other_peoples(doc: Doc, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """``mentions`` without those in a clause about somebody else (other_people.py), and the skills among the
    kept ones that the learner then says they lack ("..., I don't know these tools")."""
    clauses = others_clauses(doc, [(m.token_start, m.token_end) for m in mentions if m.kind == "role"])
    if not clauses:
        return mentions, []
    kept, disowned = [], []
    for m in mentions:
        clause = next((c for c in clauses if c.holds(m.token_start)), None)
        if clause is None:
            kept.append(m)
        elif m.kind in HELD_KINDS and clause.disowned_by_learner and m.token_start >= clause.start:
            kept.append(m)
            disowned.append(m)
    return kept, disowned


def _is_a_currency_code(doc: Doc, m: Mention) -> bool:
    """"2000 CAD", "AUD 1500": a currency next to an amount, not computer-aided design or an audiologist."""
    if m.text.upper() not in CURRENCY_CODES or m.token_end - m.token_start != 1:
        return False
    near = [doc[i] for i in (m.token_start - 1, m.token_end) if 0 <= i < len(doc)]
    return any(t.like_num or t.text[:1].isdigit() for t in near)


def _asks_about_others(doc: Doc) -> bool:
    """A yes/no or wh- question that never mentions the learner ("do recruiters look at this?")."""
    words = [t.lower_ for t in doc if not t.is_punct]
    return bool(words) and words[0] in QUESTION_OPENERS and not any(w in FIRST_PERSON for w in words)


def _crosses_break(text: str, m: Mention, start: int, end: int) -> bool:
    lo, hi = (m.end, start) if m.end <= start else (end, m.start)
    return bool(re.search(r"[.!?;]|\bbut\b", text[lo:hi]))


def _next_word(doc: Doc, m: Mention) -> str:
    return doc[m.token_end].lower_ if m.token_end < len(doc) else ""


def _not_the_learners_job(doc: Doc, m: Mention) -> bool:
    """A person to contact ("talk to a careers counsellor", "can an adviser call me") or the subject of a
    question ("how would a recruiter verify my badge") is somebody else, not the learner's job or goal."""
    before = [t.lower_ for t in doc[max(0, m.token_start - 5):m.token_start] if t.lower_ not in ARTICLES]
    if before and (before[-1] in ("to", "with") and any(w in CONTACT_VERBS for w in before[:-1])
                   or before[-1] in CONTACT_VERBS):
        return True
    after = [t.lower_ for t in doc[m.token_end:m.token_end + 3]]
    if after[:1] and after[0] in CONTACT_AFTER and "me" in after[1:]:
        return True  # "can a careers adviser call me"
    if m.token_start > 0 and doc[m.token_start - 1].lower_ in POSSESSIVES:
        for tok in doc[m.token_end:m.token_end + 5]:
            if tok.lower_ in REPORTED_BY:
                return True  # "my career coach suggested ...", "the payroll clerk at my office told me"
            if tok.lower_ in CLAUSE_BREAKS:
                break
    if after[:3] in (["i", "can", "speak"], ["i", "can", "talk"], ["i", "could", "speak"], ["i", "could", "talk"]):
        return True  # "an actual advisor I can speak to"
    words = [t.lower_ for t in doc[:m.token_start] if not t.is_punct]
    opener = {"what", "when", "where"} | QUESTION_OPENERS
    return bool(words) and words[0] in opener and all(w in opener or w in ARTICLES for w in words) \
        and not any(w in GOAL_CUES for w in words) and _next_word(doc, m) not in ("?", "")


def _sentence_before(doc: Doc, start: int) -> list[str]:
    """The lower-case words of the sentence before token ``start``, nearest first."""
    words = []
    for i in range(start - 1, -1, -1):
        if ends_a_sentence(doc[i]):
            break
        words.append(doc[i].lower_)
    return words


def _qualifies_an_earlier_goal(doc: Doc, m: Mention, roles: list[Mention]) -> bool:
    """Is ``m`` in a later sentence than a goal, one that qualifies it (GOAL_HEDGES: "maybe", "to start",
    "or")? Such a sentence names more of where they want to go; the job they do now is said otherwise."""
    bounds = sentence_of(doc, m.token_start)
    if bounds is None or not any(r.role == GOAL and r.token_end <= bounds[0] for r in roles):
        return False
    words = [t.lower_ for t in doc[bounds[0]:bounds[1]]]
    return any(w in GOAL_HEDGES for w in words) and not any(w in FIRST_PERSON or w in HAVING for w in words)


def _alternatives(doc: Doc, first: Mention, then: Mention) -> bool:
    """Are two mentions joined as alternatives ("X or Y", "X, or at least Y", "X / Y")?"""
    between = [t.lower_ for t in doc[first.token_end:then.token_start]]
    return bool(between) and any(w in ALTERNATIVE_LINKS for w in between) \
        and all(w in ALTERNATIVE_LINKS or w in ALTERNATIVE_FILLERS or w in ARTICLES for w in between)


def _field_words_before_cue(before: list[str]) -> int:
    """How many words of a field stand between "into"/"towards" and the skill ("get into early years SEN":
    two), or 0; plain words only, none of having, negation or grammar."""
    for k in (1, 2):
        if len(before) > k and before[k] in ("into", "towards", "toward") and all(
                w.isalpha() and w not in STOP_WORDS and w not in HAVING and w not in NEGATIONS for w in before[:k]):
            return k
    return 0


def _without_others_wanting(before: list[str]) -> list[str]:
    """``before`` (nearest first) without the wanting words somebody else says: "the job posts all want SQL",
    "employers want Tableau" name what others ask for, not where the learner wants to go."""
    out = []
    for k, word in enumerate(before):
        if word in OTHERS_WANTING_VERBS:
            rest = [w for w in before[k + 1:] if w not in SUBJECT_ADVERBS]
            if rest and rest[0].isalpha() and rest[0] not in FIRST_PERSON and rest[0] not in NOT_A_SUBJECT:
                continue
        out.append(word)
    return out


def _scant(before: list[str], k: int) -> bool:
    """Is "little" at ``before[k]`` (nearest first) next to none ("little knowledge of Docker", "very little
    experience", "I know little Python"), not some ("a little Python", "little bit of SQL", "some little
    scripts") nor a size ("I wrote little Python scripts")?"""
    if set(before[k + 1:k + 2]) & SOME_BEFORE_LITTLE or set(before[:k]) & AMOUNTS_OF_SOME or "bit" in before[k - 1:k]:
        return False
    opens_the_clause = k == len(before) - 1  # "little python, lots of excel"
    return k > 0 and before[k - 1] in SCANT_NOUNS or opens_the_clause or bool(set(before[k + 1:k + 2]) & SCANT_LEADS)


def _negated_through_or(rest: list[str]) -> bool:
    """"never deployed a model or used pytorch": a negation before an "or" covers what the "or" adds
    (``rest`` is the clause's words before the verb, nearest first)."""
    joiner = next((k for k, w in enumerate(rest[:5]) if w in ("or", "nor")), None)
    return joiner is not None and any(w in NEGATIONS for w in rest[joiner + 1:])


def _text_up_to_another_skill(doc: Doc, m: Mention, held: list[Mention]) -> str:
    """The text after ``m`` that a denial of its own may take, up to the next other skill: in "i know sql,
    spark i never touched" the denial is Spark's. A mention of the same skill may lie within ("Firewalls like
    Palo Alto or Fortinet I have never configured": examples of it), and so may one that qualifies it ("Python
    for data analysis I've never done")."""
    bounds = sentence_of(doc, m.token_start)
    limit = min(m.token_end + AFTER_TOKENS, bounds[1] if bounds else len(doc))
    end = min([limit, *(o.token_start for o in held if o.token_start >= m.token_end and o.value != m.value
                        and not _qualifies(doc, m, o))])
    # The other skill stays a word, so that "never touched tableau" does not read as a clause ending at "touched".
    return doc[m.token_end:end].text + (f" {SKILL_PLACEHOLDER}" if end < limit else "")


def _qualifies(doc: Doc, m: Mention, other: Mention) -> bool:
    """Does ``other`` qualify ``m`` ("Python for data analysis"), a qualifying word right before it and no
    punctuation between them? After a comma it opens a clause of its own ("good at Excel, with Python I'm lost")."""
    between = doc[m.token_end:other.token_start]
    return doc[other.token_start - 1].lower_ in QUALIFYING_WORDS and not any(t.is_punct for t in between)


def _said_missing_after(doc: Doc, end: int, before: list[str]) -> bool:
    """"take Java off my list", "Java off my skills", "Python no", "sql yes, r no": missing, said after."""
    after = [t.lower_ for t in doc[end:end + 3]]
    if after[:1] and after[0] in OFF_LIST and ("take" in before or "took" in before or after[1:2] in (["my"], ["the"])):
        return after[0] == "off" or "take" in before
    if after[:1] in (["no"], ["nope"]) or after[:2] in (["-", "no"], [":", "no"]):
        rest = after[1:] if after[0] != "-" and after[0] != ":" else after[2:]
        return not rest or rest[0] in (",", ".", "!", ";", "and", "but", "though", "really", "at")
    if "said" in before and doc[end:end + 3].text.lower().startswith("but meant"):
        return True  # "I said Tableau but meant Looker"
    return bool(MISSING_AFTER.match(doc[end:end + 8].text)) if end < len(doc) else False


# "the Google Project Management certificate", "AWS Cloud Practitioner badge": the name of a credential, not
# the learner's skill or job (already_have and the catalogue deal with credentials by name).
ISSUER_WORDS = CUES["issuers_outside_catalogue"] | seed_provider_ids()
CREDENTIAL_NOUNS = CUES["credential_nouns"]
ORGANISATION_NOUNS = CUES["organisation_nouns"]
SOME_BEFORE_LITTLE = POSSESSIVES | {"a", "an", "some", "these", "those"}  # "a little", "my little scripts"
PROVIDER_NAMES_BY_WORD: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
for _name in seed_provider_names():  # word -> (a provider's name holding it, its place there)
    for _at, _word in enumerate(_name):
        PROVIDER_NAMES_BY_WORD[_word].append((_name, _at))


def _inside_a_credential_name(doc: Doc, m: Mention) -> bool:
    lead = doc[m.token_start - 1].lower_ if m.token_start > 0 else ""
    follow = {t.lower_ for t in doc[m.token_end:m.token_end + 3]}
    first = doc[m.token_start].lower_
    issued = lead in ISSUER_WORDS and m.text.lower() not in ISSUER_WORDS or first in ISSUER_WORDS and lead == "the"
    return issued and bool(follow & CREDENTIAL_NOUNS)


def _a_comparison(doc: Doc, span: Span) -> bool:
    """Is a one-word title used as a comparative ("is closer to", "is better than"): after a bare verb of
    being, no article, and before "to" or "than"? A job is named "a closer", "the closer"."""
    lead = doc[span.start - 1].lower_ if span.start > 0 else ""
    follow = doc[span.end].lower_ if span.end < len(doc) else ""
    return follow in ("to", "than") and lead in ("is", "'s", "are", "was", "be", "been", "much", "even", "bit")


def _inside_an_organisation_name(doc: Doc, m: Mention) -> bool:
    """"the Linux Foundation CKA", "Scrum Alliance CSM", "Python Institute": a skill that is part of an
    organisation's name (a seed provider's, or a title-case name ending in an ORGANISATION_NOUNS word)."""
    if m.kind not in HELD_KINDS:
        return False
    after = doc[m.token_end] if m.token_end < len(doc) else None
    if after is not None and after.lower_ in ORGANISATION_NOUNS and after.text[:1].isupper() and m.text[:1].isupper():
        return True
    length = m.token_end - m.token_start
    for name, at in PROVIDER_NAMES_BY_WORD.get(doc[m.token_start].lower_, ()):
        s = m.token_start - at  # where the name would open, the mention's first word being its word ``at``
        if len(name) > length and s >= 0 and tuple(t.lower_ for t in doc[s:s + len(name)]) == name:
            return True
    return False


def _names_the_employer(doc: Doc, m: Mention) -> bool:
    """"at a logistics company", "for a cybersecurity firm": the employer's line of business, not a skill."""
    if m.kind not in HELD_KINDS:
        return False
    after = compound_words(doc, m.token_end, min(m.token_end + 2, len(doc)))
    if not (after[:1] and after[0] in EMPLOYER_NOUNS
            or len(after) == 2 and doc[m.token_end].is_alpha and after[1] in EMPLOYER_NOUNS):
        return False
    return m.token_start > 0 and doc[m.token_start - 1].lower_ in ("a", "an", "the", "our", "my", "this", "that")


def _opens_the_message(doc: Doc, m: Mention, held_tokens: set[int] = frozenset()) -> bool:
    """Nothing but greetings and punctuation before the title, or a technology that is part of the job's name
    ("linux sysadmin, 6 yrs": the skill just before the title opens it with it)."""
    start = m.token_start
    while start > 0 and start - 1 in held_tokens:
        start -= 1
    return _only_greetings_before(doc, start)


def _only_greetings_before(doc: Doc, start: int) -> bool:
    return not any(not t.is_punct and t.lower_ not in ARTICLES and t.lower_ not in NOT_IN_TITLES
                   for t in doc[:start])


SELF_INTRO_MARKS = (",", "-", "\u2014", "\u2013", ":", "here")  # "welder here", "machinist - 9 yrs"
JOB_DETAIL_LEADS = ("at", "with", "for", "using", "since", "in")  # "librarian at a university"


def _followed_as_a_job(doc: Doc, end: int, leads: tuple[str, ...]) -> bool:
    """Does the token at ``end`` go on as a self-introduction does (a mark, one of ``leads`` or a number)?"""
    return end < len(doc) and (doc[end].lower_ in leads or doc[end].like_num)


def _opens_the_message_with(doc: Doc, span: Span) -> bool:
    """A title that opens the message (after greetings) and is followed as a self-introduction is ("coder,
    outpatient", "machinist - 9 yrs", "welder here")."""
    return _only_greetings_before(doc, span.start) and _followed_as_a_job(doc, span.end, SELF_INTRO_MARKS)


def _describes_a_job(doc: Doc, m: Mention) -> bool:
    """What follows a title that opens a message says it is the learner's job: "bookkeeper - xero",
    "cnc machinist 9 yrs", "librarian at a university", "planner using SAP"."""
    end = m.token_end
    while end < len(doc) and end - m.token_end < 2 and doc[end].lower_ in JOB_LEVEL_WORDS:
        end += 1  # "soc analyst tier 1 at an MSSP"
    if end + 2 < len(doc) and doc[end].text == "/" and doc[end + 1].is_alpha:
        end += 2  # "maintenance planner/scheduler at a paper mill": the title's other half
    if end + 1 < len(doc) and doc[end + 1].lower_ in ALTERNATIVE_LINKS:
        return False  # "data engineer, or at least data analyst": one of two, said as alternatives
    return _followed_as_a_job(doc, end, SELF_INTRO_MARKS + JOB_DETAIL_LEADS)


@functools.lru_cache(maxsize=4)
def finder_for(taxonomy_dir: str | None = None) -> MentionFinder:
    """One finder per taxonomy per process: the entity extractor and the intent classifier share it, since
    building the matchers takes a few seconds and some MB.

    ``CAREER_ONET_TITLES=off`` leaves O*NET's titles out, so ``make bench-conversations`` can measure what they
    add with everything else equal; nothing else sets it."""
    taxonomy = load_taxonomy(taxonomy_dir) if taxonomy_dir else default_taxonomy()
    if os.environ.get("CAREER_ONET_TITLES", "on").lower() == "off":
        return MentionFinder(taxonomy)
    return MentionFinder(taxonomy, OccupationReader(taxonomy, default_onet()))


SKILL_PLACEHOLDER = "skillmention"
ROLE_PLACEHOLDER = "rolemention"


def mask_mentions(text: str, mentions: list[Mention]) -> str:
    """``text`` with each skill or role mention replaced by a placeholder word.

    Why: what a message asks for rarely depends on which skill or job it names. "I know Minitab and SAP MM"
    and "I know Excel and SQL" are the same request, so an intent model that sees "i know skillmention and
    skillmention" learns the wording, not the tool names of its training data, and handles skills and jobs it
    was never trained on.
    """
    out = text
    # A skill read inside a job title ("php" of "junior php dev") is masked with the title, as one mention.
    outer = [m for m in mentions if not any(o is not m and o.start <= m.start and m.end <= o.end
                                            and (o.end - o.start) > (m.end - m.start) for o in mentions)]
    for m in sorted(outer, key=lambda m: -m.start):
        word = SKILL_PLACEHOLDER if m.kind in HELD_KINDS else ROLE_PLACEHOLDER
        before, after = out[:m.start], out[m.end:]
        pad_before = " " if before[-1:].isalnum() else ""  # only where the word would otherwise run on
        pad_after = " " if after[:1].isalnum() else ""
        out = f"{before}{pad_before}{word}{pad_after}{after}"
    return out
