"""Events across sources: the same deaths are never added twice, disagreements become ranges."""

from __future__ import annotations

import itertools

import pytest

from hrtracker.report import Figure, group_events, range_text

_ids = itertools.count()


def toll(document, low=None, best=None, high=None, start=None, end=None, country="PER", category="protest_death", **extra):
    n = next(_ids)
    return {
        "id": f"i{n}", "document_id": document, "source": f"{document}.txt", "published": None,
        "category": category, "subtype": extra.pop("subtype", None), "country": "Peru", "country_code": country,
        "deaths_low": low, "deaths_best": best, "deaths_high": high, "period_start": start,
        "period_end": end or start, "evidence": "x", "confidence": 0.8, **extra,
    }  # fmt: skip


def deaths(incidents):
    figure = Figure()
    for event in group_events(incidents):
        if event.category == "protest_death" and event.part_of is None:
            figure.add(event.range("deaths"), event.sources)
    return figure


def test_same_toll_from_three_sources_is_one_event_with_a_range():
    events = group_events([
        toll("a", 49, 49, None, "2022-12", "2023-02"),
        toll("b", 49, 49, 49, "2022-12", "2023-02"),
        toll("c", 50, 50, 50, "2023-01"),
    ])  # fmt: skip
    assert len(events) == 1
    assert events[0].sources == 3
    assert events[0].figure_text("deaths") == "49–50"


def test_disagreeing_tolls_for_the_same_wave_are_a_range_not_a_sum():
    figure = deaths([
        toll("a", 45, 45, None, "2022-12", "2023-01"),
        toll("b", 57, 57, 57, "2022-12-07", "2023-01-31"),
    ])  # fmt: skip
    assert (figure.low, figure.high, figure.events) == (45, 57, 1)
    assert figure.text() == "45–57"


def test_a_day_inside_a_wave_is_part_of_it():
    incidents = [
        toll("a", 49, 49, None, "2022-12", "2023-02"),
        toll("b", 17, 17, 17, "2023-01-09"),
    ]
    events = group_events(incidents)
    day = next(e for e in events if e.incidents[0]["deaths_low"] == 17)
    assert day.part_of is not None
    assert deaths(incidents).text() == "at least 49"


def test_different_countries_and_times_add_up():
    figure = deaths([
        toll("a", 29, 29, None, "2021-05"),
        toll("b", 10, 10, 10, "2019-11", country="BOL"),
        toll("c", 3, 3, 3, "2020-01"),
    ])  # fmt: skip
    assert (figure.low, figure.events) == (42, 3)


def test_one_document_never_joins_its_own_event_twice():
    events = group_events([toll("a", 5, 5, 5, "2023-01-09"), toll("a", 5, 5, 5, "2023-01-09")])
    assert len(events) == 2


def test_calls_group_by_caller():
    events = group_events([
        toll("a", category="accountability_call", start="2023-07-25", caller="US lawmakers", subtype="investigation"),
        toll("b", category="accountability_call", start="2023-07-25", caller="US lawmakers", subtype="investigation"),
        toll("c", category="accountability_call", start="2023-07-25", caller="IACHR", subtype="investigation"),
    ])  # fmt: skip
    assert sorted(e.sources for e in events) == [1, 2]


def test_range_text():
    assert range_text(49, 49, False) == "49"
    assert range_text(49, 49, True) == "at least 49"
    assert range_text(45, 57, True) == "45–57+"
    assert range_text(None, 50, False) == "up to 50"
    assert range_text(1300, 1300, False) == "1,300"


def test_a_long_timeline_is_drawn_by_year_in_the_terminal():
    from rich.console import Console

    from hrtracker.render.terminal import MAX_MONTHS, by_year, timeline_chart

    months = [{"month": f"{2012 + n // 12}-{n % 12 + 1:02d}", "incidents": 2, "deaths": n % 3} for n in range(48)]
    months.append({"month": "undated", "incidents": 1, "deaths": 0})
    years = by_year(months)
    assert [y["month"] for y in years] == ["2012", "2013", "2014", "2015", "undated"]
    assert years[0] == {"month": "2012", "incidents": 24, "deaths": 12}
    console = Console(width=100, record=True)
    console.print(timeline_chart(months))
    drawn = console.export_text()
    assert "Year" in drawn and "2015" in drawn and "2015-01" not in drawn
    console.print(timeline_chart(months[:MAX_MONTHS]))
    assert "2014-12" in console.export_text()


def force(document, start=None, end=None, published=None, **extra):
    """An excessive-force record; `published` is its document's publication date."""
    return {**toll(document, start=start, end=end, category="abuse", subtype="excessive_force", **extra), "published": published}


@pytest.mark.parametrize(
    "records, events",
    [
        # An article cannot report an event that began after it was published: a 2019 report
        # of excessive force with no date of its own is not the 2022 strike's.
        ([force("a", published="2019-10-14"), force("b", "2022-06-13", "2022-06-28", "2022-06-30")], 2),
        # It can report an event before it: the day itself, a day before, a wave still going on.
        ([force("a", "2022-12-11"), force("b", published="2023-01-10")], 1),
        ([force("a", "2023-01-10"), force("b", published="2023-01-10")], 1),
        ([force("a", "2022-12", "2023-02"), force("b", published="2023-01-10")], 1),
        ([force("a", "2023-01"), force("b", published="2023-01-10")], 1),  # the month it was published
        # With no publication date nothing is known against it.
        ([force("a"), force("b", "2022-06-13")], 1),
        ([force("a", "2022-06-13"), force("b")], 1),
        # Tolls and calls alike.
        ([toll("a", 17, 17, 17, "2023-01-09"), {**toll("b", 17, 17, 17), "published": "2023-01-10"}], 1),
        ([{**toll("a", 17, 17, 17), "published": "2022-05-02"}, toll("b", 17, 17, 17, "2023-01-09")], 2),
        (
            [
                {**toll("a", category="accountability_call", caller="IACHR", subtype="investigation"), "published": "2023-01-05"},
                toll("b", category="accountability_call", start="2023-07-25", caller="IACHR", subtype="investigation"),
            ],
            2,
        ),
    ],
)
def test_a_record_without_a_date_happened_by_its_publication(records, events):
    """Records come in grouping order (period start, else publication date)."""
    assert len(group_events(records)) == events
