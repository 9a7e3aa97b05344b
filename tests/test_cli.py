"""The real commands on a real temporary database."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from hrtracker.cli import app

PERU = (
    "LIMA, Jan 10 (Reuters) - At least 17 protesters were killed on Monday in clashes with police "
    "in the southern city of Juliaca, Peru's ombudsman said, the deadliest day of the unrest against "
    "President Dina Boluarte.\n\nThe ombudsman's office urged the authorities to investigate the deaths "
    "and punish those responsible for the excessive use of force."
)
COLOMBIA = (
    "BOGOTA, May 5, 2021 (Reuters) - At least 24 people have died during a week of protests against "
    "a tax reform in Colombia, many of them shot by the ESMAD riot police, rights groups said."
)
NOTHING = "The central bank kept interest rates unchanged on Tuesday, citing a 3% rise in prices."


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "peru.txt").write_text("January 10, 2023\n\n" + PERU, encoding="utf-8")
    (folder / "colombia.txt").write_text(COLOMBIA, encoding="utf-8")
    (folder / "economy.txt").write_text(NOTHING, encoding="utf-8")
    return folder


def _ingest(runner, db_path, *paths, jobs="1"):
    return runner.invoke(app, ["ingest", "--db", str(db_path), "--jobs", jobs, *map(str, paths)])


def test_ingest_twice_stores_once(runner, db_path, articles):
    first = _ingest(runner, db_path, articles)
    assert first.exit_code == 0, first.output
    assert "3 new, 0 already stored, 0 failed" in first.output
    second = _ingest(runner, db_path, articles)
    assert second.exit_code == 0
    assert "0 new, 3 already stored, 0 failed; 0 incidents added" in second.output
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 3
    incidents = conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0]
    assert incidents >= 2
    runs = conn.execute("SELECT documents_new, documents_existing FROM runs ORDER BY id").fetchall()
    assert runs == [(3, 0), (0, 3)]


def test_same_text_saved_with_different_whitespace_is_one_document(runner, db_path, tmp_path):
    (tmp_path / "a.txt").write_text(PERU, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PERU.replace(" ", "  ").replace("\n", "\r\n"), encoding="utf-8")
    result = _ingest(runner, db_path, tmp_path / "a.txt", tmp_path / "b.txt")
    assert "1 new, 1 already stored" in result.output


def test_broken_file_among_good_ones(runner, db_path, articles):
    (articles / "broken.jsonl").write_text('{"text": "' + COLOMBIA.replace("24", "25") + '"}\n{oops\n', encoding="utf-8")
    result = _ingest(runner, db_path, articles)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "broken.jsonl:2" in errors[0]
    assert "4 new, 0 already stored, 1 failed" in result.output
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 4


def test_missing_path_is_an_error_and_the_rest_is_stored(runner, db_path, articles):
    result = _ingest(runner, db_path, articles / "peru.txt", articles / "nope.txt")
    assert result.exit_code == 1
    assert "nope.txt: no such file or directory" in result.output
    assert "1 new" in result.output


@pytest.mark.parametrize("command", [["countries"], ["ingest", "-"], ["summary"], ["report", "--country", "Peru"]])
def test_a_database_where_no_folder_can_be_made_is_one_line(runner, tmp_path, command):
    """--db under a file (or where the folder cannot be created): one line naming the reason,
    exit code 2 as for any database that cannot be used, no traceback."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    result = runner.invoke(app, [*command, "--db", str(blocker / "hrtracker.db")], input=PERU)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {blocker / 'hrtracker.db'}"), lines
    assert f"{blocker} is a file, not a folder" in lines[0]


def test_parallel_ingest_matches_serial(runner, tmp_path, articles):
    _ingest(runner, tmp_path / "one.db", articles, jobs="1")
    _ingest(runner, tmp_path / "two.db", articles, jobs="2")
    query = "SELECT id, category, deaths_low, evidence_start FROM incidents ORDER BY id"
    one = sqlite3.connect(tmp_path / "one.db").execute(query).fetchall()
    two = sqlite3.connect(tmp_path / "two.db").execute(query).fetchall()
    assert one == two and one


def test_stdin_ingest(runner, db_path):
    result = runner.invoke(app, ["ingest", "--db", str(db_path), "--jobs", "1", "-"], input=PERU)
    assert result.exit_code == 0 and "1 new" in result.output


def test_quiet_and_json(runner, db_path, articles):
    quiet = runner.invoke(app, ["ingest", "--db", str(db_path), "-q", "--jobs", "1", str(articles)])
    assert quiet.exit_code == 0 and quiet.output == ""
    as_json = runner.invoke(app, ["ingest", "--db", str(db_path), "--json", "--jobs", "1", str(articles)])
    assert json.loads(as_json.output)["documents_existing"] == 3


