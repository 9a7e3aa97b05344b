"""Report and summary data: plain dataclasses built from store queries, ready for any renderer.

Incidents of the same event reported by several documents are grouped (same country and
category, overlapping periods, compatible figures) so that reports count each event once and
show the range of figures when sources disagree."""

from __future__ import annotations

import heapq
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from .review import is_analyst_event
from .store import Store, StoreError

T = TypeVar("T")
DEATH_CATEGORIES = ("protest_death",)
REVIEWED = ("confirmed", "edited")


@dataclass
class Figure:
    """A total over events: from the sum of the least each event's sources state to the sum
    of the most; `open_ended` when a top figure is itself a lower bound ("at least 49")."""

    low: int = 0
    high: int = 0
    open_ended: bool = False
    events: int = 0
    sources: int = 0

    def add(self, span: tuple[int | None, int | None, bool], sources: int) -> None:
        low, high, open_ended = span
        if low is None and high is None:
            return
        self.low += low if low is not None else 0
        self.high += high if high is not None else (low or 0)
        self.open_ended = self.open_ended or open_ended
        self.events += 1
        self.sources += sources

    def text(self) -> str:
        if not self.events:
            return "0"
        return range_text(self.low, self.high, self.open_ended)


def range_text(low: int | None, high: int | None, open_ended: bool) -> str:
    """'49', '49–57', 'at least 49', '45–57+' (the top figure a lower bound), 'up to 50'."""
    if low is None and high is None:
        return ""
    if low is None:
        return f"up to {high:,}"
    if high is None or high == low:
        return f"at least {low:,}" if open_ended else f"{low:,}"
    return f"{low:,}–{high:,}" + ("+" if open_ended else "")


@dataclass
class Event:
    """One incident as reported by one or more documents."""

    category: str
    subtype: str | None
    country_code: str | None
    incidents: list[dict[str, Any]] = field(default_factory=list)
    part_of: int | None = None  # index of a larger event that includes this one

    @property
    def lead(self) -> dict[str, Any]:
        # A record a reviewer confirmed or corrected speaks for the event before machine ones.
        return max(
            self.incidents,
            key=lambda i: (i.get("review_status") in REVIEWED, i.get("confidence") or 0, -_evidence_length(i)),
        )

    @property
    def sources(self) -> int:
        return len({i["document_id"] for i in self.incidents})

    def span(self) -> tuple[str | None, str | None]:
        starts = [i["period_start"] for i in self.incidents if i.get("period_start")]
        ends = [i.get("period_end") or i["period_start"] for i in self.incidents if i.get("period_start")]
        if not starts:
            dates = [i["published"] for i in self.incidents if i.get("published")]
            return (min(dates), max(dates)) if dates else (None, None)
        return min(starts), max(ends)

    def range(self, prefix: str) -> tuple[int | None, int | None, bool]:
        """(low, high, open_ended) over the sources: the least any source states, the most any
        states, and whether that most is itself only a lower bound."""
        lows: list[int] = []
        tops: list[tuple[int, bool]] = []
        for incident in self.incidents:
            low = incident.get(f"{prefix}_low")
            best = incident.get(f"{prefix}_best")
            high = incident.get(f"{prefix}_high")
            floor = low if low is not None else best
            if floor is not None:
                lows.append(floor)
            if high is not None:
                tops.append((high, False))
            elif best is not None or low is not None:
                value = best if best is not None else low
                tops.append((value, low is not None))  # a stated lower bound leaves the top open
        if not lows and not tops:
            return None, None, False
        top, open_ended = max(tops) if tops else (None, False)
        return (min(lows) if lows else None), top, open_ended

    def figure_text(self, prefix: str) -> str:
        return range_text(*self.range(prefix))


def _evidence_length(incident: dict[str, Any]) -> int:
    # Grouping reads light rows that carry the length of the evidence instead of its text.
    length = incident.get("evidence_length")
    return int(length) if length is not None else len(incident["evidence"])


def _value(incident: dict[str, Any], prefix: str) -> int | None:
    for suffix in ("low", "best", "high"):
        value = incident.get(f"{prefix}_{suffix}")
        if value is not None:
            return int(value)
    return None


def _period(incident: dict[str, Any]) -> tuple[str | None, str | None]:
    start = incident.get("period_start")
    end = incident.get("period_end") or start
    return start, end


