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
from functools import lru_cache

from .catalog import rank
from .context import drop_closed_parens
from .limits import SOURCE_TEXT_MAX_CHARS
from .numbers import NUMBER_PATTERN, parse_number
from .resolve import Emitter, choose
from .statements import measure_hint
from .text import clean_line, cue_fold, fold, tokens
from .timeframe import Anchor, Scope, read_scope
from .values import find_mentions, parse_cell

_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


@dataclass(frozen=True, slots=True)
class Column:
    role: str  # index / label / unit / value / verdict / ignore
    scope: Scope = Scope()  # the column's time: "Kế hoạch năm 2023", "Ước TH 6 tháng đầu năm 2024"


@lru_cache(maxsize=4096)
def column_of(cell: str) -> Column:
    """The role of a header cell, and for a value column the time it names (cached: the same header
    cells come back on every row a table repeats its header, and in every document of a series)."""
    f = " ".join(tokens(cell))
    if f in ("tt", "stt", "so tt"):
        return Column("index")
    if "chi tieu" in f or "noi dung" in f or f in ("ten", "linh vuc"):
        return Column("label")
    if f in ("dvt", "don vi", "don vi tinh") or f.startswith("don vi tinh") or f.startswith("dvt"):
        return Column("unit")
    if "danh gia" in f:
        return Column("verdict")
    if f.startswith("ghi chu") or f in ("ghi chu", "chu thich"):
        return Column("ignore")
    if f.startswith("so sanh") or "so voi" in f or "%" in cell or "/" in cell or f.startswith("ty le"):
        return Column("ignore")
    year_m = _YEAR.search(f)
    year = int(year_m.group(1)) if year_m else None
    said = read_scope(cue_fold(cell))
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
    if said.period and len(words) <= 7:  # "6 tháng đầu năm 2020", "Cả năm 2020"
        return Column("value", Scope(year, None, said.period))
    return Column("ignore")


def parse_header(cells: list[str]) -> list[Column] | None:
    cols = [column_of(c) for c in cells]
    roles = [c.role for c in cols]
    if "label" in roles and "value" in roles:
        return cols
    return None


@dataclass
class TableState:
    columns: list[Column]
    header_key: tuple[str, ...]
    parents: dict[int, str] = field(default_factory=dict)  # level -> label


_OF_WHICH_MARKER = re.compile(r"^(?:tr\.?\s*đó|trong đó)\s*:?$", re.I)


def _level(marker: str) -> int:
    m = marker.strip()
    if m in ("-", "–", "•") or _OF_WHICH_MARKER.match(m):
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


def is_verdict(cell: str) -> bool:
    return _verdict(cell) is not None


verdict_of = _verdict


def read_row(state: TableState, cells: list[str], line_no: int, source_text: str, em: Emitter,
             outer: Scope, anchor: Anchor, heading_text: str) -> None:
    """One row of a tab- or pipe-separated table (cells positional under the header)."""
    cols = state.columns
    if len(cells) != len(cols):
        em.reject(line_no, source_text, "malformed_table_row",
                  f"row has {len(cells)} cells, header has {len(cols)}")
        return
    marker = label = unit_raw = ""
    verdict = None
    values: list[ValueCell] = []
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
            values.append(ValueCell(col, cell, line_no, source_text))
    emit_row(state, em, marker, label, unit_raw, verdict, values, outer, anchor, heading_text, line_no, source_text)


@dataclass(slots=True)
class ValueCell:
    column: Column
    text: str
    line_no: int
    source_text: str


