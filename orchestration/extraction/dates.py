"""The date a document was written, from the places real texts put it, strongest first:

    signature   "Thái Nguyên, ngày 12 tháng 11 năm 2023" (an official document's place and date)
    marker      " date 2025-12-05" (the stored-page marker some extracts start with)
    body        "Ngày 9/12/2022, HĐND tỉnh ban hành …" (a sentence that opens on its date)
    dateline    "20:03 11-12-2023 | :155", "Thứ sáu, 05/07/2024 15:17" (a page's publication line)
    reference   "(Theo báo cáo số 330/BC-UBND ngày 06/12/2019)" (the report a table was taken from)
    partial     "Chiều 25-12, …", "Ngày 6.12, …" (day and month only): the year is the one the text
                reports on — a December meeting names this year's results and next year's plan, so the
                year is the plan year minus one when both are named

A full date later than every year the text names by more than one is a page's crawl or render date,
not the document's, and is passed over.
"""
from __future__ import annotations

import re
from datetime import date

from .text import clean_line, cue_fold
from .timeframe import mentioned_years

HEAD_LINES = 12
YEARS_CHARS = 6000  # the years a text names are read from its opening (bounded work on long documents)

_SIGNATURE = re.compile(r"ngày\s*(\d{1,2})\s*(?:tháng\s*|/\s*)(\d{1,2})\s*(?:năm\s*|/\s*)(\d{4})", re.I)
_MARKER = re.compile(r"^\s*(?:date\s+)?((?:19|20)\d{2})-(\d{2})(?:-(\d{2}))?\b", re.I)
_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?![\d/.-])")
_BODY = re.compile(r"^\s*(?:\(\S+\)\s*[-–]?\s*)?(?:ngày|sáng|chiều|tối|trưa|hôm)\s+(?:nay\s+)?(?:\(?\s*)"
                   r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})\b", re.I)
_REFERENCE = re.compile(r"\bsố\s+\S+\s+ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})\b", re.I)
_PARTIAL = re.compile(r"(?:^|[\s(.,;:–-])(?:ngày|sáng|chiều|tối|trưa|đêm|hôm qua|hôm nay)\s+(?:qua\s+)?\(?(\d{1,2})\s*[/.-]\s*(\d{1,2})\b"
                      r"(?!\s*[/.-]\s*\d)", re.I)
_DATED_FIGURES = re.compile(r"\b(?:tính )?(?:đến|tới) (?:hết )?ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})\b", re.I)
_DATELINE_HINT = re.compile(r"(?:\d{1,2}:\d{2}|thứ\s+\w+|cập nhật|ngày đăng|đăng ngày|gmt|\|)", re.I)


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None  # "31/02", "2024-13": not a date; say nothing rather than guess


class _LazyYears:
    """The years the text names, read only if a date candidate needs checking."""

    def __init__(self, folded: str):
        self.folded, self._years = folded, None

    def get(self) -> list[int]:
        if self._years is None:
            self._years = sorted({y for y, _ in mentioned_years(self.folded)})
        return self._years


def _plausible(found: date | None, years: "_LazyYears") -> bool:
    return found is not None and (not years.get() or found.year <= max(years.get()) + 1)


def find_date(lines: list[str], text: str) -> tuple[date | None, str]:
    """(date, method) of the document; (None, 'none') when the text does not say."""
    head = [l for l in (clean_line(x).strip() for x in lines[:HEAD_LINES]) if l]
    folded = cue_fold(text[:YEARS_CHARS])
    years = _LazyYears(folded)
    for l in head:
        m = _SIGNATURE.search(l)
        if m and (l[: m.start()].strip().endswith(",") or m.start() == 0):
            found = _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if found:
                return found, "signature"
    if head:
        m = _MARKER.match(head[0])
        if m:
            found = _make(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
            if found:
                return found, "marker"
    for l in head:
        m = _BODY.match(l)
        if m:
            found = _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if _plausible(found, years):
                return found, "body"
    for l in head[:6]:
        m = _REFERENCE.search(l)
        if m:
            found = _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if _plausible(found, years):
                # the text is no older than what it refers to: a day and month of its own ("ngày 9/12,
                # Kỳ họp …" beside "Nghị quyết số 24-NQ/TW ngày 7/10/2022") is the first such date after it
                later = _partial_after(head, found)
                return (later, "partial") if later else (found, "reference")
    for l in head[:6]:
        m = _DMY.search(l)
        if m and (len(l) < 100 or _DATELINE_HINT.search(l[: m.start()] or "")):
            found = _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if _plausible(found, years):
                return found, "dateline"
    for l in head:
        m = _PARTIAL.search(l)
        if m:
            day, month = int(m.group(1)), int(m.group(2))
            year = _year_of(day, month, years.folded)
            found = _make(year, month, day) if year else None
            if found:
                return found, "partial"
    # last: a date the text gives for its figures ("Tính đến ngày 14/3/2024, …"); the text is from then
    # or a little later, which is all the year and month of its values need
    dated = [d for m in _DATED_FIGURES.finditer(text[:YEARS_CHARS])
             if (d := _make(int(m.group(3)), int(m.group(2)), int(m.group(1))))]
    if dated:
        return max(dated), "as_of"
    return None, "none"


def _partial_after(head: list[str], after: date) -> date | None:
    for l in head:
        m = _PARTIAL.search(l)
        if m:
            day, month = int(m.group(1)), int(m.group(2))
            for year in (after.year, after.year + 1):
                found = _make(year, month, day)
                if found and found > after:
                    return found
            return None
    return None


def _year_of(day: int, month: int, folded: str) -> int | None:
    """The year of a day-and-month date, from the years the text names as the year of something."""
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    named = mentioned_years(folded)
    if not named:
        return None
    latest = max(y for y, _ in named)
    if month >= 11:
        # a year-end text: results of this year, plans for the next
        plan_like = any(y == latest and k == "target" for y, k in named)
        if any(y == latest - 1 for y, _ in named) or plan_like:
            return latest - 1
    return latest
