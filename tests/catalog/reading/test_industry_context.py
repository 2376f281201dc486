"""The industry around a word decides how it is read: in the message, and (in the action) the learner's."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.catalogue.taxonomy import default_taxonomy
from catalog.reading.industry_context import IndustryContextError, load_industry_context
from catalog.reading.mentions import MentionFinder, finder_for


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return finder_for()


def skills(finder: MentionFinder, text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {m.value: (m.role, m.candidate_industries) for m in finder.find(text) if m.kind == "skill"}


def test_an_industry_in_the_message_licenses_its_own_skills_in_lower_case(finder: MentionFinder) -> None:
    assert skills(finder, "ICU RN, we chart in epic") == {"Epic Systems": ("has", ())}
    assert skills(finder, "teacher here, we use canvas") == {"Canvas LMS": ("has", ())}


def test_with_no_industry_said_the_word_is_left_for_the_learners_industry(finder: MentionFinder) -> None:
    assert skills(finder, "canvas is my thing") == {"Canvas LMS": ("has", ("education",))}


def test_a_word_with_an_industry_reading_takes_it(finder: MentionFinder) -> None:
    assert skills(finder, "medical receptionist, no coding knowledge at all") == {"Medical Coding": ("lacks", ())}
    [coding] = [m for m in finder.find("i love coding") if m.kind == "skill"]
    assert coding.value == "Computer Programming" and coding.readings == {"healthcare": "Medical Coding"}


def test_a_listed_word_the_taxonomy_lacks_is_read_in_its_industry(finder: MentionFinder) -> None:
    assert set(skills(finder, "accounts clerk, i do ar and ap")) == {"Accounts Receivable", "Accounts Payable"}
    assert skills(finder, "i do ar and ap") == {}


def test_an_unknown_title_says_its_industry_through_its_onet_code(finder: MentionFinder) -> None:
    assert skills(finder, "im a dental hygienist, we chart in epic") == {"Epic Systems": ("has", ())}


def test_the_file_is_checked_against_the_taxonomy(tmp_path: Path) -> None:
    bad = tmp_path / "context.yaml"
    bad.write_text("readings:\n  coding:\n    healthcare: Medical Codin\n", encoding="utf-8")
    with pytest.raises(IndustryContextError, match="readings 'coding': 'Medical Codin' is not a taxonomy skill"):
        load_industry_context(default_taxonomy(), bad)
    bad.write_text("soc_major_groups:\n  '29': hospitals\n", encoding="utf-8")
    with pytest.raises(IndustryContextError, match="'hospitals' is not an industry"):
        load_industry_context(default_taxonomy(), bad)
    bad.write_text("role_readings:\n  shift supervisor:\n    manufacturing: Production Supervisr\n", encoding="utf-8")
    with pytest.raises(IndustryContextError, match="role_readings 'shift supervisor': 'Production Supervisr' is not"):
        load_industry_context(default_taxonomy(), bad)


@pytest.mark.parametrize(("text", "reading"), [
    ("I'm a shift supervisor at an automotive parts supplier", ("Production Supervisor", False)),
    ("I'm a shift supervisor at a hospital", ("Shift Supervisor", True)),  # no covered role there: as written
    ("I'm a shift supervisor at Tesco and want to become a nurse", ("Retail Supervisor", False)),  # the goal's
    ("I'm a shift supervisor", ("Retail Supervisor", False)),  # industry is not the job's; none said: the default
])
def test_a_title_said_alike_in_several_industries_is_read_in_its_own(finder: MentionFinder, text: str,
                                                                       reading: tuple[str, bool]) -> None:
    job = next(m for m in finder.find(text) if m.kind == "role" and m.role == "current")
    assert (job.value, job.unresolved) == reading


def test_a_title_nobody_knows_places_the_job_by_its_words(finder: MentionFinder) -> None:
    got = skills(finder, "I am a medical billing coordinator, I know RCM")
    assert "Medical Billing" in got and "Reliability-Centered Maintenance" not in got


def test_a_skill_no_role_lists_is_of_its_categorys_industries() -> None:
    context = load_industry_context(default_taxonomy())
    assert "Denial Management" not in context.skill_industries  # no role lists it (yet)
    assert context.of_skill("Denial Management") == {"healthcare"}  # its category, health_admin, is
    # so a medical biller's list says healthcare, though only one of its skills is a role's
    assert context.usual_of_skills(["Medical Billing", "Denial Management", "Payment Posting"]) == {"healthcare"}
