"""Value mentions: a number (or range) with its comparator and unit, found in running text or a cell.

Only numbers followed by a unit from units.csv count as values in running text; that alone keeps out
dates, document numbers (`163/BC-UBND`), legal references, footnote markers and phone numbers.
Percentages of plan (`bằng 98,2% kế hoạch`) and fractions (`151/283 trường`) are skipped explicitly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import NUMBER_PATTERN, parse_number
from .units import Unit, UnitTable

_NUM = re.compile(NUMBER_PATTERN)
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|đến|tới)\s*(?:mức\s*)?")
_COMPARATOR_BEFORE = re.compile(
    r"(không quá|tối đa|ít nhất|tối thiểu|không dưới|không thấp hơn|xấp xỉ|khoảng|trên|dưới|hơn|vượt|gần|từ|≥|≤|>=|<=|>|<)"
    r"\s*(?:mức\s*|là\s*)?$"
)
_WORD_COMPARATOR = {
    "không quá": "<=", "tối đa": "<=", "≤": "<=", "<=": "<=",
    "ít nhất": ">=", "tối thiểu": ">=", "không dưới": ">=", "không thấp hơn": ">=", "≥": ">=", ">=": ">=",
    "trên": ">", "hơn": ">", "vượt": ">", ">": ">",  # "GRDP đầu người vượt 10.000 USD"
    "dưới": "<", "<": "<",
    "khoảng": "~", "xấp xỉ": "~", "gần": "~",
    "từ": "from",
}
_AT_LEAST_AFTER = re.compile(r"\s*trở lên")
_WORD_AFTER = re.compile(r"[ \t]*[^\W\d_]")
_FROM_TO_AFTER = re.compile(r"[^.;]{0,80}?\b(?:lên|xuống|đến|tới|sang)\b")
_AT_MOST_AFTER = re.compile(r"\s*trở xuống")
_OF_PLAN_AFTER = re.compile(r"\s*(?:so với\s+|so\s+|của\s+)?(?:kế hoạch|kh\b|dự toán|chỉ tiêu|mục tiêu|nghị quyết|nhiệm vụ)")
# "vượt 03 xã so với kế hoạch": a difference to plan, whatever the unit
_VS_PLAN_AFTER = re.compile(r"\s*so với\s+(?:kế hoạch|kh\b|dự toán|chỉ tiêu|mục tiêu|nghị quyết)")
_DIFFERENCE_BEFORE = re.compile(r"(?:vượt|hơn|tăng|giảm|thêm|thiếu)(?:\s+(?:khoảng|gần|trên|hơn))?\s*$")
_OF_PLAN_BEFORE = re.compile(r"(?:bằng|đạt)\s*$")
_YEAR_BEFORE = re.compile(r"(?:năm|giai đoạn|thời kỳ|nhiệm kỳ|đến|tháng \d{1,2}/?)\s*$")
_YEAR_AFTER = re.compile(r"\s*(?:trong\s+)?năm\s+((?:19|20)\d{2})\b")
# "tăng trưởng 8,8% trong 6 tháng cuối năm 2025": the part of the year written after the value
_PERIOD_AFTER = re.compile(r"\s*(?:trong\s+)?((?:0?6|sáu|0?9|chín|0?3|ba)\s+tháng(?:\s+(?:đầu|cuối)\s+năm)?|nửa\s+(?:đầu|cuối)\s+năm"
                           r"|quý\s+(?:iv|iii|ii|i|[1-4]))(?:\s+năm\s+|/|\s+)?((?:19|20)\d{2})?\b")
_PREVIOUS_AFTER = re.compile(r"\s*của\s+(?:cùng kỳ\s+)?(quý|năm)\s+(?:trước|ngoái)\b")


@dataclass(slots=True)
class Mention:
    start: int  # start of the comparator word or the number
    end: int  # end of unit / 'trở lên' / trailing year
    number_start: int
    unit_start: int
    comparator: str
    low: float | None
    high: float | None
    unit_raw: str
    unit: Unit
    year_after: int | None
    skip: bool = False  # a ratio to plan: not a value, but still a boundary between labels
    previous: str | None = None  # "… 1,96% của quý trước": the value is the previous "quarter" / "year"'s
    period_after: str | None = None  # the words of a part of the year written after the value ("6 tháng cuối năm")


def _comparator_before(lowered: str, pos: int) -> tuple[str | None, int]:
    m = _COMPARATOR_BEFORE.search(lowered, max(0, pos - 24), pos)
    if not m:
        return None, pos
    word = m.group(1)
    # A word comparator must start at a word boundary ("trên" in "trên địa bàn" is handled by $ anchor).
    if word[0].isalpha() and m.start(1) > 0 and lowered[m.start(1) - 1].isalpha():
        return None, pos
    return _WORD_COMPARATOR[word], m.start(1)


def find_mentions(text: str, units: UnitTable) -> list[Mention]:
    """All values with a known unit in a piece of running text, left to right."""
    lowered = text.lower()
    if len(lowered) != len(text):  # exotic case-mapping changed lengths: fall back to the raw text
        lowered = text
    out: list[Mention] = []
    pos = 0
    n = len(text)
    scan = units.candidates
    while True:
        m = scan.search(lowered, pos)
        if not m:
            break
        s, e = m.span()
        pos = e
        prev = text[s - 1] if s else " "
        if prev.isalnum() or prev in "/.,":
            continue  # part of a code, a date or another number
        if e < n and text[e] == "/" and e + 1 < n and (text[e + 1].isdigit() or text[e + 1].isalpha()):
            continue  # fraction (151/283) or document number (163/BC-UBND)
        if _YEAR_BEFORE.search(lowered, max(0, s - 12), s) and e - s == 4:
            continue  # "năm 2023 xã hội ...": a year, whatever word follows
        low = parse_number(m.group())
        high = None
        end = e
        unit_span = units.match_after(lowered, end)
        # Range: "8,5-9,0%", "6,5 - 7%", "75,1-75,4 triệu đồng", "8,5% - 9%", "từ 2 đến 3%".
        after_first = unit_span[1] if unit_span else end
        r = _RANGE_SEP.match(lowered, after_first)
        if r:
            m2 = _NUM.match(text, r.end())
            if m2:
                unit2 = units.match_after(lowered, m2.end())
                if unit2 and (unit_span is None or lowered[unit_span[0]:unit_span[1]] == lowered[unit2[0]:unit2[1]]):
                    high = parse_number(m2.group())
                    unit_span = unit2
                    end = m2.end()
                    pos = m2.end()
        if unit_span is None or low is None:
            continue
        u_start, u_end = unit_span
        unit_raw = text[u_start:u_end]
        unit = units.lookup(unit_raw)
        if unit is None:
            continue
        if unit.quantity.endswith("_bare") and _WORD_AFTER.match(text, u_end):
            continue  # "2.500 tỷ kíp": a bare scale word is a unit only when nothing follows it
        end = u_end
        pos = max(pos, end)
        if unit.canonical == "%":
            plan = _OF_PLAN_AFTER.match(lowered, end)
        else:  # "vượt 03 xã so với kế hoạch" is a difference; "đạt 103,6 triệu đồng so với kế hoạch 95" is not
            plan = _VS_PLAN_AFTER.match(lowered, end) if _DIFFERENCE_BEFORE.search(lowered, max(0, s - 24), s) else None
        if plan:  # "bằng 98,2% kế hoạch": a ratio to plan, not an indicator value
            out.append(Mention(s, plan.end(), s, u_start, "=", low, None, unit_raw, unit, None, True))
            pos = plan.end()
            continue
        comparator, start = _comparator_before(lowered, s)
        if high is not None:
            if comparator in (None, "from", "~"):
                comparator = "between"
            else:
                high = high if comparator in ("<", "<=") else None
        else:
            up = _AT_LEAST_AFTER.match(lowered, end)
            down = _AT_MOST_AFTER.match(lowered, end)
            if up:
                comparator = ">" if comparator == ">" else ">="
                end = up.end()
            elif down:
                comparator = "<=" if comparator in (None, "from", "<=") else comparator
                end = down.end()
            elif comparator == "from" and not _FROM_TO_AFTER.match(lowered, end):
                comparator = ">="  # "tăng từ 12%": from 12 % up (a range or "từ … lên …" says otherwise)
            elif comparator in (None, "from"):
                comparator = "="
        year_after = previous = period_after = None
        y = _YEAR_AFTER.match(lowered, end)
        pa = None if y else _PERIOD_AFTER.match(lowered, end)
        if y:
            year_after = int(y.group(1))
            end = y.end()
        elif pa:
            period_after = pa.group(1)
            year_after = int(pa.group(2)) if pa.group(2) else None
            end = pa.end()
        else:
            p = _PREVIOUS_AFTER.match(lowered, end)
            if p:
                previous = "quarter" if p.group(1) == "quý" else "year"
                end = p.end()
        out.append(Mention(min(start, s), end, s, u_start, comparator, low, high, unit_raw, unit, year_after,
                           previous=previous, period_after=period_after))
        pos = max(pos, end)
    return out


def fill(comparator: str, low: float | None, high: float | None) -> tuple[float | None, float | None]:
    """Gold semantics: = and ~ fill both bounds, >=/> low only, <=/< high only, between both."""
    if comparator in ("=", "~"):
        return low, low if high is None else high
    if comparator in (">=", ">"):
        return low, None
    if comparator in ("<=", "<"):
        v = high if high is not None else low
        return None, v
    return low, high


_CELL = re.compile(r"^\s*(≥|≤|>=|<=|>|<|~)?\s*([-−–]?\s*" + NUMBER_PATTERN + r")\s*(%)?\s*"
                   r"(?:(?:-|–)\s*(" + NUMBER_PATTERN + r")\s*(%)?\s*)?$")
_CELL_BLANK = {"", "-", "–", "—", "x", "X", "...", "…", "/"}
_CELL_SYMBOL = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "~": "~"}


def parse_cell(cell: str):
    """A table value cell -> (comparator, low, high, inline_unit) | None (blank) | 'error'."""
    c = cell.strip()
    if c in _CELL_BLANK:
        return None
    m = _CELL.match(c)
    if not m:
        return "error"
    sym, first, inline1, second, inline2 = m.groups()
    low = parse_number(first.replace(" ", ""))
    if low is None:
        return "error"
    comparator = _CELL_SYMBOL.get(sym or "", "=")
    high = parse_number(second) if second else None
    if high is not None:
        comparator = "between"
    return comparator, low, high, inline1 or inline2
