from catalog.reading.profile import apply_entities


def test_skills_add_up_and_a_retraction_removes_one() -> None:
    first = apply_entities([], [{"entity": "skill", "value": "Microsoft Excel"}, {"entity": "skill", "value": "SQL"}])
    assert first.skills == ["Microsoft Excel", "SQL"]
    second = apply_entities(first.skills, [{"entity": "skill", "value": "Tableau"}])
    assert second.skills == ["Microsoft Excel", "SQL", "Tableau"] and second.added == ["Tableau"]
    third = apply_entities(second.skills, [{"entity": "skill", "value": "SQL", "role": "lacks"}])
    assert third.skills == ["Microsoft Excel", "Tableau"] and third.removed == ["SQL"]


def test_goal_and_background_are_kept_apart() -> None:
    change = apply_entities([], [
        {"entity": "job_role", "value": "Registered Nurse", "role": "current", "additional_info": {"years": 5}},
        {"entity": "job_role", "value": "Telemedicine Coordinator", "role": "goal"},
    ])
    assert change.goal == "Telemedicine Coordinator"
    assert change.background == ["Registered Nurse"]
    assert change.years == {"Registered Nurse": 5.0}
    assert change.skills == []


def test_a_job_title_outside_the_taxonomy_never_becomes_the_goal() -> None:
    change = apply_entities([], [
        {"entity": "job_role", "value": "School Librarian", "role": "current", "additional_info": {"unresolved": True}},
        {"entity": "job_role", "value": "Clinical Data Manager", "role": "goal", "additional_info": {"unresolved": True}},
    ])
    assert change.goal is None and change.unknown_goal == "Clinical Data Manager"
    assert change.background == ["School Librarian"]
