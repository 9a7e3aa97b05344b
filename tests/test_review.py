"""Search, human review, reextract and Datasette, through the real commands on a temporary
database."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from hrtracker.cli import app
from hrtracker.extract import EXTRACTOR_VERSION

PERU = (
    "January 10, 2023\n\nLIMA, Jan 10 (Reuters) - At least 17 protesters were killed on Monday in clashes "
    "with police in the southern city of Juliaca, Peru's ombudsman said."
)
COLOMBIA = (
    "BOGOTA, May 5, 2021 (Reuters) - At least 24 people have died during a week of protests against "
    "a tax reform in Colombia, many of them shot by the ESMAD riot police, rights groups said."
)
SPANISH = "Lima, 15 de julio de 2022. La Defensoría del Pueblo publicó su informe anual sobre conflictos sociales."
ECONOMY = "The central bank kept interest rates unchanged on Tuesday, citing a 3% rise in prices."


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def stored(runner, db_path, tmp_path):
    """A database holding the four articles; returns {country code: protest_death id}."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in (("peru", PERU), ("colombia", COLOMBIA), ("spanish", SPANISH), ("economy", ECONOMY)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["ingest", "--db", str(db_path), "--jobs", "1", str(folder)])
    assert result.exit_code == 0, result.output
    return {r["country_code"]: r["id"] for r in _export(runner, db_path) if r["category"] == "protest_death"}


def _export(runner, db_path):
    output = runner.invoke(app, ["export", "--db", str(db_path)]).output
    return [json.loads(line) for line in output.splitlines()]


def _run(runner, db_path, *args):
    return runner.invoke(app, [*args, "--db", str(db_path)], env={"COLUMNS": "200"})


