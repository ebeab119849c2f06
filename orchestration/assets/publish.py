"""published_marts: write–audit–publish.

WRITE: dbt builds the marts in the working DuckDB. AUDIT: dbt tests, pandera and the Great
Expectations suite run as *blocking* asset checks on the marts; this asset depends on the marts, so
Dagster does not start it when a blocking check fails. PUBLISH (here):

1. copy every table/view of schema ``marts`` from the working db into a NEW DuckDB file
   ``published/.staging-<id>.duckdb`` (plus ``meta.publication``), checkpoint, close, fsync;
2. write the same tables as Parquet into ``published/versions/<id>/parquet/``;
3. swap: ``os.replace(staging file, published/chitieu.duckdb)`` (atomic rename on one file system)
   and ``os.replace(tmp symlink, published/parquet)`` with ``parquet -> versions/<id>/parquet``;
4. prune old versions (keep the newest few: a reader may still be reading the previous one).

With ``report=`` (the asset passes one), the static HTML report (``orchestration/report``) is built
from the staged DuckDB file before any swap, lands in ``versions/<id>/report/`` and is swapped in
with the rest (``published/report -> versions/<id>/report``); a failed build publishes nothing.

A reader opening ``published/chitieu.duckdb`` read-only sees the old file or the new one, never a
partial one (an open connection keeps reading the inode it opened). A run killed before step 3
leaves the previous publication untouched; the staging leftovers are removed on the next publish.
"""

import json
import os
import shutil
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from dagster import AssetExecutionContext, AssetKey, MetadataValue, Output, asset

from orchestration.resources import ChitieuPaths, duckdb_connect

KEEP_VERSIONS = 3
PUBLISHED_SCHEMA = "marts"


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(str(path), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def mart_relations(db: Path) -> list[str]:
    con = duckdb_connect(db, read_only=True)
    try:
        rows = con.execute(
            "select table_name from information_schema.tables where table_schema = ? order by table_name",
            [PUBLISHED_SCHEMA],
        ).fetchall()
        return [r[0] for r in rows]
    finally:
        con.close()


def publish(working_db: Path, published_dir: Path, run_id: str = "", keep: int = KEEP_VERSIONS,
            report: Callable[[Path, Path], dict] | None = None) -> dict:
    """Copy schema marts of `working_db` into a new publication and swap it in atomically.
    `report(staged_db, out_dir)`, when given, writes the report of the staged publication into out_dir."""
    published_dir.mkdir(parents=True, exist_ok=True)
    versions = published_dir / "versions"
    versions.mkdir(exist_ok=True)
    stamp = datetime.now(timezone.utc)
    version_id = stamp.strftime("%Y%m%dT%H%M%S%fZ") + "-" + uuid.uuid4().hex[:6]
    # leftovers of killed runs
    for p in published_dir.glob(".staging-*"):
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)

    tables = mart_relations(working_db)
    if not tables:
        raise RuntimeError(f"no relations in schema {PUBLISHED_SCHEMA} of {working_db}: did dbt build run?")
    staging_db = published_dir / f".staging-{version_id}.duckdb"
    staging_parquet = published_dir / f".staging-{version_id}-parquet"
    staging_parquet.mkdir()
    counts: dict[str, int] = {}
    con = duckdb_connect(staging_db)
    try:
        con.execute(f"attach '{working_db}' as w (read_only)")
        con.execute(f"create schema {PUBLISHED_SCHEMA}")
        for t in tables:
            con.execute(f'create table {PUBLISHED_SCHEMA}."{t}" as select * from w.{PUBLISHED_SCHEMA}."{t}"')
            counts[t] = con.execute(f'select count(*) from {PUBLISHED_SCHEMA}."{t}"').fetchall()[0][0]
            con.execute(f"copy {PUBLISHED_SCHEMA}.\"{t}\" to '{staging_parquet / (t + '.parquet')}' (format parquet)")
        con.execute("detach w")
        con.execute("create schema meta")
        con.execute(
            "create table meta.publication as select ? as version_id, ? as published_at, ? as run_id, ? as tables",
            [version_id, stamp.replace(tzinfo=None), run_id, json.dumps(counts)],
        )
        con.execute("checkpoint")
    finally:
        con.close()
    with open(staging_db, "rb+") as fh:
        os.fsync(fh.fileno())
    manifest = {"version_id": version_id, "published_at": stamp.isoformat(), "run_id": run_id, "row_counts": counts}
    staging_report = published_dir / f".staging-{version_id}-report"
    report_manifest = report(staging_db, staging_report) if report is not None else None
    (staging_parquet / "_publication.json").write_text(json.dumps(manifest, indent=1))

    # the versioned parquet dir, then the two atomic swaps
    version_dir = versions / version_id
    version_dir.mkdir()
    os.replace(staging_parquet, version_dir / "parquet")
    if report_manifest is not None:
        os.replace(staging_report, version_dir / "report")
    _fsync_dir(version_dir)
    target_db = published_dir / "chitieu.duckdb"
    os.replace(staging_db, target_db)
    link = published_dir / "parquet"
    tmp_link = published_dir / f".staging-{version_id}.link"
    os.symlink(os.path.join("versions", version_id, "parquet"), tmp_link)
    if link.exists() and not link.is_symlink():  # a real dir from an older layout: move it aside
        shutil.rmtree(link)
    os.replace(tmp_link, link)
    if report_manifest is not None:  # same swap for the report: published/report -> versions/<id>/report
        os.symlink(os.path.join("versions", version_id, "report"), tmp_link)
        os.replace(tmp_link, published_dir / "report")
    _fsync_dir(published_dir)

    # prune: keep the newest `keep` versions, never the current one
    all_versions = sorted((p for p in versions.iterdir() if p.is_dir()), key=lambda p: p.name)
    for old in all_versions[:-keep]:
        if old.name != version_id:
            shutil.rmtree(old, ignore_errors=True)
    return {"version_id": version_id, "duckdb": str(target_db), "parquet": str(link),
            "parquet_version_dir": str(version_dir / "parquet"), "row_counts": counts,
            "report": None if report_manifest is None else {**report_manifest, "index": str(published_dir / "report" / "index.html")}}


