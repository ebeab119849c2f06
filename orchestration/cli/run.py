"""`chitieu run`: execute the refresh_all job of the same Definitions the UI loads, against the
persistent Dagster instance (so the run appears in the UI's history), then say where the marts are.

Exit code 0 only when the run succeeded AND either a new publication was swapped in or the current
one is still current (the inputs have its fingerprint: nothing was rebuilt, checked or published).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _prepare_environment() -> None:
    os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    home = Path(os.environ.get("DAGSTER_HOME") or REPO_ROOT / ".dagster_home").resolve()
    home.mkdir(parents=True, exist_ok=True)
    os.environ["DAGSTER_HOME"] = str(home)
    cfg = home / "dagster.yaml"
    repo_cfg = REPO_ROOT / "dagster.yaml"
    if not cfg.exists() and repo_cfg.exists():  # telemetry off, sqlite under DAGSTER_HOME
        cfg.write_text(repo_cfg.read_text())
    venv_bin = str(Path(sys.executable).parent)
    if venv_bin not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = venv_bin + os.pathsep + os.environ.get("PATH", "")


def published_summary(published_db: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(published_db), read_only=True)
    try:
        q = lambda sql: con.execute(sql).fetchall()[0]  # noqa: E731
        out = {
            "version_id": q("select version_id from meta.publication")[0],
            "values": q("select count(*) from marts.fct_indicator_value")[0],
            "documents_with_values": q("select count(distinct document_id) from marts.fct_indicator_value")[0],
            "provinces": q("select count(distinct province_key) from marts.fct_indicator_value where province_key is not null")[0],
            "years": q("select min(year), max(year), count(distinct year) from marts.fct_indicator_value"),
            "indicators": q("select count(distinct indicator_code) from marts.fct_indicator_value")[0],
        }
        tables = [r[0] for r in con.execute("select table_name from information_schema.tables where table_schema='marts'").fetchall()]
        out["quarantine_rows"] = q("select count(*) from marts.quarantine")[0] if "quarantine" in tables else None
        return out
    finally:
        con.close()


class _QuietSkippedChecks:
    """A refresh that rebuilds nothing (or part of dbt) leaves the dbt tests of what it did not rebuild
    without a result; Dagster warns about each one on the root logger. The summary says it once."""

    def filter(self, record) -> bool:
        return not str(record.msg).startswith("Blocking asset check ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="chitieu run", description="Materialise every asset (refresh_all) and print where the marts are.")
    parser.add_argument("--full", action="store_true", help="re-extract every document (ignore the content-hash cache) and "
                        "rebuild, check and publish even if no input changed")
    parser.add_argument("--quiet", action="store_true", help="only warnings and the summary")
    parser.add_argument("--log-level", default=None, help="Dagster console log level (default INFO; DEBUG shows every step event)")
    args = parser.parse_args(argv or [])

    _prepare_environment()
    import logging

    for handler in logging.getLogger().handlers or [logging.lastResort]:
        handler.addFilter(_QuietSkippedChecks())
    started = time.monotonic()
    from dagster import DagsterInstance

    from orchestration.definitions import defs
    from orchestration.resources import ChitieuPaths

    paths = ChitieuPaths()
    job = defs.resolve_job_def("refresh_all")
    run_config: dict = {"loggers": {"console": {"config": {"log_level": (args.log_level or ("WARNING" if args.quiet else "INFO")).upper()}}}}
    if args.full:
        run_config["ops"] = {"indicator_observations": {"config": {"force_full": True}}}
    with DagsterInstance.get() as instance:
        result = job.execute_in_process(
            instance=instance, run_config=run_config, raise_on_error=False, tags={"chitieu/trigger": "cli"}
        )
        run_id = result.run_id
        published = False
        evals = result.get_asset_check_evaluations()
        docs = indicator_meta = publish_meta = still_current = None
        for ev in result.all_events:
            if ev.event_type_value != "ASSET_OBSERVATION":
                continue
            obs = ev.event_specific_data.asset_observation
            if obs.asset_key.to_user_string() == "published_marts" and obs.metadata.get("status"):
                still_current = {k: v.value for k, v in obs.metadata.items()}
        for ev in result.get_asset_materialization_events():
            mat = ev.event_specific_data.materialization
            if mat.asset_key.to_user_string() == "published_marts":
                published = True
                publish_meta = {k: v.value for k, v in mat.metadata.items()}
            if mat.asset_key.to_user_string() == "raw_documents":
                docs = {k: v.value for k, v in mat.metadata.items()}
            if mat.asset_key.to_user_string() == "indicator_observations":
                indicator_meta = {k: v.value for k, v in mat.metadata.items()}
    elapsed = time.monotonic() - started

    passed = [e for e in evals if e.passed]
    failed = [e for e in evals if not e.passed]
    ok = result.success and (published or still_current is not None)
    print()
    print(f"chitieu run {'OK' if ok else 'FAILED'} in {elapsed:.1f} s  (run {run_id}, DAGSTER_HOME={os.environ['DAGSTER_HOME']})")
    if docs:
        print(f"  documents      {docs.get('documents')} in {docs.get('raw_dir')}: {docs.get('readable')} ok, {docs.get('quarantined')} quarantined")
    if indicator_meta:
        print(f"  extraction     {indicator_meta.get('documents_processed')} extracted, {indicator_meta.get('documents_skipped_unchanged')} unchanged (skipped), "
              f"{indicator_meta.get('documents_removed')} removed; {indicator_meta.get('observations_valid')} valid values, "
              f"{indicator_meta.get('quarantine_rows')} quarantine rows")
    if still_current is not None and not published:
        print(f"  publication    {still_current.get('reason')}: no dbt build, checks or publication")
    print(f"  checks         {len(passed)} passed, {len(failed)} failed"
          + (": " + ", ".join(f"{e.asset_key.to_user_string()}:{e.check_name}" for e in failed[:8]) if failed else ""))
    if paths.published_db.exists():
        try:
            s = published_summary(paths.published_db)
            y = s["years"]
            note = "" if published else ("  (still current)" if still_current is not None
                                         else "  (PREVIOUS publication — this run did not publish)")
            print(f"  published      version {s['version_id']}{note}")
            print(f"  values         {s['values']} from {s['documents_with_values']} documents, {s['indicators']} indicators, "
                  f"{s['provinces']} provinces, years {y[0]}–{y[1]} ({y[2]})")
            if s["quarantine_rows"] is not None:
                print(f"  quarantine     {s['quarantine_rows']} rows (marts.quarantine)")
        except Exception as exc:  # pragma: no cover
            print(f"  published db unreadable: {exc}")
    print(f"  DuckDB         {paths.published_db}")
    print(f"  Parquet        {paths.published_parquet}/")
    print(f"  Excel          {paths.published_excel}")
    report_index = paths.published_report / "index.html"
    if report_index.exists():
        built = (publish_meta or {}).get("report_build_seconds")
        print(f"  Report         {report_index}" + (f"  (built in {built:.1f} s, {built / elapsed:.0%} of the run; "
                                                   "open it in a browser, no server needed)" if built else ""))
    gx_index = paths.gx_dir / "data_docs" / "index.html"
    if gx_index.exists():
        print(f"  GX Data Docs   {gx_index}")
    dbt_docs = paths.dbt_docs_dir / "index.html"
    print(f"  dbt docs       {dbt_docs}" if dbt_docs.exists() else "  dbt docs       `chitieu docs` writes them")
    print("  UI             dagster dev  (same Definitions; this run is in its history)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
