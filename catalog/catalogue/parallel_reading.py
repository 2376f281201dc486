"""Reading a large listing's rows on two cores.

Reading a row (cells, prices, skills, providers, the record's validation) is pure Python, about 50-130 µs a
row, and it was most of an import of 50,000 rows. A forked child reads the second half of the rows while
this process reads the first; the child sends back only plain values (each record's field values, the
row's issues, warnings and skill counts), because pickling 25,000 pydantic records cost what the second
core saved. The readings come back in the rows' order, tied to this process's own rows, so everything
after the reading (duplicates, references, the report, the write) is as if one process had read them all.

Anything unusual reads in one process: a small file, a machine without ``fork`` or a second core, an
import that creates providers (both halves would create them), ``CAREER_IMPORT_PROCESSES=1`` (which
``make bench-catalog`` uses to show the difference), and a child that fails or dies: its half is then
read here, so a failure of the child costs time, never rows.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

from catalog.catalogue.file_reading import RawRow
from catalog.catalogue.listing_rows import ListingReader, RowReading
from catalog.catalogue.record_building import assembled_record
from catalog.catalogue.records import CredentialRecord

PARALLEL_MIN_ROWS = 10_000  # below this, forking and sending back cost more than the second core saves
PROCESSES_VARIABLE = "CAREER_IMPORT_PROCESSES"
FIELD_ORDER = tuple(CredentialRecord.__fields__)
Packed = tuple[Any, ...]


def read_rows(reader: ListingReader, raws: Sequence[RawRow]) -> list[RowReading]:
    """Every row read by ``reader``, in order; on two cores where that pays (see the module docstring)."""
    if not _two_processes_pay(reader, raws):
        return [reader.read(raw) for raw in raws]
    half = len(raws) // 2
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_read_part, args=(reader, raws[half:], sending), daemon=True)
    child.start()
    sending.close()  # ours; the child's copy is the only writer, so its death ends the pipe
    try:
        first = [reader.read(raw) for raw in raws[:half]]
        second = _received(receiving, raws[half:])
    finally:
        receiving.close()
        child.join()
    if second is None:  # the child failed: read its half here
        second = [reader.read(raw) for raw in raws[half:]]
    return first + second


def _two_processes_pay(reader: ListingReader, raws: Sequence[RawRow]) -> bool:
    if os.environ.get(PROCESSES_VARIABLE, "2").strip() == "1" or len(raws) < PARALLEL_MIN_ROWS:
        return False
    if reader.create_providers or "fork" not in multiprocessing.get_all_start_methods():
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores >= 2


def _read_part(reader: ListingReader, raws: Sequence[RawRow], sending: Connection) -> None:
    """The child's work: read the rows and send them back packed; any failure sends None instead."""
    try:
        payload: list[Packed] | None = [_packed(reader.read(raw)) for raw in raws]
    except Exception:  # noqa: BLE001 - the parent reads these rows itself
        payload = None
    sending.send_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    sending.close()


def _received(receiving: Connection, raws: Sequence[RawRow]) -> list[RowReading] | None:
    try:
        payload = pickle.loads(receiving.recv_bytes())
    except (EOFError, OSError, pickle.UnpicklingError):
        return None
    if payload is None or len(payload) != len(raws):
        return None
    return [_unpacked(packed, raw) for packed, raw in zip(payload, raws, strict=True)]


def _packed(reading: RowReading) -> Packed:
    record = reading.record
    if record is None:
        fields: Any = None
    elif tuple(record.__dict__) == FIELD_ORDER:
        fields = (tuple(record.__dict__.values()), tuple(record.__fields_set__))
    else:
        fields = (dict(record.__dict__), tuple(record.__fields_set__))
    return (fields, reading.issues, reading.warnings, reading.mappings, reading.mapped, reading.unmapped,
            reading.unknown_providers)


def _unpacked(packed: Packed, raw: RawRow) -> RowReading:
    fields, issues, warnings, mappings, mapped, unmapped, unknown_providers = packed
    reading = RowReading(raw, {}, issues=issues, warnings=warnings, mappings=mappings, mapped=mapped,
                         unmapped=unmapped, unknown_providers=unknown_providers)
    if fields is not None:
        values, fields_set = fields
        if not isinstance(values, dict):
            values = dict(zip(FIELD_ORDER, values, strict=True))
        reading.record = assembled_record(CredentialRecord, values, fields_set)
    return reading
