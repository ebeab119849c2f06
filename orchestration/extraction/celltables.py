"""Tables whose cells come one per line, as web pages and PDF converters flatten them:

    Stt ⏎ Chỉ tiêu chủ yếu ⏎ TH năm 2018 ⏎ KH năm 2019 ⏎ Ước TH năm 2019 ⏎ Ghi chú ⏎
    1 ⏎ Tốc độ tăng tổng sản phẩm trong tỉnh (GRDP) (%) ⏎ 6,61 ⏎ 7,5-8,0 ⏎ 7,18 ⏎ Không đạt ⏎ …

(one cell per line, usually with blank separator lines; a line holding only spaces is an empty cell).

A table is found by its header: a run of short cells among which at least two name a value column
(a year, a period or a kind: "KH 2022", "6 tháng đầu năm 2020", "Cả năm 2020"; see tables.column_of),
beside optional index / label / note cells and captions ("Tốc độ phát triển GRDP so với cùng kỳ (%)").
Its rows follow: an index cell (I, 1, Tr.đó:) or a label cell starts a row, and the value cells after
the label fill the value columns in order (an empty cell keeps its place). What follows the values is
the row's verdict ("Đạt", "Không đạt") or a note. A parenthesised remark with words after a value
("0,7% ⏎ (còn 4,33%)") belongs to that value; a row with more numbers than columns is ambiguous and
is rejected, never guessed. The table ends at the first line of running prose.

Cell text goes through the same readers as tab-separated tables (tables.read_values) so both layouts
resolve indicators, units and time alike.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .tables import Column, TableState, ValueCell, column_of, emit_row, is_verdict, verdict_of
from .text import clean_line, fold

MAX_CELL_CHARS = 160  # a longer line is running prose: it ends the table
MAX_HEADER_CELL_CHARS = 150
_INDEX = re.compile(r"^(?:[IVX]{1,5}|\d{1,3}(?:\.\d{1,2})?|[a-zđ]|tr\.?\s*đó:?|trong đó:?)\.?$", re.I)
_NUMERIC_START = re.compile(r"^[\s(<>≤≥~+\-–−]*\d")
# a value written with a word before it: "tăng 7,4 - 8,4% (…)", "khoảng 30", "trên 2.300"
_WORDED_VALUE = re.compile(r"^(?:tăng|giảm|đạt|khoảng|trên|dưới|từ|gần|hơn|ít nhất|tối thiểu|tối đa|dự kiến|ước)\b.{0,40}\d",
                           re.I)
_PAREN_REMARK = re.compile(r"^\(\s*[^\d\s].*\)$|^\(.*[^\W\d_].*\)$")
_ACCOUNTING_NEGATIVE = re.compile(r"^\(\s*(\d[\d.,]*)\s*\)$")


@dataclass(slots=True)
class Cell:
    line_no: int
    text: str  # stripped; "" for an empty cell (a line of spaces)


@dataclass(slots=True)
class CellRow:
    index: str
    label: Cell | None
    values: list[Cell] = field(default_factory=list)  # value-column cells, in order (may be empty text)
    verdict: str | None = None
    extra_numbers: int = 0  # numbers beyond the value columns: the row is ambiguous


@dataclass(slots=True)
class CellTable:
    first_line: int
    last_line: int
    columns: list[Column]  # the value columns, in order
    captions: list[str]  # spanning header cells: the subject (and unit) of every row
    rows: list[CellRow]


def _cells(lines: list[str]) -> list[Cell]:
    """Every non-empty line as a cell (a line of spaces is an empty cell); truly empty lines separate."""
    out = []
    for no, raw in enumerate(lines, start=1):
        if raw == "" or raw == "\r":
            continue
        out.append(Cell(no, clean_line(raw).strip()))
    return out


# a sentence that states a value ("… ước đạt 84.625 tỷ đồng, tăng 4,45% so"): cells hold a label or a value
_STATED_VALUE = re.compile(r"\b(?:đạt|tăng|giảm|ước|chiếm)\s+(?:\w+\s+){0,3}\d[\d.,]*\s*(?:%|tỷ|tỉ|triệu|nghìn|ngàn)", re.I)


def _is_prose(text: str) -> bool:
    return len(text) > MAX_CELL_CHARS or (len(text) > 80 and text.rstrip().endswith(".") and text.count(" ") > 12) \
        or (text.count(" ") > 8 and bool(_STATED_VALUE.search(text)) and not _WORDED_VALUE.match(text)
            and not _NUMERIC_START.match(text))  # (a value cell may be worded: "tăng 7,4 - 8,4% (do …)")


# a header cell that can name a column: a year, a period or a kind, or the index / label / unit words
_HEADER_WORD = re.compile(r"(?:19|20)\d\d|tháng|quý|năm|kế hoạch|thực hiện|ước|\bKH\b|\bTH\b|stt|\bTT\b|chỉ tiêu|"
                          r"nội dung|đơn vị|đvt|đánh giá|ghi chú|so sánh", re.I)
_IGNORE = Column("ignore")
_WIDE_GAP = re.compile(r"\S {3,}\S")


def _header_role(cell: Cell) -> Column | None:
    """The header role of a cell, or None when it cannot be part of a header."""
    if not cell.text:
        return Column("blank")
    if len(cell.text) > MAX_HEADER_CELL_CHARS or _WIDE_GAP.search(cell.text):
        return None  # prose, or a line of several columns (a fixed-width table, see fixedwidth.py)
    if cell.text[0].islower() and len(cell.text.split()) > 4:
        return None  # a sentence broken across lines ("tướng nhấn mạnh … thực hiện mục tiêu tăng trưởng"), no header
    if not _HEADER_WORD.search(cell.text):
        return None if _NUMERIC_START.match(cell.text) else _IGNORE
    role = column_of(cell.text)
    if _NUMERIC_START.match(cell.text) and role.role != "value":
        return None  # a number, not a header ("6 tháng đầu năm 2020" is one)
    return role


_KNOWN_HEADER = frozenset({"unit", "verdict", "index", "label"})
_NOTE_HEADER = re.compile(r"^(?:ghi chu|chu thich|so sanh|don vi)", re.I)


def find_cell_tables(lines: list[str]) -> list[CellTable]:
    cells = _cells(lines)
    tables: list[CellTable] = []
    i = 0
    while i < len(cells):
        run: list[tuple[Cell, Column]] = []
        j = i
        seen_value = False
        while j < len(cells) and not _is_prose(cells[j].text):
            role = _header_role(cells[j])
            if role is None or (seen_value and _INDEX.match(cells[j].text)):
                break
            seen_value = seen_value or role.role == "value"
            run.append((cells[j], role))
            j += 1
        values = [k for k, (_, c) in enumerate(run) if c.role == "value"]
        if len(values) >= 2 or (values and any(c.role == "label" for _, c in run[:values[0]])):
            # cells after the last value column that are no known header word are the first row's label
            end = values[-1] + 1
            while end < len(run) and (not run[end][0].text or run[end][1].role in ("unit", "verdict")
                                      or _NOTE_HEADER.match(fold(run[end][0].text))):
                end += 1
            body_start = j - (len(run) - end)
            table = _read_body(cells, body_start, run[:end])
            if table is not None and table.rows:
                tables.append(table)
                i = next((k for k in range(body_start, len(cells)) if cells[k].line_no > table.last_line), len(cells))
                continue
        i = max(j, i + 1)
    return tables


def _read_body(cells: list[Cell], start: int, header: list[tuple[Cell, Column]]) -> CellTable | None:
    first_value = next(k for k, (_, c) in enumerate(header) if c.role == "value")
    # the header proper: the index/label/blank cells right before the first value column, and the
    # captions (spanning cells that are no column: "Tốc độ phát triển GRDP so với cùng kỳ (%)")
    begin = first_value
    while begin > 0 and (header[begin - 1][1].role in ("index", "label", "blank", "ignore")):
        begin -= 1
        if header[begin][1].role in ("index", "label"):
            # a title above the header ("CÁC CHỈ TIÊU … NĂM 2019") stays outside: the table starts here
            while begin > 0 and header[begin - 1][1].role in ("index", "label", "blank"):
                begin -= 1
            break
    head = header[begin:first_value]
    has_label_column = any(c.role in ("index", "label") for _, c in head)
    captions = [] if has_label_column else [cell.text for cell, c in head if c.role == "ignore" and cell.text]
    if has_label_column:
        first_line = next(cell.line_no for cell, c in head if c.role in ("index", "label"))
    else:
        first_line = next((cell.line_no for cell, c in head if cell.text), header[first_value][0].line_no)
    columns = [c for _, c in header[first_value:] if c.role == "value"]
    rows: list[CellRow] = []
    row: CellRow | None = None
    pending_index = ""
    last_line = header[-1][0].line_no
    k = start
    while k < len(cells):
        cell = cells[k]
        text = cell.text
        if text and _is_prose(text):
            break
        last_line = cell.line_no
        k += 1
        if not text:
            if row is not None and row.label is not None and len(row.values) < len(columns):
                row.values.append(cell)  # an empty value cell keeps its column's place
            continue
        if is_verdict(text):
            if row is not None:
                row.verdict = text
            continue
        if _INDEX.match(text) and (not text[0].isdigit() or row is None or len(row.values) >= len(columns)):
            # "1", "I", "Tr.đó:": the index of the next row ("1" right after a label is a value)
            pending_index = text
            row = None
            continue
        if (_NUMERIC_START.match(text) and not _PAREN_REMARK.match(text) or _ACCOUNTING_NEGATIVE.match(text)
                or _WORDED_VALUE.match(text)):
            if row is None or row.label is None:
                continue  # a number with no row label: nothing to attach it to
            if len(row.values) < len(columns):
                row.values.append(cell)
            else:
                row.extra_numbers += 1
            continue
        if _PAREN_REMARK.match(text) and row is not None:
            if row.values and row.values[-1].text:  # "0,7% ⏎ (còn 4,33%)": a remark on that value
                row.values[-1] = Cell(row.values[-1].line_no, row.values[-1].text + " " + text)
                continue
            if not row.values:  # "Tổng vốn đầu tư toàn xã hội ⏎ (Tỷ đồng)": the label goes on
                row.label = Cell(row.label.line_no, row.label.text + " " + text)
                continue
        # a label: a new row
        row = CellRow(pending_index, cell)
        pending_index = ""
        rows.append(row)
    return CellTable(first_line, last_line, columns, captions, rows)


def read_cell_table(table: CellTable, em, outer, anchor, heading_text: str) -> None:
    """Emit the values of one table (see tables.emit_row); ambiguous rows are rejected with a reason."""
    state = TableState(table.columns, ())
    subject = " ".join(table.captions)
    for row in table.rows:
        label = row.label.text
        if row.extra_numbers:
            em.reject(row.label.line_no, label, "malformed_table_row",
                      f"{len(row.values) + row.extra_numbers} numbers for {len(table.columns)} value columns",
                      "cells one per line: which number belongs to which column is not clear")
            continue
        values = [ValueCell(col, cell.text, cell.line_no, cell.text or label)
                  for col, cell in zip(table.columns, row.values)]
        emit_row(state, em, row.index, label, "", verdict_of(row.verdict) if row.verdict else None, values,
                 outer, anchor, heading_text, row.label.line_no, label, subject=subject)
