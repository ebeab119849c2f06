"""Numbers and values: Vietnamese number formatting, values drawn in an indicator's range, comparators."""
from __future__ import annotations

import random
from dataclasses import dataclass

from orchestration.cli.generate.catalog import Indicator


def vn_number(value: float, decimals: int, pad: bool = False) -> str:
    """19515 -> '19.515', 7.5 -> '7,5' (Vietnamese separators)."""
    neg = value < 0
    text = f"{abs(value):.{decimals}f}"
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups)
    if pad and len(out) == 1 and not frac:
        out = "0" + out
    if frac:
        out += "," + frac
    return ("-" if neg else "") + out


@dataclass
class Value:
    comparator: str
    low: float | None
    high: float | None
    decimals: int


def draw_value(rng: random.Random, ind: Indicator, comparator: str) -> Value:
    step = 10 ** -ind.decimals
    def pick(lo, hi):
        return round(rng.uniform(lo, hi) / step) * step if ind.decimals else float(round(rng.uniform(lo, hi)))
    a = round(ind.clamp(pick(ind.lo, ind.hi)), ind.decimals)
    if comparator == "between":
        b = round(ind.clamp(a + max(step, (ind.hi - ind.lo) * rng.uniform(0.03, 0.12))), ind.decimals)
        if b <= a:
            a = round(ind.clamp(a - max(step, (ind.hi - ind.lo) * 0.05)), ind.decimals)
        if b > a:
            return Value("between", a, b, ind.decimals)
        comparator = "="
    if comparator in (">=", ">"):
        return Value(comparator, a, None, ind.decimals)
    if comparator in ("<", "<="):
        return Value(comparator, None, a, ind.decimals)
    return Value(comparator, a, a, ind.decimals)


def pick_comparator(rng: random.Random, ind: Indicator, table: bool = False) -> str:
    r = rng.random()
    if ind.higher_is_better is False:
        return "<" if r < 0.35 else ("~" if r < 0.45 and not table else "=")
    if r < 0.60:
        return "="
    if r < 0.78:
        return ">="
    if r < 0.86:
        return ">"
    if r < 0.95:
        return "between"
    return "=" if table else "~"

