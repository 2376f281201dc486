"""Role suggestions for a learner without a goal: ranked by fit, using what their job implies."""

from __future__ import annotations

import pytest

from catalog.advice.suggestions import suggest_roles
from catalog.catalogue.taxonomy import Taxonomy, default_taxonomy


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return default_taxonomy()


def test_three_roles_ranked_by_the_share_of_skills_held(taxonomy: Taxonomy) -> None:
    suggestions = suggest_roles(taxonomy, ["Python", "SQL", "Statistics", "Machine Learning"])
    assert len(suggestions) == 3
    assert suggestions[0].role == "Data Scientist"
    assert suggestions[0].fit >= suggestions[1].fit > 0
    assert all(s.gap and not set(s.gap) & {"Python", "SQL"} for s in suggestions)


def test_a_current_job_counts_as_likely_skills_and_is_not_suggested_back(taxonomy: Taxonomy) -> None:
    suggestions = suggest_roles(taxonomy, ["Minitab"], ["Quality Inspector"])
    roles = [s.role for s in suggestions]
    assert "Quality Inspector" not in roles
    first = suggestions[0]
    assert first.likely and set(first.likely) <= set(taxonomy.roles["Quality Inspector"].skills)
    assert not set(first.likely) & set(first.gap)  # a likely skill is not also listed as one to learn


def test_a_tool_no_role_lists_points_at_roles_doing_that_kind_of_work(taxonomy: Taxonomy) -> None:
    # Minitab is in no role's skill list; it is a quality tool, so quality roles come first.
    assert all("Quality" in s.role for s in suggest_roles(taxonomy, ["Minitab"]))


def test_a_skill_actually_held_outweighs_the_kind_of_work(taxonomy: Taxonomy) -> None:
    suggestions = suggest_roles(taxonomy, ["Figma"])
    assert suggestions[0].fit > 0 and "Figma" in taxonomy.roles[suggestions[0].role].skills
