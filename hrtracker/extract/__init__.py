"""The rule-based extractor: a document in, incidents out. Pure: no I/O, no SQL.

The pipeline lives in `pipeline.py` and is imported on first use: it compiles a few hundred
regular expressions, and commands that only look up a country (`report`, `export`) should not
pay for that."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

_PIPELINE = ("check_user_data", "extract", "merge_within_document")
_RECORDS = ("EXTRACTOR_VERSION", "adopt", "incident_id")

if TYPE_CHECKING:
    from .pipeline import check_user_data, extract, merge_within_document
    from .records import EXTRACTOR_VERSION, adopt, incident_id

__all__ = ["EXTRACTOR_VERSION", "adopt", "check_user_data", "extract", "incident_id", "merge_within_document"]


def __getattr__(name: str) -> Any:
    if name in _PIPELINE:
        from . import pipeline

        return getattr(pipeline, name)
    if name in _RECORDS:
        from . import records

        return getattr(records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
