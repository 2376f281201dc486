"""Bulk writes: new ids created, changed rows updated, equal rows left alone, all in one transaction that
bumps the version; every record field is written, whatever fields the records have."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from catalog.catalogue.records import CredentialRecord, EntryRequirement, ProviderRecord
from catalog.catalogue.schema import CredentialSkillRow
from catalog.catalogue.store import CatalogStore

FULL = CredentialRecord(
    id="full", title="Every Field", provider="acme", platform="uni", type="certification",
    url="https://acme.example/full", skills=["SQL", "Writing"], level="all_levels", hours=12.5, weeks=3,
    cost=99, currency="EUR", pricing="exam_fee", free_audit=False, financial_aid=True,
    delivery="online_cohort", language="de", assessment="proctored_exam", quality_assurance=["QA Body"],
    ects=5, eqf=5, recognized_by=["An Employer"], industries=["it"], roles=["Data Analyst"],
    is_part_of=["sql-basics"], has_part=["py-basics"], is_preparation_for=["sql-basics"],
    prerequisites=["py-basics"],
    entry_requirements=[EntryRequirement(kind="experience", statement="Two years", years=2, roles=["Data Analyst"])],
    rating=4.5, review_count=10, badge="credly", last_verified=dt.date(2026, 1, 2),
    source_url="https://acme.example/source",
)


def skills_rows(store: CatalogStore, cid: str) -> list[tuple[str, int]]:
    with store.session() as s:
        stmt = (select(CredentialSkillRow.skill, CredentialSkillRow.position)
                .where(CredentialSkillRow.credential_id == cid).order_by(CredentialSkillRow.position))
        return [tuple(r) for r in s.execute(stmt)]


def test_every_record_field_is_written_and_read_back(store: CatalogStore) -> None:
    assert set(FULL.__fields_set__) == set(CredentialRecord.__fields__)  # the test sets every field
    store.write_records([], [FULL])
    assert store.credential("full") == FULL


def test_created_updated_and_unchanged_are_counted_and_only_changes_are_written(store: CatalogStore) -> None:
    version = store.version()
    _, counts = store.write_records([], [FULL])
    assert (counts.created, counts.updated, counts.unchanged) == (1, 0, 0)
    _, counts = store.write_records([], [FULL])
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 1)
    moved = FULL.copy(update={"skills": ["Python", "SQL"]})
    _, counts = store.write_records([], [moved, FULL.copy(update={"id": "other"})])
    assert (counts.created, counts.updated, counts.unchanged) == (1, 1, 0)
    assert skills_rows(store, "full") == [("Python", 0), ("SQL", 1)]
    assert store.version() == version + 3


def test_providers_are_created_updated_or_left_alone(store: CatalogStore) -> None:
    acme = {p.id: p for p in store.providers()}["acme"]
    renamed = acme.copy(update={"name": "Acme Learning Ltd"})
    new = ProviderRecord(id="new-one", name="New One", kind="unknown")
    counts, _ = store.write_records([renamed, new, {p.id: p for p in store.providers()}["uni"]], [])
    assert (counts.created, counts.updated, counts.unchanged) == (1, 1, 1)
    assert {p.id: p.name for p in store.providers()}["acme"] == "Acme Learning Ltd"


def test_a_dry_run_counts_and_writes_nothing(store: CatalogStore) -> None:
    version, before = store.version(), store.credentials()
    _, counts = store.write_records([], [FULL, store.credential("sql-basics")], dry_run=True)
    assert (counts.created, counts.unchanged) == (1, 1)
    assert store.version() == version and store.credentials() == before


def test_a_failed_write_changes_nothing(store: CatalogStore) -> None:
    version, before = store.version(), store.credentials()
    orphan = FULL.copy(update={"provider": "no-such-provider"})  # the foreign key refuses it
    with pytest.raises(Exception):  # noqa: B017 - the database's own error
        store.write_records([], [FULL.copy(update={"id": "first"}), orphan])
    assert store.version() == version and store.credentials() == before


def test_replace_records_still_returns_the_numbers_given(store: CatalogStore) -> None:
    assert store.replace_records([], [FULL, FULL.copy(update={"id": "two"})]) == (0, 2)
