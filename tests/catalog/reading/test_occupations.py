"""Job titles read through O*NET: the covered role, else the closest ones, else a choice; on hand-made data."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.catalogue.onet import OnetVocabulary
from catalog.catalogue.taxonomy import Role, Skill, Taxonomy
from catalog.reading.mentions import MentionFinder, finder_for
from catalog.reading.occupations import OccupationReader
from tests.catalog.catalogue.test_onet import write_vocabulary

TITLES = (
    "Hygienist\t29-1292.00\t16\t\n"
    "Payroll Clerk\t43-3051.00\t8\t\n"
    "Automation Engineer\t17-2199.08;15-1252.00\t5;5\t\n"
    "Robot Whisperer\t17-2199.08;17-2199.09\t5;5\t\n"
    "Dental Nurse\t29-1292.00;31-9091.00\t9;1\t\n"
)
OCCUPATIONS = (
    "29-1292.00\tDental Hygienists\t3\t31-9091.00;29-1141.00\n"
    "31-9091.00\tDental Assistants\t3\t\n"
    "29-1141.00\tRegistered Nurses\t3\t\n"
    "43-3051.00\tPayroll and Timekeeping Clerks\t3\t\n"
    "17-2199.08\tRobotics Engineers\t4\t\n"
    "17-2199.09\tNanosystems Engineers\t4\t\n"
    "15-1252.00\tSoftware Developers\t4\t\n"
)
TOOLS = "Rockwell RSLogix\tIndustrial control software\tY\tN\t17-2199.08\n"


def role(name: str, onet: str = "", close: tuple[str, ...] = (), skills: tuple[str, ...] = ("Excel",),
         industry: str = "it") -> Role:
    return Role(name, industry, {s: 1.0 for s in skills}, onet=onet, onet_close=close)


@pytest.fixture()
def reader(tmp_path: Path) -> OccupationReader:
    taxonomy = Taxonomy([Skill("Excel"), Skill("PLC Programming"), Skill("Python")], [
        role("Payroll Specialist", "43-3051.00", industry="business_finance"),
        role("Registered Nurse", "29-1141.00", industry="healthcare"),
        role("Dental Practice Manager", close=("31-9091.00",), industry="healthcare"),
        role("Robotics Engineer", "17-2199.08", skills=("PLC Programming",), industry="manufacturing"),
        role("Software Developer", "15-1252.00", skills=("Python",)),
    ])
    onet = OnetVocabulary(write_vocabulary(tmp_path, TITLES, OCCUPATIONS, TOOLS))
    return OccupationReader(taxonomy, onet)


def test_a_title_of_a_covered_occupation_is_that_role(reader: OccupationReader) -> None:
    got = reader.read("payroll clerks")
    assert (got.role, got.code, got.onet_title) == ("Payroll Specialist", "43-3051.00", "Payroll and Timekeeping Clerks")


def test_an_uncovered_title_keeps_its_code_and_offers_the_closest_roles(reader: OccupationReader) -> None:
    got = reader.read("Hygienist")
    assert got.role is None and got.code == "29-1292.00"
    # nobody's onet_close names 29-1292.00; O*NET's related occupations come next, in O*NET's order
    assert got.choices == ("Dental Practice Manager", "Registered Nurse")


def test_the_reviewed_close_list_comes_before_onets_relations(reader: OccupationReader) -> None:
    assert reader.closest_roles("31-9091.00")[0] == "Dental Practice Manager"


def test_a_title_of_several_occupations_is_decided_by_what_else_was_said(reader: OccupationReader) -> None:
    assert reader.read("automation engineer", ["PLC Programming"]).role == "Robotics Engineer"
    assert reader.read("automation engineer", ["Python"]).role == "Software Developer"
    assert reader.read("automation engineer", ["RSLogix", "Rockwell RSLogix"]).role == "Robotics Engineer"


def test_with_nothing_to_decide_by_the_reader_offers_the_choice(reader: OccupationReader) -> None:
    got = reader.read("automation engineer")
    assert got.role is None and got.code is None
    assert set(got.choices) == {"Robotics Engineer", "Software Developer"}


def test_a_clearly_stronger_occupation_is_taken_without_context(reader: OccupationReader) -> None:
    assert reader.read("dental nurse").code == "29-1292.00"  # 9 against 1


def test_an_unknown_title_is_not_read(reader: OccupationReader) -> None:
    assert reader.read("astronaut") is None


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return finder_for()


def roles(finder: MentionFinder, text: str) -> list[tuple[str, str, bool, str | None]]:
    return [(m.value, m.role, m.unresolved, m.onet) for m in finder.find(text) if m.kind == "role"]


def test_the_extractor_reads_onet_titles_as_jobs(finder: MentionFinder) -> None:
    assert roles(finder, "im a dental hygienist, want to become a clinical research coordinator") == [
        ("Dental Hygienist", "current", True, "29-1292.00"), ("Clinical Research Coordinator", "goal", False, None)]
    assert roles(finder, "payroll clerk 5 yrs, know excel")[0][:3] == ("Payroll Specialist", "current", False)


def test_an_uncovered_goal_carries_its_closest_roles(finder: MentionFinder) -> None:
    goal = next(m for m in finder.find("i want to become a dental hygienist") if m.kind == "role")
    assert goal.role == "goal" and goal.unresolved and goal.choices


def test_a_covered_role_doing_the_same_work_is_offered_first(finder: MentionFinder) -> None:
    # O*NET files a clinical research associate under laboratory technologists; the work is clinical research
    goal = next(m for m in finder.find("I want to move into clinical research, as clinical research associate")
                if m.kind == "role")
    assert goal.unresolved and goal.choices[0] == "Clinical Research Coordinator"
    # one word of work is no guide: a security guard does not do a security analyst's work
    guard = finder.occupations.named_alike("security guard")
    assert guard == [] and "Information Security Engineer" in finder.occupations.named_alike("information security manager")


@pytest.mark.parametrize("text", ["my career coordinator said hello", "put me through to a career coach",
                                  "the payroll clerk at my office told me about this"])
def test_somebody_elses_job_is_not_the_learners(finder: MentionFinder, text: str) -> None:
    assert roles(finder, text) == [], text


def test_an_abbreviation_is_a_job_only_after_a_job_lead(finder: MentionFinder) -> None:
    assert roles(finder, "CFA level 1 or some shorter certificate first?") == []


def test_read_codes_gives_the_covered_role_of_one_code(reader: OccupationReader) -> None:
    got = reader.read_codes("payroll", ["43-3051.00"])
    assert (got.title, got.code, got.role, got.onet_title) == ("payroll", "43-3051.00", "Payroll Specialist",
                                                               "Payroll and Timekeeping Clerks")


def test_read_codes_gives_the_closest_roles_of_an_uncovered_code(reader: OccupationReader) -> None:
    got = reader.read_codes("dental hygiene", ["29-1292.00"])
    assert got.role is None and got.code == "29-1292.00" and got.choices[0] == "Dental Practice Manager"


def test_read_codes_offers_the_choice_when_codes_lead_apart(reader: OccupationReader) -> None:
    got = reader.read_codes("automation", ["17-2199.08", "15-1252.00"])
    assert got.code is None and got.role is None
    assert got.choices == ("Robotics Engineer", "Software Developer")
    with pytest.raises(ValueError):
        reader.read_codes("nothing", [])


@pytest.fixture()
def developers(tmp_path: Path) -> OccupationReader:
    """Three covered roles with one O*NET code, as Software, Back-End and Mobile App Developer have."""
    titles = "".join(f"{t}\t15-1252.00\t5\t\n" for t in ("Python Developer", "Flutter Developer", "Java Developer",
                                                          "Developer", "Mobile Developer"))
    taxonomy = Taxonomy([Skill("Python"), Skill("Java"), Skill("Django"), Skill("Swift")], [
        Role("Software Developer", "it", {"Python": 0.5, "Java": 0.5}, onet="15-1252.00"),
        Role("Back-End Developer", "it", {"Python": 0.6, "Java": 0.5, "Django": 0.4}, onet="15-1252.00"),
        Role("Mobile App Developer", "it", {"Swift": 1.0}, onet="15-1252.00",
             aliases=("mobile developer", "flutter developer", "ios developer")),
    ])
    onet = OnetVocabulary(write_vocabulary(tmp_path, titles, "15-1252.00\tSoftware Developers\t4\t\n", TOOLS))
    return OccupationReader(taxonomy, onet)


@pytest.mark.parametrize(("title", "context", "expected"), [
    ("Flutter Developer", (), "Mobile App Developer"),  # the role's own name
    ("mobile developer", (), "Mobile App Developer"),
    ("Python Developer", (), "Back-End Developer"),  # the title's skill weighs most in that profile
    ("Java Developer", ("Django",), "Back-End Developer"),  # the rest of the message decides
    ("Developer", (), "Software Developer"),  # nothing decides: the role named like the occupation
])
def test_roles_sharing_a_code_are_told_apart_by_words_then_skills(developers: OccupationReader, title: str,
                                                                  context: tuple[str, ...], expected: str) -> None:
    assert developers.read(title, context).role == expected


def test_a_title_written_short_is_the_role_it_names_written_out(finder: MentionFinder) -> None:
    assert roles(finder, "sr data eng here")[0][:3] == ("Data Engineer", "current", False)
    assert roles(finder, "jr python dev, django + postgres, docker")[0][:3] == ("Back-End Developer", "current", False)
    assert roles(finder, "is 40 too old to get into tech") == []  # "tech" alone is no technician


@pytest.mark.parametrize(("text", "expected"), [
    ("I want to be a cyber-security analyst", ("Cybersecurity Analyst", "goal", False, "15-1212.00")),
    ("I'd like to be a wind-turbine technician", ("Wind-turbine Technician", "goal", True, "49-9081.00")),
])
def test_a_hyphenated_title_is_the_title_written_with_a_space_or_none(finder: MentionFinder, text: str,
                                                                     expected: tuple) -> None:
    assert roles(finder, text) == [expected]


def test_a_title_nobody_lists_is_offered_the_roles_sharing_its_work(finder: MentionFinder) -> None:
    goal = next(m for m in finder.find("i'd like to become a continuous improvement manager") if m.kind == "role")
    assert goal.unresolved and goal.onet is None and goal.choices == ("Lean Manufacturing Specialist",)


@pytest.mark.parametrize("text", [
    "I want to be a data protection officer",  # "data" is in many role names, "protection" in none
    "I want to become a junior developer",  # a rank shares nothing about the work
])
def test_no_role_is_offered_for_what_says_little(finder: MentionFinder, text: str) -> None:
    goal = next(m for m in finder.find(text) if m.kind == "role")
    assert goal.unresolved and goal.choices == ()
