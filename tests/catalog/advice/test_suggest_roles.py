"""Role suggestions for a learner without a goal: ranked by fit, using what their job implies."""

from __future__ import annotations

import pytest

from catalog.advice.suggestions import clearly_best_choice, suggest_roles
from catalog.catalogue.taxonomy import Role, Skill, Taxonomy, default_taxonomy


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


# --- evidence, not alphabet -----------------------------------------------------------------------------------

def test_an_uncovered_job_with_nothing_known_gives_no_suggestion_at_all(taxonomy: Taxonomy) -> None:
    # Seen in the development conversations: a PHP developer was offered Additive Manufacturing Technician at 0%.
    assert suggest_roles(taxonomy, [], ["Php Developer"]) == []
    assert suggest_roles(taxonomy, [], []) == []


def test_an_uncovered_job_counts_through_its_closest_covered_roles(taxonomy: Taxonomy) -> None:
    near = {"Php Developer": ["Front-End Developer", "Web Developer", "UX Designer"]}
    suggestions = suggest_roles(taxonomy, [], ["Php Developer"], near=near)
    assert [s.role for s in suggestions][:2] == ["Front-End Developer", "Web Developer"]  # nearest first
    assert all(s.likely and s.fit == 0 for s in suggestions)
    assert all(s.industry == "it" for s in suggestions)


def mini() -> Taxonomy:
    skills = [Skill(s, "work") for s in "abcdefgh"] + [Skill("x", "other"), Skill("y", "other")]
    roles = [Role("Job", "it", {"a": 1.0}), Role("Near Job", "healthcare", {"b": 1.0}),
             Role("Uses A", "education", {"a": 1.0, "x": 1.0}), Role("Uses B", "education", {"b": 1.0, "x": 1.0}),
             Role("Same Field", "healthcare", {"y": 1.0})]
    return Taxonomy(skills, roles)


def test_a_covered_job_is_stronger_evidence_than_a_job_close_to_it() -> None:
    suggestions = suggest_roles(mini(), [], ["Job", "Clinic Porter"], near={"Clinic Porter": ["Near Job"]})
    roles = [s.role for s in suggestions]
    assert roles.index("Uses A") < roles.index("Uses B")  # a's credit (Job's) beats b's (only close to a job)
    assert "Job" not in roles and "Near Job" in roles  # the close role may be suggested, the learner's own job not


def test_an_industry_alone_lists_no_role() -> None:
    # "Same Field" is in the close role's industry but shares no skill with anything the learner said.
    suggestions = suggest_roles(mini(), [], ["Clinic Porter"], near={"Clinic Porter": ["Near Job"]})
    assert "Same Field" not in [s.role for s in suggestions]


def tied(n: int, lead: bool = False) -> Taxonomy:
    """``n`` roles that the skill "a" supports exactly equally, and optionally one it supports more."""
    roles = [Role(f"Role {chr(90 - i)}", "it", {"a": 1.0, "b": 1.0}) for i in range(n)]
    if lead:
        roles.append(Role("Leader", "it", {"a": 1.0}))
    return Taxonomy([Skill("a"), Skill("b")], roles)


def test_roles_that_tie_share_their_rank_and_are_listed_whole() -> None:
    suggestions = suggest_roles(tied(4), ["a"])
    assert len(suggestions) == 4 and {s.rank for s in suggestions} == {1}


def test_a_tie_too_big_for_the_list_is_not_cut_by_name() -> None:
    assert suggest_roles(tied(6), ["a"]) == []  # six equal roles: nothing says which three
    suggestions = suggest_roles(tied(5, lead=True), ["a"])
    assert [(s.role, s.rank) for s in suggestions] == [("Leader", 1)]


def test_the_clearly_best_choice_is_the_one_the_held_skills_fit() -> None:
    taxonomy = default_taxonomy()
    choices = ["Information Security Engineer", "Cloud Solutions Architect"]
    assert clearly_best_choice(taxonomy, choices, ["Network Security", "Firewalls"]) == "Information Security Engineer"
    assert clearly_best_choice(taxonomy, choices, ["Cloud Architecture", "Amazon Web Services"]) == \
        "Cloud Solutions Architect"
    assert clearly_best_choice(taxonomy, choices, ["Cloud Security"]) is None  # both need it about as much
    assert clearly_best_choice(taxonomy, choices, []) is None  # no skills known: no default
    assert clearly_best_choice(taxonomy, choices[:1], ["Network Security"]) is None  # one role is no choice
