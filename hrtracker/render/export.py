"""Exports: the contract's record as JSON lines or CSV, and ACLED-style CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from ..models import EXPORT_FIELDS

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "actor2", "country", "iso3", "fatalities", "notes", "source")
_ACLED_ACTORS = {
    "police": "Police Forces", "military": "Military Forces", "security_forces": "Security Forces",
    "government": "Government", "armed_group": "Rebel Group", "paramilitary": "Paramilitary Group",
    "criminal_group": "Criminal Group", "government_supporters": "Pro-Government Militia", "unknown": "Unidentified Armed Group",
    "protesters": "Protesters", "civilians": "Civilians", "journalists": "Civilians (Journalists)",
    "human_rights_defenders": "Civilians (Human Rights Defenders)", "social_leaders": "Civilians (Social Leaders)",
    "migrants": "Civilians (Migrants)", "indigenous_people": "Civilians (Indigenous)", "children": "Civilians (Children)",
    "detainees": "Civilians (Detainees)", "opposition": "Civilians (Opposition)", "other": "Civilians",
}  # fmt: skip


def _record(incident: dict[str, Any]) -> dict[str, Any]:
    return {name: incident.get(name) for name in EXPORT_FIELDS}


def _acled(incident: dict[str, Any]) -> dict[str, Any]:
    category, subtype = incident["category"], incident.get("subtype")
    if category == "protest_death":
        event_type, sub_event = "Protests", "Excessive force against protesters"
    elif category == "accountability_call":
        event_type, sub_event = "Strategic developments", "Other"
    elif subtype in ("killing", "physical_attack", "sexual_violence", "torture"):
        event_type, sub_event = "Violence against civilians", {"sexual_violence": "Sexual violence"}.get(subtype or "", "Attack")
    elif subtype == "enforced_disappearance":
        event_type, sub_event = "Violence against civilians", "Abduction/forced disappearance"
    elif subtype == "excessive_force":
        event_type, sub_event = "Protests", "Excessive force against protesters"
    else:
        event_type, sub_event = "Strategic developments", "Arrests" if subtype == "arbitrary_detention" else "Other"
    deaths = next((incident.get(f"deaths_{s}") for s in ("low", "best", "high") if incident.get(f"deaths_{s}") is not None), 0)
    date = incident.get("period_start") or incident.get("published") or ""
    actor1 = _ACLED_ACTORS.get(incident.get("perpetrator") or "", "") if category != "accountability_call" else incident.get("caller") or ""
    return {
        "event_id_cnty": incident["id"],
        "event_date": date,
        "year": date[:4],
        "event_type": event_type,
        "sub_event_type": sub_event,
        "actor1": actor1,
        "actor2": _ACLED_ACTORS.get(incident.get("victims") or "", ""),
        "country": incident.get("country") or "",
        "iso3": incident.get("country_code") or "",
        "fatalities": deaths,
        "notes": incident["evidence"],
        "source": incident.get("source") or "",
    }


def write_export(incidents: Iterable[dict[str, Any]], fmt: str, handle: IO[str]) -> int:
    """Stream the records to `handle`; returns how many were written."""
    count = 0
    if fmt == "jsonl":
        for incident in incidents:
            handle.write(json.dumps(_record(incident), ensure_ascii=False) + "\n")
            count += 1
        return count
    columns = ACLED_COLUMNS if fmt == "acled" else EXPORT_FIELDS
    writer = csv.DictWriter(handle, fieldnames=list(columns))
    writer.writeheader()
    for incident in incidents:
        row = _acled(incident) if fmt == "acled" else _record(incident)
        if fmt != "acled":
            row["rules"] = ";".join(row["rules"] or [])
        writer.writerow(row)
        count += 1
    return count