def _overlap(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    if not a[0] or not b[0]:
        return True
    a_end, b_end = a[1] or a[0], b[1] or b[0]
    # Compare partial dates at the coarser precision of the two.
    return a[0][: len(b_end)] <= b_end and b[0][: len(a_end)] <= a_end


def _contains(outer: tuple[str | None, str | None], inner: tuple[str | None, str | None]) -> bool:
    if not outer[0] or not inner[0]:
        return False
    o_end = outer[1] or outer[0]
    i_end = inner[1] or inner[0]
    return outer[0] <= inner[0][: len(outer[0])] and i_end[: len(o_end)] <= o_end and (outer != inner)


def _compatible(a: int | None, b: int | None) -> bool:
    if a is None or b is None:
        return True
    low, high = sorted((a, b))
    return high <= max(low * 1.25, low + 3)


def group_events(
    incidents: Iterable[dict[str, Any]], seed: list[Event] | None = None, *, mark_parts: bool = True
) -> list[Event]:
    """Group incidents from different documents that report the same event: an incident joins
    the first event (in order of creation) of its category, subtype and country whose first
    record overlaps it in time, comes from another document and agrees with it (the same caller
    for calls, compatible death figures, no conflicting perpetrator); otherwise it opens one.
    An analyst's grouping comes first: incidents merged under one `event_id` are one event (which
    further sources may join by the rules), and an incident split out (`event_id` its own id)
    is an event of its own that nothing joins.

    `seed`: events already made from the incidents before these (in order of creation, with
    those incidents only), to go on from; `mark_parts=False` leaves part_of to the caller."""
    events: list[Event] = []
    documents: list[set[str]] = []  # per event, the documents already in it
    candidates: dict[tuple, _Candidates] = {}
    for event in seed or ():
        lead = event.incidents[0]
        events.append(event)
        documents.append({i["document_id"] for i in event.incidents})
        key = (lead["category"], lead.get("subtype"), lead.get("country_code"))
        candidates.setdefault(key, _Candidates()).add(len(events) - 1, _period(lead))
    incidents, order = _analyst_events(incidents, events, documents, candidates)
    for incident in incidents:
        if incident.get("event_id"):  # split out by an analyst
            events.append(Event(incident["category"], incident.get("subtype"), incident.get("country_code"), [incident]))
            documents.append({incident["document_id"]})
            continue
        key = (incident["category"], incident.get("subtype"), incident.get("country_code"))
        pool = candidates.get(key)
        if pool is None:
            pool = candidates[key] = _Candidates()
        period = _period(incident)
        joined = None
        for position in pool.scan(period[0]):
            if incident["document_id"] not in documents[position] and _joins(events[position], incident, period):
                joined = position
                break
        if joined is None:
            events.append(Event(incident["category"], incident.get("subtype"), incident.get("country_code"), [incident]))
            documents.append({incident["document_id"]})
            pool.add(len(events) - 1, period)
        else:
            events[joined].incidents.append(incident)
            documents[joined].add(incident["document_id"])
    if order is not None:  # analyst events were opened first: back to the order of the input
        events.sort(key=lambda event: order[id(event.incidents[0])])
    if mark_parts:
        _mark_parts(events)
    return events


def _is_range(period: tuple[str | None, str | None]) -> bool:
    start, end = period
    return bool(start and end and end[:7] != start[:7])


def _reported_by(incident: dict[str, Any], other: tuple[str | None, str | None]) -> bool:
    """Whether an incident with no period of its own can be the same as one in period `other`:
    it happened by the time its document was published, so not when `other` began after that
    date (a 2019 article cannot report an event of 2022). With a period of its own, or no
    publication date, nothing is known against it."""
    if incident.get("period_start"):
        return True
    published, start = incident.get("published"), other[0]
    return not (published and start) or start[: len(published)] <= published


def _joins(event: Event, incident: dict[str, Any], period: tuple[str | None, str | None]) -> bool:
    """Whether `incident` reports `event` (same grouping key), judged against its first record
    and, for waves of unrest, the whole span its sources give."""
    lead = event.incidents[0]
    lead_period = _period(lead)
    if not (_reported_by(lead, period) and _reported_by(incident, lead_period)):
        return False
    if incident["category"] == "accountability_call":
        same = (lead.get("caller") or "").lower()[:30] == (incident.get("caller") or "").lower()[:30]
        return same and _overlap(lead_period, period)
    if not _overlap(lead_period, period):
        return False
    prefix = "deaths" if incident["category"] == "protest_death" or incident.get("subtype") == "killing" else None
    waves = _is_range(period) and _is_range(event.span())  # the cheap test first: span() reads every source
    # Two tolls for overlapping waves of unrest are the same wave counted differently (45 by
    # one source, 57 by another): one event with a range, never a sum.
    if prefix and not waves and not _compatible(_value(lead, prefix), _value(incident, prefix)):
        return False
    if not prefix and lead.get("perpetrator") and incident.get("perpetrator") and lead["perpetrator"] != incident["perpetrator"]:
        return False
    return True


class _Candidates:
    """The events of one grouping key, in order of creation. The store returns incidents in
    order of period start, so once a dated incident starts after the end of an event's first
    record, no later dated incident can overlap it: that event leaves `live`, which keeps
    grouping linear on large databases. Undated incidents, and input in any other order, are
    compared with `every` event, which gives the same groups, only slower."""

    def __init__(self) -> None:
        self.every: list[int] = []
        self.live: list[int] = []
        self.ends: dict[int, str | None] = {}  # the first record's period end; None: undated
        self.last_start = ""
        self.in_order = True

    def add(self, position: int, period: tuple[str | None, str | None]) -> None:
        self.every.append(position)
        self.live.append(position)
        self.ends[position] = (period[1] or period[0]) if period[0] else None

    def scan(self, start: str | None) -> list[int]:
        if not start or not self.in_order:
            return self.every
        if start < self.last_start:
            self.in_order = False
            return self.every
        if start != self.last_start:
            self.last_start = start
            ends = self.ends
            # The test is _overlap's, negated: the period ended before `start` began.
            self.live = [p for p in self.live if (end := ends[p]) is None or start[: len(end)] <= end]
        return self.live


def _mark_parts(events: list[Event]) -> None:
    for position, whole in _containers(events).items():
        events[position].part_of = whole


def _containers(events: list[Any]) -> dict[int, int]:
    """A toll for one day inside a wave whose toll is larger is part of it, not added to it: a
    deadly event is part of the first deadly event (in event order) of its country with a
    larger lower figure whose span contains its span. {position: position of the larger one}."""
    spans: dict[str | None, list[tuple[int, int, tuple[str, str]]]] = defaultdict(list)
    for position, event in enumerate(events):
        if event.category not in DEATH_CATEGORIES:
            continue
        low = event.range("deaths")[0]
        start, end = event.span()
        if low is not None and start:  # otherwise it can neither be part of an event nor hold one
            spans[event.country_code].append((position, low, (start, end or start)))
    found: dict[int, int] = {}
    for items in spans.values():
        found.update(_first_containers(items))
    return found


_AFTER_ALL = "\U0010ffff"


def _first_containers(items: list[tuple[int, int, tuple[str, str]]]) -> dict[int, int]:
    """For each (position, low, span), the lowest position with a larger low whose span contains
    its span. Spans are swept in order of start, so each is compared only with the spans still
    open at its start (an interval sweep instead of comparing every pair)."""
    found: dict[int, int] = {}
    ordered = sorted(items, key=lambda item: item[2][0])
    open_spans: dict[int, tuple[int, int, tuple[str, str]]] = {}
    closing: list[tuple[str, int]] = []  # (end, position): a span is closed once a start passes its end
    irregular = []
    i = 0
    while i < len(ordered):
        start = ordered[i][2][0]
        j = i
        while j < len(ordered) and ordered[j][2][0] == start:
            item = ordered[j]
            open_spans[item[0]] = item
            heapq.heappush(closing, (item[2][1] + _AFTER_ALL, item[0]))
            j += 1
        while closing and closing[0][0] < start:
            open_spans.pop(heapq.heappop(closing)[1], None)
        for position, low, span in ordered[i:j]:
            if span[1] < span[0]:  # ends before it starts: the sweep's order does not hold
                irregular.append((position, low, span))
                continue
            whole = min(
                (p for p, (_, big, outer) in open_spans.items() if big > low and p != position and _contains(outer, span)),
                default=None,
            )
            if whole is not None:
                found[position] = whole
        i = j
    for position, low, span in irregular:
        whole = min(
            (p for p, big, outer in items if big > low and p != position and _contains(outer, span)), default=None
        )
        if whole is not None:
            found[position] = whole
    return found


# -- stored events ------------------------------------------------------------------------------
#
# The grouping above, kept in the database (migration 004) per unit: the incidents of one
# country, category and subtype (every protest death of a country together, as _mark_parts
# compares them). Reports read the stored events; stale units are regrouped first.

FIGURES = ("deaths", "injured", "arrested")


def event_record(event: Event, unit: str) -> dict[str, Any]:
    """A row of the events table for a grouped event (part_of is set by the caller)."""
    start, end = event.span()
    first = event.incidents[0]
    record: dict[str, Any] = {
        "id": event.incidents[0]["id"], "unit": unit,
        "country_code": event.country_code, "category": event.category, "subtype": event.subtype,
        "span_start": start, "span_end": end,
        "first_at": first.get("period_start") or first.get("published"),
        "first_document": first["document_id"], "first_offset": first["evidence_start"], "first_row": first["row_number"],
        "first_end": (first.get("period_end") or first["period_start"]) if first.get("period_start") else None,
    }  # fmt: skip
    for prefix in FIGURES:
        low, high, open_ended = event.range(prefix)
        record[f"{prefix}_low"], record[f"{prefix}_high"], record[f"{prefix}_open"] = low, high, int(open_ended)
    record.update(
        incidents=len(event.incidents), sources=event.sources, lead_id=event.lead["id"], part_of=None,
        first_created=min(i["created_at"] for i in event.incidents),
        last_created=max(i["created_at"] for i in event.incidents),
    )  # fmt: skip
    return record


def refresh_events(store: Store) -> int:
    """Regroup every stale unit, each in its own write transaction (read and write together,
    so a concurrent ingest cannot slip an incident in between). Returns how many were regrouped."""
    stale = store.stale_units()
    regrouped = 0
    for unit in stale:
        try:
            with store.write():
                since = store.stale_since(unit)
                if since is None:  # another process regrouped it meanwhile
                    continue
                if not (since and _regroup_from(store, unit, since)):
                    _regroup_whole(store, unit)
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc):
                raise
            raise StoreError(
                f"{store.path}: {len(stale) - regrouped} group(s) of new or changed incidents wait to be "
                "counted into events, and the database is read-only; run any hrtracker report once with "
                "write access"
            ) from None
        regrouped += 1
    return regrouped


