"""Dagster asset checks: the quality gates in the UI.

* on ``indicator_observations`` (non-blocking, WARN): row-level pandera failures, the
  economic-structure sum, and documents quarantined whole by extraction (over a limit of
  extraction/limits.py, or crashed); the rows are already in quarantine, the checks make them visible.
* on every mart dbt builds (``dim_*``, ``fct_*``, ``mart_*``, ``quarantine``): a pandera schema,
  **blocking** — ``published_marts`` does not run when one fails.
* on ``fct_indicator_value``: the Great Expectations suite (Data Docs under warehouse/gx/), **blocking**.
* on ``published_marts``: the publication opens read-only and matches the audited marts.
"""

import json
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetKey,
    MetadataValue,
    asset_check,
)

from orchestration.checks.mart_schemas import MART_SCHEMAS, fact_schema, with_declared_columns
from orchestration.checks.schemas import (
    QuarantineSchema,
    SeedReference,
    generic_mart_schema,
)
from orchestration.resources import ChitieuPaths, duckdb_connect


def _md_table(df: pd.DataFrame, limit: int = 10) -> str:
    if df is None or df.empty:
        return "_none_"
    df = df.head(limit).astype(str).apply(lambda s: s.str.replace("|", "\\|", regex=False).str.slice(0, 120))
    lines = ["| " + " | ".join(df.columns) + " |", "|" + "---|" * len(df.columns)]
    lines += ["| " + " | ".join(r) + " |" for r in df.itertuples(index=False, name=None)]
    return "\n".join(lines)


def read_mart(db: Path, name: str, schema: str = "marts") -> pd.DataFrame:
    con = duckdb_connect(db, read_only=True)
    try:
        return con.sql(f'select * from {schema}."{name}"').to_arrow_table().to_pandas()
    finally:
        con.close()


# ------------------------------------------------------------------ observations (before load)
@asset_check(asset="indicator_observations", name="observations_pass_row_rules",
             description="pandera row rules (lazy): failing rows were quarantined with check name and line.")
def observations_pass_row_rules(indicator_observations: dict) -> AssetCheckResult:
    q = indicator_observations["quarantine"]
    vq = q[q["stage"] == "validation"] if len(q) else q
    counts = indicator_observations["stats"]["validation_failures"]
    return AssetCheckResult(
        passed=len(vq) == 0,
        severity=AssetCheckSeverity.WARN,
        metadata={
            "rows_quarantined": len(vq),
            "failures_by_check": MetadataValue.json(counts),
            "sample": MetadataValue.md(_md_table(vq[["document_id", "source_line", "check_name", "reason", "detail"]] if len(vq) else vq)),
        },
    )


@asset_check(asset="indicator_observations", name="structure_shares_sum_100",
             description="Economic-structure shares of one document/year sum to ~100 %.")
def structure_shares_sum_100(indicator_observations: dict) -> AssetCheckResult:
    q = indicator_observations["quarantine"]
    bad = q[q["check_name"] == "structure_shares_sum_100"] if len(q) else q
    return AssetCheckResult(
        passed=len(bad) == 0, severity=AssetCheckSeverity.WARN,
        metadata={"rows": len(bad), "sample": MetadataValue.md(_md_table(bad[["document_id", "source_line", "detail"]] if len(bad) else bad))},
    )


@asset_check(asset="indicator_observations", name="documents_within_extraction_limits",
             description="Every readable document was extracted within its limits (line length, values per line "
             "and per document, time budget) and without an error; one that was not is quarantined whole with "
             "the limit and the setting that raises it, and the other documents went on.")
def documents_within_extraction_limits(indicator_observations: dict) -> AssetCheckResult:
    from orchestration.assets.observations import failures_markdown

    failures = pd.DataFrame(indicator_observations.get("extraction_failures") or [],
                            columns=["document_id", "check_name", "reason", "detail"])
    return AssetCheckResult(
        passed=failures.empty, severity=AssetCheckSeverity.WARN,
        metadata={
            "documents_quarantined": len(failures),
            "by_check": MetadataValue.json(failures.groupby("check_name").size().to_dict() if len(failures) else {}),
            "documents": MetadataValue.md(failures_markdown(failures.to_dict("records"))),
        },
    )


# ------------------------------------------------------------------ marts (audit before publish)
def _pandera_result(df: pd.DataFrame, schema) -> AssetCheckResult:
    try:
        schema.validate(df, lazy=True)
        return AssetCheckResult(passed=True, metadata={"rows": len(df), "failures": 0})
    except pa.errors.SchemaErrors as exc:
        fc = exc.failure_cases
        by_check = fc.groupby(["column", "check"], dropna=False).size().reset_index(name="failures")
        idx = [i for i in fc["index"].dropna().unique().tolist()[:10] if i in df.index]
        return AssetCheckResult(
            passed=False, severity=AssetCheckSeverity.ERROR,
            metadata={
                "rows": len(df), "failures": len(fc),
                "failures_by_check": MetadataValue.md(_md_table(by_check, 30)),
                "sample_failing_rows": MetadataValue.md(_md_table(df.loc[idx]) if idx else _md_table(fc)),
            },
        )


