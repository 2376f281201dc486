"""Reading import files as they come out of spreadsheets and tools: encoding, delimiter, header, rows.

A listing saved by Excel, LibreOffice or Google Sheets may be UTF-8 with or without a byte-order mark,
"Unicode text" (UTF-16, with or without one), comma-, semicolon- or tab-separated, with Title-Case or
spaced headers. All of these are read; what cannot be read for sure (an 8-bit encoding, an unknown column,
a header that means two fields, a row wider than the header) is reported with the file, row and field,
and never guessed. Nothing here raises anything but :class:`ImportFailed`.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from charset_normalizer import from_bytes

from catalog.catalogue.import_report import ImportFailed, ImportIssue
from catalog.catalogue.listing_vocabulary import ListingVocabulary, text_key
from catalog.catalogue.records import ProviderRecord

SNIFF_CHARS = 64 * 1024
SNIFF_LINES = 20
DELIMITERS = ",;\t"
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
EXCEL_SEPARATOR_LINE = re.compile(r"^sep=(.)\s*$")
SUFFIXES = (".csv", ".tsv", ".txt", ".json", ".yaml", ".yml")
# The largest file an import reads (``--max-file-mb`` changes it). A listing of tens of thousands of rows is a
# few MB; a file far larger is more likely the wrong file or a dump, and reading it would hold it several times
# over in memory (bytes, text, rows, records) before saying anything.
MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class RawRow:
    """One row as written, keyed by field name; ``issues`` are problems of the row itself (too wide)."""

    file: str
    row: int
    data: dict[str, Any]
    issues: tuple[ImportIssue, ...] = ()


@dataclass
class FileRows:
    name: str
    providers: list[RawRow] = field(default_factory=list)
    credentials: list[RawRow] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str | None = None


def _fail(name: str, row: int | None, field_name: str, message: str) -> ImportFailed:
    return ImportFailed([ImportIssue(name, row, field_name, message)])


# -- bytes to text ----------------------------------------------------------------------------------------------
def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of a file and the encoding it was read in.

    UTF-8 and UTF-16/32 are recognised by their byte-order mark, UTF-8 without one by being valid, and
    UTF-16 without one by charset-normalizer. Anything else is refused with charset-normalizer's guess in
    the message, because reading an 8-bit file in the wrong code page turns "€" and "é" into other letters
    without any error.
    """
    if encoding:
        try:
            return _strip_bom(data.decode(encoding)), encoding
        except LookupError:
            raise _fail(name, None, "(file)", f"unknown encoding '{encoding}'") from None
        except UnicodeDecodeError as exc:
            raise _fail(name, None, "(file)", f"not valid {encoding} (byte {exc.start})") from None
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return _strip_bom(data.decode(codec)), codec
            except UnicodeDecodeError as exc:
                raise _fail(name, None, "(file)", f"starts like {codec} but is not (byte {exc.start})") from None
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            guess = _guess(data) or "an 8-bit code page"
            raise _fail(name, None, "(file)",
                        f"not UTF-8 (byte {exc.start}); it looks like {guess}. Save it as 'CSV UTF-8' or "
                        f"'Unicode text', or name the encoding with --encoding") from None
    guess = _guess(data)
    if guess and guess.startswith(("utf_16", "utf_32")):
        try:
            text = _strip_bom(data.decode(guess))
        except UnicodeDecodeError as exc:
            raise _fail(name, None, "(file)", f"looks like {guess} but is not (byte {exc.start})") from None
        # Bytes read two at a time in the wrong width give letters too, but never a line break or a NUL.
        if ("\n" in text or "\r" in text) and "\x00" not in text:
            return text, guess
    raise _fail(name, None, "(file)", "not a text file (it contains NUL bytes and is not UTF-16)")


def _guess(data: bytes) -> str | None:
    sample = data[:SNIFF_CHARS - SNIFF_CHARS % 4] if len(data) > SNIFF_CHARS else data
    try:
        best = from_bytes(sample).best()
    except Exception:  # noqa: BLE001 - a guess that fails is no guess; the caller reports the file
        return None
    return best.encoding if best else None


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


