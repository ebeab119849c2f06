"""What one document may cost the run: limits that keep extraction bounded whatever the document's shape.

A document over a limit is quarantined whole (stage ``extraction``), with a reason that names the limit
and the setting that raises it; the other documents go on. Pure Python: the values come from the
``ChitieuPaths`` resource (its fields, else these environment variables, else the defaults).

| limit                         | setting                            | default  | check name                |
|-------------------------------|------------------------------------|----------|---------------------------|
| bytes per document            | ``CHITIEU_MAX_DOCUMENT_BYTES``     | 5 MiB    | ``document_too_large`` (decode.py, at scan time) |
| characters per line           | ``CHITIEU_MAX_LINE_CHARS``         | 100,000  | ``line_too_long``         |
| values per line               | ``CHITIEU_MAX_VALUES_PER_LINE``    | 1,000    | ``too_many_values_in_line`` |
| values per document           | ``CHITIEU_MAX_VALUES_PER_DOCUMENT`` | 20,000  | ``too_many_values``       |
| seconds of extraction per doc | ``CHITIEU_MAX_DOCUMENT_SECONDS``   | 60       | ``time_budget_exceeded``  |

"Values" are what the readers emit for a line or document: published values and quarantined ones
alike (both are rows the run has to carry). The real corpora are far below every default (longest
line 2,120 characters, at most a few hundred values per document, well under a second each).

``source_text`` is bounded separately, without quarantine: a line longer than ``SOURCE_TEXT_MAX_CHARS``
gives each of its values a window of that many characters around the value (with its offsets in the
line), so a value's row never carries a whole multi-megabyte line.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

SOURCE_TEXT_MAX_CHARS = 2_000

MAX_LINE_CHARS_ENV = "CHITIEU_MAX_LINE_CHARS"
MAX_VALUES_PER_LINE_ENV = "CHITIEU_MAX_VALUES_PER_LINE"
MAX_VALUES_PER_DOCUMENT_ENV = "CHITIEU_MAX_VALUES_PER_DOCUMENT"
MAX_DOCUMENT_SECONDS_ENV = "CHITIEU_MAX_DOCUMENT_SECONDS"


class LimitExceeded(Exception):
    """A document went over one of its limits: it is quarantined whole with this check, reason and detail."""

    def __init__(self, check_name: str, reason: str, detail: str = ""):
        super().__init__(reason)
        self.check_name, self.reason, self.detail = check_name, reason, detail

    def __reduce__(self):  # crosses the process pool as itself
        return (type(self), (self.check_name, self.reason, self.detail))


def _raise_hint(setting: str) -> str:
    return f"raise {setting} if this document is genuine"


@dataclass(frozen=True, slots=True)
class ExtractionLimits:
    max_line_chars: int = 100_000
    max_values_per_line: int = 1_000
    max_values_per_document: int = 20_000
    max_document_seconds: float = 60.0

    def fingerprint(self) -> str:
        """The limits that decide what a document yields (the time budget decides only whether it finishes):
        part of the extraction fingerprint, so changing one re-extracts the unchanged documents."""
        return f"{self.max_line_chars}/{self.max_values_per_line}/{self.max_values_per_document}"

    def check_lines(self, lines: list[str]) -> None:
        longest = max(range(len(lines)), key=lambda i: len(lines[i]), default=None)
        if longest is not None and len(lines[longest]) > self.max_line_chars:
            raise LimitExceeded(
                "line_too_long",
                f"line too long: line {longest + 1} has {len(lines[longest]):,} characters, limit "
                f"{self.max_line_chars:,} ({MAX_LINE_CHARS_ENV})", _raise_hint(MAX_LINE_CHARS_ENV))

    def line_values_exceeded(self, line_no: int, count: int | None = None) -> LimitExceeded:
        """`count` None: the values were being read when the limit was passed (the line has more)."""
        has = f"{count:,}" if count is not None else f"more than {self.max_values_per_line:,}"
        return LimitExceeded(
            "too_many_values_in_line",
            f"too many values in one line: line {line_no} has {has} values, limit {self.max_values_per_line:,} "
            f"({MAX_VALUES_PER_LINE_ENV})", _raise_hint(MAX_VALUES_PER_LINE_ENV))

    def document_values_exceeded(self, line_no: int) -> LimitExceeded:
        return LimitExceeded(
            "too_many_values",
            f"too many values: more than {self.max_values_per_document:,} in the document (by line {line_no:,}), "
            f"limit {self.max_values_per_document:,} ({MAX_VALUES_PER_DOCUMENT_ENV})",
            _raise_hint(MAX_VALUES_PER_DOCUMENT_ENV))

    def time_exceeded(self, line_no: int | None) -> LimitExceeded:
        where = f" (stopped at line {line_no:,})" if line_no else ""
        return LimitExceeded(
            "time_budget_exceeded",
            f"time budget exceeded: extraction took more than {self.max_document_seconds:g} s{where}, "
            f"limit {self.max_document_seconds:g} s ({MAX_DOCUMENT_SECONDS_ENV})",
            _raise_hint(MAX_DOCUMENT_SECONDS_ENV))


class Budget:
    """The limits applied to one document while it is read: counts values and watches the clock.

    The time budget is a cooperative deadline, checked before every line and every value (see
    parallel.py for why not a killed worker). The line-length and values-per-line limits bound the
    work between two checks, so a document overshoots its budget by at most one line's work."""

    __slots__ = ("limits", "deadline", "clock", "values", "per_line", "line_no")

    def __init__(self, limits: ExtractionLimits, clock=time.monotonic):
        self.limits = limits
        self.clock = clock
        self.deadline = clock() + limits.max_document_seconds
        self.values = 0
        self.per_line: dict[int, int] = {}
        self.line_no: int | None = None

    def tick(self, line_no: int | None = None) -> None:
        if line_no is not None:
            self.line_no = line_no
        if self.clock() >= self.deadline:
            raise self.limits.time_exceeded(self.line_no)

    def line_values(self, line_no: int, count: int) -> None:
        """A line about to be read has `count` values: refuse it before doing the work."""
        if count > self.limits.max_values_per_line:
            raise self.limits.line_values_exceeded(line_no, count)

    def count(self, line_no: int | None) -> None:
        """One more value (published or quarantined) from line `line_no`."""
        self.values += 1
        if self.values > self.limits.max_values_per_document:
            raise self.limits.document_values_exceeded(line_no or self.line_no or 0)
        if line_no is not None:
            n = self.per_line.get(line_no, 0) + 1
            self.per_line[line_no] = n
            if n > self.limits.max_values_per_line:
                raise self.limits.line_values_exceeded(line_no)
        self.tick()
