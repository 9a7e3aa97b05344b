"""The command line: each command parses its options, calls one function and hands the result
to a renderer. Heavy modules are imported inside the commands so `--help` starts fast."""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from .store import Store

app = typer.Typer(
    help="Track human-rights abuses and calls for accountability from saved news articles.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
incident_app = typer.Typer(help="Review incidents: show, confirm, reject or edit one; merge or split events.", no_args_is_help=True)

DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", help="SQLite file (default: $HRTRACKER_DB, then the user data directory).", show_default=False),
]
_state: dict[str, Optional[Path]] = {"db": None}


class ReportFormat(str, Enum):
    rich = "rich"
    markdown = "markdown"
    json = "json"
    html = "html"


class SummaryFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    acled = "acled"


class ExtractFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    documents = "documents"


@app.callback()
def main_options(db: DbOption = None) -> None:
    """hrtracker: ingest articles, then report per country, summarize and export."""
    _state["db"] = db


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one clear line on stderr and return the exit to raise."""
    from .render import safe

    print(f"error: {safe(message)}", file=sys.stderr)
    return typer.Exit(code)


def open_store(db: Optional[Path]) -> Store:
    from .paths import database_path
    from .store import Store, StoreError

    path = database_path(db or _state["db"])
    _state["opened"] = path
    try:
        return Store(path)
    except StoreError as exc:
        raise fail(str(exc)) from None


def check_user_data() -> None:
    """A broken user gazetteer or actor file is a usage error, reported before any work."""
    from .extract import check_user_data as check

    try:
        check()
    except ValueError as exc:
        raise fail(str(exc)) from None


def console(stderr: bool = False):  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, markup=False, emoji=False)


def resolve_country(name: str):  # type: ignore[no-untyped-def]
    from .extract.places import lookup_country, suggest_countries

    country = lookup_country(name)
    if country is None:
        suggestions = suggest_countries(name)
        hint = f" Did you mean {' or '.join(suggestions)}?" if suggestions else ""
        raise fail(f"unknown country '{name}'.{hint}")
    return country




def check_date(value: Optional[str], option: str) -> Optional[str]:
    from .partial_dates import on_the_calendar

    if value is None:
        return None
    if not on_the_calendar(value):
        raise fail(f"{option} takes a date like 2023, 2023-02 or 2023-02-14, not '{value}'")
    return value


# -- ingest -----------------------------------------------------------------------------------


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes (default: CPU count).", min=1)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the tally as JSON.")] = False,
    wait: Annotated[bool, typer.Option("--wait/--no-wait", help="When another ingest or reextract is running on the database: wait for it (default), or do nothing and exit 0.")] = True,
    db: DbOption = None,
) -> None:
    """Read articles, extract incidents and store both; skips documents already stored."""
    from .ingest import run_ingest
    from .render import safe

    check_user_data()
    with writer_lock(db, "ingest", wait):
        store = open_store(db)
        out = console()
        err_lines: list[str] = []

        def on_error(error) -> None:  # type: ignore[no-untyped-def]
            line = f"error: {safe(error)}"
            err_lines.append(line)
            print(line, file=sys.stderr, flush=True)

        show_progress = out.is_terminal and not quiet and not as_json
        if show_progress:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            with Progress(SpinnerColumn(), TextColumn("{task.completed} documents"), TimeElapsedColumn(), console=out, transient=True) as progress:
                task = progress.add_task("ingest", total=None)
                tally = run_ingest(paths, store, jobs=jobs, on_error=on_error, on_progress=lambda n: progress.advance(task, n))
        else:
            tally = run_ingest(paths, store, jobs=jobs, on_error=on_error)
        store.close()
    if as_json:
        print(json.dumps(tally.as_dict()))
    elif not quiet:
        print(tally.line())
    if tally.failed:
        raise typer.Exit(1)


# -- extract ----------------------------------------------------------------------------------


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="One file, or - for stdin (text, HTML or JSONL documents).")],
    fmt: Annotated[
        ExtractFormat,
        typer.Option(
            "--format", "-f",
            help="table for people; jsonl for pipes (one incident a line); documents: one document a line with its incidents, which ingest stores without extracting again.",
        ),
    ] = ExtractFormat.table,
    explain: Annotated[bool, typer.Option("--explain", help="Show the rules and the spans that filled each field.")] = False,
) -> None:
    """Show what the extractor finds in one file, storing nothing."""
    from .extract import extract as run_extract
    from .render import safe
    from .sources import SourceError, iter_inputs, make_document

    if path != "-" and not Path(path).exists():
        raise fail(f"{path}: no such file or directory")
    check_user_data()
    failed = False
    out = console()
    for item in iter_inputs([path]):
        if isinstance(item, SourceError):
            failed = True
            print(f"error: {safe(item)}", file=sys.stderr)
            continue
        document = make_document(item)
        incidents = run_extract(document)
        if fmt is ExtractFormat.documents:
            from .render.extract import document_line

            sys.stdout.write(json.dumps(document_line(document, incidents), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif fmt is ExtractFormat.jsonl:
            for incident in incidents:
                record = incident.model_dump()
                if explain:
                    record["spans"] = incident.spans
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            # A filter in a pipe: each document's records go out as soon as it is read.
            sys.stdout.flush()
        else:
            from .render.extract import render_incidents

            render_incidents(document, incidents, out, explain)
    if failed:
        raise typer.Exit(1)


# -- report, summary, export, countries, runs ---------------------------------------------------


@app.command()
def report(
    country: Annotated[str, typer.Option("--country", "-c", help="English or Spanish name, ISO-2 or ISO-3 code.")],
    since: Annotated[Optional[str], typer.Option(help="Only incidents on or after this date.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only incidents on or before this date.")] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.rich,
    limit: Annotated[
        Optional[int],
        typer.Option("--limit", help="Events listed per table, newest first (figures count all). Default: 25 in the terminal format, 100 in the others.", min=1),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="List every event in the tables.")] = False,
    db: DbOption = None,
) -> None:
    """The per-country report: figures, timeline, protest deaths, abuses and calls."""
    from .report import DEFAULT_ROW_LIMIT, TERMINAL_ROW_LIMIT, build_country_report

    if limit is None:
        limit = TERMINAL_ROW_LIMIT if fmt is ReportFormat.rich else DEFAULT_ROW_LIMIT

    from .partial_dates import starts_after

    resolved = resolve_country(country)
    since, until = check_date(since, "--since"), check_date(until, "--until")
    if since and until and starts_after(since, until):
        raise fail(f"--since {since} is after --until {until}")
    with open_store(db) as store:
        data = build_country_report(store, resolved.code3, resolved.name, since, until, None if show_all else limit)
    if fmt is ReportFormat.json:
        from .render import json_text

        print(json_text(data.to_dict()))
    elif fmt is ReportFormat.markdown:
        from .render.markdown import render_report

        sys.stdout.write(render_report(data))
    elif fmt is ReportFormat.html:
        from .render.html import render_report as render_html

        sys.stdout.write(render_html(data))
    else:
        from .render.terminal import render_report as render_rich

        render_rich(data, console())


def parse_since(value: str) -> str:
    """'24h', '7d', '2w', a date or a timestamp → a UTC timestamp string for comparisons."""
    match = re.fullmatch(r"(\d+)\s*([hdw])", value.strip())
    now = datetime.now(UTC)
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        delta = {"h": timedelta(hours=amount), "d": timedelta(days=amount), "w": timedelta(weeks=amount)}[unit]
        return (now - delta).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise fail(f"--since takes 'last', a duration like 24h or 7d, or a date like 2024-01-01, not '{value}'") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@app.command()
def summary(
    since: Annotated[str, typer.Option(help="'last' (the last summary), a duration (24h, 7d) or a date.")] = "last",
    fmt: Annotated[Optional[SummaryFormat], typer.Option("--format", "-f", help="Default: rich on a terminal, text otherwise.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Events listed per country and list (changed tolls too), the latest.", min=1)] = 20,
    show_all: Annotated[bool, typer.Option("--all", help="List every new event.")] = False,
    db: DbOption = None,
) -> None:
    """The digest for cron: what was added since the last summary, by country."""
    from .report import SUMMARY_KEY, build_summary
    from .store import now_iso

    # Moving the mark waits for a running ingest, or the documents it is writing would be
    # behind the mark before any digest saw them.
    lock = writer_lock(db, "summary", True) if since == "last" else contextlib.nullcontext()
    with lock, open_store(db) as store:
        until = now_iso()
        start = store.get_state(SUMMARY_KEY) if since == "last" else parse_since(since)
        data = build_summary(store, start, until, None if show_all else limit)
        if since == "last":
            store.set_state(SUMMARY_KEY, until)
    out = console()
    if fmt is SummaryFormat.json:
        from .render import json_text

        print(json_text(data.to_dict()))
    elif fmt is SummaryFormat.markdown or fmt is SummaryFormat.text or not out.is_terminal:
        from .render.markdown import render_summary

        sys.stdout.write(render_summary(data, markdown=fmt is SummaryFormat.markdown))
    else:
        from .render.terminal import render_summary as render_rich

        render_rich(data, out)


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    country: Annotated[Optional[str], typer.Option("--country", "-c")] = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
    db: DbOption = None,
) -> None:
    """Every incident, one record each (jsonl, csv, or ACLED-style csv)."""
    from .render import safe
    from .render.export import write_export

    code = resolve_country(country).code3 if country else None
    with open_store(db) as store:
        records = store.iter_incidents(country_code=code)
        if output:
            count = _write_file(output, lambda handle: write_export(records, fmt.value, handle))
            print(f"{count} incidents written to {safe(output)}", file=sys.stderr)
        else:
            write_export(records, fmt.value, sys.stdout)


def _write_file(path: Path, write: Callable[[IO[str]], int]) -> int:
    """Write through a temporary file beside `path`, renamed over it at the end: a script
    never finds half an export, and a failed export leaves the previous one as it was. A path
    that cannot be written is one line, exit 2; a write that fails midway (a full disk), exit 1."""
    import os

    if path.is_dir():
        raise fail(f"{path}: cannot write the export (a folder; give a file name)")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        handle = temporary.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise fail(f"{path}: cannot write the export ({(exc.strerror or str(exc)).lower()})") from None
    try:
        with handle:
            count = write(handle)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise fail(f"{path}: writing the export failed ({(exc.strerror or str(exc)).lower()}); nothing written", 1) from None
    return count


@app.command()
def countries(
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
    db: DbOption = None,
) -> None:
    """One line per country: incidents by category, deaths, last incident date."""
    from .report import country_lines

    with open_store(db) as store:
        rows = country_lines(store)
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    from .render.terminal import render_countries

    render_countries(rows, console())


@app.command()
def runs(
    limit: Annotated[int, typer.Option(help="How many runs, newest first.")] = 20,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    db: DbOption = None,
) -> None:
    """The recorded ingest runs: start, end, files seen / new / failed, incidents added."""
    with open_store(db) as store:
        rows = store.runs(limit)
    if as_json:
        for row in rows:
            print(json.dumps(row))
        return
    from .render.terminal import render_runs

    render_runs(rows, console())


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="A gold folder with articles/ and expected/ (see fixtures/README.md).")] = Path("fixtures"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    errors: Annotated[bool, typer.Option("--errors/--no-errors", help="List misses, false positives and field errors.")] = True,
) -> None:
    """Score the extractor on a gold set through the real ingest and export path."""
    import tempfile

    from .gold import GoldError, evaluate_folder, report_lines

    if not (gold / "expected").is_dir() or not (gold / "articles").is_dir():
        raise fail(f"{gold}: not a gold folder (needs articles/ and expected/)")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            scores = evaluate_folder(gold, Path(tmp) / "gold.db")
        except GoldError as exc:
            raise fail(str(exc)) from None
    figures = scores.summary()
    if as_json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{figures['documents']} documents, {figures['expected']} expected incidents")
        for category, s in figures["by_category"].items():
            print(f"  {category:20} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
        for name in ("subtype_accuracy", "death_count_accuracy", "country_accuracy", "period_accuracy", "field_accuracy"):
            print(f"  {name:22} {figures[name]}")
        print(f"  forbidden records      {figures['forbidden']}")
    if errors and not as_json:
        from .render import safe

        for line in report_lines(scores):
            print(safe(line))


# -- search, review, reextract, serve --------------------------------------------------------


@app.command()
def search(
    query: Annotated[str, typer.Argument(metavar="QUERY", help='Words to find; FTS5 syntax: "exact phrase", OR, NOT, prefix*.')],
    country: Annotated[Optional[str], typer.Option("--country", "-c", help="Only incidents in this country, and documents holding one.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many results, best first.", min=1)] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines; highlights are [start, end] offsets into the snippet.")] = False,
    db: DbOption = None,
) -> None:
    """Full-text search over documents and incident evidence, with highlighted snippets."""
    from .errors import StoreError

    code = resolve_country(country).code3 if country else None
    with open_store(db) as store:
        try:
            rows = store.search(query, code, limit)
        except StoreError as exc:
            raise fail(str(exc)) from None
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    from .render.review import render_search

    render_search(rows, query, console())


Count = typer.Option(metavar="N|none", help="A whole number, or none.")
IncidentId = Annotated[str, typer.Argument(metavar="ID", help="The incident's id, as shown by report, export and search.")]
Reason = Annotated[str, typer.Option("--reason", "-r", help="Why: kept with the correction.")]


def _review(db: Optional[Path], incident_id: str, action: str, reason: Optional[str], changes: Optional[dict] = None) -> list[dict]:  # type: ignore[type-arg]
    from .errors import StoreError
    from .review import ReviewError

    if reason is not None and not reason.strip():
        raise fail("--reason cannot be empty")
    with open_store(db) as store:
        try:
            return store.review_incident(incident_id, action, changes, reason)
        except (StoreError, ReviewError) as exc:
            raise fail(str(exc)) from None


@incident_app.command("show")
def incident_show(
    incident_id: IncidentId,
    as_json: Annotated[bool, typer.Option("--json", help="The record, its document and its corrections as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Every field of one incident, its evidence in context with the source, and its corrections."""
    from .report import incident_detail

    with open_store(db) as store:
        detail = incident_detail(store, incident_id)
    if detail is None:
        raise fail(f"no incident with id '{incident_id}'")
    if as_json:
        print(json.dumps(detail, ensure_ascii=False, indent=2))
        return
    from .render.review import render_incident

    render_incident(detail, console())


