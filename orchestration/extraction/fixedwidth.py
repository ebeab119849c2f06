"""Fixed-width tables, as statistical PDFs convert to text: numbers in columns aligned by position, each
row led by a label or by a year, headers written above in phrases that may span several lines:

                                         Sơ bộ 6 tháng   Ước 6 tháng       (a label table: the columns
                                           năm 2023      đầu năm 2024       are periods, the rows
                                         (Tr. đồng)      (Tr. đồng)         indicators)
        TỔNG SỐ                       12.342.460,42  14.031.175,56
          + Nông, lâm nghiệp, thuỷ sản  2.171.588,31   2.311.306,65

                     Tổng số      Nông, lâm nghiệp   Công nghiệp và xây dựng      (a year table: the
                                                     Tổng số   Trong đó: CN        columns are
                                          Triệu đồng - Mill. dongs                  indicators, the
            2015    46811173   11894986   16447908   12173321                      rows years)

Columns are found from the numbers themselves (their right edges line up), so a row that leaves a
cell empty still puts each number under its own column. A header phrase heads the column whose
centre is nearest its own; one that spans two columns' centres heads both ("Công nghiệp và xây dựng"
above "Tổng số" and "Trong đó: Công nghiệp"); one over three or more is a caption — the subject of
the whole table ("TỔNG SẢN PHẨM … THEO GIÁ HIỆN HÀNH"). A unit phrase ("Triệu đồng - Mill. dongs",
"Cơ cấu (%)") sets the unit of the rows below it. In a label table each column's header is read as a
table column ("Ước 6 tháng đầu năm 2024" → an estimate for H1 2024; "so với (%)" columns are ratios
and skipped); in a year table it is the label of the values, and the row's year their time. Every
value is then read like any table cell (tables.emit_row).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import NUMBER_PATTERN
from .tables import Column, TableState, ValueCell, column_of, emit_row
from .text import fold
from .timeframe import Scope

_NUMBER_CELL = re.compile(r"(?<!\S)(?:[-−–]?" + NUMBER_PATTERN + r"|\(\d[\d.,]*\))(?!\S)")
_YEAR_KEY = re.compile(r"^((?:19|20)\d\d)(?:\s*\(\*+\)|\s+(?:Sơ bộ|Prel\.?))?$")
_GAP = re.compile(r"\s{2,}")
HEADER_LINES = 30  # bilingual yearbook headers run to 20 lines under a title
MIN_CELLS = 2
ALIGN = 4  # right edges within this many characters are one column


@dataclass(slots=True)
class Row:
    line_no: int
    key: str  # the label, or a year
    year: int | None
    cells: list[tuple[int, int, str]]  # (start, end, number text) in the line
    indent: int = 0


@dataclass
class FixedTable:
    first_line: int
    last_line: int
    header: list[tuple[int, str]]  # (line number, text) above and between the rows
    rows: list[Row] = field(default_factory=list)

    @property
    def by_year(self) -> bool:
        return all(r.year is not None for r in self.rows)


def _row(no: int, line: str, min_cells: int = MIN_CELLS) -> Row | None:
    """A line that is a key (label or year) followed by two or more numbers, separated by wide gaps."""
    stripped = line.rstrip()
    parts = [(m.start(), m.end()) for m in re.finditer(r"\S+(?: \S+)*", stripped)]
    if len(parts) < min_cells + 1 and not (len(parts) >= min_cells and _NUMBER_CELL.fullmatch(stripped[parts[0][0]:parts[0][1]])):
        return None
    cells = []
    key_end = 0
    for s, e in reversed(parts):
        text = stripped[s:e]
        if _NUMBER_CELL.fullmatch(text):
            cells.insert(0, (s, e, text))
        else:
            key_end = e
            break
    if key_end == 0 and len(cells) > min_cells and _YEAR_KEY.match(cells[0][2]):
        key_end = cells.pop(0)[1]  # "2015    46811173   11894986 …": the year leads the row
    key_parts = [p for p in parts if p[1] <= key_end]
    key = " ".join(stripped[s:e] for s, e in key_parts).strip()
    if len(cells) < min_cells or any(_NUMBER_CELL.fullmatch(stripped[s:e]) for s, e in key_parts[1:]):
        return None
    year = _YEAR_KEY.match(key)
    if not key or (not year and not re.search(r"[^\W\d_]", key)):
        return None
    indent = len(line) - len(line.lstrip())
    return Row(no, key, int(year.group(1)) if year else None, cells, indent)


def find_fixed_tables(lines: list[str]) -> list[FixedTable]:
    tables: list[FixedTable] = []
    current: FixedTable | None = None
    gap = 0
    last = max((no for no, line in enumerate(lines, start=1) if line.strip()), default=0)
    for no, line in enumerate(lines, start=1):
        row = _row(no, line) if "  " in line else None
        if row is None and no == last and current is not None and "  " in line.strip():
            # an excerpt that ends inside the last row ("2014     36.190.549   4.986.0"): the cells it has
            row = _row(no, line.rstrip().rsplit(None, 1)[0], min_cells=1)
        if row is None:
            text = line.strip()
            if not text:
                gap += 1
                continue
            if current is not None and len(text) <= 90 and gap <= 2:
                current.header.append((no, line))  # "Chia ra:", "Cơ cấu (%)" between rows
                continue
            current = None
            continue
        gap = 0
        if current is None or (row.year is None) != (current.rows[-1].year is None):
            current = FixedTable(no, no, _header_above(lines, no, tables))
            tables.append(current)
        current.rows.append(row)
        current.last_line = no
    return [t for t in tables if len(t.rows) >= 2]


def _header_above(lines: list[str], first: int, tables: list[FixedTable]) -> list[tuple[int, str]]:
    stop = max((t.last_line for t in tables), default=0)
    out = []
    for no in range(first - 1, max(stop, first - HEADER_LINES - 1), -1):
        line = lines[no - 1]
        if len(line.strip()) > 160:
            break  # running prose above the table
        if line.strip():
            out.append((no, line))
    return list(reversed(out))


def _columns(rows: list[Row]) -> list[tuple[float, float]]:
    """Column spans from the numbers' right edges (numbers are right-aligned in their columns)."""
    ends = sorted({e for r in rows for _, e, _ in r.cells})
    groups: list[list[int]] = []
    for e in ends:
        if groups and e - groups[-1][-1] <= ALIGN:
            groups[-1].append(e)
        else:
            groups.append([e])
    spans = []
    for g in groups:
        members = [(s, e) for r in rows for s, e, _ in r.cells if g[0] <= e <= g[-1]]
        spans.append((min(s for s, _ in members), max(e for _, e in members)))
    return spans