def _regroup_whole(store: Store, unit: str) -> None:
    events = group_events(store.unit_incidents(unit))
    records = [event_record(event, unit) for event in events]
    members: list[tuple[str, str]] = []
    for record, event in zip(records, events):
        if event.part_of is not None:
            record["part_of"] = records[event.part_of]["id"]
        members.extend((incident["id"], record["id"]) for incident in event.incidents)
    store.replace_unit_events(unit, records, members)


def _creation(row: dict[str, Any]) -> tuple:
    """A stored event's place in the order grouping creates events (None sorts first, as in SQL)."""
    return (row["first_at"] is not None, row["first_at"] or "", row["first_document"], row["first_offset"], row["first_row"])


def _regroup_from(store: Store, unit: str, since: str) -> bool:
    """Regroup a unit to which incidents dated `since` or later were only added: grouping takes
    incidents in date order and an incident's event depends only on those before it, so the
    events first made before `since` stand, and only the incidents from `since` on are grouped
    again, seeded with the earlier events they can still join (those whose first record is not
    over by then, with their earlier incidents). False when that does not hold or cannot be
    shown (an analyst's merge or split, an incident from `since` on without a period of its
    own, which may join any event): the caller regroups the whole unit."""
    later = store.unit_incidents(unit, since=since)
    if not later or any(not i["period_start"] for i in later) or store.unit_has_analyst_groups(unit):
        return False
    stored = store.unit_events(unit)
    earlier = [row for row in stored if row["first_at"] is None or row["first_at"] < since]
    first_start = later[0]["period_start"]
    # The test by which grouping stops offering an event (_Candidates.scan); undated: never.
    open_rows = [r for r in earlier if r["first_end"] is None or first_start[: len(r["first_end"])] <= r["first_end"]]
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for incident in store.member_incidents([r["id"] for r in open_rows], before=since):
        members[incident["stored_event"]].append(incident)
    open_rows.sort(key=_creation)
    seed = [Event(r["category"], r["subtype"], r["country_code"], members[r["id"]]) for r in open_rows]
    if any(not e.incidents or e.incidents[0]["id"] != r["id"] for e, r in zip(seed, open_rows)):
        return False  # the stored events do not look as expected: trust nothing, regroup all
    events = group_events(later, seed=seed, mark_parts=False)
    records = {event.incidents[0]["id"]: event_record(event, unit) for event in events}
    # Every event of the unit, in order of creation, for what is part of what.
    kept = {r["id"]: r for r in earlier if r["id"] not in records}
    ordered = sorted([*kept.values(), *records.values()], key=_creation)
    made = {event.incidents[0]["id"]: event for event in events}
    whole: list[Any] = [StoredEvent(kept[r["id"]]) if r["id"] in kept else made[r["id"]] for r in ordered]
    parts = {ordered[p]["id"]: ordered[w]["id"] for p, w in _containers(whole).items()}
    for event_id, record in records.items():
        record["part_of"] = parts.get(event_id)
    old = {row["id"]: row for row in stored}
    changed = [record for event_id, record in records.items() if old.get(event_id) != record]
    removed = [row["id"] for row in stored if row["id"] not in records and row["id"] not in kept]
    part_changes = [(parts.get(i), i) for i, row in kept.items() if row["part_of"] != parts.get(i)]
    pairs = [(incident["id"], event.incidents[0]["id"]) for event in events for incident in event.incidents]
    store.update_unit_events(unit, changed, removed, pairs, part_changes)
    return True


