"""The action server's catalogue index follows the store's version: a re-priced credential shows its new price."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import actions.catalog_service as service_module
from actions.catalog_service import catalog_service, reset_catalog_service
from catalog.catalogue.importer import import_files
from catalog.catalogue.store import CatalogStore
from tests.catalog.conftest import PROVIDERS_YAML, with_base_records


def repriced(cost: object) -> str:
    """The base catalogue's SQL Basics with another price, as an import file."""
    content = yaml.safe_load(PROVIDERS_YAML)
    [sql] = [c for c in content["credentials"] if c["id"] == "sql-basics"]
    return yaml.safe_dump({"credentials": [{**sql, "cost": cost}]})


@pytest.fixture()
def own_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CatalogStore:
    url = f"sqlite:///{tmp_path}/catalog.db"
    store = with_base_records(CatalogStore(url), tmp_path)
    monkeypatch.setenv("CATALOG_DB_URL", url)
    monkeypatch.setattr(service_module, "RECHECK_SECONDS", 0.0)
    reset_catalog_service()
    yield store
    reset_catalog_service()
    store.dispose()


def test_a_new_price_with_the_same_count_rebuilds_the_index(own_catalogue: CatalogStore, tmp_path: Path) -> None:
    before = catalog_service()
    assert before.index.get("sql-basics").record.cost == 49
    version, count = own_catalogue.version(), own_catalogue.count()

    update = tmp_path / "repriced.yaml"
    update.write_text(repriced(79))
    import_files(own_catalogue, [update])

    assert own_catalogue.count() == count and own_catalogue.version() == version + 1
    assert catalog_service().index.get("sql-basics").record.cost == 79


def test_a_failed_import_does_not_bump_the_version(own_catalogue: CatalogStore, tmp_path: Path) -> None:
    from catalog.catalogue.importer import ImportFailed

    version = own_catalogue.version()
    bad = tmp_path / "bad.yaml"
    bad.write_text(repriced("lots"))
    with pytest.raises(ImportFailed):
        import_files(own_catalogue, [bad])
    assert own_catalogue.version() == version
