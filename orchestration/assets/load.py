"""warehouse_raw_tables: raw.documents, raw.observations, raw.quarantine (+ the extraction cache)
written into the working DuckDB in ONE transaction, so dbt never sees a half-loaded raw schema.

Tables are replaced whole on every load: the expensive part (parsing) is incremental upstream, the
load of a few thousand rows is not worth a merge. Removed documents therefore disappear here.

Schema ``pipeline`` holds the incremental-extraction state (which document hash was parsed with
which extractor/seed fingerprint, and the rows it produced) and a run log; dbt does not read it.
"""

import json
import math
import os
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa
from dagster import (
    AssetExecutionContext,
    AssetIn,
    AssetKey,
    AssetObservation,
    AssetSpec,
    MaterializeResult,
    MetadataValue,
    multi_asset,
)

from orchestration.assets.fingerprint import Fingerprint, input_fingerprint, published_fingerprint, read_built
from orchestration.resources import ChitieuPaths, dbt_project_dir, duckdb_connect

S, I32, I64, F64, TS, DATE, BOOL = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.timestamp("us"), pa.date32(), pa.bool_()

DOCUMENTS = pa.schema([
    ("document_id", S), ("file_name", S), ("content_sha256", S), ("size_bytes", I64), ("line_count", I32),
    ("encoding", S), ("doc_type", S), ("issuer", S), ("doc_number", S), ("doc_date", DATE), ("doc_date_method", S), ("title", S),
    ("province_key", S), ("province_code", S), ("province_name", S), ("province_method", S),
    ("province_confidence", F64), ("status", S), ("extracted_at", TS),
])
OBSERVATIONS = pa.schema([
    ("document_id", S), ("observation_index", I32), ("source_line", I32), ("source_text", S),
    ("indicator_label", S), ("indicator_code", S), ("match_score", F64), ("year", I32), ("period", S),
    ("value_kind", S), ("comparator", S), ("value_low", F64), ("value_high", F64), ("unit_raw", S),
    ("unit_key", S), ("unit", S), ("value_low_canonical", F64), ("value_high_canonical", F64),
    ("verdict", S), ("layout", S), ("source_text_start", I32), ("source_text_end", I32),
])
QUARANTINE = pa.schema([
    ("document_id", S), ("source_line", I32), ("source_text", S), ("stage", S), ("check_name", S),
    ("reason", S), ("detail", S), ("detected_at", TS), ("source_text_start", I32), ("source_text_end", I32),
])
REJECTS = pa.schema([
    ("document_id", S), ("source_line", I32), ("source_text", S), ("check_name", S), ("reason", S), ("detail", S),
    ("source_text_start", I32), ("source_text_end", I32),
])
STATE = pa.schema([
    ("document_id", S), ("file_name", S), ("content_sha256", S), ("fingerprint", S), ("extracted_at", TS),
    ("observations", I32), ("rejects", I32),
])
RUN_LOG = pa.schema([
    ("run_id", S), ("loaded_at", TS), ("documents", I32), ("documents_ok", I32), ("documents_quarantined", I32),
    ("extracted", I32), ("reused", I32), ("removed", I32), ("observations", I32), ("quarantine_rows", I32),
])

TABLES = {
    "raw.documents": DOCUMENTS,
    "raw.observations": OBSERVATIONS,
    "raw.quarantine": QUARANTINE,
    "pipeline.extraction_cache": OBSERVATIONS,
    "pipeline.extraction_rejects_cache": REJECTS,
    "pipeline.extraction_state": STATE,
}


def _clean(v):
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if v is pd.NaT:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    return v


def _coerce(v, typ):
    v = _clean(v)
    if v is None:
        return None
    if pa.types.is_integer(typ):
        return int(v)
    if pa.types.is_floating(typ):
        return float(v)
    if pa.types.is_string(typ):
        return str(v)
    if pa.types.is_date(typ):
        if isinstance(v, str):
            return datetime.fromisoformat(v).date()
        if isinstance(v, datetime):
            return v.date()
        return v
    if pa.types.is_timestamp(typ) and isinstance(v, datetime) and v.tzinfo is not None:
        return v.astimezone(timezone.utc).replace(tzinfo=None)
    return v


