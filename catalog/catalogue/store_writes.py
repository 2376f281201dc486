"""Writing validated records in bulk through SQLAlchemy Core, inside the caller's transaction.

An import of 50,000 listings must take seconds, not the minute that one ORM flush per row took, and a
re-import of the same file must not rewrite what did not change. Each credential row carries a digest of
what was written for it (its columns and its skills, ``content_hash``), so a re-import reads only the
stored ids and digests: a new id is inserted, an equal digest is a row left alone, and only a row whose
digest differs (changed, or written before there were digests) is read and compared field by field, then
updated, or, when nothing changed after all, given its digest. (Every credential written goes through
here with its digest; a row edited by hand in SQL keeps its old one, and a re-import of the old content would
leave the edit alone.) A changed credential's skills are deleted
and inserted again (they are its ordered list). Inserts hand the statement to the driver's own bulk path
(see ``_insert_rows``). Columns come from the records' own fields, never from a list kept here, so a field
added to the records and the schema is written without touching this module.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from pydantic import BaseModel
from sqlalchemy import JSON, Table, Text, bindparam, cast, delete, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from catalog.catalogue.import_report import WriteCounts
from catalog.catalogue.records import CredentialRecord, ProviderRecord
from catalog.catalogue.schema import CredentialRow, CredentialSkillRow, ProviderRow

BATCH = 1000  # rows per executemany of updates
INSERT_BATCH = 20_000  # rows per executemany of inserts
CHUNK = 500  # ids per "IN (...)" when reading what is stored
MIN_ROWS_FOR_INDEX_REBUILD = 10_000  # below this, rebuilding an index costs more than it saves

PROVIDERS: Table = ProviderRow.__table__
CREDENTIALS: Table = CredentialRow.__table__
SKILLS: Table = CredentialSkillRow.__table__
DIGEST = CredentialRow.content_hash.key
# COPY's text format: a tab between values, a newline after each row, \N for NULL, and a backslash before
# a backslash, newline, carriage return or tab inside a value.
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})
COPY_SPECIAL = re.compile(r"[\\\n\r\t]")


def _nested_fields(model: type[BaseModel]) -> frozenset[str]:
    """Fields holding records (entry requirements), which their JSON column stores as plain dicts."""
    return frozenset(name for name, f in model.__fields__.items()
                     if isinstance(f.type_, type) and issubclass(f.type_, BaseModel))


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.dict()
    if isinstance(value, list):
        return [v.dict() if isinstance(v, BaseModel) else v for v in value]
    return value


def provider_values(p: ProviderRecord) -> dict[str, Any]:
    nested = _nested_fields(ProviderRecord)
    return {f: _plain(v) if f in nested else v for f, v in p.__dict__.items()}


def credential_values(c: CredentialRecord, fields: Sequence[str], nested: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Columns of the ``credentials`` table; ``fields`` are the record fields stored there, ``nested`` those
    of them that hold records. Copies the record's ``__dict__``: 50,000 rows of 30 ``getattr`` calls or
    ``dict()`` conversions take seconds."""
    return _credential_rows([c], fields, nested)[c.id]


def _credential_rows(credentials: Iterable[CredentialRecord], fields: Sequence[str],
                     nested: frozenset[str] = frozenset()) -> dict[str, dict[str, Any]]:
    """:func:`credential_values` of many records by id (the last one of an id wins), the fields that live
    elsewhere (provider, platform, skills) found once rather than per record."""
    out: dict[str, dict[str, Any]] = {}
    stored, elsewhere = set(fields), None
    for c in credentials:
        row = dict(c.__dict__)
        if elsewhere is None:
            elsewhere = [f for f in row if f not in stored]
        for f in elsewhere:
            del row[f]
        for f in nested:
            row[f] = _plain(row[f])
        row["provider_id"], row["platform_id"] = c.provider, c.platform
        out[c.id] = row
    return out


class _RowsOnDemand(Mapping[str, dict[str, Any]]):
    """:func:`credential_values` by id, each made when first asked for: the bulk path reads the records
    themselves (``_DriverRows.record_values``), and only rows compared or updated field by field, or
    written through SQLAlchemy, need their dict."""

    def __init__(self, records: dict[str, CredentialRecord], fields: Sequence[str], nested: frozenset[str]) -> None:
        self._records, self._fields, self._nested = records, fields, nested
        self._made: dict[str, dict[str, Any]] = {}

    def __getitem__(self, cid: str) -> dict[str, Any]:
        row = self._made.get(cid)
        if row is None:
            row = self._made[cid] = credential_values(self._records[cid], self._fields, self._nested)
        return row

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


