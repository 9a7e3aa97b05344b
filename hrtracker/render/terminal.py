"""Rich output for the terminal. Values are always wrapped in `Text`, never parsed as markup."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..report import CountryReport, Row, Summary
from . import (
    SUBTYPE_LABELS,
    SUMMARY_PLURALS,
    SUMMARY_SECTIONS,
    omitted_note,
    review_mark,
    safe,
    shorten,
    summary_note,
)


def t(value: object, style: str = "") -> Text:
    return Text(safe(value), style=style)


def _period(report: CountryReport) -> str:
    if not report.period_start:
        return "no dated incidents"
    return f"{report.period_start} to {report.period_end}"


MAX_MONTHS = 36  # longer timelines are drawn by year: a screen, not a scroll


def by_year(timeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The monthly timeline summed by year ('undated' stays apart, last)."""
    years: dict[str, dict[str, Any]] = {}
    for month in timeline:
        key = month["month"] if month["month"] == "undated" else month["month"][:4]
        year = years.setdefault(key, {"month": key, "incidents": 0, "deaths": 0})
        year["incidents"] += month["incidents"]
        year["deaths"] += month["deaths"] or 0
    return sorted(years.values(), key=lambda y: (y["month"] == "undated", y["month"]))


def timeline_chart(timeline: list[dict[str, Any]], width: int = 40) -> Table:
    """Bars by month (by year when the timeline is longer than MAX_MONTHS): events, with the
    deaths stated in them."""
    yearly = len(timeline) > MAX_MONTHS
    if yearly:
        timeline = by_year(timeline)
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Year" if yearly else "Month")
    table.add_column("Events", justify="right")
    table.add_column("")
    table.add_column("Deaths", justify="right")
    peak = max((m["incidents"] for m in timeline), default=1) or 1
    for month in timeline:
        bar = "█" * max(1, round(month["incidents"] / peak * width))
        table.add_row(t(month["month"]), str(month["incidents"]), Text(bar, style="cyan"), str(month["deaths"] or ""))
    return table


def _evidence(row: Row) -> Text:
    text = t("“" + shorten(row.evidence, 220) + "”", "italic")
    text.append(Text("\n" + ", ".join(safe(s) for s in row.sources) + f"  [{row.id}]", style="dim"))
    if row.review_status:
        text.append(Text("  " + review_mark(row.review_status), style="bold green"))
    return text


def _note(console: Console, omitted: dict[str, int], table: str) -> None:
    note = omitted_note(omitted, table)
    if note:
        console.print(Text(note, style="dim"))


def render_report(report: CountryReport, console: Console) -> None:
    header = Text()
    header.append(safe(report.country), style="bold")
    header.append(f" ({report.country_code})\n")
    header.append(f"{report.incidents} incidents ({report.events} events) from {report.sources} sources, {_period(report)}")
    if report.since or report.until:
        header.append(f"\nfiltered: {report.since or '…'} to {report.until or '…'}", style="dim")
    console.print(Panel(header, title="hrtracker report", expand=False))

    figures = Table(title="Key figures", show_header=True, header_style="bold")
    figures.add_column("")
    figures.add_column("Figure", justify="right")
    figures.add_column("Events", justify="right")
    figures.add_column("Sources", justify="right")
    for label, figure in (("Deaths", report.deaths), ("Injured", report.injured), ("Detained", report.detained)):
        figures.add_row(label, figure.text(), str(figure.events), str(figure.sources))
    console.print(figures)
    if report.timeline:
        console.print(Panel(timeline_chart(report.timeline), title="Timeline", expand=False))

    if report.protest_deaths:
        table = Table(title="Protest deaths", show_lines=True, header_style="bold")
        for column in ("Date", "Deaths", "Perpetrator", "Victims", "Evidence and source"):
            table.add_column(column)
        for row in report.protest_deaths:
            figure = row.figure + (" (part of a larger toll)" if row.part_of_larger else "")
            table.add_row(t(row.date), t(figure), t(row.perpetrator), t(row.victims), _evidence(row))
        console.print(table)
        _note(console, report.omitted, "protest_death")
    for subtype, rows in report.abuses.items():
        table = Table(title=f"Abuses: {SUBTYPE_LABELS.get(subtype, subtype)}", show_lines=True, header_style="bold")
        for column in ("Date", "Perpetrator", "Victims", "Figure", "Evidence and source"):
            table.add_column(column)
        for row in rows:
            table.add_row(t(row.date), t(row.perpetrator), t(row.victims), t(row.figure), _evidence(row))
        console.print(table)
        _note(console, report.omitted, f"abuse:{subtype}")
    if report.calls:
        table = Table(title="Calls for accountability", show_lines=True, header_style="bold")
        for column in ("Date", "Caller → target", "Demand", "Evidence and source"):
            table.add_column(column)
        for row in report.calls:
            who = t(row.caller)
            who.append(" → ")
            who.append(safe(row.target))
            table.add_row(t(row.date), who, t(shorten(row.demand, 160)), _evidence(row))
        console.print(table)
        _note(console, report.omitted, "accountability_call")
    if not report.incidents:
        console.print(Text("No incidents stored for this country yet.", style="yellow"))