def _column_index(spans: list[tuple[float, float]], end: int) -> int:
    return min(range(len(spans)), key=lambda k: abs(spans[k][1] - end))


def _phrases(line: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", line)]


def _covered(s: int, e: int, centers: list[float]) -> list[int]:
    return [j for j, c in enumerate(centers) if s <= c <= e]


def _columns_of(s: int, e: int, centers: list[float], spacing: float) -> list[int]:
    """The columns a header phrase heads: the two whose centres it spans, else the one whose centre is
    nearest its own; none when it spans three or more (a caption) or lies far from every column."""
    covered = _covered(s, e, centers)
    if len(covered) >= 3:
        return []
    if len(covered) == 2:
        return covered
    mid = (s + e) / 2
    j = min(range(len(centers)), key=lambda k: abs(centers[k] - mid))
    return [j] if abs(centers[j] - mid) <= spacing else []


_TOTAL = re.compile(r"\b(?:tong so|tong cong|total)\b")


def _is_title(text: str) -> bool:
    """An upper-case phrase is the table's title ("PHÂN THEO KHU VỰC KINH TẾ"), not a column header."""
    letters = [c for c in re.sub(r"\([^)]*\)", "", text) if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _unit_of(phrase: str, ref) -> str | None:
    """The unit a header phrase names: "Triệu đồng - Mill. dongs" → "Triệu đồng"; "Cơ cấu (%)" → "%"."""
    for part in re.split(r"\s+-\s+|[()]", phrase):
        part = part.strip()
        if part and ref.units.lookup(part):
            return part
    return None


def read_fixed_table(table: FixedTable, em, outer: Scope, anchor, heading_text: str) -> None:
    ref = em.ref
    spans = _columns(table.rows)
    n = len(spans)
    centers = [(a + b) / 2 for a, b in spans]
    spacing = min((centers[j + 1] - centers[j] for j in range(n - 1)), default=10.0)
    key_edge = min(s for r in table.rows for s, _, _ in r.cells)  # where the numbers begin
    state = TableState([], ())
    for row in table.rows:
        captions: list[str] = []
        heads: list[list[str]] = [[] for _ in range(n)]
        units: list[str | None] = [None] * n  # a unit written in a column's own header ("(Tr. đồng)")
        unit_raw = ""
        title_open = False  # the line above was a title that runs on ("… phân theo giới tính,")
        for no, line in sorted(table.header):
            if no > row.line_no:
                break
            phrases = _phrases(line)
            continues_title = title_open
            title_open = False
            for s, e, text in phrases:
                # a phrase that starts in the row labels' margin (a page or table title) heads no column,
                # nor does the next line of a title, written from left of the first column
                in_margin = s < key_edge - spacing or (continues_title and s < spans[0][0])
                cols = [] if in_margin else _columns_of(s, e, centers, spacing)
                if in_margin and not cols:
                    title_open = text.rstrip().endswith(",")
                unit = _unit_of(text, ref)
                if unit and len(phrases) == 1 and (text[0].isupper() or "cơ cấu" in text.lower()):
                    unit_raw = unit  # "Triệu đồng - Mill. dongs", "Cơ cấu (%)": the unit of all columns below
                    units = [None] * n
                    if "cơ cấu" in text.lower():
                        captions.append(text)
                    continue
                if unit and text.endswith(")"):
                    for j in cols:
                        units[j] = unit  # "(Tr. đồng)", "so với (%)": the unit of its own column
                    if text.startswith("("):
                        continue
                if cols and not _is_title(text):
                    for j in cols:
                        heads[j].append(text)
                elif not cols or e <= key_edge or len(_covered(s, e, centers)) >= 3:
                    captions.append(text)
        subject = " ".join(captions)
        for s, e, cell in row.cells:
            j = _column_index(spans, e)
            header = " ".join(heads[j])
            component = False
            if row.year is not None:  # the columns are indicators, the row a year
                label, column = header or subject, Column("value", Scope(row.year, None, "FY"))
                # a column with a header of its own other than the total is a part of the subject
                component = bool(header) and not _TOTAL.search(fold(header))
            else:  # the columns are periods / kinds, the row an indicator
                column = column_of(header) if header else Column("ignore")
                if column.role != "value":
                    continue  # a ratio ("so với (%)") or a note column
                label = row.key
            marker = "-" if row.year is None and row.key.lstrip().startswith(("+", "-")) else ""
            emit_row(state, em, marker, label, units[j] or unit_raw, None,
                     [ValueCell(column, cell, row.line_no, _row_text(row))], outer, anchor, heading_text,
                     row.line_no, _row_text(row), subject=subject, subject_names_row=not component)


def _row_text(row: Row) -> str:
    return row.key + "  " + "  ".join(c[2] for c in row.cells)
