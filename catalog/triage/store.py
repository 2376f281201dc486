"""Triage cases, their history, and counsellor accounts, in SQLite (default) or PostgreSQL.

SQLAlchemy Core, and a versioned schema: each entry of ``MIGRATIONS`` runs once, in order, recorded in
``triage_schema``, so a database made by an older release is brought up to date at start-up.
Every state change is one conditional UPDATE (``... WHERE status = 'new'``), so two counsellors claiming
the same case at once cannot both win.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine

PROJECT_DIR = Path(__file__).resolve().parents[2]
OPEN = ("new", "claimed")

metadata = MetaData()
schema_table = Table("triage_schema", metadata, Column("version", Integer, primary_key=True),
                     Column("applied_at", DateTime(timezone=True)))
cases = Table(
    "triage_cases", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("channel", String(40)),
    Column("status", String(20), nullable=False, default="new", index=True),
    Column("priority", Integer, nullable=False),
    Column("reason", String(40), nullable=False),
    Column("rule", Text, nullable=False),
    Column("summary", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("claimed_by", String(120)),
    Column("claimed_at", DateTime(timezone=True)),
    Column("resolved_by", String(120)),
    Column("resolved_at", DateTime(timezone=True)),
    Column("resolution", Text),
)
case_log = Table(
    "triage_case_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("triage_cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(120), nullable=False),  # a counsellor's username, "learner" or "assistant"
    Column("action", String(40), nullable=False),  # opened, added, claimed, replied, handed_back, resolved
    Column("text", Text),
)
counsellors = Table(
    "counsellors", metadata,
    Column("username", String(120), primary_key=True),
    Column("display_name", String(200), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


def _v1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[cases, case_log, counsellors])


MIGRATIONS: list[Callable[[Connection], None]] = [_v1]


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def default_cases_url() -> str:
    url = os.environ.get("CASES_DB_URL")
    if url:
        return url
    (PROJECT_DIR / "var").mkdir(exist_ok=True)
    return f"sqlite:///{PROJECT_DIR / 'var' / 'cases.db'}"


@dataclass
class Claim:
    won: bool
    holder: str | None  # who has the case now


class CaseStore:
    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_cases_url()
        self.engine: Engine = create_engine(self.url, future=True, pool_pre_ping=True)
        self.shown_url = self.engine.url.render_as_string(hide_password=True)  # for messages and logs
        self.migrate()

    def migrate(self) -> int:
        """Apply the migrations not yet recorded; returns the schema version."""
        with self.engine.begin() as conn:
            schema_table.create(conn, checkfirst=True)
            done = set(conn.execute(select(schema_table.c.version)).scalars())
            for version, step in enumerate(MIGRATIONS, 1):
                if version not in done:
                    step(conn)
                    conn.execute(insert(schema_table).values(version=version, applied_at=now()))
        return len(MIGRATIONS)

    def dispose(self) -> None:
        self.engine.dispose()

    # -- cases ------------------------------------------------------------------------------------------
    def open_or_add(self, sender_id: str, channel: str | None, priority: int, reason: str, rule: str,
                    summary: dict[str, Any], message: str | None) -> tuple[int, bool]:
        """The sender's open case with this enquiry added (its priority raised if this one is more urgent),
        or a new case; returns (case id, whether it is new)."""
        with self.engine.begin() as conn:
            row = conn.execute(select(cases.c.id, cases.c.priority).where(cases.c.sender_id == sender_id,
                                                                          cases.c.status.in_(OPEN))
                               .order_by(cases.c.id.desc()).limit(1)).first()
            stamp = now()
            if row is not None:
                values: dict[str, Any] = {"updated_at": stamp, "summary": summary}
                if priority < row.priority:
                    values.update(priority=priority, reason=reason, rule=rule)
                conn.execute(update(cases).where(cases.c.id == row.id).values(**values))
                self._log(conn, row.id, "assistant", "added", f"{reason}: {message or ''}".strip())
                return row.id, False
            case_id = conn.execute(insert(cases).values(
                sender_id=sender_id, channel=channel, status="new", priority=priority, reason=reason, rule=rule,
                summary=summary, created_at=stamp, updated_at=stamp)).inserted_primary_key[0]
            self._log(conn, case_id, "assistant", "opened", f"{reason}: {message or ''}".strip())
            return case_id, True

    def queue(self, include_resolved: bool = False) -> list[dict[str, Any]]:
        """Open cases, most urgent first, then oldest first."""
        stmt = select(cases).order_by(cases.c.priority, cases.c.created_at, cases.c.id)
        if not include_resolved:
            stmt = stmt.where(cases.c.status.in_(OPEN))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def get(self, case_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(cases).where(cases.c.id == case_id)).first()
            if row is None:
                return None
            case = dict(row._mapping)
            case["log"] = [dict(r._mapping) for r in conn.execute(
                select(case_log).where(case_log.c.case_id == case_id).order_by(case_log.c.at, case_log.c.id))]
            return case

    def open_case_for(self, sender_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(cases).where(cases.c.sender_id == sender_id, cases.c.status.in_(OPEN))
                               .order_by(cases.c.id.desc()).limit(1)).first()
            return dict(row._mapping) if row else None

    def claim(self, case_id: int, counsellor: str) -> Claim:
        with self.engine.begin() as conn:
            won = conn.execute(update(cases).where(cases.c.id == case_id, cases.c.status == "new")
                               .values(status="claimed", claimed_by=counsellor, claimed_at=now(),
                                       updated_at=now())).rowcount == 1
            if won:
                self._log(conn, case_id, counsellor, "claimed", None)
            holder = conn.execute(select(cases.c.claimed_by).where(cases.c.id == case_id)).scalar()
        return Claim(won, holder)

    def record(self, case_id: int, counsellor: str, action: str, text: str | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(cases).where(cases.c.id == case_id).values(updated_at=now()))
            self._log(conn, case_id, counsellor, action, text)

    def resolve(self, case_id: int, counsellor: str, note: str) -> bool:
        with self.engine.begin() as conn:
            done = conn.execute(update(cases).where(cases.c.id == case_id, cases.c.status.in_(OPEN))
                                .values(status="resolved", resolved_by=counsellor, resolved_at=now(),
                                        resolution=note, updated_at=now())).rowcount == 1
            if done:
                self._log(conn, case_id, counsellor, "resolved", note)
        return done

    def forget_sender(self, sender_id: str) -> int:
        """Delete every case of a sender with its history; returns how many cases went."""
        with self.engine.begin() as conn:
            ids = list(conn.execute(select(cases.c.id).where(cases.c.sender_id == sender_id)).scalars())
            if ids:
                conn.execute(delete(case_log).where(case_log.c.case_id.in_(ids)))
                conn.execute(delete(cases).where(cases.c.id.in_(ids)))
            return len(ids)

    @staticmethod
    def _log(conn: Connection, case_id: int, actor: str, action: str, text: str | None) -> None:
        conn.execute(insert(case_log).values(case_id=case_id, at=now(), actor=actor, action=action, text=text))

    # -- counsellors ------------------------------------------------------------------------------------
    def add_counsellor(self, username: str, display_name: str, password_hash: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(counsellors).values(username=username, display_name=display_name,
                                                    password_hash=password_hash, created_at=now()))

    def counsellor(self, username: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(counsellors).where(counsellors.c.username == username)).first()
            return dict(row._mapping) if row else None

    def set_password_hash(self, username: str, password_hash: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(counsellors).where(counsellors.c.username == username)
                         .values(password_hash=password_hash))
