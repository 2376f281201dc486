"""Reading rows on two cores gives the readings one process gives, in the rows' order, and a child that
fails costs no row; checked on the real-shaped listings (good rows, incomplete rows, unknown providers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.catalogue import parallel_reading
from catalog.catalogue.file_reading import RawRow, read_listing_file
from catalog.catalogue.importer import _skill_mapper, ensure_seeded, import_files
from catalog.catalogue.listing_rows import ListingReader, RowReading
from catalog.catalogue.listing_vocabulary import default_vocabulary
from catalog.catalogue.provider_matching import ProviderDirectory
from catalog.catalogue.store import CatalogStore
from catalog.catalogue.taxonomy import default_taxonomy

DATA = Path(__file__).parent / "data"
LISTINGS = [DATA / "coursera_shaped.csv", DATA / "edx_shaped.csv"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> CatalogStore:
    store = CatalogStore(f"sqlite:///{tmp_path_factory.mktemp('seed') / 'seed.db'}")
    ensure_seeded(store)
    yield store
    store.dispose()


@pytest.fixture()
def two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork for any file, however small, even where the caller's environment says one process."""
    monkeypatch.setattr(parallel_reading, "PARALLEL_MIN_ROWS", 2)
    monkeypatch.delenv(parallel_reading.PROCESSES_VARIABLE, raising=False)


def _rows() -> list[RawRow]:
    vocabulary = default_vocabulary()
    rows = [raw for path in LISTINGS for raw in read_listing_file(path, vocabulary).credentials]
    return rows * 3  # repeated ids too: the import's duplicate check sees them in order


def _reader(store: CatalogStore) -> ListingReader:
    vocabulary = default_vocabulary()
    return ListingReader(vocabulary, _skill_mapper(default_taxonomy(), vocabulary), ProviderDirectory(store.providers()))


def _seen(reading: RowReading) -> tuple:
    record = None if reading.record is None else (list(reading.record.__dict__.items()), reading.record.__fields_set__)
    return (reading.raw.file, reading.raw.row, record, reading.issues, reading.warnings, reading.mappings,
            reading.mapped, reading.unmapped, reading.unknown_providers)


def test_two_processes_read_what_one_reads(store: CatalogStore, two_processes: None,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _rows()
    unpacked = []
    unpack = parallel_reading._unpacked
    monkeypatch.setattr(parallel_reading, "_unpacked", lambda *a: unpacked.append(1) or unpack(*a))
    forked = parallel_reading.read_rows(_reader(store), rows)
    assert len(unpacked) == len(rows) - len(rows) // 2  # the second half did come from the child
    monkeypatch.setenv(parallel_reading.PROCESSES_VARIABLE, "1")
    alone = parallel_reading.read_rows(_reader(store), rows)
    assert [_seen(r) for r in forked] == [_seen(r) for r in alone]
    assert all(f.raw is raw for f, raw in zip(forked, rows, strict=True))  # this process's rows, not copies
    assert any(r.record is None for r in forked) and any(r.record is not None for r in forked)
    assert any(r.unknown_providers for r in forked[len(rows) // 2:])  # the child's half has them too
    record = next(r.record for r in forked[len(rows) // 2:] if r.record is not None)
    assert record == record.__class__(**record.dict())  # a record as pydantic makes it


def test_a_child_that_fails_costs_no_row(store: CatalogStore, two_processes: None,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _rows()
    expected = [_seen(r) for r in parallel_reading.read_rows(_reader(store), rows)]

    def broken(reading: RowReading) -> tuple:
        raise RuntimeError("the child cannot pack")

    monkeypatch.setattr(parallel_reading, "_packed", broken)  # the forked child inherits it
    assert [_seen(r) for r in parallel_reading.read_rows(_reader(store), rows)] == expected


def test_an_import_read_on_two_cores_stores_what_one_core_stores(tmp_path: Path, two_processes: None,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    stored = []
    for processes in ("2", "1"):
        monkeypatch.setenv(parallel_reading.PROCESSES_VARIABLE, processes)
        store = CatalogStore(f"sqlite:///{tmp_path / processes}.db")
        ensure_seeded(store)
        result = import_files(store, LISTINGS, skip_invalid=True)
        stored.append(([c.dict() for c in store.credentials()], result.credential_counts, len(result.skipped),
                       result.unmapped))
        store.dispose()
    assert stored[0] == stored[1]