def emit_row(state: TableState, em: Emitter, marker: str, label: str, unit_raw: str, verdict: str | None,
             values: list[ValueCell], outer: Scope, anchor: Anchor, heading_text: str, line_no: int,
             source_text: str, subject: str = "", subject_names_row: bool = True) -> None:
    """Values of one table row. `subject` (a table caption) qualifies every row ("Tốc độ phát triển GRDP
    (%)" above rows "Tổng số", "- Nông, lâm nghiệp, thủy sản"); with `subject_names_row` False it is
    only context (a component column "Bán lẻ" under "Tổng mức bán lẻ … Chia ra" is not the total)."""
    ref = em.ref
    level = _level(marker) if marker else 1
    if label.startswith(("-", "+", "–")):  # "- Nông, lâm nghiệp" under "Tr.đó:" or a numbered row
        level = max(level, 3 if label.startswith("+") else 2)
    label = label.lstrip("-+•– ").strip()
    parsed = [(v, read_cell(v.text, ref)) for v in values]
    if all(p is None for _, p in parsed):
        state.parents[level] = label
        for deeper in [k for k in state.parents if k > level]:
            del state.parents[deeper]
        return
    parent_label = " ".join(([subject] if subject_names_row else [])
                            + [state.parents[k] for k in sorted(state.parents) if k < level]).strip()
    for deeper in [k for k in state.parents if k >= level]:
        del state.parents[deeper]
    state.parents[level] = label
    context = " " + " ".join(tokens(heading_text + " " + (subject if not subject_names_row else "") + " "
                                    + parent_label + " " + label)) + " "
    row_unit = unit_raw or _label_unit(label, ref) or _label_unit(subject, ref) or ""
    # The verdict judges the achieved value: the right-most estimate/actual column that has a value.
    verdict_cell = None
    for v, p in parsed:
        if isinstance(p, tuple) and v.column.scope.kind in ("estimate", "actual"):
            verdict_cell = v
    choices: dict[str, tuple] = {}
    reported: set[tuple[int, str]] = set()
    row_hint = measure_hint("", fold(parent_label + " " + label))  # "Cơ cấu (%)" above the rows: shares
    for v, p in parsed:
        if p is None:
            continue
        # the cell's place in a very long row (its source text is cut to a window around it)
        em.at = v.source_text.find(v.text) if len(v.source_text) > SOURCE_TEXT_MAX_CHARS else None
        if p == "error":
            em.reject(v.line_no, v.source_text, "malformed_table_cell", f"cannot read a number from {v.text!r}",
                      f"label={label!r}")
            continue
        comparator, low, high, inline, hint = p
        hint = hint or row_hint
        raw = inline or row_unit
        if raw not in choices:
            choices[raw] = _choose_for_row(ref, label, parent_label, context, raw, hint, low if low is not None else high)
        unit, choice = choices[raw]
        if unit is None or choice.code is None:
            if (v.line_no, raw) in reported:
                continue  # one reason per row and unit, not one per cell
            reported.add((v.line_no, raw))
            if unit is None:
                em.reject(v.line_no, v.source_text, "unknown_unit",
                          f"unit {raw!r} is not in units.csv" if raw else "no unit given", f"label={label!r}")
            else:
                check = choice.reason or "unmatched_indicator"
                em.reject(v.line_no, v.source_text, check,
                          f"no catalog indicator for {label!r}" if check == "unmatched_indicator" else choice.detail)
            continue
        year, kind, period = anchor.resolve(v.column.scope.within(outer, anchor))
        em.emit(line_no=v.line_no, source_text=v.source_text, label=label, code=choice.code, score=choice.score,
                year=year, kind=kind, comparator=comparator, low=low, high=high, unit_raw=raw or unit.key,
                unit=unit, verdict=verdict if v is verdict_cell else None, layout="table", period=period)


