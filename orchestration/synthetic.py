"""`chitieu generate`: a synthetic corpus in the seed documents' layouts, with known values.

    chitieu generate --n 1000 --out /tmp/corpus --seed 7

writes ``N`` documents ``<out>/<document_id>.txt`` plus ``gold.csv`` and ``scope.csv`` in the format
of ``/work/shared/gold`` (see its README), so ``chitieu evaluate --gold <out>/gold.csv`` can score the
extractor on them, and ``manifest.json`` (counts, bytes, seed).

Layouts (mixed per corpus, each with wording and formatting variants):

* ``resolution`` — a HĐND resolution: legal preamble, ``Điều 1/2``, a ``Các chỉ tiêu chủ yếu``
  heading (with or without the year), sub-headings per field, ``-`` bullets with ``+`` children,
  comparators written ``Từ X% trở lên`` / ``Dưới X%`` / ``trên X%`` / ``X-Y%`` / ``khoảng X%``,
  several values on one line (``..., trong đó ...`` / ``;``-separated).
* ``report`` — a UBND report: a tab-separated plan/estimate table
  ``TT / Chỉ tiêu / Đơn vị tính / Kế hoạch năm Y / Ước thực hiện năm Y / Đánh giá`` with parent and
  child rows, header repeated after page breaks, cells such as ``≥ 1``, ``<3``, ``>46``, ``8,5-9``,
  the document's own verdict; then the next year's targets as a bullet list.
* ``dispatch`` — a UBND dispatch forwarding a mid-year resolution whose numbered items state a
  few targets in running text (``Phấn đấu năm Y … đạt ít nhất 01 huyện``).
* ``article`` — a press article: ``date YYYY-MM`` line and prose sentences
  (``tăng từ mức X năm Y lên Z năm Y+1``, ``đạt trên X%``, ``từ X% trở lên``, ``(năm Y đạt Z%)``).

Filler narrative paragraphs (no figures inside the scoped line ranges) bring document sizes to
about 8–120 KB like the seeds. Everything is a pure function of ``(seed, document index)``.

Reference data is read from ``dbt_project/seeds``: provinces (names valid at the document date:
the 63-province set before 2025-07-01, the 34-province set after), indicator wordings from
``indicators.csv``/``indicator_aliases.csv`` (a wording is used only when the alias table maps it
to its own indicator), units from ``units.csv``. Realistic value ranges are the generator's own
(``_PROFILES``); indicators without a profile get a range derived from the catalog's valid range.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS_DIR = REPO_ROOT / "dbt_project" / "seeds"
GOLD_COLUMNS = ["document_id", "source_line", "province", "indicator", "year", "value_kind", "comparator",
                "value_low", "value_high", "unit_raw", "verdict", "optional"]
SCOPE_COLUMNS = ["document_id", "line_from", "line_to"]
MERGER_DATE = date(2025, 7, 1)


# ----------------------------------------------------------------------------------------------
# Reference data
# ----------------------------------------------------------------------------------------------

def _read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _fold(text: str) -> str:
    """Accent-insensitive, punctuation-insensitive key (how the alias table is matched)."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    text = re.sub(r"[^a-z0-9/%]+", " ", text)
    return " " + " ".join(text.split()) + " "


@dataclass
class Indicator:
    code: str
    name_en: str
    group: str
    wordings: list[str]
    units: list[tuple[str, str]]  # (unit as written in text, unit as written in a table's unit column)
    lo: float
    hi: float
    decimals: int
    higher_is_better: bool | None
    growth: bool = False  # wording takes "tăng X%" naturally
    vmin: float = float("-inf")  # catalog's valid range, in the displayed unit when it is the canonical one
    vmax: float = float("inf")

    def clamp(self, x: float) -> float:
        return min(max(x, self.vmin), self.vmax)


