"""A learner profile holds at most ``MAX_PROFILE_SKILLS`` skills: the first ones stay, later ones are named back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.reading.profile import MAX_PROFILE_SKILLS, apply_entities


def skills(*names: str, role: str | None = None) -> list[dict]:
    return [{"entity": "skill", "value": n, **({"role": role} if role else {})} for n in names]


def test_a_full_profile_keeps_its_skills_and_names_the_ones_not_added() -> None:
    full = [f"Skill {i}" for i in range(MAX_PROFILE_SKILLS)]
    change = apply_entities(full, skills("SQL", "Python", "SQL", "Skill 3"))
    assert change.skills == full and change.added == []
    assert change.not_kept == ["SQL", "Python"]  # once each; a skill already held is not "not kept"


def test_dropping_a_skill_makes_room_for_one_named_in_the_same_message() -> None:
    full = [f"Skill {i}" for i in range(MAX_PROFILE_SKILLS)]
    change = apply_entities(full, skills("Skill 0", role="lacks") + skills("SQL", "Python"))
    assert change.removed == ["Skill 0"] and change.added == ["SQL"] and change.not_kept == ["Python"]
    assert len(change.skills) == MAX_PROFILE_SKILLS


@settings(max_examples=80, deadline=None)
@given(held=st.lists(st.text(min_size=1, max_size=8), max_size=120),
       said=st.lists(st.tuples(st.text(min_size=1, max_size=8), st.sampled_from([None, "lacks"])), max_size=120))
def test_a_profile_never_grows_past_the_bound(held: list[str], said: list[tuple[str, str | None]]) -> None:
    start = list(dict.fromkeys(held))
    change = apply_entities(held, [e for name, role in said for e in skills(name, role=role)])
    assert len(change.skills) <= max(MAX_PROFILE_SKILLS, len(start))
    assert len(change.skills) == len(set(change.skills))
    assert not set(change.not_kept) & set(change.skills)