def test_report_formats(runner, db_path, articles):
    _ingest(runner, db_path, articles)
    for name in ("Peru", "Perú", "PE", "per", "peru"):
        result = runner.invoke(app, ["report", "--db", str(db_path), "--country", name])
        assert result.exit_code == 0, result.output
        assert "Peru" in result.output and "17" in result.output
    data = json.loads(runner.invoke(app, ["report", "--db", str(db_path), "--country", "Peru", "--format", "json"]).output)
    assert data["country"] == "Peru" and data["deaths"]["low"] == 17
    assert data["protest_deaths"][0]["sources"] == [str(articles / "peru.txt")]
    markdown = runner.invoke(app, ["report", "--db", str(db_path), "-c", "Peru", "--format", "markdown"]).output
    assert markdown.startswith("# Peru (PER)") and "## Protest deaths" in markdown
    html = runner.invoke(app, ["report", "--db", str(db_path), "-c", "Peru", "--format", "html"]).output
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "<script" not in html


def test_unknown_country_suggests(runner, db_path):
    result = runner.invoke(app, ["report", "--db", str(db_path), "--country", "Peur"])
    assert result.exit_code == 2
    assert "Did you mean" in result.output and "Peru" in result.output


@pytest.mark.parametrize("value", ["yesterday", "2023-13", "2023-02-30", "2023-1-5"])
def test_bad_date_is_usage_error(runner, db_path, value):
    result = runner.invoke(app, ["report", "--db", str(db_path), "--country", "Peru", "--since", value])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: --since takes a date like 2023, 2023-02 or 2023-02-14, not '{value}'"


@pytest.mark.parametrize(
    "since, until, ok",
    [("2023-05-01", "2022-01-01", False), ("2023-02", "2023-01-31", False), ("2023-01-05", "2023-01", True), ("2023", "2023-06-30", True)],
)
def test_since_after_until_is_a_usage_error(runner, db_path, articles, since, until, ok):
    _ingest(runner, db_path, articles)
    result = runner.invoke(app, ["report", "--db", str(db_path), "--country", "Peru", "--since", since, "--until", until])
    if ok:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 2
        assert result.output.strip() == f"error: --since {since} is after --until {until}"


def test_export_to_a_file_that_cannot_be_written(runner, db_path, articles, tmp_path, monkeypatch):
    """A folder or a missing folder: one line, exit 2. A write failing midway (a full disk):
    one line, exit 1, and the export from before is left whole: the file is written beside
    and renamed over it at the end."""
    _ingest(runner, db_path, articles)
    folder = runner.invoke(app, ["export", "--db", str(db_path), "-o", str(tmp_path)])
    assert folder.exit_code == 2 and "a folder" in folder.output
    missing = runner.invoke(app, ["export", "--db", str(db_path), "-o", str(tmp_path / "no" / "x.jsonl")])
    assert missing.exit_code == 2 and missing.output.startswith(f"error: {tmp_path / 'no' / 'x.jsonl'}: cannot write")
    out = tmp_path / "incidents.jsonl"
    assert runner.invoke(app, ["export", "--db", str(db_path), "-o", str(out)]).exit_code == 0
    before = out.read_text(encoding="utf-8")
    assert before.count("\n") >= 2

    from hrtracker.render import export as export_module

    def full_disk(records, fmt, handle):
        handle.write("{half a record")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "write_export", full_disk)
    failed = runner.invoke(app, ["export", "--db", str(db_path), "-o", str(out)])
    assert failed.exit_code == 1
    assert failed.output.strip() == f"error: {out}: writing the export failed (no space left on device); nothing written"
    assert out.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_export_formats(runner, db_path, articles, tmp_path):
    _ingest(runner, db_path, articles)
    lines = runner.invoke(app, ["export", "--db", str(db_path)]).output.strip().splitlines()
    records = [json.loads(line) for line in lines]
    fields = {"id", "document_id", "source", "published", "category", "subtype", "country", "country_code",
              "deaths_low", "deaths_best", "deaths_high", "injured_low", "injured_best", "injured_high",
              "arrested_low", "arrested_best", "arrested_high", "period_start", "period_end", "perpetrator",
              "perpetrator_text", "victims", "victims_text", "caller", "target", "demand", "evidence",
              "evidence_start", "evidence_end", "confidence", "rules"}
    assert records and all(set(r) == fields for r in records)
    conn = sqlite3.connect(db_path)
    for record in records:
        text = conn.execute("SELECT text FROM documents WHERE id = ?", [record["document_id"]]).fetchone()[0]
        assert text[record["evidence_start"] : record["evidence_end"]] == record["evidence"]
    peru = runner.invoke(app, ["export", "--db", str(db_path), "--country", "Peru", "--format", "csv"]).output
    assert peru.splitlines()[0].startswith("id,document_id,source")
    out = tmp_path / "acled.csv"
    runner.invoke(app, ["export", "--db", str(db_path), "--format", "acled", "-o", str(out)])
    header = out.read_text(encoding="utf-8").splitlines()[0]
    for column in ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "fatalities", "notes", "source"):
        assert column in header


