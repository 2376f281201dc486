"""The target roles added from the ranking of uncovered O*NET occupations (scripts/uncovered_occupations.py):
each loads, is a goal, reads back from its O*NET occupation, and has a reviewed, specific skill profile."""

from __future__ import annotations

import pytest

from catalog.catalogue.onet import default_onet
from catalog.catalogue.taxonomy import default_taxonomy
from catalog.reading.occupations import OccupationReader

# name -> (industry, O*NET-SOC code)
NEW_ROLES = {
    "Medical Assistant": ("healthcare", "31-9092.00"),
    "Occupational Therapy Assistant": ("healthcare", "31-2011.00"),
    "Physical Therapist Assistant": ("healthcare", "31-2021.00"),
    "Medical Laboratory Technician": ("healthcare", "29-2012.00"),
    "Psychiatric Technician": ("healthcare", "29-2053.00"),
    "Emergency Medical Technician": ("healthcare", "29-2042.00"),
    "Licensed Practical Nurse": ("healthcare", "29-2061.00"),
    "Nurse Educator": ("education", "25-1072.00"),
    "Childcare Center Director": ("education", "11-9031.00"),
    "Library Technician": ("education", "25-4031.00"),
    "Compensation and Benefits Manager": ("business_finance", "11-3111.00"),
    "Executive Assistant": ("business_finance", "43-6011.00"),
    "Document Management Specialist": ("it", "15-1299.03"),
    "Maintenance Supervisor": ("manufacturing", "49-1011.00"),
    "Biomedical Equipment Technician": ("manufacturing", "49-9062.00"),
    "Food Technologist": ("manufacturing", "19-1012.00"),
}
MAX_SOFT_SKILLS = 2


@pytest.fixture(scope="module")
def reader() -> OccupationReader:
    return OccupationReader(default_taxonomy(), default_onet())


@pytest.mark.parametrize("name", sorted(NEW_ROLES))
def test_a_new_role_loads_as_a_goal_with_a_specific_profile(name: str) -> None:
    taxonomy = default_taxonomy()
    role = taxonomy.roles[name]
    industry, code = NEW_ROLES[name]
    assert role.target and role.industry == industry and role.onet == code
    assert role.summary and role.aliases
    assert 6 <= len(role.skills) <= 10
    assert all(0.3 <= w <= 1.0 for w in role.skills.values())
    soft = [s for s in role.skills if taxonomy.categories.get(s) == "soft"]
    assert len(soft) <= MAX_SOFT_SKILLS, soft


@pytest.mark.parametrize("name", sorted(NEW_ROLES))
def test_a_new_roles_onet_code_reads_back_to_it(reader: OccupationReader, name: str) -> None:
    code = NEW_ROLES[name][1]
    assert reader.read_codes(name, [code]).role == name
    title = reader.onet.occupation_title(code)
    if reader.knows(title):  # O*NET's own title, unless it is over six words (derive_onet.py drops those)
        reading = reader.read(title)
        assert reading is not None and reading.role == name, (title, reading)


@pytest.mark.parametrize(("title", "name"), [
    ("LPN", "Licensed Practical Nurse"),
    ("nurse educator", "Nurse Educator"),
    ("payroll manager", "Compensation and Benefits Manager"),
    ("daycare director", "Childcare Center Director"),
    ("food technologist", "Food Technologist"),
])
def test_the_jobs_that_got_poor_closest_roles_now_have_their_own(reader: OccupationReader, title: str,
                                                                 name: str) -> None:
    reading = reader.read(title)
    assert reading is not None and reading.role == name


def test_the_new_roles_short_names_are_theirs_alone() -> None:
    """"EMT" was also a case-sensitive form of the Paramedic background role, so "I want to become an EMT" was
    read as a goal nobody can have; the loader now refuses a form two entries claim."""
    from catalog.reading.mentions import finder_for

    got = {(m.kind, m.value): m.role for m in finder_for().find("I want to become an EMT")}
    assert got == {("role", "Emergency Medical Technician"): "goal"}
