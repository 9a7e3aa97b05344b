"""`hrtracker extract` output: each record with its evidence, rule ids and, with --explain, the
span that filled each field; and the lines of `--format documents`."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..models import Document, Incident
from . import safe

_FIELDS = (
    "subtype", "country", "deaths_low", "deaths_best", "deaths_high", "injured_low", "injured_best",
    "injured_high", "arrested_low", "arrested_best", "arrested_high", "period_start", "period_end",
    "perpetrator", "perpetrator_text", "victims", "victims_text", "caller", "target", "demand",
)  # fmt: skip


def document_line(document: Document, incidents: list[Incident]) -> dict[str, object]:
    """One line of `extract --format documents`: a JSONL document record that `ingest` reads
    like any other (text, title, url, published, outlet) plus the file it came from (`origin`),
    the extractor version and the incidents (export records) it found, which ingest adopts
    instead of extracting again (extract.adopt)."""
    from ..extract import EXTRACTOR_VERSION

    return {
        "id": document.id,
        "text": document.text,
        "title": document.title,
        "url": document.url,
        "outlet": document.outlet,
        "published": document.published,
        # Where the filter read it, for ingest to keep as the source (a URL says it already;
        # '-' says nothing).
        "origin": None if document.source in ("-", document.url) else document.source,
        "extractor_version": EXTRACTOR_VERSION,
        "incidents": [incident.model_dump() for incident in incidents],
    }


def render_incidents(document: Document, incidents: list[Incident], console: Console, explain: bool) -> None:
    head = Text(safe(document.source), style="bold")
    head.append(f"  published {safe(document.published) or 'unknown'}", style="dim")
    if document.title:
        head.append("  " + safe(document.title), style="dim")
    console.print(head)
    if not incidents:
        console.print(Text("no incidents found", style="yellow"))
        return
    for number, incident in enumerate(incidents, start=1):
        table = Table(show_header=False, box=None, pad_edge=False)
        table.add_column(style="bold")
        table.add_column()
        for name in _FIELDS:
            value = getattr(incident, name)
            if value is not None:
                table.add_row(name, Text(safe(value)))
        table.add_row("evidence", Text(f"[{incident.evidence_start}:{incident.evidence_end}] “{safe(incident.evidence)}”", style="italic"))
        table.add_row("rules", Text(", ".join(safe(r) for r in incident.rules)))
        table.add_row("confidence", Text(f"{incident.confidence:.2f}"))
        if explain:
            for field, span in incident.spans.items():
                table.add_row(f"  {field} ←", Text(f"“{safe(span)}”", style="cyan"))
        title = Text(f"#{number} {incident.category}", style="bold magenta")
        if incident.subtype:
            title.append(f" / {incident.subtype}")
        console.print(title)
        console.print(table)
