"""A self-contained HTML report: no scripts, no network; charts are inline SVG; every stored
string is escaped."""

from __future__ import annotations

import html
from typing import Any

from ..report import CountryReport, Row
from . import SUBTYPE_LABELS, omitted_note, review_mark, safe, shorten


def h(value: object) -> str:
    return html.escape(safe(value), quote=True)


_STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1b1b1b}
h1{margin-bottom:.2em} .meta{color:#555} table{border-collapse:collapse;width:100%;margin:1em 0}
th,td{border:1px solid #ddd;padding:.4em .5em;vertical-align:top;text-align:left;font-size:.92em}
th{background:#f3f3f3} .figures td.num{text-align:right;font-weight:bold}
blockquote{margin:0;font-style:italic;color:#333} .src{color:#666;font-size:.85em}
svg text{font-size:11px;fill:#333} .bar{fill:#2b6cb0} .death{fill:#c53030} .reviewed{color:#276749;font-weight:bold}
"""


def timeline_svg(timeline: list[dict[str, Any]]) -> str:
    """Incidents (blue) and deaths (red, own scale) per month as an inline SVG bar chart."""
    if not timeline:
        return ""
    slot, height, top = 56, 160, 36
    width = len(timeline) * slot + 40
    peak = max(m["incidents"] for m in timeline) or 1
    peak_d = max(m["deaths"] for m in timeline) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + top + 40}" role="img" aria-label="Incidents and deaths per month">',
        '<rect class="bar" x="20" y="4" width="10" height="10"></rect><text x="34" y="13">incidents</text>'
        '<rect class="death" x="110" y="4" width="10" height="10"></rect><text x="124" y="13">deaths stated</text>',
    ]
    for i, month in enumerate(timeline):
        x = 20 + i * slot
        hi = max(1, round(month["incidents"] / peak * height))
        parts.append(f'<rect class="bar" x="{x}" y="{top + height - hi}" width="20" height="{hi}"><title>{h(month["month"])}: {month["incidents"]} incidents</title></rect>')
        parts.append(f'<text x="{x + 10}" y="{top + height - hi - 3}" text-anchor="middle">{month["incidents"]}</text>')
        if month["deaths"]:
            hd = max(1, round(month["deaths"] / peak_d * height))
            parts.append(f'<rect class="death" x="{x + 22}" y="{top + height - hd}" width="20" height="{hd}"><title>{h(month["month"])}: {month["deaths"]} deaths</title></rect>')
            parts.append(f'<text x="{x + 32}" y="{top + height - hd - 3}" text-anchor="middle">{month["deaths"]}</text>')
        parts.append(f'<text x="{x + 21}" y="{top + height + 16}" text-anchor="middle">{h(month["month"])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bars_svg(counts: dict[str, int], links: dict[str, str] | None = None) -> str:
    """Horizontal bars, one per label; a bar with a link opens the table behind it."""
    if not counts:
        return ""
    peak = max(counts.values()) or 1
    row_h = 22
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="640" height="{row_h * len(counts) + 10}" role="img">']
    for i, (label, value) in enumerate(counts.items()):
        y = 5 + i * row_h
        w = round(value / peak * 380)
        bar = f'<text x="0" y="{y + 14}">{h(label)}</text><rect class="bar" x="200" y="{y}" width="{w}" height="16"></rect><text x="{205 + w}" y="{y + 14}">{value}</text>'
        target = (links or {}).get(label)
        parts.append(f'<a href="#{h(target)}">{bar}</a>' if target else bar)
    parts.append("</svg>")
    return "".join(parts)


def _evidence(row: Row) -> str:
    sources = ", ".join(h(s) for s in row.sources)
    mark = f' · <span class="reviewed" title="reviewed">{h(review_mark(row.review_status))}</span>' if row.review_status else ""
    return f'<blockquote id="ev-{h(row.id)}">“{h(shorten(row.evidence, 400))}”</blockquote><div class="src">{sources} · <code>{h(row.id)}</code>{mark}</div>'


def _note(omitted: dict[str, int], table: str) -> str:
    note = omitted_note(omitted, table)
    return f'<p class="meta">{h(note)}</p>' if note else ""


def render_report(report: CountryReport) -> str:
    perpetrators: dict[str, int] = {}
    for rows in [report.protest_deaths, *report.abuses.values()]:
        for row in rows:
            key = (row.perpetrator_group or "not stated").replace("_", " ")
            perpetrators[key] = perpetrators.get(key, 0) + 1
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">',
        f"<title>hrtracker: {h(report.country)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{h(report.country)} <small>({h(report.country_code)})</small></h1>",
        f'<p class="meta">{report.incidents} incidents ({report.events} events) from {report.sources} sources, '
        + (f"{h(report.period_start)} to {h(report.period_end)}" if report.period_start else "no dated incidents")
        + "</p>",
        '<h2>Key figures</h2><table class="figures"><tr><th></th><th>Figure</th><th>Events</th><th>Sources</th></tr>',
    ]
    anchors = {"Deaths": "protest-deaths", "Injured": "protest-deaths", "Detained": "abuse-arbitrary_detention"}
    for label, figure in (("Deaths", report.deaths), ("Injured", report.injured), ("Detained", report.detained)):
        # each figure opens the table whose rows carry the evidence it was added up from
        shown = f'<a href="#{anchors[label]}">{h(figure.text())}</a>' if figure.events else h(figure.text())
        out.append(f'<tr><td>{label}</td><td class="num">{shown}</td><td>{figure.events}</td><td>{figure.sources}</td></tr>')
    out.append("</table>")
    if report.timeline:
        out.append("<h2>Incidents and deaths per month</h2>" + timeline_svg(report.timeline))
    if report.abuses:
        out.append("<h2>Abuses by subtype</h2>" + bars_svg({SUBTYPE_LABELS.get(k, k): len(v) for k, v in report.abuses.items()}, {SUBTYPE_LABELS.get(k, k): f"abuse-{k}" for k in report.abuses}))
    if perpetrators:
        out.append("<h2>Perpetrators</h2>" + bars_svg(dict(sorted(perpetrators.items(), key=lambda kv: -kv[1]))))
    if report.protest_deaths:
        out.append('<h2 id="protest-deaths">Protest deaths</h2><table><tr><th>Date</th><th>Deaths</th><th>Perpetrator</th><th>Victims</th><th>Evidence</th></tr>')
        for row in report.protest_deaths:
            figure = row.figure + (" (part of a larger toll)" if row.part_of_larger else "")
            out.append(f'<tr><td>{h(row.date)}</td><td><a href="#ev-{h(row.id)}">{h(figure)}</a></td><td>{h(row.perpetrator)}</td><td>{h(row.victims)}</td><td>{_evidence(row)}</td></tr>')
        out.append("</table>")
        out.append(_note(report.omitted, "protest_death"))
    for subtype, rows in report.abuses.items():
        out.append(f"<h2 id=\"abuse-{h(subtype)}\">Abuses: {h(SUBTYPE_LABELS.get(subtype, subtype))}</h2><table><tr><th>Date</th><th>Perpetrator</th><th>Victims</th><th>Figure</th><th>Evidence</th></tr>")
        for row in rows:
            out.append(f"<tr><td>{h(row.date)}</td><td>{h(row.perpetrator)}</td><td>{h(row.victims)}</td><td>{h(row.figure)}</td><td>{_evidence(row)}</td></tr>")
        out.append("</table>")
        out.append(_note(report.omitted, f"abuse:{subtype}"))
    if report.calls:
        out.append("<h2>Calls for accountability</h2><table><tr><th>Date</th><th>Caller → target</th><th>Demand</th><th>Evidence</th></tr>")
        for row in report.calls:
            out.append(f"<tr><td>{h(row.date)}</td><td>{h(row.caller)} → {h(row.target)}</td><td>{h(shorten(row.demand, 300))}</td><td>{_evidence(row)}</td></tr>")
        out.append("</table>")
        out.append(_note(report.omitted, "accountability_call"))
    out.append('<p class="meta">Generated by hrtracker. Every figure comes with the sentence it was read from.</p></body></html>')
    return "\n".join(out)
