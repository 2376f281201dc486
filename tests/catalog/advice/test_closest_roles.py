"""Roles offered instead of a job title the taxonomy doesn't cover."""

from __future__ import annotations

import pytest

from catalog.advice.suggestions import closest_roles
from catalog.catalogue.taxonomy import default_taxonomy


@pytest.mark.parametrize(("title", "expected"), [
    ("Clinical Informatics Analyst", "Health Informatics Specialist"),
    ("Welding Inspector", "Quality Inspector"),
    ("CNC Setup Technician", "CNC Machinist"),
    ("Digital Learning Coordinator", "E-Learning Developer"),
])
def test_the_nearest_covered_roles_share_words_or_the_kind_of_job(title: str, expected: str) -> None:
    offered = closest_roles(default_taxonomy(), title)
    assert expected in offered and len(offered) <= 3
    assert all(r in default_taxonomy().roles and default_taxonomy().roles[r].target for r in offered)


def test_a_title_sharing_nothing_gets_no_offer() -> None:
    assert closest_roles(default_taxonomy(), "Astronaut") == []


def test_the_work_and_its_worker_are_one_word() -> None:
    # "nursing" is the nurse's work: a nursing job is offered nurse roles, not informatics
    offered = closest_roles(default_taxonomy(), "Nursing Associate")
    assert offered and all("Nurse" in r for r in offered)


def test_the_learners_industry_decides_among_roles_sharing_only_the_kind_of_job() -> None:
    taxonomy = default_taxonomy()
    offered = closest_roles(taxonomy, "CDI Specialist", industries=["healthcare"])
    assert offered and all(taxonomy.roles[r].industry == "healthcare" for r in offered)
    # a shared word still counts across industries
    assert "Quality Inspector" in closest_roles(taxonomy, "Welding Inspector", industries=["healthcare"])