def _show(runner, db_path, incident_id):
    result = _run(runner, db_path, "incident", "show", incident_id, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- search -------------------------------------------------------------------------------------


def _search(runner, db_path, *args):
    result = _run(runner, db_path, "search", *args, "--json")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_search_finds_words_in_documents_and_evidence_with_snippets(runner, db_path, stored):
    rows = _search(runner, db_path, "Juliaca")
    assert {r["kind"] for r in rows} == {"document", "incident"}
    for row in rows:
        assert row["highlights"], row
        assert all(row["snippet"][s:e].lower() == "juliaca" for s, e in row["highlights"])
        assert "\x02" not in row["snippet"] and "\x03" not in row["snippet"]
        assert row["source"].endswith("peru.txt")
    incident = next(r for r in rows if r["kind"] == "incident")
    assert incident["incident_id"] == stored["PER"] and incident["country"] == "Peru"
    # Documents without incidents are searchable too, and accents do not matter.
    assert [r["source"].rsplit("/", 1)[-1] for r in _search(runner, db_path, "interest rates")] == ["economy.txt"]
    assert _search(runner, db_path, "defensoria")[0]["snippet"].count("Defensoría") == 1
    assert _search(runner, db_path, "nothingsaysthis") == []


def test_search_country_filter_and_limit(runner, db_path, stored):
    everywhere = _search(runner, db_path, "police")
    assert {r["document_id"] for r in everywhere} and len({r["source"] for r in everywhere}) == 2
    colombia = _search(runner, db_path, "police", "--country", "Colombia")
    assert colombia and all(r["source"].endswith("colombia.txt") for r in colombia)
    assert all(r["country"] == "Colombia" for r in colombia if r["kind"] == "incident")
    assert len(_search(runner, db_path, "police", "--limit", "1")) == 1
    unknown = _run(runner, db_path, "search", "police", "--country", "Narnia")
    assert unknown.exit_code == 2


def test_search_shows_highlights_as_styles_not_markup(runner, db_path, tmp_path):
    hostile = (
        "LIMA (Reuters) - [bold red]At least 17 protesters[/bold red] were killed by police in Juliaca, "
        "Peru \x1b[31m <script>alert(1)</script>."
    )
    (tmp_path / "hostile.txt").write_text(hostile, encoding="utf-8")
    runner.invoke(app, ["ingest", "--db", str(db_path), "--jobs", "1", str(tmp_path / "hostile.txt")])
    result = _run(runner, db_path, "search", "protesters")
    assert result.exit_code == 0
    assert "[bold red]" in result.output and "\x1b" not in result.output
    assert "\x02" not in result.output and "\x03" not in result.output
    assert "hostile.txt" in result.output and "protesters" in result.output


@pytest.mark.parametrize("query", ["tear-gas", '"unbalanced', "AND", "police:shot"])
def test_bad_search_query_is_one_line_and_exit_2(runner, db_path, stored, query):
    result = _run(runner, db_path, "search", query)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot search for")


# -- review -------------------------------------------------------------------------------------


def test_show_confirm_reject_edit_keep_a_history(runner, db_path, stored):
    peru = stored["PER"]
    shown = _run(runner, db_path, "incident", "show", peru)
    assert shown.exit_code == 0, shown.output
    assert peru in shown.output and "peru.txt" in shown.output and "no corrections" in shown.output
    assert "Juliaca" in shown.output

    edit = _run(
        runner, db_path, "incident", "edit", peru, "--deaths-low", "50", "--perpetrator", "military",
        "--victims-text", "students and protesters", "--reason", "ombudsman revised the toll",
    )
    assert edit.exit_code == 0, edit.output
    assert "deaths_low: 17 → 50" in edit.output and "perpetrator: police → military" in edit.output
    detail = _show(runner, db_path, peru)
    assert detail["incident"]["deaths_low"] == 50 and detail["incident"]["review_status"] == "edited"
    changes = {c["field"]: c for c in detail["corrections"]}
    assert changes["deaths_low"]["old_value"] == 17 and changes["deaths_low"]["new_value"] == 50
    assert changes["perpetrator"]["old_value"] == "police"
    assert all(c["reason"] == "ombudsman revised the toll" and c["created_at"] for c in detail["corrections"])

    assert _run(runner, db_path, "incident", "confirm", peru).exit_code == 0
    assert _show(runner, db_path, peru)["incident"]["review_status"] == "confirmed"
    assert _run(runner, db_path, "incident", "reject", peru, "--reason", "duplicate").exit_code == 0
    detail = _show(runner, db_path, peru)
    assert detail["incident"]["review_status"] == "rejected"
    assert [c["action"] for c in detail["corrections"]][-2:] == ["confirm", "reject"]
    assert detail["corrections"][-1]["old_value"] == "confirmed"
    history = _run(runner, db_path, "incident", "show", peru).output
    assert "rejected" in history and "duplicate" in history and "ombudsman revised" in history

    # Clearing a field, and an edit that changes nothing.
    assert _run(runner, db_path, "incident", "edit", peru, "--victims-text", "none", "-r", "x").exit_code == 0
    assert _show(runner, db_path, peru)["incident"]["victims_text"] is None
    same = _run(runner, db_path, "incident", "edit", peru, "--deaths-low", "50", "-r", "x")
    assert same.exit_code == 0 and "nothing changed" in same.output


@pytest.mark.parametrize(
    "args",
    [
        ["reject", "{id}"],  # a reason is required
        ["edit", "{id}", "--deaths-low", "50"],
        ["edit", "{id}", "--reason", "x"],  # no field
        ["edit", "{id}", "--perpetrator", "aliens", "--reason", "x"],
        ["edit", "{id}", "--subtype", "torture", "--reason", "x"],  # not for protest_death
        ["edit", "{id}", "--deaths-low", "many", "--reason", "x"],
        ["edit", "{id}", "--deaths-low", "30", "--deaths-high", "20", "--reason", "x"],
        ["edit", "{id}", "--period-start", "last year", "--reason", "x"],
        ["edit", "{id}", "--period-start", "2023-13-01", "--reason", "x"],  # the right shape, no such month
        ["edit", "{id}", "--period-end", "2023-02-30", "--reason", "x"],  # no such day
        ["edit", "{id}", "--period-start", "2023-05", "--period-end", "2023-01", "--reason", "x"],  # backwards
        ["edit", "{id}", "--country", "Narnia", "--reason", "x"],
        ["confirm", "0000000000000000"],
        ["show", "0000000000000000"],
    ],
)
def test_review_usage_errors(runner, db_path, stored, args):
    result = _run(runner, db_path, "incident", *[a.format(id=stored["PER"]) for a in args])
    assert result.exit_code == 2, result.output
    assert _show(runner, db_path, stored["PER"])["corrections"] == []


def test_edit_period_takes_partial_dates_on_the_calendar(runner, db_path, stored):
    for start, end in (("2024-02-29", "2024-03"), ("2023", "2023-01-09"), ("2023-01", "2023")):
        result = _run(runner, db_path, "incident", "edit", stored["PER"], "--period-start", start, "--period-end", end, "-r", "dates")
        assert result.exit_code == 0, result.output
        incident = _show(runner, db_path, stored["PER"])["incident"]
        assert (incident["period_start"], incident["period_end"]) == (start, end)


def test_edit_country_sets_name_and_code(runner, db_path, stored):
    result = _run(runner, db_path, "incident", "edit", stored["COL"], "--country", "ecu", "-r", "wrong country")
    assert result.exit_code == 0, result.output
    incident = _show(runner, db_path, stored["COL"])["incident"]
    assert (incident["country"], incident["country_code"]) == ("Ecuador", "ECU")


def test_rejected_incidents_leave_exports_reports_and_summaries(runner, db_path, stored):
    peru = stored["PER"]
    before = _run(runner, db_path, "summary", "--since", "7d", "--format", "json")
    assert _run(runner, db_path, "incident", "reject", peru, "--reason", "not a protest").exit_code == 0
    assert peru not in {r["id"] for r in _export(runner, db_path)}
    report = json.loads(_run(runner, db_path, "report", "-c", "Peru", "--format", "json").stdout)
    assert report["protest_deaths"] == [] and report["deaths"]["low"] == 0
    after = _run(runner, db_path, "summary", "--since", "7d", "--format", "json")
    assert json.loads(after.stdout)["new_incidents"] == json.loads(before.stdout)["new_incidents"] - 1
    countries = _run(runner, db_path, "countries", "--json").stdout
    assert "PER" not in {json.loads(line)["country_code"] for line in countries.splitlines()}
    # Search still finds it, marked, so a reviewer can bring it back.
    hit = next(r for r in _search(runner, db_path, "Juliaca") if r["kind"] == "incident")
    assert hit["review_status"] == "rejected"
    assert _run(runner, db_path, "incident", "confirm", peru, "--reason", "it was").exit_code == 0
    assert peru in {r["id"] for r in _export(runner, db_path)}


def test_reports_mark_reviewed_records(runner, db_path, stored):
    assert _run(runner, db_path, "incident", "confirm", stored["PER"]).exit_code == 0
    data = json.loads(_run(runner, db_path, "report", "-c", "Peru", "--format", "json").stdout)
    assert data["protest_deaths"][0]["review_status"] == "confirmed"
    for fmt in ("rich", "markdown", "html"):
        assert "✓" in _run(runner, db_path, "report", "-c", "Peru", "--format", fmt).output, fmt
    colombia = _run(runner, db_path, "report", "-c", "Colombia", "--format", "markdown").output
    assert "✓" not in colombia
    _run(runner, db_path, "incident", "edit", stored["COL"], "--deaths-low", "25", "-r", "x")
    colombia = _run(runner, db_path, "report", "-c", "Colombia", "--format", "markdown").output
    assert "✓ edited" in colombia and "25" in colombia


# -- reextract ----------------------------------------------------------------------------------


def _reextract(runner, db_path):
    result = _run(runner, db_path, "reextract", "--jobs", "1", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_reextract_keeps_rejections_and_edits(runner, db_path, stored):
    peru, colombia = stored["PER"], stored["COL"]
    _run(runner, db_path, "incident", "edit", peru, "--deaths-low", "50", "--perpetrator", "military", "-r", "revised")
    _run(runner, db_path, "incident", "reject", colombia, "--reason", "not a protest death")
    exported = len(_export(runner, db_path))

    # A "rules upgrade" as the database sees it: the edited record is gone (the old rules did
    # not find it), the rejected one came back altered and unreviewed, a machine record the new
    # rules no longer find is stale, and a reviewed one they no longer find was confirmed.
    conn = sqlite3.connect(db_path)
    document = conn.execute("SELECT document_id FROM incidents WHERE id = ?", [peru]).fetchone()[0]
    conn.execute("DELETE FROM incidents WHERE id = ?", [peru])
    conn.execute("UPDATE incidents SET review_status = NULL, deaths_low = 1 WHERE id = ?", [colombia])
    for fake, status in (("stale00000000000", None), ("reviewed00000000", "confirmed")):
        conn.execute(
            "INSERT INTO incidents (id, document_id, category, evidence, evidence_start, evidence_end,"
            " created_at, review_status) VALUES (?, ?, 'abuse', 'x', 0, 1, 't', ?)",
            [fake, document, status],
        )
    conn.commit()
    conn.close()

    tally = _reextract(runner, db_path)
    assert tally["extractor_version"] == EXTRACTOR_VERSION and tally["documents"] == 4
    assert tally["new"] == 1 and tally["removed"] == 1 and tally["kept_reviewed"] == 1
    assert tally["changed"] >= 1 and tally["corrections_reapplied"] == 3

    edited = _show(runner, db_path, peru)["incident"]
    assert (edited["deaths_low"], edited["perpetrator"], edited["review_status"]) == (50, "military", "edited")
    assert edited["extractor_version"] == EXTRACTOR_VERSION
    rejected = _show(runner, db_path, colombia)["incident"]
    assert rejected["review_status"] == "rejected" and rejected["deaths_low"] == 24
    records = {r["id"]: r for r in _export(runner, db_path)}
    assert colombia not in records and records[peru]["deaths_low"] == 50
    assert "stale00000000000" not in records and "reviewed00000000" in records
    assert len(records) == exported + 1  # the kept reviewed record joins; the stale one left

    # Idempotent, and the search indexes stayed in step with the rows.
    again = _reextract(runner, db_path)
    assert again["new"] == again["changed"] == again["removed"] == 0
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO incidents_fts (incidents_fts) VALUES ('integrity-check')")
    conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")
    assert any(r["incident_id"] == peru for r in _search(runner, db_path, "Juliaca"))


def test_reextract_on_an_empty_database(runner, db_path):
    tally = _reextract(runner, db_path)
    assert tally["documents"] == 0 and tally["new"] == 0
    assert "0 documents re-read" in _run(runner, db_path, "reextract", "--jobs", "1").output


# -- Datasette ------------------------------------------------------------------------------------


def test_datasette_opens_the_database(runner, db_path, stored):
    pytest.importorskip("datasette")
    from datasette.app import Datasette

    async def fetch() -> dict[str, object]:
        datasette = Datasette([str(db_path)])
        pages = {}
        for path in (
            "/-/versions.json",
            "/hr/incidents_with_documents.json?_shape=array",
            "/hr/events_by_country_month.json?_shape=array",
            "/hr/documents.json?_search=Juliaca&_shape=array",
            "/hr/corrections",
        ):
            response = await datasette.client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            pages[path.split("?")[0]] = response.json() if path.endswith("array") else None
        return pages

    pages = asyncio.run(fetch())
    assert any(r["id"] == stored["PER"] and r["source"].endswith("peru.txt") for r in pages["/hr/incidents_with_documents.json"])
    months = {(r["country_code"], r["month"]): r for r in pages["/hr/events_by_country_month.json"]}
    assert months[("PER", "2023-01")]["deaths"] == 17
    assert [r["source"][-8:] for r in pages["/hr/documents.json"]] == ["peru.txt"]


def test_serve_without_datasette_is_a_one_line_hint(runner, db_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "datasette" else real(name, *a))
    result = _run(runner, db_path, "serve")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "pip install" in result.stderr
