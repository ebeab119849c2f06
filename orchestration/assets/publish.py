"""published_marts: write–audit–publish.

WRITE: dbt builds the marts in the working DuckDB. AUDIT: dbt tests, pandera and the Great
Expectations suite run as *blocking* asset checks on the marts; this asset depends on the marts, so
Dagster does not start it when a blocking check fails. PUBLISH (here), one version at a time:

1. BUILD every part of the version into ``published/.staging-<id>/``, which no reader looks at:
   ``chitieu.duckdb`` (schema ``marts`` + ``meta.publication``, in DuckDB's v1.1.0 storage format,
   ``STORAGE_VERSION``, so the DuckDB bundled in BI tools and JDBC/ODBC drivers opens it),
   ``parquet/*.parquet`` + ``parquet/_publication.json``, the Excel workbook ``chitieu.xlsx``
   (``publication_excel.py``) and, with ``report=`` (the asset passes one), the HTML report
   ``report/`` built from the staged DuckDB file (in a large publication the workbook is written
   by a second process while the report is built). Any failure removes the staging directory and
   raises: nothing is published. Every file is then made read-only and flushed to disk.
2. MOVE the staging directory to ``published/versions/<id>/`` (still invisible).
3. SWAP: ``current -> versions/<id>`` replaced by ONE ``os.replace`` of a symlink. That rename is
   the publication. The stable names are symlinks through ``current`` that never change::

       chitieu.duckdb -> current/chitieu.duckdb      chitieu.xlsx -> current/chitieu.xlsx
       parquet        -> current/parquet             report       -> current/report

   so every path a client opens resolves to the old version or to the new one, all parts together.
4. PRUNE: keep the newest ``keep`` versions and, always, the one ``current`` points at. A reader
   holding a pruned version's file open keeps reading it (POSIX unlink leaves open files readable).

Why symlinks, not hard links, for the stable names: a hard link per file needs one rename per file
(a reader could see the new DuckDB file with the old workbook or report between them). Every client
opens a symlink like the file it points at (the OS follows it; tested with DuckDB 1.1.3 and 2.0,
its CLI, pandas/pyarrow/polars, openpyxl, SQLAlchemy's duckdb-engine and Chromium). The version's
files are read-only (mode 0444): a client opening the DuckDB file read-write by mistake gets
"Permission denied" instead of changing a published version (a hard link would have let it write
into the version's copy too). DuckDB 1.1 puts its write-ahead log next to the *name* it opened (1.5
and 2.0 next to the file the link points at), so a WAL left beside the stable name
(``chitieu.duckdb.wal``, only a root client can make one) would be replayed into the next version by
such a client: the publication removes it before the swap.

A run killed before step 3 leaves the previous publication untouched; staging leftovers are removed
by the next publication. Publications are serialised by a lock file (``.publish.lock``).
"""

import fcntl
import json
import multiprocessing
import os
import shutil
import stat
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from dagster import AssetExecutionContext, AssetKey, MetadataValue, Output, asset

from orchestration.assets.publication_excel import WORKBOOK_NAME, write_workbook
from orchestration.resources import ChitieuPaths, dbt_project_dir, duckdb_connect

