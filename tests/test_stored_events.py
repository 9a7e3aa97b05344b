"""Stored events (migration 004) are the report's grouping, kept in the database: after any
write (ingest, review, re-extraction) and the refresh that follows, they are exactly what
`report.group_events` gives on the incidents of each country, and reports read from them give
what they gave when they regrouped everything on every read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hrtracker import report
from hrtracker.cli import app
from hrtracker.models import Document, Incident
from hrtracker.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _canonical_live(events: list[report.Event]) -> set[tuple]:
    ids = [frozenset(i["id"] for i in e.incidents) for e in events]
    return {
        (
            ids[n],
            *e.span(),
            *(value for prefix in report.FIGURES for value in e.range(prefix)),
            e.sources,
            e.lead["id"],
            None if e.part_of is None else ids[e.part_of],
        )
        for n, e in enumerate(events)
    }


def _canonical_stored(store: Store, country_code: str) -> set[tuple]:
    cursor = store.conn.execute("SELECT * FROM events WHERE country_code = ?", [country_code])
    names = [c[0] for c in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor]
    members: dict[str, set[str]] = {row["id"]: set() for row in rows}
    for incident_id, event_id in store.conn.execute("SELECT incident_id, event_id FROM event_members"):
        if event_id in members:
            members[event_id].add(incident_id)
    return {
        (
            frozenset(members[row["id"]]),
            row["span_start"],
            row["span_end"],
            *(value for prefix in report.FIGURES for value in (row[f"{prefix}_low"], row[f"{prefix}_high"], bool(row[f"{prefix}_open"]))),
            row["sources"],
            row["lead_id"],
            None if row["part_of"] is None else frozenset(members[row["part_of"]]),
        )
        for row in rows
    }


def assert_stored_matches_live(store: Store) -> int:
    """Refresh, then compare every country's stored events with a fresh grouping; returns how
    many events were compared."""
    report.refresh_events(store)
    assert store.stale_units() == []
    codes = [row[0] for row in store.conn.execute("SELECT DISTINCT country_code FROM incidents WHERE country_code IS NOT NULL")]
    compared = 0
    for code in codes:
        live = report.group_events(list(store.iter_incidents(country_code=code)))
        assert _canonical_stored(store, code) == _canonical_live(live), code
        compared += len(live)
    # Every incident that is not rejected is in exactly one stored event.
    kept = store.conn.execute("SELECT COUNT(*) FROM incidents WHERE review_status IS NOT 'rejected'").fetchone()[0]
    assert store.conn.execute("SELECT COUNT(*) FROM event_members").fetchone()[0] == kept
    return compared


# -- random incidents --------------------------------------------------------------------------

DAYS = [None, "2023", "2023-01", "2023-02", "2023-01-05", "2023-01-06", "2023-01-20", "2023-02-01", "2022-12-30"]


@st.composite
def incident_batches(draw) -> list[tuple[Document, list[Incident]]]:
    """Up to 10 documents, each with up to 4 incidents of 2 countries, overlapping in time."""
    batch = []
    for d in range(draw(st.integers(1, 10))):
        document = Document(id=f"d{d}", source=f"{d}.txt", text="x", published=draw(st.sampled_from([None, "2023-01-10", "2023-02"])))
        incidents = []
        for n in range(draw(st.integers(0, 4))):
            category = draw(st.sampled_from(["protest_death", "protest_death", "abuse", "accountability_call"]))
            subtype = {"abuse": draw(st.sampled_from(["killing", "torture"])), "accountability_call": "investigation"}.get(category)
            start = draw(st.sampled_from(DAYS))
            end = draw(st.sampled_from([None, *DAYS[1:]])) if start else None
            if start and end and end < start:
                start, end = end, start
            deaths = draw(st.sampled_from([None, 2, 3, 10, 12, 17, 49, 57]))
            kind = draw(st.integers(0, 3))
            code = draw(st.sampled_from(["PER", "PER", "COL"]))
            incidents.append(
                Incident(
                    id=f"d{d}-{n}", document_id=f"d{d}", category=category, subtype=subtype,
                    country={"PER": "Peru", "COL": "Colombia"}[code], country_code=code,
                    period_start=start, period_end=end,
                    deaths_low=deaths if kind in (0, 1) else None, deaths_best=deaths if kind in (0, 2) else None,
                    deaths_high=deaths + 5 if kind == 3 and deaths else None,
                    perpetrator=draw(st.sampled_from([None, "police", "military"])),
                    caller=draw(st.sampled_from([None, "UN", "Amnesty"])) if category == "accountability_call" else None,
                    confidence=draw(st.sampled_from([0.5, 0.7])), evidence="x" * draw(st.integers(1, 3)),
                    evidence_start=n, evidence_end=n + 1,
                )  # fmt: skip
            )
        batch.append((document, incidents))
    return batch


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(incident_batches(), st.lists(st.integers(0, 10), min_size=3, max_size=3))
def test_stored_events_equal_a_fresh_grouping_after_every_write(tmp_path_factory, batches, cuts):
    """Documents arrive in four ingests (each regrouped from its earliest new incident on when
    it can be); then some incidents are rejected, edited, merged and split. After each step
    the stored events equal a fresh grouping."""
    store = Store(tmp_path_factory.mktemp("db") / "hr.db")
    bounds = [0, *sorted(cuts), len(batches)]
    for start, end in zip(bounds, bounds[1:]):
        store.add_documents(batches[start:end])
        assert_stored_matches_live(store)
    ids = [i.id for _, incidents in batches for i in incidents]
    if len(ids) >= 3:
        with store.write():
            store.set_review_status(ids[0], "rejected")
            store.update_incident_field(ids[1], "deaths_low", 40)
        assert_stored_matches_live(store)
        a, b = store.incident(ids[1]), store.incident(ids[2])
        assert a is not None and b is not None
        if all(a[k] == b[k] for k in ("category", "subtype", "country_code")):
            store.regroup_incidents("merge", [ids[1], ids[2]])
            assert_stored_matches_live(store)
        store.regroup_incidents("split", [ids[2]])
        assert_stored_matches_live(store)
    store.close()


# -- the fixtures, through the real commands --------------------------------------------------


def _run(runner: CliRunner, db: Any, *args: str) -> Any:
    result = runner.invoke(app, [*args, "--db", str(db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result


def test_fixture_events_stay_in_step_through_review_and_reextract(db_path):
    runner = CliRunner()
    _run(runner, db_path, "ingest", "--jobs", "1", "--quiet", str(FIXTURES / "articles"))
    with Store(db_path) as store:
        assert store.stale_units() == []  # ingest grouped what it stored
        assert assert_stored_matches_live(store) > 100
        deadly = [
            row[0]
            for row in store.conn.execute(
                "SELECT id FROM incidents WHERE category = 'protest_death' AND country_code = 'PER' ORDER BY id"
            )
        ]
    assert len(deadly) >= 3
    before = json.loads(_run(runner, db_path, "report", "-c", "Peru", "--format", "json").stdout)
    _run(runner, db_path, "incident", "reject", deadly[0], "--reason", "duplicate wire copy")
    _run(runner, db_path, "incident", "edit", deadly[1], "--deaths-high", "500", "--reason", "ombudsman update")
    _run(runner, db_path, "incident", "merge", deadly[1], deadly[2], "--reason", "same day")
    after = json.loads(_run(runner, db_path, "report", "-c", "Peru", "--format", "json").stdout)
    assert after != before
    with Store(db_path) as store:
        assert_stored_matches_live(store)
    _run(runner, db_path, "incident", "split", deadly[2], "--reason", "another town")
    _run(runner, db_path, "reextract")
    with Store(db_path) as store:
        assert_stored_matches_live(store)


def _has_undated(db_path: Path, country_code: str) -> bool:
    with Store(db_path) as store:
        return any(
            not (i["period_start"] or i["period_end"] or i["published"]) for i in store.iter_incidents(country_code=country_code)
        )


def test_a_window_covering_everything_reports_what_the_whole_country_reports(db_path):
    runner = CliRunner()
    _run(runner, db_path, "ingest", "--jobs", "1", "--quiet", str(FIXTURES / "articles"))
    compared = 0
    for country in ("Peru", "Colombia", "Iran", "Mexico", "Venezuela", "Nicaragua"):
        for rows in (["--all"], ["--limit", "2"]):
            whole = json.loads(_run(runner, db_path, "report", "-c", country, "--format", "json", *rows).stdout)
            if _has_undated(db_path, whole["country_code"]):
                break  # an incident with no date at all is in no window
            window = json.loads(
                _run(runner, db_path, "report", "-c", country, "--format", "json", *rows, "--since", "1900-01-01", "--until", "2100-12-31").stdout
            )
            for key in ("since", "until"):
                whole.pop(key), window.pop(key)
            assert window == whole, (country, rows)
            assert whole["events"] > 2
            compared += 1
    assert compared >= 6


def _one_toll_of_17() -> tuple[Document, list[Incident]]:
    document = Document(id="d1", source="a.txt", text="x", published="2023-01-10")
    toll = Incident(
        id="t1", document_id="d1", category="protest_death", country="Peru", country_code="PER",
        deaths_best=17, period_start="2023-01-09", evidence="x", evidence_start=0, evidence_end=1,
    )  # fmt: skip
    return document, [toll]


def test_incidents_stored_without_grouping_are_grouped_by_the_next_report(tmp_path):
    """A crash after the write and before the regrouping leaves stale units, never wrong figures."""
    store = Store(tmp_path / "hr.db")
    store.add_documents([_one_toll_of_17()])
    assert store.stale_units() == ["PER|protest_death|"]
    built = report.build_country_report(store, "PER", "Peru")
    assert (built.events, built.deaths.text()) == (1, "17")
    assert store.stale_units() == []
    assert [row["deaths"] for row in report.country_lines(store)] == ["17"]
    store.close()


def test_a_read_only_database_with_stale_events_gets_a_clear_error(tmp_path):
    import sqlite3

    import pytest

    from hrtracker.store import StoreError

    path = tmp_path / "hr.db"
    store = Store(path)
    store.add_documents([_one_toll_of_17()])
    store.conn.close()
    store.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    with pytest.raises(StoreError, match="read-only"):
        report.build_country_report(store, "PER", "Peru")
    store.close()
    with Store(path) as writable:  # once grouped, a read-only reader is served
        report.refresh_events(writable)
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    store.conn = reader
    assert report.build_country_report(store, "PER", "Peru").deaths.text() == "17"
    reader.close()


def test_a_store_error_mid_command_is_one_line(db_path, monkeypatch, capsys):
    import pytest

    from hrtracker import cli
    from hrtracker.store import StoreError

    def refuse(store: Store) -> int:
        raise StoreError(f"{store.path}: 3 group(s) of new or changed incidents wait; the database is read-only")

    monkeypatch.setattr(report, "refresh_events", refuse)
    monkeypatch.setattr("sys.argv", ["hrtracker", "countries", "--db", str(db_path)])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "read-only" in err and err.count("\n") == 1


def test_added_incidents_regroup_only_from_the_earliest_on(tmp_path, monkeypatch):
    """A unit that only gained incidents is regrouped from the earliest new one onward; the
    result is the fresh grouping, part_of included."""
    store = Store(tmp_path / "hr.db")

    def toll(doc: str, n: int, start: str, end: str | None, deaths: int) -> Incident:
        return Incident(
            id=f"{doc}-{n}", document_id=doc, category="protest_death", country="Peru", country_code="PER",
            deaths_low=deaths, period_start=start, period_end=end, evidence="x", evidence_start=n, evidence_end=n + 1,
        )  # fmt: skip

    def document(doc: str) -> Document:
        return Document(id=doc, source=f"{doc}.txt", text=doc, published="2023-03-01")

    store.add_documents([
        (document("a"), [toll("a", 0, "2022-12", "2023-02", 49), toll("a", 1, "2022-06-01", None, 3)]),
        (document("b"), [toll("b", 0, "2022-12-15", None, 8)]),
    ])  # fmt: skip
    assert_stored_matches_live(store)
    whole: list[str] = []
    regroup_whole = report._regroup_whole
    monkeypatch.setattr(report, "_regroup_whole", lambda s, unit: (whole.append(unit), regroup_whole(s, unit)))
    # A second source on the wave, a day inside it, and a later unrelated toll.
    store.add_documents([
        (document("c"), [toll("c", 0, "2022-12", "2023-02", 50), toll("c", 1, "2023-01-09", None, 17)]),
        (document("d"), [toll("d", 0, "2023-06-01", None, 2)]),
    ])  # fmt: skip
    assert store.stale_since("PER|protest_death|") == "2022-12"
    assert_stored_matches_live(store)
    assert whole == []  # the whole unit was never regrouped
    wave = store.event_of("a-0")
    assert wave is not None and (wave["incidents"], wave["deaths_low"], wave["deaths_high"]) == (2, 49, 50)
    day = store.event_of("c-1")
    assert day is not None and day["part_of"] == wave["id"]
    # An undated addition, a rejection: the whole unit again.
    store.add_documents([(Document(id="e", source="e.txt", text="e"), [toll("e", 0, None, None, 5).model_copy(update={"period_start": None})])])
    assert store.stale_since("PER|protest_death|") == ""
    assert_stored_matches_live(store)
    assert whole == ["PER|protest_death|"]
    store.close()


def test_a_summary_up_to_a_past_moment_ignores_what_came_after(tmp_path):
    """An event that gained a source after `until` is still new up to `until`, with only what
    was stored by then."""
    import time as clock

    from hrtracker.store import now_iso

    store = Store(tmp_path / "hr.db")
    store.add_documents([_one_toll_of_17()])
    clock.sleep(0.01)
    middle = now_iso()
    clock.sleep(0.01)
    later = Document(id="d2", source="b.txt", text="y", published="2023-01-11")
    toll = Incident(
        id="t2", document_id="d2", category="protest_death", country="Peru", country_code="PER",
        deaths_best=18, period_start="2023-01-09", evidence="y", evidence_start=0, evidence_end=1,
    )  # fmt: skip
    store.add_documents([(later, [toll])])
    report.refresh_events(store)
    assert store.event_of("t2")["id"] == store.event_of("t1")["id"]  # one event, two sources
    then = report.build_summary(store, None, middle)
    assert then.new_incidents == 1
    [peru] = then.countries
    assert [row.figure for row in peru.new_deaths] == ["17"] and peru.updates == [] and peru.changed == []
    now = report.build_summary(store, middle, now_iso())
    assert now.new_incidents == 1
    [peru] = now.countries
    assert peru.new_deaths == [] and [row.figure for row in peru.updates] == ["18"]
    assert peru.changed == ["Peru protest deaths: 17 → 18, new source (2023-01-09)"]
    store.close()
