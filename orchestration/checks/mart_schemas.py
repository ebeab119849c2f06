"""pandera schemas of the published marts (blocking asset checks before publication).

Each mart has a DataFrameModel for its columns, value sets and grain; the fact table additionally
gets the seed-driven rules (unit allowed for the indicator, canonical value inside the catalog's
valid range), read from the same CSVs as extraction. Validation is lazy: every failure is reported.
"""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from orchestration.checks.schemas import (
    COMPARATORS,
    PERIODS,
    VALUE_KINDS,
    YEAR_MAX,
    YEAR_MIN,
    FactIndicatorValueSchema,
    SeedReference,
)

STATUSES = ["achieved", "exceeded", "missed", "unknown"]
VERDICT_STATUSES = ["achieved", "exceeded", "missed"]


class TargetVsActualSchema(pa.DataFrameModel):
    """marts.mart_target_vs_actual: one row per province × indicator × year × period."""

    province_key: Series[str] = pa.Field(nullable=False)
    indicator_code: Series[str] = pa.Field(nullable=False)
    year: Series[int] = pa.Field(ge=YEAR_MIN, le=YEAR_MAX, coerce=True)
    period: Series[str] = pa.Field(isin=PERIODS)
    target_comparator: Series[str] = pa.Field(isin=COMPARATORS, nullable=True)
    outcome_kind: Series[str] = pa.Field(isin=["estimate", "actual"], nullable=True)
    attainment_status: Series[str] = pa.Field(isin=STATUSES)
    document_status: Series[str] = pa.Field(isin=VERDICT_STATUSES, nullable=True)
    verdict_disagrees: Series[bool] = pa.Field(coerce=True)

    @pa.dataframe_check(name="unknown_when_a_side_is_missing")
    def unknown_when_a_side_is_missing(cls, df: pd.DataFrame) -> Series[bool]:
        one_sided = ~(df["has_target"].astype(bool) & df["has_outcome"].astype(bool))
        return ~one_sided | (df["attainment_status"] == "unknown")

    @pa.dataframe_check(name="disagreement_flag_matches_statuses")
    def disagreement_flag_matches_statuses(cls, df: pd.DataFrame) -> Series[bool]:
        judged = df["document_status"].notna() & (df["attainment_status"] != "unknown")
        expected = judged & (df["document_status"] != df["attainment_status"])
        return df["verdict_disagrees"].astype(bool) == expected

    class Config:
        strict = False
        unique = ["province_key", "indicator_code", "year", "period"]


class ProvinceScorecardSchema(pa.DataFrameModel):
    """marts.mart_province_scorecard: one row per province × year × period."""

    province_key: Series[str] = pa.Field(nullable=False)
    year: Series[int] = pa.Field(ge=YEAR_MIN, le=YEAR_MAX, coerce=True)
    period: Series[str] = pa.Field(isin=PERIODS)
    targets_set: Series[int] = pa.Field(ge=0, coerce=True)
    targets_with_outcome: Series[int] = pa.Field(ge=0, coerce=True)
    achieved: Series[int] = pa.Field(ge=0, coerce=True)
    exceeded: Series[int] = pa.Field(ge=0, coerce=True)
    missed: Series[int] = pa.Field(ge=0, coerce=True)
    unknown: Series[int] = pa.Field(ge=0, coerce=True)
    attainment_rate: Series[float] = pa.Field(ge=0, le=1, nullable=True, coerce=True)

    @pa.dataframe_check(name="statuses_partition_targets")
    def statuses_partition_targets(cls, df: pd.DataFrame) -> Series[bool]:
        return df["achieved"] + df["exceeded"] + df["missed"] + df["unknown"] == df["targets_set"]

    @pa.dataframe_check(name="outcomes_within_targets")
    def outcomes_within_targets(cls, df: pd.DataFrame) -> Series[bool]:
        return df["targets_with_outcome"] <= df["targets_set"]

    class Config:
        strict = False
        unique = ["province_key", "year", "period"]


class IndicatorTimeseriesSchema(pa.DataFrameModel):
    """marts.mart_indicator_timeseries: values by province (as written and current), indicator, year, kind."""

    province_key: Series[str] = pa.Field(nullable=False)
    current_province_key: Series[str] = pa.Field(nullable=False, str_startswith="VN34-")
    indicator_code: Series[str] = pa.Field(nullable=False)
    year: Series[int] = pa.Field(ge=YEAR_MIN, le=YEAR_MAX, coerce=True)
    period: Series[str] = pa.Field(isin=PERIODS)
    value_kind: Series[str] = pa.Field(isin=VALUE_KINDS)
    comparator: Series[str] = pa.Field(isin=COMPARATORS)

    class Config:
        strict = False
        unique = ["province_key", "indicator_code", "year", "period", "value_kind"]


class ValueConflictsSchema(pa.DataFrameModel):
    """marts.mart_value_conflicts: one row per value taking part in a contradiction."""

    observation_id: Series[str] = pa.Field(nullable=False, unique=True)
    value_kind: Series[str] = pa.Field(isin=VALUE_KINDS)

    class Config:
        strict = False