KEEP_VERSIONS = 3
PUBLISHED_SCHEMA = "marts"
STORAGE_VERSION = "v1.1.0"  # oldest DuckDB that reads the published file: 1.1 (tests open it with 1.1.3)
CURRENT = "current"
DUCKDB_NAME = "chitieu.duckdb"
REPORT_DIR = "report"
# the parts of a version, each published as <published>/<name> -> current/<name>
STABLE_NAMES = (DUCKDB_NAME, WORKBOOK_NAME, "parquet", REPORT_DIR)
# from this many published rows the workbook is written by a process of its own, beside the report
# (below it, starting a process costs more than it saves)
WORKBOOK_PROCESS_MIN_ROWS = 20_000


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(str(path), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def _swap_link(target: str, link: Path) -> None:
    """Point the symlink `link` at `target` with one rename (readers see the old target or the new)."""
    tmp = link.with_name(f".staging-{uuid.uuid4().hex[:8]}-{link.name}.link")
    os.symlink(target, tmp)
    if link.is_dir() and not link.is_symlink():  # a real directory of a much older layout: move it aside
        os.replace(link, link.with_name(f".staging-{uuid.uuid4().hex[:8]}-{link.name}.old"))
    os.replace(tmp, link)


def current_version_dir(published_dir: Path) -> Path | None:
    """The version directory `current` points at, resolved once: read several parts from it and
    they are of one version even if a publication swaps `current` meanwhile. None before the first."""
    link = published_dir / CURRENT
    if not link.is_symlink():
        return None
    return published_dir / os.readlink(link)


def _point_stable_names_through_current(published_dir: Path) -> None:
    """Make each stable name the symlink current/<name> (created once; a no-op afterwards). Done
    while `current` already points at the version those names show, so nothing a reader sees changes."""
    for name in STABLE_NAMES:
        path, target = published_dir / name, os.path.join(CURRENT, name)
        if path.is_symlink() and os.readlink(path) == target:
            continue
        _swap_link(target, path)


def _adopt_older_layout(published_dir: Path, versions: Path) -> None:
    """A publication made before `current` existed (chitieu.duckdb a file of its own, parquet and
    report links into versions/<id>/): give its version a `current`, so the first swap of this
    layout is one rename too. The DuckDB file is linked into its version directory."""
    if os.path.lexists(published_dir / CURRENT):
        return
    db = published_dir / DUCKDB_NAME
    version_id = None
    if db.is_file():
        try:
            con = duckdb_connect(db, read_only=True)
            try:
                version_id = con.execute("select version_id from meta.publication").fetchall()[0][0]
            finally:
                con.close()
        except Exception:  # not a publication we can read: leave it, the swap replaces it
            version_id = None
    if version_id is None or not (versions / version_id).is_dir():
        return
    for name in (DUCKDB_NAME, WORKBOOK_NAME):
        src, dst = published_dir / name, versions / version_id / name
        if src.is_file() and not src.is_symlink() and not dst.exists():
            try:
                os.link(src, dst)
            except OSError:
                shutil.copy2(src, dst)
    _swap_link(os.path.join("versions", version_id), published_dir / CURRENT)


def _seal(directory: Path) -> None:
    """Every file read-only (directories stay writable, so pruning can remove them), then on disk."""
    for root, _dirs, files in os.walk(directory):
        for f in files:
            p = os.path.join(root, f)
            os.chmod(p, stat.S_IMODE(os.stat(p).st_mode) & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    if hasattr(os, "sync"):
        os.sync()  # data of every part on disk before the rename that publishes it


@contextmanager
def _publish_lock(published_dir: Path) -> Iterator[None]:
    with open(published_dir / ".publish.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def prune_versions(published_dir: Path, keep: int = KEEP_VERSIONS) -> list[str]:
    """Remove all but the newest `keep` versions; never the one `current` points at. Returns the removed ids."""
    versions = published_dir / "versions"
    current = current_version_dir(published_dir)
    protected = {current.name} if current is not None else set()
    all_versions = sorted((p for p in versions.iterdir() if p.is_dir() and not p.is_symlink()), key=lambda p: p.name)
    removed = []
    for old in all_versions[:-max(keep, 1)]:
        if old.name not in protected:
            shutil.rmtree(old, ignore_errors=True)
            removed.append(old.name)
    return removed


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


def _build_version(working_db: Path, staging: Path, version_id: str, stamp: datetime, run_id: str,
                   tables: list[str], report: Callable[[Path, Path], dict] | None,
                   fingerprint: dict | None = None) -> tuple[dict, dict, dict | None]:
    """Every part of one version into `staging`: DuckDB file, Parquet + manifest, workbook, report."""
    staging_db = staging / DUCKDB_NAME
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
            "create table meta.publication as select ? as version_id, ? as published_at, ? as run_id, ? as tables, "
            "cast(? as varchar) as input_fingerprint",
            [version_id, stamp.replace(tzinfo=None), run_id, json.dumps(counts),
             json.dumps(fingerprint) if fingerprint else None],
        )
        con.execute("checkpoint")
    finally:
        con.close()
    manifest = {"version_id": version_id, "published_at": stamp.isoformat(), "run_id": run_id, "row_counts": counts,
                "duckdb_storage_version": STORAGE_VERSION,
                # what it was built from (assets/fingerprint.py): a refresh with the same inputs keeps it
                "input_fingerprint": fingerprint}
    (staging_parquet / "_publication.json").write_text(json.dumps(manifest, indent=1))
    workbook_args = (staging_db, staging / WORKBOOK_NAME, {**manifest, "published_at": stamp}, dbt_project_dir())
    if report is None or sum(counts.values()) < WORKBOOK_PROCESS_MIN_ROWS or (os.cpu_count() or 1) < 2:
        write_workbook(*workbook_args)
        return counts, manifest, report(staging_db, staging / REPORT_DIR) if report is not None else None
    # The workbook and the report both read only the staged file and are the longest parts of a large
    # publication (XlsxWriter writes cell by cell): the workbook is written by a second process meanwhile.
    # (a failing report is raised once the workbook's process has ended: a running task cannot be cancelled)
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        workbook = pool.submit(write_workbook, *workbook_args)
        report_manifest = report(staging_db, staging / REPORT_DIR)
        workbook.result()  # its error, if any, fails the publication like the report's
    return counts, manifest, report_manifest


def publish(working_db: Path, published_dir: Path, run_id: str = "", keep: int = KEEP_VERSIONS,
            report: Callable[[Path, Path], dict] | None = None, fingerprint: dict | None = None) -> dict:
    """Copy schema marts of `working_db` into a new version (DuckDB file, Parquet, workbook and, with
    `report`, the HTML report) and publish the whole version with one rename of `current`.
    `report(staged_db, out_dir)` writes the report of the staged DuckDB file into out_dir."""
    published_dir.mkdir(parents=True, exist_ok=True)
    versions = published_dir / "versions"
    versions.mkdir(exist_ok=True)
    with _publish_lock(published_dir):
        stamp = datetime.now(timezone.utc)
        version_id = stamp.strftime("%Y%m%dT%H%M%S%fZ") + "-" + uuid.uuid4().hex[:6]
        for p in published_dir.glob(".staging-*"):  # leftovers of killed runs
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)

        tables = mart_relations(working_db)
        if not tables:
            raise RuntimeError(f"no relations in schema {PUBLISHED_SCHEMA} of {working_db}: did dbt build run?")
        staging = published_dir / f".staging-{version_id}"  # becomes versions/<id>/
        try:
            counts, manifest, report_manifest = _build_version(working_db, staging, version_id, stamp, run_id,
                                                               tables, report, fingerprint)
            _seal(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)  # a failed part publishes nothing
            raise

        version_dir = versions / version_id
        os.replace(staging, version_dir)
        _fsync_dir(versions)
        _adopt_older_layout(published_dir, versions)
        if os.path.lexists(published_dir / CURRENT):
            _point_stable_names_through_current(published_dir)  # shows the same version as before
        (published_dir / f"{DUCKDB_NAME}.wal").unlink(missing_ok=True)  # see the module docstring
        _swap_link(os.path.join("versions", version_id), published_dir / CURRENT)  # THE publication
        _point_stable_names_through_current(published_dir)  # first publication: create the names
        _fsync_dir(published_dir)
        pruned = prune_versions(published_dir, keep)

    return {"version_id": version_id, "published_at": stamp, "duckdb": str(published_dir / DUCKDB_NAME),
            "excel": str(published_dir / WORKBOOK_NAME), "parquet": str(published_dir / "parquet"),
            "current": str(published_dir / CURRENT), "version_dir": str(version_dir),
            "parquet_version_dir": str(version_dir / "parquet"), "duckdb_storage_version": STORAGE_VERSION,
            "row_counts": counts, "pruned": pruned, "input_fingerprint": fingerprint,
            "report": None if report_manifest is None else
            {**report_manifest, "index": str(published_dir / REPORT_DIR / "index.html")}}


def published_mart_deps() -> list[AssetKey]:
    from orchestration.assets.dbt import dbt_model_keys

    keys = dbt_model_keys()
    return [k for name, k in sorted(keys.items()) if name.startswith(("dim_", "fct_", "mart_")) or name == "quarantine"]


@asset(
    group_name="publish",
    deps=published_mart_deps(),
    description="The audited marts as one version: warehouse/published/chitieu.duckdb (schema marts, readable by "
    "DuckDB 1.1+), warehouse/published/parquet/*.parquet, the Excel workbook warehouse/published/chitieu.xlsx "
    "and the HTML report warehouse/published/report/, all built into versions/<id>/ and published together by "
    "one rename of warehouse/published/current. Runs only when every blocking check on the marts passed.",
    kinds={"duckdb", "parquet", "excel"},
)
def published_marts(context: AssetExecutionContext, paths: ChitieuPaths) -> Output[None]:
    from orchestration.assets.load import TAG_PUBLICATION, read_plan
    from orchestration.assets.report import report_builder

    plan = read_plan(paths, context.run.run_id)
    fingerprint = plan["fingerprint"] if plan else None
    result = publish(paths.db, paths.published, context.run.run_id, report=report_builder(context),
                     fingerprint=fingerprint)
    context.instance.add_run_tags(context.run.run_id, {TAG_PUBLICATION: f"{result['version_id']} (new)"})
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
            "pruned_versions": ", ".join(result["pruned"]) or "none",
            "row_counts": MetadataValue.md(table),
            "fct_indicator_value_rows": int(counts.get("fct_indicator_value", 0)),
            "quarantine_rows": int(counts.get("quarantine", 0)),
            # models, columns and lineage as dbt documents them (`chitieu docs` refreshes the page)
            "dbt_docs": MetadataValue.path(str(paths.dbt_docs_dir / "index.html")),
            "report": MetadataValue.path(result["report"]["index"]),  # the HTML report (asset published_report)
            "report_build_seconds": float(result["report"]["build_seconds"]),
            "input_fingerprint": fingerprint["digest"] if fingerprint else "none (no refresh plan in this run)",
            "why_rebuilt": plan["reason"] if plan else "materialised on its own",
        },
    )