@dataclass
class StoredEvent:
    """A stored event's figures, read without its incidents: what totals and timelines need."""

    row: dict[str, Any]

    @property
    def category(self) -> str:
        return str(self.row["category"])

    @property
    def country_code(self) -> str | None:
        return self.row["country_code"]

    @property
    def part_of(self) -> str | None:
        return self.row["part_of"]

    def span(self) -> tuple[str | None, str | None]:
        return self.row["span_start"], self.row["span_end"]

    def range(self, prefix: str) -> tuple[int | None, int | None, bool]:
        return self.row[f"{prefix}_low"], self.row[f"{prefix}_high"], bool(self.row[f"{prefix}_open"])


def _events_from_members(incidents: Iterable[dict[str, Any]], parts: dict[str, Any]) -> list[Event]:
    """Events rebuilt from incidents carrying `stored_event`, in order of their first incident;
    an event stored as part of a larger one stays marked as such (`parts`: event id -> part_of)."""
    events: dict[str, Event] = {}
    for incident in incidents:
        key = incident.get("stored_event") or incident["id"]
        event = events.get(key)
        if event is None:
            event = events[key] = Event(incident["category"], incident.get("subtype"), incident.get("country_code"))
            event.part_of = 0 if parts.get(key) else None  # only "is part of something" is read
        event.incidents.append(incident)
    return list(events.values())