class DimProvinceSchema(pa.DataFrameModel):
    province_key: Series[str] = pa.Field(unique=True, nullable=False)
    province_set: Series[int] = pa.Field(isin=[63, 34], coerce=True)
    current_province_key: Series[str] = pa.Field(nullable=False, str_startswith="VN34-")
    name_en: Series[str] = pa.Field(nullable=False)

    @pa.dataframe_check(name="validity_ordered")
    def validity_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["valid_to"].isna() | (pd.to_datetime(df["valid_from"]) <= pd.to_datetime(df["valid_to"]))

    @pa.dataframe_check(name="sixty_three_then_thirty_four")
    def sixty_three_then_thirty_four(cls, df: pd.DataFrame) -> bool:
        return df["province_set"].astype(int).value_counts().to_dict() == {63: 63, 34: 34}

    class Config:
        strict = False


class DimIndicatorSchema(pa.DataFrameModel):
    indicator_code: Series[str] = pa.Field(unique=True, nullable=False)
    name_en: Series[str] = pa.Field(nullable=False)
    canonical_unit: Series[str] = pa.Field(nullable=False)

    @pa.dataframe_check(name="valid_range_ordered")
    def valid_range_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        lo, hi = df["valid_min"], df["valid_max"]
        return lo.isna() | hi.isna() | (lo < hi)

    class Config:
        strict = False


class DimUnitSchema(pa.DataFrameModel):
    unit_key: Series[str] = pa.Field(unique=True, nullable=False)
    canonical_unit: Series[str] = pa.Field(nullable=False)
    multiplier: Series[float] = pa.Field(gt=0, coerce=True)

    class Config:
        strict = False


class DimPeriodSchema(pa.DataFrameModel):
    period_key: Series[str] = pa.Field(unique=True, nullable=False)
    year: Series[int] = pa.Field(coerce=True)
    period: Series[str] = pa.Field(isin=PERIODS)

    @pa.dataframe_check(name="year_inside_its_plan_period")
    def year_inside_its_plan_period(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["plan_start_year"] <= df["year"]) & (df["year"] <= df["plan_end_year"])

    class Config:
        strict = False


class DimDocumentSchema(pa.DataFrameModel):
    document_id: Series[str] = pa.Field(unique=True, nullable=False)
    status: Series[str] = pa.Field(isin=["ok", "quarantined"])

    class Config:
        strict = False


def fact_schema(ref: SeedReference) -> pa.DataFrameSchema:
    """The fact contract plus the catalog's rules: the unit is one the indicator accepts, and the
    canonical values lie inside its valid range (a published value outside it is a pipeline bug:
    extraction quarantines such rows)."""
    allowed = ref.allowed_units()
    lo = ref.indicators["valid_min"]
    hi = ref.indicators["valid_max"]

    def unit_allowed(df: pd.DataFrame) -> pd.Series:
        return pd.Series([u in allowed.get(c, set()) for c, u in zip(df["indicator_code"], df["unit"])], index=df.index)

    def canonical_in_valid_range(df: pd.DataFrame) -> pd.Series:
        vmin, vmax = df["indicator_code"].map(lo), df["indicator_code"].map(hi)
        ok = pd.Series(True, index=df.index)
        for col in ("value_low_canonical", "value_high_canonical"):
            v = pd.to_numeric(df[col], errors="coerce")
            ok &= v.isna() | ((vmin.isna() | (v >= vmin)) & (vmax.isna() | (v <= vmax)))
        return ok

    base = FactIndicatorValueSchema.to_schema()
    return pa.DataFrameSchema(
        columns=base.columns,
        checks=[*base.checks,
                pa.Check(unit_allowed, name="unit_allowed_for_indicator"),
                pa.Check(canonical_in_valid_range, name="canonical_value_in_valid_range")],
        unique=base.unique, strict=False, name="fct_indicator_value",
    )


MART_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "mart_target_vs_actual": TargetVsActualSchema,
    "mart_province_scorecard": ProvinceScorecardSchema,
    "mart_indicator_timeseries": IndicatorTimeseriesSchema,
    "mart_value_conflicts": ValueConflictsSchema,
    "dim_province": DimProvinceSchema,
    "dim_indicator": DimIndicatorSchema,
    "dim_unit": DimUnitSchema,
    "dim_period": DimPeriodSchema,
    "dim_document": DimDocumentSchema,
}


def with_declared_columns(schema: pa.DataFrameSchema, declared_columns: list[str]) -> pa.DataFrameSchema:
    """The mart's own rules plus: every column its dbt yml documents exists (docs match reality)."""
    columns = {c: pa.Column(nullable=True, required=True) for c in declared_columns}
    columns.update(schema.columns)
    return pa.DataFrameSchema(columns=columns, checks=schema.checks, unique=schema.unique, strict=False, name=schema.name)
