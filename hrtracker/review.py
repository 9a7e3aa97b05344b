"""Human review: which fields an analyst may edit, how a value typed on the command line becomes
a stored value, and how the corrections log is replayed over a record. Pure: no I/O, no SQL.

The corrections table is the source of truth for human decisions. The incident row carries
their result (`review_status` and the edited fields), and `reextract` rebuilds that result by
replaying the log over the fresh machine record."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from .models import ABUSE_SUBTYPES, CALL_SUBTYPES, CATEGORIES, PERPETRATORS, VICTIMS, Incident
from .partial_dates import on_the_calendar, starts_after

COUNT_FIELDS: tuple[str, ...] = tuple(
    f"{kind}_{bound}" for kind in ("deaths", "injured", "arrested") for bound in ("low", "best", "high")
)
# Export fields an analyst may correct; ids, evidence and its offsets, confidence and rules
# describe what the machine read and stay as they are.
EDITABLE_FIELDS: tuple[str, ...] = (
    "category", "subtype", "country", "country_code", *COUNT_FIELDS, "period_start", "period_end",
    "perpetrator", "perpetrator_text", "victims", "victims_text", "caller", "target", "demand",
)  # fmt: skip
ACTIONS: tuple[str, ...] = ("confirm", "reject", "edit", "merge", "split")
STATUSES: tuple[str, ...] = ("confirmed", "rejected", "edited")
# Typed on the command line to empty a field.
CLEAR_WORDS = frozenset({"none", "null", "-"})


class ReviewError(ValueError):
    """A correction that cannot be applied; the message is one line for the user."""


def parse_value(field: str, text: str) -> Any:
    """A command-line value for `field` as it is stored: counts as int, 'none' as NULL."""
    if field not in EDITABLE_FIELDS:
        raise ReviewError(f"{field} cannot be edited")
    cleaned = text.strip()
    if cleaned.lower() in CLEAR_WORDS or not cleaned:
        return None
    if field in COUNT_FIELDS:
        try:
            value = int(cleaned.replace(",", ""))
        except ValueError:
            raise ReviewError(f"--{field.replace('_', '-')} takes a whole number or 'none', not {text!r}") from None
        if value < 0:
            raise ReviewError(f"--{field.replace('_', '-')} cannot be negative")
        return value
    if field in ("period_start", "period_end") and not on_the_calendar(cleaned):
        raise ReviewError(f"--{field.replace('_', '-')} takes a date on the calendar (2023, 2023-01 or 2023-01-09), not {text!r}")
    return cleaned


def check_record(record: Mapping[str, Any]) -> None:
    """Raise ReviewError when the record breaks the contract's vocabularies (category, subtype
    for the category, perpetrator and victims groups, partial dates)."""
    fields = ("category", "subtype", "perpetrator", "victims", "period_start", "period_end")
    candidate = {name: record.get(name) for name in fields}
    try:
        Incident.model_validate({**candidate, "evidence": "", "evidence_start": 0, "evidence_end": 0})
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"]) or "record"
            allowed = _allowed(where, candidate.get("category"))
            hint = f" (one of: {', '.join(allowed)})" if allowed else ""
            problems.append(f"{where}: {error['msg'].removeprefix('Value error, ')}{hint}")
        raise ReviewError("; ".join(problems)) from None
    start, end = record.get("period_start"), record.get("period_end")
    if start and end and starts_after(start, end):
        raise ReviewError(f"period_start ({start}) is after period_end ({end})")
    for prefix in ("deaths", "injured", "arrested"):
        low, high = record.get(f"{prefix}_low"), record.get(f"{prefix}_high")
        if low is not None and high is not None and low > high:
            raise ReviewError(f"{prefix}_low ({low}) is above {prefix}_high ({high})")


def _allowed(field: str, category: object) -> tuple[str, ...]:
    if field == "category":
        return CATEGORIES
    if field == "subtype":
        return {"abuse": ABUSE_SUBTYPES, "accountability_call": CALL_SUBTYPES}.get(str(category), ("none",))
    return {"perpetrator": PERPETRATORS, "victims": VICTIMS}.get(field, ())


def status_after(status: str | None, action: str) -> str | None:
    """The review status once `action` is recorded. An edit marks the record edited, except
    that it does not bring back a rejected record: only `confirm` does."""
    if action == "confirm":
        return "confirmed"
    if action == "reject":
        return "rejected"
    if action == "edit":
        return status if status == "rejected" else "edited"
    return status


def apply_corrections(record: dict[str, Any], corrections: Iterable[Mapping[str, Any]]) -> int:
    """Replay corrections (oldest first) over a record in place: edited fields take their human
    value and `review_status` the status the log ends in. Returns how many were replayed."""
    status = None
    replayed = 0
    for correction in corrections:
        field = correction.get("field")
        if field in EDITABLE_FIELDS or field == "event_id":
            record[field] = correction.get("new_value")
        status = status_after(status, correction["action"])
        replayed += 1
    if replayed:
        record["review_status"] = status
    return replayed


# -- analyst events: merge and split ---------------------------------------------------------
#
# `event_id` holds an analyst's grouping. Incidents merged into one event share an id of the
# form "ev-…" (never an incident id); an incident split out has its own id there, which keeps it
# alone: the automatic grouping never puts it with others. NULL: the rules decide.


def is_analyst_event(record: Mapping[str, Any]) -> bool:
    """Whether the record belongs to an event an analyst made by merging."""
    event_id = record.get("event_id")
    return bool(event_id) and event_id != record.get("id")


def plan_merge(
    records: list[Mapping[str, Any]], members: Iterable[Mapping[str, Any]], new_event_id: str
) -> dict[str, str]:
    """{incident id: event id} for every record whose event changes when `records` become one
    event. `members` are the other incidents already in an analyst event of one of them: the
    events merge whole. The event keeps the first existing analyst event id, else takes
    `new_event_id`. Records must share category, subtype and country, as events do."""
    if len({r["id"] for r in records}) < 2:
        raise ReviewError("merge needs at least two different incidents")
    first = records[0]
    for record in records[1:]:
        for name in ("category", "subtype", "country_code"):
            if record.get(name) != first.get(name):
                raise ReviewError(
                    f"cannot merge {first['id']} and {record['id']}: different {name} "
                    f"({first.get(name) or 'none'} and {record.get(name) or 'none'}); edit one first"
                )
    target = next((str(r["event_id"]) for r in records if is_analyst_event(r)), new_event_id)
    plan: dict[str, str] = {}
    for record in (*records, *members):
        if record.get("event_id") != target:
            plan[record["id"]] = target
    return plan


def plan_split(records: list[Mapping[str, Any]]) -> dict[str, str]:
    """{incident id: its own id} for each record not already on its own."""
    return {r["id"]: r["id"] for r in records if r.get("event_id") != r["id"]}
