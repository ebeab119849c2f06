"""Turning a located value into an Observation or a Reject: indicator choice by unit, canonical
scaling through units.csv, valid-range check.  Shared by the table, list and prose readers."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .catalog import AliasMatch, rank
from .limits import SOURCE_TEXT_MAX_CHARS, Budget
from .model import Observation, Reject
from .reference import Reference
from .timeframe import MODELLED_PERIODS
from .text import fold
from .units import Unit, compatible
from .values import fill


@dataclass(slots=True)
class Choice:
    code: str | None
    score: float
    reason: str | None  # why no code: 'unmatched_indicator' / 'unit_incompatible'
    detail: str = ""


# What the words before a value say it measures: "tăng 5%" is a growth rate or a change, "chiếm 40%" a
# share of something. Other wordings say nothing, and every measure stays possible.
MEASURES_OF_HINT = {"growth": frozenset({"growth", "change"}), "share": frozenset({"share", "rate"})}


def choose(ref: Reference, matches: list[AliasMatch], context: str, unit: Unit, prefer_last: bool = True,
           hint: str | None = None, value: float | None = None) -> Choice:
    """Best alias whose indicator accepts the unit (and, for a % value, fits what the wording says it
    measures: with a hint, an indicator of that measure wins over a better-ranked one of another).
    With the value, an indicator whose valid range holds it wins over one whose range cannot (104,45 %
    under "tốc độ phát triển GRDP" is a development index, not a growth rate)."""
    ranked = rank(matches, context, prefer_last)
    if not ranked:
        return Choice(None, 0.0, "unmatched_indicator")
    fitting = [m for m in ranked if (ind := ref.indicators.get(m.code))
               and compatible(unit, ind.canonical_unit, ind.compatible_units)]
    if value is not None and len({m.code for m in fitting}) > 1:
        in_range = [m for m in fitting if _in_range(ref.indicators[m.code], value * unit.multiplier)]
        fitting = in_range or fitting
    if hint and unit.canonical == "%":
        wanted = MEASURES_OF_HINT[hint]
        of_hint = [m for m in fitting if ref.indicators[m.code].measure in wanted]
        if hint == "share" and not of_hint:
            return Choice(None, 0.0, "share_of_other", "a share of something that is not a catalog indicator")
        fitting = of_hint or fitting
    for m in fitting:
        return Choice(m.code, float(min(100, 40 + m.alias.priority * 0.6 + len(m.alias.words) * 2)), None)
    codes = sorted({m.code for m in ranked})
    return Choice(None, 0.0, "unit_incompatible", f"unit {unit.key!r} ({unit.canonical}) fits none of {', '.join(codes)}")


_PER_MONTH = re.compile(r"\b(?:mot|moi|hang|1) thang\b|/ ?thang\b")


def _months_per_period(label: str, unit: Unit, canonical_unit: str) -> int:
    """12 for a monthly figure of an indicator kept per year ("Thu nhập bình quân đầu người một tháng:
    4.703 nghìn đồng", "… 4,7 triệu đồng/người/tháng"), else 1: the canonical value is the year's."""
    if not canonical_unit.endswith("/năm"):
        return 1
    return 12 if unit.canonical.endswith("/tháng") or _PER_MONTH.search(fold(label)) else 1


def _in_range(ind, canonical_value: float) -> bool:
    return ((ind.valid_min is None or canonical_value >= ind.valid_min)
            and (ind.valid_max is None or canonical_value <= ind.valid_max))


class Emitter:
    """Collects observations/rejects of one document, numbering observations in order.

    With the document's `lines`, every row's source text is bounded (`excerpt`) and located in its line;
    with a `budget`, every row counts against the document's limits (limits.py)."""

    def __init__(self, document_id: str, ref: Reference, lines: list[str] | None = None, budget: Budget | None = None):
        self.document_id = document_id
        self.ref = ref
        self.observations: list[Observation] = []
        self.rejects: list[Reject] = []
        self.lines = lines
        self.budget = budget
        # where in its source text the value being read is (set by the readers; used for long lines only)
        self.at: int | None = None
        self._located: tuple = (None, None, None)  # (line_no, source text, its offset in the line)

    def tick(self, line_no: int | None = None) -> None:
        if self.budget is not None:
            self.budget.tick(line_no)

    def excerpt(self, line_no: int | None, text: str) -> tuple[str, int | None, int | None]:
        """The source text to store (the text itself, or a window of SOURCE_TEXT_MAX_CHARS around
        `self.at` when it is longer) and its character offsets in the line (None when not a slice of it)."""
        n = len(text)
        start, end = 0, n
        if n > SOURCE_TEXT_MAX_CHARS:
            at = min(max(self.at or 0, 0), n)
            start = max(0, min(at - SOURCE_TEXT_MAX_CHARS // 2, n - SOURCE_TEXT_MAX_CHARS))
            end = start + SOURCE_TEXT_MAX_CHARS
            if start > 0:  # whole words at both ends
                k = text.find(" ", start, start + 40)
                start = k + 1 if k != -1 and k + 1 <= at else start
            if end < n:
                k = text.rfind(" ", end - 40, end)
                end = k if k != -1 and k > at else end
            out = text[start:end]
        else:
            out = text
        base = self._base(line_no, text)
        return out, (None if base is None else base + start), (None if base is None else base + end)

    def _base(self, line_no: int | None, text: str) -> int | None:
        if self.lines is None or not line_no or not 1 <= line_no <= len(self.lines):
            return None
        cached_line, cached_text, base = self._located
        if cached_line == line_no and cached_text is text:
            return base
        line = self.lines[line_no - 1]
        lead = len(line) - len(line.lstrip())
        if line.startswith(text, lead):
            base = lead
        else:
            k = line.find(text) if text else -1
            base = k if k != -1 else None
        self._located = (line_no, text, base)
        return base

    def reject(self, line_no: int | None, text: str, check: str, reason: str, detail: str = "") -> None:
        if self.budget is not None:
            self.budget.count(line_no)
        text, start, end = self.excerpt(line_no, text)
        self.rejects.append(Reject(self.document_id, line_no, text, check, reason, detail, start, end))

    def emit(self, *, line_no: int, source_text: str, label: str, code: str, score: float, year: int | None,
             kind: str, comparator: str, low: float | None, high: float | None, unit_raw: str, unit: Unit,
             verdict: str | None, layout: str, period: str = "FY") -> Observation | None:
        ind = self.ref.indicators[code]
        if year is None:
            self.reject(line_no, source_text, "year_unknown",
                        "the text names no year for this value and the document has no date (add a sidecar "
                        "<name>.meta.json with doc_date or year)", f"{code} {low if low is not None else high:g} {unit_raw}")
            return None
        if period not in MODELLED_PERIODS:
            self.reject(line_no, source_text, "period_not_modelled",
                        f"a value for {'one month' if period.startswith('M') else 'the first ' + period[:-1] + ' months'} "
                        f"({period}); the warehouse models years, halves, quarters and 9 months",
                        f"{code} {low if low is not None else high:g} {unit_raw}")
            return None
        low, high = fill(comparator, low, high)
        multiplier = unit.multiplier * _months_per_period(label, unit, ind.canonical_unit)
        lo_c = None if low is None else low * multiplier
        hi_c = None if high is None else high * multiplier
        for v in (lo_c, hi_c):
            if v is None:
                continue
            if (ind.valid_min is not None and v < ind.valid_min) or (ind.valid_max is not None and v > ind.valid_max):
                self.reject(line_no, source_text, "value_out_of_range",
                            f"{code} value {v:g} {ind.canonical_unit} outside [{ind.valid_min:g}, {ind.valid_max:g}]",
                            f"label={label!r}")
                return None
        if self.budget is not None:
            self.budget.count(line_no)
        source_text, text_start, text_end = self.excerpt(line_no, source_text)
        obs = Observation(
            document_id=self.document_id, observation_index=len(self.observations), source_line=line_no,
            source_text=source_text, indicator_label=label, indicator_code=code, match_score=round(score, 1),
            year=year, period=period, value_kind=kind, comparator=comparator, value_low=low, value_high=high,
            unit_raw=unit_raw, unit_key=unit.key,
            unit=ind.canonical_unit, value_low_canonical=lo_c, value_high_canonical=hi_c,
            verdict=verdict, layout=layout, source_text_start=text_start, source_text_end=text_end,
        )
        self.observations.append(obs)
        return obs