# -- the per-country report --------------------------------------------------------------------


@dataclass
class Row:
    id: str
    date: str | None
    figure: str
    perpetrator: str | None
    victims: str | None
    subtype: str | None
    caller: str | None
    target: str | None
    demand: str | None
    sources: list[str]
    evidence: str
    document_id: str
    rules: list[str]
    part_of_larger: bool = False
    review_status: str | None = None  # of the lead record: confirmed, edited or None
    perpetrator_group: str | None = None  # the contract's vocabulary, for charts


@dataclass
class CountryReport:
    country: str
    country_code: str
    since: str | None
    until: str | None
    incidents: int
    events: int
    sources: int
    period_start: str | None
    period_end: str | None
    deaths: Figure
    injured: Figure
    detained: Figure
    timeline: list[dict[str, Any]]
    protest_deaths: list[Row]
    abuses: dict[str, list[Row]]
    calls: list[Row]
    # events left out of each table by the row limit (figures and timeline count them all)
    omitted: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for name in ("deaths", "injured", "detained"):
            data[name]["text"] = getattr(self, name).text()
        return data


def _row(event: Event) -> Row:
    lead = event.lead
    start, end = event.span()
    date = start if start == end or not end else f"{start} – {end}"
    figure = event.figure_text("deaths")
    return Row(
        id=lead["id"],
        date=date,
        figure=figure,
        perpetrator=lead.get("perpetrator_text") or lead.get("perpetrator"),
        perpetrator_group=lead.get("perpetrator"),
        victims=lead.get("victims_text") or lead.get("victims"),
        subtype=lead.get("subtype"),
        caller=lead.get("caller"),
        target=lead.get("target"),
        demand=lead.get("demand"),
        sources=sorted({i["source"] for i in event.incidents}),
        evidence=lead["evidence"],
        document_id=lead["document_id"],
        rules=lead.get("rules") or [],
        part_of_larger=event.part_of is not None,
        review_status=lead.get("review_status"),
    )


DEFAULT_ROW_LIMIT = 100
TERMINAL_ROW_LIMIT = 25  # a screen, not a wall of text: the other formats are for reading at length


def build_country_report(
    store: Store,
    country_code: str,
    country_name: str,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = DEFAULT_ROW_LIMIT,
) -> CountryReport:
    """The report's data. Figures and the timeline count every event; each table lists at most
    `limit` events, newest first (None: all). Events are the stored ones; a report narrowed in
    time (`since`, `until`) counts, for each, the sources inside the window."""
    refresh_events(store)
    if since is None and until is None:
        overview = _stored_overview(store, country_code, limit)
    else:
        incidents = list(store.iter_incidents(country_code=country_code, since=since, until=until, with_events=True))
        stored = store.stored_event_rows({i["stored_event"] for i in incidents if i.get("stored_event")})
        events = _events_from_members(incidents, {k: v["part_of"] for k, v in stored.items()})
        overview = _overview(events, limit)
        overview.incidents = len(incidents)
        overview.sources = len({i["document_id"] for i in incidents})
    listed, omitted = overview.listed, overview.omitted
    _with_incidents(store, listed)
    rows = {table: [_row(e) for e in table_events] for table, table_events in listed.items()}
    protest_rows = rows.get("protest_death", [])
    call_rows = rows.get("accountability_call", [])
    abuse_rows = {t.split(":", 1)[1]: r for t, r in rows.items() if t.startswith("abuse:")}
    return CountryReport(
        country=country_name,
        country_code=country_code,
        since=since,
        until=until,
        incidents=overview.incidents,
        events=overview.events,
        sources=overview.sources,
        period_start=overview.period[0],
        period_end=overview.period[1],
        deaths=overview.figures["deaths"],
        injured=overview.figures["injured"],
        detained=overview.figures["arrested"],
        timeline=sorted(overview.timeline, key=lambda m: (m["month"] == "undated", m["month"])),
        protest_deaths=protest_rows,
        abuses=dict(sorted(abuse_rows.items())),
        calls=call_rows,
        omitted=omitted,
    )


@dataclass
class _Overview:
    """What a report counts over its events, however they were read."""

    events: int = 0
    incidents: int = 0
    sources: int = 0
    period: tuple[str | None, str | None] = (None, None)
    figures: dict[str, Figure] = field(default_factory=lambda: {p: Figure() for p in FIGURES})
    timeline: list[dict[str, Any]] = field(default_factory=list)
    listed: dict[str, list[Any]] = field(default_factory=dict)  # per table, the events it lists
    omitted: dict[str, int] = field(default_factory=dict)


def _table(category: str, subtype: str | None) -> str:
    return category if category != "abuse" else f"abuse:{subtype or 'other'}"


