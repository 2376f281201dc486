"""The catalogue store: SQLite by default, PostgreSQL (or any SQLAlchemy URL) in production.

Every write goes through :meth:`CatalogStore.replace_records`, one transaction per call, so an import
either lands whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from pydantic.fields import SHAPE_LIST
from sqlalchemy import create_engine, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from catalog.catalogue.import_report import WriteCounts
from catalog.catalogue.migrations import migrate
from catalog.catalogue.records import CredentialRecord, ProviderRecord
from catalog.catalogue.schema import CatalogVersionRow, CredentialRow, CredentialSkillRow, ProviderRow
from catalog.catalogue.store_writes import write_records

PROJECT_DIR = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_PATH = PROJECT_DIR / "var" / "catalog.db"
CREDENTIAL_FIELDS = [f for f in CredentialRecord.__fields__ if f not in ("provider", "platform", "skills")]
LIST_FIELDS = [f for f in CREDENTIAL_FIELDS if CredentialRecord.__fields__[f].shape == SHAPE_LIST]
SQLITE_WRITE_CACHE_KIB = 256 * 1024  # a bound, not an allocation: the database of 50,000 credentials is 64 MB


def default_database_url() -> str:
    """``CATALOG_DB_URL`` when set, else an SQLite file in ``var/``."""
    url = os.environ.get("CATALOG_DB_URL")
    if url:
        return url
    DEFAULT_SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def _enable_sqlite_foreign_keys(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # pragma: no cover - driver callback
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


class CatalogStore:
    """Reads and writes providers and credentials as validated records."""

    def __init__(self, url: str | None = None, echo: bool = False) -> None:
        self.url = url or default_database_url()
        self.engine = create_engine(self.url, echo=echo, future=True, pool_pre_ping=True)
        self.shown_url = self.engine.url.render_as_string(hide_password=True)  # for messages and logs
        _enable_sqlite_foreign_keys(self.engine)
        migrate(self.engine)
        self._sessions = sessionmaker(self.engine, future=True, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    # -- reads ----------------------------------------------------------------------------------------------
    def count(self) -> int:
        with self.session() as s:
            return s.execute(select(func.count()).select_from(CredentialRow)).scalar_one()

    def version(self) -> int:
        """Bumped by every write; 0 for a catalogue never written."""
        with self.session() as s:
            row = s.get(CatalogVersionRow, 1)
            return row.version if row else 0

    def provider_ids(self) -> set[str]:
        with self.session() as s:
            return set(s.execute(select(ProviderRow.id)).scalars())

    def credential_ids(self) -> set[str]:
        with self.session() as s:
            return set(s.execute(select(CredentialRow.id)).scalars())

    def providers(self) -> list[ProviderRecord]:
        with self.session() as s:
            rows = s.execute(select(ProviderRow).order_by(ProviderRow.id)).scalars()
            return [_provider_record(r) for r in rows]

    def credentials(self) -> list[CredentialRecord]:
        with self.session() as s:
            rows = s.execute(select(CredentialRow).order_by(CredentialRow.id)).scalars()
            return [_credential_record(r) for r in rows]

    def credential(self, credential_id: str) -> CredentialRecord | None:
        with self.session() as s:
            row = s.get(CredentialRow, credential_id)
            return _credential_record(row) if row else None

    def credentials_teaching(self, skill: str) -> list[CredentialRecord]:
        """Uses the skill index; for tools and tests (the recommender keeps its own in-memory index)."""
        with self.session() as s:
            stmt = (
                select(CredentialRow)
                .join(CredentialSkillRow)
                .where(CredentialSkillRow.skill == skill)
                .order_by(CredentialRow.id)
            )
            return [_credential_record(r) for r in s.execute(stmt).scalars()]

    def snapshot(self) -> tuple[list[ProviderRecord], list[CredentialRecord]]:
        return self.providers(), self.credentials()

    # -- writes ---------------------------------------------------------------------------------------------
    def replace_records(
        self,
        providers: Iterable[ProviderRecord],
        credentials: Iterable[CredentialRecord],
        progress: Any | None = None,
    ) -> tuple[int, int]:
        """Insert or update (by id) in ONE transaction; any failure rolls everything back.

        Returns the numbers of providers and credentials given (written or found unchanged); the counts by
        outcome are :meth:`write_records`'.
        """
        providers, credentials = list(providers), list(credentials)
        self.write_records(providers, credentials, progress=progress)
        return len({p.id for p in providers}), len({c.id for c in credentials})

    def write_records(
        self,
        providers: Iterable[ProviderRecord],
        credentials: Iterable[CredentialRecord],
        progress: Any | None = None,
        dry_run: bool = False,
    ) -> tuple[WriteCounts, WriteCounts]:
        """Create, update or leave unchanged each record by id, in bulk and in ONE transaction that also
        bumps the version; ``dry_run`` compares with what is stored and writes nothing. ``progress`` is
        anything with ``update(n)`` (a tqdm bar). Returns the (providers, credentials) counts."""
        on_batch = progress.update if progress is not None and hasattr(progress, "update") else None
        with self.session() as s:
            if dry_run:  # reads only; closing the session ends its transaction
                return write_records(s, providers, credentials, CREDENTIAL_FIELDS, dry_run=True)
            with s.begin(), _bulk_write_cache(s):
                counts = write_records(s, providers, credentials, CREDENTIAL_FIELDS, on_batch=on_batch)
                _bump_version(s)
        return counts

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def _bulk_write_cache(s: Session) -> Iterator[None]:
    """On SQLite, a page cache that holds a whole import's changes for the length of its transaction.

    With the default 2 MB, an import of 50,000 credentials spills changed pages to the database file
    before it commits: that costs time (0.5-1 s of a 7 s write, measured), and writing the file takes an
    exclusive lock, so readers (the action server checking the version) wait for the rest of the import
    instead of reading the catalogue as it was. The cache is memory the connection takes only as it needs
    it; the setting is the connection's own, and put back afterwards. Nothing about durability changes:
    the journal and ``synchronous`` are left as they are.
    """
    connection = s.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size = {-SQLITE_WRITE_CACHE_KIB}")
    try:
        yield
    finally:
        with suppress(SQLAlchemyError):  # a connection that cannot take it back gets a larger cache, nothing worse
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


def _bump_version(s: Session) -> None:
    row = s.get(CatalogVersionRow, 1, with_for_update=True)
    if row is None:
        s.add(CatalogVersionRow(id=1, version=1, changed_at=dt.datetime.now(dt.timezone.utc)))
    else:
        row.version += 1
        row.changed_at = dt.datetime.now(dt.timezone.utc)


# -- conversions ------------------------------------------------------------------------------------------------
def _provider_record(r: ProviderRow) -> ProviderRecord:
    data = {f: getattr(r, f) for f in ProviderRecord.__fields__}
    data["accreditation"] = list(data["accreditation"] or [])
    return ProviderRecord(**data)


def _credential_record(r: CredentialRow) -> CredentialRecord:
    data = {f: getattr(r, f) for f in CREDENTIAL_FIELDS}
    for key in LIST_FIELDS:
        data[key] = list(data[key] or [])
    return CredentialRecord(
        provider=r.provider_id, platform=r.platform_id, skills=[s.skill for s in r.skills], **data
    )
