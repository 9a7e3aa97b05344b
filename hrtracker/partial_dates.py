"""Partial ISO dates ("2023", "2023-02", "2023-02-14"): the shape the contract stores, whether
one exists on the calendar, and how two of different precision compare. No imports beyond the
standard library, so the command line can check its options before loading anything heavy."""

from __future__ import annotations

import datetime
import re

PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def on_the_calendar(value: str) -> bool:
    """A partial date that exists: the shape alone lets '2023-13-45' by."""
    if not PARTIAL_DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value + {4: "-01-01", 7: "-01"}.get(len(value), ""))
    except ValueError:
        return False
    return True


def starts_after(start: str, end: str) -> bool:
    """Whether `start` comes after `end`, compared at the coarser precision of the two
    ('2023-01-05' is not after '2023-01')."""
    return start[: len(end)] > end[: len(start)]
