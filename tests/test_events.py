"""Analyst events: `incident merge` and `incident split` through the real commands, and how
reports, the Datasette view and `reextract` honour them."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from hrtracker.cli import app
from hrtracker.review import ReviewError, is_analyst_event, plan_merge, plan_split

# Three sources on the day of Juliaca (17 and 18 agree, 28 does not) and one on Ayacucho.
ARTICLES = {
    "reuters": "January 10, 2023\n\nLIMA, Jan 10 (Reuters) - At least 17 protesters were killed on Monday in "
    "clashes with police in the southern city of Juliaca, Peru's ombudsman said.",
    "efe": "January 10, 2023\n\nJULIACA, Peru (EFE) - At least 18 protesters were killed on Monday in clashes "
    "with police in Juliaca, the regional health office said.",
    "ap": "January 11, 2023\n\nJULIACA, Peru, Jan 11 (AP) - At least 28 protesters were killed on Monday in "
    "clashes with police in Juliaca, local health officials said, far more than the ombudsman's count.",
    "ayacucho": "December 16, 2022\n\nAYACUCHO, Peru, Dec 16 (Reuters) - At least 8 protesters were killed on "
    "Thursday when soldiers opened fire near the airport in Ayacucho, the ombudsman's office said.",
    "call": "Lima, 13 de enero de 2023. La Coordinadora Nacional de Derechos Humanos exigió al Ministerio "
    "Público investigar a los policías responsables de las muertes en Juliaca.",
}


@pytest.fixture
def runner():
    return CliRunner()


def _run(runner, db_path, *args):
    return runner.invoke(app, [*args, "--db", str(db_path)], env={"COLUMNS": "200"})


@pytest.fixture
def ids(runner, db_path, tmp_path):
    """The database holding ARTICLES; returns {article name: its incident id} (the Peru tolls
    and the call)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["ingest", "--db", str(db_path), "--jobs", "1", "--quiet", str(folder)])
    assert result.exit_code == 0, result.output
    found = {}
    for line in _run(runner, db_path, "export").stdout.splitlines():
        record = json.loads(line)
        if record["category"] in ("protest_death", "accountability_call"):
            name = record["source"].rsplit("/", 1)[-1].removesuffix(".txt")
            assert name not in found, f"{name}: more than one toll or call"
            found[name] = record["id"]
    assert set(found) == set(ARTICLES), found
    return found


