"""Year, value kind and period context: from section headings, from cue words near a value, from the
document's own date/title.

Headings form a stack by level (Phần/Điều > A. > I. > 1. > 1.1. > a)); the innermost heading that
names a year or a kind decides the default for the values below it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import fold

_HEADING_PATTERNS = [
    (0, re.compile(r"^(?:phần thứ|phần [ivx]+\b|điều \d+|chương [ivx\d]+)", re.I)),
    (5, re.compile(r"^\d+\.\d+\.\d+\.?\s")),
    (4, re.compile(r"^\d+\.\d+\.?\s")),
    (3, re.compile(r"^\d+[.)]\s")),
    (2, re.compile(r"^(?:[IVX]+)[.)]\s")),
    (1, re.compile(r"^[A-H][.)]\s")),
    (6, re.compile(r"^[a-zđ][)]\s")),
]
MAX_HEADING_CHARS = 220

_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
# "chỉ tiêu"/"nhiệm vụ" are neutral in headings ("Kết quả thực hiện nhiệm vụ", "Các chỉ tiêu chủ yếu").
_TARGET_WORDS = re.compile(r"\b(muc tieu|ke hoach|phuong huong)\b")
_RESULT_WORDS = re.compile(r"\b(ket qua|tinh hinh thuc hien|danh gia|uoc thuc hien|bao cao tinh hinh)\b")


@dataclass(slots=True)
class Heading:
    level: int
    year: int | None
    kind: str | None  # target / actual / None


def heading_level(line: str) -> int | None:
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS:
        return None
    for level, pattern in _HEADING_PATTERNS:
        if pattern.match(stripped):
            return level
    if len(stripped) >= 8 and stripped.isupper():
        return 1  # ALL-CAPS section title
    return None


def heading_signals(line: str) -> tuple[int | None, str | None]:
    f = fold(line)
    years = [int(y) for y in _YEAR.findall(f)]
    cues = sorted([(m.start(), "target") for m in _TARGET_WORDS.finditer(f)]
                  + [(m.start(), "actual") for m in _RESULT_WORDS.finditer(f)])
    if not cues:
        return (max(years) if years else None), None
    if not years or len({k for _, k in cues}) == 1:
        return (max(years) if years else None), cues[0][1]
    # "Kết quả năm 2023; mục tiêu năm 2024": the cue nearest before the latest year decides.
    latest = max(years)
    pos = max(m.start() for m in _YEAR.finditer(f) if int(m.group(1)) == latest)
    before = [k for p, k in cues if p < pos]
    return latest, (before[-1] if before else None)


@dataclass
class SectionContext:
    stack: list[Heading] = field(default_factory=list)

    def push(self, level: int, line: str) -> None:
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        year, kind = heading_signals(line)
        self.stack.append(Heading(level, year, kind))

    def year(self) -> int | None:
        for h in reversed(self.stack):
            if h.year:
                return h.year
        return None

    def kind(self) -> str | None:
        for h in reversed(self.stack):
            if h.kind:
                return h.kind
        return None


# Cue words right before a value (folded text), nearest one wins.
_KIND_CUES = re.compile(
    r"\b(uoc|du kien dat|du kien"
    r"|phan dau|muc tieu|(?<!so voi )(?<!% )(?<!vuot )ke hoach|chi tieu|de ra|dat ra|nghi quyet giao"
    r"|da dat|dat duoc|thuc hien duoc|da thuc hien|ket nap duoc|thanh lap moi duoc|ket qua)\b"
)
_CUE_KIND = {
    "uoc": "estimate",
    "du kien dat": "estimate", "du kien": "estimate",
    "phan dau": "target", "muc tieu": "target", "ke hoach": "target", "chi tieu": "target", "de ra": "target",
    "dat ra": "target", "nghi quyet giao": "target",
    "da dat": "actual", "dat duoc": "actual", "thuc hien duoc": "actual", "da thuc hien": "actual",
    "ket nap duoc": "actual", "thanh lap moi duoc": "actual", "ket qua": "actual",
}


def kind_cue(folded_segment: str) -> str | None:
    last = None
    for m in _KIND_CUES.finditer(folded_segment):
        last = m.group(1)
    return _CUE_KIND[last] if last else None


# "năm 2023" names the year of what follows, unless it is a comparison base ("so với năm 2023").
_YEAR_MENTION = re.compile(
    r"(?:(so voi|so cung ky|cung ky)\s+)?(?:trong\s+)?nam\s+((?:19|20)\d{2})\b"
    r"|(giai doan|nhiem ky|thoi ky|ke hoach)\s+((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})\b"
)


def year_in(folded_segment: str) -> int | None:
    """Nearest (last) year named in a segment; a period 2021-2025 gives its end year."""
    found = None
    for m in _YEAR_MENTION.finditer(folded_segment):
        if m.group(2):
            if m.group(1):
                continue
            found = int(m.group(2))
        elif m.group(5):
            found = int(m.group(5))
    return found


# Sub-year periods, on folded text: "6 tháng đầu năm" (H1), "6 tháng cuối năm" (H2), "9 tháng đầu năm"
# (9M, January–September), "quý III" / "quý 3" (Q3). A value without one refers to the full year (FY).
_PERIOD_CUES = [
    (re.compile(r"\b(?:6|sau) thang (dau|cuoi) nam\b"), lambda m: "H1" if m.group(1) == "dau" else "H2"),
    (re.compile(r"\b(?:9|chin) thang (?:dau nam|nam (?:19|20)\d\d)\b"), lambda m: "9M"),
    (re.compile(r"\bquy (iv|iii|ii|i|[1-4])\b"),
     lambda m: "Q" + {"i": "1", "ii": "2", "iii": "3", "iv": "4"}.get(m.group(1), m.group(1))),
]


def period_cue(folded_segment: str) -> str | None:
    """The sub-year period named last in a segment (H1, H2, 9M, Q1–Q4), or None for a full year."""
    best = None
    for pattern, name in _PERIOD_CUES:
        for m in pattern.finditer(folded_segment):
            if best is None or m.start() > best[0]:
                best = (m.start(), name(m))
    return best[1] if best else None


_PARENS = re.compile(r"\([^()]*\)")


def drop_closed_parens(text: str) -> str:
    """Remove parenthesised asides that closed before the value (their years/aliases are not its own)."""
    prev = None
    while prev != text and "(" in text:
        prev, text = text, _PARENS.sub(" ", text)
    return text