def _overview(events: list[Event], limit: int | None) -> _Overview:
    """Figures, timeline and tables over grouped events (a report narrowed in time)."""
    overview = _Overview(events=len(events))
    timeline: dict[str, Counter[str]] = defaultdict(Counter)
    tables: dict[str, list[Event]] = defaultdict(list)
    dates: list[str] = []
    for event in events:
        start, end = event.span()
        if start:
            dates.extend(d for d in (start, end) if d)
        month = (start or "")[:7] if start and len(start) >= 7 else (start or "undated")
        timeline[month]["incidents"] += 1
        counted = event.part_of is None
        if _killing(event.category, event.subtype):
            span = event.range("deaths")
            if counted:
                overview.figures["deaths"].add(span, event.sources)
                timeline[month]["deaths"] += span[0] or 0
        if counted:
            overview.figures["injured"].add(event.range("injured"), event.sources)
            overview.figures["arrested"].add(event.range("arrested"), event.sources)
        tables[_table(event.category, event.subtype)].append(event)
    overview.period = (min(dates), max(dates)) if dates else (None, None)
    overview.timeline = [{"month": m, "incidents": c["incidents"], "deaths": c["deaths"]} for m, c in timeline.items()]
    for table, table_events in tables.items():
        overview.listed[table] = _latest(table_events, limit, lambda e: e.span()[0] or "")
        if len(table_events) > len(overview.listed[table]):
            overview.omitted[table] = len(table_events) - len(overview.listed[table])
    return overview


def _stored_overview(store: Store, country_code: str, limit: int | None) -> _Overview:
    """The same over a whole country's stored events, summed by SQLite: only the events the
    tables list are read into Python."""
    totals = store.event_figures(country_code)
    overview = _Overview(events=totals["events"], incidents=totals["incidents"], sources=store.country_sources(country_code))
    for prefix in FIGURES:
        overview.figures[prefix] = Figure(
            totals[f"{prefix}_low"], totals[f"{prefix}_high"], bool(totals[f"{prefix}_open"]),
            totals[f"{prefix}_events"], totals[f"{prefix}_sources"],
        )  # fmt: skip
    firsts = [d for d in (totals["first_start"], totals["first_end"]) if d]
    lasts = [d for d in (totals["last_start"], totals["last_end"]) if d]
    overview.period = (min(firsts) if firsts else None, max(lasts) if lasts else None)
    overview.timeline = store.event_timeline(country_code)
    totals_by_table: dict[str, int] = defaultdict(int)
    for (category, subtype), count in store.event_tables(country_code).items():
        totals_by_table[_table(category, subtype)] += count
    for table, total in totals_by_table.items():
        category, _, subtype = table.partition(":")
        query: dict[str, Any] = {"all_subtypes": True} if category != "abuse" else {"subtype": None if subtype == "other" else subtype}
        if limit is None or total <= limit:
            rows = store.table_events(country_code, category, **query)
        else:
            rows = store.table_events(country_code, category, **query, latest=limit)
            rows.sort(key=lambda row: row["span_start"] or "")  # stable: ties stay in order of creation
            overview.omitted[table] = total - limit
        overview.listed[table] = [StoredEvent(row) for row in rows]
    return overview


def _with_incidents(store: Store, tables: dict[str, list[Any]]) -> None:
    """Replace the stored events listed in the tables by the events with their incidents."""
    wanted = [e.row["id"] for events in tables.values() for e in events if isinstance(e, StoredEvent)]
    if not wanted:
        return
    parts = {e.row["id"]: e.part_of for events in tables.values() for e in events if isinstance(e, StoredEvent)}
    full = {e.incidents[0]["stored_event"]: e for e in _events_from_members(store.event_incidents(wanted), parts)}
    for table, events in tables.items():
        tables[table] = [full.get(e.row["id"], e) if isinstance(e, StoredEvent) else e for e in events]


# -- the summary digest ------------------------------------------------------------------------

SUMMARY_KEY = "last_summary_at"


@dataclass
class CountryDigest:
    country: str
    country_code: str
    new_deaths: list[Row]
    new_calls: list[Row]
    new_abuses: list[Row]
    changed: list[str]  # "Peru protest deaths: 49 → 50, new source (...)": known tolls raised
    updates: list[Row] = field(default_factory=list)  # new sources on events known before
    # events left out of each list (new_deaths, new_calls, new_abuses, updates) by the limit
    omitted: dict[str, int] = field(default_factory=dict)


@dataclass
class Summary:
    since: str | None
    until: str
    new_documents: int
    new_incidents: int
    countries: list[CountryDigest]

    @property
    def nothing_new(self) -> bool:
        return self.new_incidents == 0 and self.new_documents == 0

    @property
    def since_text(self) -> str:
        """'2024-06-03 06:30 UTC', or 'the start' for the first summary."""
        if not self.since:
            return "the start"
        return self.since[:16].replace("T", " ") + (" UTC" if self.since.endswith("Z") else "")

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "nothing_new": self.nothing_new}


SUMMARY_ROW_LIMIT = 20
_SECTIONS = ("new_deaths", "new_calls", "new_abuses", "updates")


