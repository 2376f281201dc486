"""The record builder makes exactly the record the model's own constructor makes (same values, same fields
set, same field order) or raises exactly its error, whatever the input, while validating each distinct
value of a field once."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError, root_validator, validator

from catalog.catalogue.importer import seed_files
from catalog.catalogue.record_building import RecordBuilder
from catalog.catalogue.records import CredentialRecord, ProviderRecord


def outcome(make: Any, data: dict[str, Any]) -> tuple:
    """What building gives: the record's values, fields set and field order, or the error's details."""
    try:
        record = make(data)
    except ValidationError as exc:
        return "error", exc.errors()
    return "record", record.__dict__, record.__fields_set__, list(record.__dict__)


def assert_same(builder: RecordBuilder, data: dict[str, Any]) -> None:
    assert outcome(builder.build, data) == outcome(lambda d: builder.model(**d), data)


def seed_rows() -> list[dict[str, Any]]:
    rows = []
    for path in seed_files():
        content = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        rows += content.get("credentials", [])
    return rows


def test_every_seed_credential_is_built_as_the_model_builds_it() -> None:
    rows = seed_rows()
    assert len(rows) > 100
    builder = RecordBuilder(CredentialRecord)
    for row in rows + rows:  # the second time from what the first one kept
        assert_same(builder, row)


def test_values_told_apart_by_type_are_validated_apart() -> None:
    """1, 1.0 and True are equal keys in a dict; as a title they are '1', '1.0' and 'True'."""
    builder = RecordBuilder(CredentialRecord)
    base = {"id": "x", "provider": "acme", "type": "badge", "skills": ["SQL"]}
    titles = [builder.build({**base, "title": value}).title for value in (1, 1.0, True)]
    assert titles == ["1", "1.0", "True"]


def test_zero_and_minus_zero_keep_their_sign() -> None:
    builder = RecordBuilder(CredentialRecord)
    base = {"id": "x", "title": "T", "provider": "acme", "type": "badge", "skills": ["SQL"]}
    first, second = builder.build({**base, "cost": 0.0}), builder.build({**base, "cost": -0.0})
    assert math.copysign(1, first.cost) == 1 and math.copysign(1, second.cost) == -1


def test_no_two_records_share_a_list() -> None:
    builder = RecordBuilder(CredentialRecord)
    base = {"id": "x", "title": "T", "provider": "acme", "type": "badge", "skills": ["SQL"],
            "recognized_by": "Employer A;Employer B"}
    one, two = builder.build(base), builder.build(base)
    one.recognized_by.append("Someone Else")
    one.quality_assurance.append("Agency")
    assert two.recognized_by == ["Employer A", "Employer B"] and two.quality_assurance == []


def test_an_invalid_value_raises_the_models_own_error_even_after_valid_ones() -> None:
    builder = RecordBuilder(CredentialRecord)
    base = {"id": "x", "title": "T", "provider": "acme", "type": "badge", "skills": ["SQL"]}
    builder.build({**base, "level": "beginner"})
    for bad in ({**base, "level": "expert"}, {**base, "colour": "red"}, {"title": "T"}, {**base, "stacks_into": 3},
                {**base, "entry_requirements": "[{\"kind\": \"degree\"}]"}):
        assert_same(builder, bad)
        with pytest.raises(ValidationError):
            builder.build(bad)


def test_old_field_names_are_read_by_the_models_own_pre_root_validator() -> None:
    builder = RecordBuilder(CredentialRecord)
    data = {"id": "x", "title": "T", "provider": "acme", "type": "badge", "skills": ["SQL"], "stacks_into": "whole"}
    assert builder.build(data).is_part_of == ["whole"]
    assert_same(builder, data)


class _ReadsOtherFields(BaseModel):
    low: int
    high: int

    @validator("high")
    def _above(cls, v: int, values: dict[str, Any]) -> int:  # noqa: N805 - pydantic validator
        if "low" in values and v < values["low"]:
            raise ValueError("below low")
        return v


class _PostRoot(BaseModel):
    a: int

    @root_validator(skip_on_failure=True)
    def _double(cls, values: dict[str, Any]) -> dict[str, Any]:  # noqa: N805 - pydantic validator
        return {**values, "a": values["a"] * 2}


@pytest.mark.parametrize(("model", "rows"), [
    (_ReadsOtherFields, [{"low": 1, "high": 5}, {"low": 9, "high": 5}, {"low": 1, "high": 5}]),
    (_PostRoot, [{"a": 2}, {"a": 2}, {"a": "x"}]),
])
def test_a_model_the_builder_cannot_follow_is_built_by_the_model_itself(model: type[BaseModel],
                                                                      rows: list[dict[str, Any]]) -> None:
    builder = RecordBuilder(model)
    for row in rows:
        assert_same(builder, row)


def test_providers_are_built_as_the_model_builds_them() -> None:
    builder = RecordBuilder(ProviderRecord)
    for row in ({"id": "acme", "name": " Acme ", "kind": "Platform", "accreditation": "A;B"},
                {"id": "acme", "name": "Acme", "kind": "platform", "subscription_currency": "usd"},
                {"id": "Bad Id", "name": "Acme", "kind": "platform"}):
        assert_same(builder, row)


DEGREE_REQUIREMENT = '[{"kind": "degree", "statement": "s", "degree": "bachelor"}]'
FIELD_VALUES = {
    "id": st.sampled_from(["x", "x-1", "Bad Id", "", " "]),
    "title": st.one_of(st.sampled_from(["T", " T ", "", "1"]), st.integers(0, 3), st.booleans()),
    "provider": st.sampled_from(["acme", "uni", ""]),
    "type": st.sampled_from(["badge", "Course Certificate", "course-certificate", "diploma", None, ""]),
    "skills": st.one_of(st.lists(st.sampled_from(["SQL", " SQL ", "", "Python", 3]), max_size=3),
                        st.sampled_from(["SQL;Python", "", None])),
    "level": st.sampled_from(["beginner", "All Levels", "mixed", None]),
    "hours": st.one_of(st.floats(allow_nan=True), st.integers(-1, 3), st.sampled_from(["12", "lots", None])),
    "cost": st.one_of(st.floats(-1, 2), st.sampled_from([0, 0.0, -0.0, "49", True])),
    "currency": st.sampled_from(["usd", "USD", "dollars", "", None]),
    "free_audit": st.sampled_from([True, False, "yes", "no", 1, 0, "maybe", None]),
    "review_count": st.one_of(st.integers(-1, 3), st.sampled_from([16400.0, 1.5, "16400.0", "16,400", True])),
    "rating": st.one_of(st.floats(0, 6), st.sampled_from(["4.5", None])),
    "eqf": st.one_of(st.integers(0, 9), st.sampled_from([1.0, True, "3"])),
    "last_verified": st.sampled_from(["2026-01-02", "2026-02-30", None, 3]),
    "industries": st.sampled_from([["it"], ["nowhere"], "it;healthcare", None]),
    "entry_requirements": st.sampled_from(["", "[]", DEGREE_REQUIREMENT, "not json"]),
    "stacks_into": st.sampled_from(["whole", None]),
    "colour": st.just("red"),
}
REQUIRED = {"id": st.sampled_from(["x", "x-1"]), "title": st.sampled_from(["T", " T ", "1"]),
            "provider": st.just("acme"), "type": st.sampled_from(["badge", "Course Certificate"]),
            "skills": st.sampled_from([["SQL"], ["SQL", " Python "], "SQL;Python"])}
any_rows = st.lists(st.fixed_dictionaries({}, optional=FIELD_VALUES), min_size=1, max_size=6)
# Valid values, equal ones of different types among them (0, 0.0, -0.0, False; 1, 1.0, True), so that most
# complete rows take the builder's own path and reuse what an earlier row validated.
VALID_VALUES = {
    "level": st.sampled_from(["beginner", "Beginner", "all levels", None]),
    "hours": st.one_of(st.floats(0, 100), st.integers(0, 3), st.sampled_from(["12", True, None])),
    "cost": st.one_of(st.floats(0, 2), st.sampled_from([0, 0.0, -0.0, "49", True, False])),
    "currency": st.sampled_from(["usd", "USD", "", None]),
    "free_audit": st.sampled_from([True, False, "yes", "no", 1, 0, 1.0, None]),
    "review_count": st.one_of(st.integers(0, 3), st.sampled_from([16400.0, "16400.0", "16,400", True, 1.0])),
    "rating": st.one_of(st.floats(0, 5), st.sampled_from(["4.5", 4, True, None])),
    "eqf": st.one_of(st.integers(1, 8), st.sampled_from([1.0, True, "3"])),
    "last_verified": st.sampled_from(["2026-01-02", None]),
    "industries": st.sampled_from([["it"], "it;healthcare", None]),
    "entry_requirements": st.sampled_from(["", "[]", DEGREE_REQUIREMENT]),
    "stacks_into": st.sampled_from(["whole", None]),
}
complete_rows = st.lists(st.fixed_dictionaries(REQUIRED, optional=VALID_VALUES), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(rows=st.one_of(any_rows, complete_rows))
def test_any_rows_give_what_the_model_gives(rows: list[dict[str, Any]]) -> None:
    builder = RecordBuilder(CredentialRecord)
    for row in rows:
        assert_same(builder, row)
