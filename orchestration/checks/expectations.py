"""The Great Expectations (1.x) suite over the marts, with its Data Docs site under warehouse/gx/.

Ephemeral context (nothing to commit, nothing to migrate) with a filesystem Data Docs site at
``<warehouse>/gx/data_docs/index.html``; progress bars off; analytics off (GX_ANALYTICS_ENABLED).
Expectations: row counts, uniqueness of the fact grain, not-null keys, allowed categories, and value
ranges per canonical unit derived from the seeds (the widest valid range of any indicator in that unit).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from orchestration.checks.schemas import COMPARATORS, PERIODS, VALUE_KINDS, SeedReference

FACT_KEYS = ["observation_id", "document_id", "source_line", "source_text", "indicator_code", "year", "unit"]


@dataclass
class SuiteOutcome:
    success: bool
    evaluated: int
    failed: list[dict]
    docs_index: str | None


def unit_ranges(ref: SeedReference) -> dict[str, tuple[float | None, float | None]]:
    """canonical unit → (lowest valid_min, highest valid_max) over the indicators accepting that unit
    (as canonical unit or one of their compatible_units)."""
    ind = ref.indicators
    allowed = ref.allowed_units()
    bounds: dict[str, list] = {}
    for code, units in allowed.items():
        for unit in units:
            bounds.setdefault(unit, []).append((ind.at[code, "valid_min"], ind.at[code, "valid_max"]))
    out = {}
    for unit, pairs in bounds.items():
        lo = [p[0] for p in pairs]
        hi = [p[1] for p in pairs]
        out[unit] = (None if any(pd.isna(x) for x in lo) else float(min(lo)),
                     None if any(pd.isna(x) for x in hi) else float(max(hi)))
    return out


def _context(gx_dir: Path):
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    ctx.add_data_docs_site(
        site_name="chitieu",
        site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(gx_dir / "data_docs")},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    return ctx


def fact_expectations(ref: SeedReference):
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    exps = [
        gxe.ExpectTableRowCountToBeBetween(min_value=1, max_value=50_000_000),
        gxe.ExpectColumnValuesToBeUnique(column="observation_id"),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["document_id", "observation_id"]),
        gxe.ExpectColumnValuesToBeInSet(column="value_kind", value_set=VALUE_KINDS),
        gxe.ExpectColumnValuesToBeInSet(column="comparator", value_set=COMPARATORS),
        gxe.ExpectColumnValuesToBeInSet(column="period", value_set=PERIODS),
        gxe.ExpectColumnValuesToBeInSet(column="indicator_code", value_set=sorted(ref.indicators.index)),
        gxe.ExpectColumnValuesToBeBetween(column="source_line", min_value=1),
    ]
    exps += [gxe.ExpectColumnValuesToNotBeNull(column=c) for c in FACT_KEYS]
    for unit, (lo, hi) in sorted(unit_ranges(ref).items()):
        if lo is None and hi is None:
            continue
        for col in ("value_low_canonical", "value_high_canonical"):
            exps.append(gxe.ExpectColumnValuesToBeBetween(column=col, min_value=lo, max_value=hi,
                                                          row_condition=Column("unit") == unit))
    return exps


def quarantine_expectations():
    import great_expectations.expectations as gxe

    return [
        gxe.ExpectColumnValuesToNotBeNull(column="reason"),
        gxe.ExpectColumnValuesToNotBeNull(column="check_name"),
        gxe.ExpectColumnValuesToBeInSet(column="stage", value_set=["document", "extraction", "validation", "mart"]),
    ]


def target_vs_actual_expectations():
    import great_expectations.expectations as gxe

    return [
        gxe.ExpectTableRowCountToBeBetween(min_value=1, max_value=50_000_000),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["province_key", "indicator_code", "year", "period"]),
        gxe.ExpectColumnValuesToBeInSet(column="attainment_status", value_set=["achieved", "exceeded", "missed", "unknown"]),
        gxe.ExpectColumnValuesToBeInSet(column="document_status", value_set=["achieved", "exceeded", "missed"]),
        gxe.ExpectColumnValuesToNotBeNull(column="province_key"),
        gxe.ExpectColumnValuesToNotBeNull(column="current_province_key"),
        gxe.ExpectColumnValuesToNotBeNull(column="indicator_code"),
    ]


def run_suite(frames: dict[str, pd.DataFrame], seeds_dir: Path, gx_dir: Path) -> SuiteOutcome:
    """Validate the marts given as DataFrames ({"fct_indicator_value": df, "quarantine": df, ...}) and build Data Docs."""
    import great_expectations as gx

    gx_dir.mkdir(parents=True, exist_ok=True)
    ref = SeedReference.load(seeds_dir)
    ctx = _context(gx_dir)
    ds = ctx.data_sources.add_pandas("marts")
    plans = {"fct_indicator_value": fact_expectations(ref), "quarantine": quarantine_expectations(),
             "mart_target_vs_actual": target_vs_actual_expectations()}
    failed, evaluated, success = [], 0, True
    for name, exps in plans.items():
        if name not in frames:
            continue
        df = frames[name]
        bd = ds.add_dataframe_asset(name).add_batch_definition_whole_dataframe("whole")
        # the suite is stored once with all its expectations (adding them one by one re-serialised the
        # whole suite into the store each time: ~4 s of the ~7 s this check took)
        suite = ctx.suites.add(gx.ExpectationSuite(name=f"chitieu_{name}", expectations=exps))
        vd = ctx.validation_definitions.add(gx.ValidationDefinition(data=bd, suite=suite, name=f"validate_{name}"))
        cp = ctx.checkpoints.add(gx.Checkpoint(
            name=f"checkpoint_{name}", validation_definitions=[vd],
            actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=["chitieu"])],
            result_format={"result_format": "SUMMARY"},
        ))
        res = cp.run(batch_parameters={"dataframe": df})
        success &= bool(res.success)
        for vr in res.run_results.values():
            for r in vr.results:
                evaluated += 1
                if not r.success:
                    cfg = r.expectation_config
                    failed.append({
                        "mart": name, "expectation": cfg.type,
                        "column": cfg.kwargs.get("column") or cfg.kwargs.get("column_list"),
                        "row_condition": cfg.kwargs.get("row_condition"),
                        "unexpected_count": (r.result or {}).get("unexpected_count"),
                        "sample": (r.result or {}).get("partial_unexpected_list", [])[:5],
                    })
    index = gx_dir / "data_docs" / "index.html"
    return SuiteOutcome(success, evaluated, failed, str(index) if index.exists() else None)
