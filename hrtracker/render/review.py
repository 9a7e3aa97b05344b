"""Terminal output for search results and for one incident under review. Stored text goes into
`Text` objects through `safe`; highlights are styles on ranges, never markup."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..models import EXPORT_FIELDS
from . import safe, shorten

HIGHLIGHT = "bold black on yellow"
_STATUS_STYLES = {"confirmed": "bold green", "edited": "bold green", "rejected": "bold red"}
_STATUS_LABELS = {"confirmed": "✓ confirmed", "edited": "✓ edited", "rejected": "✗ rejected"}


def highlighted(snippet: str, highlights: list[list[int]], style: str = HIGHLIGHT) -> Text:
    """The snippet with its matched terms styled; each piece is made inert on its own so the
    offsets stay right."""
    text = Text()
    position = 0
    for start, end in highlights:
        text.append(safe(snippet[position:start]))
        text.append(safe(snippet[start:end]), style=style)
        position = end
    text.append(safe(snippet[position:]))
    return text


def _status(status: object) -> Text:
    if not status:
        return Text("")
    return Text(_STATUS_LABELS.get(str(status), safe(status)), style=_STATUS_STYLES.get(str(status), ""))


def render_search(rows: list[dict[str, Any]], query: str, console: Console) -> None:
    if not rows:
        console.print(Text(f"Nothing found for {safe(query)}."))
        return
    for row in rows:
        head = Text()
        if row["kind"] == "incident":
            head.append(f"incident {safe(row['incident_id'])}", style="bold")
            label = safe(row["category"]) + (f"/{safe(row['subtype'])}" if row.get("subtype") else "")
            head.append(f"  {label}  {safe(row['country']) or 'no country'}")
            if row.get("review_status"):
                head.append("  ")
                head.append(_status(row["review_status"]))
        else:
            head.append(f"document {safe(row['document_id'])}", style="bold")
            if row.get("country"):
                head.append(f"  {safe(row['country'])}")
        source = Text(safe(row["source"]), style="dim")
        if row.get("title"):
            source.append(f"  {safe(row['title'])}", style="dim")
        if row.get("published"):
            source.append(f"  {safe(row['published'])}", style="dim")
        console.print(head)
        console.print(source)
        console.print(Padding(highlighted(row["snippet"], row["highlights"]), (0, 0, 0, 2)))
        console.print()
    console.print(Text(f"{len(rows)} result{'s' if len(rows) != 1 else ''}", style="dim"))


def render_incident(detail: dict[str, Any], console: Console) -> None:
    incident, document = detail["incident"], detail["document"]
    title = Text(f"incident {safe(incident['id'])}", style="bold")
    title.append(f"  {safe(incident['category'])}")
    if incident.get("subtype"):
        title.append(f"/{safe(incident['subtype'])}")
    title.append("  ")
    title.append(_status(incident.get("review_status")) if incident.get("review_status") else Text("not reviewed", style="dim"))
    console.print(title)

    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    shown = [f for f in EXPORT_FIELDS if f not in ("id", "category", "subtype", "evidence")]
    for name in (*shown, "event_id", "extractor_version", "created_at"):
        value = incident.get(name)
        if name == "rules":
            value = ", ".join(value or [])
        table.add_row(name, Text(safe(value) if value is not None else "—", style="" if value is not None else "dim"))
    console.print(table)

    console.print(Text("\nevidence", style="bold"))
    before, after = detail["context_before"], detail["context_after"]
    context = Text(("…" if before and incident["evidence_start"] > len(before) else "") + safe(before), style="dim")
    context.append(safe(incident["evidence"]), style="bold")
    context.append(safe(after) + ("…" if detail["context_truncated_after"] else ""), style="dim")
    console.print(context)
    origin = Text(safe(document.get("source")), style="dim")
    for key in ("title", "published", "url"):
        if document.get(key):
            origin.append(f"  {safe(document[key])}", style="dim")
    console.print(origin)

    _render_event(detail.get("event"), str(incident["id"]), console)

    corrections = detail["corrections"]
    if not corrections:
        console.print(Text("\nno corrections", style="dim"))
        return
    history = Table(title="Corrections", header_style="bold", title_justify="left")
    for column in ("When (UTC)", "Action", "Field"):
        history.add_column(column, no_wrap=True)
    for column in ("Old", "New", "Reason"):
        history.add_column(column)
    for c in corrections:
        history.add_row(
            Text(safe(c["created_at"])[:19].replace("T", " ")), Text(safe(c["action"])), Text(safe(c["field"])),
            Text(safe(c["old_value"]) if c["old_value"] is not None else "—"),
            Text(safe(c["new_value"]) if c["new_value"] is not None else "—"),
            Text(safe(c["reason"])),
        )
    console.print(history)


def _render_event(event: dict[str, Any] | None, incident_id: str, console: Console) -> None:
    """The event the incident is counted in, with the other sources on it."""
    if event is None:
        console.print(Text("\nnot counted in any event (rejected)", style="dim"))
        return
    head = Text("\nevent", style="bold")
    bits = [event["date"] or "undated", f"{event['sources']} source{'s' if event['sources'] != 1 else ''}"]
    if event.get("deaths"):
        bits.insert(1, f"deaths {event['deaths']}")
    if event.get("part_of"):
        bits.append(f"part of the larger event {event['part_of']} (not added to it)")
    head.append("  " + " · ".join(safe(b) for b in bits))
    console.print(head)
    others = [i for i in event["incidents"] if i["id"] != incident_id]
    if not others:
        console.print(Text("no other source reports it", style="dim"))
        return
    table = Table(header_style="bold", box=None, pad_edge=False)
    for column in ("Incident", "Date", "Deaths", "Source", "Evidence"):
        table.add_column(column, no_wrap=column in ("Incident", "Date"))
    for other in others:
        when = other["period_start"] or ""
        if other["period_end"] and other["period_end"] != when:
            when += f" – {other['period_end']}"
        table.add_row(
            Text(safe(other["id"])), Text(safe(when)), Text(safe(other["deaths"])), Text(safe(other["source"]), style="dim"),
            Text(shorten(other["evidence"], 160), style="italic"),
        )  # fmt: skip
    console.print(table)
