"""The store: migrations, atomic writes, idempotence, refusal of newer databases."""

from __future__ import annotations

import sqlite3

import pytest

from hrtracker.models import Document, Incident
from hrtracker.report import build_country_report
from hrtracker.store import Store, StoreError, _migration_steps


def _document(text: str = "Police killed two protesters in Lima.") -> Document:
    return Document(id=f"doc{abs(hash(text)) % 10**8}", source="a.txt", text=text, published="2023-01-10")


def _incident(document: Document) -> Incident:
    return Incident(
        id=f"{document.id}-1",
        document_id=document.id,
        category="protest_death",
        country="Peru",
        country_code="PER",
        deaths_low=2,
        deaths_best=2,
        deaths_high=2,
        evidence=document.text,
        evidence_start=0,
        evidence_end=len(document.text),
        rules=["protest_death.count"],
    )


def test_fresh_database_is_migrated_to_latest(tmp_path):
    store = Store(tmp_path / "new.db")
    assert store.schema_steps() == [name for name, _ in _migration_steps()]
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_first_migration_database_upgrades_and_keeps_data(tmp_path):
    path = tmp_path / "old.db"
    first = _migration_steps()[0][0]
    old = Store(path, upto=first)
    assert old.schema_steps() == [first]
    # Written as the first schema knew it (no extractor_version column yet).
    old.conn.execute(
        "INSERT INTO documents (id, source, text, published, ingested_at) VALUES ('d1', 'a.txt', 'x', '2023', 't')"
    )
    old.conn.execute(
        "INSERT INTO incidents (id, document_id, category, country_code, deaths_low, evidence,"
        " evidence_start, evidence_end, rules, created_at)"
        " VALUES ('i1', 'd1', 'protest_death', 'PER', 2, 'x', 0, 1, '[\"protest_death.count\"]', 't')"
    )
    old.close()

    upgraded = Store(path)
    assert upgraded.schema_steps() == [name for name, _ in _migration_steps()]
    rows = list(upgraded.iter_incidents())
    assert len(rows) == 1 and rows[0]["deaths_low"] == 2 and rows[0]["rules"] == ["protest_death.count"]
    columns = {row[1] for row in upgraded.conn.execute("PRAGMA table_info(incidents)")}
    assert "extractor_version" in columns


def test_database_from_newer_version_is_refused(tmp_path):
    path = tmp_path / "newer.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('hrtracker', '999_from_the_future', 'x')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer hrtracker"):
        Store(path)


def test_document_is_stored_once_with_its_incidents(tmp_path):
    store = Store(tmp_path / "a.db")
    document = _document()
    assert store.add_documents([(document, [_incident(document)])]) == [(True, 1)]
    assert store.add_documents([(document, [_incident(document)])]) == [(False, 0)]
    assert store.counts() == {"documents": 1, "incidents": 1}


def test_failed_transaction_leaves_nothing(tmp_path):
    store = Store(tmp_path / "a.db")
    good = _document("one")
    broken = _incident(good).model_copy(update={"category": None})  # NOT NULL violation
    with pytest.raises(sqlite3.IntegrityError):
        store.add_documents([(good, [broken])])
    assert store.counts() == {"documents": 0, "incidents": 0}


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        Store(path)


