"""The rule-based extractor: a document in, incidents out. Pure: no I/O, no SQL.

The pipeline lives in `pipeline.py` and is imported on first use: it compiles a few hundred
regular expressions, and commands that only look up a country (`report`, `export`) should not
pay for that."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

_PIPELINE = ("EXTRACTOR_VERSION", "adopt", "check_user_data", "extract", "incident_id", "merge_within_document")

if TYPE_CHECKING:
    from .pipeline import (
        EXTRACTOR_VERSION,
        adopt,
        check_user_data,
        extract,
        incident_id,
        merge_within_document,
    )

__all__ = ["EXTRACTOR_VERSION", "adopt", "check_user_data", "extract", "incident_id", "merge_within_document"]


def __getattr__(name: str) -> Any:
    if name in _PIPELINE:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
