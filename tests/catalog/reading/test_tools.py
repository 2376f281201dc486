"""O*NET tools in the extractor, on a hand-made tool vocabulary: a tool is recognised and kept with its class,
a tool that is a skill reads as the skill, a name that is an ordinary word counts only where the context says
tool, and the polarity and question rules of skills apply to tools."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.catalogue.onet import OnetVocabulary
from catalog.catalogue.taxonomy import default_taxonomy
from catalog.reading.mentions import MentionFinder
from catalog.reading.occupations import OccupationReader
from tests.catalog.catalogue.test_onet import HEADER, write_vocabulary

OCCUPATIONS = ("29-1141.00\tRegistered Nurses\t3\t\n25-2021.00\tElementary School Teachers\t4\t\n"
               "43-3031.00\tBookkeeping Clerks\t3\t\n")
TOOLS = ("Kareo Practice Management\tMedical software\tN\tN\t29-1141.00\n"
         "Instructure Slate\tComputer based training software\tN\tN\t25-2021.00\n"
         "Zoom\tVideo conferencing software\tY\tN\t29-1141.00;25-2021.00;43-3031.00\n"
         "Square\tPoint of sale POS software\tN\tN\t43-3031.00\n"
         "Intuit QuickBooks\tAccounting software\tY\tN\t43-3031.00\n"
         "Bentley MicroStation\tComputer aided design CAD software\tN\tN\t43-3031.00\n")
FORMS = ("Kareo\tKareo Practice Management\tbrand\tN\tN\n"
         "Kareo Practice Management\tKareo Practice Management\tname\tN\tN\n"
         "Slate\tInstructure Slate\tproduct\tY\tN\n"
         "Zoom\tZoom\tname\tY\tN\n"
         "Square\tSquare\tname\tY\tN\n"
         "Intuit QuickBooks\tIntuit QuickBooks\tname\tN\tN\n"
         "MicroStation\tBentley MicroStation\tproduct\tN\tY\n")


def tool_vocabulary(directory: Path) -> OnetVocabulary:
    write_vocabulary(directory, "Registered Nurse\t29-1141.00\t10\t\nTeacher\t25-2021.00\t10\t\n", OCCUPATIONS,
                     TOOLS)
    (directory / "tool_forms.tsv").write_text(HEADER + "form\ttool\thow\tcommon\tfuzzy\n" + FORMS, encoding="utf-8")
    (directory / "tool_skills.tsv").write_text(HEADER + "tool\tskill\thow\nIntuit QuickBooks\tQuickBooks\texact\n",
                                               encoding="utf-8")
    (directory / "tool_class_skills.tsv").write_text(
        HEADER + "class\tskill\tcounts\nComputer aided design CAD software\tComputer-Aided Design (CAD)\tyes\n"
        "Accounting software\tAccounting\tno\n", encoding="utf-8")
    return OnetVocabulary(directory)


@pytest.fixture(scope="module")
def finder(tmp_path_factory: pytest.TempPathFactory) -> MentionFinder:
    taxonomy = default_taxonomy()
    return MentionFinder(taxonomy, OccupationReader(taxonomy, tool_vocabulary(tmp_path_factory.mktemp("onet"))))


def held(finder: MentionFinder, text: str) -> list[tuple[str, str, str]]:
    """Skills and tools the message itself settles (a candidate waits for the learner's industry)."""
    return [(m.kind, m.value, m.role) for m in finder.find(text) if m.kind != "role" and not m.candidate_industries]


def test_a_named_tool_is_kept_as_a_tool_with_its_class(finder: MentionFinder) -> None:
    kareo = [m for m in finder.find("we use kareo for billing") if m.kind == "tool"]
    assert [(m.value, m.tool_class, m.onet_tool, m.role) for m in kareo] == [
        ("Kareo", "Medical software", "Kareo Practice Management", "has")]


def test_a_tool_that_is_a_skill_reads_as_the_skill(finder: MentionFinder) -> None:
    assert held(finder, "I do my books in Intuit QuickBooks") == [("skill", "QuickBooks", "has")]


def test_a_misspelt_tool_is_recognised_where_the_form_allows_it(finder: MentionFinder) -> None:
    assert held(finder, "Microstaton daily") == [("tool", "MicroStation", "has")]
    assert held(finder, "Karoe daily") == []  # Kareo's form is not marked fuzzy


def test_a_class_that_counts_gives_its_skill(finder: MentionFinder) -> None:
    [m] = [m for m in finder.find("I draft in MicroStation") if m.kind == "tool"]
    assert m.counts_toward == "Computer-Aided Design (CAD)"


@pytest.mark.parametrize("text", ["we use Zoom", "I'm familiar with Square", "Kareo and Zoom", "Zoom skills"])
def test_a_common_word_tool_counts_with_a_cue_or_a_neighbour(finder: MentionFinder, text: str) -> None:
    assert any(kind == "tool" for kind, _, _ in held(finder, text))


@pytest.mark.parametrize("text", ["we use zoom", "a zoom call", "the square was busy", "Square is a shape",
                                  "I met Slate"])
def test_a_common_word_tool_does_not_count_without_its_capitals_or_a_context(finder: MentionFinder,
                                                                              text: str) -> None:
    assert not any(kind == "tool" for kind, _, _ in held(finder, text))


def test_the_industry_of_the_message_licenses_its_own_tools(finder: MentionFinder) -> None:
    assert ("tool", "Slate", "has") in held(finder, "I'm a teacher, Slate every day")
    assert ("tool", "Slate", "has") not in held(finder, "I'm a registered nurse, Slate every day")


def test_with_no_industry_said_an_ambiguous_tool_is_left_to_the_learners_industry(finder: MentionFinder) -> None:
    [m] = [m for m in finder.find("Slate every day") if m.kind == "tool"]
    assert m.candidate_industries == ("education",)
    assert not [m for m in finder.find("Zoom every day") if m.kind == "tool"]  # everyone's: no industry's


@pytest.mark.parametrize("text", ["I don't use Kareo", "I want to learn Kareo", "never used Kareo"])
def test_a_tool_lacked_or_wanted_is_not_held(finder: MentionFinder, text: str) -> None:
    assert held(finder, text) == [("tool", "Kareo", "lacks")]


def test_a_tool_only_asked_about_is_not_held(finder: MentionFinder) -> None:
    assert held(finder, "is Kareo worth it?") == []


def test_the_shipped_tool_vocabulary_names_only_taxonomy_skills() -> None:
    from catalog.catalogue.onet import default_onet
    from catalog.reading.industry_context import industry_context_for
    from catalog.reading.tools import ToolLexicon

    taxonomy = default_taxonomy()
    onet = default_onet()
    lexicon = ToolLexicon(taxonomy, onet, industry_context_for(taxonomy))  # raises on a skill it lacks
    assert len(onet.tool_forms) > 10_000 and len(lexicon.entries) > 10_000
    assert lexicon.get("Kareo").tool.kind == "Medical software"
    word = lexicon.get("Word")  # "Microsoft Word" without its vendor: the skill, and an English word
    assert word.skill == "Microsoft Word" and word.common