@incident_app.command("confirm")
def incident_confirm(
    incident_id: IncidentId,
    reason: Annotated[Optional[str], typer.Option("--reason", "-r", help="Why: kept with the correction.")] = None,
    db: DbOption = None,
) -> None:
    """Mark an incident as checked and right (also brings back a rejected one)."""
    _review(db, incident_id, "confirm", reason)
    print(f"incident {incident_id} confirmed")


@incident_app.command("reject")
def incident_reject(incident_id: IncidentId, reason: Reason, db: DbOption = None) -> None:
    """Mark an incident as wrong: it leaves reports, summaries and exports (search still finds it)."""
    _review(db, incident_id, "reject", reason)
    print(f"incident {incident_id} rejected")


@incident_app.command("edit")
def incident_edit(
    incident_id: IncidentId,
    reason: Reason,
    category: Annotated[Optional[str], typer.Option(help="protest_death, abuse or accountability_call.")] = None,
    subtype: Annotated[Optional[str], typer.Option(help="A subtype valid for the category (see the contract's vocabularies).")] = None,
    country: Annotated[Optional[str], typer.Option("--country", "-c", help="Where it happened: a name or ISO code (sets country and country_code).")] = None,
    deaths_low: Annotated[Optional[str], Count] = None,
    deaths_best: Annotated[Optional[str], Count] = None,
    deaths_high: Annotated[Optional[str], Count] = None,
    injured_low: Annotated[Optional[str], Count] = None,
    injured_best: Annotated[Optional[str], Count] = None,
    injured_high: Annotated[Optional[str], Count] = None,
    arrested_low: Annotated[Optional[str], Count] = None,
    arrested_best: Annotated[Optional[str], Count] = None,
    arrested_high: Annotated[Optional[str], Count] = None,
    period_start: Annotated[Optional[str], typer.Option(help="A date like 2023, 2023-02 or 2023-02-14.")] = None,
    period_end: Annotated[Optional[str], typer.Option(help="A date like 2023, 2023-02 or 2023-02-14.")] = None,
    perpetrator: Annotated[Optional[str], typer.Option(help="police, military, security_forces, government, armed_group, ...")] = None,
    perpetrator_text: Annotated[Optional[str], typer.Option(help="The perpetrator as written.")] = None,
    victims: Annotated[Optional[str], typer.Option(help="protesters, civilians, journalists, ...")] = None,
    victims_text: Annotated[Optional[str], typer.Option(help="The victims as written.")] = None,
    caller: Annotated[Optional[str], typer.Option(help="Who calls for accountability.")] = None,
    target: Annotated[Optional[str], typer.Option(help="On whom the call is made.")] = None,
    demand: Annotated[Optional[str], typer.Option(help="What is demanded.")] = None,
    db: DbOption = None,
) -> None:
    """Correct fields of an incident; 'none' empties a field. Each change is kept with its old
    and new value, time and reason, and survives `reextract`."""
    from .review import ReviewError, parse_value

    given = {
        "category": category, "subtype": subtype, "deaths_low": deaths_low, "deaths_best": deaths_best,
        "deaths_high": deaths_high, "injured_low": injured_low, "injured_best": injured_best,
        "injured_high": injured_high, "arrested_low": arrested_low, "arrested_best": arrested_best,
        "arrested_high": arrested_high, "period_start": period_start, "period_end": period_end,
        "perpetrator": perpetrator, "perpetrator_text": perpetrator_text, "victims": victims,
        "victims_text": victims_text, "caller": caller, "target": target, "demand": demand,
    }  # fmt: skip
    try:
        changes = {name: parse_value(name, value) for name, value in given.items() if value is not None}
    except ReviewError as exc:
        raise fail(str(exc)) from None
    if country is not None:
        if parse_value("country", country) is None:
            changes["country"] = changes["country_code"] = None
        else:
            resolved = resolve_country(country)
            changes["country"], changes["country_code"] = resolved.name, resolved.code3
    if not changes:
        raise fail("nothing to edit: give at least one field option, e.g. --deaths-low 50")
    recorded = _review(db, incident_id, "edit", reason, changes)
    from .render import safe

    for item in recorded:
        old = "none" if item["old_value"] is None else safe(item["old_value"])
        new = "none" if item["new_value"] is None else safe(item["new_value"])
        print(f"{item['field']}: {old} → {new}")
    if recorded:
        print(f"incident {incident_id} edited ({len(recorded)} field{'s' if len(recorded) != 1 else ''})")
    else:
        print(f"incident {incident_id} already has these values; nothing changed")