# Realistic ranges in the *displayed* unit: code -> (lo, hi, decimals, [(text unit, table unit)])
_PCT = [("%", "%")]
_PROFILES: dict[str, tuple[float, float, int, list[tuple[str, str]]]] = {
    "GRDP_GROWTH": (4.0, 11.0, 1, _PCT),
    "GRDP_PER_CAPITA": (40, 180, 1, [("triệu đồng/người/năm", "Triệu đồng"), ("triệu đồng", "Triệu đồng")]),
    "GRDP_SCALE": (20_000, 400_000, 0, [("tỷ đồng", "Tỷ đồng")]),
    "INDUSTRIAL_PRODUCTION_VALUE_GROWTH": (5.0, 15.0, 1, _PCT),
    "INDUSTRIAL_PRODUCTION_INDEX_GROWTH": (5.0, 15.0, 1, _PCT),
    "INDUSTRY_CONSTRUCTION_PRODUCTION_VALUE_GROWTH": (6.0, 14.0, 1, _PCT),
    "CONSTRUCTION_PRODUCTION_VALUE_GROWTH": (5.0, 12.0, 1, _PCT),
    "AGRI_PRODUCTION_VALUE_GROWTH": (1.5, 4.5, 1, _PCT),
    "SERVICES_PRODUCTION_VALUE_GROWTH": (5.0, 10.0, 1, _PCT),
    "RETAIL_SALES_GROWTH": (7.0, 15.0, 1, _PCT),
    "EXPORT_GROWTH": (5.0, 15.0, 1, _PCT),
    "LOCAL_EXPORT_GROWTH": (5.0, 15.0, 0, _PCT),
    "IMPORT_GROWTH": (4.0, 14.0, 1, _PCT),
    "EXPORT_VALUE": (300, 30_000, 0, [("triệu USD", "Triệu USD")]),
    "IMPORT_VALUE": (300, 25_000, 0, [("triệu USD", "Triệu USD")]),
    "BUDGET_REVENUE_TOTAL": (900, 60_000, 0, [("tỷ đồng", "Tỷ đồng")]),
    "BUDGET_REVENUE_DOMESTIC": (600, 40_000, 0, [("tỷ đồng", "Tỷ đồng")]),
    "BUDGET_EXPENDITURE_TOTAL": (5_000, 50_000, 0, [("tỷ đồng", "Tỷ đồng")]),
    "TOTAL_SOCIAL_INVESTMENT": (10_000, 200_000, 0, [("tỷ đồng", "Tỷ đồng")]),
    "TOTAL_SOCIAL_INVESTMENT_GROWTH": (5.0, 14.0, 1, _PCT),
    "FDI_REGISTERED": (50, 2_000, 0, [("triệu USD", "Triệu USD")]),
    "NEW_ENTERPRISES": (300, 3_000, 0, [("doanh nghiệp", "Doanh nghiệp")]),
    "LABOUR_PRODUCTIVITY_GROWTH": (4.0, 9.0, 1, _PCT),
    "LABOUR_PRODUCTIVITY": (80, 250, 0, [("triệu đồng/người/năm", "Triệu đồng")]),
    "TRAINED_LABOUR_SHARE": (60, 80, 1, _PCT),
    "TRAINED_LABOUR_CERTIFIED_SHARE": (25, 40, 1, _PCT),
    "URBAN_UNEMPLOYMENT_RATE": (1.8, 4.0, 1, _PCT),
    "UNEMPLOYMENT_RATE": (1.5, 3.5, 1, _PCT),
    "NEW_JOBS": (6_000, 40_000, 0, [("lao động", "Lao động"), ("người", "Người")]),
    "POVERTY_RATE_REDUCTION": (0.5, 3.0, 1, _PCT),
    "POVERTY_RATE_REDUCTION_POOR_DISTRICTS": (3.0, 6.0, 1, _PCT),
    "POVERTY_RATE": (1.0, 12.0, 2, _PCT),
    "SOCIAL_INSURANCE_COVERAGE": (25, 50, 1, _PCT),
    "UNEMPLOYMENT_INSURANCE_COVERAGE": (20, 45, 1, _PCT),
    "HEALTH_INSURANCE_COVERAGE": (88, 99, 1, _PCT),
    "NTM_COMMUNES_NEW": (2, 25, 0, [("xã", "Xã")]),
    "NTM_COMMUNES_SHARE": (50, 95, 1, _PCT),
    "NTM_ADVANCED_COMMUNES_NEW": (3, 20, 0, [("xã", "Xã")]),
    "NTM_MODEL_COMMUNES_NEW": (1, 8, 0, [("xã", "Xã")]),
    "NTM_DISTRICTS": (1, 3, 0, [("đơn vị", "Đơn vị"), ("huyện", "Huyện")]),
    "COMMUNE_HEALTH_CRITERIA_SHARE": (55, 95, 0, _PCT),
    "NATIONAL_STANDARD_SCHOOLS_SHARE": (60, 95, 1, _PCT),
    "NATIONAL_STANDARD_SCHOOLS_NEW": (10, 150, 0, [("trường", "Trường")]),
    "NATIONAL_STANDARD_SCHOOLS_TOTAL": (150, 900, 0, [("trường", "Trường")]),
    "BOARDING_SCHOOL_EM_PUPILS_SHARE": (5, 15, 0, _PCT),
    "UPPER_SECONDARY_GRADUATION_RATE": (90, 99.5, 1, _PCT),
    "CULTURAL_FAMILIES_SHARE": (85, 95, 0, _PCT),
    "CULTURAL_VILLAGES_SHARE": (80, 95, 0, _PCT),
    "CULTURAL_AGENCIES_SHARE": (85, 98, 0, _PCT),
    "FOREST_COVER": (20, 70, 1, _PCT),
    "NEW_FOREST_PLANTING": (500, 12_000, 0, [("ha", "ha")]),
    "RURAL_HYGIENIC_WATER_SHARE": (90, 99.5, 1, _PCT),
    "URBAN_CLEAN_WATER_SHARE": (90, 100, 1, _PCT),
    "CLEAN_WATER_SHARE": (70, 99, 1, _PCT),
    "INDUSTRIAL_ZONE_WASTEWATER_SHARE": (90, 100, 0, _PCT),
    "INDUSTRIAL_CLUSTER_WASTEWATER_SHARE": (20, 80, 1, _PCT),
    "URBAN_SOLID_WASTE_COLLECTION_SHARE": (90, 99.5, 1, _PCT),
    "URBANISATION_RATE": (20, 60, 1, _PCT),
    "OCOP_PRODUCTS_NEW": (10, 80, 0, [("sản phẩm", "Sản phẩm")]),
    "COOPERATIVES_NEW": (20, 120, 0, [("hợp tác xã", "HTX"), ("HTX", "HTX")]),
    "ONLINE_PUBLIC_SERVICES_SHARE": (60, 95, 0, _PCT),
    "ONLINE_PUBLIC_SERVICES_FULL_SHARE": (50, 90, 0, _PCT),
    "PAR_INDEX_RANK_CHANGE": (1, 5, 0, [("bậc", "Bậc")]),
    "PCI_RANK_CHANGE": (1, 5, 0, [("bậc", "Bậc")]),
    "DTI_RANK_CHANGE": (1, 5, 0, [("bậc", "Bậc")]),
    "PAPI_RANK_CHANGE": (1, 5, 0, [("bậc", "Bậc")]),
    "BIRTH_RATE_REDUCTION": (0.1, 0.5, 1, _PCT),
    "CHILD_UNDERWEIGHT_RATE": (5.0, 14.0, 1, _PCT),
    "CHILD_STUNTING_RATE": (12.0, 28.0, 1, _PCT),
    "CHILD_MALNUTRITION_RATE": (6.0, 16.0, 1, _PCT),
    "HOSPITAL_BEDS_PER_10K": (28, 45, 0, [("giường bệnh/vạn dân", "Giường bệnh/vạn dân"), ("giường bệnh", "Giường bệnh")]),
    "DOCTORS_PER_10K": (8, 16, 1, [("bác sĩ/vạn dân", "Bác sĩ/vạn dân"), ("bác sĩ", "Bác sĩ")]),
    "SOCIAL_HOUSING_UNITS": (200, 3_000, 0, [("căn", "căn")]),
    "SOCIAL_HOUSING_FLOOR_AREA": (10_000, 150_000, 0, [("m²", "m²"), ("m2", "m ²")]),
    "HOUSING_FLOOR_AREA_PER_CAPITA": (22, 32, 1, [("m²", "m²")]),
    "INCOME_PER_CAPITA": (30, 120, 0, [("triệu đồng/người", "Triệu đồng/người"), ("triệu đồng/người/năm", "Triệu đồng")]),
    "NEW_PARTY_MEMBERS": (700, 4_000, 0, [("đảng viên", "Đảng viên")]),
    "PARTY_ORGS_GOOD_SHARE": (85, 98, 0, _PCT),
    "PARTY_ORGS_EXCELLENT_SHARE": (15, 25, 0, _PCT),
    "CRIME_REPORTS_HANDLED_SHARE": (95, 100, 0, _PCT),
    "CRIME_CLEARANCE_RATE": (75, 95, 0, _PCT),
    "PUBLIC_ORDER_CRIME_REDUCTION": (3, 10, 0, _PCT),
    "TRAFFIC_ACCIDENT_REDUCTION": (3, 10, 0, _PCT),
    "TOURIST_ARRIVALS": (500_000, 8_000_000, 0, [("lượt khách", "Lượt")]),
    "TOURISM_REVENUE": (500, 30_000, 0, [("tỷ đồng", "Tỷ đồng")]),
}

# Seed-like wordings (checked against the alias table before use, like every other wording).
_EXTRA_WORDINGS: dict[str, list[str]] = {
    "GRDP_GROWTH": ["Tốc độ tăng trưởng kinh tế (GRDP)", "Tốc độ tăng trưởng GRDP"],
    "GRDP_PER_CAPITA": ["GRDP bình quân đầu người", "GRDP bình quân đầu người (theo giá hiện hành)"],
    "INDUSTRIAL_PRODUCTION_VALUE_GROWTH": ["Giá trị sản xuất công nghiệp - tiểu thủ công nghiệp",
                                           "Tốc độ tăng giá trị sản xuất công nghiệp tiểu thủ công nghiệp"],
    "AGRI_PRODUCTION_VALUE_GROWTH": ["Giá trị sản xuất ngành nông, lâm nghiệp, thủy sản",
                                     "Tốc độ tăng giá trị sản xuất ngành nông, lâm nghiệp, thủy sản"],
    "BUDGET_REVENUE_TOTAL": ["Thu ngân sách nhà nước trên địa bàn tỉnh", "Tổng thu ngân sách nhà nước trên địa bàn"],
    "TRAINED_LABOUR_SHARE": ["Tỷ lệ lao động qua đào tạo"],
    "URBAN_UNEMPLOYMENT_RATE": ["Tỷ lệ thất nghiệp ở thành thị", "Tỷ lệ thất nghiệp khu vực thành thị"],
    "POVERTY_RATE_REDUCTION": ["Giảm tỷ lệ hộ nghèo (theo chuẩn mới)", "Tỷ lệ hộ nghèo giảm"],
    "SOCIAL_INSURANCE_COVERAGE": ["Tỷ lệ người lao động tham gia bảo hiểm xã hội"],
    "HEALTH_INSURANCE_COVERAGE": ["Tỷ lệ dân số tham gia bảo hiểm y tế", "Tỷ lệ người dân tham gia bảo hiểm y tế"],
    "NTM_COMMUNES_NEW": ["Số xã đạt chuẩn nông thôn mới trong năm"],
    "NTM_DISTRICTS": ["Số đơn vị cấp huyện hoàn thành nhiệm vụ xây dựng nông thôn mới"],
    "COMMUNE_HEALTH_CRITERIA_SHARE": ["Tỷ lệ số xã đạt tiêu chí quốc gia về y tế"],
    "CULTURAL_VILLAGES_SHARE": ["Tỷ lệ xóm, làng, tổ dân phố văn hóa"],
    "FOREST_COVER": ["Ổn định tỷ lệ che phủ rừng", "Tỷ lệ che phủ rừng"],
    "RURAL_HYGIENIC_WATER_SHARE": ["Tỷ lệ dân số nông thôn được sử dụng nước sinh hoạt hợp vệ sinh"],
    "NEW_JOBS": ["Tạo việc làm mới cho", "Số lao động được tạo việc làm mới"],
}

