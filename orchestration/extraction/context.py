"""Section headings: which lines are headings, and the stack of what they say about time.

Headings form a stack by level (Phần/Điều > A. > I. > 1. > 1.1. > a)); each one's time scope (see
timeframe.py) is inner to the ones above it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import cue_fold, fold
from .timeframe import EMPTY, Anchor, Scope, read_scope

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

@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    scope: Scope  # what the heading says about time ("Kết quả thực hiện năm 2023", "Mục tiêu năm 2024")


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


@dataclass
class SectionContext:
    stack: list[Heading] = field(default_factory=list)
    _scope: Scope | None = None  # the stack's scope, until the next push

    def push(self, level: int, line: str, anchor: Anchor) -> None:
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        self.stack.append(Heading(level, read_scope(cue_fold(line), anchor)))
        self._scope = None

    def scope(self, anchor: Anchor) -> Scope:
        """The headings' time, innermost last: "Phần II. Mục tiêu năm 2024" > "1. Chỉ tiêu kinh tế"."""
        if self._scope is None:
            scope = EMPTY
            for h in self.stack:
                scope = h.scope.within(scope, anchor)
            self._scope = scope
        return self._scope


_PARENS = re.compile(r"\([^()]*\)")
# what a bracket may say of the words before it, not aside from them: an acronym ("Tổng sản phẩm (GRDP)")
# or the price basis ("Tổng sản phẩm (theo giá so sánh) ước đạt …")
# (written and folded: labels are matched on the folded copy)
_APPOSITION = re.compile(r"\(\s*(?:[A-ZĐ]{2,6}|(?:theo )?gi[aá] (?:so s[aá]nh|hi[eệ]n h[aà]nh)[^()]{0,12})\s*\)", re.I)


def drop_closed_parens(text: str) -> str:
    """Remove parenthesised asides that closed before the value (their years/aliases are not its own);
    an acronym or price basis in brackets stays, as words of the label."""
    prev = None
    while prev != text and "(" in text:
        prev, text = text, _PARENS.sub(lambda m: m.group()[1:-1] if _APPOSITION.fullmatch(m.group()) else " ", text)
    return text
