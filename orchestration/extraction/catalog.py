"""Indicator wording -> catalog code.

Aliases (indicator_aliases.csv) are folded to token tuples once and indexed by their first token, so a
lookup is one dict probe per token of the label plus a tuple comparison — no fuzzy matching over the
whole alias list.  Choice among matches: unit compatibility first (the same wording "giá trị xuất
khẩu" is a growth rate with % and a value with USD), then alias priority, then alias length, then
nearness to the value.
"""
from __future__ import annotations

from dataclasses import dataclass

from .text import tokens


@dataclass(frozen=True, slots=True)
class Alias:
    code: str
    words: tuple[str, ...]
    priority: int
    context: tuple[str, ...]  # folded phrases, one of which must occur in the context (empty = none)
    text: str
    family: str  # the indicator and its growth rate share one (see family())
    whole: bool = False  # match `whole`: the alias must be the label's entire wording


@dataclass(frozen=True, slots=True)
class AliasMatch:
    alias: Alias
    start: int  # token index in the searched label
    end: int

    @property
    def code(self) -> str:
        return self.alias.code


class Catalog:
    def __init__(self, alias_rows: list[dict], partners: dict[str, str] | None = None,
                 growth_of: dict[str, str] | None = None):
        """`partners`: an indicator and its growth rate, both ways (indicators.csv growth_of). A wording
        of either names the other too, one priority below, unless the catalog gives it for both: the
        unit then decides ("giá trị tăng thêm của ngành nông nghiệp khoảng 6.600 tỉ đồng" is the amount
        though the wording was written down for its growth). `growth_of`: every growth rate's amount,
        which puts both in one family."""
        growth_of = growth_of or {}
        fam = lambda code: growth_of.get(code) or family(code)
        self.by_first: dict[str, list[Alias]] = {}
        given: set[tuple[str, tuple[str, ...]]] = set()
        aliases: list[Alias] = []
        for row in alias_rows:
            words = tuple(tokens(row["alias"]))
            if not words:
                continue
            context = tuple(
                " " + " ".join(tokens(c)) + " " for c in (row.get("context") or "").split("|") if c.strip()
            )
            code = row["indicator_code"]
            aliases.append(Alias(code, words, int(row.get("priority") or 50), context, row["alias"], fam(code),
                                 (row.get("match") or "contains") == "whole"))
            given.add((row["indicator_code"], words))
        for a in list(aliases):
            partner = (partners or {}).get(a.code)
            if partner and (partner, a.words) not in given:
                aliases.append(Alias(partner, a.words, a.priority - 1, a.context, a.text, a.family, a.whole))
                given.add((partner, a.words))
        for alias in aliases:
            self.by_first.setdefault(alias.words[0], []).append(alias)
        for lst in self.by_first.values():
            lst.sort(key=lambda a: -len(a.words))

    def find(self, words: list[str]) -> list[AliasMatch]:
        """Every alias occurrence in a token list (overlaps allowed)."""
        found: list[AliasMatch] = []
        by_first = self.by_first
        n = len(words)
        for i, w in enumerate(words):
            cands = by_first.get(w)
            if not cands:
                continue
            for alias in cands:
                k = len(alias.words)
                if alias.whole and (i or k != n):
                    continue  # "- Nam: 581.433 người" under "Dân số": only a label that is nothing else
                if i + k <= n and tuple(words[i : i + k]) == alias.words:
                    found.append(AliasMatch(alias, i, i + k))
        return found

    @staticmethod
    def context_ok(alias: Alias, context: str) -> bool:
        return not alias.context or any(c in context for c in alias.context)


def family(code: str) -> str:
    """An indicator and its growth rate form a family (RETAIL_SALES, RETAIL_SALES_GROWTH)."""
    return code[:-7] if code.endswith("_GROWTH") else code


def rank(matches: list[AliasMatch], context: str, prefer_last: bool = True) -> list[AliasMatch]:
    """Matches whose context condition holds, best first (priority, length, nearness)."""
    ok = [m for m in matches if Catalog.context_ok(m.alias, context)]
    if len(ok) > 1:
        # A wording is read as its most specific alias: "GRDP" inside "GRDP bình quân đầu người" or
        # "tỷ lệ hộ nghèo" inside "giảm tỷ lệ hộ nghèo" is not a second candidate.
        # (unless the longer one names the same indicator's other measure: "tổng mức bán lẻ hàng hóa và
        # doanh thu dịch vụ" may be written only for the amount, "tổng mức bán lẻ hàng hóa" for both; the
        # unit then decides between them)
        ok = [m for m in ok if not any(n.start <= m.start and m.end <= n.end and n.end - n.start > m.end - m.start
                                       and n.alias.family != m.alias.family for n in ok)]
    if prefer_last:
        ok.sort(key=lambda m: (m.alias.priority, len(m.alias.words), m.end), reverse=True)
    else:
        ok.sort(key=lambda m: (-m.alias.priority, -len(m.alias.words), m.start))
    return ok