def render_summary(summary: Summary, console: Console) -> None:
    if summary.nothing_new:
        console.print(Text(f"Nothing new since {summary.since_text}."))
        return
    console.print(
        Text(
            f"hrtracker summary: {summary.new_documents} new documents, {summary.new_incidents} new incidents"
            f" since {summary.since_text}",
            style="bold",
        )
    )
    if not summary.countries:
        console.print(Text("No incidents found in the new documents."))
    for digest in summary.countries:
        parts: list[Any] = []
        for line in digest.changed:
            parts.append(t(line, "bold yellow"))
        note = summary_note(digest.omitted, "changed", SUMMARY_PLURALS["changed"])
        if note:
            parts.append(Text(note, style="dim italic"))
        for section, label in SUMMARY_SECTIONS:
            for row in getattr(digest, section):
                line = Text()
                line.append(f"{label}: ", style="bold")
                line.append(_summary_line(row))
                parts.append(line)
            note = summary_note(digest.omitted, section, SUMMARY_PLURALS[section])
            if note:
                parts.append(Text(note, style="dim italic"))
        console.print(Panel(Group(*parts), title=safe(digest.country), expand=False))


def _summary_line(row: Row) -> Text:
    bits = [b for b in (row.date, row.figure, row.subtype, row.perpetrator, row.victims) if b]
    if row.caller:
        bits.append(f"{row.caller} → {row.target or '?'}: {row.demand or ''}")
    text = t(" · ".join(safe(b) for b in bits))
    text.append(Text("\n  “" + shorten(row.evidence, 160) + "” " + ", ".join(safe(s) for s in row.sources), style="dim"))
    return text


def render_countries(rows: list[dict[str, Any]], console: Console) -> None:
    table = Table(header_style="bold")
    for column in ("Country", "Code", "Incidents", "Protest deaths", "Abuses", "Calls", "Protest death toll", "Last incident"):
        table.add_column(column, justify="right" if column not in ("Country", "Code") else "left")
    for row in rows:
        table.add_row(
            t(row["country"]), t(row["country_code"]), str(row["incidents"]), str(row["protest_deaths"]),
            str(row["abuses"]), str(row["calls"]), t(row["deaths"]), t(row["last_date"]),
        )
    if not rows:
        console.print(Text("No incidents stored yet. Run `hrtracker ingest PATH` first."))
        return
    console.print(table)


def render_runs(rows: list[dict[str, Any]], console: Console) -> None:
    table = Table(header_style="bold")
    for column in ("Run", "Started", "Ended", "Files", "New", "Already stored", "Failed", "Incidents added"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row["id"]), t(row["started_at"]), t(row["ended_at"] or "(unfinished)"), str(row["files_seen"]),
            str(row["documents_new"]), str(row["documents_existing"]), str(row["failed"]), str(row["incidents_added"]),
        )
    console.print(table)
