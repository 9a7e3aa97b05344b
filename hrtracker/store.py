"""The only module that speaks SQL: open and migrate the database, write documents with their
incidents atomically, and answer the queries that reports, summaries and exports need."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from .models import EXPORT_FIELDS, Document, Incident

INCIDENT_COLUMNS: tuple[str, ...] = tuple(f for f in EXPORT_FIELDS if f not in ("source", "published"))


class StoreError(Exception):
    """A database problem the user can act on (newer schema, unreadable file)."""


def _migration_steps() -> list[tuple[str, str]]:
    """(name, sql) for every numbered file in the migrations package, in order."""
    try:
        folder = resources.files("hrtracker.migrations")
    except ModuleNotFoundError:
        # Running from a source checkout that is not installed: the top-level folder.
        folder = Path(__file__).resolve().parent.parent / "migrations"  # type: ignore[assignment]
    steps = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            steps.append((entry.name.removesuffix(".sql"), entry.read_text(encoding="utf-8")))
    return sorted(steps)


def _statements(sql: str) -> Iterator[str]:
    """Split a migration script into statements (sqlite3.complete_statement knows the grammar)."""
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            buffer = ""
            if statement.strip(";").strip():
                yield statement
    if buffer.strip() and not all(
        ln.strip().startswith("--") or not ln.strip() for ln in buffer.splitlines()
    ):
        raise ValueError(f"incomplete SQL statement in migration: {buffer[:60]!r}")


def build_migrations(upto: str | None = None) -> Migrations:
    """The project's migration set; `upto` stops after the named step (used by upgrade tests)."""
    migrations = Migrations("hrtracker")
    for name, sql in _migration_steps():

        def step(db: sqlite_utils.Database, _sql: str = sql) -> None:
            for statement in _statements(_sql):
                db.conn.execute(statement)

        migrations(name=name)(step)
        if name == upto:
            break
    return migrations


