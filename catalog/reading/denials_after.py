"""Denials said after a skill rather than before it: "SQL - never used it", "terraform and kubernetes no idea
about", "Financial modeling I've never really done", "spark i never touched", "but FHIR, Mirth - none of that".

Learners often name the skill first and deny it after, in word orders a cue-before reading never sees; these
patterns read the text right after a mention (or the sentence around it) and are kept apart from the finder so
that the whole grammar of after-the-fact denial is in one place.
"""

from __future__ import annotations

import re

# "SQL is my weak spot", "Python is new to me", "Tableau - never used it", "Excel? nope", "SQL not at all".
MISSING_AFTER = re.compile(
    r"^\s*[-:?]\s*(?:no|nope|none|never|nada|not at all|not really|not yet|zero)\b|^\s*(?:nope|none|nada|not at all|not really|not yet|not much|not so much)\b"
    r"|^\s*,?\s*never\s*(?:(?:used|touched|tried|done|learned|learnt|worked with)\s*(?:it|them|that|this|before)\b"
    r"|[,.!;]|$)"
    r"|^\s*(?:is|'s)\s+not\s+my\s+(?:thing|strong|forte|strength)"
    r"|^\s*(?:is|are|'s|was)\s+(?:\w+\s+){0,2}?(?:new to me|my weak|my weakest|a weak|a gap|a weakness|nonexistent|"
    r"non-existent|not something|on my to-learn|on my to learn|something i (?:don'?t|do not|never))"
    r"|^\s*(?:isn'?t|is not|aren'?t)\s+(?:something|one of|really)\b"
    # "financial modelling i never did", "power bi also no", "ladder logic no, programming no"
    r"|^\s*,?\s*(?:i|i've|ive|i have)\s+(?:\w+\s+)?(?:never|not|haven'?t)\s+(?:did|done|do|used|use|touched|touch|"
    r"tried|try|learned|learnt|learn|worked with|work with|had|written|wrote|opened|open|seen|started)\b"
    # "ICD-10-PCS rusty", "SQL weak, python ok": a weakness said right after, the clause ending there
    r"|^\s*(?:very\s+|quite\s+|a bit\s+|bit\s+|pretty\s+|super\s+|kinda\s+)?(?:rusty|shaky|weak)\s*(?:[,.;!)]|$|and\b|but\b)"
    r"|^\s*(?:also|too|either)\s+(?:no|nope|not)\b|^\s*no\s*(?:[,.;!]|$)"
    # "Python zero, SAS zero", "Python neither", "Six Sigma nothing", "excel barely"
    r"|^\s*(?:zero|nothing|neither|barely)\s*(?:[,.;!)]|$|at all|experience|knowledge)"
    # "subnets, CIDR, no idea", "linear algebra, stats, forgot all of it", "- weak on all of that"
    r"|^\s*[-:,]?\s*(?:no idea|no clue|clueless)\s*(?:[,.;!)]|$)"
    r"|^\s*[-:,]?\s*(?:i\s+)?(?:forgot|forgotten|have forgotten)\b"
    r"|^\s*[-:,]\s*(?:weak|bad|rusty|lost)\s+(?:on|at|with|in)\s+(?:all|any|both)\b"
    # "Linux I'm really weak at"; "my SEO is weak", "networking is a black hole for me" (never "is not bad")
    r"|^\s*(?:i'?m|i am)\s+(?:(?!not\b)\w+\s+)?(?:weak|bad|terrible|rusty|clueless|lost)\b"
    r"|^\s*(?:is|are)?\s*(?:not great|not good|not strong)\b"
    r"|^\s*(?:is|are|'s|was)\s+(?:(?!not\b|n't\b)\w+\s+){0,2}?(?:weak|poor|rusty|shaky|terrible|a black hole|"
    r"a mystery|a total mystery|a blind spot)\b", re.IGNORECASE)
# "spark i never touched", "Kubernetes I have not started at all": a denial of its own ending the clause right
# after a skill is that skill's, whatever a cue earlier in a list said (never "Python I never touched Java").
DENIED_RIGHT_AFTER = re.compile(
    r"^\s*,?\s*(?:i|i've|ive|i have)\s+(?:\w+\s+)?(?:never|not|haven'?t)\s+(?:done|used|use|touched|touch|tried|try|"
    r"learned|learnt|learn|worked with|work with|opened|open|started)"
    r"(?:\s+(?:it|them|that|this|at all|before|yet|properly|really))*\s*(?:[,.;!?)]|$)", re.IGNORECASE)
