"""pandera row rules on observations, with the reference data read from the dbt seeds."""
from pathlib import Path

import pandas as pd
import pytest

from orchestration.checks.schemas import SeedReference, validate_observations

SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"


@pytest.fixture(scope="module")
def ref():
    return SeedReference.load(SEEDS)


def row(**kw):
    base = dict(document_id="d", observation_index=0, source_line=5, source_text="x", indicator_label="GRDP",
                indicator_code="GRDP_GROWTH", match_score=100.0, year=2024, period="FY", value_kind="target",
                comparator="=", value_low=7.5, value_high=7.5, unit_raw="%", unit_key="%", unit="%",
                value_low_canonical=7.5, value_high_canonical=7.5, verdict=None, layout="list")
    base.update(kw)
    return base


def checks_of(ref, **kw):
    _, q, _ = validate_observations(pd.DataFrame([row(**kw)]), ref)
    return set(q["check_name"]) if len(q) else set()


def test_valid_row_passes(ref):
    valid, q, counts = validate_observations(pd.DataFrame([row()]), ref)
    assert len(valid) == 1 and q.empty and counts == {}


@pytest.mark.parametrize("kw, check", [
    (dict(value_low=75, value_high=75, value_low_canonical=75, value_high_canonical=75), "value_in_valid_range"),
    (dict(unit_key="dặm vuông", unit=None), "unit_known"),
    (dict(indicator_code="FOREST_COVER", unit_key="tỷ đồng", unit="VND", value_low_canonical=7.5e9, value_high_canonical=7.5e9), "unit_matches_indicator"),
    (dict(indicator_code=None), "indicator_known"),
    (dict(year=1850), "year_plausible"),
    (dict(year=None), "year_plausible"),
    (dict(value_low=9, value_high=8, value_low_canonical=9, value_high_canonical=8, comparator="between"), "low_le_high"),
    (dict(comparator=">=",), "comparator_bounds_consistent"),
])
def test_each_rule_quarantines_with_its_check_name(ref, kw, check):
    assert check in checks_of(ref, **kw)


def test_lazy_reports_every_failing_row_and_keeps_the_rest(ref):
    df = pd.DataFrame([row(), row(observation_index=1, source_line=6, year=1700),
                       row(observation_index=2, source_line=7, value_low=99, value_high=99, value_low_canonical=99, value_high_canonical=99)])
    valid, q, counts = validate_observations(df, ref)
    assert len(valid) == 1 and len(q) == 2
    assert set(q["source_line"]) == {6, 7} and (q["stage"] == "validation").all()
    assert q["reason"].str.len().min() > 0


def test_structure_shares_must_sum_to_100(ref):
    codes = ref.structure_codes()
    assert len(codes) >= 3
    shares = [50.0, 30.0, 5.0] + [0.0] * (len(codes) - 3)
    df = pd.DataFrame([row(observation_index=i, source_line=10 + i, indicator_code=c, value_low=v, value_high=v,
                           value_low_canonical=v, value_high_canonical=v) for i, (c, v) in enumerate(zip(codes, shares))])
    _, q, _ = validate_observations(df, ref)
    assert set(q["check_name"]) == {"structure_shares_sum_100"}
    ok = [58.6, 31.8, 9.6] + [0.0] * (len(codes) - 3)
    df2 = pd.DataFrame([row(observation_index=i, source_line=10 + i, indicator_code=c, value_low=v, value_high=v,
                            value_low_canonical=v, value_high_canonical=v) for i, (c, v) in enumerate(zip(codes, ok))])
    assert validate_observations(df2, ref)[1].empty