def build_summary(store: Store, since: str | None, until: str, limit: int | None = SUMMARY_ROW_LIMIT) -> Summary:
    """What was stored after `since` and up to `until` (UTC timestamps), by country. New events
    are listed by kind (deaths, calls, other abuses); a new source on an event known before is
    an update, and when it raises the event's toll, a changed figure that leads the country.
    Each list, changed tolls included, shows at most `limit` events per country, the latest
    (None: all), and says how many more there are. Only the events listed, and the deadly
    events with new sources (to find the changed tolls), are read in full."""
    refresh_events(store)
    touched = store.new_events(since, until)
    names: dict[str, str] = {}
    # Per country and list, the stored events in order of creation.
    sections: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for row in touched:
        code = row["code"] or "?"
        if code not in names:
            names[code] = (store.country_name(row["code"]) if row["code"] else None) or "Unknown country"
        if row["known"]:
            section = "updates"
        elif _killing(row["category"], row["subtype"]):
            section = "new_deaths"
        elif row["category"] == "accountability_call":
            section = "new_calls"
        else:
            section = "new_abuses"
        sections[code][section].append(row)
    digests = []
    for code, lists in sections.items():
        chosen: dict[str, list[dict[str, Any]]] = {}
        omitted: dict[str, int] = {}
        for section, rows in lists.items():
            rows.sort(key=_creation)
            chosen[section] = _latest(rows, limit, _row_start)
            if len(rows) > len(chosen[section]):
                omitted[section] = len(rows) - len(chosen[section])
        # Every deadly update is read: a changed toll is the digest's headline.
        deadly_updates = [r for r in lists.get("updates", []) if _killing(r["category"], r["subtype"])]
        wanted = {r["id"] for rows in (*chosen.values(), deadly_updates) for r in rows}
        members: dict[str, list[dict[str, Any]]] = defaultdict(list)
        new_ids = set()
        for incident in store.event_incidents(wanted):
            if not until or incident["created_at"] <= until:
                members[incident["stored_event"]].append(incident)
                if not since or incident["created_at"] > since:
                    new_ids.add(incident["id"])
        digest = _country_digest(names[code], code, chosen, deadly_updates, members, new_ids, limit)
        digest.omitted.update(omitted)
        digests.append(digest)
    digests.sort(
        key=lambda d: (
            -len(d.changed) - len(d.new_deaths) - d.omitted.get("new_deaths", 0),
            -len(d.new_calls) - d.omitted.get("new_calls", 0),
            d.country,
        )
    )
    return Summary(
        since=since,
        until=until,
        new_documents=store.documents_added_after(since) if since else store.counts()["documents"],
        new_incidents=store.incidents_added(since, until),
        countries=digests,
    )


def _row_start(row: dict[str, Any]) -> str:
    return row["span_start"] or ""


def _latest(items: list[T], limit: int | None, start: Callable[[T], str]) -> list[T]:
    """The `limit` events (given in order of creation) with the latest start (ties: the first
    created), in order of start; all of them, in their order, when there are not more."""
    if limit is None or len(items) <= limit:
        return items
    latest = sorted(items, key=start, reverse=True)[:limit]
    latest.sort(key=start)
    return latest


def country_lines(store: Store) -> list[dict[str, Any]]:
    """`hrtracker countries`: totals per country with deaths counted once per event (the
    stored events' figures, summed in SQL the way Figure.add sums them)."""
    refresh_events(store)
    rows = store.country_totals()
    totals = store.death_totals()
    for row in rows:
        total = totals.get(row["country_code"])
        figure = Figure()
        if total:
            figure = Figure(total["low"], total["high"], bool(total["open_ended"]), total["events"], total["sources"])
        row["deaths"] = figure.text()
    return rows


# -- one incident, for review ------------------------------------------------------------------

CONTEXT_CHARS = 240


def incident_detail(store: Store, incident_id: str) -> dict[str, Any] | None:
    """`incident show`: the record, its document, the text around the evidence and the
    corrections made to it, oldest first. None when there is no such incident."""
    incident = store.incident(incident_id)
    if incident is None:
        return None
    document = store.document(incident["document_id"]) or {}
    text = document.get("text") or ""
    start, end = incident["evidence_start"], incident["evidence_end"]
    return {
        "incident": incident,
        "document": {k: document.get(k) for k in ("id", "source", "title", "url", "outlet", "published")},
        "context_before": text[max(0, start - CONTEXT_CHARS) : start],
        "context_after": text[end : end + CONTEXT_CHARS],
        "context_truncated_after": end + CONTEXT_CHARS < len(text),
        "corrections": store.corrections([incident_id]),
        "event": _event_detail(store, incident_id),
    }


