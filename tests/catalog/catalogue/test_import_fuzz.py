"""Hostile files end in ImportFailed naming the file, and leave the catalogue as it was; big ones are refused
before they are read.

``test_import_properties.py`` sends random bytes (up to 400), random rows in every encoding and random JSON
records; this adds what real broken exports hold: byte-order marks before anything, NUL bytes, lines of
hundreds of kilobytes, thousands of columns, and, for every one of them, a check that a failed import wrote
nothing (the same records and the same catalogue version).
"""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.__main__ import main
from catalog.catalogue.file_reading import MAX_FILE_BYTES
from catalog.catalogue.importer import ImportFailed, import_files
from catalog.catalogue.store import CatalogStore
from tests.catalog.conftest import with_base_records

BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE]
HEADER = "title,provider,type,skills,cost,hours,review_count"
chunks = st.one_of(
    st.binary(max_size=200),
    st.sampled_from([b"\x00", b"\x00" * 64, b"\r\n", b"\n", b",", b";", b"\t", b'"', b"\xff\xfe", b"\xef\xbb\xbf",
                     HEADER.encode(), b"T,acme,badge,SQL,49,10,100", b"T,acme,badge,SQL,1e400,inf,1e300",
                     b"sep=;", b"- {id: x}", b'{"credentials": [', b"]}"]),
    st.integers(1, 300).map(lambda n: b",".join(b"c%d" % i for i in range(n * 10))),  # up to 3,000 columns
    st.integers(1, 5).map(lambda n: b"A" * (n * 60_000)),  # lines longer than the csv module's field limit
)
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> CatalogStore:
    tmp = tmp_path_factory.mktemp("fuzz")
    s = with_base_records(CatalogStore(f"sqlite:///{tmp}/catalog.db"), tmp)
    yield s
    s.dispose()


def import_or_report(store: CatalogStore, path: Path, **options: bool) -> None:
    """An import of ``path`` either succeeds or fails with issues naming the file, and changes nothing then."""
    before, version = store.snapshot(), store.version()
    try:
        import_files(store, [path], show_progress=False, **options)
    except ImportFailed as exc:
        assert exc.issues and all(i.file and i.field and i.message for i in exc.issues), exc.issues
        assert all(path.name in i.file or i.field == "(database)" for i in exc.issues), exc.issues
        assert str(exc).startswith("import failed, catalogue unchanged")
        assert store.version() == version and store.snapshot() == before, "a failed import wrote something"
        if exc.report is not None:
            exc.report.summary_lines()


@SETTINGS
@given(bom=st.sampled_from(BOMS), body=st.lists(chunks, max_size=8).map(b"\n".join),
       suffix=st.sampled_from([".csv", ".tsv", ".txt", ".json", ".yaml"]), skip_invalid=st.booleans())
def test_hostile_bytes_fail_with_the_file_named_and_write_nothing(store: CatalogStore, tmp_path: Path, bom: bytes,
                                                                  body: bytes, suffix: str,
                                                                  skip_invalid: bool) -> None:
    path = tmp_path / f"hostile{suffix}"
    path.write_bytes(bom + body)
    import_or_report(store, path, skip_invalid=skip_invalid)


@SETTINGS
@given(rows=st.lists(st.lists(st.text(max_size=40), min_size=7, max_size=7), min_size=1, max_size=5),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_random_cells_under_a_valid_header_fail_cleanly_in_a_dry_run_or_for_real(
        store: CatalogStore, tmp_path: Path, rows: list[list[str]], encoding: str) -> None:
    path = tmp_path / "cells.csv"
    lines = [HEADER] + [",".join(json.dumps(c) for c in row) for row in rows]
    path.write_bytes("\n".join(lines).encode(encoding, errors="replace"))
    import_or_report(store, path, dry_run=True)
    import_or_report(store, path)


# -- what the fuzzing found ------------------------------------------------------------------------------------------
def test_a_review_count_the_database_cannot_hold_is_the_rows_error_not_a_failed_write(store: CatalogStore,
                                                                                      tmp_path: Path) -> None:
    path = tmp_path / "counts.json"
    path.write_text(json.dumps({"credentials": [{"id": "x", "title": "T", "provider": "acme", "type": "badge",
                                                 "skills": ["SQL"], "review_count": 1e300}]}))
    for dry_run in (True, False):  # a dry run used to say it would create it; the write then failed unnamed
        with pytest.raises(ImportFailed) as err:
            import_files(store, [path], show_progress=False, dry_run=dry_run)
        assert [(i.row, i.field) for i in err.value.issues] == [(1, "review_count")]


# -- the size limit -------------------------------------------------------------------------------------------------
def test_a_file_over_the_limit_is_refused_with_its_name_and_size_before_it_is_read(store: CatalogStore,
                                                                                   tmp_path: Path,
                                                                                   monkeypatch) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:  # sparse: 60 MB on paper, nothing on disk
        fh.truncate(60 * 1024 * 1024)
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("a file over the limit was opened"))
    with pytest.raises(ImportFailed) as err:
        import_files(store, [path], show_progress=False)
    issue, = err.value.issues
    assert (issue.file, issue.row, issue.field) == ("huge.csv", None, "(file)")
    assert "too large: 60.0 MB (62,914,560 bytes)" in issue.message and "50.0 MB" in issue.message
    assert "--max-file-mb" in issue.message
    assert MAX_FILE_BYTES == 50 * 1024 * 1024


def test_the_limit_can_be_set_per_import(store: CatalogStore, tmp_path: Path) -> None:
    path = tmp_path / "small.csv"
    path.write_text(HEADER + "\nSQL Intro,acme,badge,SQL,49,10,100\n")
    size = os.path.getsize(path)
    with pytest.raises(ImportFailed, match=r"small\.csv, field '\(file\)': too large"):
        import_files(store, [path], show_progress=False, dry_run=True, max_file_bytes=size - 1)
    assert import_files(store, [path], show_progress=False, dry_run=True, max_file_bytes=size).credentials == 1


def test_a_file_that_is_larger_than_it_says_is_refused_too(store: CatalogStore, tmp_path: Path,
                                                           monkeypatch) -> None:
    # A pipe or a device reports no size; reading stops one byte past the limit instead of at its end.
    path = tmp_path / "grows.csv"
    path.write_bytes(b"x" * 100)
    real_stat = Path.stat
    monkeypatch.setattr(Path, "stat", lambda self, **k: os.stat_result((0,) * 10)
                        if self == path else real_stat(self, **k))
    with pytest.raises(ImportFailed, match="too large: over"):
        import_files(store, [path], show_progress=False, max_file_bytes=50)


def test_the_command_line_takes_the_limit_in_megabytes(tmp_path: Path, capsys) -> None:
    db = f"sqlite:///{tmp_path}/cli.db"
    path = tmp_path / "listing.csv"
    path.write_bytes(b"x" * 2000)
    assert main(["--db", db, "import", str(path), "--max-file-mb", "0.001"]) == 1
    assert "listing.csv, field '(file)': too large" in capsys.readouterr().err
    for bad in ("0", "-1", "nan", "inf", "lots"):
        with pytest.raises(SystemExit):
            main(["--db", db, "import", str(path), "--max-file-mb", bad])
