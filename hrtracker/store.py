"""The only module that speaks SQL: open and migrate the database, write documents with their
incidents atomically, and answer the queries that reports, summaries and exports need."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from .errors import StoreError, folder_reason
from .models import EXPORT_FIELDS, Document, Incident

INCIDENT_COLUMNS: tuple[str, ...] = tuple(f for f in EXPORT_FIELDS if f not in ("source", "published"))




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
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Store:
    """A migrated hrtracker database."""

    def __init__(self, path: str | Path, *, migrate: bool = True, upto: str | None = None):
        self.path = Path(path)
        if str(path) != ":memory:":
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path}: cannot create the folder for the database ({folder_reason(exc)})") from exc
        try:
            conn = sqlite3.connect(str(path), timeout=60, isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 60000")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable SQLite database ({exc})") from exc
        del mode
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        # INSERT OR REPLACE must fire the delete triggers that keep the FTS indexes in step.
        conn.execute("PRAGMA recursive_triggers = ON")
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
            # SQLite has already rolled back after some errors (a full disk, SQLITE_FULL): a
            # second ROLLBACK would fail and hide the error that matters.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error:  # the commit itself failed (a full disk): leave no transaction open
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

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
        include_rejected: bool = False,
        categories: tuple[str, ...] | None = None,
        with_events: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """Incidents with their document's source and date, oldest first. `since`/`until` filter
        on the incident's period (falling back to the publication date); `created_after` on when
        the incident was stored. Incidents a reviewer rejected are left out unless asked for.
        `categories` keeps those categories and every incident an analyst grouped or split (an
        analyst's event needs all its members). `with_events` adds `stored_event`, the id of the
        stored event each belongs to."""
        where, params = [], []
        if not include_rejected:
            where.append("i.review_status IS NOT 'rejected'")
        if categories is not None:
            marks = ", ".join("?" for _ in categories)
            # Written so SQLite can answer each side from an index (country+category, event_id).
            where.append(f"(i.category IN ({marks}) OR i.event_id IS NOT NULL)")
            params.extend(categories)
        if country_code:
            where.append("i.country_code = ?")
            params.append(country_code)
        when = "COALESCE(i.period_end, i.period_start, d.published)"
        if since:
            where.append(f"{when} >= ?")
            params.append(since)
        if until:
            where.append("COALESCE(i.period_start, i.period_end, d.published) <= ?")
            params.append(until + "~")  # '~' sorts after digits and '-': a day stays inside
        if created_after:
            where.append("i.created_at > ?")
            params.append(created_after)
        sql = self._INCIDENT_SELECT
        if with_events:
            sql = sql.replace(" FROM incidents i", ", m.event_id AS stored_event FROM incidents i", 1)
            sql += " LEFT JOIN event_members m ON m.incident_id = i.id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY COALESCE(i.period_start, d.published), i.document_id, i.evidence_start, i.rowid"
        cursor = self.conn.execute(sql, params)
        names = [c[0] for c in cursor.description]
        for row in cursor:
            record = dict(zip(names, row))
            record["rules"] = json.loads(record["rules"] or "[]")
            yield record

    # -- stored events (migration 004) ---------------------------------------------------------

    def stale_units(self) -> list[str]:
        """Grouping units whose stored events no longer match their incidents."""
        return [row[0] for row in self.conn.execute("SELECT unit FROM events_stale ORDER BY unit")]

    def stale_since(self, unit: str) -> str | None:
        """From which date the unit must be regrouped ('': all of it; None: it is not stale)."""
        row = self.conn.execute("SELECT since FROM events_stale WHERE unit = ?", [unit]).fetchone()
        return None if row is None else str(row[0])

    # What grouping reads: no evidence text, only its length (the lead's last tie-break).
    _UNIT_SELECT = (
        "SELECT i.rowid AS row_number, i.id, i.document_id, i.category, i.subtype, i.country_code, i.period_start, i.period_end,"
        " i.deaths_low, i.deaths_best, i.deaths_high, i.injured_low, i.injured_best, i.injured_high,"
        " i.arrested_low, i.arrested_best, i.arrested_high, i.perpetrator, i.caller, i.confidence,"
        " i.review_status, i.event_id, i.evidence_start, i.created_at, length(i.evidence) AS evidence_length,"
        " d.published AS published"
        " FROM incidents i JOIN documents d ON d.id = i.document_id"
    )

    @staticmethod
    def _unit_where(unit: str) -> tuple[str, list[Any]]:
        country, category, subtype = unit.split("|", 2)
        where = "i.country_code IS ? AND i.category = ? AND i.review_status IS NOT 'rejected'"
        params: list[Any] = [country or None, category]
        if category != "protest_death":
            where += " AND COALESCE(i.subtype, '') = ?"
            params.append(subtype)
        return where, params

    _GROUPING_ORDER = " ORDER BY COALESCE(i.period_start, d.published), i.document_id, i.evidence_start, i.rowid"

    def unit_incidents(self, unit: str, since: str | None = None) -> list[dict[str, Any]]:
        """The incidents of one grouping unit ('PER|abuse|torture'), rejected ones left out, in
        the order grouping expects (as iter_incidents); with `since`, only those dated (period
        start, else publication date) on or after it."""
        where, params = self._unit_where(unit)
        if since:
            where += " AND COALESCE(i.period_start, d.published) >= ?"
            params.append(since)
        return _dicts(self.conn.execute(f"{self._UNIT_SELECT} WHERE {where}{self._GROUPING_ORDER}", params))

    def unit_has_analyst_groups(self, unit: str) -> bool:
        """Whether an analyst merged or split any incident of the unit."""
        where, params = self._unit_where(unit)
        sql = f"SELECT 1 FROM incidents i WHERE i.event_id IS NOT NULL AND {where} LIMIT 1"
        return self.conn.execute(sql, params).fetchone() is not None

    def unit_events(self, unit: str) -> list[dict[str, Any]]:
        return _dicts(self.conn.execute("SELECT * FROM events WHERE unit = ?", [unit]))

    def member_incidents(self, event_ids: Iterable[str], before: str) -> list[dict[str, Any]]:
        """The incidents of these stored events dated before `before` (or not dated at all),
        light, each with `stored_event`, in grouping order."""
        sql = (
            self._UNIT_SELECT.replace(" FROM incidents i", ", m.event_id AS stored_event FROM incidents i", 1)
            + " JOIN event_members m ON m.incident_id = i.id"
            " WHERE m.event_id IN (SELECT value FROM json_each(?)) AND i.review_status IS NOT 'rejected'"
            " AND (COALESCE(i.period_start, d.published) IS NULL OR COALESCE(i.period_start, d.published) < ?)"
            + self._GROUPING_ORDER
        )
        return _dicts(self.conn.execute(sql, [json.dumps(list(event_ids)), before]))

    def update_unit_events(
        self,
        unit: str,
        events: list[dict[str, Any]],
        removed: list[str],
        members: list[tuple[str, str]],
        parts: list[tuple[str | None, str]],
    ) -> None:
        """Write a partial regrouping and mark the unit fresh: `events` rows to put in place,
        event ids `removed`, (incident id, event id) `members` to set, and (part_of, event id)
        for events whose only change is what they are part of."""
        self.conn.executemany("DELETE FROM events WHERE id = ?", [[i] for i in removed])
        if events:
            columns = list(events[0])
            self.conn.executemany(
                f"INSERT OR REPLACE INTO events ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                [[event[c] for c in columns] for event in events],
            )
        self.conn.executemany("INSERT OR REPLACE INTO event_members (incident_id, event_id) VALUES (?, ?)", members)
        self.conn.executemany("UPDATE events SET part_of = ? WHERE id = ?", parts)
        self.conn.execute("DELETE FROM events_stale WHERE unit = ?", [unit])

    def replace_unit_events(
        self, unit: str, events: list[dict[str, Any]], members: list[tuple[str, str]]
    ) -> None:
        """Put `events` (rows of the events table) and `members` ((incident id, event id)) in
        place of the unit's stored events and mark it fresh. Only what changed is written: a
        new source usually changes one event of thousands. Run inside a write transaction that
        also read the unit, so no incident can arrive in between."""
        old_events = {row["id"]: row for row in _dicts(self.conn.execute("SELECT * FROM events WHERE unit = ?", [unit]))}
        old_members = dict(
            self.conn.execute(
                "SELECT m.incident_id, m.event_id FROM event_members m JOIN events e ON e.id = m.event_id WHERE e.unit = ?",
                [unit],
            ).fetchall()
        )
        new_ids = {event["id"] for event in events}
        new_members = dict(members)
        self.conn.executemany("DELETE FROM events WHERE id = ?", [[i] for i in old_events if i not in new_ids])
        self.conn.executemany(
            "DELETE FROM event_members WHERE incident_id = ?", [[i] for i in old_members if i not in new_members]
        )
        changed = [event for event in events if old_events.get(event["id"]) != event]
        if changed:
            columns = list(changed[0])
            self.conn.executemany(
                f"INSERT OR REPLACE INTO events ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                [[event[c] for c in columns] for event in changed],
            )
        self.conn.executemany(
            "INSERT OR REPLACE INTO event_members (incident_id, event_id) VALUES (?, ?)",
            [(i, e) for i, e in new_members.items() if old_members.get(i) != e],
        )
        self.conn.execute("DELETE FROM events_stale WHERE unit = ?", [unit])

    def event_incidents(self, event_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The incidents (rejected ones left out) of these stored events, each with
        `stored_event`, in grouping order."""
        sql = (
            "SELECT i.*, m.event_id AS stored_event, d.source AS source, d.published AS published,"
            " d.title AS document_title, d.url AS document_url, d.outlet AS outlet"
            " FROM event_members m JOIN incidents i ON i.id = m.incident_id"
            " JOIN documents d ON d.id = i.document_id"
            " WHERE m.event_id IN (SELECT value FROM json_each(?)) AND i.review_status IS NOT 'rejected'"
            " ORDER BY COALESCE(i.period_start, d.published), i.document_id, i.evidence_start, i.rowid"
        )
        rows = _dicts(self.conn.execute(sql, [json.dumps(list(event_ids))]))
        for row in rows:
            row["rules"] = json.loads(row["rules"] or "[]")
        return rows

    def event_of(self, incident_id: str) -> dict[str, Any] | None:
        """The stored event an incident belongs to (None for a rejected one)."""
        rows = _dicts(
            self.conn.execute(
                "SELECT e.* FROM event_members m JOIN events e ON e.id = m.event_id WHERE m.incident_id = ?",
                [incident_id],
            )
        )
        return rows[0] if rows else None

    def stored_event_rows(self, event_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        cursor = self.conn.execute(
            "SELECT * FROM events WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(list(event_ids))]
        )
        return {row["id"]: row for row in _dicts(cursor)}

    _DEADLY = "(category = 'protest_death' OR subtype = 'killing')"

    def event_figures(self, country_code: str) -> dict[str, Any]:
        """A country's totals over its stored events, in one scan: events, incidents, the first
        and last date, and for deaths (deadly events), injured and arrested the sums report.Figure
        makes over the events that count (not part of a larger one) and state the figure."""
        parts = ["COUNT(*) AS events", "COALESCE(SUM(incidents), 0) AS incidents"]
        for prefix, where in (("deaths", self._DEADLY), ("injured", "1"), ("arrested", "1")):
            counted = f"part_of IS NULL AND {where} AND ({prefix}_low IS NOT NULL OR {prefix}_high IS NOT NULL)"
            parts += [
                f"COALESCE(SUM(COALESCE({prefix}_low, 0)) FILTER (WHERE {counted}), 0) AS {prefix}_low",
                f"COALESCE(SUM(COALESCE({prefix}_high, {prefix}_low, 0)) FILTER (WHERE {counted}), 0) AS {prefix}_high",
                f"COALESCE(MAX({prefix}_open) FILTER (WHERE {counted}), 0) AS {prefix}_open",
                f"COUNT(*) FILTER (WHERE {counted}) AS {prefix}_events",
                f"COALESCE(SUM(sources) FILTER (WHERE {counted}), 0) AS {prefix}_sources",
            ]
        dated = "span_start IS NOT NULL AND span_start != ''"
        parts += [
            f"MIN(span_start) FILTER (WHERE {dated}) AS first_start",
            f"MIN(span_end) FILTER (WHERE {dated}) AS first_end",
            f"MAX(span_start) FILTER (WHERE {dated}) AS last_start",
            f"MAX(span_end) FILTER (WHERE {dated}) AS last_end",
        ]
        sql = f"SELECT {', '.join(parts)} FROM events WHERE country_code = ?"
        return _dicts(self.conn.execute(sql, [country_code]))[0]

    def event_timeline(self, country_code: str) -> list[dict[str, Any]]:
        """Events per month of their start ('2023' when only the year is known, 'undated'), with
        the lowest stated deaths of the deadly events that count."""
        sql = f"""
            SELECT CASE WHEN span_start IS NULL OR span_start = '' THEN 'undated'
                        ELSE substr(span_start, 1, 7) END AS month,
                   COUNT(*) AS incidents,
                   COALESCE(SUM(COALESCE(deaths_low, 0)) FILTER (WHERE part_of IS NULL AND {self._DEADLY}), 0) AS deaths
            FROM events WHERE country_code = ? GROUP BY month
        """
        return _dicts(self.conn.execute(sql, [country_code]))

    def event_tables(self, country_code: str) -> dict[tuple[str, str | None], int]:
        """How many stored events a country has per (category, subtype)."""
        cursor = self.conn.execute(
            "SELECT category, subtype, COUNT(*) FROM events WHERE country_code = ? GROUP BY category, subtype",
            [country_code],
        )
        return {(category, subtype): count for category, subtype, count in cursor}

    _CREATION = "first_at, first_document, first_offset, first_row"

    def table_events(
        self, country_code: str, category: str, subtype: str | None = None, *, all_subtypes: bool = False,
        latest: int | None = None,
    ) -> list[dict[str, Any]]:  # fmt: skip
        """A country's stored events of one category (and subtype, unless `all_subtypes`), in
        order of creation; with `latest`, only the `latest` with the latest start (ties: the
        first created), latest first."""
        sql = "SELECT * FROM events WHERE country_code = ? AND category = ?"
        params: list[Any] = [country_code, category]
        if not all_subtypes:
            sql += " AND subtype IS ?"
            params.append(subtype)
        if latest is None:
            sql += f" ORDER BY {self._CREATION}"
        else:
            sql += f" ORDER BY span_start DESC, {self._CREATION} LIMIT ?"
            params.append(latest)
        return _dicts(self.conn.execute(sql, params))

    def new_events(self, since: str | None, until: str | None) -> list[dict[str, Any]]:
        """The stored events that gained incidents stored after `since` and up to `until`: their
        columns for sorting and `known`, whether one of their incidents was stored by `since` (a
        new source on a known event). Read from the events alone (`last_created`); an event
        also touched after `until` is checked incident by incident."""
        # Conditions only for the bounds given, so SQLite can range over events_touched.
        where = ["e.last_created > :since"] if since else []
        if until:
            where.append(
                "(e.last_created <= :until OR EXISTS (SELECT 1 FROM event_members m JOIN incidents i ON i.id = m.incident_id"
                " WHERE m.event_id = e.id AND (:since IS NULL OR i.created_at > :since) AND i.created_at <= :until"
                " AND i.review_status IS NOT 'rejected'))"
            )
        sql = (
            "SELECT e.id, e.country_code AS code, e.category, e.subtype, e.span_start,"
            " e.first_at, e.first_document, e.first_offset, e.first_row,"
            " :since IS NOT NULL AND e.first_created <= :since AS known FROM events e"
            + (" WHERE " + " AND ".join(where) if where else "")
        )
        return _dicts(self.conn.execute(sql, {"since": since, "until": until}))

    def incidents_added(self, since: str | None, until: str | None) -> int:
        """Incidents (not rejected) stored after `since` and up to `until`."""
        window = " AND ".join(
            (["created_at > :since"] if since else []) + (["created_at <= :until"] if until else [])
        ) or "1"
        bounds = {"since": since, "until": until}
        stored = self.conn.execute(f"SELECT COUNT(*) FROM incidents WHERE {window}", bounds).fetchone()[0]
        rejected = self.conn.execute(
            f"SELECT COUNT(*) FROM incidents WHERE review_status = 'rejected' AND {window}", bounds
        ).fetchone()[0]
        return int(stored) - int(rejected)

    def country_name(self, country_code: str) -> str | None:
        row = self.conn.execute(
            "SELECT country FROM incidents WHERE country_code = ? AND country IS NOT NULL LIMIT 1", [country_code]
        ).fetchone()
        return None if row is None else str(row[0])

    def country_sources(self, country_code: str) -> int:
        """Distinct documents with a (not rejected) incident in the country."""
        row = self.conn.execute(
            "SELECT COUNT(DISTINCT document_id) FROM incidents"
            " WHERE country_code = ? AND review_status IS NOT 'rejected'",
            [country_code],
        ).fetchone()
        return int(row[0])

    def death_totals(self) -> dict[str, dict[str, int]]:
        """Per country, the deadly stored events that count (not part of a larger one) summed as
        report.Figure sums them: lows, highs (a missing high is the low), open-ended, events."""
        sql = """
            SELECT country_code, SUM(COALESCE(deaths_low, 0)) AS low,
                   SUM(COALESCE(deaths_high, deaths_low, 0)) AS high,
                   MAX(deaths_open) AS open_ended, COUNT(*) AS events, SUM(sources) AS sources
            FROM events
            WHERE category = 'protest_death' AND part_of IS NULL AND country_code IS NOT NULL
              AND (deaths_low IS NOT NULL OR deaths_high IS NOT NULL)
            GROUP BY country_code
        """
        return {row["country_code"]: row for row in _dicts(self.conn.execute(sql))}

    def country_totals(self) -> list[dict[str, Any]]:
        """One row per country: incidents by category, deaths stated, last incident date; the
        most incidents first. Read from the covering index incidents_totals (migration 004): the
        documents are looked up only for undated incidents, in a second query."""
        kept = "country_code IS NOT NULL AND review_status IS NOT 'rejected'"
        sql = f"""
            SELECT country_code, COUNT(*) AS incidents,
                   SUM(category = 'protest_death') AS protest_deaths,
                   SUM(category = 'abuse') AS abuses,
                   SUM(category = 'accountability_call') AS calls,
                   MAX(COALESCE(period_end, period_start)) AS last_date
            FROM incidents WHERE {kept} GROUP BY country_code
        """
        rows = _dicts(self.conn.execute(sql))
        undated = self.conn.execute(
            "SELECT i.country_code, MAX(d.published) FROM incidents i JOIN documents d ON d.id = i.document_id"
            f" WHERE i.{kept.replace(' AND ', ' AND i.')} AND i.period_end IS NULL AND i.period_start IS NULL"
            " GROUP BY i.country_code"
        )
        published = dict(undated.fetchall())
        for row in rows:
            dates = [d for d in (row["last_date"], published.get(row["country_code"])) if d]
            row["last_date"] = max(dates) if dates else None
            row["country"] = self.country_name(row["country_code"])
        rows.sort(key=lambda row: (-row["incidents"], row["country"] or ""))
        return [{"country": row.pop("country"), **row} for row in rows]

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

    # -- search and human review (migration 003) ----------------------------------------------

    def search(
        self, query: str, country_code: str | None = None, limit: int = 20
    ) -> list[dict[str, Any]]:
        """Full-text search over document titles and texts and incident evidence, best first.
        Each row has `kind` ('incident' or 'document'), where it came from, a plain-text
        `snippet` and its `highlights` as [start, end] offsets. With a country, incidents of that
        country and documents holding one. A query FTS5 cannot parse raises StoreError."""
        if not query.strip():
            raise StoreError("search needs at least one word")
        incident_filter = document_filter = ""
        country: list[Any] = [country_code] if country_code else []
        if country_code:
            incident_filter = " AND i.country_code = ?"
            document_filter = (
                " AND EXISTS (SELECT 1 FROM incidents c WHERE c.document_id = d.id"
                " AND c.country_code = ? AND c.review_status IS NOT 'rejected')"
            )
        sql = f"""
            SELECT * FROM (
                SELECT 'incident' AS kind, i.id AS incident_id, i.document_id, d.source, d.title,
                       d.published, i.country, i.category, i.subtype, i.review_status,
                       snippet(incidents_fts, 0, ?, ?, '…', 32) AS snippet,
                       bm25(incidents_fts) AS rank
                FROM incidents_fts
                JOIN incidents i ON i.rowid = incidents_fts.rowid
                JOIN documents d ON d.id = i.document_id
                WHERE incidents_fts MATCH ?{incident_filter}
                UNION ALL
                SELECT 'document', NULL, d.id, d.source, d.title, d.published,
                       (SELECT group_concat(country, '; ') FROM (
                            SELECT DISTINCT c.country FROM incidents c WHERE c.document_id = d.id
                            AND c.country IS NOT NULL AND c.review_status IS NOT 'rejected')),
                       NULL, NULL, NULL,
                       snippet(documents_fts, -1, ?, ?, '…', 24),
                       bm25(documents_fts, 4.0, 1.0)
                FROM documents_fts
                JOIN documents d ON d.rowid = documents_fts.rowid
                WHERE documents_fts MATCH ?{document_filter}
            ) ORDER BY rank LIMIT ?
        """
        params = [_MARK_OPEN, _MARK_CLOSE, query, *country, _MARK_OPEN, _MARK_CLOSE, query, *country, limit]
        try:
            rows = _dicts(self.conn.execute(sql, params))
        except sqlite3.OperationalError as exc:
            message = str(exc)
            if not message.startswith(_FTS_QUERY_ERRORS):
                raise
            hint = f"; quote words with punctuation: '\"{query}\"'" if '"' not in query else ""
            raise StoreError(f"cannot search for '{query}': {message}{hint}") from None
        for row in rows:
            row["snippet"], row["highlights"] = _split_marks(row["snippet"] or "")
        return rows

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        """One incident (rejected ones too) with its document's source, title and date."""
        cursor = self.conn.execute(self._INCIDENT_SELECT + " WHERE i.id = ?", [incident_id])
        rows = _dicts(cursor)
        if not rows:
            return None
        rows[0]["rules"] = json.loads(rows[0]["rules"] or "[]")
        return rows[0]

    def corrections(self, incident_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The corrections recorded for these incidents, oldest first."""
        cursor = self.conn.execute(
            "SELECT * FROM corrections WHERE incident_id IN (SELECT value FROM json_each(?))"
            " ORDER BY id",
            [json.dumps(list(incident_ids))],
        )
        return _dicts(cursor)

    def add_correction(
        self,
        incident_id: str,
        action: str,
        field: str | None = None,
        old_value: Any = None,
        new_value: Any = None,
        reason: str | None = None,
        created_at: str | None = None,
    ) -> int:
        """Record one correction (in the caller's transaction when there is one)."""
        cursor = self.conn.execute(
            "INSERT INTO corrections"
            " (incident_id, action, field, old_value, new_value, reason, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [incident_id, action, field, old_value, new_value, reason, created_at or now_iso()],
        )
        return int(cursor.lastrowid or 0)

    def set_review_status(self, incident_id: str, status: str | None) -> None:
        self.conn.execute(
            "UPDATE incidents SET review_status = ? WHERE id = ?", [status, incident_id]
        )

    def update_incident_field(self, incident_id: str, field: str, value: Any) -> None:
        """Set one editable column (the name is checked: it cannot be a SQL parameter)."""
        from .review import EDITABLE_FIELDS

        if field not in (*EDITABLE_FIELDS, "event_id"):
            raise StoreError(f"{field} cannot be edited")
        self.conn.execute(f"UPDATE incidents SET {field} = ? WHERE id = ?", [value, incident_id])

    def review_incident(
        self,
        incident_id: str,
        action: str,
        changes: dict[str, Any] | None = None,
        reason: str | None = None,
    ) -> list[dict[str, Any]]:
        """Confirm, reject or edit an incident in one transaction, recording every change with
        its old and new value. Edits are checked against the vocabularies first (ReviewError).
        Returns the corrections recorded (none when an edit changes nothing)."""
        from .review import check_record, status_after

        with self.write():
            current = self.incident(incident_id)
            if current is None:
                raise StoreError(f"no incident with id '{incident_id}'")
            stamp = now_iso()
            recorded: list[dict[str, Any]] = []
            if action == "edit":
                edits = {k: v for k, v in (changes or {}).items() if current.get(k) != v}
                if not edits:
                    return []
                check_record({**current, **edits})
                for field, value in edits.items():
                    self.add_correction(
                        incident_id, "edit", field, current.get(field), value, reason, stamp
                    )
                    self.update_incident_field(incident_id, field, value)
                    recorded.append({"field": field, "old_value": current.get(field), "new_value": value})
            status = status_after(current.get("review_status"), action)
            if action in ("confirm", "reject"):
                self.add_correction(
                    incident_id, action, "review_status", current.get("review_status"), status, reason, stamp
                )
                recorded.append(
                    {"field": "review_status", "old_value": current.get("review_status"), "new_value": status}
                )
            if status != current.get("review_status"):
                self.set_review_status(incident_id, status)
            for item in recorded:
                item.update(action=action, reason=reason, created_at=stamp)
        return recorded

    def document_ids(self) -> list[str]:
        """Every stored document's id, in storage order."""
        return [row[0] for row in self.conn.execute("SELECT id FROM documents ORDER BY rowid")]

    def documents_by_id(self, document_ids: list[str]) -> list[Document]:
        """Stored documents rebuilt as the extractor's input, in the order asked for."""
        cursor = self.conn.execute(
            "SELECT id, source, text, title, url, outlet, published, format FROM documents"
            " WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(document_ids)],
        )
        found = {}
        for row in _dicts(cursor):
            found[row["id"]] = Document(**{k: v for k, v in row.items() if v is not None})
        return [found[i] for i in document_ids if i in found]

    def replace_incidents(
        self, batch: Iterable[tuple[str, list[Incident]]], extractor_version: str | None
    ) -> dict[str, int]:
        """Put freshly extracted incidents in place of each document's machine records, in one
        transaction. Human corrections survive: a re-extracted record with a known id gets its
        corrections replayed (rejected stays rejected, edited fields take the human value); a
        reviewed record the extractor no longer finds is kept; the others are removed."""
        from .review import apply_corrections

        tally = dict.fromkeys(
            ("new", "changed", "unchanged", "removed", "kept_reviewed", "corrections_reapplied"), 0
        )
        compared = (*INCIDENT_COLUMNS, "review_status", "event_id")
        stamp = now_iso()
        with self.write():
            for document_id, incidents in batch:
                cursor = self.conn.execute("SELECT * FROM incidents WHERE document_id = ?", [document_id])
                old = {row["id"]: row for row in _dicts(cursor)}
                fresh = {incident.id: incident for incident in incidents}  # a repeated id: last wins, as in ingest
                log: dict[str, list[dict[str, Any]]] = {}
                for correction in self.corrections([*fresh, *old]):
                    log.setdefault(correction["incident_id"], []).append(correction)
                for incident_id, incident in fresh.items():
                    record = incident.model_dump(include=set(INCIDENT_COLUMNS))
                    record["rules"] = json.dumps(record["rules"])
                    previous = old.get(incident_id)
                    record["review_status"] = previous["review_status"] if previous else None
                    record["event_id"] = previous["event_id"] if previous else None
                    tally["corrections_reapplied"] += apply_corrections(record, log.get(incident_id, []))
                    if previous is None:
                        columns = (*compared, "created_at", "extractor_version")
                        self.conn.execute(
                            f"INSERT INTO incidents ({', '.join(columns)})"
                            f" VALUES ({', '.join('?' for _ in columns)})",
                            [*(record[c] for c in compared), stamp, extractor_version],
                        )
                        tally["new"] += 1
                        continue
                    # Only changed columns are set, so unchanged evidence does not churn the index.
                    changed = [c for c in compared if previous[c] != record[c]]
                    sets = ", ".join(f"{c} = ?" for c in (*changed, "extractor_version"))
                    self.conn.execute(
                        f"UPDATE incidents SET {sets} WHERE id = ?",
                        [*(record[c] for c in changed), extractor_version, incident_id],
                    )
                    tally["changed" if changed else "unchanged"] += 1
                for incident_id, previous in old.items():
                    if incident_id in fresh:
                        continue
                    if previous["review_status"] or incident_id in log:
                        tally["kept_reviewed"] += 1
                    else:
                        self.conn.execute("DELETE FROM incidents WHERE id = ?", [incident_id])
                        tally["removed"] += 1
        return tally

    def regroup_incidents(
        self, action: str, incident_ids: list[str], reason: str | None = None
    ) -> list[dict[str, Any]]:
        """`merge` the incidents into one analyst event, or `split` each out of its event, in
        one transaction; every change of `event_id` is recorded as a correction (ReviewError when
        the incidents cannot be one event). Returns the changes, [] when nothing changed."""
        import secrets

        from .review import is_analyst_event, plan_merge, plan_split

        with self.write():
            records = []
            for incident_id in dict.fromkeys(incident_ids):
                current = self.incident(incident_id)
                if current is None:
                    raise StoreError(f"no incident with id '{incident_id}'")
                records.append(current)
            members: list[dict[str, Any]] = []
            if action == "merge":
                events = [r["event_id"] for r in records if is_analyst_event(r)]
                cursor = self.conn.execute(
                    "SELECT id, event_id FROM incidents"
                    " WHERE event_id IN (SELECT value FROM json_each(?))",
                    [json.dumps(events)],
                )
                members = _dicts(cursor)
                plan = plan_merge(records, members, "ev-" + secrets.token_hex(6))
            elif action == "split":
                plan = plan_split(records)
            else:
                raise StoreError(f"unknown grouping action '{action}'")
            before = {r["id"]: r["event_id"] for r in (*members, *records)}
            stamp = now_iso()
            recorded = []
            for incident_id, event_id in plan.items():
                self.add_correction(
                    incident_id, action, "event_id", before[incident_id], event_id, reason, stamp
                )
                self.update_incident_field(incident_id, "event_id", event_id)
                recorded.append(
                    {"incident_id": incident_id, "action": action, "field": "event_id",
                     "old_value": before[incident_id], "new_value": event_id,
                     "reason": reason, "created_at": stamp}
                )  # fmt: skip
        return recorded


# Snippet markers: C0 controls, which normalization removes from every stored text, so they can
# only come from snippet() itself. Renderers get offsets, never markers or markup.
_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"
# What SQLite says when the MATCH expression, not the database, is at fault.
_FTS_QUERY_ERRORS = ("fts5:", "no such column", "unterminated string", "unknown special query")


def _split_marks(marked: str) -> tuple[str, list[list[int]]]:
    """A snippet with markers → (plain text, [[start, end], ...] of the highlighted terms)."""
    plain: list[str] = []
    highlights: list[list[int]] = []
    length = 0
    start: int | None = None
    for char in marked:
        if char == _MARK_OPEN:
            start = length
        elif char == _MARK_CLOSE:
            if start is not None:
                highlights.append([start, length])
            start = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain), highlights


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