def _declared_columns(model_name: str) -> list[str]:
    from orchestration.assets.dbt import DBT_PROJECT

    manifest = json.loads(Path(DBT_PROJECT.manifest_path).read_text())
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") == "model" and node.get("name") == model_name:
            return list(node.get("columns", {}).keys())
    return []


def make_mart_check(model: str, key: AssetKey):
    @asset_check(asset=key, name=f"pandera_{model}", blocking=True,
                 description=f"pandera schema of marts.{model} (blocks publication when it fails).")
    def _check(context: AssetCheckExecutionContext, paths: ChitieuPaths) -> AssetCheckResult:
        df = read_mart(paths.db, model)
        declared = _declared_columns(model)
        if model == "fct_indicator_value":
            schema = with_declared_columns(fact_schema(SeedReference.load(paths.seeds)), declared)
        elif model == "quarantine":
            schema = with_declared_columns(QuarantineSchema.to_schema(), declared)
        elif model in MART_SCHEMAS:
            schema = with_declared_columns(MART_SCHEMAS[model].to_schema(), declared)
        else:  # a new mart without its own model yet: at least its documented columns and no duplicates
            schema = generic_mart_schema(df, declared, require_rows=model.startswith(("dim_", "fct_")))
        return _pandera_result(df, schema)

    return _check


def make_gx_check(fact_key: AssetKey, quarantine_key: AssetKey | None, target_vs_actual_key: AssetKey | None = None):
    deps = [k for k in (quarantine_key, target_vs_actual_key) if k is not None]

    @asset_check(asset=fact_key, name="great_expectations_suite", blocking=True, additional_deps=deps or None,
                 description="Great Expectations suite over the marts; Data Docs in warehouse/gx/data_docs.")
    def _gx(context: AssetCheckExecutionContext, paths: ChitieuPaths) -> AssetCheckResult:
        from orchestration.checks.expectations import run_suite

        frames = {"fct_indicator_value": read_mart(paths.db, "fct_indicator_value")}
        if quarantine_key is not None:
            frames["quarantine"] = read_mart(paths.db, "quarantine")
        if target_vs_actual_key is not None:
            frames["mart_target_vs_actual"] = read_mart(paths.db, "mart_target_vs_actual")
        out = run_suite(frames, paths.seeds, paths.gx_dir)
        failed = pd.DataFrame(out.failed)
        meta = {
            "expectations_evaluated": out.evaluated,
            "expectations_failed": len(out.failed),
            "failed": MetadataValue.md(_md_table(failed, 30)),
        }
        if out.docs_index:
            meta["data_docs"] = MetadataValue.path(out.docs_index)
        return AssetCheckResult(passed=out.success, severity=AssetCheckSeverity.ERROR, metadata=meta)

    return _gx


@asset_check(asset="published_marts", name="publication_matches_audit",
             description="The published DuckDB opens read-only and has the audited row counts; Parquet matches.")
def publication_matches_audit(paths: ChitieuPaths) -> AssetCheckResult:
    from orchestration.assets.publish import current_version_dir

    version_dir = current_version_dir(paths.published)  # resolved once: the file and Parquet of one version
    db = version_dir / "chitieu.duckdb" if version_dir is not None else paths.published_db
    parquet = version_dir / "parquet" if version_dir is not None else paths.published_parquet
    con = duckdb_connect(db, read_only=True)
    try:
        meta = json.loads(con.execute("select tables from meta.publication").fetchall()[0][0])
        mismatches = []
        for t, n in meta.items():
            got = con.execute(f'select count(*) from marts."{t}"').fetchall()[0][0]
            pq = parquet / f"{t}.parquet"
            pq_rows = con.execute(f"select count(*) from read_parquet('{pq}')").fetchall()[0][0] if pq.exists() else None
            if got != n or pq_rows != n:
                mismatches.append({"table": t, "audited": n, "duckdb": got, "parquet": pq_rows})
    finally:
        con.close()
    return AssetCheckResult(passed=not mismatches, metadata={"tables": len(meta), "mismatches": MetadataValue.json(mismatches)})


def build_checks() -> list:
    from orchestration.assets.dbt import dbt_model_keys

    keys = dbt_model_keys()
    checks = [observations_pass_row_rules, structure_shares_sum_100, documents_within_extraction_limits,
              publication_matches_audit]
    for model, key in sorted(keys.items()):
        if model.startswith(("dim_", "fct_", "mart_")) or model == "quarantine":
            checks.append(make_mart_check(model, key))
    if "fct_indicator_value" in keys:
        checks.append(make_gx_check(keys["fct_indicator_value"], keys.get("quarantine"), keys.get("mart_target_vs_actual")))
    return checks