# Parent rows ("Cơ cấu kinh tế") whose children are written with short sector wordings.
_STRUCTURE = [
    ("SHARE_INDUSTRY_CONSTRUCTION", ["Công nghiệp, xây dựng", "Công nghiệp - Xây dựng"]),
    ("SHARE_SERVICES", ["Dịch vụ và thuế sản phẩm trừ trợ cấp sản phẩm", "Dịch vụ và thuế, trợ cấp sản phẩm"]),
    ("SHARE_AGRICULTURE", ["Nông, lâm nghiệp, thủy sản", "Nông, lâm nghiệp và thủy sản"]),
]
_GROUPS = [
    ("Chỉ tiêu về văn hóa", ["CULTURAL_FAMILIES_SHARE", "CULTURAL_VILLAGES_SHARE", "CULTURAL_AGENCIES_SHARE"]),
    ("Xây dựng nông thôn mới", ["NTM_COMMUNES_NEW", "NTM_DISTRICTS"]),
    ("Chỉ tiêu y tế", ["COMMUNE_HEALTH_CRITERIA_SHARE", "HEALTH_INSURANCE_COVERAGE"]),
    ("Chỉ tiêu nhà ở tăng thêm cho các đối tượng xã hội", ["SOCIAL_HOUSING_UNITS", "SOCIAL_HOUSING_FLOOR_AREA"]),
]
_SECTIONS = [  # (list heading, table heading, indicator groups in the catalog)
    ("Các chỉ tiêu kinh tế", "Chỉ tiêu kinh tế", {"economy", "economic_structure", "trade", "public_finance",
                                                   "investment", "enterprise", "tourism"}),
    ("Các chỉ tiêu xã hội", "Chỉ tiêu xã hội", {"labour", "social", "health", "education", "culture",
                                                 "rural_development", "population", "housing", "urban"}),
    ("Các chỉ tiêu về môi trường", "Chỉ tiêu môi trường", {"environment"}),
    ("Các chỉ tiêu về quốc phòng, an ninh, xây dựng Đảng", "Chỉ tiêu quốc phòng, an ninh", {"governance", "party", "security"}),
]
_STRUCTURE_CODES = {c for c, _ in _STRUCTURE}
# an alias is used as a document wording only when it reads like a heading ("Tỷ lệ ...", "Số ...")
_HEAD_WORDS = {"tỷ", "số", "tốc", "giá", "tổng", "thu", "chi", "vốn", "năng", "diện", "doanh", "mức", "chỉ",
               "thứ", "quy", "kim", "giảm", "tạo", "trồng", "thành", "kết", "dân", "lao", "thu"}


class Catalog:
    """Indicators with usable wordings, units and value ranges; provinces by era."""

    def __init__(self, seeds_dir: Path | str = DEFAULT_SEEDS_DIR):
        seeds_dir = Path(seeds_dir)
        self.seeds_dir = seeds_dir
        self.provinces = _read_csv(seeds_dir / "provinces.csv")
        unit_keys = {}
        units_path = seeds_dir / "units.csv"
        if units_path.exists():
            for row in _read_csv(units_path):
                for raw in [row["unit_key"], *row["unit_raw_examples"].split("|")]:
                    unit_keys[_unit_norm(raw)] = row["unit_key"]
        self.unit_keys = unit_keys
        ind_path, alias_path = seeds_dir / "indicators.csv", seeds_dir / "indicator_aliases.csv"
        if ind_path.exists() and alias_path.exists():
            self.indicators = self._from_seeds(_read_csv(ind_path), _read_csv(alias_path))
            self.source = "seeds"
        else:  # the catalog is owned by extraction; before it exists, a small local list
            self.indicators = self._local()
            self.source = "local"
        self.by_code = {i.code: i for i in self.indicators}
        self.by_set = {"63": [p for p in self.provinces if p["province_set"] == "63"],
                       "34": [p for p in self.provinces if p["province_set"] == "34"]}

    # -- alias simulation: the highest-priority context-free alias contained in a wording ---------
    def _best_codes(self, wording: str, aliases: list[tuple[str, str, int]]) -> set[str]:
        key = _fold(wording)
        best, codes = -1, set()
        for code, alias_key, prio in aliases:
            if alias_key in key:
                score = prio * 1000 + len(alias_key)
                if score > best:
                    best, codes = score, {code}
                elif score == best:
                    codes.add(code)
        return codes

    def _from_seeds(self, ind_rows: list[dict], alias_rows: list[dict]) -> list[Indicator]:
        aliases = [(r["indicator_code"], _fold(r["alias"]), int(float(r["priority"] or 0)))
                   for r in alias_rows if (r.get("match") or "contains") != "regex" and not (r.get("context") or "").strip()]
        out = []
        for r in ind_rows:
            code = r["indicator_code"]
            candidates = [r["name_vi"], *_EXTRA_WORDINGS.get(code, [])]
            candidates += [a["alias"][0].upper() + a["alias"][1:] for a in alias_rows
                           if a["indicator_code"] == code and len(a["alias"]) >= 14 and not (a.get("context") or "").strip()
                           and int(float(a["priority"] or 0)) >= 60 and a["alias"].split()[0].lower() in _HEAD_WORDS]
            wordings = []
            for w in dict.fromkeys(candidates):
                if re.search(r"\d", w):
                    continue
                codes = self._best_codes(w, aliases)
                if code in codes and len(codes) <= 2:  # ties are resolved by the unit (growth % vs value)
                    wordings.append(w)
            if code in _STRUCTURE_CODES:
                wordings = wordings or [r["name_vi"]]
            if not wordings:
                continue
            hib = {"true": True, "false": False}.get((r.get("higher_is_better") or "").strip().lower())
            prof = _PROFILES.get(code) or _derived_profile(r)
            lo, hi, dec, units = prof
            units = [u for u in units if _unit_norm(u[0]) in self.unit_keys] or units if self.unit_keys else units
            vmin, vmax = float("-inf"), float("inf")
            if r["canonical_unit"] == "%" and units == _PCT:
                vmin, vmax = float(r["valid_min"] or "-inf"), float(r["valid_max"] or "inf")
            out.append(Indicator(code, r["name_en"], r["indicator_group"], wordings, units, lo, hi, dec, hib,
                                 growth=units == _PCT and "GROWTH" in code, vmin=vmin, vmax=vmax))
        return out

    def _local(self) -> list[Indicator]:
        local = [("GRDP_GROWTH", "GRDP growth rate", "economy", True), ("GRDP_PER_CAPITA", "GRDP per capita", "economy", True),
                 ("BUDGET_REVENUE_TOTAL", "State budget revenue", "public_finance", True),
                 ("TRAINED_LABOUR_SHARE", "Share of trained workers", "labour", True),
                 ("URBAN_UNEMPLOYMENT_RATE", "Urban unemployment rate", "labour", False),
                 ("HEALTH_INSURANCE_COVERAGE", "Health insurance coverage", "health", True),
                 ("FOREST_COVER", "Forest cover", "environment", True)]
        out = []
        for code, en, grp, hib in local:
            lo, hi, dec, units = _PROFILES[code]
            out.append(Indicator(code, en, grp, _EXTRA_WORDINGS[code], units, lo, hi, dec, hib, growth="GROWTH" in code))
        return out

    def provinces_at(self, when: date) -> list[dict]:
        return self.by_set["34" if when >= MERGER_DATE else "63"]


def _unit_norm(raw: str) -> str:
    s = unicodedata.normalize("NFC", raw).lower().strip()
    s = re.sub(r"\s+", " ", s).replace("m ²", "m²").replace("m 2", "m2")
    return s


def _derived_profile(row: dict):
    """A plausible range for an indicator the generator has no profile for (new catalog rows)."""
    unit = row["canonical_unit"]
    lo, hi = float(row["valid_min"] or 0), float(row["valid_max"] or 100)
    if unit == "%":
        hib = (row.get("higher_is_better") or "").strip().lower()
        if "GROWTH" in row["indicator_code"] or row["name_vi"].lower().startswith("tốc độ tăng"):
            return (3.0, 15.0, 1, _PCT)
        if "REDUCTION" in row["indicator_code"]:
            return (0.5, 8.0, 1, _PCT)
        if hib == "true":
            return (max(lo, 60.0), min(hi, 98.0), 1, _PCT)
        if hib == "false":
            return (max(lo, 1.0), min(hi, 15.0), 1, _PCT)
        return (max(lo, 0) + 0.2 * (hi - max(lo, 0)), max(lo, 0) + 0.8 * (hi - max(lo, 0)), 1, _PCT)
    if unit == "VND":
        return (1_000, 30_000, 0, [("tỷ đồng", "Tỷ đồng")])
    if unit == "USD":
        return (100, 5_000, 0, [("triệu USD", "Triệu USD")])
    span = hi - lo
    return (lo + 0.01 * span, lo + 0.05 * span, 0, [(unit, unit)])


# ----------------------------------------------------------------------------------------------
# Numbers and values
# ----------------------------------------------------------------------------------------------

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