def _report(runner, db_path):
    result = _run(runner, db_path, "report", "-c", "Peru", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _tolls(report):
    """The protest-death rows as {frozenset of source names: figure}."""
    return {
        frozenset(s.rsplit("/", 1)[-1].removesuffix(".txt") for s in row["sources"]): row["figure"]
        for row in report["protest_deaths"]
    }


def _show(runner, db_path, incident_id):
    return json.loads(_run(runner, db_path, "incident", "show", incident_id, "--json").stdout)


def test_automatic_grouping_before_any_merge(runner, db_path, ids):
    report = _report(runner, db_path)
    assert _tolls(report) == {
        frozenset({"ayacucho"}): "at least 8",
        frozenset({"reuters", "efe"}): "17–18+",
        frozenset({"ap"}): "at least 28",  # 28 is too far from 17 for the rules
    }
    assert report["deaths"]["text"] == "53–54+"


def test_merge_makes_one_event_with_a_range_and_records_it(runner, db_path, ids):
    result = _run(runner, db_path, "incident", "merge", ids["reuters"], ids["ap"], "--reason", "same day in Juliaca")
    assert result.exit_code == 0, result.output
    assert "2 incidents moved into event ev-" in result.stdout
    report = _report(runner, db_path)
    # The EFE source still joins by the rules: an analyst event is open to further sources.
    assert _tolls(report) == {frozenset({"ayacucho"}): "at least 8", frozenset({"reuters", "efe", "ap"}): "17–28+"}
    assert len(report["protest_deaths"]) == 2 and report["deaths"]["text"] == "25–36+"
    # Rows stay in the order of time, the analyst event where its first record is.
    assert [row["sources"][0].rsplit("/", 1)[-1] for row in report["protest_deaths"]] == ["ayacucho.txt", "ap.txt"]

    event_id = _show(runner, db_path, ids["reuters"])["incident"]["event_id"]
    assert event_id.startswith("ev-") and _show(runner, db_path, ids["ap"])["incident"]["event_id"] == event_id
    for name in ("reuters", "ap"):
        [correction] = _show(runner, db_path, ids[name])["corrections"]
        assert (correction["action"], correction["field"], correction["old_value"], correction["new_value"]) == (
            "merge", "event_id", None, event_id,
        )
        assert correction["reason"] == "same day in Juliaca" and correction["created_at"]
    assert _show(runner, db_path, ids["efe"])["corrections"] == []

    again = _run(runner, db_path, "incident", "merge", ids["ap"], ids["reuters"])
    assert again.exit_code == 0 and "nothing changed" in again.stdout


def test_split_takes_an_incident_out_for_good(runner, db_path, ids):
    _run(runner, db_path, "incident", "merge", ids["reuters"], ids["ap"], "-r", "same day")
    event_id = _show(runner, db_path, ids["reuters"])["incident"]["event_id"]
    result = _run(runner, db_path, "incident", "split", ids["ap"], "--reason", "a later, larger count")
    assert result.exit_code == 0, result.output
    assert f"split out of event {event_id}" in result.stdout
    assert _tolls(_report(runner, db_path)) == {
        frozenset({"ayacucho"}): "at least 8",
        frozenset({"reuters", "efe"}): "17–18+",
        frozenset({"ap"}): "at least 28",
    }
    correction = _show(runner, db_path, ids["ap"])["corrections"][-1]
    assert (correction["action"], correction["old_value"], correction["new_value"]) == ("split", event_id, ids["ap"])
    assert correction["reason"] == "a later, larger count"

    # Split out of an automatic group: the rules never put it back with the others.
    assert _run(runner, db_path, "incident", "split", ids["efe"]).exit_code == 0
    report = _report(runner, db_path)
    assert _tolls(report)[frozenset({"efe"})] == "at least 18" and len(report["protest_deaths"]) == 4
    assert "already stands alone" in _run(runner, db_path, "incident", "split", ids["efe"]).stdout
    # merge brings a split incident back.
    assert _run(runner, db_path, "incident", "merge", ids["efe"], ids["reuters"]).exit_code == 0
    assert _tolls(_report(runner, db_path))[frozenset({"reuters", "efe"})] == "17–18+"


def test_merging_incidents_of_two_events_merges_the_events(runner, db_path, ids):
    _run(runner, db_path, "incident", "merge", ids["reuters"], ids["efe"], "-r", "one")
    _run(runner, db_path, "incident", "merge", ids["ap"], ids["ayacucho"], "-r", "two")
    first = _show(runner, db_path, ids["reuters"])["incident"]["event_id"]
    result = _run(runner, db_path, "incident", "merge", ids["efe"], ids["ap"], "-r", "all one wave")
    assert result.exit_code == 0, result.output
    assert "2 incidents moved" in result.stdout  # ap, and ayacucho with it
    for name in ("reuters", "efe", "ap", "ayacucho"):
        assert _show(runner, db_path, ids[name])["incident"]["event_id"] == first
    assert _show(runner, db_path, ids["ayacucho"])["corrections"][-1]["reason"] == "all one wave"
    report = _report(runner, db_path)
    assert len(report["protest_deaths"]) == 1 and _tolls(report) == {frozenset({"reuters", "efe", "ap", "ayacucho"}): "8–28+"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["merge", "{reuters}"], "at least two"),
        (["merge", "{reuters}", "{reuters}"], "at least two"),
        (["merge", "{reuters}", "{call}"], "different category"),
        (["merge", "{reuters}", "0000000000000000"], "no incident"),
        (["split", "0000000000000000"], "no incident"),
        (["merge", "{reuters}", "{ap}", "--reason", " "], "cannot be empty"),
    ],
)
def test_merge_and_split_usage_errors(runner, db_path, ids, args, message):
    result = _run(runner, db_path, "incident", *[a.format(**ids) for a in args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM incidents WHERE event_id IS NOT NULL").fetchone()[0] == 0


def test_events_survive_reextract(runner, db_path, ids):
    _run(runner, db_path, "incident", "merge", ids["reuters"], ids["ap"], "-r", "same day")
    _run(runner, db_path, "incident", "split", ids["efe"], "-r", "separate count")
    before = _report(runner, db_path)
    event_id = _show(runner, db_path, ids["ap"])["incident"]["event_id"]
    # A rules upgrade as the database sees it: the merged AP record is gone (the old rules did
    # not find it) and the split one lost its marker; the corrections log brings both back.
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM incidents WHERE id = ?", [ids["ap"]])
    conn.execute("UPDATE incidents SET event_id = NULL WHERE id = ?", [ids["efe"]])
    conn.commit()
    conn.close()
    result = _run(runner, db_path, "reextract", "--jobs", "1", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new"] == 1
    assert _show(runner, db_path, ids["ap"])["incident"]["event_id"] == event_id
    assert _show(runner, db_path, ids["reuters"])["incident"]["event_id"] == event_id
    assert _show(runner, db_path, ids["efe"])["incident"]["event_id"] == ids["efe"]
    after = _report(runner, db_path)
    assert _tolls(after) == _tolls(before) and after["events"] == before["events"]
    assert _tolls(after)[frozenset({"reuters", "ap"})] == "17–28+"


def test_the_datasette_view_counts_a_merged_event_once(runner, db_path, ids):
    query = "SELECT events, deaths FROM events_by_country_month WHERE country_code = 'PER' AND month = '2023-01'"
    conn = sqlite3.connect(db_path)
    events, deaths = conn.execute(query).fetchone()
    assert deaths == 17 + 18 + 28  # the view counts ungrouped sources alone
    _run(runner, db_path, "incident", "merge", ids["reuters"], ids["efe"], ids["ap"], "-r", "same day")
    assert conn.execute(query).fetchone() == (events - 2, 28)  # one event, its largest lower bound


@pytest.mark.parametrize(
    "records, members, expected",
    [
        ([{"id": "a"}, {"id": "b"}], [], {"a": "ev-new", "b": "ev-new"}),
        ([{"id": "a", "event_id": "ev-1"}, {"id": "b"}], [], {"b": "ev-1"}),
        ([{"id": "a"}, {"id": "b", "event_id": "ev-2"}], [{"id": "c", "event_id": "ev-2"}], {"a": "ev-2"}),
        ([{"id": "a", "event_id": "a"}, {"id": "b"}], [], {"a": "ev-new", "b": "ev-new"}),  # split, merged back
        ([{"id": "a", "event_id": "ev-1"}, {"id": "b", "event_id": "ev-2"}], [{"id": "c", "event_id": "ev-2"}],
         {"b": "ev-1", "c": "ev-1"}),
    ],
)
def test_plan_merge(records, members, expected):
    for record in records:
        record.update(category="protest_death", subtype=None, country_code="PER")
    assert plan_merge(records, members, "ev-new") == expected


def test_plan_split_and_markers():
    assert plan_split([{"id": "a", "event_id": "ev-1"}, {"id": "b", "event_id": "b"}, {"id": "c"}]) == {"a": "a", "c": "c"}
    assert is_analyst_event({"id": "a", "event_id": "ev-1"})
    assert not is_analyst_event({"id": "a", "event_id": "a"}) and not is_analyst_event({"id": "a", "event_id": None})
    with pytest.raises(ReviewError):
        plan_merge([{"id": "a", "category": "abuse"}, {"id": "b", "category": "protest_death"}], [], "ev-new")


def test_show_lists_the_event_and_its_other_sources(runner, db_path, ids):
    detail = _show(runner, db_path, ids["reuters"])
    event = detail["event"]
    assert {i["id"] for i in event["incidents"]} == {ids["reuters"], ids["efe"]}
    assert event["sources"] == 2
    row = next(r for r in _report(runner, db_path)["protest_deaths"] if r["figure"] == event["deaths"])
    assert {s.rsplit("/", 1)[-1] for s in row["sources"]} == {"reuters.txt", "efe.txt"}
    shown = _run(runner, db_path, "incident", "show", ids["reuters"]).stdout
    for expected in ("event", "2 sources", ids["efe"], "at least 18", "(EFE)"):
        assert expected in shown, (expected, shown)
    # Split out, it stands alone; rejected, it is counted nowhere.
    assert _run(runner, db_path, "incident", "split", ids["efe"], "--reason", "another day").exit_code == 0
    assert "no other source reports it" in _run(runner, db_path, "incident", "show", ids["efe"]).stdout
    assert _run(runner, db_path, "incident", "reject", ids["ap"], "--reason", "wrong toll").exit_code == 0
    assert _show(runner, db_path, ids["ap"])["event"] is None
    assert "not counted in any event" in _run(runner, db_path, "incident", "show", ids["ap"]).stdout