def published_mart_deps() -> list[AssetKey]:
    from orchestration.assets.dbt import dbt_model_keys

    keys = dbt_model_keys()
    return [k for name, k in sorted(keys.items()) if name.startswith(("dim_", "fct_", "mart_")) or name == "quarantine"]


@asset(
    group_name="publish",
    deps=published_mart_deps(),
    description="The audited marts copied into warehouse/published/chitieu.duckdb (schema marts) and "
    "warehouse/published/parquet/*.parquet, swapped in atomically. Runs only when every blocking "
    "check on the marts passed.",
    kinds={"duckdb", "parquet"},
)
def published_marts(context: AssetExecutionContext, paths: ChitieuPaths) -> Output[None]:
    from orchestration.assets.report import report_builder

    result = publish(paths.db, paths.published, context.run.run_id, report=report_builder(context))
    counts = result["row_counts"]
    table = "\n".join(["| table | rows |", "|---|---:|"] + [f"| marts.{k} | {v} |" for k, v in counts.items()])
    context.log.info(f"published version {result['version_id']} → {result['duckdb']}")
    return Output(
        None,
        metadata={
            "version_id": result["version_id"],
            "duckdb": MetadataValue.path(result["duckdb"]),
            "parquet": MetadataValue.path(result["parquet"]),
            "row_counts": MetadataValue.md(table),
            "fct_indicator_value_rows": int(counts.get("fct_indicator_value", 0)),
            "quarantine_rows": int(counts.get("quarantine", 0)),
            # models, columns and lineage as dbt documents them (`chitieu docs` refreshes the page)
            "dbt_docs": MetadataValue.path(str(paths.dbt_docs_dir / "index.html")),
            "report": MetadataValue.path(result["report"]["index"]),  # the HTML report (asset published_report)
            "report_build_seconds": float(result["report"]["build_seconds"]),
        },
    )
