"""Import and export of the catalogue as CSV, JSON or YAML.

Validation happens in full before anything is written, and the write is one transaction: a file with
one bad row changes nothing, and the error names the file, the row and the field so it can be fixed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from tqdm import tqdm

from catalog.catalogue.records import CredentialRecord, ProviderRecord, format_validation_error
from catalog.catalogue.store import CatalogStore
from catalog.catalogue.taxonomy import Taxonomy, default_taxonomy

LIST_SEPARATOR = ";"
PROGRESS_THRESHOLD = 300
SEED_DIR = Path(__file__).parent / "data" / "credentials"


@dataclass(frozen=True)
class ImportIssue:
    file: str
    row: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}, row {self.row}"
        return f"{where}, field '{self.field}': {self.message}"


class ImportFailed(Exception):
    """Nothing was written; ``issues`` says what to fix."""

    def __init__(self, issues: Sequence[ImportIssue]) -> None:
        self.issues = list(issues)
        shown = "\n".join(f"  {i}" for i in self.issues[:50])
        more = f"\n  ... and {len(self.issues) - 50} more" if len(self.issues) > 50 else ""
        super().__init__(f"import failed, catalogue unchanged ({len(self.issues)} problem(s)):\n{shown}{more}")


@dataclass
class ImportResult:
    providers: int = 0
    credentials: int = 0
    skill_mappings: list[str] = field(default_factory=list)


@dataclass
class _RawRow:
    file: str
    row: int
    data: dict[str, Any]


# -- reading files ----------------------------------------------------------------------------------------------
def _read_rows(path: Path) -> tuple[list[_RawRow], list[_RawRow]]:
    """Split a file into provider rows and credential rows, numbered as a person would count them."""
    name = path.name
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailed([ImportIssue(name, None, "(file)", f"cannot read: {exc}")]) from exc
    if suffix == ".csv":
        return _read_csv(name, text)
    try:
        content = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise ImportFailed([ImportIssue(name, None, "(file)", f"not valid {suffix[1:].upper()}: {exc}")]) from exc
    if suffix not in (".json", ".yaml", ".yml"):
        raise ImportFailed([ImportIssue(name, None, "(file)", "use a .csv, .json, .yaml or .yml file")])
    if isinstance(content, list):
        content = {"credentials": content}
    if not isinstance(content, dict):
        raise ImportFailed([ImportIssue(name, None, "(file)", "expected 'providers:' and/or 'credentials:' lists")])
    unknown = set(content) - {"providers", "credentials"}
    if unknown:
        raise ImportFailed([ImportIssue(name, None, sorted(unknown)[0], "unknown top-level key")])
    out: tuple[list[_RawRow], list[_RawRow]] = ([], [])
    for bucket, key in ((out[0], "providers"), (out[1], "credentials")):
        entries = content.get(key) or []
        if not isinstance(entries, list):
            raise ImportFailed([ImportIssue(name, None, key, "must be a list")])
        for i, entry in enumerate(entries, 1):
            if not isinstance(entry, dict):
                raise ImportFailed([ImportIssue(name, i, "(row)", f"{key} entry is not a mapping")])
            bucket.append(_RawRow(name, i, entry))
    return out


def _read_csv(name: str, text: str) -> tuple[list[_RawRow], list[_RawRow]]:
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    if not header:
        raise ImportFailed([ImportIssue(name, None, "(header)", "empty file or missing header row")])
    is_providers = "title" not in header and "kind" in header
    rows: list[_RawRow] = []
    for line_no, row in enumerate(reader, start=2):  # line 1 is the header
        if None in row:
            raise ImportFailed([ImportIssue(name, line_no, "(row)", "more values than header columns")])
        if not any((v or "").strip() for v in row.values()):
            continue
        rows.append(_RawRow(name, line_no, {k: v for k, v in row.items() if (v or "").strip() != ""}))
    return (rows, []) if is_providers else ([], rows)


# -- validation -------------------------------------------------------------------------------------------------
def _validated_by_id(rows: list[_RawRow], model: type, id_name: str,
                     issues: list[ImportIssue]) -> list[tuple[_RawRow, Any]]:
    """Each row as a record of ``model``; invalid rows and repeated ids become issues (the last one wins)."""
    seen: dict[str, tuple[_RawRow, Any]] = {}
    for raw in rows:
        try:
            rec = model(**raw.data)
        except ValidationError as exc:
            issues += [ImportIssue(raw.file, raw.row, f, m) for f, m in format_validation_error(exc)]
            continue
        if rec.id in seen:
            other = seen[rec.id][0]
            issues.append(ImportIssue(raw.file, raw.row, "id",
                                      f"duplicate {id_name} (also {other.file} row {other.row})"))
        seen[rec.id] = (raw, rec)
    return list(seen.values())


def _validate(
    provider_rows: list[_RawRow],
    credential_rows: list[_RawRow],
    existing_providers: set[str],
    existing_credentials: set[str],
    taxonomy: Taxonomy,
    result: ImportResult,
) -> tuple[list[ProviderRecord], list[CredentialRecord]]:
    issues: list[ImportIssue] = []
    providers = {rec.id: rec for _, rec in _validated_by_id(provider_rows, ProviderRecord, "provider id", issues)}
    credentials: dict[str, tuple[_RawRow, CredentialRecord]] = {}
    for raw, rec in _validated_by_id(credential_rows, CredentialRecord, "id", issues):
        mapped = []
        for skill in rec.skills:
            canonical = taxonomy.skill_name(skill)
            if canonical is None:
                issues.append(ImportIssue(raw.file, raw.row, "skills", f"unknown skill '{skill}'"))
                continue
            if canonical != skill:
                result.skill_mappings.append(f"{raw.file} row {raw.row}: '{skill}' -> '{canonical}'")
            mapped.append(canonical)
        rec.skills = list(dict.fromkeys(mapped)) or rec.skills
        credentials[rec.id] = (raw, rec)

    provider_ids = existing_providers | set(providers)
    credential_ids = existing_credentials | set(credentials)
    for raw, rec in credentials.values():
        for field_name in ("provider", "platform"):
            value = getattr(rec, field_name)
            if value and value not in provider_ids:
                issues.append(ImportIssue(raw.file, raw.row, field_name, f"unknown provider id '{value}'"))
        for field_name in ("stacks_into", "prerequisites"):
            for ref in getattr(rec, field_name):
                if ref not in credential_ids:
                    issues.append(ImportIssue(raw.file, raw.row, field_name, f"unknown credential id '{ref}'"))
                elif ref == rec.id:
                    issues.append(ImportIssue(raw.file, raw.row, field_name, "a credential cannot refer to itself"))
    if issues:
        raise ImportFailed(sorted(issues, key=lambda i: (i.file, i.row or 0, i.field)))
    return list(providers.values()), [rec for _, rec in credentials.values()]


# -- public API -------------------------------------------------------------------------------------------------
def import_files(
    store: CatalogStore,
    paths: Iterable[Path | str],
    taxonomy: Taxonomy | None = None,
    show_progress: bool | None = None,
) -> ImportResult:
    """Validate every file, then write all of them in one transaction."""
    taxonomy = taxonomy or default_taxonomy()
    provider_rows: list[_RawRow] = []
    credential_rows: list[_RawRow] = []
    for path in paths:
        p, c = _read_rows(Path(path))
        provider_rows += p
        credential_rows += c
    result = ImportResult()
    providers, credentials = _validate(
        provider_rows, credential_rows, store.provider_ids(), store.credential_ids(), taxonomy, result
    )
    if show_progress is None:
        show_progress = len(credentials) > PROGRESS_THRESHOLD
    progress = tqdm(credentials, desc="importing", unit="credential", disable=not show_progress)
    try:
        result.providers, result.credentials = store.replace_records(providers, credentials, progress=progress)
    except Exception as exc:  # the transaction was rolled back by the store
        raise ImportFailed([ImportIssue(", ".join(sorted({r.file for r in credential_rows})) or "(input)",
                                        None, "(database)", f"write failed and was rolled back: {exc}")]) from exc
    finally:
        progress.close()
    return result


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


def _write_csv(path: Path, rows: list[dict[str, Any]], columns: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: LIST_SEPARATOR.join(v) if isinstance(v, list) else ("" if v is None else v)
                             for k, v in row.items()})
