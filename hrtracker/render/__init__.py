"""Renderers: one module per output format. Every stored string passes through `safe` (or the
format's own escaping): article text is data, never markup or terminal control."""

from __future__ import annotations

from ..sources import strip_controls


def safe(value: object) -> str:
    """A stored value as inert text."""
    if value is None:
        return ""
    return strip_controls(str(value))


def shorten(value: object, width: int) -> str:
    text = safe(value)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


SUBTYPE_LABELS = {
    "killing": "Killings",
    "excessive_force": "Excessive force",
    "physical_attack": "Physical attacks",
    "arbitrary_detention": "Arbitrary detention",
    "torture": "Torture and ill-treatment",
    "enforced_disappearance": "Enforced disappearance",
    "sexual_violence": "Sexual violence",
    "threats_harassment": "Threats and harassment",
    "forced_displacement": "Forced displacement",
    "restriction_of_freedoms": "Restrictions of freedoms",
    "other": "Other abuses",
}


def json_text(data: object) -> str:
    """JSON with <, > and & escaped, so a report embedded in a page cannot open a tag."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


REVIEW_MARKS = {"confirmed": "✓", "edited": "✓ edited"}


def review_mark(status: object) -> str:
    """'✓' for a record a reviewer confirmed, '✓ edited' for one they corrected, else ''."""
    return REVIEW_MARKS.get(str(status), "") if status else ""


def omitted_note(omitted: dict[str, int], table: str) -> str:
    """'… 412 more events not listed (newest shown; --all lists every one)' or ''."""
    count = omitted.get(table, 0)
    if not count:
        return ""
    return f"… {count:,} more event{'s' if count != 1 else ''} not listed (newest shown; --all lists every one)"


SUMMARY_SECTIONS = (
    ("new_deaths", "New deaths"),
    ("new_calls", "New calls for accountability"),
    ("new_abuses", "Other new abuses"),
    ("updates", "New source on a known event"),
)
SUMMARY_PLURALS = {
    "changed": "changed tolls",
    "new_deaths": "new deadly events",
    "new_calls": "new calls for accountability",
    "new_abuses": "other new abuses",
    "updates": "known events with new sources",
}


def summary_note(omitted: dict[str, int], section: str, label: str) -> str:
    """'… 37 more other new abuses not listed (latest shown; --all lists every one)' or ''."""
    count = omitted.get(section, 0)
    if not count:
        return ""
    return f"… {count:,} more {label.lower()} not listed (latest shown; --all lists every one)"
