"""The Great Expectations suite: catches out-of-range values per unit and duplicate grain; builds Data Docs."""
from pathlib import Path

import pandas as pd

from orchestration.checks.expectations import run_suite, unit_ranges
from orchestration.checks.schemas import SeedReference

SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"


def fact(**over):
    base = {"observation_id": ["a", "b"], "document_id": ["d", "d"], "source_line": [1, 2], "source_text": ["x", "y"],
            "indicator_code": ["GRDP_GROWTH", "FOREST_COVER"], "year": [2024, 2024], "unit": ["%", "%"],
            "value_kind": ["target", "actual"], "comparator": ["=", ">="], "period": ["FY", "FY"],
            "value_low_canonical": [7.5, 46.0], "value_high_canonical": [7.5, None]}
    base.update(over)
    return pd.DataFrame(base)


def test_suite_passes_on_good_marts_and_writes_data_docs(tmp_path):
    out = run_suite({"fct_indicator_value": fact()}, SEEDS, tmp_path / "gx")
    assert out.success, out.failed
    assert out.docs_index and Path(out.docs_index).exists()
    assert out.evaluated > 10


def test_suite_fails_on_range_per_unit_and_duplicate_ids(tmp_path):
    bad = fact(observation_id=["a", "a"], value_low_canonical=[7.5, 5000.0])
    out = run_suite({"fct_indicator_value": bad}, SEEDS, tmp_path / "gx")
    assert not out.success
    kinds = {f["expectation"] for f in out.failed}
    assert "expect_column_values_to_be_unique" in kinds and "expect_column_values_to_be_between" in kinds


def test_unit_ranges_come_from_the_seeds():
    ranges = unit_ranges(SeedReference.load(SEEDS))
    assert ranges["%"][0] <= -30 and ranges["%"][1] >= 100
    assert ranges["VND"][0] <= 1e7  # GRDP per capita may be written in plain VND (compatible unit)


def tva(**over):
    base = {"province_key": ["VN63-19", "VN63-19"], "current_province_key": ["VN34-19", "VN34-19"],
            "indicator_code": ["GRDP_GROWTH", "FOREST_COVER"], "year": [2023, 2023], "period": ["FY", "FY"],
            "attainment_status": ["missed", "achieved"], "document_status": ["missed", None]}
    base.update(over)
    return pd.DataFrame(base)


def test_target_vs_actual_grain_and_statuses(tmp_path):
    good = run_suite({"fct_indicator_value": fact(), "mart_target_vs_actual": tva()}, SEEDS, tmp_path / "gx")
    assert good.success, good.failed
    bad = tva(indicator_code=["GRDP_GROWTH", "GRDP_GROWTH"], attainment_status=["missed", "great"])
    out = run_suite({"fct_indicator_value": fact(), "mart_target_vs_actual": bad}, SEEDS, tmp_path / "gx2")
    failed = {(f["mart"], f["expectation"]) for f in out.failed}
    assert ("mart_target_vs_actual", "expect_compound_columns_to_be_unique") in failed
    assert ("mart_target_vs_actual", "expect_column_values_to_be_in_set") in failed
