"""The pandera mart schemas pass on a real publication and name the rule a planted violation breaks."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest

from orchestration.checks.asset_checks import read_mart
from orchestration.checks.mart_schemas import MART_SCHEMAS, fact_schema
from orchestration.checks.schemas import SeedReference
from tests.conftest import REPO

pytestmark = pytest.mark.pipeline
SEEDS = REPO / "dbt_project" / "seeds"


@pytest.fixture(scope="module")
def marts(seeded_run):
    env, _ = seeded_run
    return {name: read_mart(env.published_db, name) for name in ["fct_indicator_value", *MART_SCHEMAS]}


def failed_checks(schema, df: pd.DataFrame) -> set[str]:
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return set(exc.failure_cases["check"].astype(str))
    return set()


def test_every_mart_passes_on_the_seeds(marts):
    assert failed_checks(fact_schema(SeedReference.load(SEEDS)), marts["fct_indicator_value"]) == set()
    for name, model in MART_SCHEMAS.items():
        assert failed_checks(model.to_schema(), marts[name]) == set(), name


def test_fact_unit_must_suit_the_indicator(marts):
    df = marts["fct_indicator_value"].copy()
    i = df.index[df["indicator_code"] == "GRDP_GROWTH"][0]
    df.loc[i, "unit"] = "VND"
    assert "unit_allowed_for_indicator" in failed_checks(fact_schema(SeedReference.load(SEEDS)), df)


def test_fact_canonical_value_must_be_in_the_catalog_range(marts):
    df = marts["fct_indicator_value"].copy()
    i = df.index[df["indicator_code"] == "GRDP_GROWTH"][0]
    df.loc[i, ["value_low_canonical", "value_high_canonical"]] = 75.0
    assert "canonical_value_in_valid_range" in failed_checks(fact_schema(SeedReference.load(SEEDS)), df)


def test_target_vs_actual_status_vocabulary_and_grain(marts):
    schema = MART_SCHEMAS["mart_target_vs_actual"].to_schema()
    df = marts["mart_target_vs_actual"].copy()
    df.loc[df.index[0], "attainment_status"] = "great"
    assert any(c.startswith("isin") for c in failed_checks(schema, df))
    dup = pd.concat([marts["mart_target_vs_actual"], marts["mart_target_vs_actual"].head(1)], ignore_index=True)
    assert any("unique" in c or "duplicate" in c.lower() for c in failed_checks(schema, dup)), failed_checks(schema, dup)


def test_target_vs_actual_one_sided_rows_must_be_unknown(marts):
    schema = MART_SCHEMAS["mart_target_vs_actual"].to_schema()
    df = marts["mart_target_vs_actual"].copy()
    i = df.index[~df["has_outcome"].astype(bool)][0]
    df.loc[i, "attainment_status"] = "achieved"
    assert "unknown_when_a_side_is_missing" in failed_checks(schema, df)


def test_scorecard_counts(marts):
    schema = MART_SCHEMAS["mart_province_scorecard"].to_schema()
    df = marts["mart_province_scorecard"].copy()
    df.loc[df.index[0], "missed"] = -1
    failed = failed_checks(schema, df)
    assert "statuses_partition_targets" in failed and any(c.startswith("greater_than_or_equal_to") for c in failed)


def test_provinces_roll_up_to_current_units(marts):
    schema = MART_SCHEMAS["dim_province"].to_schema()
    df = marts["dim_province"].copy()
    i = df.index[df["province_set"] == 63][0]
    df.loc[i, "current_province_key"] = "VN63-01"
    assert any(c.startswith("str_startswith") for c in failed_checks(schema, df))
    assert "sixty_three_then_thirty_four" in failed_checks(schema, df.iloc[1:])
