"""A catalogue database made by the release before the CTDL relations is brought up to date at start-up,
its data kept: on SQLite here and on PostgreSQL in a throw-away schema."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from catalog.catalogue.migrations import MIGRATIONS
from catalog.catalogue.store import CatalogStore

NEW_COLUMNS = ("roles", "has_part", "is_preparation_for", "entry_requirements", "content_hash")
BASE_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/test"


def make_previous_release(url: str) -> None:
    """The previous release's shape: ``stacks_into`` instead of ``is_part_of``, none of the new columns and no
    record of migrations; one provider and one credential that stacks into another."""
    store = CatalogStore(url)
    engine = store.engine
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE catalog_schema"))
        conn.execute(text("ALTER TABLE credentials RENAME COLUMN is_part_of TO stacks_into"))
        for name in NEW_COLUMNS:
            conn.execute(text(f"ALTER TABLE credentials DROP COLUMN {name}"))
        for name in ("subscription_monthly", "subscription_currency", "subscription_source"):
            conn.execute(text(f"ALTER TABLE providers DROP COLUMN {name}"))
        conn.execute(text("INSERT INTO providers (id, name, kind, accreditation) VALUES ('acme', 'Acme', 'platform', "
                          "'[]')"))
        for cid, stacks in (("whole", "[]"), ("part", '["whole"]')):
            conn.execute(text(
                "INSERT INTO credentials (id, title, provider_id, type, quality_assurance, recognized_by, industries,"
                f" stacks_into, prerequisites) VALUES ('{cid}', 'T {cid}', 'acme', 'badge', '[]', '[]', '[]', "
                f"'{stacks}', '[]')"))
            conn.execute(text(f"INSERT INTO credential_skills (credential_id, skill, position) VALUES ('{cid}', "
                              "'SQL', 0)"))
    store.dispose()


def check_migrated(url: str) -> None:
    store = CatalogStore(url)  # runs the migrations
    columns = {c["name"] for c in inspect(store.engine).get_columns("credentials")}
    assert "stacks_into" not in columns and {"is_part_of", *NEW_COLUMNS} <= columns
    part = store.credential("part")
    assert part.is_part_of == ["whole"] and part.entry_requirements == [] and part.roles == []
    # Rows from before digests are compared field by field once, found unchanged, and given their digest.
    _, counts = store.write_records([], [part])
    assert (counts.updated, counts.unchanged) == (0, 1)
    with store.engine.connect() as conn:
        digests = dict(conn.execute(text("SELECT id, content_hash FROM credentials")).all())
    assert digests["part"] and digests["whole"] is None
    with store.engine.connect() as conn:
        versions = list(conn.execute(text("SELECT version FROM catalog_schema ORDER BY version")).scalars())
    assert versions == list(range(1, len(MIGRATIONS) + 1))
    store.dispose()
    CatalogStore(url).dispose()  # a second start finds nothing to do


def test_sqlite_database_of_the_previous_release_is_migrated(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    make_previous_release(url)
    check_migrated(url)


def make_v2_release(url: str) -> None:
    """The release before digests: the current tables without ``content_hash``, at version 2, with data."""
    store = CatalogStore(url)
    with store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE credentials DROP COLUMN content_hash"))
        conn.execute(text("DELETE FROM catalog_schema WHERE version = 3"))
        conn.execute(text("INSERT INTO providers (id, name, kind, accreditation) VALUES ('acme', 'Acme', 'platform', "
                          "'[]')"))
        conn.execute(text(
            "INSERT INTO credentials (id, title, provider_id, type, quality_assurance, recognized_by, industries,"
            " roles, is_part_of, has_part, is_preparation_for, prerequisites, entry_requirements, cost, language)"
            " VALUES ('one', 'One', 'acme', 'badge', '[]', '[]', '[]', '[]', '[]', '[]', '[]', '[]', '[]', 10, 'en')"))
        conn.execute(text("INSERT INTO credential_skills (credential_id, skill, position) VALUES ('one', 'SQL', 0)"))
    store.dispose()


def test_a_database_of_the_release_before_digests_gets_them(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'v2.db'}"
    make_v2_release(url)
    store = CatalogStore(url)
    assert "content_hash" in {c["name"] for c in inspect(store.engine).get_columns("credentials")}
    one = store.credential("one")
    assert (one.title, one.skills, one.cost) == ("One", ["SQL"], 10)
    _, counts = store.write_records([], [one, one.copy(update={"id": "two"})])
    assert (counts.created, counts.updated, counts.unchanged) == (1, 0, 1)
    _, counts = store.write_records([], [one.copy(update={"cost": 12})])
    assert counts.updated == 1 and store.credential("one").cost == 12
    store.dispose()


def test_a_new_database_is_created_at_the_current_version(tmp_path: Path) -> None:
    store = CatalogStore(f"sqlite:///{tmp_path / 'new.db'}")
    with store.engine.connect() as conn:
        assert list(conn.execute(text("SELECT version FROM catalog_schema")).scalars()) == [1, 2, 3]
    store.dispose()


@pytest.mark.postgres
def test_postgres_database_of_the_previous_release_is_migrated() -> None:
    schema = f"m_{uuid.uuid4().hex[:10]}"
    admin = create_engine(BASE_URL, future=True)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{BASE_URL}?options=-csearch_path%3D{schema}"
    try:
        make_previous_release(url)
        check_migrated(url)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.mark.postgres
def test_servers_opening_a_new_database_at_once_all_succeed() -> None:
    """Two action servers started together on a fresh PostgreSQL schema: one migrates, the others find it
    done (a table or version row the first just made makes them retry, not fail)."""
    import threading

    schema = f"r_{uuid.uuid4().hex[:10]}"
    admin = create_engine(BASE_URL, future=True)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{BASE_URL}?options=-csearch_path%3D{schema}"
    errors: list[Exception] = []

    def open_store() -> None:
        try:
            CatalogStore(url).dispose()
        except Exception as exc:  # a losing opener must not fail
            errors.append(exc)

    try:
        threads = [threading.Thread(target=open_store) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        store = CatalogStore(url)
        with store.engine.connect() as conn:
            assert list(conn.execute(text("SELECT version FROM catalog_schema ORDER BY version")).scalars()) == [
                1, 2, 3]
        store.dispose()
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
