"""Units: raw unit text -> units.csv row (canonical unit and multiplier), and the rule deciding
whether a unit may carry a value of a given indicator.

Compatibility rule (explicit, from the seeds): a unit fits an indicator when its canonical unit equals
the indicator's `canonical_unit`, or is listed in the indicator's `compatible_units` (e.g. beds per
10,000 people accept "giường bệnh" as written in "đạt 40 giường bệnh"; GRDP per capita accepts
"triệu đồng").  Anything else is rejected, never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import NUMBER_PATTERN


@dataclass(frozen=True, slots=True)
class Unit:
    key: str
    canonical: str
    multiplier: float
    quantity: str


_SPACES = re.compile(r"\s+")
_SUP_SPACE = re.compile(r"\s+([²³])")
_SLASH_SPACE = re.compile(r"\s*/\s*")


def unit_key(raw: str) -> str:
    """Normalised key: lower-case, spaces collapsed, 'm ²' -> 'm²', no spaces around '/'."""
    key = _SPACES.sub(" ", raw.strip().lower())
    key = _SUP_SPACE.sub(r"\1", key)
    key = _SLASH_SPACE.sub("/", key)
    return key.rstrip(".;:,")


class UnitTable:
    def __init__(self, rows: list[dict]):
        self.by_key: dict[str, Unit] = {}
        self._seen: dict[str, Unit | None] = {}
        for row in rows:
            unit = Unit(row["unit_key"], row["canonical_unit"], float(row["multiplier"]), row["quantity"])
            self.by_key[unit_key(row["unit_key"])] = unit
            for example in (row.get("unit_raw_examples") or "").split("|"):
                if example.strip():
                    self.by_key.setdefault(unit_key(example), unit)
        # Longest first so "triệu đồng/người/năm" wins over "triệu đồng" and "giường bệnh/vạn dân"
        # over "giường bệnh"; the unit must end at a word boundary ("xã" must not eat "xã hội").
        alternation = _trie_pattern(list(self.by_key) + ["m ²", "m ³"])
        self.alternation = alternation
        self.pattern = re.compile(r"\s*(" + alternation + r")(?![0-9a-zà-ỹđ²³])")
        # Numbers followed (possibly after a range) by a unit: one C-level scan finds the few numbers
        # worth a closer look, so prose full of dates and codes costs almost nothing.
        unit = "(?:" + alternation + r")(?![0-9a-zà-ỹđ²³])"
        # (?<!\d): never start inside a digit run, which would make long digit strings quadratic
        self.candidates = re.compile(
            r"(?<!\d)" + NUMBER_PATTERN + r"(?=\s*" + unit + r"|(?:\s*" + unit + r")?\s*(?:-|–|—|đến|tới)\s*(?:mức\s*)?"
            + NUMBER_PATTERN + r"\s*" + unit + ")"
        )

    def lookup(self, raw: str | None) -> Unit | None:
        if not raw:
            return None
        try:
            return self._seen[raw]
        except KeyError:  # raw spellings repeat a lot: normalise each one once
            if len(self._seen) > 50_000:
                self._seen.clear()
            unit = self._seen[raw] = self.by_key.get(unit_key(raw))
            return unit

    def match_after(self, lowered: str, pos: int):
        """Unit written right after a number at `pos` of the lower-cased text, as (start, end) or None."""
        m = self.pattern.match(lowered, pos)
        return (m.start(1), m.end(1)) if m else None


def _trie_pattern(forms: list[str]) -> str:
    """One regex for all unit forms, factored by common prefixes (a trie), longest alternatives first:
    the engine then tests a handful of characters per number instead of a hundred alternatives."""
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def piece(ch: str) -> str:
        return r"\s+" if ch == " " else r"\s*/\s*" if ch == "/" else re.escape(ch)

    def emit(node: dict) -> str:
        branches = [piece(ch) + emit(child) for ch, child in sorted(node.items(), key=lambda kv: kv[0]) if ch]
        # greedy: try longer continuations before ending here
        if "" in node:
            return "(?:" + "|".join(branches) + ")?" if branches else ""
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(trie)


def compatible(unit: Unit, canonical_unit: str, compatible_units: frozenset[str]) -> bool:
    return unit.canonical == canonical_unit or unit.canonical in compatible_units
