"""Statistical tables flattened label-block first: a header line names the year columns, then each
numbered row gives its labels, its unit, and its numbers column by column:

      ĐVT 2018 2019 2020 2021  2022 Sơ bộ 2023
    1. Dân số trung bình
    Phân theo thành thị/nông thôn
         Thành thị
         Nông thôn
    Người
    629734 ⏎ ⏎ 193247 ⏎ 436487 ⏎ 633440 ⏎ …          (total, urban, rural for 2018, then for 2019, …)
    6. GRDP bình quân đầu người ⏎ Triệu đồng ⏎ 45,5 50,3 52,8 56,5 ⏎ 62,7 71

The labels that carry values are the row's own and its sub-labels; group labels ("Phân theo …",
"Trong đó:") and qualifiers in brackets ("(Giá hiện hành)") carry none but qualify the ones after
them. The numbers fill the value labels year by year. A block whose count of numbers does not fit
(a multiple of its value labels, or only the last year cut short) is rejected, never guessed. A block
that prints no unit has the unit of the block above: the unit column's cell was merged over both rows,
and the converter printed it once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import NUMBER_PATTERN
from .tables import Column, TableState, ValueCell, emit_row
from .timeframe import Scope

_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_ROW_START = re.compile(r"^\s*(\d{1,2})\.\s+(\S.*)$")
_NUMBER = re.compile(r"(?<!\S)(" + NUMBER_PATTERN + r")(?!\S)")
_GROUP = re.compile(r"^(?:phân theo|chia theo|trong đó\s*:?\s*$|tr\.?\s*đó\s*:?\s*$)|:\s*$", re.I)
_QUALIFIER = re.compile(r"^\(.*\)$")
_OF_WHICH = re.compile(r"^(?:trong đó|tr\.?\s*đó)\s*:\s*", re.I)
_PRELIMINARY = re.compile(r"\b(?:sơ bộ|ước|prel)", re.I)
MIN_YEARS = 3


@dataclass
class Block:
    line_no: int
    labels: list[tuple[int, str]] = field(default_factory=list)  # (line, text) incl. groups and qualifiers
    unit: str = ""
    numbers: list[tuple[int, str]] = field(default_factory=list)  # (line, number) in stream order


@dataclass
class BlockTable:
    first_line: int
    last_line: int
    columns: list[Column]
    blocks: list[Block]
    runs_to_end: bool = False  # the document ends inside the table


def _header_columns(line: str) -> list[Column] | None:
    years = list(_YEAR.finditer(line))
    if len(years) < MIN_YEARS or len("".join(_YEAR.sub("", line).split())) > 30:
        return None
    columns = []
    for k, m in enumerate(years):
        before = line[years[k - 1].end() if k else 0:m.start()]
        kind = "estimate" if _PRELIMINARY.search(before) else "actual"
        columns.append(Column("value", Scope(int(m.group(1)), kind, "FY")))
    return columns


def find_block_tables(lines: list[str], ref) -> list[BlockTable]:
    tables: list[BlockTable] = []
    k = 0
    while k < len(lines):
        columns = _header_columns(lines[k])
        if columns is None or k + 1 >= len(lines) or not _ROW_START.match(lines[k + 1]):
            k += 1
            continue
        table = BlockTable(k + 1, k + 1, columns, [])
        block: Block | None = None
        j = k + 1
        while j < len(lines):
            raw = lines[j]
            text = raw.strip()
            start = _ROW_START.match(raw)
            if start:
                block = Block(j + 1)
                table.blocks.append(block)
                _label_or_inline(block, j + 1, text, ref)
            elif block is None:
                break
            elif not text:
                pass
            elif _NUMBER.fullmatch(text.split()[0]) and all(_NUMBER.fullmatch(t) for t in text.split()):
                block.numbers += [(j + 1, t) for t in text.split()]
            elif len(text) > 120:
                break  # prose: the table is over
            elif not block.numbers:
                _label_or_inline(block, j + 1, text, ref)
            else:
                break
            table.last_line = j + 1
            j += 1
        if table.blocks:
            table.runs_to_end = j >= len(lines) or not any(l.strip() for l in lines[j:])
            tables.append(table)
        k = j
    return tables


def _label_or_inline(block: Block, line_no: int, text: str, ref) -> None:
    """A label line, a unit line, or "2. Tỷ lệ tăng dân số % 7,55 8,52" (label, unit, numbers in one)."""
    tokens = text.split()
    numbers = []
    while tokens and _NUMBER.fullmatch(tokens[-1]):
        numbers.insert(0, tokens.pop())
    rest = " ".join(tokens)
    if numbers:
        for cut in range(len(tokens) - 1, max(len(tokens) - 4, 0), -1):
            unit = " ".join(tokens[cut:])
            if ref.units.lookup(unit):
                block.unit, rest = unit, " ".join(tokens[:cut])
                break
    if rest and not numbers and ref.units.lookup(rest):
        block.unit = rest
    elif rest:
        block.labels.append((line_no, rest))
    block.numbers += [(line_no, t) for t in numbers]


def read_block_table(table: BlockTable, em, outer: Scope, anchor, heading_text: str) -> None:
    years = len(table.columns)
    unit_above = ""
    for block in table.blocks:
        # a unit cell merged over several rows is printed once: a block without one takes the unit above
        block.unit = block.unit or unit_above
        unit_above = block.unit
        main = _ROW_START.match(block.labels[0][1]) if block.labels else None
        title = main.group(2) if main else (block.labels[0][1] if block.labels else "")
        values: list[str] = []  # the labels that carry numbers, each with what qualifies it
        qualifiers = []
        for n, (_, text) in enumerate(block.labels):
            text = _ROW_START.sub(r"\2", text) if n == 0 else text.strip()
            if n and _QUALIFIER.match(text):
                qualifiers.append(text)
                if len(values) == 1:
                    values[0] += " " + text  # "TSP trên địa bàn (GRDP) ⏎ (Giá hiện hành)"
                continue
            if n and _GROUP.search(text):
                qualifiers.append(text)
                continue
            values.append(_OF_WHICH.sub("", text) if n else text)
        count, per_year = len(block.numbers), len(values)
        if not per_year or not count:
            continue
        whole_years = count % per_year == 0 and count // per_year <= years and (per_year > 1 or count == years)
        last_cut = per_year * (years - 1) < count < per_year * years
        # the text itself ends inside the row (an excerpt cut off): the numbers it has are the first years'
        text_ends = block is table.blocks[-1] and table.runs_to_end and count < per_year * years
        if not (whole_years or last_cut or text_ends):
            em.reject(block.line_no, title, "malformed_table_row",
                      f"{count} numbers for {per_year} labels × {years} years", "which number is whose is not clear")
            continue
        state = TableState([], ())
        for n, (line_no, number) in enumerate(block.numbers):
            year_col, label_no = divmod(n, per_year)
            label = values[label_no]
            subject = values[0] if label_no else ""
            emit_row(state, em, "", label, block.unit, None,
                     [ValueCell(table.columns[year_col], number, line_no, number)],
                     outer, anchor, heading_text, line_no, number, subject=subject)
