"""The records extraction produces. Field names are the column names of the raw DuckDB tables."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date


@dataclass(frozen=True, slots=True)
class Observation:
    """One stated value: a target, an estimate or an actual, traceable to its line."""

    document_id: str
    observation_index: int
    source_line: int
    source_text: str
    indicator_label: str
    indicator_code: str | None
    match_score: float
    year: int | None
    period: str
    value_kind: str
    comparator: str
    value_low: float | None
    value_high: float | None
    unit_raw: str | None
    unit_key: str | None
    unit: str | None
    value_low_canonical: float | None
    value_high_canonical: float | None
    verdict: str | None
    layout: str
    # where source_text sits in line source_line of the document as read (UTF-8, NFC, text hygiene):
    # line[source_text_start:source_text_end] == source_text; None when the reader composed the text
    # (markup removed, a row continued over lines). source_text is the whole line unless the line is
    # longer than SOURCE_TEXT_MAX_CHARS, then a window of that many characters around the value.
    source_text_start: int | None = None
    source_text_end: int | None = None

    def as_row(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Reject:
    """A line or value extraction could not turn into a trustworthy Observation (goes to quarantine)."""

    document_id: str
    source_line: int | None
    source_text: str
    check_name: str
    reason: str
    detail: str = ""
    source_text_start: int | None = None  # as in Observation
    source_text_end: int | None = None

    def as_row(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What a document is: type, issuer, number, date, and which province it is about (and how we know)."""

    document_id: str
    doc_type: str  # resolution / report / dispatch / article / unknown
    issuer: str | None
    doc_number: str | None
    doc_date: date | None
    title: str | None
    year_hint: int | None
    province_key: str | None
    province_code: str | None
    province_name: str | None
    province_method: str  # sidecar / heading / body / filename / none
    province_confidence: float
    doc_date_method: str = "none"  # signature / marker / body / dateline / reference / partial / as_of / sidecar / none

    def as_row(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class ExtractionResult:
    observations: list[Observation] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)


OBSERVATION_COLUMNS = [f.name for f in fields(Observation)]
REJECT_COLUMNS = [f.name for f in fields(Reject)]
DOCUMENT_INFO_COLUMNS = [f.name for f in fields(DocumentInfo)]
