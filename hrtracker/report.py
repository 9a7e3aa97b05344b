"""Report and summary data: plain dataclasses built from store queries, ready for any renderer.

Incidents of the same event reported by several documents are grouped (same country and
category, overlapping periods, compatible figures) so that reports count each event once and
show the range of figures when sources disagree."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from .store import Store

DEATH_CATEGORIES = ("protest_death",)
REVIEWED = ("confirmed", "edited")


@dataclass
class Figure:
    """A total over events: low is what sources agree on at least; high None = open-ended."""

    low: int = 0
    high: int | None = 0
    events: int = 0
    sources: int = 0

    def add(self, low: int | None, high: int | None, sources: int) -> None:
        if low is None and high is None:
            return
        self.low += low or 0
        if self.high is not None:
            self.high = None if high is None else self.high + high
        self.events += 1
        self.sources += sources

    def text(self) -> str:
        if not self.events:
            return "0"
        if self.high is None:
            return f"at least {self.low:,}"
        if self.high == self.low:
            return f"{self.low:,}"
        return f"{self.low:,}–{self.high:,}"


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
            key=lambda i: (i.get("review_status") in REVIEWED, i.get("confidence") or 0, -len(i["evidence"])),
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

    def range(self, prefix: str) -> tuple[int | None, int | None]:
        """(low, high) over the sources: the least any source states and the most; high None
        when a source gives only a lower bound that the others do not exceed."""
        lows, highs = [], []
        for incident in self.incidents:
            low = incident.get(f"{prefix}_low")
            best = incident.get(f"{prefix}_best")
            high = incident.get(f"{prefix}_high")
            floor = low if low is not None else best if best is not None else None
            if floor is not None:
                lows.append(floor)
            top = high if high is not None else best if best is not None else low
            if top is not None:
                highs.append(top)
        if not lows and not highs:
            return None, None
        low = min(lows) if lows else None
        high = max(highs) if highs else None
        open_ended = any(
            i.get(f"{prefix}_high") is None and i.get(f"{prefix}_low") is not None for i in self.incidents
        )
        if open_ended and high is not None and low is not None and high <= max(lows):
            high = None
        return low, high

    def figure_text(self, prefix: str) -> str:
        low, high = self.range(prefix)
        if low is None and high is None:
            return ""
        if low is None:
            return f"up to {high:,}"
        if high is None:
            return f"at least {low:,}"
        return f"{low:,}" if low == high else f"{low:,}–{high:,}"


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


def group_events(incidents: Iterable[dict[str, Any]]) -> list[Event]:
    """Group incidents from different documents that report the same event."""
    events: list[Event] = []
    index: dict[tuple, list[int]] = defaultdict(list)
    for incident in incidents:
        key = (incident["category"], incident.get("subtype"), incident.get("country_code"))
        placed = False
        for position in index[key]:
            event = events[position]
            if incident["document_id"] in {i["document_id"] for i in event.incidents}:
                continue
            lead = event.incidents[0]
            if incident["category"] == "accountability_call":
                same = (lead.get("caller") or "").lower()[:30] == (incident.get("caller") or "").lower()[:30]
                if same and _overlap(_period(lead), _period(incident)):
                    event.incidents.append(incident)
                    placed = True
                    break
                continue
            if not _overlap(_period(lead), _period(incident)):
                continue
            prefix = "deaths" if incident["category"] == "protest_death" or incident.get("subtype") == "killing" else None
            if prefix and not _compatible(_value(lead, prefix), _value(incident, prefix)):
                continue
            if not prefix and lead.get("perpetrator") and incident.get("perpetrator") and lead["perpetrator"] != incident["perpetrator"]:
                continue
            event.incidents.append(incident)
            placed = True
            break
        if not placed:
            events.append(Event(incident["category"], incident.get("subtype"), incident.get("country_code"), [incident]))
            index[key].append(len(events) - 1)
    _mark_parts(events)
    return events


def _mark_parts(events: list[Event]) -> None:
    """A toll for one day inside a wave whose toll is larger is part of it, not added to it."""
    deadly = [(i, e) for i, e in enumerate(events) if e.category in DEATH_CATEGORIES]
    for i, small in deadly:
        s_low, _ = small.range("deaths")
        for j, big in deadly:
            if i == j or big.country_code != small.country_code:
                continue
            b_low, _ = big.range("deaths")
            if s_low is not None and b_low is not None and s_low < b_low and _contains(big.span(), small.span()):
                small.part_of = j
                break


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


def build_country_report(
    store: Store, country_code: str, country_name: str, since: str | None = None, until: str | None = None
) -> CountryReport:
    incidents = list(store.iter_incidents(country_code=country_code, since=since, until=until))
    events = group_events(incidents)
    deaths, injured, detained = Figure(), Figure(), Figure()
    timeline: dict[str, Counter[str]] = defaultdict(Counter)
    protest_rows: list[Row] = []
    abuse_rows: dict[str, list[Row]] = defaultdict(list)
    call_rows: list[Row] = []
    dates: list[str] = []
    for event in events:
        start, end = event.span()
        if start:
            dates.extend(d for d in (start, end) if d)
        month = (start or "")[:7] if start and len(start) >= 7 else (start or "undated")
        timeline[month]["incidents"] += 1
        counted = event.part_of is None
        if event.category in DEATH_CATEGORIES or event.subtype == "killing":
            low, high = event.range("deaths")
            if counted:
                deaths.add(low, high, event.sources)
                timeline[month]["deaths"] += low or 0
        if counted:
            injured.add(*event.range("injured"), event.sources)
            detained.add(*event.range("arrested"), event.sources)
        row = _row(event)
        if event.category == "protest_death":
            protest_rows.append(row)
        elif event.category == "abuse":
            abuse_rows[event.subtype or "other"].append(row)
        else:
            call_rows.append(row)
    ordered = sorted(timeline.items(), key=lambda kv: (kv[0] == "undated", kv[0]))
    return CountryReport(
        country=country_name,
        country_code=country_code,
        since=since,
        until=until,
        incidents=len(incidents),
        events=len(events),
        sources=len({i["document_id"] for i in incidents}),
        period_start=min(dates) if dates else None,
        period_end=max(dates) if dates else None,
        deaths=deaths,
        injured=injured,
        detained=detained,
        timeline=[{"month": m, "incidents": c["incidents"], "deaths": c["deaths"]} for m, c in ordered],
        protest_deaths=protest_rows,
        abuses=dict(sorted(abuse_rows.items())),
        calls=call_rows,
    )


# -- the summary digest ------------------------------------------------------------------------

SUMMARY_KEY = "last_summary_at"


@dataclass
class CountryDigest:
    country: str
    country_code: str
    new_deaths: list[Row]
    new_calls: list[Row]
    new_abuses: list[Row]
    changed: list[str]


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_summary(store: Store, since: str | None, until: str) -> Summary:
    """What was stored after `since` (a UTC timestamp), grouped by country, deaths and calls
    first, with figures that changed against what was known before."""
    new = [i for i in store.iter_incidents(created_after=since) if not until or i["created_at"] <= until]
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for incident in new:
        by_country[incident.get("country_code") or "?"].append(incident)
    digests = []
    for code, items in sorted(by_country.items(), key=lambda kv: -len(kv[1])):
        name = items[0].get("country") or "Unknown country"
        changed = _changed_figures(store, code, items, since) if since and code != "?" else []
        events = group_events(items)
        digests.append(
            CountryDigest(
                country=name,
                country_code=code,
                new_deaths=[_row(e) for e in events if e.category == "protest_death" or e.subtype == "killing"],
                new_calls=[_row(e) for e in events if e.category == "accountability_call"],
                new_abuses=[_row(e) for e in events if e.category == "abuse" and e.subtype != "killing"],
                changed=changed,
            )
        )
    digests.sort(key=lambda d: (-len(d.new_deaths), -len(d.new_calls), d.country))
    return Summary(
        since=since,
        until=until,
        new_documents=store.documents_added_after(since) if since else store.counts()["documents"],
        new_incidents=len(new),
        countries=digests,
    )


def _changed_figures(store: Store, code: str, new: list[dict[str, Any]], since: str) -> list[str]:
    everything = list(store.iter_incidents(country_code=code))
    old = [i for i in everything if i["created_at"] <= since]
    if not old:
        return []
    before = _death_total(old)
    after = _death_total(everything)
    if before == after:
        return []
    name = new[0].get("country") or code
    sources = len({i["document_id"] for i in new})
    return [f"{name} protest deaths: {before} → {after}, {sources} new source{'s' if sources != 1 else ''}"]


def _death_total(incidents: list[dict[str, Any]]) -> str:
    figure = Figure()
    for event in group_events(incidents):
        if event.category in DEATH_CATEGORIES and event.part_of is None:
            figure.add(*event.range("deaths"), event.sources)
    return figure.text()


def country_lines(store: Store) -> list[dict[str, Any]]:
    """`hrtracker countries`: totals per country with deaths counted once per event."""
    rows = store.country_totals()
    for row in rows:
        row["deaths"] = _death_total(list(store.iter_incidents(country_code=row["country_code"])))
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
    }