app.add_typer(incident_app, name="incident")


@app.command()
def reextract(
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes (default: CPU count).", min=1)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the tally as JSON.")] = False,
    wait: Annotated[bool, typer.Option("--wait/--no-wait", help="When another ingest or reextract is running on the database: wait for it (default), or do nothing and exit 0.")] = True,
    db: DbOption = None,
) -> None:
    """Run the current extractor over every stored document; human corrections are kept."""
    from .reextract import run_reextract

    with writer_lock(db, "reextract", wait), open_store(db) as store:
        tally = run_reextract(store, jobs=jobs)
    print(json.dumps(tally.as_dict()) if as_json else tally.line())


@app.command()
def serve(
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on.")] = 8001,
    host: Annotated[str, typer.Option(help="Interface to listen on (0.0.0.0 exposes it to the network).")] = "127.0.0.1",
    db: DbOption = None,
) -> None:
    """Browse and query the database in Datasette (needs the optional extra `datasette`)."""
    import importlib.util
    import os
    import subprocess

    if importlib.util.find_spec("datasette") is None:
        raise fail("Datasette is not installed: pip install 'hrtracker[datasette]'", code=1)
    with open_store(db) as store:  # creates and migrates the file first
        path = store.path
    command = [sys.executable, "-m", "datasette", "serve", str(path), "--port", str(port), "--host", host]
    if os.name == "posix":
        # Become Datasette, so signals (Ctrl-C, a service manager's TERM) reach the server.
        os.execv(sys.executable, command)
    try:
        code = subprocess.call(command)
    except KeyboardInterrupt:
        code = 0
    raise typer.Exit(code)


