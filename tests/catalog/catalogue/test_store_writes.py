"""Bulk writes: new ids created, changed rows updated, equal rows left alone, all in one transaction that
bumps the version; every record field is written, whatever fields the records have."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Index, select

import catalog.catalogue.store_writes as store_writes
from catalog.catalogue.records import CredentialRecord, EntryRequirement, ProviderRecord
from catalog.catalogue.schema import CredentialRow, CredentialSkillRow
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


def stored_digests(store: CatalogStore) -> dict[str, str | None]:
    with store.session() as s:
        return dict(s.execute(select(CredentialRow.id, CredentialRow.content_hash)).all())


def listing(n: int) -> list[CredentialRecord]:
    return [FULL.copy(update={"id": f"c-{i}", "title": f"Course {i}", "skills": ["SQL", f"Skill {i % 7}"],
                              "cost": 10 + i}) for i in range(n)]


def test_a_reimport_after_a_change_updates_exactly_the_changed_rows(store: CatalogStore) -> None:
    """A large import (read back as a whole table) and a re-import with one price, one skill list and one
    nested requirement changed: exactly those three are written again, each with its new digest."""
    records = listing(1200)
    _, counts = store.write_records([], records)
    assert counts.created == 1200
    before = stored_digests(store)
    assert all(before[r.id] for r in records)
    changed = list(records)
    changed[3] = changed[3].copy(update={"cost": 999})
    changed[500] = changed[500].copy(update={"skills": ["SQL"]})  # one skill fewer
    requirement = EntryRequirement(kind="experience", statement="Three years", years=3, roles=["Data Analyst"])
    changed[1100] = changed[1100].copy(update={"entry_requirements": [requirement]})
    _, counts = store.write_records([], changed)
    assert (counts.created, counts.updated, counts.unchanged) == (0, 3, 1197)
    after = stored_digests(store)
    assert {i for i in after if after[i] != before.get(i)} == {"c-3", "c-500", "c-1100"}
    assert store.credential("c-3").cost == 999
    assert skills_rows(store, "c-500") == [("SQL", 0)]
    assert store.credential("c-1100").entry_requirements == [requirement]
    assert store.credential("c-4") == records[4]
    _, counts = store.write_records([], changed)
    assert (counts.updated, counts.unchanged) == (0, 1200)


@pytest.mark.parametrize("stored_digest", [None, "written-by-another-release"])
def test_a_row_without_its_digest_is_compared_field_by_field_and_then_given_it(store: CatalogStore,
                                                                              stored_digest: str | None) -> None:
    """Rows stored before digests (NULL after the migration), or with a digest computed another way, are
    unchanged when their fields are: never counted as updated for that, and given their digest."""
    store.write_records([], [FULL, FULL.copy(update={"id": "other"})])
    digest = stored_digests(store)["full"]
    with store.engine.begin() as conn:
        conn.execute(CredentialRow.__table__.update().values(content_hash=stored_digest))
    _, counts = store.write_records([], [FULL, FULL.copy(update={"id": "other"})], dry_run=True)
    assert (counts.updated, counts.unchanged) == (0, 2)
    assert stored_digests(store)["full"] == stored_digest  # a dry run writes nothing
    _, counts = store.write_records([], [FULL, FULL.copy(update={"id": "other", "title": "Renamed"})])
    assert (counts.updated, counts.unchanged) == (1, 1)
    assert stored_digests(store)["full"] == digest
    assert store.credential("other").title == "Renamed"


def test_the_sqlite_cache_setting_is_put_back_after_a_write(store: CatalogStore) -> None:
    with store.engine.connect() as conn:
        default = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    store.write_records([], [FULL])
    with store.session() as s:
        assert s.connection().exec_driver_sql("PRAGMA cache_size").scalar_one() == default


def test_drivers_without_a_bulk_path_write_the_rows_as_they_are(store: CatalogStore,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLAlchemy's own executemany for other databases: values go unconverted (a JSON list stays a list)."""
    original = store_writes._DriverRows.__init__

    def no_bulk(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        self.bulk = False

    monkeypatch.setattr(store_writes._DriverRows, "__init__", no_bulk)
    store.write_records([ProviderRecord(id="new-one", name="New One", kind="unknown", accreditation=["X"])], [FULL])
    assert store.credential("full") == FULL
    assert {p.id: p for p in store.providers()}["new-one"].accreditation == ["X"]
    _, counts = store.write_records([], [FULL])
    assert counts.unchanged == 1


def test_readers_read_the_catalogue_as_it_was_while_an_import_is_written(store: CatalogStore,
                                                                        tmp_path: Path) -> None:
    """Mid-import (the credentials written, their skills not yet), another connection that will not wait
    still reads the catalogue as it was: the import's changes (6 MB here, more than SQLite's default page
    cache holds) stay in its cache until it commits, instead of spilling into the file under a lock that
    keeps readers out."""
    records = [FULL.copy(update={"id": f"big-{i}", "url": f"https://acme.example/{i}/" + "x" * 2000})
               for i in range(3000)]
    seen: list[int | str] = []

    class Progress:
        def update(self, n: int) -> None:
            with closing(sqlite3.connect(tmp_path / "catalog.db", timeout=0)) as reader:
                try:
                    seen.append(reader.execute("SELECT count(*) FROM credentials").fetchone()[0])
                except sqlite3.OperationalError as exc:  # "database is locked"
                    seen.append(str(exc))

    store.write_records([], records, progress=Progress())
    assert seen and set(seen) == {2}
    assert store.count() == 3002


def skill_indexes(tmp_path: Path) -> list[str]:
    with closing(sqlite3.connect(tmp_path / "catalog.db")) as con:
        return [name for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'credential_skills' "
            "AND sql IS NOT NULL")]


