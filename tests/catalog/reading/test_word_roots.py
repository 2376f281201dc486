"""A field's words and a title's words with other endings; and fields read as goals through them."""

from __future__ import annotations

import pytest

from catalog.reading.mentions import finder_for
from catalog.reading.word_roots import field_names_title, same_root


@pytest.mark.parametrize(("a", "b"), [("engineering", "engineer"), ("analytics", "analyst"), ("auditing", "auditor"),
                                      ("pharmacy", "pharmacist"), ("therapy", "therapist"), ("design", "designer")])
def test_work_and_worker_share_a_root(a: str, b: str) -> None:
    assert same_root(a, b) and same_root(b, a)


@pytest.mark.parametrize(("a", "b"), [("data", "database"), ("test", "tester"), ("nurse", "number"),
                                      ("security", "secretary")])
def test_short_or_different_words_do_not(a: str, b: str) -> None:
    assert not same_root(a, b)


def test_a_field_names_a_title_only_with_all_its_words() -> None:
    assert field_names_title("data engineering", "Data Engineer")
    assert not field_names_title("data engineering", "Big Data Engineer")
    assert field_names_title("data engineering", "Big Data Engineer", extra_words=1)
    assert not field_names_title("engineering", "Data Engineer")
    assert not field_names_title("data engineering", "Engineer")


@pytest.mark.parametrize("text", ["BI developer here. want to get into data engineering",
                                  "i want a job in data engineering", "move into data analytics"])
def test_a_field_after_a_goal_cue_is_the_role_doing_that_work(text: str) -> None:
    goals = [m for m in finder_for().find(text) if m.kind == "role" and m.role == "goal"]
    assert [(m.value, m.unresolved) for m in goals] in ([("Data Engineer", False)], [("Data Analyst", False)]), text


def test_specialise_in_is_a_goal_cue() -> None:
    found = finder_for().find("marketing coordinator at a small agency. i want to specialise in marketing automation")
    assert not [m for m in found if m.kind == "skill" and m.value == "Marketing Automation"]
    assert [m.role for m in found if m.text == "marketing automation"] == ["goal"]


@pytest.mark.parametrize(("work", "worker"), [("coding", "coder"), ("testing", "tester"), ("nursing", "nurse"),
                                              ("planning", "planner")])
def test_the_work_and_the_worker_share_a_stem(work: str, worker: str) -> None:
    assert same_root(work, worker)


def test_want_to_do_a_field_is_a_goal() -> None:
    goals = [m for m in finder_for().find("honestly i just want to do medical coding from home")
             if m.kind == "role" and m.role == "goal"]
    assert [m.value for m in goals] == ["Medical Coder"]