def _regroup(db: Optional[Path], action: str, incident_ids: list[str], reason: Optional[str]) -> list[dict]:  # type: ignore[type-arg]
    from .errors import StoreError
    from .review import ReviewError

    if reason is not None and not reason.strip():
        raise fail("--reason cannot be empty")
    with open_store(db) as store:
        try:
            return store.regroup_incidents(action, incident_ids, reason)
        except (StoreError, ReviewError) as exc:
            raise fail(str(exc)) from None


@incident_app.command("merge")
def incident_merge(
    incident_ids: Annotated[list[str], typer.Argument(metavar="ID ID...", help="Two or more incidents that report the same event.")],
    reason: Annotated[Optional[str], typer.Option("--reason", "-r", help="Why: kept with the correction.")] = None,
    db: DbOption = None,
) -> None:
    """Make incidents one event in reports, whatever the automatic grouping says (their events
    merge whole). Recorded as corrections; survives `reextract`."""
    changes = _regroup(db, "merge", incident_ids, reason)
    if not changes:
        print("these incidents are already one event; nothing changed")
        return
    event_id = changes[0]["new_value"]
    for change in changes:
        print(f"{change['incident_id']}: event {change['old_value'] or 'none'} → {event_id}")
    print(f"{len(changes)} incident{'s' if len(changes) != 1 else ''} moved into event {event_id}")


