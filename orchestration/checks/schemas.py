"""pandera schemas: row-level validation of observations before load, and the published marts.

Observation validation reads the reference data from the dbt seeds (indicators.csv, units.csv):
no range, unit or indicator is hard-coded here. The seed-derived facts are joined onto the frame
as helper columns (``_indicator_known``, ``_valid_min`` ...) so each rule is a plain vectorised
pandera check and ``lazy=True`` reports every failing row for every rule.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

VALUE_KINDS = ["target", "estimate", "actual"]
COMPARATORS = ["=", ">=", ">", "<=", "<", "~", "between"]
PERIODS = ["FY", "H1", "H2", "9M", "Q1", "Q2", "Q3", "Q4"]
LAYOUTS = ["table", "list", "prose"]
YEAR_MIN = 1990
YEAR_MAX = dt.date.today().year + 30  # long-range plans ("tầm nhìn đến năm 2050")
STRUCTURE_TOLERANCE = 1.5  # percentage points


def _bool(value) -> bool | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    s = str(value).strip().lower()
    if s in {"true", "1", "yes", "t"}:
        return True
    if s in {"false", "0", "no", "f"}:
        return False
    return None


@dataclass
class SeedReference:
    indicators: pd.DataFrame  # indexed by indicator_code
    units: pd.DataFrame  # indexed by unit_key

    @classmethod
    def load(cls, seeds_dir: Path) -> "SeedReference":
        ind = pd.read_csv(Path(seeds_dir) / "indicators.csv", dtype=str, keep_default_na=False)
        units = pd.read_csv(Path(seeds_dir) / "units.csv", dtype=str, keep_default_na=False)
        ind = ind.set_index("indicator_code", drop=False)
        units = units.set_index("unit_key", drop=False)
        for col in ("valid_min", "valid_max"):
            ind[col] = pd.to_numeric(ind[col].replace("", None), errors="coerce")
        return cls(ind, units)

    def structure_codes(self) -> list[str]:
        """The sector shares that partition GRDP (3 or 4 of them are stated: services with or without
        product taxes): group ``economic_structure`` and no better/worse
        direction (a sector share is neutral; composites such as "industry+services share" carry
        ``higher_is_better=true`` and are not part of the partition)."""
        ind = self.indicators
        group = ind.get("indicator_group", pd.Series("", index=ind.index)).str.strip().str.lower()
        hib = ind.get("higher_is_better", pd.Series("", index=ind.index)).str.strip()
        mask = (group == "economic_structure") & (hib == "")
        return sorted(ind.loc[mask, "indicator_code"].tolist())

    def allowed_units(self) -> pd.Series:
        """indicator_code → set of canonical units accepted (canonical_unit + compatible_units)."""
        ind = self.indicators
        compat = ind.get("compatible_units", pd.Series("", index=ind.index)).fillna("")
        return pd.Series(
            {code: {ind.at[code, "canonical_unit"], *[u.strip() for u in compat[code].split(";") if u.strip()]}
             for code in ind.index}
        )


class ObservationSchema(pa.DataFrameModel):
    """One stated value, ready for raw.observations."""

    document_id: Series[str] = pa.Field(nullable=False)
    source_line: Series[int] = pa.Field(ge=1)
    source_text: Series[str] = pa.Field(nullable=False)
    indicator_code: Series[str] = pa.Field(nullable=True)
    year: Series[float] = pa.Field(nullable=True)
    period: Series[str] = pa.Field(isin=PERIODS)
    value_kind: Series[str] = pa.Field(isin=VALUE_KINDS)
    comparator: Series[str] = pa.Field(isin=COMPARATORS)
    value_low: Series[float] = pa.Field(nullable=True)
    value_high: Series[float] = pa.Field(nullable=True)
    layout: Series[str] = pa.Field(isin=LAYOUTS)

    @pa.dataframe_check(name="indicator_known")
    def indicator_known(cls, df: pd.DataFrame) -> Series[bool]:
        return df["_indicator_known"]

    @pa.dataframe_check(name="unit_known")
    def unit_known(cls, df: pd.DataFrame) -> Series[bool]:
        return df["_unit_known"]

    @pa.dataframe_check(name="unit_matches_indicator")
    def unit_matches_indicator(cls, df: pd.DataFrame) -> Series[bool]:
        # only judged when both are known (the two checks above report unknowns)
        known = df["_indicator_known"] & df["_unit_known"]
        return ~known | df["_unit_allowed"]

    @pa.dataframe_check(name="value_in_valid_range")
    def value_in_valid_range(cls, df: pd.DataFrame) -> Series[bool]:
        lo, hi = df["_valid_min"], df["_valid_max"]
        ok = pd.Series(True, index=df.index)
        for col in ("value_low_canonical", "value_high_canonical"):
            v = df[col]
            ok &= v.isna() | ((lo.isna() | (v >= lo)) & (hi.isna() | (v <= hi)))
        return ok

    @pa.dataframe_check(name="year_plausible")
    def year_plausible(cls, df: pd.DataFrame) -> Series[bool]:
        return df["year"].notna() & (df["year"] >= YEAR_MIN) & (df["year"] <= YEAR_MAX)

    @pa.dataframe_check(name="value_present")
    def value_present(cls, df: pd.DataFrame) -> Series[bool]:
        return df["value_low"].notna() | df["value_high"].notna()

    @pa.dataframe_check(name="low_le_high")
    def low_le_high(cls, df: pd.DataFrame) -> Series[bool]:
        both = df["value_low"].notna() & df["value_high"].notna()
        return ~both | (df["value_low"] <= df["value_high"])

    @pa.dataframe_check(name="comparator_bounds_consistent")
    def comparator_bounds_consistent(cls, df: pd.DataFrame) -> Series[bool]:
        lo, hi, c = df["value_low"].notna(), df["value_high"].notna(), df["comparator"]
        both = c.isin(["=", "~", "between"]) & lo & hi
        low_only = c.isin([">=", ">"]) & lo & ~hi
        high_only = c.isin(["<=", "<"]) & ~lo & hi
        return both | low_only | high_only

    @pa.dataframe_check(name="canonical_scaled")
    def canonical_scaled(cls, df: pd.DataFrame) -> Series[bool]:
        ok = pd.Series(True, index=df.index)
        for raw, can in (("value_low", "value_low_canonical"), ("value_high", "value_high_canonical")):
            ok &= df[raw].isna() == df[can].isna()
        return ok

    class Config:
        coerce = False
        strict = False


CHECK_REASONS = {
    "indicator_known": "indicator not in the catalog (indicators.csv)",
    "unit_known": "unknown unit (not in units.csv)",
    "unit_matches_indicator": "unit does not match the indicator's canonical unit",
    "value_in_valid_range": "value outside the indicator's valid range",
    "year_plausible": f"year missing or outside {YEAR_MIN}–{YEAR_MAX}",
    "value_present": "no value",
    "low_le_high": "value_low greater than value_high",
    "comparator_bounds_consistent": "comparator inconsistent with the stated bounds",
    "canonical_scaled": "canonical value missing for a stated value",
    "structure_shares_sum_100": "economic-structure shares do not sum to ~100 %",
}


def _enrich(df: pd.DataFrame, ref: SeedReference) -> pd.DataFrame:
    out = df.copy()
    for col in ("year", "value_low", "value_high", "value_low_canonical", "value_high_canonical", "match_score"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    out["source_line"] = pd.to_numeric(out["source_line"], errors="coerce").fillna(0).astype("int64")
    for col in ("document_id", "source_text", "period", "value_kind", "comparator", "layout"):
        out[col] = out[col].astype(object).where(out[col].notna(), "").astype(str)
    out["indicator_code"] = out["indicator_code"].astype(object)
    code = out["indicator_code"].fillna("").astype(str)
    unit_key = out["unit_key"].fillna("").astype(str)
    out["_indicator_known"] = code.isin(ref.indicators.index)
    out["_unit_known"] = unit_key.isin(ref.units.index)
    out["_indicator_unit"] = code.map(ref.indicators["canonical_unit"]).fillna("").astype(str)
    out["_unit_canonical"] = unit_key.map(ref.units["canonical_unit"]).fillna("").astype(str)
    allowed = code.map(ref.allowed_units())
    out["_unit_allowed"] = [
        isinstance(a, set) and uc in a and (u or uc) in a
        for a, uc, u in zip(allowed, out["_unit_canonical"], out["unit"].fillna("").astype(str))
    ]
    out["_valid_min"] = code.map(ref.indicators["valid_min"]).astype("float64")
    out["_valid_max"] = code.map(ref.indicators["valid_max"]).astype("float64")
    return out


def _detail(row: pd.Series, check: str) -> str:
    if check == "value_in_valid_range":
        return (f"{row.get('indicator_code')} {row.get('value_low_canonical')}..{row.get('value_high_canonical')} "
                f"{row.get('unit')} outside [{row.get('_valid_min')}, {row.get('_valid_max')}]")
    if check in {"unit_known", "unit_matches_indicator"}:
        return (f"unit_raw={row.get('unit_raw')!r} unit_key={row.get('unit_key')!r} unit={row.get('unit')!r}; "
                f"indicator {row.get('indicator_code')} expects {row.get('_indicator_unit')!r}")
    if check == "indicator_known":
        return f"label={row.get('indicator_label')!r} code={row.get('indicator_code')!r}"
    return (f"{row.get('indicator_code')} year={row.get('year')} {row.get('comparator')} "
            f"low={row.get('value_low')} high={row.get('value_high')}")


def validate_observations(df: pd.DataFrame, ref: SeedReference) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Split extracted observations into (valid rows, quarantine rows, failure counts per check)."""
    qcols = ["document_id", "source_line", "source_text", "stage", "check_name", "reason", "detail",
             "source_text_start", "source_text_end"]
    if df.empty:
        return df.copy(), pd.DataFrame(columns=qcols), {}
    enriched = _enrich(df.reset_index(drop=True), ref)
    failing: dict[int, list[str]] = {}
    counts: dict[str, int] = {}
    try:
        ObservationSchema.validate(enriched, lazy=True)
    except pa.errors.SchemaErrors as exc:
        fc = exc.failure_cases
        for _, f in fc.iterrows():
            check = str(f["check"])
            if check.startswith("isin") or check.startswith("greater_than") or check.startswith("not_nullable"):
                check = f"{f['column']}:{check}"
            idx = f["index"]
            if idx is None or pd.isna(idx):
                # column-level failure (missing column / dtype): every row fails
                for i in enriched.index:
                    failing.setdefault(int(i), []).append(check)
                continue
            failing.setdefault(int(idx), []).append(check)
    # document-level: structure shares of one document/year/kind sum to ~100 %
    structure = ref.structure_codes()
    if structure:
        s = enriched[enriched["indicator_code"].isin(structure) & enriched["comparator"].isin(["=", "~"])]
        for _, grp in s.groupby(["document_id", "year", "value_kind", "period"], dropna=False):
            if grp["indicator_code"].nunique() < min(3, len(structure)):
                continue  # fewer than three sectors stated: not a full structure, nothing to sum
            first = grp.drop_duplicates("indicator_code")
            total = first["value_low_canonical"].sum()
            if abs(total - 100.0) > STRUCTURE_TOLERANCE:
                for i in grp.index:
                    failing.setdefault(int(i), []).append("structure_shares_sum_100")
                    enriched.loc[i, "_structure_total"] = total
    rows = []
    for i, checks in failing.items():
        row = enriched.loc[i]
        checks = list(dict.fromkeys(checks))
        for c in checks:
            counts[c] = counts.get(c, 0) + 1
        main = checks[0]
        base = main.split(":")[-1] if ":" in main else main
        reason = CHECK_REASONS.get(base, f"failed {main}")
        detail = _detail(row, base)
        if main == "structure_shares_sum_100":
            detail = f"sum {row.get('_structure_total')} % (tolerance ±{STRUCTURE_TOLERANCE})"
        if len(checks) > 1:
            detail += f"; also failed: {', '.join(checks[1:])}"
        rows.append({
            "document_id": row["document_id"], "source_line": int(row["source_line"]) or None,
            "source_text": row["source_text"], "stage": "validation", "check_name": main,
            "reason": reason, "detail": detail,
            "source_text_start": row.get("source_text_start"), "source_text_end": row.get("source_text_end"),
        })
    quarantine = pd.DataFrame(rows, columns=qcols)
    bad = set(failing)
    valid = df.reset_index(drop=True)  # copy-on-write: no copy of the rows unless some are dropped
    if bad:
        valid = valid.drop(index=sorted(bad)).reset_index(drop=True)
    return valid, quarantine, counts


