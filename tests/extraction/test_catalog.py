"""Catalog: wording → code, kept distinct where the meanings differ."""
import csv
from pathlib import Path

import pytest

from orchestration.extraction.resolve import choose
from orchestration.extraction.text import tokens

SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"


def code_for(ref, label, unit_raw, context=""):
    unit = ref.units.lookup(unit_raw)
    ctx = " " + " ".join(tokens(context + " " + label)) + " "
    return choose(ref, ref.catalog.find(tokens(label)), ctx, unit).code


@pytest.mark.parametrize("label,unit,code", [
    ("GRDP bình quân đầu người", "triệu đồng", "GRDP_PER_CAPITA"),
    ("Thu nhập bình quân đầu người", "triệu đồng/người", "INCOME_PER_CAPITA"),
    ("Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "BUDGET_REVENUE_TOTAL"),
    ("Thu nội địa", "tỷ đồng", "BUDGET_REVENUE_DOMESTIC"),
    ("Giá trị xuất khẩu", "%", "EXPORT_GROWTH"),
    ("Giá trị xuất khẩu", "triệu USD", "EXPORT_VALUE"),
    ("Tỷ lệ trường đạt chuẩn quốc gia", "%", "NATIONAL_STANDARD_SCHOOLS_SHARE"),
    ("Số trường được công nhận đạt chuẩn quốc gia", "trường", "NATIONAL_STANDARD_SCHOOLS_NEW"),
    ("Số xã đạt chuẩn nông thôn mới", "xã", "NTM_COMMUNES_NEW"),
    ("Số xã đạt chuẩn nông thôn mới nâng cao", "xã", "NTM_ADVANCED_COMMUNES_NEW"),
    ("Tỷ lệ xã đạt chuẩn nông thôn mới", "%", "NTM_COMMUNES_SHARE"),
    ("Số giường bệnh/vạn dân", "giường bệnh", "HOSPITAL_BEDS_PER_10K"),
    ("Số bác sĩ/vạn dân", "bác sĩ", "DOCTORS_PER_10K"),
    ("Giảm tỷ lệ hộ nghèo", "%", "POVERTY_RATE_REDUCTION"),
    ("Tỷ lệ giảm nghèo tại các huyện nghèo", "%", "POVERTY_RATE_REDUCTION_POOR_DISTRICTS"),
    ("Tỷ lệ thất nghiệp ở thành thị", "%", "URBAN_UNEMPLOYMENT_RATE"),
    ("Tổng vốn đầu tư phát triển toàn xã hội", "%", "TOTAL_SOCIAL_INVESTMENT_GROWTH"),
    ("Tổng vốn đầu tư phát triển toàn xã hội", "nghìn tỷ đồng", "TOTAL_SOCIAL_INVESTMENT"),
    ("Tăng trưởng tín dụng", "%", "CREDIT_GROWTH"),
    ("Tỷ lệ khu công nghiệp có hệ thống xử lý nước thải tập trung", "%", "INDUSTRIAL_ZONE_WASTEWATER_SHARE"),
    ("Tỷ lệ cụm công nghiệp có hệ thống xử lý nước thải tập trung", "%", "INDUSTRIAL_CLUSTER_WASTEWATER_SHARE"),
    ("Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) tăng", "bậc", "PCI_RANK_CHANGE"),
    ("Chỉ số chuyển đổi số cấp tỉnh", "bậc", "DTI_RANK_CHANGE"),
    ("Tổng diện tích gieo trồng cây lâu năm", "ha", "PERENNIAL_CROP_AREA"),
    ("Chỉ số toàn ngành công nghiệp", "%", "INDUSTRIAL_PRODUCTION_INDEX_GROWTH"),
    # a growth rate's longer wording does not hide its amount's: the unit decides within the family
    ("Tổng sản phẩm GRDP giá so sánh năm 2010 ước đạt", "tỷ đồng", "GRDP_CONSTANT_PRICES"),
    ("Tổng sản phẩm GRDP giá so sánh năm 2010 ước đạt", "%", "GRDP_GROWTH"),
])
def test_distinct_indicators(ref, label, unit, code):
    assert code_for(ref, label, unit) == code


def test_sector_share_needs_structure_context(ref):
    assert code_for(ref, "Công nghiệp - Xây dựng", "%", "Cơ cấu kinh tế") == "SHARE_INDUSTRY_CONSTRUCTION"
    assert code_for(ref, "Công nghiệp - Xây dựng", "%", "") is None


def test_per_capita_units_decide_or_reject(ref):
    # USD is kept apart (no exchange-rate guess), VND goes to the VND indicator, % to its growth, an area
    # to none
    assert code_for(ref, "GRDP bình quân đầu người", "USD") == "GRDP_PER_CAPITA_USD"
    assert code_for(ref, "GRDP bình quân đầu người", "triệu đồng") == "GRDP_PER_CAPITA"
    assert code_for(ref, "GRDP bình quân đầu người", "%") == "GRDP_PER_CAPITA_GROWTH"
    assert code_for(ref, "GRDP bình quân đầu người", "ha") is None
    assert code_for(ref, "Thu nhập bình quân đầu người", "USD") is None
    assert code_for(ref, "Thu nhập bình quân đầu người", "%") is None


def _rows(name):
    with (SEEDS / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_seed_integrity():
    indicators = _rows("indicators.csv")
    codes = [r["indicator_code"] for r in indicators]
    assert len(codes) == len(set(codes))
    for col in ("indicator_code", "name_vi", "name_en", "indicator_group", "canonical_unit", "higher_is_better",
                "valid_min", "valid_max", "description"):
        assert col in indicators[0]
    units = {r["canonical_unit"] for r in _rows("units.csv")}
    for r in indicators:
        assert r["canonical_unit"] in units, r["indicator_code"]
        assert float(r["valid_min"]) < float(r["valid_max"])
        for u in filter(None, r["compatible_units"].split(";")):
            assert u in units, (r["indicator_code"], u)
    aliases = _rows("indicator_aliases.csv")
    assert {a["indicator_code"] for a in aliases} == set(codes)
    pairs = [(a["indicator_code"], a["alias"]) for a in aliases]
    assert len(pairs) == len(set(pairs))


@pytest.mark.parametrize("label,code", [
    ("Tỷ lệ hộ nghèo giảm còn", "POVERTY_RATE"),
    ("Tỷ lệ hộ nghèo (theo chuẩn đa chiều) còn", "POVERTY_RATE"),
    ("Tỷ lệ hộ nghèo giảm", "POVERTY_RATE_REDUCTION"),
    ("Giảm tỷ lệ hộ nghèo", "POVERTY_RATE_REDUCTION"),
])
def test_poverty_level_vs_reduction(ref, label, code):
    from orchestration.extraction.context import drop_closed_parens
    assert code_for(ref, drop_closed_parens(label), "%") == code


def test_services_with_or_without_product_taxes(ref):
    ctx = "Cơ cấu kinh tế"
    assert code_for(ref, "Dịch vụ và thuế sản phẩm trừ trợ cấp sản phẩm", "%", ctx) == "SHARE_SERVICES"
    assert code_for(ref, "Dịch vụ và thuế, trợ cấp sản phẩm", "%", ctx) == "SHARE_SERVICES"
    assert code_for(ref, "Dịch vụ", "%", ctx) == "SHARE_SERVICES"
    assert code_for(ref, "Thuế sản phẩm trừ trợ cấp sản phẩm", "%", ctx) == "SHARE_PRODUCT_TAXES"


def test_growth_rates_name_the_indicator_they_grow(ref):
    # growth_of links a growth rate to its amount; extraction reads "… 352.000 tỷ đồng, tăng 13,3%" by it
    linked = {i.code: i.growth_of for i in ref.indicators.values() if i.growth_of}
    assert linked["RETAIL_SALES_GROWTH"] == "RETAIL_SALES"
    assert linked["BUDGET_REVENUE_GROWTH"] == "BUDGET_REVENUE_TOTAL"
    for code, base in linked.items():
        assert ref.indicators[code].measure in ("growth", "change"), code
        assert ref.indicators[base].measure != "growth", base
    assert ref.growth_rate_of("RETAIL_SALES").code == "RETAIL_SALES_GROWTH"


def test_a_wording_of_a_growth_rate_names_its_amount_and_back(ref):
    # "ngành nông nghiệp" is written down for the sector's growth; with money it is the sector's amount
    assert code_for(ref, "giá trị tăng thêm của ngành nông nghiệp", "tỷ đồng") == "AGRI_VALUE_ADDED"
    assert code_for(ref, "giá trị tăng thêm của ngành nông nghiệp", "%") == "AGRI_VALUE_ADDED_GROWTH"
    # GRDP keeps its own: a bare "GRDP" with % is the real growth, not nominal GRDP's growth
    assert code_for(ref, "GRDP", "%") == "GRDP_GROWTH"


def test_sectors_numbered_in_a_grdp_sentence(ref):
    assert code_for(ref, "khu vực 2 đạt", "%", context="Tăng trưởng GRDP năm 2025 đạt 7,23%, trong đó") == \
        "INDUSTRY_CONSTRUCTION_VALUE_ADDED_GROWTH"
    assert code_for(ref, "khu vực 2 chiếm", "%", context="Cơ cấu kinh tế:") == "SHARE_INDUSTRY_CONSTRUCTION"