def to_arrow(df: pd.DataFrame | None, schema: pa.Schema) -> pa.Table:
    """A DataFrame as an Arrow table of exactly `schema` (missing columns become nulls)."""
    n = 0 if df is None else len(df)
    arrays = []
    for f in schema:
        if df is None or f.name not in df.columns:
            arrays.append(pa.nulls(n, type=f.type))
        else:
            arrays.append(pa.array([_coerce(v, f.type) for v in df[f.name].tolist()], type=f.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def read_table(db: Path, table: str) -> pd.DataFrame | None:
    """A table of the working db (read-only), or None when the db or the table does not exist yet."""
    if not Path(db).exists():
        return None
    con = duckdb_connect(db, read_only=True)
    try:
        schema, name = table.split(".")
        exists = con.execute(
            "select count(*) from information_schema.tables where table_schema=? and table_name=?", [schema, name]
        ).fetchall()[0][0]
        if not exists:
            return None
        return con.sql(f"select * from {table}").to_arrow_table().to_pandas()
    finally:
        con.close()


def write_tables(db: Path, frames: dict[str, pa.Table], run_log: dict | None = None) -> None:
    """Replace the given tables in one transaction (all or nothing)."""
    Path(db).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb_connect(db)
    try:
        con.execute("begin transaction")
        for schema in sorted({t.split(".")[0] for t in frames} | {"pipeline"}):
            con.execute(f"create schema if not exists {schema}")
        for table, arrow in frames.items():
            con.register("_incoming", arrow)
            con.execute(f"create or replace table {table} as select * from _incoming")
            con.unregister("_incoming")
        if run_log is not None:
            log = to_arrow(pd.DataFrame([run_log]), RUN_LOG)
            con.execute("create table if not exists pipeline.run_log as select * from log where false")
            con.execute("insert into pipeline.run_log select * from log")
        con.execute("commit")
        con.execute("checkpoint")
    except BaseException:
        try:
            con.execute("rollback")
        except Exception:
            pass
        raise
    finally:
        con.close()


def write_sensor_state(state_dir: Path, docs: pd.DataFrame) -> Path:
    """name → sha256 of what was loaded: the raw/ sensor's baseline, readable without DuckDB."""
    state_dir.mkdir(parents=True, exist_ok=True)
    target = state_dir / "documents.json"
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(dict(zip(docs["file_name"], docs["content_sha256"])), indent=1, sort_keys=True))
    os.replace(tmp, target)
    return target


def quarantine_markdown(q: pd.DataFrame, limit: int = 30) -> str:
    if q is None or q.empty:
        return "_no quarantined rows_"
    lines = ["| document | line | stage | check | reason |", "|---|---:|---|---|---|"]
    for _, r in q.head(limit).iterrows():
        reason = str(r["reason"]).replace("|", "\\|")
        lines.append(f"| {r['document_id']} | {_clean(r['source_line']) or ''} | {r['stage']} | {r['check_name']} | {reason} |")
    if len(q) > limit:
        lines.append(f"| … {len(q) - limit} more | | | | |")
    return "\n".join(lines)


RAW_TABLE_KEYS = {name: AssetKey(["raw", name]) for name in ("documents", "observations", "quarantine")}
PUBLISHED_KEY = AssetKey("published_marts")
PLAN_FILE = "refresh_plan.json"
# run tags: what the refresh decided (the run's metadata in the UI and `dagster run list`)
TAG_PUBLICATION = "chitieu/publication"
TAG_FINGERPRINT = "chitieu/input_fingerprint"
TAG_REASON = "chitieu/publication_reason"


def working_db_built(db: Path) -> bool:
    """Does the working database hold the marts a dbt build leaves (so a partial build can reuse it)?"""
    if not Path(db).exists():
        return False
    try:
        con = duckdb_connect(db, read_only=True)
        try:
            return con.execute("select count(*) from information_schema.tables where table_schema = 'marts'"
                               ).fetchall()[0][0] > 0
        finally:
            con.close()
    except Exception:
        return False


def plan_refresh(paths: ChitieuPaths, bundle: dict, run_id: str) -> dict:
    """Compare this run's input fingerprint with the current publication's (see fingerprint.py) and
    write the decision to <state>/refresh_plan.json for the dbt and publication steps of the run."""
    from orchestration.assets.publish import current_version_dir

    fp = input_fingerprint(bundle["documents"], bundle["fingerprint"], paths.seeds, dbt_project_dir())
    version, published = published_fingerprint(current_version_dir(paths.published))
    built = read_built(paths.state_dir)
    forced = bool(bundle.get("forced"))
    current = published is not None and published.digest == fp.digest and not forced
    raw_built = (built is not None and working_db_built(paths.db)
                 and not {"documents", "extraction", "seeds"} & set(fp.changed(built)))
    plan = {
        "run_id": run_id, "fingerprint": fp.as_json(), "published_version": version,
        "published_fingerprint": published.as_json() if published else None,
        "changed": fp.changed(published), "forced": forced, "current": current,
        # the raw tables already hold what this run would write (only models, checks or code changed)
        "raw_unchanged": raw_built and not forced,
    }
    if current:
        plan["reason"] = f"publication {version} still current, because fingerprint {fp.digest} unchanged"
    elif forced:
        plan["reason"] = "rebuild requested (--full)"
    elif published is None:
        plan["reason"] = "first publication" if version is None else f"publication {version} has no fingerprint"
    else:
        plan["reason"] = f"fingerprint {published.digest} → {fp.digest}: changed {', '.join(plan['changed'])}"
    paths.state_dir.mkdir(parents=True, exist_ok=True)
    tmp = paths.state_dir / (PLAN_FILE + ".tmp")
    tmp.write_text(json.dumps(plan, indent=1))
    os.replace(tmp, paths.state_dir / PLAN_FILE)
    return plan


def read_plan(paths: ChitieuPaths, run_id: str) -> dict | None:
    """The decision of `plan_refresh` in this run (None when the run has none, e.g. a dbt-only run)."""
    try:
        plan = json.loads((paths.state_dir / PLAN_FILE).read_text())
    except (OSError, ValueError):
        return None
    return plan if plan.get("run_id") == run_id else None


def plan_fingerprint(plan: dict | None) -> Fingerprint | None:
    return Fingerprint.from_json(plan["fingerprint"]) if plan else None


@multi_asset(
    name="warehouse_raw_tables",
    group_name="warehouse",
    specs=[
        # skippable: a refresh whose inputs are those of the current publication yields none of them,
        # and Dagster skips everything downstream (dbt, checks, publication)
        AssetSpec(RAW_TABLE_KEYS["documents"], deps=["indicator_observations"], kinds={"duckdb"}, skippable=True,
                  description="raw.documents: one row per file in raw/ (status ok / quarantined)."),
        AssetSpec(RAW_TABLE_KEYS["observations"], deps=["indicator_observations"], kinds={"duckdb"}, skippable=True,
                  description="raw.observations: the validated stated values."),
        AssetSpec(RAW_TABLE_KEYS["quarantine"], deps=["indicator_observations"], kinds={"duckdb"}, skippable=True,
                  description="raw.quarantine: every rejected document or row, with stage, check and reason."),
    ],
    ins={"indicator_observations": AssetIn("indicator_observations")},
    description="Writes raw.documents, raw.observations, raw.quarantine (and the extraction cache) into the "
    "working DuckDB in one transaction — unless the inputs (documents, seeds, models, checks, code) have the "
    "fingerprint of the current publication: then nothing is written and everything downstream is skipped.",
)
def warehouse_raw_tables(context: AssetExecutionContext, paths: ChitieuPaths, indicator_observations: dict):
    bundle = indicator_observations
    plan = plan_refresh(paths, bundle, context.run.run_id)
    digest = plan["fingerprint"]["digest"]
    context.log.info(plan["reason"])
    tags = {TAG_FINGERPRINT: digest, TAG_REASON: plan["reason"][:250]}
    if plan["current"]:
        # nothing to write, build, check or publish: the publication is current as of now (freshness)
        version = plan["published_version"]
        context.instance.add_run_tags(context.run.run_id, {**tags, TAG_PUBLICATION: f"{version} (still current)"})
        context.log_event(AssetObservation(asset_key=PUBLISHED_KEY, metadata={
            "status": "still current", "version_id": version, "reason": plan["reason"], "input_fingerprint": digest,
            # freshness checks read this: the publication was confirmed current against its inputs now
            "dagster/last_updated_timestamp": MetadataValue.timestamp(datetime.now(timezone.utc)),
        }))
        return
    context.instance.add_run_tags(context.run.run_id, {**tags, TAG_PUBLICATION: "rebuilt"})
    if plan["raw_unchanged"]:
        # only models, checks or code changed: the raw tables already hold exactly this (not rewritten,
        # so dbt's state comparison sees them as they were built)
        for key in RAW_TABLE_KEYS.values():
            yield MaterializeResult(asset_key=key, metadata={"working_db": str(paths.db), "rewritten": False,
                                                             "reason": plan["reason"]})
        return
    frames = {
        "raw.documents": to_arrow(bundle["documents"], DOCUMENTS),
        "raw.observations": to_arrow(bundle["observations"], OBSERVATIONS),
        "raw.quarantine": to_arrow(bundle["quarantine"], QUARANTINE),
        "pipeline.extraction_cache": to_arrow(bundle["cache_observations"], OBSERVATIONS),
        "pipeline.extraction_rejects_cache": to_arrow(bundle["cache_rejects"], REJECTS),
        "pipeline.extraction_state": to_arrow(bundle["state"], STATE),
    }
    stats = bundle["stats"]
    docs = bundle["documents"]
    run_log = {
        "run_id": context.run.run_id, "loaded_at": datetime.now(timezone.utc).replace(tzinfo=None),
        "documents": len(docs), "documents_ok": int((docs["status"] == "ok").sum()),
        "documents_quarantined": int((docs["status"] != "ok").sum()),
        "extracted": stats["extracted"], "reused": stats["reused"], "removed": stats["removed"],
        "observations": frames["raw.observations"].num_rows, "quarantine_rows": frames["raw.quarantine"].num_rows,
    }
    write_tables(paths.db, frames, run_log)
    write_sensor_state(paths.state_dir, docs)
    q = bundle["quarantine"]
    by_check = q.groupby("check_name").size().sort_values(ascending=False) if len(q) else pd.Series(dtype=int)
    common = {"working_db": str(paths.db), "rewritten": True, "reason": plan["reason"]}
    status = docs["status"].value_counts().to_dict() if len(docs) else {}
    yield MaterializeResult(asset_key=RAW_TABLE_KEYS["documents"], metadata={
        **common, "rows": frames["raw.documents"].num_rows,
        "ok": int(status.get("ok", 0)), "quarantined": int(status.get("quarantined", 0)),
    })
    yield MaterializeResult(asset_key=RAW_TABLE_KEYS["observations"], metadata={
        **common, "rows": frames["raw.observations"].num_rows,
        "documents_extracted": stats["extracted"], "documents_reused": stats["reused"], "documents_removed": stats["removed"],
    })
    yield MaterializeResult(asset_key=RAW_TABLE_KEYS["quarantine"], metadata={
        **common, "rows": frames["raw.quarantine"].num_rows,
        "by_check": MetadataValue.md(
            "\n".join(["| check | rows |", "|---|---:|"] + [f"| {k} | {v} |" for k, v in by_check.items()])
        ),
        "sample": MetadataValue.md(quarantine_markdown(q)),
    })
