"""Words and numbers of the report in its two languages, and where a value sits in its sentence.

The catalog (dim_indicator, dim_province) has both names of every indicator and province; what is
here is the report's own vocabulary (statuses, value kinds, document types) and number formatting:
Vietnamese writes 19.515,5 where English writes 19,515.5.
"""
from __future__ import annotations

import math
import re

from orchestration.extraction.numbers import NUMBER_PATTERN, parse_number

# (vi, en) pairs of the report's vocabulary
STATUS = {
    "achieved": ("Đạt", "achieved"),
    "exceeded": ("Vượt", "exceeded"),
    "missed": ("Không đạt", "missed"),
    "unknown": ("Chưa rõ", "unknown"),
}
VERDICT_STATUS = {"Đạt KH": "achieved", "Vượt KH": "exceeded", "Không đạt KH": "missed"}
KIND = {
    "target": ("Kế hoạch", "target"),
    "estimate": ("Ước thực hiện", "estimate"),
    "actual": ("Thực hiện", "actual"),
}
DOC_TYPE = {
    "resolution": ("Nghị quyết", "resolution"),
    "report": ("Báo cáo", "report"),
    "dispatch": ("Công văn", "dispatch"),
    "article": ("Bài báo", "article"),
    "unknown": ("Không rõ loại", "unknown type"),
}
PROVINCE_METHOD = {
    "sidecar": ("tệp mô tả kèm theo (.meta.json)", "the sidecar file (.meta.json)"),
    "heading": ("phần đầu văn bản (cơ quan ban hành, tiêu đề)", "the document's heading (issuer, title)"),
    "body": ("nội dung văn bản", "the body of the text"),
    "filename": ("tên tệp", "the file name"),
    "none": ("không xác định được", "not found"),
}
REASON = {
    "compared": ("so sánh được", "compared"),
    "compared_no_direction": ("trong khoảng kế hoạch (chỉ tiêu không có chiều tốt/xấu)", "inside the target (no direction)"),
    "target_missing": ("không có kế hoạch", "no target"),
    "outcome_missing": ("chưa có kết quả", "no outcome yet"),
    "unit_mismatch": ("đơn vị không so sánh được", "units not comparable"),
    "no_direction": ("chỉ tiêu không có chiều tốt/xấu", "indicator has no direction"),
    "bound_only": ("chỉ có cận, không kết luận được", "bounds only, undecided"),
}
PERIOD = {
    "FY": ("Cả năm", "full year"), "H1": ("6 tháng đầu năm", "first half"), "H2": ("6 tháng cuối năm", "second half"),
    "9M": ("9 tháng", "nine months"), "Q1": ("Quý I", "Q1"), "Q2": ("Quý II", "Q2"), "Q3": ("Quý III", "Q3"),
    "Q4": ("Quý IV", "Q4"),
}
PERIOD_ORDER = {p: i for i, p in enumerate(["FY", "H1", "H2", "9M", "Q1", "Q2", "Q3", "Q4"])}
COMPARATOR = {"=": "", "~": "~", ">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< "}


def pair(table: dict, key, default: str | None = None) -> tuple[str, str]:
    if key in table:
        return table[key]
    text = default if default is not None else ("" if key is None else str(key))
    return (text, text)


def number(x: float | None, lang: str) -> str:
    """5.56 → '5,56' (vi) / '5.56' (en); 19515 → '19.515' / '19,515'; up to 6 decimals, no trailing zeros."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    s = f"{x:,.6f}".rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    if lang == "vi":
        s = s.translate(str.maketrans({",": ".", ".": ","}))
    return s


def stated(comparator: str | None, low: float | None, high: float | None, unit: str | None, lang: str) -> str:
    """A value as the document states it: '≥ 8,5 %', '8,5–9 %', '~7 %'."""
    if low is None and high is None:
        return ""
    if comparator == "between":
        core = f"{number(low, lang)}–{number(high, lang)}"
    elif comparator in ("<=", "<"):
        core = COMPARATOR[comparator] + number(high if high is not None else low, lang)
    else:
        core = COMPARATOR.get(comparator or "=", "") + number(low if low is not None else high, lang)
    return f"{core} {unit}".strip() if unit else core


_NUMBER_TOKEN = re.compile(r"(?<![\d.,])[-−–]?(" + NUMBER_PATTERN + r")")


def number_tokens(text: str | None) -> list[tuple[float, int, int]]:
    """Every number written in `text`: (absolute value, start, end). The extraction reads numbers with
    the same pattern, so what it read can be found again."""
    out = []
    for m in _NUMBER_TOKEN.finditer(text or ""):
        v = parse_number(m.group(1))
        if v is not None:
            out.append((v, m.start(1), m.end(1)))
    return out


def spans_of(tokens: list[tuple[float, int, int]], low: float | None, high: float | None) -> list[list[int]]:
    """The spans [start, end) of the tokens equal to a value's low or high end (sign aside)."""
    wanted = [abs(v) for v in (low, high) if v is not None and not (isinstance(v, float) and math.isnan(v))]
    return [[s, e] for v, s, e in tokens if any(math.isclose(v, w, rel_tol=1e-9, abs_tol=1e-12) for w in wanted)]


def value_spans(text: str | None, low: float | None, high: float | None) -> list[list[int]]:
    """Character spans [start, end) in `text` of the numbers equal to the value's low or high end; a value
    the text writes in words has no span (the sentence is then shown without a highlight)."""
    if not text or (low is None and high is None):
        return []
    return spans_of(number_tokens(text), low, high)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def file_stem(key: str) -> str:
    """A file name for a key (document id, province key, indicator code) that is safe on every file system."""
    import hashlib

    safe = _UNSAFE.sub("_", key)[:80]
    if safe != key:
        safe += "-" + hashlib.sha1(key.encode()).hexdigest()[:8]
    return safe