def test_summary_since_last(runner, db_path, articles, tmp_path):
    first = runner.invoke(app, ["summary", "--db", str(db_path)])
    assert first.exit_code == 0 and first.output.startswith("Nothing new")
    _ingest(runner, db_path, articles / "peru.txt")
    second = runner.invoke(app, ["summary", "--db", str(db_path)])
    assert second.exit_code == 0 and "Peru" in second.output and "New deaths" in second.output
    third = runner.invoke(app, ["summary", "--db", str(db_path)])
    assert third.output.startswith("Nothing new")
    week = runner.invoke(app, ["summary", "--db", str(db_path), "--since", "7d", "--format", "json"])
    assert json.loads(week.output)["new_incidents"] >= 1


def test_countries_and_runs(runner, db_path, articles):
    _ingest(runner, db_path, articles)
    lines = runner.invoke(app, ["countries", "--db", str(db_path), "--json"]).output.strip().splitlines()
    codes = {json.loads(line)["country_code"] for line in lines}
    assert {"PER", "COL"} <= codes
    runs = runner.invoke(app, ["runs", "--db", str(db_path), "--json"]).output.strip().splitlines()
    assert json.loads(runs[0])["documents_new"] == 3


def test_extract_prints_and_stores_nothing(runner, db_path, articles):
    result = runner.invoke(app, ["extract", str(articles / "peru.txt"), "--format", "jsonl"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    assert any(r["category"] == "protest_death" and r["deaths_low"] == 17 for r in records)
    assert all(r["rules"] for r in records)
    assert not db_path.exists()
    table = runner.invoke(app, ["extract", str(articles / "peru.txt"), "--explain"])
    assert "protest_death" in table.output and "evidence" in table.output
    missing = runner.invoke(app, ["extract", str(articles / "nope.txt")])
    assert missing.exit_code == 2


def test_markup_and_escapes_in_articles_stay_inert(runner, db_path, tmp_path):
    hostile = (
        "LIMA (Reuters) - [bold red]At least 17 protesters were killed[/bold red] by police in Juliaca, Peru "
        "\x1b]0;pwned\x07\x1b[31m <script>alert(1)</script> \u202eevil."
    )
    (tmp_path / "hostile.txt").write_text(hostile, encoding="utf-8")
    _ingest(runner, db_path, tmp_path / "hostile.txt")
    for fmt in ("rich", "markdown", "json", "html"):
        output = runner.invoke(app, ["report", "--db", str(db_path), "-c", "Peru", "--format", fmt], env={"COLUMNS": "300"}).output
        assert "\x1b" not in output and "\u202e" not in output and "\x07" not in output
        if fmt != "rich":  # a terminal shows tags as text; pages and documents must not carry them
            assert "<script>" not in output
    rich = runner.invoke(app, ["report", "--db", str(db_path), "-c", "Peru"], env={"COLUMNS": "300"}).output
    assert "[bold red]" in rich  # shown literally, not interpreted
    extract = runner.invoke(app, ["extract", str(tmp_path / "hostile.txt")], env={"COLUMNS": "300"}).output
    assert "\x1b" not in extract and "[bold red]" in extract


def test_help_starts_without_the_heavy_modules():
    """`hrtracker --help` must start fast: the store, pydantic and the extractor load only in
    the commands that need them (the benchmark times it; this guards against an import that
    slips back to the top level)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from hrtracker.cli import main\n"
        "sys.argv = ['hrtracker', '--help']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('hrtracker.store', 'sqlite_utils', 'pydantic', 'hrtracker.extract.pipeline') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout, result.stdout[-300:]


@pytest.mark.parametrize(
    "content, reason",
    [
        ("{broken", "invalid JSON at line 1: Expecting property name enclosed in double quotes"),
        ('[{"category": "protest_death"}]', "expected an object with 'file' (a string) and 'documents' (a list)"),
        ('{"file": "a.txt", "documents": ["x"]}', "document 1 is not an object"),
        ('{"file": "a.txt", "documents": [{"incidents": {"category": "abuse"}}]}', "document 1: 'incidents' must be a list of objects"),
    ],
)
def test_evaluate_names_a_malformed_gold_file(runner, tmp_path, content, reason):
    gold = tmp_path / "gold"
    (gold / "articles").mkdir(parents=True)
    (gold / "expected").mkdir()
    (gold / "articles" / "a.txt").write_text(PERU, encoding="utf-8")
    (gold / "expected" / "a.txt.json").write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {gold / 'expected' / 'a.txt.json'}: {reason}"