def gold_number(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


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


# ----------------------------------------------------------------------------------------------
# Filler narrative (no figures)
# ----------------------------------------------------------------------------------------------

_FILLER = [
    "Tập trung chỉ đạo, ưu tiên triển khai các nhiệm vụ, giải pháp nhằm thúc đẩy tăng trưởng kinh tế của {tinh}, nhất là trong lĩnh vực thu hút các nguồn lực đầu tư, sản xuất kinh doanh.",
    "Tăng cường đầu tư phát triển đồng bộ kết cấu hạ tầng nhằm tạo ra những động lực đột phá để tăng trưởng kinh tế, hạ tầng các khu, cụm công nghiệp và dịch vụ du lịch.",
    "Triển khai đồng bộ các nhiệm vụ phát triển kinh tế - xã hội gắn với phát triển bền vững; phối hợp chặt chẽ với các bộ, ban, ngành Trung ương.",
    "Đẩy mạnh cải cách hành chính, cải thiện môi trường đầu tư kinh doanh, nâng cao năng lực cạnh tranh của {tinh}.",
    "Thúc đẩy các ứng dụng số, nền tảng số trên mọi lĩnh vực; nâng cao hiệu lực, hiệu quả quản lý nhà nước.",
    "Tăng cường công tác quốc phòng, quân sự, giữ vững an ninh chính trị và bảo đảm trật tự, an toàn xã hội.",
    "Chú trọng phát triển toàn diện, đồng bộ và nâng cao chất lượng các lĩnh vực văn hóa - xã hội, bảo đảm gắn kết hài hòa giữa phát triển kinh tế với phát triển xã hội.",
    "Thực hiện tốt chính sách an sinh xã hội, cải thiện đời sống vật chất và tinh thần của Nhân dân.",
    "Tháo gỡ khó khăn, vướng mắc về thủ tục đầu tư để đẩy nhanh tiến độ triển khai các dự án thương mại, dịch vụ trên địa bàn.",
    "Phát triển mạnh thị trường tiêu dùng nội địa; tăng cường hoạt động xúc tiến thương mại, ứng dụng chuyển đổi số và các nền tảng thương mại điện tử để giới thiệu sản phẩm của {tinh}.",
    "Thực hiện tốt công tác quản lý thị trường, giá cả, chất lượng hàng hóa và vệ sinh an toàn thực phẩm; kịp thời phát hiện và xử lý nghiêm các hành vi vi phạm.",
    "Phát triển hệ thống kết cấu hạ tầng nông nghiệp, nông thôn; kết nối nông thôn với đô thị theo hướng nông nghiệp sinh thái, nông thôn hiện đại, nông dân văn minh.",
    "Quyết liệt thực hiện các giải pháp phòng ngừa và kiểm soát dịch bệnh gia súc, gia cầm; chủ động ứng phó với biến đổi khí hậu, phòng, chống thiên tai.",
    "Đổi mới hoạt động xúc tiến đầu tư theo hướng trọng tâm, trọng điểm, có hiệu quả; chủ động trao đổi, thu hút các nhà đầu tư chiến lược.",
    "Khuyến khích, tạo điều kiện thuận lợi để phát triển khu vực kinh tế tư nhân thực sự trở thành động lực tăng trưởng quan trọng của nền kinh tế.",
    "Tiếp tục đổi mới, nâng cao chất lượng, hiệu quả hoạt động của các tổ chức kinh tế tập thể; tăng cường liên kết với các thành phần kinh tế khác.",
    "Tăng cường theo dõi, kiểm tra, kiểm soát việc kê khai thuế của các tổ chức, cá nhân theo quy định của pháp luật về thuế.",
    "Siết chặt kỷ luật, kỷ cương tài chính - ngân sách; quản lý chặt chẽ các khoản chi thường xuyên, đảm bảo tiết kiệm, hiệu quả.",
    "Thực hiện chính sách giảm nghèo đa chiều gắn với mục tiêu phát triển bền vững; bảo đảm mức sống tối thiểu, tăng khả năng tiếp cận các dịch vụ xã hội cơ bản của người dân.",
    "Thực hiện tốt công tác nuôi dưỡng, chăm sóc, điều dưỡng người có công với cách mạng; chi trả kịp thời, đúng, đủ trợ cấp ưu đãi theo quy định.",
    "Tạo điều kiện thuận lợi cho doanh nghiệp phát triển hoạt động sản xuất kinh doanh để đảm bảo việc làm ổn định cho người lao động.",
    "Tăng cường nề nếp kỷ cương; xây dựng môi trường giáo dục an toàn, lành mạnh, hạnh phúc, xây dựng văn hóa học đường.",
    "Nâng cao chất lượng giáo dục ở các cấp học hướng tới phát triển phẩm chất, năng lực người học; chú trọng giáo dục đạo đức, lối sống, kỹ năng sống.",
    "Nâng cao chất lượng khám bệnh, chữa bệnh, chăm sóc sức khỏe Nhân dân; củng cố mạng lưới y tế cơ sở, y tế dự phòng.",
    "Bảo tồn và phát huy giá trị di sản văn hóa; đẩy mạnh phong trào toàn dân đoàn kết xây dựng đời sống văn hóa.",
    "Tăng cường quản lý nhà nước về tài nguyên, môi trường; kiểm soát chặt chẽ các nguồn gây ô nhiễm, xử lý nghiêm các vi phạm.",
    "Rà soát, hoàn thiện hệ thống văn bản quy phạm pháp luật của {tinh}, bảo đảm đồng bộ, thống nhất, khả thi.",
    "Đẩy mạnh chuyển đổi số trong các cơ quan nhà nước, phát triển chính quyền số, kinh tế số và xã hội số.",
    "Thực hiện nghiêm công tác tiếp công dân, giải quyết khiếu nại, tố cáo; phòng, chống tham nhũng, tiêu cực, lãng phí.",
    "Trong bối cảnh tình hình thế giới và trong nước còn nhiều khó khăn, các cấp, các ngành đã quyết liệt lãnh đạo, chỉ đạo, triển khai đồng bộ các nhiệm vụ, giải pháp đề ra.",
    "Với sự vào cuộc quyết liệt của cả hệ thống chính trị, sự đồng lòng của người dân và cộng đồng doanh nghiệp, {tinh} đã vượt qua nhiều khó khăn, thách thức.",
    "Cạnh tranh chiến lược ngày càng gay gắt, lạm phát tuy đã giảm nhưng vẫn ở mức cao, thương mại, tiêu dùng và đầu tư toàn cầu sụt giảm.",
    "Nhiều đơn hàng sản xuất bị cắt giảm dẫn tới tình trạng thu hẹp quy mô trong hoạt động công nghiệp chế biến, chế tạo.",
    "Công tác phối hợp giữa các cấp, các ngành có lúc chưa chặt chẽ; một số nhiệm vụ triển khai còn chậm so với yêu cầu.",
    "Công tác giải phóng mặt bằng một số dự án trọng điểm còn vướng mắc, ảnh hưởng đến tiến độ giải ngân vốn đầu tư công.",
    "Chất lượng nguồn nhân lực chưa đáp ứng yêu cầu phát triển; năng suất lao động còn thấp so với bình quân chung của vùng.",
    "Tiếp tục thực hiện hiệu quả các chương trình mục tiêu quốc gia; ưu tiên nguồn lực cho vùng đồng bào dân tộc thiểu số và miền núi.",
    "Nâng cao hiệu quả hoạt động đối ngoại, hợp tác quốc tế; quảng bá hình ảnh, tiềm năng, thế mạnh của {tinh} tới các nhà đầu tư.",
    "Chỉ đạo cơ quan chuyên môn xây dựng các cơ chế, chính sách nhằm thu hút, huy động các nguồn lực để đầu tư xây dựng và phát triển đô thị, nhà ở.",
    "Chủ động rà soát, bảo trì hệ thống truyền tải lưới điện; thực hiện các phương án đảm bảo cung ứng điện cho sản xuất kinh doanh và đời sống.",
]
_TASK_HEADINGS = [
    "Phát triển công nghiệp, xây dựng", "Phát triển thương mại, dịch vụ", "Phát triển nông nghiệp, nông thôn",
    "Thu hút đầu tư, phát triển doanh nghiệp", "Tài chính, ngân sách", "Văn hóa, xã hội",
    "Giáo dục và đào tạo", "Y tế, chăm sóc sức khỏe Nhân dân", "Tài nguyên và môi trường",
    "Cải cách hành chính, chuyển đổi số", "Quốc phòng, an ninh", "Công tác đối ngoại",
]
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def filler_paragraph(rng: random.Random, tinh: str, sentences: tuple[int, int] = (2, 5)) -> str:
    k = rng.randint(*sentences)
    return " ".join(rng.choice(_FILLER) for _ in range(k)).replace("{tinh}", tinh)


# ----------------------------------------------------------------------------------------------
# Document builder: lines + gold rows + scope
# ----------------------------------------------------------------------------------------------

@dataclass
class Doc:
    document_id: str
    province: dict
    layout: str
    lines: list[str] = field(default_factory=list)
    gold: list[dict] = field(default_factory=list)
    scope: list[tuple[int, int]] = field(default_factory=list)

    def add(self, line: str = "") -> int:
        self.lines.append(line)
        return len(self.lines)  # 1-based line number

    def blank(self, rng: random.Random, p: float = 0.5) -> None:
        if rng.random() < p:
            self.add("")

    def record(self, line_no: int, ind: Indicator, year: int, kind: str, val: Value, unit_raw: str,
               verdict: str = "", optional: int = 0) -> None:
        self.gold.append({
            "document_id": self.document_id, "source_line": line_no, "province": self.province["name_vi"],
            "indicator": ind.name_en, "year": year, "value_kind": kind, "comparator": val.comparator,
            "value_low": gold_number(val.low), "value_high": gold_number(val.high), "unit_raw": unit_raw,
            "verdict": verdict, "optional": optional,
        })

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _tinh(p: dict, lower: bool = True) -> str:
    """'tỉnh Thái Nguyên' / 'thành phố Hà Nội'."""
    kind = "thành phố" if p["unit_type"].startswith("Thành phố") else "tỉnh"
    return f"{kind} {p['name_vi']}" if lower else f"{kind.upper()} {p['name_vi'].upper()}"


def _lc(label: str) -> str:
    first = label.split(" ")[0]
    return label if first.isupper() and len(first) > 1 else label[0].lower() + label[1:]


def _sp(unit: str) -> str:
    return unit if unit in ("%", "‰") else " " + unit


def list_phrase(rng: random.Random, label: str, ind: Indicator, val: Value, unit: str, pad: bool) -> str:
    """One bullet's text for one value (without the bullet)."""
    n = lambda x: vn_number(x, val.decimals, pad=pad)  # noqa: E731
    u = _sp(unit)
    c = val.comparator
    says_growth = ind.growth and not label.lower().startswith("tốc độ tăng")  # no "tốc độ tăng ... tăng"
    if c == "=":
        forms = [f"{label}: {n(val.low)}{u}"]
        if ind.higher_is_better is not False:  # "đạt" (reaches) only for what should rise
            forms.append(f"{label} đạt {n(val.low)}{u}")
        if says_growth:
            forms += [f"{label}: Tăng {n(val.low)}{u}", f"{label} tăng {n(val.low)}{u}"]
    elif c == ">=":
        forms = [f"{label}: Từ {n(val.low)}{u} trở lên", f"{label} đạt từ {n(val.low)}{u} trở lên",
                 f"{label}: từ {n(val.low)}{u} trở lên"]
        if unit != "%":
            forms.append(f"{label} đạt ít nhất {n(val.low)}{u}")
    elif c == ">":
        forms = [f"{label} đạt trên {n(val.low)}{u}", f"{label}: Trên {n(val.low)}{u}"]
    elif c == "<":
        forms = [f"{label}: Dưới {n(val.high)}{u}", f"{label} còn dưới {n(val.high)}{u}",
                 f"{label} giảm xuống dưới {n(val.high)}{u}"]
    elif c == "~":
        forms = [f"{label} khoảng {n(val.low)}{u}", f"{label}: Khoảng {n(val.low)}{u}"]
        if ind.higher_is_better is False:  # "down to about": only for shares that should fall
            forms.append(f"{label} giảm còn khoảng {n(val.low)}{u}")
    else:  # between
        sep = rng.choice(["-", " - "])
        forms = [f"{label} đạt {n(val.low)}{sep}{n(val.high)}{u}", f"{label}: {n(val.low)}{sep}{n(val.high)}{u}"]
        if says_growth:
            forms.append(f"{label} tăng {n(val.low)}{sep}{n(val.high)}{u}")
    return rng.choice(forms)


class Builder:
    def __init__(self, catalog: Catalog, seed: int):
        self.cat = catalog
        self.seed = seed

    # -- shared pieces --------------------------------------------------------------------------
    def _pick_indicators(self, rng: random.Random, k: int) -> list[Indicator]:
        pool = [i for i in self.cat.indicators if i.code not in _STRUCTURE_CODES]
        chosen = rng.sample(pool, min(k, len(pool)))
        return chosen

    def _sectioned(self, rng: random.Random, k: int):
        """[(list heading, table heading, [items])] where an item is ('one', ind) or ('group', title, [ind])."""
        chosen = {i.code: i for i in self._pick_indicators(rng, k)}
        items_by_section: dict[int, list] = {i: [] for i in range(len(_SECTIONS))}
        def section_of(ind):
            for idx, (_, _, groups) in enumerate(_SECTIONS):
                if ind.group in groups:
                    return idx
            return 1
        if all(c in self.cat.by_code for c in _STRUCTURE_CODES) and rng.random() < 0.7:
            items_by_section[0].append(("structure", "Cơ cấu kinh tế", [self.cat.by_code[c] for c, _ in _STRUCTURE]))
        for title, codes in _GROUPS:
            members = [chosen.pop(c) for c in codes if c in chosen]
            if len(members) >= 2 and rng.random() < 0.6:
                items_by_section[section_of(members[0])].append(("group", title, members))
            else:
                for m in members:
                    chosen[m.code] = m
        for ind in chosen.values():
            items_by_section[section_of(ind)].append(("one", ind))
        for idx in items_by_section:
            rng.shuffle(items_by_section[idx])
        return [(_SECTIONS[i][0], _SECTIONS[i][1], items_by_section[i]) for i in items_by_section if items_by_section[i]]

    def _structure_values(self, rng: random.Random) -> list[Value]:
        agri = round(rng.uniform(4, 25), 1)
        ind = round(rng.uniform(25, 65), 1)
        serv = round(100 - agri - ind, 1)
        return [Value("=", v, v, 1) for v in (ind, serv, agri)]

    def _preamble_resolution(self, doc: Doc, rng: random.Random, year: int, when: date, num: int) -> None:
        p, t = doc.province, _tinh(doc.province, lower=False)
        both = rng.random() < 0.5
        doc.add(rng.choice(["NGHỊ QUYẾT", " NGHỊ QUYẾT", "## NGHỊ QUYẾT"]))
        if both:
            doc.add(f"VỀ KẾT QUẢ THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {year - 1}; MỤC TIÊU, "
                    f"NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI {t} NĂM {year}")
        else:
            doc.add(f"Về mục tiêu, nhiệm vụ và giải pháp chủ yếu phát triển kinh tế - xã hội năm {year}")
        doc.blank(rng)
        doc.add(f"HỘI ĐỒNG NHÂN DÂN {t}")
        doc.add(f"KHÓA {rng.choice(['XIV', 'XV', 'XVI', 'XVII'])}, KỲ HỌP THỨ {rng.choice(['BẢY', 'TÁM', 'MƯỜI', 'MƯỜI BA', 'MƯỜI SÁU'])}")
        doc.blank(rng)
        doc.add("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
        doc.blank(rng)
        doc.add("Căn cứ Luật Sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;")
        doc.blank(rng)
        doc.add(f"Xét Báo cáo số {num}/BC-UBND ngày {when.day} tháng {when.month} năm {when.year} của Ủy ban nhân dân "
                f"{_tinh(p)} về tình hình phát triển kinh tế - xã hội năm {year - 1} và mục tiêu, nhiệm vụ, giải pháp chủ yếu "
                f"năm {year}; Báo cáo thẩm tra của các Ban Hội đồng nhân dân tỉnh; ý kiến thảo luận của đại biểu Hội đồng nhân dân tại kỳ họp.")
        doc.blank(rng)
        doc.add("QUYẾT NGHỊ:")
        doc.add(f"Điều 1. Thông qua kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {year - 1} nêu trong báo cáo của Ủy ban nhân dân tỉnh trình tại kỳ họp.")
        doc.add(f"Điều 2. Thông qua mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm {year} của {_tinh(p)} với các mục tiêu, chỉ tiêu, nhiệm vụ và các giải pháp chủ yếu sau:")
        doc.add("I. Mục tiêu và các chỉ tiêu chủ yếu")
        doc.add("1. Mục tiêu")
        for _ in range(rng.randint(1, 3)):
            doc.add(filler_paragraph(rng, _tinh(p)))
            doc.blank(rng, 0.4)
        return both

    def _target_list(self, doc: Doc, rng: random.Random, year: int, number: str, year_in_heading: bool,
                     k: int) -> None:
        """'2. Các chỉ tiêu chủ yếu [năm Y]' + sections of '-'/'+' bullets; records gold + scope."""
        spaced = rng.random() < 0.4
        end = rng.choice([".", ";", ""])
        first = doc.add(f"{number}. Các chỉ tiêu chủ yếu" + (f" năm {year}" if year_in_heading else ""))
        child_prefix = rng.choice(["+ ", " - + "]) if rng.random() < 0.2 else "+ "
        for s_idx, (heading, _, items) in enumerate(self._sectioned(rng, k)):
            if spaced:
                doc.add("")
            doc.add(rng.choice([f"{number}.{s_idx + 1}. {heading}", f"{'abcd'[s_idx]}) {heading}:",
                                f"{number}.{s_idx + 1}. {heading}:"]))
            if spaced:
                doc.add("")
            for item in items:
                if item[0] == "structure":
                    doc.add(f"- {item[1]}:")
                    vals = self._structure_values(rng)
                    for (code, names), ind, val in zip(_STRUCTURE, item[2], vals):
                        ln = doc.add(f"{child_prefix}{rng.choice(names)}: {vn_number(val.low, 1)}%{end}")
                        doc.record(ln, ind, year, "target", val, "%")
                elif item[0] == "group":
                    doc.add(f"- {item[1]}:")
                    for ind in item[2]:
                        self._bullet(doc, rng, ind, year, child_prefix, end)
                        if spaced:
                            doc.add("")
                else:
                    self._bullet(doc, rng, item[1], year, "- ", end)
                if spaced:
                    doc.add("")
        last = len(doc.lines)
        while last > first and not doc.lines[last - 1].strip():
            last -= 1
        doc.scope.append((first, last))

    def _bullet(self, doc: Doc, rng: random.Random, ind: Indicator, year: int, prefix: str, end: str) -> None:
        label = rng.choice(ind.wordings)
        unit = rng.choice(ind.units)[0]
        val = draw_value(rng, ind, pick_comparator(rng, ind))
        pad = unit in ("xã", "đơn vị", "huyện") and rng.random() < 0.5
        text = list_phrase(rng, label, ind, val, unit, pad)
        parts = [(ind, val, unit)]
        # a second value on the same line: '..., trong đó ...' for a related indicator
        if ind.code == "TRAINED_LABOUR_SHARE" and "TRAINED_LABOUR_CERTIFIED_SHARE" in self.cat.by_code and rng.random() < 0.7:
            sub = self.cat.by_code["TRAINED_LABOUR_CERTIFIED_SHARE"]
            sval = draw_value(rng, sub, "=")
            text += f", trong đó có bằng cấp, chứng chỉ: {vn_number(sval.low, sval.decimals)}%"
            parts.append((sub, sval, "%"))
        elif ind.code == "BUDGET_REVENUE_TOTAL" and "BUDGET_REVENUE_DOMESTIC" in self.cat.by_code and rng.random() < 0.5:
            sub = self.cat.by_code["BUDGET_REVENUE_DOMESTIC"]
            sval = Value("=", float(round(val.low * rng.uniform(0.4, 0.7))) if val.low else 1000.0, None, 0)
            sval.high = sval.low
            text += f", trong đó, thu nội địa đạt {vn_number(sval.low, 0)} tỷ đồng"
            parts.append((sub, sval, "tỷ đồng"))
        elif ind.code == "EXPORT_GROWTH" and "LOCAL_EXPORT_GROWTH" in self.cat.by_code and rng.random() < 0.5:
            sub = self.cat.by_code["LOCAL_EXPORT_GROWTH"]
            sval = draw_value(rng, sub, "=")
            text += f", trong đó giá trị xuất khẩu địa phương tăng {vn_number(sval.low, sval.decimals)}% so với năm {year - 1}"
            parts.append((sub, sval, "%"))
        ln = doc.add(f"{prefix}{text}{end}")
        for pind, pval, punit in parts:
            doc.record(ln, pind, year, "target", pval, punit)

    def _tasks(self, doc: Doc, rng: random.Random, roman: str, target_bytes: int, tinh: str) -> None:
        doc.add(f"{roman}. Nhiệm vụ và các giải pháp phát triển ngành, lĩnh vực")
        headings = list(_TASK_HEADINGS)
        rng.shuffle(headings)
        size = sum(len(x.encode()) + 1 for x in doc.lines)
        h = 0
        while size < target_bytes:
            heading = f"{h % len(headings) + 1}. {headings[h % len(headings)]}"
            doc.add(heading)
            size += len(heading.encode()) + 1
            for _ in range(rng.randint(2, 5)):
                line = "- " + filler_paragraph(rng, tinh, (1, 3))
                doc.add(line)
                size += len(line.encode()) + 1
            h += 1

    # -- layouts --------------------------------------------------------------------------------
    def resolution(self, doc: Doc, rng: random.Random, year: int, when: date, target_bytes: int) -> None:
        both = self._preamble_resolution(doc, rng, year, when, rng.randint(100, 400))
        self._target_list(doc, rng, year, "2", year_in_heading=(not both) or rng.random() < 0.5, k=rng.randint(14, 30))
        doc.add("II. Nhiệm vụ và giải pháp chủ yếu")
        self._tasks(doc, rng, "III", target_bytes - 600, _tinh(doc.province))
        doc.add("Điều 3. Tổ chức thực hiện")
        doc.add(f"Nghị quyết này đã được Hội đồng nhân dân {_tinh(doc.province)} thông qua tại kỳ họp và có hiệu lực kể từ ngày thông qua./.")

    def report(self, doc: Doc, rng: random.Random, year: int, when: date, target_bytes: int) -> None:
        p = doc.province
        prev = year - 1
        doc.add("")
        doc.add(f"Số: {rng.randint(100, 400)}/BC-UBND")
        doc.add("")
        doc.add(f"{p['name_vi']}, ngày {when.day} tháng {when.month} năm {when.year}")
        doc.add("")
        doc.add("BÁO CÁO")
        doc.add("")
        doc.add(f"Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {prev}; mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm {year}")
        doc.add("")
        doc.add("Phần thứ nhất")
        doc.add("")
        doc.add(f"KẾT QUẢ THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {prev}")
        doc.add("")
        doc.add(f"A. Bối cảnh thực hiện kế hoạch phát triển kinh tế - xã hội năm {prev}")
        for _ in range(rng.randint(2, 4)):
            doc.add("")
            doc.add(filler_paragraph(rng, _tinh(p), (3, 6)))
        doc.add("")
        doc.add(f"B. Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {prev}")
        doc.add("")
        doc.add("I. Các chỉ tiêu chủ yếu")
        doc.add("")
        estimates = self._table(doc, rng, prev)
        doc.add("")
        doc.add("II. Kết quả thực hiện nhiệm vụ trên các lĩnh vực")
        # narrative with figures (outside the scoped ranges, like the seed report's prose)
        for ind, val, unit in estimates[: rng.randint(3, 8)]:
            if val.comparator == "=" and unit == "%":
                doc.add("")
                doc.add(f"{rng.choice(ind.wordings)} năm {prev} ước đạt {vn_number(val.low, val.decimals)}%. " + filler_paragraph(rng, _tinh(p), (1, 3)))
        for _ in range(rng.randint(2, 6)):
            doc.add("")
            doc.add(filler_paragraph(rng, _tinh(p), (3, 7)))
        doc.add("")
        doc.add("Phần thứ hai")
        doc.add("")
        doc.add(f"MỤC TIÊU, NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {year}")
        doc.add("")
        doc.add("1. Mục tiêu tổng quát")
        doc.add("")
        doc.add(filler_paragraph(rng, _tinh(p), (3, 6)))
        doc.add("")
        self._target_list(doc, rng, year, "2", year_in_heading=True, k=rng.randint(12, 26))
        doc.add("")
        self._tasks(doc, rng, "III", target_bytes, _tinh(p))

    def _table(self, doc: Doc, rng: random.Random, year: int) -> list:
        first_col = rng.choices(["TT", "STT"], weights=[3, 1])[0]
        header = f"{first_col}\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm {year}\tƯớc thực hiện năm {year}\tĐánh giá"
        first = doc.add(header)
        rows_on_page, page_len = 0, rng.randint(8, 16)
        estimates = []
        def page_break():
            nonlocal rows_on_page, page_len
            if rows_on_page >= page_len:
                doc.add("")
                doc.add(header)
                rows_on_page, page_len = 0, rng.randint(8, 16)
        tt = 0
        for _, table_heading, items in self._sectioned(rng, rng.randint(14, 30)):
            for item in items:
                page_break()
                tt += 1
                if item[0] == "structure":
                    doc.add(f"{tt}\t{item[1]}\t\t\t\t")
                    rows_on_page += 1
                    plan = self._structure_values(rng)
                    # the estimate is a structure too: perturb two shares, the third completes 100 %
                    # (independent perturbations drift up to ±3.6 points and are rightly quarantined)
                    e_ind = round(plan[0].low + rng.uniform(-1.2, 1.2), 1)
                    e_agri = round(plan[2].low + rng.uniform(-1.2, 1.2), 1)
                    est = [Value("=", v, v, 1) for v in (e_ind, round(100 - e_ind - e_agri, 1), e_agri)]
                    for (code, names), ind, pv, ev in zip(_STRUCTURE, item[2], plan, est):
                        page_break()
                        ln = doc.add(f"-\t{rng.choice(names)}\t%\t{vn_number(pv.low, 1)}\t{vn_number(ev.low, 1)}\t")
                        rows_on_page += 1
                        doc.record(ln, ind, year, "target", pv, "%")
                        doc.record(ln, ind, year, "estimate", ev, "%")
                elif item[0] == "group":
                    doc.add(f"{tt}\t{item[1]}\t\t\t\t")
                    rows_on_page += 1
                    for ind in item[2]:
                        page_break()
                        estimates.append(self._table_row(doc, rng, "-", ind, year))
                        rows_on_page += 1
                else:
                    estimates.append(self._table_row(doc, rng, str(tt), item[1], year))
                    rows_on_page += 1
        doc.scope.append((first, len(doc.lines)))
        return estimates

    def _table_row(self, doc: Doc, rng: random.Random, tt: str, ind: Indicator, year: int):
        label = rng.choice(ind.wordings)
        unit_text, unit_col = rng.choice(ind.units)
        comp = pick_comparator(rng, ind, table=True)
        plan = draw_value(rng, ind, comp)
        d = plan.decimals
        step = 10 ** -d
        base = plan.low if plan.low is not None else plan.high
        hib = ind.higher_is_better
        r = rng.random()
        delta = (ind.hi - ind.lo) * rng.uniform(0.01, 0.15)
        if base > 0:
            delta = min(delta, base * 0.3)
        if r < 0.4:
            est_v = base
        elif r < 0.75:
            est_v = base + (delta if hib is not False else -delta)
        else:
            est_v = base - (delta if hib is not False else -delta)
        est_v = ind.clamp(round(round(est_v / step) * step, d) if d else float(round(est_v)))
        if est_v < 0 and ind.lo >= 0:
            est_v = 0.0
        # estimate comparator: usually '=', sometimes echoes the plan's ('<3' / '>46')
        est = Value("=", est_v, est_v, d)
        if comp == "<" and est_v <= (plan.high or 0) and rng.random() < 0.5:
            est = Value("<", None, plan.high, d)
            est_v = plan.high
        elif comp in (">=", ">") and est_v >= plan.low and rng.random() < 0.2:
            est = Value(">", plan.low, None, d)
        pad = unit_col in ("Xã", "Đơn vị", "Huyện") and rng.random() < 0.5
        def cell(v: Value, pct_suffix=False):
            n = lambda x: vn_number(x, d, pad=pad)  # noqa: E731
            if v.comparator == "=":
                return n(v.low) + ("%" if pct_suffix else "")
            if v.comparator == ">=":
                return rng.choice(["≥ ", "≥"]) + n(v.low)
            if v.comparator == ">":
                return ">" + n(v.low)
            if v.comparator == "<":
                return "<" + n(v.high)
            return n(v.low) + rng.choice(["-", " - "]) + n(v.high)
        # verdict
        verdict = ""
        if hib is not None:
            if plan.comparator == "between":
                ok = plan.low <= est_v <= plan.high if hib is None else (est_v >= plan.low if hib else est_v <= plan.high)
                better = est_v > plan.high if hib else est_v < plan.low
            elif plan.comparator in (">=", ">", "="):
                ok = est_v >= plan.low if hib else est_v <= plan.low
                better = est_v > plan.low if hib else est_v < plan.low
            else:  # '<'
                ok, better = est_v <= plan.high, False
            verdict = "Vượt KH" if ok and better else ("Đạt KH" if ok else "Không đạt KH")
            if est.comparator != "=":
                verdict = "Đạt KH"
        ln = doc.add(f"{tt}\t{label}\t{unit_col}\t{cell(plan)}\t{cell(est, unit_col == '%' and rng.random() < 0.08)}\t{verdict}")
        doc.record(ln, ind, year, "target", plan, unit_col)
        doc.record(ln, ind, year, "estimate", est, unit_col, verdict=verdict)
        return ind, est, unit_col

    def article(self, doc: Doc, rng: random.Random, year: int, when: date, target_bytes: int) -> None:
        p = doc.province
        tinh = _tinh(p)
        k = rng.randint(10, 20)
        doc.add(f"date {when.year}-{when.month:02d} {rng.choice(['Đề ra', 'Thông qua', 'Xác định'])} {k} mục tiêu chủ yếu năm {year}")
        doc.add("")
        doc.add(f"Trên cơ sở kết quả thực hiện nhiệm vụ năm {year - 1}, Ban Chấp hành Đảng bộ {tinh} đã quyết nghị đề ra nhiệm vụ năm {year} với {k} mục tiêu chủ yếu.")
        inds = self._pick_indicators(rng, rng.randint(8, 16))
        first = None
        i = 0
        while i < len(inds):
            doc.add("")
            chunk, i = inds[i:i + rng.randint(2, 4)], i + 4
            sentences, records = [], []
            for ind in chunk:
                s, recs = self._prose(rng, ind, year)
                sentences.append(s)
                records.extend(recs)
            if rng.random() < 0.5:
                sentences.insert(rng.randint(0, len(sentences)), rng.choice(_FILLER).replace("{tinh}", tinh))
            ln = doc.add(" ".join(sentences))
            first = first or ln
            for ind, y, kind, val, unit in records:
                doc.record(ln, ind, y, kind, val, unit)
            if rng.random() < 0.4:
                doc.add("")
                doc.add(filler_paragraph(rng, tinh, (2, 4)))
        doc.scope.append((first, len(doc.lines)))
        while sum(len(x.encode()) + 1 for x in doc.lines) < target_bytes:
            doc.add("")
            doc.add(filler_paragraph(rng, tinh, (3, 8)))

    def dispatch(self, doc: Doc, rng: random.Random, year: int, when: date, target_bytes: int) -> None:
        """A UBND dispatch forwarding a mid-year HĐND resolution whose numbered items state a few targets."""
        p, tinh = doc.province, _tinh(doc.province)
        head = _tinh(p, lower=False)
        doc.add("")
        doc.add("**ỦY BAN NHÂN DÂN  ")
        doc.add(f"{head}**")
        doc.add("")
        doc.add(f"Số: **{rng.randint(1000, 5000)}** /UBND-TH")
        doc.add("")
        doc.add(f"{p['name_vi']}, ngày **{when.day}** tháng {when.month} năm {when.year}")
        doc.add("")
        doc.add(f"V/v triển khai thực hiện Nghị quyết của HĐND tỉnh về nhiệm vụ, giải pháp trọng tâm những tháng cuối năm {year}")
        doc.add("")
        doc.add("Kính gửi:")
        doc.add("")
        doc.add("- Các Sở, ban, ngành của tỉnh;")
        doc.add("- UBND các huyện, thành phố.")
        doc.add("")
        doc.add(f"Thực hiện Nghị quyết của HĐND tỉnh về kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm "
                f"và nhiệm vụ, giải pháp trọng tâm những tháng cuối năm {year} (có gửi kèm theo), Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau:")
        doc.add("")
        doc.add("**1.** Các Sở, ban, ngành, UBND các huyện, thành phố căn cứ chức năng, nhiệm vụ triển khai thực hiện đồng bộ, hiệu quả các nhiệm vụ, giải pháp trọng tâm.")
        doc.add("")
        doc.add("## NGHỊ QUYẾT")
        doc.add("")
        doc.add(f"Về kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 06 tháng đầu năm và nhiệm vụ, giải pháp trọng tâm những tháng cuối năm {year}")
        doc.add("")
        doc.add(f"**Điều 1.** Thông qua kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 06 tháng đầu năm. Để hoàn thành các chỉ tiêu, nhiệm vụ năm {year} cần tập trung vào một số nhiệm vụ, giải pháp trọng tâm sau:")
        inds = self._pick_indicators(rng, rng.randint(2, 5))
        items = ["filler"] * rng.randint(6, 10)
        for ind in inds:
            items.insert(rng.randint(1, len(items)), ind)
        for k, item in enumerate(items, 1):
            doc.add("")
            if item == "filler":
                doc.add(f"{k}. " + filler_paragraph(rng, tinh, (2, 4)))
                continue
            label = _lc(rng.choice(item.wordings))
            unit = rng.choice(item.units)[0]
            comp = rng.choice(["=", "=", ">="]) if item.higher_is_better is not False else "<"
            val = draw_value(rng, item, comp)
            n = lambda x: vn_number(x, val.decimals, pad=unit in ("xã", "huyện", "đơn vị"))  # noqa: E731
            if comp == "<":
                phrase = f"{label} giảm xuống dưới {n(val.high)}{_sp(unit)}"
            elif comp == ">=":
                phrase = f"{label} đạt ít nhất {n(val.low)}{_sp(unit)}"
            else:
                phrase = f"{label} đạt {n(val.low)}{_sp(unit)}"
            ln = doc.add(f"{k}. {filler_paragraph(rng, tinh, (1, 2))} Phấn đấu {rng.choice(['', 'trong '])}năm {year}, {phrase}.")
            doc.record(ln, item, year, "target", val, unit)
            doc.scope.append((ln, ln))
        doc.add("")
        doc.add("**Điều 2.** Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết./.")
        while sum(len(x.encode()) + 1 for x in doc.lines) < target_bytes:
            doc.add("")
            doc.add(filler_paragraph(rng, tinh, (3, 8)))

    def _prose(self, rng: random.Random, ind: Indicator, year: int):
        label = _lc(rng.choice(ind.wordings))
        unit = rng.choice(ind.units)[0]
        u = _sp(unit)
        d = ind.decimals
        n = lambda x: vn_number(x, d)  # noqa: E731
        r = rng.random()
        if unit != "%" and r < 0.35:
            prev = draw_value(rng, ind, "=")
            cur_v = round(prev.low * rng.uniform(1.03, 1.2), d) if d else float(round(prev.low * rng.uniform(1.03, 1.2)))
            cur_v = max(cur_v, prev.low + 10 ** -d)
            cur = Value("=", cur_v, cur_v, d)
            label = label[:-5] if label.endswith(" tăng") else label
            s = f"{label[0].upper() + label[1:]} tăng từ mức {n(prev.low)}{u} năm {year - 1} lên {rng.choice(['', 'mức '])}{n(cur.low)}{u} năm {year}."
            return s, [(ind, year - 1, "actual|estimate|target", prev, unit), (ind, year, "target", cur, unit)]
        comp = pick_comparator(rng, ind)
        val = draw_value(rng, ind, comp)
        if comp == "=":
            s = rng.choice([f"Phấn đấu {label} đạt {n(val.low)}{u}.", f"Năm {year}, {label} đạt {n(val.low)}{u}.",
                            f"Nghị quyết đề ra mục tiêu {label} đạt {n(val.low)}{u}."])
        elif comp == ">=":
            s = rng.choice([f"{label[0].upper() + label[1:]} đạt từ {n(val.low)}{u} trở lên.",
                            f"Tỉnh phấn đấu {label} đạt từ {n(val.low)}{u} trở lên."])
        elif comp == ">":
            s = rng.choice([f"Năm {year} tỉnh đề ra mục tiêu {label} đạt trên {n(val.low)}{u}.",
                            f"Phấn đấu {label} đạt trên {n(val.low)}{u}."])
        elif comp == "<":
            s = f"Phấn đấu {label} còn dưới {n(val.high)}{u}."
        elif comp == "~":
            s = rng.choice([f"Phấn đấu {label} đạt khoảng {n(val.low)}{u}.", f"Mục tiêu {label} khoảng {n(val.low)}{u}."])
        else:
            s = f"Nghị quyết đề ra mục tiêu {label} đạt từ {n(val.low)}-{n(val.high)}{u}."
        recs = [(ind, year, "target", val, unit)]
        if unit == "%" and rng.random() < 0.3:
            past = draw_value(rng, ind, "=")
            s = s[:-1] + f" (năm {year - 1} đạt {n(past.low)}{u})."
            recs.append((ind, year - 1, "actual|estimate", past, unit))
        return s, recs

    # -- one document ---------------------------------------------------------------------------
    def build(self, index: int) -> Doc:
        rng = random.Random(f"chitieu-synthetic:{self.seed}:{index}")
        digest = hashlib.sha256(f"{self.seed}:{index}".encode()).hexdigest()[:16]
        layout = rng.choices(["resolution", "report", "article", "dispatch"], weights=[0.35, 0.32, 0.23, 0.10])[0]
        year = rng.randint(2016, 2026)
        if layout == "article":
            when = date(year, 1, rng.randint(2, 28))
        elif layout == "dispatch":
            when = date(year, 7, rng.randint(10, 31))
        else:
            when = date(year - 1, rng.choice([11, 12]), rng.randint(1, 28))
        province = rng.choice(self.cat.provinces_at(when))
        doc = Doc(f"syn_{index:06d}_{digest}", province, layout)
        if layout == "resolution":
            self.resolution(doc, rng, year, when, int(rng.lognormvariate(10.0, 0.5)))
        elif layout == "report":
            self.report(doc, rng, year, when, int(rng.lognormvariate(10.6, 0.5)))
        elif layout == "article":
            self.article(doc, rng, year, when, int(rng.lognormvariate(9.2, 0.4)))
        else:
            self.dispatch(doc, rng, year, when, int(rng.lognormvariate(9.4, 0.4)))
        return doc


# ----------------------------------------------------------------------------------------------
# Corpus
# ----------------------------------------------------------------------------------------------

def generate(n: int, out: Path | str, seed: int = 0, seeds_dir: Path | str = DEFAULT_SEEDS_DIR,
             start: int = 0) -> dict:
    """Write documents start..start+n-1 into `out` (+ gold.csv, scope.csv, manifest.json). Returns the manifest."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    catalog = Catalog(seeds_dir)
    builder = Builder(catalog, seed)
    total_bytes, layouts, gold_rows = 0, {}, 0
    with open(out / "gold.csv", "w", newline="", encoding="utf-8") as gf, \
            open(out / "scope.csv", "w", newline="", encoding="utf-8") as sf:
        gw = csv.DictWriter(gf, fieldnames=GOLD_COLUMNS)
        sw = csv.writer(sf)
        gw.writeheader()
        sw.writerow(SCOPE_COLUMNS)
        for i in range(start, start + n):
            doc = builder.build(i)
            data = doc.text().encode("utf-8")
            (out / f"{doc.document_id}.txt").write_bytes(data)
            total_bytes += len(data)
            layouts[doc.layout] = layouts.get(doc.layout, 0) + 1
            gw.writerows(doc.gold)
            gold_rows += len(doc.gold)
            for a, b in doc.scope:
                sw.writerow([doc.document_id, a, b])
    manifest = {"documents": n, "seed": seed, "start": start, "bytes": total_bytes, "gold_rows": gold_rows,
                "layouts": layouts, "catalog": catalog.source, "indicators": len(catalog.indicators),
                "seconds": round(time.perf_counter() - t0, 3)}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="chitieu generate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100, help="number of documents")
    ap.add_argument("--out", required=True, help="output directory (documents + gold.csv + scope.csv)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (same seed -> same corpus)")
    ap.add_argument("--seeds-dir", default=str(DEFAULT_SEEDS_DIR), help="dbt seeds (catalog, units, provinces)")
    args = ap.parse_args(argv)
    m = generate(args.n, args.out, args.seed, args.seeds_dir)
    print(f"wrote {m['documents']} documents ({m['bytes'] / 1e6:.1f} MB, {m['gold_rows']} gold values, "
          f"layouts {m['layouts']}, catalog: {m['catalog']} with {m['indicators']} indicators) to {args.out} "
          f"in {m['seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
