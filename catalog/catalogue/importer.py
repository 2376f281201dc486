"""Import and export of the catalogue as CSV, JSON or YAML, including real listings as people have them.

An import reads every file (file_reading), reads every row into record values (listing_rows: prices,
levels, providers by name, skills mapped only when safe), validates the records, and writes them all in
ONE transaction (the store's bulk write): a bad file, or by default one bad row, changes nothing, and each
problem names the file, the row and the field. ``skip_invalid`` imports the valid rows instead and lists
every skipped row with its reason; ``dry_run`` reports everything and writes nothing. The result is the
summary a person reads: created, updated, unchanged, skills kept as written, warnings.
"""

from __future__ import annotations

import csv
import functools
import gc
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError
from tqdm import tqdm

from catalog.catalogue.file_reading import MAX_FILE_BYTES, FileRows, RawRow, read_listing_file
from catalog.catalogue.import_report import ImportFailed, ImportIssue, ImportResult
from catalog.catalogue.listing_rows import PROVIDER_FIELDS, ListingReader, RowReading
from catalog.catalogue.listing_vocabulary import ListingVocabulary, default_vocabulary
from catalog.catalogue.parallel_reading import read_rows
from catalog.catalogue.provider_matching import ProviderDirectory, name_key
from catalog.catalogue.records import (
    CREDENTIAL_REF_FIELDS,
    CredentialRecord,
    ProviderRecord,
    format_validation_error,
)
from catalog.catalogue.skill_mapping import SkillMapper
from catalog.catalogue.store import CatalogStore
from catalog.catalogue.taxonomy import Taxonomy, default_taxonomy
from catalog.reading.cue_words import load_cue_words

__all__ = ["ImportFailed", "ImportIssue", "ImportResult", "export_catalog", "import_files", "ensure_seeded",
           "seed_files"]

LIST_SEPARATOR = ";"
PROGRESS_THRESHOLD = 300
SEED_DIR = Path(__file__).parent / "data" / "credentials"
SHOWN_ROWS = 20


@functools.lru_cache(maxsize=4)
def _skill_mapper(taxonomy: Taxonomy, vocabulary: ListingVocabulary) -> SkillMapper:
    """One mapper per taxonomy: building its tables costs more than mapping a whole listing."""
    return SkillMapper(taxonomy, vocabulary, never_lower=load_cue_words()["never_lower"])


# -- providers --------------------------------------------------------------------------------------------------
def _provider_records(rows: list[RawRow], issues: list[ImportIssue]) -> dict[str, ProviderRecord]:
    out: dict[str, tuple[RawRow, ProviderRecord]] = {}
    for raw in rows:
        if raw.issues:
            issues.extend(raw.issues)
            continue
        try:
            rec = ProviderRecord(**raw.data)
        except ValidationError as exc:
            issues += [ImportIssue(raw.file, raw.row, f, m) for f, m in format_validation_error(exc)]
            continue
        if rec.id in out:
            other = out[rec.id][0]
            issues.append(ImportIssue(raw.file, raw.row, "id",
                                      f"duplicate provider id (also {other.file} row {other.row})"))
            continue
        out[rec.id] = (raw, rec)
    return {pid: rec for pid, (_, rec) in out.items()}


def _rows_text(rows: Sequence[tuple[str, int]]) -> str:
    by_file: dict[str, list[int]] = {}
    for file, row in rows:
        by_file.setdefault(file, []).append(row)
    parts = []
    for file, numbers in by_file.items():
        shown = ", ".join(str(n) for n in numbers[:SHOWN_ROWS])
        more = f" and {len(numbers) - SHOWN_ROWS} more" if len(numbers) > SHOWN_ROWS else ""
        label = "row" if len(numbers) == 1 else "rows"
        parts.append(f"{label} {shown}{more}" if len(by_file) == 1 else f"{file} {label} {shown}{more}")
    return "; ".join(parts)


def _unknown_provider_issues(readings: list[RowReading]) -> list[ImportIssue]:
    """One issue per unknown provider, naming every row that uses it."""
    groups: dict[str, tuple[str, str, list[tuple[str, int]]]] = {}
    for r in readings:
        for field_name, name in r.unknown_providers:
            entry = groups.setdefault(name_key(name), (field_name, name, []))
            entry[2].append((r.raw.file, r.raw.row))
    issues = []
    for field_name, name, rows in groups.values():
        rows = list(dict.fromkeys(rows))
        files = sorted({f for f, _ in rows})
        message = (f"unknown provider '{name}': no provider has this id or name; add it to a providers file, "
                   f"or import with --create-providers to create it with kind 'unknown'")
        if len(rows) == 1:
            issues.append(ImportIssue(rows[0][0], rows[0][1], field_name, message, rows=tuple(rows)))
        else:
            issues.append(ImportIssue(", ".join(files), None, field_name,
                                      f"{message} (used by {_rows_text(rows)})", rows=tuple(rows)))
    return issues


