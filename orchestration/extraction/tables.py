"""Tab-separated plan/result tables.

A header row names the columns (TT, Chỉ tiêu, Đơn vị tính, Kế hoạch năm 2023, Ước thực hiện năm 2023,
KH 2024, TH 2024, So sánh, Đánh giá...).  Each value column gets a kind (KH → target, ƯTH/Ước → estimate,
TH/Thực hiện → actual) and a year; ratio columns (So sánh, % KH) are ignored.  Rows marked '-'/'+' are
children of the previous numbered/'-' row; a row without values is a parent (its label is context for
its children: "Cơ cấu kinh tế" → "Công nghiệp - Xây dựng").  Repeated headers after page breaks are
recognised and skipped.  A row with the wrong number of cells or an unreadable value is a Reject.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .resolve import Emitter, choose
from .text import clean_line, fold, tokens
from .timeframe import Anchor, Scope, read_scope
from .values import parse_cell

_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


@dataclass(slots=True)
class Column:
    role: str  # index / label / unit / value / verdict / ignore
    scope: Scope = Scope()  # the column's time: "Kế hoạch năm 2023", "Ước TH 6 tháng đầu năm 2024"


def _column(cell: str) -> Column:
    f = " ".join(tokens(cell))
    if f in ("tt", "stt", "so tt"):
        return Column("index")
    if "chi tieu" in f or "noi dung" in f or f in ("ten", "linh vuc"):
        return Column("label")
    if f in ("dvt", "don vi", "don vi tinh") or f.startswith("don vi tinh") or f.startswith("dvt"):
        return Column("unit")
    if "danh gia" in f:
        return Column("verdict")
    if f.startswith("so sanh") or "so voi" in f or "%" in cell or "/" in cell or f.startswith("ty le"):
        return Column("ignore")
    year_m = _YEAR.search(f)
    year = int(year_m.group(1)) if year_m else None
    said = read_scope(f)
    period = said.period if said.period != "FY" else None
    words = f.split()
    if "uoc" in words or f.startswith("uth") or "uoc th" in f:
        return Column("value", Scope(year, "estimate", period))
    if f.startswith("ke hoach") or (words and words[0] in ("kh", "khoach")) or f.startswith("chi tieu"):
        # the plan of the year its results are set against; plans are for the year unless the header says
        return Column("value", Scope(year, "plan", period or "FY"))
    if "muc tieu" in f:
        return Column("value", Scope(year, "target", period or "FY"))
    if f.startswith("thuc hien") or (words and words[0] in ("th", "tth")) or f.startswith("ket qua"):
        return Column("value", Scope(year, "actual", period))
    if year and len(words) <= 2:  # a bare "Năm 2023" column: what the document's time says it is
        return Column("value", Scope(year, None, period or "FY"))
    return Column("ignore")


def parse_header(cells: list[str]) -> list[Column] | None:
    cols = [_column(c) for c in cells]
    roles = [c.role for c in cols]
    if "label" in roles and "value" in roles:
        return cols
    return None


@dataclass
class TableState:
    columns: list[Column]
    header_key: tuple[str, ...]
    parents: dict[int, str] = field(default_factory=dict)  # level -> label


def _level(marker: str) -> int:
    m = marker.strip()
    if m in ("-", "–", "•"):
        return 2
    if m == "+":
        return 3
    if m == "*":
        return 4
    return 1  # 1, 2, I, a ...


_VERDICTS = {"dat kh": "Đạt KH", "vuot kh": "Vượt KH", "khong dat kh": "Không đạt KH",
             "dat": "Đạt KH", "vuot": "Vượt KH", "khong dat": "Không đạt KH"}


def _verdict(cell: str) -> str | None:
    f = " ".join(tokens(cell))
    return _VERDICTS.get(f)


def read_row(state: TableState, cells: list[str], line_no: int, source_text: str, em: Emitter,
             outer: Scope, anchor: Anchor, heading_text: str) -> None:
    ref = em.ref
    cols = state.columns
    if len(cells) != len(cols):
        em.reject(line_no, source_text, "malformed_table_row",
                  f"row has {len(cells)} cells, header has {len(cols)}")
        return
    marker = label = unit_raw = ""
    verdict = None
    values: list[tuple[Column, str]] = []
    for col, cell in zip(cols, cells):
        cell = clean_line(cell).strip()
        if col.role == "index":
            marker = cell
        elif col.role == "label":
            label = cell
        elif col.role == "unit":
            unit_raw = cell
        elif col.role == "verdict":
            verdict = _verdict(cell)
        elif col.role == "value":
            values.append((col, cell))
    level = _level(marker) if marker else (2 if label.startswith(("-", "+")) else 1)
    label = label.lstrip("-+• ").strip()
    parsed = [(col, parse_cell(cell), cell) for col, cell in values]
    if all(p is None for _, p, _ in parsed):
        state.parents[level] = label
        for deeper in [k for k in state.parents if k > level]:
            del state.parents[deeper]
        return
    parent_label = " ".join(state.parents[k] for k in sorted(state.parents) if k < level)
    for deeper in [k for k in state.parents if k >= level]:
        del state.parents[deeper]
    state.parents[level] = label
    context = " " + " ".join(tokens(heading_text + " " + parent_label + " " + label)) + " "
    inline = next((p[3] for _, p, _ in parsed if isinstance(p, tuple) and p[3]), None)
    raw = unit_raw or inline or _label_unit(label, ref) or ""
    unit = ref.units.lookup(raw)
    if unit is None:
        em.reject(line_no, source_text, "unknown_unit",
                  f"unit {raw!r} is not in units.csv" if raw else "no unit given", f"label={label!r}")
        return
    choice = choose(ref, ref.catalog.find(tokens(label)), context, unit)
    if choice.code is None and parent_label:
        choice = choose(ref, ref.catalog.find(tokens(parent_label + " " + label)), context, unit)
    if choice.code is None:
        check = choice.reason or "unmatched_indicator"
        em.reject(line_no, source_text, check,
                  f"no catalog indicator for {label!r}" if check == "unmatched_indicator" else choice.detail)
        return
    # The verdict judges the achieved value: the right-most estimate/actual column that has a value.
    verdict_col = None
    for col, p, _ in parsed:
        if isinstance(p, tuple) and col.scope.kind in ("estimate", "actual"):
            verdict_col = col
    for col, p, cell in parsed:
        if p is None:
            continue
        if p == "error":
            em.reject(line_no, source_text, "malformed_table_cell", f"cannot read a number from {cell!r}",
                      f"label={label!r}")
            continue
        comparator, low, high, _ = p
        year, kind, period = anchor.resolve(col.scope.within(outer, anchor))
        em.emit(line_no=line_no, source_text=source_text, label=label, code=choice.code, score=choice.score,
                year=year, kind=kind, comparator=comparator, low=low,
                high=high, unit_raw=raw, unit=unit, verdict=verdict if col is verdict_col else None, layout="table",
                period=period)


_TRAILING_PAREN = re.compile(r"\(([^()]{1,30})\)\s*$")


def _label_unit(label: str, ref) -> str | None:
    """Tables without a unit column write it in the label: "Thu ngân sách (tỷ đồng)"."""
    m = _TRAILING_PAREN.search(label)
    if m and ref.units.lookup(m.group(1)):
        return m.group(1)
    return None


def header_key(cells: list[str]) -> tuple[str, ...]:
    return tuple(fold(c).strip() for c in cells)
