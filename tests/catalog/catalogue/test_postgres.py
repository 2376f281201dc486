"""The same store and import guarantees on PostgreSQL (the production database), in a throw-away schema."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from catalog.catalogue.importer import ImportFailed, import_files
from catalog.catalogue.records import CredentialRecord, ProviderRecord
from catalog.catalogue.store import CatalogStore
from tests.catalog.conftest import with_base_records

pytestmark = pytest.mark.postgres
BASE_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/test"


@pytest.fixture()
def pg_store(tmp_path: Path):
    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(BASE_URL, future=True)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    store = with_base_records(CatalogStore(f"{BASE_URL}?options=-csearch_path%3D{schema}"), tmp_path)
    yield store
    store.dispose()
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def test_postgres_import_is_all_or_nothing(pg_store: CatalogStore, tmp_path: Path) -> None:
    before = [c.dict() for c in pg_store.credentials()]
    rows = [{"id": f"ok-{i}", "title": "OK", "provider": "acme", "type": "badge", "skills": ["SQL"]} for i in range(3)]
    # A value PostgreSQL itself rejects (longer than the column) fails inside the transaction.
    rows.append({"id": "x" * 200, "title": "Too long an id", "provider": "acme", "type": "badge", "skills": ["SQL"]})
    path = tmp_path / "pg.json"
    path.write_text(json.dumps({"credentials": rows}))
    with pytest.raises(ImportFailed) as err:
        import_files(pg_store, [path])
    assert "rolled back" in str(err.value)
    assert [c.dict() for c in pg_store.credentials()] == before


def test_postgres_skill_index_lookup(pg_store: CatalogStore) -> None:
    assert [c.id for c in pg_store.credentials_teaching("SQL")] == ["sql-basics"]
    assert pg_store.credential("py-basics").pricing == "free"


def test_postgres_real_listing_import_and_reimport(pg_store: CatalogStore) -> None:
    from tests.catalog.catalogue.test_import_real_listings import COURSERA

    first = import_files(pg_store, [COURSERA], skip_invalid=True, create_providers=True)
    assert first.credential_counts.created == 18
    again = import_files(pg_store, [COURSERA], skip_invalid=True, create_providers=True)
    assert (again.credential_counts.created, again.credential_counts.updated) == (0, 0)
    assert again.credential_counts.unchanged == 18
    assert [c.id for c in pg_store.credentials_teaching("Cloud Management")] == ["ibm-working-across-cloud-platforms"]


def test_postgres_every_field_round_trips(pg_store: CatalogStore) -> None:
    from tests.catalog.catalogue.test_store_writes import FULL

    pg_store.write_records([], [FULL])
    assert pg_store.credential("full") == FULL
    _, counts = pg_store.write_records([], [FULL])
    assert counts.unchanged == 1


def test_postgres_bulk_insert_keeps_awkward_text_and_empty_values(pg_store: CatalogStore) -> None:
    """Inserts go through COPY, whose text format escapes tabs, newlines and backslashes and spells NULL
    '\\N': text holding any of them, or that very spelling, comes back as it was."""
    from tests.catalog.catalogue.test_store_writes import FULL

    awkward = FULL.copy(update={"id": "awkward", "title": "Tab\there, line\nbreak, back\\slash, \\N, crlf\r\n, ünï €",
                                "skills": ["\\N", "C:\\path", "Tab\tskill"], "recognized_by": ['quote " \\ and']})
    sparse = CredentialRecord(id="sparse", title="\\N", provider="acme", type="badge", skills=["SQL"])
    many = [sparse.copy(update={"id": f"many-{i}"}) for i in range(600)]
    pg_store.write_records([ProviderRecord(id="tabbed", name="Tab\tName", kind="unknown", url="\\N")],
                           [awkward, sparse, *many])
    assert pg_store.credential("awkward") == awkward
    assert pg_store.credential("sparse") == sparse and pg_store.credential("sparse").url is None
    provider = {p.id: p for p in pg_store.providers()}["tabbed"]
    assert (provider.name, provider.url) == ("Tab\tName", "\\N")
    _, counts = pg_store.write_records([], [awkward, sparse, *many])
    assert counts.unchanged == 602