def now_iso() -> str:
    """UTC timestamp with microseconds, sortable as text."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Store:
    """A migrated hrtracker database."""

    def __init__(self, path: str | Path, *, migrate: bool = True, upto: str | None = None):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(str(path), timeout=60, isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 60000")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable SQLite database ({exc})") from exc
        del mode
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        if migrate:
            self._migrate(upto)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction, taken IMMEDIATE so concurrent writers queue on busy_timeout
        instead of failing with 'database is locked' when a read upgrades to a write."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def _migrate(self, upto: str | None) -> None:
        migrations = build_migrations(upto)
        known = {name for name, _ in _migration_steps()}
        try:
            applied = migrations.applied(self.db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable SQLite database ({exc})") from exc
        unknown = [m.name for m in applied if m.name not in known]
        if unknown:
            raise StoreError(
                f"{self.path} was written by a newer hrtracker (schema step {unknown[-1]}); "
                "upgrade hrtracker to use it"
            )
        if not migrations.pending(self.db):
            return
        # Two first runs at once must not both create the tables: hold the write lock while
        # checking and applying (sqlite-utils nests its per-step transactions as savepoints).
        with self.write():
            migrations.apply(self.db)

    def schema_steps(self) -> list[str]:
        return [m.name for m in build_migrations().applied(self.db)]

    # -- documents and incidents ---------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM documents WHERE id = ?", [document_id]).fetchone()
        return row is not None

    def add_documents(
        self,
        batch: Iterable[tuple[Document, list[Incident]]],
        run_id: int | None = None,
        extractor_version: str | None = None,
    ) -> list[tuple[bool, int]]:
        """Store documents with their incidents in one transaction. A document already stored
        (same id) is left as it is with its incidents. Returns (is_new, incidents_added) each."""
        results: list[tuple[bool, int]] = []
        stamp = now_iso()
        with self.write():
            for document, incidents in batch:
                cursor = self.conn.execute(
                    "INSERT OR IGNORE INTO documents"
                    " (id, source, title, url, outlet, published, format, text, ingested_at, run_id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        document.id,
                        document.source,
                        document.title,
                        document.url,
                        document.outlet,
                        document.published,
                        document.format,
                        document.text,
                        stamp,
                        run_id,
                    ],
                )
                if cursor.rowcount == 0:
                    results.append((False, 0))
                    continue
                self._insert_incidents(incidents, stamp, extractor_version)
                results.append((True, len(incidents)))
        return results

    def _insert_incidents(
        self, incidents: list[Incident], stamp: str, extractor_version: str | None
    ) -> None:
        columns = (*INCIDENT_COLUMNS, "created_at", "extractor_version")
        sql = (
            f"INSERT OR REPLACE INTO incidents ({', '.join(columns)})"
            f" VALUES ({', '.join('?' for _ in columns)})"
        )
        rows = []
        for incident in incidents:
            record = incident.model_dump()
            record["rules"] = json.dumps(record["rules"])
            rows.append([*(record[c] for c in INCIDENT_COLUMNS), stamp, extractor_version])
        self.conn.executemany(sql, rows)

    # -- runs and state --------------------------------------------------------------------

    def start_run(self) -> int:
        with self.write():
            cursor = self.conn.execute("INSERT INTO runs (started_at) VALUES (?)", [now_iso()])
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, **counts: int) -> None:
        allowed = {"files_seen", "documents_new", "documents_existing", "failed", "incidents_added"}
        sets = ", ".join(f"{key} = ?" for key in counts if key in allowed)
        values = [v for k, v in counts.items() if k in allowed]
        with self.write():
            self.conn.execute(
                f"UPDATE runs SET ended_at = ?{', ' + sets if sets else ''} WHERE id = ?",
                [now_iso(), *values, run_id],
            )

    def runs(self, limit: int = 50) -> list[dict[str, Any]]:
        cursor = self.conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", [limit])
        return _dicts(cursor)

    def get_state(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM state WHERE key = ?", [key]).fetchone()
        return None if row is None else row[0]

    def set_state(self, key: str, value: str) -> None:
        with self.write():
            self.conn.execute(
                "INSERT INTO state (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    # -- queries -----------------------------------------------------------------------------

    _INCIDENT_SELECT = (
        "SELECT i.*, d.source AS source, d.published AS published, d.title AS document_title,"
        " d.url AS document_url, d.outlet AS outlet FROM incidents i"
        " JOIN documents d ON d.id = i.document_id"
    )

    def iter_incidents(
        self,
        country_code: str | None = None,
        since: str | None = None,
        until: str | None = None,
        created_after: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Incidents with their document's source and date, oldest first. `since`/`until` filter
        on the incident's period (falling back to the publication date); `created_after` on when
        the incident was stored."""
        where, params = [], []
        if country_code:
            where.append("i.country_code = ?")
            params.append(country_code)
        when = "COALESCE(i.period_end, i.period_start, d.published)"
        if since:
            where.append(f"{when} >= ?")
            params.append(since)
        if until:
            where.append(f"COALESCE(i.period_start, i.period_end, d.published) <= ?")
            params.append(until + "~")  # '~' sorts after digits and '-': a day stays inside
        if created_after:
            where.append("i.created_at > ?")
            params.append(created_after)
        sql = self._INCIDENT_SELECT
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY COALESCE(i.period_start, d.published), i.document_id, i.evidence_start"
        cursor = self.conn.execute(sql, params)
        names = [c[0] for c in cursor.description]
        for row in cursor:
            record = dict(zip(names, row))
            record["rules"] = json.loads(record["rules"] or "[]")
            yield record

    def country_totals(self) -> list[dict[str, Any]]:
        """One row per country: incidents by category, deaths stated, last incident date."""
        sql = """
            SELECT i.country, i.country_code,
                   COUNT(*) AS incidents,
                   SUM(i.category = 'protest_death') AS protest_deaths,
                   SUM(i.category = 'abuse') AS abuses,
                   SUM(i.category = 'accountability_call') AS calls,
                   MAX(COALESCE(i.period_end, i.period_start, d.published)) AS last_date
            FROM incidents i JOIN documents d ON d.id = i.document_id
            WHERE i.country_code IS NOT NULL
            GROUP BY i.country_code ORDER BY incidents DESC, i.country
        """
        return _dicts(self.conn.execute(sql))

    def document(self, document_id: str) -> dict[str, Any] | None:
        cursor = self.conn.execute("SELECT * FROM documents WHERE id = ?", [document_id])
        rows = _dicts(cursor)
        return rows[0] if rows else None

    def counts(self) -> dict[str, int]:
        documents = self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        incidents = self.conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0]
        return {"documents": documents, "incidents": incidents}

    def documents_added_after(self, stamp: str | None) -> int:
        if stamp is None:
            return int(self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        row = self.conn.execute(
            "SELECT COUNT(*) FROM documents WHERE ingested_at > ?", [stamp]
        ).fetchone()
        return int(row[0])


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
