"""A clause of its own after a skill that denies it makes the skill missing, in the word orders learners use."""

from __future__ import annotations

import pytest

from catalog.reading.denials_after import CLAUSE_DENIES_AFTER
from tests.support.mention_reading import skill_roles


@pytest.mark.parametrize("text", [
    "Tableau I have never configured",
    "Tableau I've never really done",
    "Tableau, no hands-on experience whatsoever",
    "Tableau no idea about",
    "Tableau i'm not yet familiar",
    "Tableau I have no formal training.",
    "Tableau never touched",
    "Tableau never used, the rest is fine",
    "Tableau for dashboards ive never done",
    "Tableau and zorblax i haven't tried",  # the list goes on with a word the vocabulary lacks
    "Tableau I have done never",
    "Tableau stuff I am weak in",
    "Tableau reports weak in",
    "I know SQL, Tableau is weak",
])
def test_a_denial_after_the_skill_makes_it_missing(finder, text) -> None:
    assert skill_roles(finder, text)["Tableau"] == "lacks"


@pytest.mark.parametrize("text", [
    "I know Tableau and never used it",  # the list goes on with a negation, not a word: the "know" holds
    "Tableau I don't use daily",  # the clause goes on after the verb
    "Tableau, never had issues with it",
    "I know Tableau, no Power BI experience",  # the denial names another skill
    "Tableau I'm not bad at",
    "Tableau is not bad",
    "I know Tableau, never struggled with it",  # a negated word of difficulty says they have worked with it
    "I know Tableau, not worried about it",
    "I learned Tableau, never regretted it",
    "I know Tableau, window functions never used",  # what the list goes on with is denied, not the claimed skill
    "I'm good at Tableau, with Python I'm lost",  # after a comma, "with Python" opens a clause of Python's
    "I know Tableau. SQL stuff I have never done",  # a denial in the next sentence is not Tableau's
    "i never struggled with Tableau",
    "I have no problems with Tableau",
])
def test_what_is_not_such_a_denial(finder, text) -> None:
    assert skill_roles(finder, text)["Tableau"] == "has"


def test_a_denial_after_the_last_of_a_list_covers_the_list(finder) -> None:
    assert skill_roles(finder, "Tableau and Power BI never touched") == {"Tableau": "lacks", "Power BI": "lacks"}


def test_the_pattern_reads_only_the_opening_of_the_text_after() -> None:
    assert CLAUSE_DENIES_AFTER.match(" I have never used it.")
    assert not CLAUSE_DENIES_AFTER.match(" is what I use. I have never used R.")