# ---------------------------------------------------------------- marts (published shape)
class FactIndicatorValueSchema(pa.DataFrameModel):
    """marts.fct_indicator_value: the contract columns, keys not null, one row per stated value."""

    observation_id: Series[str] = pa.Field(nullable=False, unique=True, coerce=True)
    document_id: Series[str] = pa.Field(nullable=False)
    source_line: Series[int] = pa.Field(ge=1, coerce=True)
    source_text: Series[str] = pa.Field(nullable=False, str_length={"min_value": 1})
    province_key: Series[str] = pa.Field(nullable=True)
    province_code: Series[str] = pa.Field(nullable=True, coerce=True)
    province_name: Series[str] = pa.Field(nullable=True)
    current_province_code: Series[str] = pa.Field(nullable=True, coerce=True)
    current_province_name: Series[str] = pa.Field(nullable=True)
    indicator_code: Series[str] = pa.Field(nullable=False)
    indicator_label: Series[str] = pa.Field(nullable=True)
    indicator_name_en: Series[str] = pa.Field(nullable=True)
    year: Series[int] = pa.Field(ge=YEAR_MIN, le=YEAR_MAX, coerce=True)
    period: Series[str] = pa.Field(isin=PERIODS)
    value_kind: Series[str] = pa.Field(isin=VALUE_KINDS)
    comparator: Series[str] = pa.Field(isin=COMPARATORS)
    value_low: Series[float] = pa.Field(nullable=True, coerce=True)
    value_high: Series[float] = pa.Field(nullable=True, coerce=True)
    unit_raw: Series[str] = pa.Field(nullable=True)
    unit: Series[str] = pa.Field(nullable=False)
    value_low_canonical: Series[float] = pa.Field(nullable=True, coerce=True)
    value_high_canonical: Series[float] = pa.Field(nullable=True, coerce=True)
    verdict: Series[str] = pa.Field(nullable=True)
    layout: Series[str] = pa.Field(isin=LAYOUTS)

    @pa.dataframe_check(name="low_le_high")
    def low_le_high(cls, df: pd.DataFrame) -> Series[bool]:
        both = df["value_low"].notna() & df["value_high"].notna()
        return ~both | (df["value_low"] <= df["value_high"])

    @pa.dataframe_check(name="value_present")
    def value_present(cls, df: pd.DataFrame) -> Series[bool]:
        return df["value_low"].notna() | df["value_high"].notna()

    class Config:
        strict = False


FACT_COLUMNS = list(FactIndicatorValueSchema.to_schema().columns)


class QuarantineSchema(pa.DataFrameModel):
    document_id: Series[str] = pa.Field(nullable=True)
    stage: Series[str] = pa.Field(isin=["document", "extraction", "validation", "mart"])
    check_name: Series[str] = pa.Field(nullable=False)
    reason: Series[str] = pa.Field(nullable=False)

    class Config:
        strict = False


def generic_mart_schema(df: pd.DataFrame, declared_columns: list[str], require_rows: bool = True) -> pa.DataFrameSchema:
    """Marts whose columns are the dbt engineer's to choose: every column the model's yml documents
    exists in the table (docs match reality), the mart is not empty and has no fully duplicated row."""
    cols = {c: pa.Column(nullable=True, required=True) for c in declared_columns}
    checks = [pa.Check(lambda d: ~d.astype(str).duplicated(keep=False), name="no_duplicate_rows")]
    if require_rows:
        checks.append(pa.Check(lambda d: len(d) > 0, name="not_empty"))
    return pa.DataFrameSchema(cols, checks=checks, strict=False)
