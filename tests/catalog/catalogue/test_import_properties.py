"""Whatever a file holds, an import ends in a result or in ImportFailed with the problems named: never a
traceback (a UTF-16 file without a byte-order mark used to crash the importer)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.catalogue.importer import ImportFailed, ImportResult, import_files
from catalog.catalogue.store import CatalogStore
from tests.catalog.conftest import with_base_records

HEADERS = ["id", "title", "Course Title", "Partner", "provider", "University", "platform", "type",
           "Certificate Type", "skills", "Skills", "Rating", "Review Count", "level", "Level", "Price", "cost",
           "currency", "free_audit", "url", "Course URL", "hours", "language", "is_part_of", "prerequisites",
           "entry_requirements", "last_verified", "Description", "kind", "name", ""]
PLAUSIBLE = ["Google", "acme", "University of Michigan", "Nobody Inc", "Course", "Specialization", "badge",
             "Python, SQL", "Writing; Collaboration", "Cloud Management", "4.8", "4.8 stars", "16400.0", "16,400",
             "Mixed", "All Levels", "Beginner level", "$49", "39,99 €", "FREE", "free to audit, certificate $49",
             "FREE-Add a Verified Certificate for $49 USD", "$49 - $99", "USD", "yes", "https://example.org/x",
             "www.example.org", "12", "-4", "English", "sql-basics", "ghost", "[]", "[{\"kind\": \"x\"}]",
             "2026-02-30", "2026-01-02", "platform", "", " "]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]
cells = st.one_of(st.sampled_from(PLAUSIBLE), st.text(max_size=30))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> CatalogStore:
    tmp = tmp_path_factory.mktemp("props")
    s = with_base_records(CatalogStore(f"sqlite:///{tmp}/catalog.db"), tmp)
    yield s
    s.dispose()


def attempt(store: CatalogStore, path: Path, options: dict) -> None:
    try:
        result = import_files(store, [path], show_progress=False, **options)
    except ImportFailed as exc:
        assert exc.issues, "a failed import names its problems"
        assert str(exc)
        if exc.report is not None:
            exc.report.summary_lines()
        return
    assert isinstance(result, ImportResult)
    result.summary_lines()


options = st.fixed_dictionaries({"skip_invalid": st.booleans(), "create_providers": st.booleans(),
                                 "dry_run": st.booleans()})
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".tsv", ".txt", ".json", ".yaml"]),
       opts=options)
def test_random_bytes_never_raise_anything_but_import_failed(store: CatalogStore, tmp_path: Path, data: bytes,
                                                             suffix: str, opts: dict) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    attempt(store, path, opts)


@SETTINGS
@given(header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
       rows=st.lists(st.lists(cells, max_size=9), max_size=6),
       delimiter=st.sampled_from([",", ";", "\t", "|"]), encoding=st.sampled_from(ENCODINGS),
       quoted=st.booleans(), newline=st.sampled_from(["\n", "\r\n", "\r"]), opts=options)
def test_random_rows_in_any_encoding_and_delimiter_never_raise_anything_but_import_failed(
        store: CatalogStore, tmp_path: Path, header: list[str], rows: list[list[str]], delimiter: str,
        encoding: str, quoted: bool, newline: str, opts: dict) -> None:
    # Quoted by the csv module, or written by hand as a broken export would be: stray quotes and delimiters
    # inside cells (and NUL, which the csv module refuses to write).
    text = newline.join(delimiter.join(r) for r in [header, *rows])
    if quoted:
        out = io.StringIO()
        try:
            csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows([header, *rows])
            text = out.getvalue()
        except csv.Error:
            pass
    path = tmp_path / "listing.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    attempt(store, path, opts)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | cells,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(cells, inner, max_size=3),
                           max_leaves=12)


@SETTINGS
@given(entries=st.lists(st.dictionaries(st.sampled_from(HEADERS[:27]) | cells, json_values, max_size=8),
                        max_size=4),
       key=st.sampled_from(["credentials", "providers"]), opts=options)
def test_random_json_records_never_raise_anything_but_import_failed(store: CatalogStore, tmp_path: Path,
                                                                     entries: list[dict], key: str,
                                                                     opts: dict) -> None:
    path = tmp_path / "records.json"
    path.write_text(json.dumps({key: entries}, default=str), encoding="utf-8")
    attempt(store, path, opts)
