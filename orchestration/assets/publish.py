"""published_marts: write–audit–publish.

WRITE: dbt builds the marts in the working DuckDB. AUDIT: dbt tests, pandera and the Great
Expectations suite run as *blocking* asset checks on the marts; this asset depends on the marts, so
Dagster does not start it when a blocking check fails. PUBLISH (here):

1. copy every table/view of schema ``marts`` from the working db into a NEW DuckDB file
   ``published/.staging-<id>/chitieu.duckdb`` (plus ``meta.publication``), checkpoint, close, fsync.
   It is written in DuckDB's v1.1.0 storage format (``STORAGE_VERSION``), so DuckDB clients from
   1.1 on — the ones BI tools and JDBC/ODBC drivers bundle — can open it, not only this DuckDB;
2. write the same tables as Parquet into ``.staging-<id>/parquet/`` and the Excel workbook
   ``.staging-<id>/chitieu.xlsx`` (``publication_excel.py``), then rename the staging dir to
   ``published/versions/<id>/``: one complete version;
3. swap: ``current -> versions/<id>`` (the whole set in one rename), ``parquet -> versions/<id>/parquet``
   (symlinks replaced with ``os.replace``), and ``chitieu.duckdb`` / ``chitieu.xlsx`` (hard links to
   the version's files, renamed over the old ones: atomic on one file system);
4. prune old versions (keep the newest few: a reader may still be reading the previous one).

With ``report=`` (the asset passes one), the static HTML report (``orchestration/report``) is built
from the staged DuckDB file before any swap into ``.staging-<id>/report/`` and swapped in with the
rest (``published/report -> versions/<id>/report``); a failed build publishes nothing.

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

from orchestration.assets.publication_excel import WORKBOOK_NAME, write_workbook
from orchestration.resources import ChitieuPaths, dbt_project_dir, duckdb_connect

KEEP_VERSIONS = 3
PUBLISHED_SCHEMA = "marts"
STORAGE_VERSION = "v1.1.0"  # oldest DuckDB that reads the published file: 1.1 (tests open it with 1.1.3)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(str(path), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def _swap_in(src: Path, dst: Path) -> None:
    """Put `src` at `dst` atomically: a hard link (a copy where links fail) renamed over `dst`."""
    tmp = dst.with_name(f".staging-{src.parent.name}-{dst.name}")
    try:
        os.link(src, tmp)
    except OSError:
        shutil.copy2(src, tmp)
    os.replace(tmp, dst)


def _swap_link(target: str, link: Path) -> None:
    tmp = link.with_name(f".staging-{link.name}.link")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    if link.exists() and not link.is_symlink():  # a real dir from an older layout: move it aside
        shutil.rmtree(link)
    os.replace(tmp, link)


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
    staging = published_dir / f".staging-{version_id}"  # becomes versions/<id>/
    staging_db = staging / "chitieu.duckdb"
    staging_parquet = staging / "parquet"
    staging_parquet.mkdir(parents=True)
    counts: dict[str, int] = {}
    con = duckdb_connect(staging_db, storage_compatibility_version=STORAGE_VERSION)
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
    manifest = {"version_id": version_id, "published_at": stamp.isoformat(), "run_id": run_id, "row_counts": counts,
                "duckdb_storage_version": STORAGE_VERSION}
    (staging_parquet / "_publication.json").write_text(json.dumps(manifest, indent=1))
    write_workbook(staging_db, staging / WORKBOOK_NAME, {**manifest, "published_at": stamp}, dbt_project_dir())
    report_manifest = report(staging_db, staging / "report") if report is not None else None

    # the complete version dir, then the atomic swaps
    version_dir = versions / version_id
    os.replace(staging, version_dir)
    _fsync_dir(versions)
    _swap_link(os.path.join("versions", version_id), published_dir / "current")
    _swap_link(os.path.join("versions", version_id, "parquet"), published_dir / "parquet")
    if report_manifest is not None:
        _swap_link(os.path.join("versions", version_id, "report"), published_dir / "report")
    target_db, target_xlsx = published_dir / "chitieu.duckdb", published_dir / WORKBOOK_NAME
    _swap_in(version_dir / "chitieu.duckdb", target_db)
    _swap_in(version_dir / WORKBOOK_NAME, target_xlsx)
    _fsync_dir(published_dir)

    # prune: keep the newest `keep` versions, never the current one
    all_versions = sorted((p for p in versions.iterdir() if p.is_dir()), key=lambda p: p.name)
    for old in all_versions[:-keep]:
        if old.name != version_id:
            shutil.rmtree(old, ignore_errors=True)
    return {"version_id": version_id, "published_at": stamp, "duckdb": str(target_db), "excel": str(target_xlsx),
            "parquet": str(published_dir / "parquet"), "parquet_version_dir": str(version_dir / "parquet"),
            "version_dir": str(version_dir), "duckdb_storage_version": STORAGE_VERSION, "row_counts": counts,
            "report": None if report_manifest is None else {**report_manifest, "index": str(published_dir / "report" / "index.html")}}


def published_mart_deps() -> list[AssetKey]:
    from orchestration.assets.dbt import dbt_model_keys

    keys = dbt_model_keys()
    return [k for name, k in sorted(keys.items()) if name.startswith(("dim_", "fct_", "mart_")) or name == "quarantine"]


@asset(
    group_name="publish",
    deps=published_mart_deps(),
    description="The audited marts copied into warehouse/published/chitieu.duckdb (schema marts, readable by "
    "DuckDB 1.1+), warehouse/published/parquet/*.parquet, the Excel workbook warehouse/published/chitieu.xlsx "
    "and the HTML report warehouse/published/report/, swapped in atomically. Runs only when every blocking check on the marts passed.",
    kinds={"duckdb", "parquet", "excel"},
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
            "published_at": MetadataValue.timestamp(result["published_at"]),
            "duckdb": MetadataValue.path(result["duckdb"]),
            "duckdb_storage_version": f"{result['duckdb_storage_version']} (DuckDB clients from 1.1 on read it)",
            "parquet": MetadataValue.path(result["parquet"]),
            "excel": MetadataValue.path(result["excel"]),
            "version_dir": MetadataValue.path(result["version_dir"]),
            "row_counts": MetadataValue.md(table),
            "fct_indicator_value_rows": int(counts.get("fct_indicator_value", 0)),
            "quarantine_rows": int(counts.get("quarantine", 0)),
            # models, columns and lineage as dbt documents them (`chitieu docs` refreshes the page)
            "dbt_docs": MetadataValue.path(str(paths.dbt_docs_dir / "index.html")),
            "report": MetadataValue.path(result["report"]["index"]),  # the HTML report (asset published_report)
            "report_build_seconds": float(result["report"]["build_seconds"]),
        },
    )