def _batches(items: Sequence[Any], size: int = BATCH) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _whole_table(session: Session, table: Table, ids: Sequence[str]) -> bool:
    """Read the whole table rather than by ids when the ids are a large share of it (a re-import)."""
    if len(ids) <= CHUNK:
        return False
    return len(ids) * 2 >= session.execute(select(func.count()).select_from(table)).scalar_one()


def _stored(session: Session, table: Table, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The stored rows under ``ids``, with JSON columns as their stored text: decoding 50,000 rows of JSON
    lists costs more than comparing their text with the incoming values serialised the same way."""
    if not ids:
        return {}
    columns = [cast(c, Text).label(c.name) if isinstance(c.type, JSON) else c for c in table.columns]
    wanted = set(ids)
    queries = [select(*columns)] if _whole_table(session, table, ids) else [
        select(*columns).where(table.c.id.in_(chunk)) for chunk in _batches(ids, CHUNK)]
    out: dict[str, dict[str, Any]] = {}
    for query in queries:
        result = session.execute(query)
        names = list(result.keys())
        for row in result.fetchall():  # fetchall: iterating fetches row by row
            values = dict(zip(names, row, strict=True))
            if values["id"] in wanted:
                out[values["id"]] = values
    return out


def _stored_digests(session: Session, ids: Sequence[str]) -> dict[str, str | None]:
    """id -> stored digest (None for a row written before digests) of the stored credentials among ``ids``."""
    base = select(CREDENTIALS.c.id, CREDENTIALS.c[DIGEST])
    queries = [base] if _whole_table(session, CREDENTIALS, ids) else [
        base.where(CREDENTIALS.c.id.in_(chunk)) for chunk in _batches(ids, CHUNK)]
    wanted = set(ids)
    out: dict[str, str | None] = {}
    for query in queries:
        out.update((cid, digest) for cid, digest in session.execute(query).fetchall() if cid in wanted)
    return out


def _stored_skills(session: Session, ids: Sequence[str]) -> dict[str, list[str]]:
    """The stored skills of ``ids``, in order."""
    if not ids:
        return {}
    base = select(SKILLS.c.credential_id, SKILLS.c.skill).order_by(SKILLS.c.credential_id, SKILLS.c.position)
    queries = [base] if _whole_table(session, CREDENTIALS, ids) else [
        base.where(SKILLS.c.credential_id.in_(chunk)) for chunk in _batches(ids, CHUNK)]
    wanted = set(ids)
    out: dict[str, list[str]] = {}
    for query in queries:
        for cid, skill in session.execute(query).fetchall():
            if cid in wanted:
                out.setdefault(cid, []).append(skill)
    return out


def _json_serialisers(session: Session, table: Table) -> dict[str, Callable[[Any], Any]]:
    """Column -> how its value is stored as text (the column's own bind processor), for JSON columns."""
    dialect = session.connection().dialect
    out = {}
    for c in table.columns:
        if isinstance(c.type, JSON):
            out[c.name] = _with_empty_list(c.type.bind_processor(dialect)) or (lambda v: v)
    return out


def _same(incoming: dict[str, Any], stored: dict[str, Any], serialisers: dict[str, Callable[[Any], Any]]) -> bool:
    """Is the stored row the incoming one? JSON columns compare as text; text written some other way (by
    another serialiser) only ever makes a row count as updated, never as unchanged."""
    for column, value in incoming.items():
        old = stored.get(column)
        if column in serialisers:
            value = serialisers[column](value)
            if old is None:  # a list column written before it had a default
                old = serialisers[column]([])
        if value != old:
            return False
    return True


def _plan(rows: dict[str, dict[str, Any]], stored: dict[str, dict[str, Any]],
          serialisers: dict[str, Callable[[Any], Any]]) -> tuple[WriteCounts, list[str], list[str]]:
    """Which ids are new and which changed, field by field (providers: a few hundred rows at most)."""
    created = [i for i in rows if i not in stored]
    changed = [i for i in rows if i in stored and not _same(rows[i], stored[i], serialisers)]
    counts = WriteCounts(created=len(created), updated=len(changed),
                         unchanged=len(rows) - len(created) - len(changed))
    return counts, created, changed


@dataclass
class _CredentialPlan:
    counts: WriteCounts
    created: list[str]
    changed: list[str]
    undigested: list[str]  # unchanged rows stored without their digest (or with another one): given it


def _plan_credentials(session: Session, rows: Mapping[str, dict[str, Any]], skills: dict[str, list[str]],
                      digests: dict[str, str]) -> _CredentialPlan:
    """New ids, and among the stored ones those whose digest differs, compared field by field: an equal
    digest is an equal row (the digest covers every column and the skills); a different one may still be
    an equal row, written before digests or serialised another way, which must not count as updated."""
    stored = _stored_digests(session, list(rows))
    created = [i for i in rows if i not in stored]
    unsure = [i for i in rows if i in stored and stored[i] != digests[i]]
    old_rows = _stored(session, CREDENTIALS, unsure)
    old_skills = _stored_skills(session, unsure)
    serialisers = _json_serialisers(session, CREDENTIALS)
    changed = [i for i in unsure if skills[i] != old_skills.get(i, []) or not _same(rows[i], old_rows[i], serialisers)]
    changed_ids = set(changed)
    counts = WriteCounts(created=len(created), updated=len(changed),
                         unchanged=len(rows) - len(created) - len(changed))
    return _CredentialPlan(counts, created, changed, [i for i in unsure if i not in changed_ids])


def _with_empty_list(processor: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """The processor, with its result for [] computed once (most list columns are empty)."""
    if processor is None:
        return None
    try:
        empty = processor([])
    except Exception:  # noqa: BLE001 - not a list column
        return processor
    return lambda value: empty if value == [] else processor(value)


class _DriverRows:
    """Rows of one table as the driver takes them: the values of ``keys`` in the insert statement's order,
    each converted by its column's own bind processor (JSON, dates). SQLAlchemy's own executemany builds
    and processes a parameter dict per row, which costs more than the database's insert itself; this
    converts each row once, for its digest and for the insert alike."""

    def __init__(self, connection: Connection, table: Table, keys: Sequence[str]) -> None:
        dialect = connection.dialect
        self.table = table
        self.bulk = dialect.name == "sqlite" or dialect.driver == "psycopg2"
        self.sql = ""
        order = list(keys)
        if dialect.name == "sqlite":
            compiled = insert(table).compile(dialect=dialect, column_keys=order)
            self.sql, order = compiled.string, list(compiled.positiontup)  # its qmark parameters, in order
        elif self.bulk:
            quote = dialect.identifier_preparer
            self.sql = (f"COPY {quote.format_table(table)} "
                        f"({', '.join(quote.format_column(table.c[k]) for k in order)}) FROM STDIN")
        self.keys = order
        self._digest_at = order.index(DIGEST) if DIGEST in order else None
        values = [k for k in order if k != DIGEST]
        self._get = itemgetter(*values) if len(values) > 1 else (lambda row: (row[values[0]],))
        self._converted = [(i, proc) for i, name in enumerate(values)
                           if (proc := _with_empty_list(table.c[name].type.bind_processor(dialect))) is not None]

    def record_values(self, field_of: dict[str, str], nested: frozenset[str]) -> Callable[[dict[str, Any]], list[Any]]:
        """What ``values`` gives for a record's row, read straight from the record's ``__dict__`` (the column
        ``k`` from its field ``field_of.get(k, k)``, records in ``nested`` as plain dicts): an import of
        50,000 credentials need not build a row dict for each of them only to read it once."""
        names = [field_of.get(k, k) for k in self.keys if k != DIGEST]
        get = itemgetter(*names) if len(names) > 1 else (lambda d: (d[names[0]],))
        plain_at = [i for i, name in enumerate(names) if name in nested]
        converted = self._converted

        def values(record: dict[str, Any]) -> list[Any]:
            out = list(get(record))
            for i in plain_at:
                out[i] = _plain(out[i])
            for i, proc in converted:
                if out[i] is not None:
                    out[i] = proc(out[i])
            return out

        return values

    def values(self, row: dict[str, Any]) -> list[Any]:
        """The row's values as stored, in order, without its digest."""
        values = list(self._get(row))
        for i, proc in self._converted:
            if values[i] is not None:
                values[i] = proc(values[i])
        return values

    def tuples(self, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """Rows given as tuples of ``columns`` (a table without a digest), as the driver's parameters: as
        they are when they are already in its order and no column converts its values."""
        if list(columns) == self.keys and not self._converted:
            return list(rows)
        return [self.params(self.values(dict(zip(columns, row, strict=True)))) for row in rows]

    def params(self, values: list[Any], digest: str | None = None) -> tuple[Any, ...]:
        """The driver's parameters: ``values`` with the digest in its place, when the table has one."""
        if self._digest_at is None:
            return tuple(values)
        return (*values[:self._digest_at], digest, *values[self._digest_at:])


def content_digest(values: Sequence[Any], skills: Sequence[str]) -> str:
    """The digest of a credential: its column values as stored (``_DriverRows.values``) and its skills in
    order. ``repr`` spells every value the row can hold (text, numbers, booleans, None, dates) exactly and
    differently from any other value, so two equal digests are the same row; SHA-1 keeps it short."""
    return hashlib.sha1(repr((values, skills)).encode("utf-8")).hexdigest()


def _insert_rows(session: Session, driver: _DriverRows, dicts: Callable[[], Sequence[dict[str, Any]]],
                 params: Callable[[], Sequence[tuple[Any, ...]]]) -> None:
    """Insert rows through the driver's bulk path, as ``params()`` converts them: SQLite's executemany,
    PostgreSQL's COPY (a multi-row INSERT of 50,000 credentials took the server 3 s to parse, COPY 1 s).
    Any other driver takes them as ``dicts()`` gives them, through SQLAlchemy's executemany."""
    connection = session.connection()
    if not driver.bulk:
        if rows := dicts():
            session.execute(insert(driver.table), list(rows))
    elif rows := params():
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql(driver.sql, list(rows))
        else:
            with connection.connection.cursor() as cursor:  # the session's own connection and transaction
                cursor.copy_expert(driver.sql, io.StringIO("".join(_copy_line(row) for row in rows)))


def _copy_value(value: Any) -> str:
    """One value in COPY's text format. What reaches here is what the bind processors leave: text (JSON
    columns as their JSON), numbers, booleans (read as true/false), dates (ISO) or None."""
    if value is None:
        return "\\N"
    text = value if value.__class__ is str else str(value)
    return text.translate(COPY_ESCAPES) if COPY_SPECIAL.search(text) else text


def _copy_line(row: Sequence[Any]) -> str:
    return "\t".join([_copy_value(v) for v in row]) + "\n"


def _insert_many(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """A Core ``insert`` of many rows (all with the same keys) through :func:`_insert_rows`."""
    if rows:
        driver = _DriverRows(session.connection(), table, list(rows[0]))
        _insert_rows(session, driver, lambda: rows, lambda: [driver.params(driver.values(row)) for row in rows])


def _update(session: Session, table: Table, rows: Iterable[dict[str, Any]]) -> None:
    """Update rows by id, in executemany batches of SQLAlchemy's own (few rows change at a time)."""
    rows = list(rows)
    if not rows:
        return
    stmt = update(table).where(table.c.id == bindparam("_id"))
    for batch in _batches(rows):
        session.execute(stmt, [{"_id": row["id"], **{k: v for k, v in row.items() if k != "id"}} for row in batch])


def _write_providers(session: Session, rows: dict[str, dict[str, Any]], created: list[str],
                     changed: list[str]) -> None:
    _insert_many(session, PROVIDERS, [rows[i] for i in created])
    _update(session, PROVIDERS, (rows[i] for i in changed))


def _skill_rows(ids: Iterable[str], skills: dict[str, list[str]]) -> list[tuple[str, str, int]]:
    """(credential, skill, position) rows of ``ids``, each credential's skills in the primary key's order
    (``ids`` come sorted): a bulk insert in key order appends to the B-trees instead of splitting pages
    all over them (50,000 credentials' skill rows: 1.0 -> 0.75 s on SQLite, measured)."""
    return [(i, s, n) for i in ids for n, s in sorted(enumerate(skills[i]), key=itemgetter(1))]


@contextmanager
def _index_built_after(session: Session, table: Table, inserting: int) -> Iterator[None]:
    """On SQLite, when an insert brings more rows than the table holds, drop the table's secondary
    indexes for its length and build them again from the whole table afterwards, in the same transaction
    (an index built once is cheaper than 250,000 inserts into it: 0.2 s of a 50,000-credential create,
    measured). A failure rolls back the transaction, indexes with it. Elsewhere, and for small inserts,
    the indexes take the rows as they come: PostgreSQL would lock readers out of the table for the drop."""
    connection = session.connection()
    rebuild = (connection.dialect.name == "sqlite" and inserting >= MIN_ROWS_FOR_INDEX_REBUILD
               and inserting > session.execute(select(func.count()).select_from(table)).scalar_one())
    indexes = sorted(table.indexes, key=lambda ix: ix.name) if rebuild else []
    for index in indexes:
        index.drop(connection)
    yield  # on an error the caller's transaction rolls back, and the dropped indexes come back with it
    for index in indexes:
        index.create(connection)


def _write_credentials(session: Session, rows: Mapping[str, dict[str, Any]], skills: dict[str, list[str]],
                       digests: dict[str, str], plan: _CredentialPlan, driver: _DriverRows,
                       values: dict[str, list[Any]], on_batch: Callable[[int], None] | None) -> None:
    for batch in _batches(plan.changed, CHUNK):
        session.execute(delete(SKILLS).where(SKILLS.c.credential_id.in_(batch)))
    created = sorted(plan.created)  # key order (see _skill_rows)
    for batch in _batches(created, INSERT_BATCH):
        _insert_rows(session, driver, lambda batch=batch: [{**rows[i], DIGEST: digests[i]} for i in batch],
                     lambda batch=batch: [driver.params(values[i], digests[i]) for i in batch])
        if on_batch:
            on_batch(len(batch))
    _update(session, CREDENTIALS, ({**rows[i], DIGEST: digests[i]} for i in plan.changed))
    if plan.undigested:
        stmt = update(CREDENTIALS).where(CREDENTIALS.c.id == bindparam("_id")).values({DIGEST: bindparam("_digest")})
        for batch in _batches(plan.undigested):
            session.execute(stmt, [{"_id": i, "_digest": digests[i]} for i in batch])
    columns = ("credential_id", "skill", "position")
    skill_driver = _DriverRows(session.connection(), SKILLS, columns)
    skill_rows = _skill_rows(sorted((*plan.created, *plan.changed)), skills)
    with _index_built_after(session, SKILLS, len(skill_rows)):
        for batch in _batches(skill_rows, INSERT_BATCH):
            _insert_rows(session, skill_driver,
                         lambda batch=batch: [dict(zip(columns, r, strict=True)) for r in batch],
                         lambda batch=batch: skill_driver.tuples(columns, batch))
    if on_batch and (plan.changed or plan.counts.unchanged):
        on_batch(len(plan.changed) + plan.counts.unchanged)


def write_records(
    session: Session,
    providers: Iterable[ProviderRecord],
    credentials: Iterable[CredentialRecord],
    credential_fields: Sequence[str],
    dry_run: bool = False,
    on_batch: Callable[[int], None] | None = None,
) -> tuple[WriteCounts, WriteCounts]:
    """Create, update or leave alone each record (by id) in the session's transaction; with ``dry_run``
    only count. Returns the provider and credential counts. A repeated id: the last record wins."""
    provider_rows = {p.id: provider_values(p) for p in providers}
    p_counts, p_created, p_changed = _plan(provider_rows, _stored(session, PROVIDERS, list(provider_rows)),
                                           _json_serialisers(session, PROVIDERS))
    credential_recs = {c.id: c for c in credentials}
    nested = _nested_fields(CredentialRecord) & set(credential_fields)
    if not dry_run:
        _write_providers(session, provider_rows, p_created, p_changed)
    if not credential_recs:
        return p_counts, WriteCounts()
    rows = _RowsOnDemand(credential_recs, credential_fields, nested)
    skills = {cid: list(dict.fromkeys(c.skills)) for cid, c in credential_recs.items()}
    driver = _DriverRows(session.connection(), CREDENTIALS, [*rows[next(iter(credential_recs))], DIGEST])
    values_of = driver.record_values({"provider_id": "provider", "platform_id": "platform"}, nested)
    values = {cid: values_of(c.__dict__) for cid, c in credential_recs.items()}
    digests = {cid: content_digest(values[cid], skills[cid]) for cid in credential_recs}
    plan = _plan_credentials(session, rows, skills, digests)
    if not dry_run:
        _write_credentials(session, rows, skills, digests, plan, driver, values, on_batch)
    return p_counts, plan.counts
