"""Markdown (and plain text) output. Article text is escaped so it cannot become links, HTML
or table structure."""

from __future__ import annotations

import re

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

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(value: object) -> str:
    """Escape a stored value for a Markdown table cell or line."""
    return _MD_SPECIAL.sub(r"\\\1", safe(value)).replace("\n", " ")


def _sources(row: Row) -> str:
    mark = f" {review_mark(row.review_status)}" if row.review_status else ""
    return ", ".join(md(s) for s in row.sources) + f" (`{row.id}`){mark}"


def _note_lines(omitted: dict[str, int], table: str) -> list[str]:
    note = omitted_note(omitted, table)
    return ["", f"_{md(note)}_"] if note else []


def render_report(report: CountryReport) -> str:
    lines = [
        f"# {md(report.country)} ({report.country_code})",
        "",
        f"{report.incidents} incidents ({report.events} events) from {report.sources} sources, "
        + (f"{report.period_start} to {report.period_end}" if report.period_start else "no dated incidents"),
        "",
        "## Key figures",
        "",
        "| | Figure | Events | Sources |",
        "|---|---:|---:|---:|",
    ]
    for label, figure in (("Deaths", report.deaths), ("Injured", report.injured), ("Detained", report.detained)):
        lines.append(f"| {label} | {figure.text()} | {figure.events} | {figure.sources} |")
    if report.timeline:
        lines += ["", "## Timeline", "", "| Month | Events | Deaths | |", "|---|---:|---:|---|"]
        peak = max(m["incidents"] for m in report.timeline) or 1
        for month in report.timeline:
            bar = "█" * max(1, round(month["incidents"] / peak * 30))
            lines.append(f"| {month['month']} | {month['incidents']} | {month['deaths'] or ''} | {bar} |")
    if report.protest_deaths:
        lines += ["", "## Protest deaths", "", "| Date | Deaths | Perpetrator | Victims | Evidence | Sources |", "|---|---|---|---|---|---|"]
        for row in report.protest_deaths:
            figure = row.figure + (" (part of a larger toll)" if row.part_of_larger else "")
            lines.append(f"| {md(row.date)} | {md(figure)} | {md(row.perpetrator)} | {md(row.victims)} | {md(shorten(row.evidence, 300))} | {_sources(row)} |")
        lines += _note_lines(report.omitted, "protest_death")
    for subtype, rows in report.abuses.items():
        lines += ["", f"## Abuses: {SUBTYPE_LABELS.get(subtype, subtype)}", "", "| Date | Perpetrator | Victims | Evidence | Sources |", "|---|---|---|---|---|"]
        for row in rows:
            lines.append(f"| {md(row.date)} | {md(row.perpetrator)} | {md(row.victims)} | {md(shorten(row.evidence, 300))} | {_sources(row)} |")
        lines += _note_lines(report.omitted, f"abuse:{subtype}")
    if report.calls:
        lines += ["", "## Calls for accountability", "", "| Date | Caller → target | Demand | Evidence | Sources |", "|---|---|---|---|---|"]
        for row in report.calls:
            lines.append(f"| {md(row.date)} | {md(row.caller)} → {md(row.target)} | {md(shorten(row.demand, 200))} | {md(shorten(row.evidence, 300))} | {_sources(row)} |")
        lines += _note_lines(report.omitted, "accountability_call")
    return "\n".join(lines) + "\n"


def _row_line(row: Row, escape: bool) -> str:
    esc = md if escape else safe
    bits = [b for b in (row.date, row.figure, row.subtype, row.perpetrator, row.victims) if b]
    if row.caller:
        bits.append(f"{row.caller} → {row.target or '?'}: {shorten(row.demand, 120)}")
    line = " · ".join(esc(b) for b in bits)
    return f"{line}\n    “{esc(shorten(row.evidence, 200))}” ({', '.join(esc(s) for s in row.sources)})"


def render_summary(summary: Summary, markdown: bool) -> str:
    """The cron digest as Markdown, or as plain text for mail. Per country, the tolls that
    changed lead, then new deaths, new calls for accountability, other abuses and new sources
    on known events."""
    since = summary.since_text
    if summary.nothing_new:
        return f"Nothing new since {since}.\n"
    esc = md if markdown else safe
    out = [
        ("# " if markdown else "")
        + f"hrtracker summary: {summary.new_documents} new documents, {summary.new_incidents} new incidents since {since}",
        "",
    ]
    if not summary.countries:
        out += ["No incidents found in the new documents.", ""]
    for digest in summary.countries:
        out.append(("## " if markdown else "") + esc(digest.country) + ("" if markdown else "\n" + "-" * len(safe(digest.country))))
        for line in digest.changed:
            out.append(("- **" + esc(line) + "**") if markdown else f"* {safe(line)}")
        note = summary_note(digest.omitted, "changed", SUMMARY_PLURALS["changed"])
        if note:
            out.append(("- " if markdown else "* ") + esc(note))
        for section, label in SUMMARY_SECTIONS:
            for row in getattr(digest, section):
                out.append(f"- {label}: {_row_line(row, markdown)}")
            note = summary_note(digest.omitted, section, SUMMARY_PLURALS[section])
            if note:
                out.append(f"- {esc(note)}")
        out.append("")
    return "\n".join(out)