# -- CSV --------------------------------------------------------------------------------------------------------
def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab, by csv.Sniffer; when it cannot tell, the one the header line uses most."""
    lines = text[:SNIFF_CHARS].splitlines()[:SNIFF_LINES]
    header = lines[0] if lines else ""
    try:
        delimiter = csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
        if delimiter in header:
            return delimiter
    except csv.Error:
        pass
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


@dataclass(frozen=True)
class _Header:
    fields: list[str | None]  # the field each column holds; None for a column left out
    is_providers: bool
    ignored: list[str]


def _map_header(name: str, row: int, cells: list[str], vocabulary: ListingVocabulary) -> _Header:
    keys = [text_key(c) for c in cells]
    is_providers = "kind" in keys
    provider_fields = {text_key(f): f for f in ProviderRecord.__fields__}
    issues: list[ImportIssue] = []
    fields: list[str | None] = []
    ignored: list[str] = []
    first_column: dict[str, str] = {}
    for cell, key in zip(cells, keys, strict=True):
        label = cell.strip() or "(no header)"
        target = provider_fields.get(key) if is_providers else vocabulary.columns.get(key)
        if not key:
            fields.append(None)  # a blank header: allowed only over an empty column (checked per row)
            continue
        if target is None:
            if not is_providers and key in vocabulary.ignored_columns:
                ignored.append(label)
            else:
                known = "provider fields: " + ", ".join(provider_fields.values()) if is_providers else \
                    "a credential field or a column name listed in docs/data-formats.md"
                issues.append(ImportIssue(name, row, label, f"unknown column; use {known}"))
            fields.append(None)
            continue
        if target in first_column:
            issues.append(ImportIssue(name, row, label, f"duplicate column: '{first_column[target]}' and "
                                                        f"'{label}' both give '{target}'"))
        first_column.setdefault(target, label)
        fields.append(target)
    if issues:
        raise ImportFailed(issues)
    return _Header(fields, is_providers, ignored)


def read_csv(name: str, text: str, vocabulary: ListingVocabulary) -> FileRows:
    out = FileRows(name)
    header_row = 1
    first_line, _, rest = text.partition("\n")
    separator = EXCEL_SEPARATOR_LINE.match(first_line.strip("\r"))
    if separator and separator.group(1) in DELIMITERS:  # Excel's "sep=;" line names the delimiter
        out.delimiter, text, header_row = separator.group(1), rest, 2
    else:
        out.delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=out.delimiter)
    row_no = header_row
    try:
        cells = next(reader, None)
        while cells is not None and not any(c.strip() for c in cells):
            header_row += 1
            cells = next(reader, None)
        if cells is None:
            raise _fail(name, None, "(header)", "empty file or missing header row")
        header = _map_header(name, header_row, cells, vocabulary)
        if header.ignored:
            out.warnings.append(ImportIssue(name, header_row, "(header)",
                                            f"column(s) not imported, the catalogue has no field for them: "
                                            f"{', '.join(header.ignored)}"))
        bucket = out.providers if header.is_providers else out.credentials
        width = len(header.fields)
        for row_no, values in enumerate(reader, start=header_row + 1):
            if not any(v.strip() for v in values):
                continue
            issues = []
            surplus = [v for v in values[width:] if v.strip()]
            if surplus:
                issues.append(ImportIssue(name, row_no, "(row)",
                                          f"more values than header columns ({width} columns; extra: "
                                          f"{', '.join(repr(v) for v in surplus[:3])})"))
            data = {}
            for i, (target, value) in enumerate(zip(header.fields, values, strict=False)):  # a short row leaves the rest empty
                value = value.strip()
                if not value:
                    continue
                if target is None:
                    if not text_key(cells[i]):
                        issues.append(ImportIssue(name, row_no, f"(column {i + 1})",
                                                  "a value in a column with no header"))
                    continue
                data[target] = value
            bucket.append(RawRow(name, row_no, data, tuple(issues)))
    except csv.Error as exc:
        raise _fail(name, row_no + 1, "(row)", f"cannot read as CSV: {exc}") from None
    if not out.providers and not out.credentials:
        out.warnings.append(ImportIssue(name, None, "(file)", "no rows under the header"))
    return out


# -- JSON and YAML ----------------------------------------------------------------------------------------------
def read_structured(name: str, text: str, suffix: str) -> FileRows:
    kind = suffix[1:].upper()
    try:
        content = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        raise _fail(name, None, "(file)", f"not valid {kind}: {exc}") from None
    if isinstance(content, list):
        content = {"credentials": content}
    if not isinstance(content, dict):
        raise _fail(name, None, "(file)", "expected 'providers:' and/or 'credentials:' lists")
    unknown = sorted(str(k) for k in set(content) - {"providers", "credentials"})
    if unknown:
        raise _fail(name, None, unknown[0], "unknown top-level key")
    out = FileRows(name)
    for bucket, key in ((out.providers, "providers"), (out.credentials, "credentials")):
        entries = content.get(key) or []
        if not isinstance(entries, list):
            raise _fail(name, None, key, "must be a list")
        for i, entry in enumerate(entries, 1):
            if not isinstance(entry, dict):
                raise _fail(name, i, "(row)", f"{key} entry is not a mapping")
            bucket.append(RawRow(name, i, {str(k): v for k, v in entry.items()}))
    return out


def megabytes(size: int) -> str:
    """A file size as a person reads it: "73.4 MB"."""
    return f"{size / (1024 * 1024):,.1f} MB"


def read_bounded(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file of at most ``max_bytes``; a larger one is refused with its name and size before it
    is read. The size on disk is checked first, and the read stops one byte past the limit, so a file that
    grows meanwhile or has no size (a pipe, a device) is refused too rather than read to the end."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(path.name, f"{megabytes(size)} ({size:,} bytes)", max_bytes)
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise _fail(path.name, None, "(file)", f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise _too_large(path.name, f"over {megabytes(max_bytes)}", max_bytes)
    return data


def _too_large(name: str, size: str, max_bytes: int) -> ImportFailed:
    return _fail(name, None, "(file)", f"too large: {size}; an import reads files of up to {megabytes(max_bytes)} "
                                       f"({max_bytes:,} bytes). Split it, or raise the limit with --max-file-mb")


def read_listing_file(path: Path, vocabulary: ListingVocabulary, encoding: str | None = None,
                      max_bytes: int = MAX_FILE_BYTES) -> FileRows:
    """Every row of one file, keyed by field; raises :class:`ImportFailed` for a file that cannot be read or
    is larger than ``max_bytes``."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = " (save the sheet as 'CSV UTF-8' first)" if suffix in (".xlsx", ".xls", ".ods", ".numbers") else ""
        raise _fail(name, None, "(file)", f"use a .csv, .json, .yaml or .yml file, or tab-separated .tsv/.txt{hint}")
    data = read_bounded(path, max_bytes)
    text, used = decode(data, name, encoding)
    if suffix in (".json", ".yaml", ".yml"):
        rows = read_structured(name, text, suffix)
    else:
        rows = read_csv(name, text, vocabulary)
    rows.encoding = used
    return rows
