"""Statistical tables whose rows are years, as a statistical yearbook's PDF page converts to text:

                     Tổng số                      Chia ra - Of which
                                Nông,    Công nghiệp và xây dựng   Dịch vụ   Thuế sản phẩm
                              lâm nghiệp    Industry and construction   Service   trừ trợ cấp
                              …            Tổng số   Trong đó:        …
                                                     Công nghiệp
                                          Triệu đồng - Mill. dongs
            2015    46811173   11894986   16447908   12173321   17144675   1323604
            2016    50783726   12498300   …

A row is a year followed by numbers in fixed-width columns. The columns' character spans give each
column its header: the phrases (words separated by two or more spaces) of the lines above that overlap
it. A phrase heads the column whose centre is nearest its own; one that spans the centres of two columns
heads both ("Công nghiệp và xây dựng" above "Tổng số" and "Trong đó: Công nghiệp"); one over three or
more is a caption — the subject of the whole table ("Tổng sản phẩm … theo giá hiện hành"). A unit phrase ("Triệu đồng - Mill. dongs", "Cơ cấu - Structure (%)") sets the
unit of the rows below it. Every value is then read like a table cell (tables.emit_row): the column
header is its label, the captions its parents, the row's year its time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import NUMBER_PATTERN
from .tables import Column, TableState, ValueCell, emit_row
from .timeframe import Scope

_YEAR_ROW = re.compile(r"^\s*((?:19|20)\d\d)(?:\s*\(\*+\)|\s+(?:Sơ bộ|Prel\.?))?\s{2,}(?=\S)")
_CELL = re.compile(r"(?<!\S)(?:" + NUMBER_PATTERN + r"|-|\(\d[\d.,]*\))(?!\S)")
_PHRASE = re.compile(r"\S+(?: \S+)*")
HEADER_LINES = 20
MIN_COLUMNS = 2


@dataclass(slots=True)
class YearRow:
    line_no: int
    year: int
    cells: list[tuple[int, int, str]]  # (start, end, text) in the line


@dataclass
class YearTable:
    first_line: int
    last_line: int
    spans: list[tuple[int, int]]  # each column's character span
    header: list[tuple[int, str]]  # (line number, text) of the lines above the rows
    rows: list[YearRow] = field(default_factory=list)


def _year_row(no: int, line: str) -> YearRow | None:
    m = _YEAR_ROW.match(line)
    if not m:
        return None
    rest = line[m.end():]
    cells = [(m.end() + c.start(), m.end() + c.end(), c.group()) for c in _CELL.finditer(rest)]
    # every non-blank stretch after the year must be a number: a prose line starting with a year is none
    if len(cells) < MIN_COLUMNS or len("".join(rest.split())) != sum(len(c[2]) for c in cells):
        return None
    return YearRow(no, int(m.group(1)), cells)


def find_year_tables(lines: list[str]) -> list[YearTable]:
    tables: list[YearTable] = []
    current: YearTable | None = None
    last_row_line = 0
    for no, line in enumerate(lines, start=1):
        row = _year_row(no, line)
        if row is None:
            if current is not None and line.strip() and no - last_row_line > 1 and _is_caption_line(line):
                current.header.append((no, line))  # "Cơ cấu - Structure (%)" between two blocks of rows
            elif current is not None and line.strip() and not _is_caption_line(line):
                current = None  # prose ends the table
            continue
        if current is None or len(row.cells) != len(current.spans):
            if current is not None and len(row.cells) < len(current.spans):
                continue  # a row cut short (the page ends): its columns cannot be placed
            current = YearTable(no, no, [(s, e) for s, e, _ in row.cells], _header_above(lines, no, tables))
            tables.append(current)
        current.rows.append(row)
        current.last_line = no
        current.spans = [(min(a, s), max(b, e)) for (a, b), (s, e, _) in zip(current.spans, row.cells)]
        last_row_line = no
    return [t for t in tables if len(t.rows) >= 2]


def _is_caption_line(line: str) -> bool:
    return len(line.strip()) <= 80


def _header_above(lines: list[str], first: int, tables: list[YearTable]) -> list[tuple[int, str]]:
    stop = max((t.last_line for t in tables), default=0)
    out = []
    for no in range(first - 1, max(stop, first - HEADER_LINES - 1), -1):
        line = lines[no - 1]
        if len(line.strip()) > 160:
            break  # running prose above the table
        if line.strip():
            out.append((no, line))
    return list(reversed(out))


def _phrases(line: str) -> list[tuple[int, int, str]]:
    """Phrases of a header line: runs of words with single spaces (two or more spaces separate)."""
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", line)]


def read_year_table(table: YearTable, em, outer: Scope, anchor, heading_text: str) -> None:
    ref = em.ref
    spans = table.spans
    n = len(spans)
    centers = [(a + b) / 2 for a, b in spans]
    spacing = min((centers[j + 1] - centers[j] for j in range(n - 1)), default=10.0)
    header_lines = sorted(table.header)
    for row in table.rows:
        captions: list[str] = []
        labels: list[list[str]] = [[] for _ in range(n)]
        unit_raw = ""
        for no, line in header_lines:
            if no > row.line_no:
                break
            for s, e, text in _phrases(line):
                unit = _unit_of(text, ref)
                if unit:
                    unit_raw = unit
                    if "cơ cấu" in text.lower():
                        captions.append(text)
                    continue
                for j in _columns_of(s, e, centers, spacing):
                    labels[j].append(text)
                if len(_columns_of(s, e, centers, spacing)) != 1 and not 1 < len(_covered(s, e, centers)) < 3:
                    captions.append(text)
        state = TableState([], ())
        subject = " ".join(captions)
        for j, (_, _, cell) in enumerate(row.cells):
            label = " ".join(labels[j]) or subject
            column = Column("value", Scope(row.year, None, "FY"))
            emit_row(state, em, "", label, unit_raw, None, [ValueCell(column, cell, row.line_no, _row_text(row))],
                     outer, anchor, heading_text, row.line_no, _row_text(row), subject=subject)


def _covered(s: int, e: int, centers: list[float]) -> list[int]:
    return [j for j, c in enumerate(centers) if s <= c <= e]


def _columns_of(s: int, e: int, centers: list[float], spacing: float) -> list[int]:
    """The columns a header phrase heads: the two whose centres it spans (a group header over both), else
    the column whose centre is nearest its own; none when it spans three or more (a caption) or lies
    far from every column."""
    covered = _covered(s, e, centers)
    if len(covered) >= 3:
        return []
    if len(covered) == 2:
        return covered
    mid = (s + e) / 2
    j = min(range(len(centers)), key=lambda k: abs(centers[k] - mid))
    return [j] if abs(centers[j] - mid) <= spacing else []


def _row_text(row: YearRow) -> str:
    return f"{row.year} " + " ".join(c[2] for c in row.cells)


def _unit_of(phrase: str, ref) -> str | None:
    """The unit a header phrase names: "Triệu đồng - Mill. dongs" → "Triệu đồng"; "Cơ cấu - Structure (%)" → "%"."""
    for part in re.split(r"\s+-\s+|[()]", phrase):
        part = part.strip()
        if part and ref.units.lookup(part):
            return part
    return None
