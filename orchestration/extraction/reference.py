"""Reference data loaded once from the dbt seeds (the single source of names, aliases, units, ranges).

`Reference` is a plain object of dicts, lists and compiled regexes: it pickles (for process pools) and
rebuilding it costs a few milliseconds.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .catalog import Catalog
from .text import fold
from .units import UnitTable


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    name_vi: str
    name_en: str
    canonical_unit: str
    compatible_units: frozenset[str]
    valid_min: float | None
    valid_max: float | None
    measure: str = "level"  # growth / share / rate / change / level / count / index (indicators.csv)
    growth_of: str | None = None  # for a growth rate, the indicator it is the growth of


@dataclass(frozen=True, slots=True)
class Province:
    key: str
    code: str
    name_vi: str
    full_name_vi: str
    province_set: str
    valid_from: date | None
    valid_to: date | None


@dataclass
class Reference:
    indicators: dict[str, Indicator]
    catalog: Catalog
    units: UnitTable
    provinces: list[Province]
    # folded province name -> provinces (all eras) sharing that name
    province_names: dict[str, list[Province]] = field(default_factory=dict)

    # indicator code -> the indicator that is its year-on-year growth (catalog column growth_of)
    growth_rates: dict[str, Indicator] = field(default_factory=dict)
    names_pattern: re.Pattern | None = None  # any folded province name, longest first

    def growth_rate_of(self, code: str) -> Indicator | None:
        return self.growth_rates.get(code)

    def province_mentions(self, folded: str) -> set[str]:
        """Folded province names a folded text names ("ba ria vung tau", "thai nguyen")."""
        return set(self.names_pattern.findall(folded)) if self.names_pattern is not None else set()

    def province_for(self, folded_name: str, on: date | None) -> Province | None:
        """The province unit with this name valid on a date (default: the pre-2025 63-province set)."""
        cands = self.province_names.get(folded_name) or []
        when = on or date(2024, 12, 31)
        for p in cands:
            if (p.valid_from is None or p.valid_from <= when) and (p.valid_to is None or when <= p.valid_to):
                return p
        return cands[0] if cands else None


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _num(text: str | None) -> float | None:
    return float(text) if text not in (None, "") else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# Alternative spellings a document may use for a province (the seed has one name per unit).
_ALT_NAMES = {
    "thua thien hue": ["hue", "thua thien - hue", "thanh pho hue"],
    "hue": ["thua thien hue", "thua thien - hue"],
    "ho chi minh": ["thanh pho ho chi minh", "tp. ho chi minh", "tp ho chi minh", "tp.hcm", "tp hcm", "tphcm"],
    "ba ria - vung tau": ["ba ria vung tau", "ba ria-vung tau"],
    "dak lak": ["dac lac", "daklak"],
    "dak nong": ["dac nong"],
}


def load_reference(seeds_dir: Path | str) -> Reference:
    seeds = Path(seeds_dir)
    indicators = {
        r["indicator_code"]: Indicator(
            r["indicator_code"], r["name_vi"], r["name_en"], r["canonical_unit"],
            frozenset(u.strip() for u in (r.get("compatible_units") or "").split(";") if u.strip()),
            _num(r.get("valid_min")), _num(r.get("valid_max")), r.get("measure") or "level",
            (r.get("growth_of") or "").strip() or None,
        )
        for r in _read(seeds / "indicators.csv")
    }
    # a growth rate and the amount it grows share their wordings; not GRDP's, where the bare wordings
    # ("GRDP", "tổng sản phẩm trên địa bàn") mean the real growth with a % and nominal GRDP with money
    partners: dict[str, str] = {}
    for i in indicators.values():
        if i.growth_of and not i.code.startswith("GRDP_"):
            partners[i.code], partners[i.growth_of] = i.growth_of, i.code
    catalog = Catalog(_read(seeds / "indicator_aliases.csv"), partners,
                      {i.code: i.growth_of for i in indicators.values() if i.growth_of})
    units = UnitTable(_read(seeds / "units.csv"))
    provinces = [
        Province(r["province_key"], r["province_code"], r["name_vi"], r["full_name_vi"], r["province_set"],
                 _date(r.get("valid_from")), _date(r.get("valid_to")))
        for r in _read(seeds / "provinces.csv")
    ]
    names: dict[str, list[Province]] = {}
    for p in provinces:
        base = fold(p.name_vi)
        for n in {base, *_ALT_NAMES.get(base, [])}:
            names.setdefault(n, []).append(p)
    growth_rates = {i.growth_of: i for i in indicators.values() if i.growth_of}
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    return Reference(indicators, catalog, units, provinces, names, growth_rates, pattern)
