"""Versioned schema changes for the catalogue database, applied at start-up.

``create_all`` makes a new database in the current shape but never changes an existing one, so each
change of shape after the first release is a numbered step here. ``catalog_schema`` records the steps a
database has had; a database made before that table existed is at version 1 (the first release's
tables). Steps are idempotent, so one interrupted half-way is simply run again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import insert, inspect, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from catalog.catalogue.schema import Base, CatalogSchemaRow

schema_table = CatalogSchemaRow.__table__


def _v1(conn: Connection) -> None:
    """The first release's tables (the shape before the CTDL relations)."""


def _v2(conn: Connection) -> None:
    """CTDL relations and entry requirements: ``stacks_into`` becomes ``is_part_of``; ``roles``,
    ``has_part``, ``is_preparation_for`` and ``entry_requirements`` are added as JSON lists, and a
    provider's stated subscription price as three columns."""
    columns = {c["name"] for c in inspect(conn).get_columns("credentials")}
    if "stacks_into" in columns and "is_part_of" not in columns:
        conn.execute(text("ALTER TABLE credentials RENAME COLUMN stacks_into TO is_part_of"))
        columns = (columns - {"stacks_into"}) | {"is_part_of"}
    for name in ("roles", "is_part_of", "has_part", "is_preparation_for", "entry_requirements"):
        if name not in columns:
            conn.execute(text(f"ALTER TABLE credentials ADD COLUMN {name} JSON NOT NULL DEFAULT '[]'"))
    provider_columns = {c["name"] for c in inspect(conn).get_columns("providers")}
    for name, kind in (("subscription_monthly", "FLOAT"), ("subscription_currency", "VARCHAR(3)"),
                       ("subscription_source", "TEXT")):
        if name not in provider_columns:
            conn.execute(text(f"ALTER TABLE providers ADD COLUMN {name} {kind}"))


def _v3(conn: Connection) -> None:
    """``content_hash``: the digest a re-import compares instead of every stored row. Rows stored before
    it have none (NULL) and are compared field by field once, then given theirs."""
    columns = {c["name"] for c in inspect(conn).get_columns("credentials")}
    if "content_hash" not in columns:
        conn.execute(text("ALTER TABLE credentials ADD COLUMN content_hash VARCHAR(64)"))


MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2, _v3]


def migrate(engine: Engine) -> int:
    """Bring the database to the current version; returns it. Two processes starting on one new database
    at once both try; the one that loses the race (a table or version row the other just made) retries and
    finds the work done."""
    for attempt in range(5):
        try:
            return _migrate_once(engine)
        except (IntegrityError, OperationalError, ProgrammingError):
            if _applied(engine) == set(range(1, len(MIGRATIONS) + 1)):
                return len(MIGRATIONS)  # another process finished it meanwhile
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def _applied(engine: Engine) -> set[int]:
    try:
        with engine.connect() as conn:
            return set(conn.execute(select(schema_table.c.version)).scalars())
    except (OperationalError, ProgrammingError):
        return set()


def _migrate_once(engine: Engine) -> int:
    with engine.begin() as conn:
        existing = set(inspect(conn).get_table_names())
        fresh = "credentials" not in existing
        Base.metadata.create_all(conn)  # a fresh database gets the current shape, an old one its new tables
        done = set(conn.execute(select(schema_table.c.version)).scalars())
        if fresh and not done:
            done = set(range(1, len(MIGRATIONS) + 1))
            _record(conn, done)
            return len(MIGRATIONS)
        if not done:
            done = {1}
            _record(conn, done)
        for version, step in enumerate(MIGRATIONS, 1):
            if version not in done:
                step(conn)
                _record(conn, {version})
    return len(MIGRATIONS)


def _record(conn: Connection, versions: set[int]) -> None:
    stamp = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    for version in sorted(versions):
        conn.execute(insert(schema_table).values(version=version, applied_at=stamp))
