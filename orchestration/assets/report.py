"""published_report: the static HTML report of the current publication.

The report is *built* inside the publication step (``published_marts`` passes ``report_builder``
to ``publish``), from the staged DuckDB file, into the same version directory as that file, its
Parquet and its workbook, and published with them by the one rename of ``current``
(``warehouse/published/report -> current/report``). This asset, downstream of the publication,
checks that the current version's report belongs to that version's DuckDB file and links it
(``index``) in its metadata, so the UI shows where to open it.
"""

import json
from collections.abc import Callable
from pathlib import Path

from dagster import AssetExecutionContext, DagsterEventType, MetadataValue, Output, asset

from orchestration.resources import ChitieuPaths, duckdb_connect


def run_checks(context: AssetExecutionContext) -> list[dict]:
    """The asset checks evaluated so far in this run (what the quality page lists)."""
    records = context.instance.get_records_for_run(
        context.run.run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION, limit=100_000).records
    out = []
    for rec in records:
        ev = rec.event_log_entry.dagster_event.event_specific_data
        out.append({"asset": ev.asset_key.to_user_string(), "check": ev.check_name, "passed": bool(ev.passed),
                    "severity": getattr(ev.severity, "value", str(ev.severity)), "description": ev.description})
    return sorted(out, key=lambda c: (c["asset"], c["check"]))


def report_builder(context: AssetExecutionContext) -> Callable[[Path, Path], dict]:
    """What ``publish(report=...)`` calls: build the report of the staged file, with this run's checks."""

    def build(staged_db: Path, out_dir: Path) -> dict:
        from orchestration.report import build_report

        manifest = build_report(staged_db, out_dir, checks=run_checks(context))
        context.log.info(f"report: {manifest['page_count']} pages, {manifest['html_bytes'] / 1e6:.1f} MB, "
                         f"built in {manifest['build_seconds']:.1f} s")
        return manifest

    return build


@asset(
    group_name="publish",
    deps=["published_marts"],
    description="The static HTML report of the publication (warehouse/published/report/index.html: province, "
    "indicator, document and quality pages; every number one click from its sentence). Built by published_marts "
    "into the version directory of the DuckDB file, Parquet and workbook and published with them by one rename "
    "of warehouse/published/current; this asset checks that the current version's report is that version's "
    "and links it.",
    kinds={"html"},
)
def published_report(context: AssetExecutionContext, paths: ChitieuPaths) -> Output[None]:
    from orchestration.assets.publish import DUCKDB_NAME, REPORT_DIR, current_version_dir

    version_dir = current_version_dir(paths.published)  # resolved once: the report and the file of one version
    if version_dir is None:
        raise FileNotFoundError(f"{paths.published_current} is missing: nothing is published")
    manifest_path = version_dir / REPORT_DIR / "_report.json"
    if not manifest_path.exists():
        raise FileNotFoundError(f"{manifest_path} is missing: the publication has no report")
    manifest = json.loads(manifest_path.read_text())
    con = duckdb_connect(version_dir / DUCKDB_NAME, read_only=True)
    try:
        version = con.execute("select version_id from meta.publication").fetchall()[0][0]
    finally:
        con.close()
    if manifest["version_id"] != version or version_dir.name != version:
        raise RuntimeError(f"{version_dir.name}: its report is of version {manifest['version_id']}, "
                           f"its DuckDB file of {version}")
    index = paths.published_report / "index.html"
    pages = "\n".join(["| pages | count |", "|---|---:|"] + [f"| {k} | {v} |" for k, v in sorted(manifest["pages"].items())])
    return Output(None, metadata={
        "index": MetadataValue.path(str(index)),
        "open_in_browser": MetadataValue.url(index.resolve().as_uri()),
        "version_id": version,
        "version_dir": MetadataValue.path(str(version_dir / REPORT_DIR)),
        "page_count": int(manifest["page_count"]),
        "pages": MetadataValue.md(pages),
        "html_megabytes": round(manifest["html_bytes"] / 1e6, 2),
        "largest_page": f"{manifest['largest_page']['path']} ({manifest['largest_page']['bytes'] / 1e3:.0f} kB)",
        "build_seconds": float(manifest["build_seconds"]),
        "checks_listed": manifest.get("checks_recorded"),
    })