def _event_detail(store: Store, incident_id: str) -> dict[str, Any] | None:
    """The event the incident is counted in, as reports show it, with every source on it:
    what an analyst checks before a merge or a split."""
    refresh_events(store)
    row = store.event_of(incident_id)
    if row is None:
        return None
    members = store.event_incidents([row["id"]])
    event = Event(row["category"], row["subtype"], row["country_code"], members)
    start, end = event.span()
    return {
        "id": row["id"],
        "date": start if start == end or not end else f"{start} – {end}",
        "deaths": event.figure_text("deaths") if _killing(row["category"], row["subtype"]) else None,
        "sources": event.sources,
        "part_of": row["part_of"],
        "incidents": [
            {
                "id": i["id"], "source": i["source"], "period_start": i["period_start"], "period_end": i["period_end"],
                "deaths": range_text(*Event(i["category"], i["subtype"], i["country_code"], [i]).range("deaths")) or None,
                "review_status": i["review_status"], "evidence": i["evidence"],
            }  # fmt: skip
            for i in members
        ],
    }


def _killing(category: str, subtype: str | None) -> bool:
    return category in DEATH_CATEGORIES or subtype == "killing"


def _country_digest(
    name: str,
    code: str,
    chosen: dict[str, list[dict[str, Any]]],
    deadly_updates: list[dict[str, Any]],
    members: dict[str, list[dict[str, Any]]],
    new_ids: set[str],
    limit: int | None,
) -> CountryDigest:
    """One country's part of the digest: the events chosen for each list (stored rows), the
    deadly events with new sources, each event's incidents, and the ids of the new incidents;
    at most `limit` changed tolls, the latest."""
    digest = CountryDigest(name, code, [], [], [], [])

    def event(row: dict[str, Any], incidents: list[dict[str, Any]]) -> Event:
        return Event(row["category"], row["subtype"], row.get("country_code"), incidents)

    for section in ("new_deaths", "new_calls", "new_abuses"):
        getattr(digest, section).extend(_row(event(r, members[r["id"]])) for r in chosen.get(section, []) if members[r["id"]])
    for r in chosen.get("updates", []):
        fresh = [i for i in members[r["id"]] if i["id"] in new_ids]
        if fresh:  # the update shows what the new sources say
            digest.updates.append(_row(event(r, fresh)))
    changed = []
    for r in deadly_updates:
        incidents = members[r["id"]]
        fresh = [i for i in incidents if i["id"] in new_ids]
        before = [i for i in incidents if i["id"] not in new_ids]
        if fresh and before:
            line = _changed_toll(name, event(r, incidents), event(r, before), fresh)
            if line:
                changed.append({**r, "line": line})
    shown = _latest(changed, limit, _row_start)
    digest.changed = [r["line"] for r in shown]
    if len(changed) > len(shown):
        digest.omitted["changed"] = len(changed) - len(shown)
    return digest


def _toll(span: tuple[int | None, int | None, bool]) -> int | None:
    """The figure a toll is quoted by: the most any source states."""
    low, high, _ = span
    return high if high is not None else low


def _changed_toll(name: str, event: Event, before: Event, fresh: list[dict[str, Any]]) -> str | None:
    """'Peru protest deaths: 49 → 50, new source (2022-12 – 2023-01-12)' when the new sources
    of a known event change its toll; None when they repeat it or state less."""
    old, now = _toll(before.range("deaths")), _toll(event.range("deaths"))
    if now is None or old == now:
        return None
    what = "protest deaths" if event.category in DEATH_CATEGORIES else "killings"
    sources = len({i["document_id"] for i in fresh})
    start, end = event.span()
    when = "" if not start else f" ({start if start == end or not end else f'{start} – {end}'})"
    figures = f"{old:,} → {now:,}" if old is not None else f"{now:,}"
    return f"{name} {what}: {figures}, {'new source' if sources == 1 else f'{sources} new sources'}{when}"


def _analyst_events(
    incidents: Iterable[dict[str, Any]],
    events: list[Event],
    documents: list[set[str]],
    candidates: dict[tuple, _Candidates],
) -> tuple[list[dict[str, Any]], dict[int, int] | None]:
    """Open the events analysts made with `incident merge` before any automatic grouping, and
    offer them to the rules as candidates. Returns the incidents left to group and, when there
    were analyst events, each incident's position in the input (to put events back in order)."""
    incidents = list(incidents)
    if not any(incident.get("event_id") for incident in incidents):
        return incidents, None
    positions: dict[str, int] = {}
    rest = []
    for incident in incidents:
        event_id = incident.get("event_id")
        if not is_analyst_event(incident):
            rest.append(incident)
            continue
        position = positions.get(event_id)  # type: ignore[arg-type]
        if position is None:
            positions[event_id] = len(events)  # type: ignore[index]
            events.append(Event(incident["category"], incident.get("subtype"), incident.get("country_code"), [incident]))
            documents.append({incident["document_id"]})
        else:
            events[position].incidents.append(incident)
            documents[position].add(incident["document_id"])
    for position in positions.values():
        lead = events[position].incidents[0]
        key = (lead["category"], lead.get("subtype"), lead.get("country_code"))
        candidates.setdefault(key, _Candidates()).add(position, _period(lead))
    return rest, {id(incident): n for n, incident in enumerate(incidents)}