# The general form, where a clause of its own follows the skill and denies it: the list may go on first with
# words the vocabulary lacks ("selenium and cypress i haven't tried"), a short qualifier may follow ("lesson
# planning for preschoolers ive never done", "Firewalls like Palo Alto I have never configured"), then a
# negation and a verb or a noun of knowing, ending the clause ("never really done", "not yet familiar", "no
# formal training", "no idea about"). Not "SQL and never used it": the list goes on with a word, not with "I"
# or a negation; nor "Python I don't use daily": the clause must end after the verb.
QUALIFYING_WORDS = ("for", "in", "with", "on", "of", "beyond", "like")
_LIST_GOES_ON = r"(?:\s*(?:,|/|&|\band\b|\bor\b)\s*(?!(?:i|i've|ive|im|i'm|never|not|no)\b)[\w.+#&-]+(?:\s+[\w.+#&-]+){0,2}?)?"
_QUALIFIER = r"(?:\s*\b(?:" + "|".join(QUALIFYING_WORDS) + r"|such\s+as)\s+[\w.+#&/-]+(?:\s+(?:or\s+)?[\w.+#&/-]+){0,3}?)?"
_SUBJECT = r"\s*[-:,]?\s*(?:(?:i|i've|ive|i'm|im|i\s+have|i\s+am)\s+(?:(?!not\b)\w+\s+)?|(?:is|are|was)\s+)?"
_NEGATION = r"(?:never|not(?:\s+yet)?|haven'?t|havent|don'?t|dont|do\s+not|didn'?t|didnt|have\s+no|no)"
# Only such words between the negation and the verb: "no MLOps experience" denies MLOps, not the skill before.
_BETWEEN = (r"(?:\s+(?:really|yet|ever|actually|even|properly|fully|once|formal|real|proper|practical|hands-on|"
            r"prior|any|much|professional|direct|official|been|got|gotten)){0,2}")
# Verbs and nouns of knowing, named one by one: "never struggled with it", "not worried about it" say nothing of
# lacking the skill, so no "-ed" word may stand for them all.
_KNOWING_WORDS = (
    "used", "tried", "touched", "learned", "worked", "started", "opened", "configured", "deployed", "programmed",
    "coded", "scripted", "studied", "practiced", "practised", "implemented", "developed", "designed", "tested",
    "installed", "operated", "applied", "completed", "explored", "handled", "managed", "played", "dabbled",
    "experimented", "messed", "automated", "administered", "maintained", "trained", "performed", "analysed",
    "analyzed", "modelled", "modeled", "mastered", "attempted", "covered", "encountered", "needed", "looked",
    "done", "did", "do", "use", "touch", "try", "learn", "learnt", "work", "written", "wrote", "seen", "see",
    "know", "known", "have", "had", "open", "begun", "taken", "run", "ran", "made", "built", "familiar",
    "experience", "exposure", "training", "idea", "clue", "knowledge")
_KNOWING = r"(?:" + "|".join(_KNOWING_WORDS) + r")"
_CLAUSE_ENDS = (r"(?:\s+(?:it|them|that|this|at\s+all|before|yet|properly|really|whatsoever|either|also|too|about|"
                r"with|of|myself|alone|on\s+my\s+own|so\s+far))*\s*(?:[,.;!?)]|$|\band\b|\bbut\b)")
# "Azure security I am weak in", "CPT modifiers weak in": a weakness ending the clause, after at most one more
# word of the skill's name.
_ONE_MORE_WORD = r"(?:\s*(?!(?:and|or|but|then|so|is|are|was|i|i'm|im|i've|ive|never|not|no)\b)[\w.+#&-]+)?"
_WEAK = (r"(?:(?:very|quite|really|pretty|super|kinda|a\s+bit|bit|so)\s+)?(?:weak|rusty|shaky|bad|terrible|clueless|lost|"
         r"not\s+(?:good|great|strong|confident))(?:\s+(?:in|at|with|on))?")
_DENIAL = _SUBJECT + r"(?:" + _NEGATION + _BETWEEN + r"\s+" + _KNOWING + r"|(?:done|used|tried)\s+never|" + _WEAK + ")"
CLAUSE_DENIES_AFTER = re.compile("^" + _LIST_GOES_ON + _QUALIFIER + _ONE_MORE_WORD + _DENIAL + _CLAUSE_ENDS,
                                 re.IGNORECASE)
# After a skill the learner claimed ("I know SQL, window functions never used"), words the vocabulary lacks
# that go on the list are the ones denied, not the claimed skill: only a denial right after it takes it back.
CLAIMED_THEN_DENIED_AFTER = re.compile("^" + _QUALIFIER + _ONE_MORE_WORD + _DENIAL + _CLAUSE_ENDS, re.IGNORECASE)
AFTER_TOKENS = 14  # how far after a mention these patterns look

DENIES_THE_CLAUSE = re.compile(
    r"(?:^|[-\u2013\u2014:,(]\s*)(?:(?:none|neither)\s+of\s+(?:that|those|these|them|it)"
    r"|(?:weak|bad|poor|rusty|shaky|lost|clueless)\s+(?:on|at|in|with)\s+(?:all\s+of\s+)?(?:that|those|these|them|it)"
    r"|(?:never|not|don'?t|didn'?t|haven'?t|no)\b[\w\s']{0,20}?\b(?:any|either|all)\s+of\s+(?:that|those|these|them|it))\b",
    re.IGNORECASE)
DENIES_THE_LAST = re.compile(
    r"\b(?:never|not|don'?t|didn'?t|haven'?t|no)\b[\w\s']{0,30}?\b(?:any|either|neither|none|all)\s+of\s+"
    r"(?:them|those|these|it|that)\b|^\W*(?:none|neither)\s+of\s+(?:them|those|these|it|that)\b", re.IGNORECASE)


