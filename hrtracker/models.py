"""Pydantic models and vocabularies: the contract (../CONTRACT.md) in code."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from .partial_dates import PARTIAL_DATE

Category = Literal["protest_death", "abuse", "accountability_call"]
CATEGORIES: tuple[str, ...] = ("protest_death", "abuse", "accountability_call")

ABUSE_SUBTYPES: tuple[str, ...] = (
    "killing",
    "excessive_force",
    "physical_attack",
    "arbitrary_detention",
    "torture",
    "enforced_disappearance",
    "sexual_violence",
    "threats_harassment",
    "forced_displacement",
    "restriction_of_freedoms",
    "other",
)
CALL_SUBTYPES: tuple[str, ...] = (
    "accountability",
    "investigation",
    "prosecution",
    "sanctions",
    "suspension_of_assistance",
    "reform",
    "other",
)
PERPETRATORS: tuple[str, ...] = (
    "police",
    "military",
    "security_forces",
    "government",
    "armed_group",
    "paramilitary",
    "criminal_group",
    "government_supporters",
    "unknown",
)
VICTIMS: tuple[str, ...] = (
    "protesters",
    "civilians",
    "journalists",
    "human_rights_defenders",
    "social_leaders",
    "migrants",
    "indigenous_people",
    "children",
    "detainees",
    "opposition",
    "other",
)

def check_partial_date(value: str | None) -> str | None:
    """Accept None or an ISO 8601 partial date: YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None:
        return None
    if not PARTIAL_DATE.match(value):
        raise ValueError(f"not a partial ISO date: {value!r}")
    return value


class Document(BaseModel):
    """One stored article: its normalized text and what we know about where it came from."""

    id: str
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    format: str = "txt"

    @field_validator("published")
    @classmethod
    def _partial(cls, value: str | None) -> str | None:
        return check_partial_date(value)


class Incident(BaseModel):
    """One extracted record; field names are the export record's."""

    id: str = ""
    document_id: str = ""
    source: str = ""
    published: str | None = None
    category: Category
    subtype: str | None = None
    country: str | None = None
    country_code: str | None = None
    deaths_low: int | None = None
    deaths_best: int | None = None
    deaths_high: int | None = None
    injured_low: int | None = None
    injured_best: int | None = None
    injured_high: int | None = None
    arrested_low: int | None = None
    arrested_best: int | None = None
    arrested_high: int | None = None
    period_start: str | None = None
    period_end: str | None = None
    perpetrator: str | None = None
    perpetrator_text: str | None = None
    victims: str | None = None
    victims_text: str | None = None
    caller: str | None = None
    target: str | None = None
    demand: str | None = None
    evidence: str
    evidence_start: int
    evidence_end: int
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    rules: list[str] = Field(default_factory=list)
    # Not in the export contract: which span filled which field, for `extract --explain`.
    spans: dict[str, str] = Field(default_factory=dict, exclude=True)

    @field_validator("published", "period_start", "period_end")
    @classmethod
    def _partial(cls, value: str | None) -> str | None:
        return check_partial_date(value)

    @field_validator("subtype")
    @classmethod
    def _subtype(cls, value: str | None, info) -> str | None:  # type: ignore[no-untyped-def]
        category = info.data.get("category")
        if value is None:
            return None
        allowed = ABUSE_SUBTYPES if category == "abuse" else CALL_SUBTYPES
        if category == "protest_death" or value not in allowed:
            raise ValueError(f"subtype {value!r} is not valid for {category}")
        return value

    @field_validator("perpetrator")
    @classmethod
    def _perpetrator(cls, value: str | None) -> str | None:
        if value is not None and value not in PERPETRATORS:
            raise ValueError(f"unknown perpetrator group {value!r}")
        return value

    @field_validator("victims")
    @classmethod
    def _victims(cls, value: str | None) -> str | None:
        if value is not None and value not in VICTIMS:
            raise ValueError(f"unknown victims group {value!r}")
        return value


EXPORT_FIELDS: tuple[str, ...] = tuple(name for name in Incident.model_fields if name != "spans")