def _choose_for_row(ref, label: str, parent_label: str, context: str, raw: str, hint: str | None, value):
    """(unit, Choice) for a row's values in one unit: the label's wording, else the label read with its
    parents. A row without any unit takes its indicator's own unit when that is a count ("Phấn đấu xã
    đạt chuẩn nông thôn mới ⏎ 07 - 09")."""
    unit = ref.units.lookup(raw) if raw else None
    matches = ref.catalog.find(tokens(label))
    with_parents = ref.catalog.find(tokens(parent_label + " " + label)) if parent_label else []
    if unit is None and not raw:
        for found in (matches, with_parents):
            ranked = rank(found, context)
            if ranked:
                ind = ref.indicators[ranked[0].code]
                implied = ref.units.lookup(ind.canonical_unit)
                # the row names its indicator and the number its amount: its own unit when that is a
                # count or a per-population rate ("xã", "bác sĩ/vạn dân"); never money (triệu or tỷ?) or
                # a percentage (% or ‰?), which stay "no unit given"
                if implied is not None and implied.quantity not in _MONEY and implied.canonical != "%":
                    unit = implied
                    break
    if unit is None:
        return None, None
    choice = choose(ref, matches, context, unit, hint=hint, value=value)
    if choice.code is None and parent_label:
        choice = choose(ref, with_parents, context, unit, hint=hint, value=value)
    return unit, choice


_MONEY = frozenset({"money", "money_bare", "money_usd"})
_LEADING_NUMBER = re.compile(r"^\s*([<>≤≥~]?\s*[-−–]?\s*" + NUMBER_PATTERN + r"(?:\s*[-–]\s*" + NUMBER_PATTERN
                             + r")?\s*%?)\s*\(")
_ACCOUNTING_NEGATIVE = re.compile(r"^\(\s*(" + NUMBER_PATTERN + r")\s*\)$")
_GROWTH_CELL = re.compile(r"^\s*(?:tăng|giảm)\b", re.I)


def read_cell(cell: str, ref):
    """A value cell -> (comparator, low, high, inline unit, measure hint) | None (blank) | 'error'.

    Beside plain numbers and ranges ("7,5-8,0", "≥ 1", ">2.300", "-4,13%") real cells carry
    accounting negatives ("(3,26)"), a remark after the value ("575 (tăng 15%)", "0,4% (theo chuẩn
    nghèo …)": the value is the number before it) and short prose ("tăng 7,4 - 8,4% (do năm 2020 …)",
    "tăng từ 8-10%": its first value outside brackets, a growth rate)."""
    c = cell.strip()
    parsed = parse_cell(c)
    if parsed is None:
        return None
    if parsed != "error":
        comparator, low, high, inline = parsed
        return comparator, low, high, inline, None
    m = _ACCOUNTING_NEGATIVE.match(c)
    if m:
        value = parse_number(m.group(1))
        return ("=", -value, None, None, None) if value is not None else "error"
    m = _LEADING_NUMBER.match(c)
    if m:
        parsed = parse_cell(m.group(1))
        if isinstance(parsed, tuple):
            comparator, low, high, inline = parsed
            return comparator, low, high, inline, None
    outside = drop_closed_parens(c)
    mentions = [x for x in find_mentions(outside, ref.units) if not x.skip]
    if mentions:
        x = mentions[0]
        low, high = x.low, x.high
        hint = "growth" if _GROWTH_CELL.match(outside) else None
        if hint and outside.lstrip().lower().startswith("giảm") and x.unit.canonical == "%":
            low, high = (-low if low is not None else None), (-high if high is not None else None)
        return x.comparator, low, high, x.unit_raw, hint
    return "error"


_PAREN = re.compile(r"\(([^()]{1,30})\)")


def _label_unit(label: str, ref) -> str | None:
    """Tables without a unit column write it in the label: "Thu ngân sách (tỷ đồng)", "Tốc độ tăng GRDP
    (%), trong đó:" (the last bracket that is a unit)."""
    found = None
    for m in _PAREN.finditer(label):
        if ref.units.lookup(m.group(1)):
            found = m.group(1)
    if found is None:  # a label that ends in its unit: "Số giường bệnh/vạn dân."
        parts = label.rstrip(" .:;").split()
        for k in (4, 3, 2):
            tail = " ".join(parts[-k:])
            if "/" in tail and ref.units.lookup(tail):
                return tail
    return found


def header_key(cells: list[str]) -> tuple[str, ...]:
    return tuple(fold(c).strip() for c in cells)
