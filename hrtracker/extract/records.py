"""What identifies an extracted record, light to import (the rules' regexes take a second to
compile, and loading records extracted elsewhere needs none of them): the extractor version,
the incident id, and the check that adopts records `extract --format documents` wrote."""

from __future__ import annotations

import hashlib

from pydantic import ValidationError

from ..models import Document, Incident

EXTRACTOR_VERSION = "1"


def incident_id(document_id: str, incident: Incident) -> str:
    key = (
        f"{document_id}|{incident.category}|{incident.subtype}|{incident.country_code}|{incident.evidence_start}"
        f"|{incident.deaths_low}|{incident.deaths_best}"
    )
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def adopt(document: Document, version: str, records: list[object]) -> list[Incident] | None:
    """The incidents `extract --format documents` wrote for this document, when they are what
    `extract(document)` gives: the same extractor version, valid records of this document
    (vocabularies included), each evidence the text at its offsets, each id the id its fields
    give, the same publication date. None otherwise: the caller extracts again. The checks
    catch lines edited or made by another version, not a deliberate forgery (the id does not
    cover every field); the README says to load only shards one made."""
    if version != EXTRACTOR_VERSION:
        return None
    incidents: list[Incident] = []
    for record in records:
        if not isinstance(record, dict):
            return None
        try:
            incident = Incident.model_validate(record)
        except ValidationError:
            return None
        if incident.document_id != document.id or incident.published != document.published:
            return None
        start, end = incident.evidence_start, incident.evidence_end
        if not 0 <= start < end <= len(document.text) or document.text[start:end] != incident.evidence:
            return None
        if incident.id != incident_id(document.id, incident):
            return None
        incident.source = document.source  # where this ingest read it from, as extract() sets
        incidents.append(incident)
    return incidents
