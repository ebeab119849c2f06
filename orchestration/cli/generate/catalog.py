"""Reference data for the generator: the indicator catalog, units and provinces, read from dbt's seeds.

Provinces are those valid at the document date (the 63-province set before 2025-07-01, the
34-province set after). Indicator wordings come from ``indicators.csv``/``indicator_aliases.csv``;
a wording is used only when the alias table maps it to its own indicator. Units come from
``units.csv``. Realistic value ranges are the generator's own (``_PROFILES``); indicators without a
profile get a range derived from the catalog's valid range.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_SEEDS_DIR = REPO_ROOT / "dbt_project" / "seeds"
MERGER_DATE = date(2025, 7, 1)


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
STRUCTURE = [
    ("SHARE_INDUSTRY_CONSTRUCTION", ["Công nghiệp, xây dựng", "Công nghiệp - Xây dựng"]),
    ("SHARE_SERVICES", ["Dịch vụ và thuế sản phẩm trừ trợ cấp sản phẩm", "Dịch vụ và thuế, trợ cấp sản phẩm"]),
    ("SHARE_AGRICULTURE", ["Nông, lâm nghiệp, thủy sản", "Nông, lâm nghiệp và thủy sản"]),
]
STRUCTURE_CODES = {c for c, _ in STRUCTURE}
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
            if code in STRUCTURE_CODES:
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