# -- credentials ------------------------------------------------------------------------------------------------
def _duplicates(readings: list[RowReading]) -> None:
    """A second row with an id already seen is an issue of that row (the first one stays)."""
    seen: dict[str, RawRow] = {}
    for r in readings:
        if r.record is None:
            continue
        first = seen.setdefault(r.record.id, r.raw)
        if first is not r.raw:
            r.issue("id", f"duplicate id (also {first.file} row {first.row})")
            r.record = None


def _references(readings: list[RowReading], stored_ids: Callable[[], set[str]]) -> None:
    """Credential references must name a credential that exists or is imported alongside; a row dropped for
    a broken reference can break another's, so this runs until nothing changes. The stored ids are read
    only when a row refers to another (a listing's rows seldom do, and a large catalogue has many ids)."""
    if not any(getattr(r.record, f) for r in readings if r.record is not None for f in CREDENTIAL_REF_FIELDS):
        return
    stored = stored_ids()
    while True:
        known = stored | {r.record.id for r in readings if r.record is not None}
        broken = False
        for r in readings:
            if r.record is None:
                continue
            for field_name in CREDENTIAL_REF_FIELDS:
                for ref in getattr(r.record, field_name):
                    if ref == r.record.id:
                        r.issue(field_name, "a credential cannot refer to itself")
                    elif ref not in known:
                        r.issue(field_name, f"unknown credential id '{ref}'")
            if r.issues:
                r.record, broken = None, True
        if not broken:
            return