@incident_app.command("split")
def incident_split(
    incident_ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Incidents to take out of their event.")],
    reason: Annotated[Optional[str], typer.Option("--reason", "-r", help="Why: kept with the correction.")] = None,
    db: DbOption = None,
) -> None:
    """Take an incident out of its event, analyst-made or automatic: it stands alone in reports
    from now on and the automatic grouping never joins it with others (`merge` brings it back)."""
    changes = _regroup(db, "split", incident_ids, reason)
    for change in changes:
        print(f"incident {change['incident_id']} split out of event {change['old_value'] or '(automatic)'}; it stands alone")
    for incident_id in dict.fromkeys(incident_ids):
        if incident_id not in {c["incident_id"] for c in changes}:
            print(f"incident {incident_id} already stands alone; nothing changed")


@contextlib.contextmanager
def writer_lock(db: Optional[Path], command: str, wait: bool):  # type: ignore[no-untyped-def]
    """Hold the database's run lock for the block (see lock.py). Waiting is announced in one
    line on stderr; not waiting, a busy database is a normal outcome: one line, exit 0."""
    from .lock import Busy, NoLockFile, exclusive
    from .paths import database_path

    path = database_path(db or _state["db"])

    def announce(holder) -> None:  # type: ignore[no-untyped-def]
        print(f"{holder.describe()} is running on {path}; waiting", file=sys.stderr, flush=True)

    try:
        with exclusive(path, command, wait=wait, on_wait=announce):
            yield
    except Busy as busy:
        print(f"{busy} is running on {path}; nothing done", file=sys.stderr)
        raise typer.Exit(0) from None
    except NoLockFile as exc:  # as for a database that cannot be opened there: usage, exit 2
        raise fail(str(exc)) from None


def main() -> None:
    import sqlite3

    from .errors import StoreError

    try:
        app()
    except StoreError as exc:  # a database problem found mid-command: one line, no traceback
        from .render import safe

        print(f"error: {safe(str(exc))}", file=sys.stderr)
        sys.exit(1)
    except sqlite3.DatabaseError as exc:  # the disk filled up, the file was made read-only...
        from .render import safe

        where = _state.get("opened") or "the database"
        print(
            f"error: {safe(where)}: {safe(str(exc))} (every transaction committed before is kept;"
            " run the command again once this is fixed)",
            file=sys.stderr,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
