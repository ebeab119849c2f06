"""The governed reference data itself (seed CSVs), independent of any run."""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "dbt_project" / "seeds"


def rows(name: str) -> list[dict]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_63_old_and_34_current_provinces_with_unique_codes():
    provinces = rows("provinces")
    by_set = Counter(p["province_set"] for p in provinces)
    assert by_set == {"63": 63, "34": 34}
    for s in ("63", "34"):
        codes = [p["province_code"] for p in provinces if p["province_set"] == s]
        assert len(set(codes)) == len(codes), f"duplicate codes in the {s}-province set"
    assert all(p["valid_to"] == "2025-06-30" for p in provinces if p["province_set"] == "63")
    assert all(p["valid_from"] == "2025-07-01" and not p["valid_to"] for p in provinces if p["province_set"] == "34")


def test_every_old_province_rolls_up_to_exactly_one_current_province():
    provinces = {p["province_key"]: p for p in rows("provinces")}
    lineage = rows("province_lineage")
    olds = [r["old_province_key"] for r in lineage]
    assert sorted(olds) == sorted(k for k, p in provinces.items() if p["province_set"] == "63")
    assert len(set(olds)) == len(olds)
    for r in lineage:
        assert provinces[r["new_province_key"]]["province_set"] == "34", r
        assert "202/2025/QH15" in r["legal_basis"], r
    current_with_predecessor = {r["new_province_key"] for r in lineage}
    assert current_with_predecessor == {k for k, p in provinces.items() if p["province_set"] == "34"}


def test_known_mergers():
    provinces = {p["province_key"]: p["name_vi"] for p in rows("provinces")}
    to_current = {provinces[r["old_province_key"]]: provinces[r["new_province_key"]] for r in rows("province_lineage")}
    assert to_current["Thái Bình"] == "Hưng Yên"
    assert to_current["Bắc Kạn"] == "Thái Nguyên"
    assert to_current["Thái Nguyên"] == "Thái Nguyên"
    assert to_current["Hà Giang"] == "Tuyên Quang"
    assert to_current["Hà Nội"] == "Hà Nội"


def test_catalog_codes_units_and_ranges_are_consistent():
    indicators = rows("indicators")
    codes = [i["indicator_code"] for i in indicators]
    assert len(set(codes)) == len(codes)
    canonical_units = {u["canonical_unit"] for u in rows("units")}
    for i in indicators:
        assert i["canonical_unit"] in canonical_units, i
        assert i["name_en"] and i["name_vi"], i
        if i["valid_min"] and i["valid_max"]:
            assert float(i["valid_min"]) < float(i["valid_max"]), i
    aliases = rows("indicator_aliases")
    assert {a["indicator_code"] for a in aliases} <= set(codes)
    assert set(codes) <= {a["indicator_code"] for a in aliases}, "an indicator without any wording can never be found"
    # distinct indicators with similar words stay distinct
    assert {"GRDP_PER_CAPITA", "INCOME_PER_CAPITA", "BUDGET_REVENUE_TOTAL", "BUDGET_REVENUE_DOMESTIC"} <= set(codes)


def test_units_have_positive_multipliers_and_the_scales_of_the_brief():
    units = {u["unit_key"]: u for u in rows("units")}
    assert all(float(u["multiplier"]) > 0 for u in units.values())
    assert (units["tỷ đồng"]["canonical_unit"], float(units["tỷ đồng"]["multiplier"])) == ("VND", 1e9)
    assert float(units["nghìn tỷ đồng"]["multiplier"]) == 1e12
    assert (units["triệu usd"]["canonical_unit"], float(units["triệu usd"]["multiplier"])) == ("USD", 1e6)
