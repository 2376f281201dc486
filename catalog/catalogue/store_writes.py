"""Writing validated records in bulk through SQLAlchemy Core, inside the caller's transaction.

An import of 50,000 listings must take seconds, not the minute that one ORM flush per row took, and a
re-import of the same file must not rewrite what did not change. So the rows already stored under the
incoming ids are read (by chunks of ids, or the whole table when the import is most of it) and compared
field by field: new ids are inserted, changed rows updated, and equal ones left alone, in executemany
batches. A changed credential's skills are deleted and inserted again (they are its ordered list). Inserts
hand the compiled statement to the driver's own bulk path (see ``_insert_many``). Columns come from the
records' own fields, never from a list kept here, so a field added to the records and the schema is written
without touching this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import Any

from pydantic import BaseModel
from sqlalchemy import JSON, Table, Text, bindparam, cast, delete, func, insert, select, update
from sqlalchemy.orm import Session

from catalog.catalogue.import_report import WriteCounts
from catalog.catalogue.records import CredentialRecord, ProviderRecord
from catalog.catalogue.schema import CredentialRow, CredentialSkillRow, ProviderRow

BATCH = 1000  # rows per executemany
CHUNK = 500  # ids per "IN (...)" when reading what is stored

PROVIDERS: Table = ProviderRow.__table__
CREDENTIALS: Table = CredentialRow.__table__
SKILLS: Table = CredentialSkillRow.__table__


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
    row = dict(c.__dict__)
    for f in set(row).difference(fields):  # provider, platform and skills live elsewhere
        del row[f]
    for f in nested:
        row[f] = _plain(row[f])
    row["provider_id"], row["platform_id"] = c.provider, c.platform
    return row


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


def _stored_skills(session: Session, ids: Sequence[str]) -> dict[str, list[str]]:
    """The stored skills of ``ids``, in order."""
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
          serialisers: dict[str, Callable[[Any], Any]], other_change: Callable[[str], bool] = lambda _id: False,
          ) -> tuple[WriteCounts, list[str], list[str]]:
    """Which ids are new and which changed (``other_change``: a change outside the row, e.g. its skills)."""
    created = [i for i in rows if i not in stored]
    changed = [i for i in rows if i in stored and (other_change(i) or not _same(rows[i], stored[i], serialisers))]
    counts = WriteCounts(created=len(created), updated=len(changed),
                         unchanged=len(rows) - len(created) - len(changed))
    return counts, created, changed


def _with_empty_list(processor: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """The processor, with its result for [] computed once (most list columns are empty)."""
    if processor is None:
        return None
    try:
        empty = processor([])
    except Exception:  # noqa: BLE001 - not a list column
        return processor
    return lambda value: empty if value == [] else processor(value)


def _insert_many(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """A Core ``insert`` of many rows, its values converted by each column's own bind processor (JSON,
    dates), handed to the driver's bulk path: SQLite's executemany, psycopg2's execute_values. SQLAlchemy's
    own executemany builds and processes a parameter dict per row, which costs more than the database's
    insert itself; any other driver keeps that path."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite" and dialect.driver != "psycopg2":
        session.execute(insert(table), list(rows))
        return
    keys = list(rows[0])
    if dialect.name == "sqlite":
        compiled = insert(table).compile(dialect=dialect, column_keys=keys)
        keys = list(compiled.positiontup)  # its qmark parameters, in the table's column order
    values_of = itemgetter(*keys) if len(keys) > 1 else (lambda row: (row[keys[0]],))
    converted = [(i, proc) for i, name in enumerate(keys)
                 if (proc := _with_empty_list(table.c[name].type.bind_processor(dialect))) is not None]
    params = []
    for row in rows:
        values = list(values_of(row))
        for i, proc in converted:
            if values[i] is not None:
                values[i] = proc(values[i])
        params.append(tuple(values))
    if dialect.name == "sqlite":
        connection.exec_driver_sql(compiled.string, params)
        return
    from psycopg2.extras import execute_values  # the driver's multi-row VALUES, as SQLAlchemy uses it

    quote = dialect.identifier_preparer
    sql = (f"INSERT INTO {quote.format_table(table)} ({', '.join(quote.format_column(table.c[k]) for k in keys)}) "
           "VALUES %s")
    with connection.connection.cursor() as cursor:  # the session's own connection and transaction
        execute_values(cursor, sql, params, page_size=BATCH)


def _write(session: Session, table: Table, rows: dict[str, dict[str, Any]], created: list[str],
           changed: list[str], on_batch: Callable[[int], None] | None = None) -> None:
    for batch in _batches(created, BATCH * 5):
        _insert_many(session, table, [rows[i] for i in batch])
        if on_batch:
            on_batch(len(batch))
    if changed:
        stmt = update(table).where(table.c.id == bindparam("_id"))
        for batch in _batches(changed):
            params = [{"_id": i, **{k: v for k, v in rows[i].items() if k != "id"}} for i in batch]
            session.execute(stmt, params)
            if on_batch:
                on_batch(len(batch))


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
    credential_recs = {c.id: c for c in credentials}
    nested = _nested_fields(CredentialRecord) & set(credential_fields)
    credential_rows = {cid: credential_values(c, credential_fields, nested) for cid, c in credential_recs.items()}
    skills = {cid: list(dict.fromkeys(c.skills)) for cid, c in credential_recs.items()}

    p_counts, p_created, p_changed = _plan(provider_rows, _stored(session, PROVIDERS, list(provider_rows)),
                                           _json_serialisers(session, PROVIDERS))
    stored = _stored(session, CREDENTIALS, list(credential_rows))
    stored_skills = _stored_skills(session, [i for i in credential_rows if i in stored])
    c_counts, c_created, c_changed = _plan(credential_rows, stored, _json_serialisers(session, CREDENTIALS),
                                           lambda i: skills[i] != stored_skills.get(i, []))
    if dry_run:
        return p_counts, c_counts

    _write(session, PROVIDERS, provider_rows, p_created, p_changed)
    for batch in _batches(c_changed, CHUNK):
        session.execute(delete(SKILLS).where(SKILLS.c.credential_id.in_(batch)))
    _write(session, CREDENTIALS, credential_rows, c_created, c_changed, on_batch)
    skill_rows = [{"credential_id": i, "skill": s, "position": n}
                  for i in (*c_created, *c_changed) for n, s in enumerate(skills[i])]
    for batch in _batches(skill_rows, BATCH * 20):
        _insert_many(session, SKILLS, batch)
    if on_batch and c_counts.unchanged:
        on_batch(c_counts.unchanged)
    return p_counts, c_counts