def test_database_at_first_step_with_data_migrates_and_search_finds_old_rows(tmp_path):
    path = tmp_path / "old.db"
    old = Store(path, upto=_migration_steps()[0][0])
    old.conn.execute(
        "INSERT INTO documents (id, source, title, text, published, ingested_at)"
        " VALUES ('d1', 'a.txt', 'Deaths in Juliaca', 'Police killed two protesters in Perú.', '2023', 't')"
    )
    old.conn.execute(
        "INSERT INTO incidents (id, document_id, category, country, country_code, deaths_low, evidence,"
        " evidence_start, evidence_end, rules, created_at)"
        " VALUES ('i1', 'd1', 'protest_death', 'Peru', 'PER', 2, 'Police killed two protesters in Perú.',"
        " 0, 37, '[]', 't')"
    )
    old.close()

    upgraded = Store(path)
    assert upgraded.schema_steps()[-1] == _migration_steps()[-1][0]
    found = {(r["kind"], r["incident_id"] or r["document_id"]) for r in upgraded.search("protesters peru")}
    assert found == {("document", "d1"), ("incident", "i1")}
    assert [r["document_id"] for r in upgraded.search("juliaca")] == ["d1"]  # the title is indexed
    row = upgraded.incident("i1")
    assert row is not None and row["review_status"] is None and row["event_id"] is None
    months = upgraded.conn.execute("SELECT country_code, month, incidents, deaths FROM events_by_country_month")
    assert months.fetchall() == [("PER", "2023", 1, 2)]
    # The old incidents wait to be grouped into stored events, and the report groups them.
    assert upgraded.stale_units() == ["PER|protest_death|"]
    report = build_country_report(upgraded, "PER", "Peru")
    assert (report.incidents, report.events, report.deaths.text()) == (1, 1, "at least 2")
    assert upgraded.stale_units() == []
    # Later writes keep the index in step, also when INSERT OR REPLACE overwrites a record.
    document = Document(id="d2", source="b.txt", text="Soldiers detained a journalist. Police beat a student.")
    first = _incident(document).model_copy(update={"evidence": "Soldiers detained a journalist."})
    other = _incident(document).model_copy(update={"id": "other", "evidence": "Police beat a student."})
    again = first.model_copy(update={"evidence": "Police beat a student."})
    upgraded.add_documents([(document, [first, other, again])])
    assert [r["kind"] for r in upgraded.search("soldiers")] == ["document"]
    indexed = upgraded.conn.execute("SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH 'soldiers OR student'")
    stored = upgraded.conn.execute("SELECT rowid FROM incidents WHERE document_id = 'd2'")
    assert sorted(indexed.fetchall()) == sorted(stored.fetchall())


def test_events_grouped_before_the_publication_date_rule_are_regrouped(tmp_path):
    """Migration 005: a database whose stored events were grouped before grouping knew that a
    record without a date happened by its publication (here: a 2019 report of excessive force
    grouped with the 2022 strike, as the old rule did) has those units regrouped by the next
    report; units without such a record are left alone."""
    from hrtracker.report import refresh_events

    path = tmp_path / "old.db"
    old = Store(path, upto="004_events")
    report_2019 = Document(id="d2019", source="efe.txt", text="Police used excessive force against protesters.", published="2019-10-14")
    strike_2022 = Document(id="d2022", source="ap.txt", text="On 13 June 2022 police fired tear gas at protesters.", published="2022-06-30")

    def force(document: Document, start: str | None) -> Incident:
        return Incident(id=f"{document.id}-f", document_id=document.id, category="abuse", subtype="excessive_force",
                        country="Ecuador", country_code="ECU", period_start=start, evidence=document.text,
                        evidence_start=0, evidence_end=len(document.text))  # fmt: skip

    old.add_documents([(report_2019, [force(report_2019, None)]), (strike_2022, [force(strike_2022, "2022-06-13")])])
    peru = _document()
    old.add_documents([(peru, [_incident(peru).model_copy(update={"period_start": "2023-01-09"})])])
    refresh_events(old)
    # What the old rule stored: one event, led by the undated 2019 record.
    old.conn.execute("UPDATE event_members SET event_id = 'd2019-f' WHERE incident_id = 'd2022-f'")
    old.conn.execute("DELETE FROM events WHERE id = 'd2022-f'")
    peru_event = old.conn.execute("SELECT * FROM events WHERE unit = 'PER|protest_death|'").fetchall()
    assert old.conn.execute("SELECT COUNT(*) FROM events_stale").fetchone()[0] == 0
    old.close()

    upgraded = Store(path)
    assert upgraded.conn.execute("SELECT unit, since FROM events_stale").fetchall() == [("ECU|abuse|excessive_force", "")]
    refresh_events(upgraded)
    members = dict(upgraded.conn.execute("SELECT incident_id, event_id FROM event_members WHERE incident_id LIKE 'd20%'"))
    assert members == {"d2019-f": "d2019-f", "d2022-f": "d2022-f"}
    assert upgraded.conn.execute("SELECT * FROM events WHERE unit = 'PER|protest_death|'").fetchall() == peru_event