def _report_skills(readings: list[RowReading], result: ImportResult) -> None:
    mappings: dict[tuple[str, str, str], list[tuple[str, int]]] = {}
    result.unmapped.update(itertools.chain.from_iterable(r.unmapped for r in readings))  # one update, not one a row
    for r in readings:
        result.mapped_skills += r.mapped
        for key in r.mappings:
            mappings.setdefault(key, []).append((r.raw.file, r.raw.row))
    for (written, skill, how), rows in sorted(mappings.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        where = f"{rows[0][0]} row {rows[0][1]}" if len(rows) == 1 else f"{len(rows)} rows, first {rows[0][0]} " \
            f"row {rows[0][1]}"
        result.skill_mappings.append(f"'{written}' -> '{skill}' ({how}; {where})")


def _read_all(paths: Iterable[Path | str], vocabulary: ListingVocabulary, encoding: str | None,
              max_file_bytes: int = MAX_FILE_BYTES) -> list[FileRows]:
    files, issues = [], []
    for path in paths:
        try:
            files.append(read_listing_file(Path(path), vocabulary, encoding, max_file_bytes))
        except ImportFailed as exc:
            issues += exc.issues
    if issues:
        raise ImportFailed(issues)
    return files


@contextmanager
def _no_cyclic_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while an import builds its rows.

    An import of 50,000 rows keeps millions of small objects alive until it ends (rows, readings,
    records), and each full collection walks all of them: ten of them took 3.5 s of a 24 s import, and
    the smaller ones most of another second, without freeing anything. Reference counting still frees
    everything that is not in a cycle; the few cycles made meanwhile (exceptions with their tracebacks)
    are collected once the collector runs again. The collector is left as it was found.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# -- public API -------------------------------------------------------------------------------------------------
def import_files(
    store: CatalogStore,
    paths: Iterable[Path | str],
    taxonomy: Taxonomy | None = None,
    show_progress: bool | None = None,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    create_providers: bool = False,
    encoding: str | None = None,
    vocabulary: ListingVocabulary | None = None,
    max_file_bytes: int = MAX_FILE_BYTES,
) -> ImportResult:
    """Read and validate every file, then write all of them in one transaction (see the module docstring).

    Raises :class:`ImportFailed` (nothing written) for a file that cannot be read or is larger than
    ``max_file_bytes``, for any invalid row unless ``skip_invalid``, and when the database refuses the write.
    """
    with _no_cyclic_collection():
        return _import(store, paths, taxonomy, show_progress, dry_run=dry_run, skip_invalid=skip_invalid,
                       create_providers=create_providers, encoding=encoding, vocabulary=vocabulary,
                       max_file_bytes=max_file_bytes)


def _import(store: CatalogStore, paths: Iterable[Path | str], taxonomy: Taxonomy | None,
            show_progress: bool | None, *, dry_run: bool, skip_invalid: bool, create_providers: bool,
            encoding: str | None, vocabulary: ListingVocabulary | None, max_file_bytes: int) -> ImportResult:
    """:func:`import_files`, with the garbage collector paused."""
    taxonomy = taxonomy or default_taxonomy()
    vocabulary = vocabulary or default_vocabulary()
    files = _read_all(paths, vocabulary, encoding, max_file_bytes)
    result = ImportResult(dry_run=dry_run)
    result.warnings = [w for f in files for w in f.warnings]
    provider_issues: list[ImportIssue] = []
    file_providers = _provider_records([r for f in files for r in f.providers], provider_issues)
    directory = ProviderDirectory([*store.providers(), *file_providers.values()])
    reader = ListingReader(vocabulary, _skill_mapper(taxonomy, vocabulary), directory, create_providers)
    readings = read_rows(reader, [raw for f in files for raw in f.credentials])
    _duplicates(readings)
    _references(readings, store.credential_ids)
    issues = sorted(provider_issues + _unknown_provider_issues(readings) + [i for r in readings for i in r.issues],
                    key=ImportIssue.sort_key)
    kept = [r for r in readings if r.record is not None]
    for r in kept:
        result.warnings += r.warnings
    _report_skills(kept if (skip_invalid or not issues) else readings, result)
    records = [r.record for r in kept]
    used = {getattr(c, f) for c in records for f in PROVIDER_FIELDS}
    created = [p for p in reader.created if p.id in used]  # not those only skipped rows named
    providers = [*file_providers.values(), *created]
    result.created_providers = [p.name for p in created]
    if issues and not skip_invalid:
        result.invalid_rows = len({(i.file, i.row) for i in issues if i.row is not None}
                                  | {r for i in issues for r in i.rows})
        if dry_run:
            _count(store, result, providers, records)
        raise ImportFailed(issues, result)
    result.skipped = issues
    if show_progress is None:
        show_progress = len(records) > PROGRESS_THRESHOLD and not dry_run
    _write(store, result, providers, records, ", ".join(f.name for f in files) or "(input)", show_progress)
    return result


def _write(store: CatalogStore, result: ImportResult, providers: list[ProviderRecord],
           records: list[CredentialRecord], files: str, show_progress: bool) -> None:
    """Write (or in a dry run compare) in one transaction; a failure is an ImportFailed naming the files."""
    progress = tqdm(total=len(records), desc="importing", unit="credential", disable=not show_progress)
    try:
        _count(store, result, providers, records, progress=progress)
    except DBAPIError as exc:  # the store's transaction was rolled back
        raise ImportFailed([ImportIssue(files, None, "(database)", f"write failed and was rolled back: {exc.orig}")],
                           result) from exc
    except Exception as exc:  # noqa: BLE001 - any failure of the write is reported, and changed nothing
        raise ImportFailed([ImportIssue(files, None, "(database)", f"write failed and was rolled back: {exc}")],
                           result) from exc
    finally:
        progress.close()


def _count(store: CatalogStore, result: ImportResult, providers: list[ProviderRecord],
           records: list[CredentialRecord], progress: Any | None = None) -> None:
    """Write (or, in a dry run, compare) and put the counts in the result."""
    result.provider_counts, result.credential_counts = store.write_records(
        providers, records, progress=progress, dry_run=result.dry_run)
    result.providers, result.credentials = result.provider_counts.total, result.credential_counts.total
    result.written = not result.dry_run


def seed_files() -> list[Path]:
    """The packaged seed catalogue: providers first so credentials can refer to them."""
    files = sorted(SEED_DIR.glob("*.yaml"))
    return sorted(files, key=lambda p: (p.name != "providers.yaml", p.name))


def ensure_seeded(store: CatalogStore, taxonomy: Taxonomy | None = None) -> int:
    """Load the seed catalogue into an empty store; a store that has data is left alone."""
    if store.count() == 0:
        import_files(store, seed_files(), taxonomy=taxonomy)
    return store.count()


def _credential_dict(rec: CredentialRecord) -> dict[str, Any]:
    data = rec.dict()
    if data.get("last_verified"):
        data["last_verified"] = data["last_verified"].isoformat()
    return data


def export_catalog(store: CatalogStore, path: Path | str) -> tuple[int, int]:
    """Write the catalogue in the import format chosen by the file's extension.

    CSV holds one kind of row per file, so a CSV export writes credentials to ``path`` and providers to
    ``<stem>.providers.csv`` beside it; importing both files together restores the catalogue.
    """
    path = Path(path)
    providers, credentials = store.snapshot()
    suffix = path.suffix.lower()
    if suffix == ".csv":
        _write_csv(path, [_credential_dict(c) for c in credentials], list(CredentialRecord.__fields__))
        _write_csv(path.with_name(f"{path.stem}.providers.csv"), [p.dict() for p in providers],
                   list(ProviderRecord.__fields__))
    else:
        content = {"providers": [p.dict() for p in providers], "credentials": [_credential_dict(c) for c in credentials]}
        if suffix == ".json":
            path.write_text(json.dumps(content, indent=2, ensure_ascii=False), encoding="utf-8")
        elif suffix in (".yaml", ".yml"):
            path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
        else:
            raise ValueError(f"{path.name}: use a .csv, .json, .yaml or .yml file")
    return len(providers), len(credentials)


def _csv_cell(value: Any) -> Any:
    """Lists of names joined by ';' (with a trailing ';' when one name holds a comma, so that the import
    does not split it); lists of records as JSON."""
    if isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            return json.dumps(value, ensure_ascii=False, default=str)
        joined = LIST_SEPARATOR.join(value)
        return joined + LIST_SEPARATOR if len(value) == 1 and "," in joined else joined
    return "" if value is None else value


def _write_csv(path: Path, rows: list[dict[str, Any]], columns: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_cell(v) for k, v in row.items()})