def test_a_large_insert_builds_the_skill_index_afterwards_and_a_failed_one_keeps_it(
        store: CatalogStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """More skill rows than the table holds: the index is dropped for the insert and built again in the same
    transaction; the skills stay in their written order, and a failed write leaves the index as it was."""
    monkeypatch.setattr(store_writes, "MIN_ROWS_FOR_INDEX_REBUILD", 1)
    assert skill_indexes(tmp_path) == ["ix_credential_skills_skill"]
    rebuilt: list[str] = []
    original_create = Index.create
    monkeypatch.setattr(Index, "create", lambda self, bind, **kw: (rebuilt.append(self.name),
                                                                    original_create(self, bind, **kw)))
    records = [FULL.copy(update={"id": f"c-{i}", "skills": ["Writing", "SQL", f"Skill {i}", "Agile"]})
               for i in range(50)]
    store.write_records([], records)
    assert rebuilt == ["ix_credential_skills_skill"]  # dropped and built again, not left as it was
    assert skill_indexes(tmp_path) == ["ix_credential_skills_skill"]
    store.write_records([], [records[0].copy(update={"id": "one-more"})])
    assert rebuilt == ["ix_credential_skills_skill"]  # a small insert leaves the index alone
    assert skills_rows(store, "c-7") == [("Writing", 0), ("SQL", 1), ("Skill 7", 2), ("Agile", 3)]
    assert store.credential("c-7") == records[7]
    original = store_writes._insert_rows

    def failing_skill_insert(session, driver, dicts, params) -> None:
        if driver.table is store_writes.SKILLS:  # after the index was dropped
            raise RuntimeError("disk full")
        original(session, driver, dicts, params)

    monkeypatch.setattr(store_writes, "_insert_rows", failing_skill_insert)
    with pytest.raises(RuntimeError):
        store.write_records([], [r.copy(update={"id": f"d-{i}"}) for i, r in enumerate(records * 3)])
    assert skill_indexes(tmp_path) == ["ix_credential_skills_skill"]
    assert store.count() == 53  # the seed's two, the 50 and one more: none of the failed write's
