"""A refresh never exposes a partial publication; a killed run leaves the last one intact."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import query

pytestmark = pytest.mark.pipeline


def _snapshot(env) -> dict:
    return {
        "sha256": hashlib.sha256(env.published_db.read_bytes()).hexdigest(),
        "current": os.readlink(env.warehouse / "published" / "current"),
        "version": query(env.published_db, "select version_id from meta.publication")[0][0],
        "rows": query(env.published_db, "select count(*) from marts.fct_indicator_value")[0][0],
    }


def _kill_when(proc: subprocess.Popen, marker: str) -> list[str]:
    seen = []
    for line in proc.stdout:
        seen.append(line)
        if marker in line:
            os.killpg(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    return seen


@pytest.mark.parametrize("marker", [
    "indicator_observations - STEP_START",     # extraction started
    "chitieu_dbt_models - STEP_START",         # dbt build running
])
def test_killed_run_leaves_previous_publication_intact(seeded_run, marker):
    env, result = seeded_run
    assert result.success
    before = _snapshot(env)
    proc = env.cli("--full", "--log-level", "DEBUG")
    seen = _kill_when(proc, marker)
    assert any(marker in line for line in seen), "".join(seen[-30:])
    assert proc.returncode == -signal.SIGKILL
    after = _snapshot(env)
    assert after == before


READER = textwrap.dedent(r"""
    import json, os, sys, time, duckdb, openpyxl, pyarrow.parquet as pq
    db, parquet, stop, out = sys.argv[1:5]
    published = os.path.dirname(db)
    stats = {"iterations": 0, "errors": [], "partial": [], "versions": [], "mixed": [], "whole_looks": 0}

    def workbook_version(path):
        wb = openpyxl.load_workbook(path, read_only=True)
        try:
            return next(r[1] for r in wb.worksheets[0].iter_rows(values_only=True)
                        if r and r[0] == "Phiên bản công bố / Publication version")
        finally:
            wb.close()

    while not os.path.exists(stop) or stats["iterations"] < 3:
        try:
            # every part through its stable path, as four different clients would open them; if
            # `current` named the same version before and after (a version id is never reused),
            # no swap happened in between and all four must be that version
            before = os.readlink(os.path.join(published, "current"))
            seen = {}
            con = duckdb.connect(db, read_only=True)
            seen["duckdb"] = con.execute("select version_id from meta.publication").fetchall()[0][0]
            con.close()
            seen["excel"] = workbook_version(os.path.join(published, "chitieu.xlsx"))
            seen["parquet"] = json.load(open(os.path.join(parquet, "_publication.json")))["version_id"]
            seen["report"] = json.load(open(os.path.join(published, "report", "_report.json")))["version_id"]
            if os.readlink(os.path.join(published, "current")) == before:
                stats["whole_looks"] += 1
                if set(seen.values()) != {os.path.basename(before)}:
                    stats["mixed"].append(seen)
        except Exception as exc:
            stats["errors"].append(repr(exc))
        try:
            con = duckdb.connect(db, read_only=True)
            try:
                version, tables = con.execute("select version_id, tables from meta.publication").fetchall()[0]
                for t, n in json.loads(tables).items():
                    got = con.execute(f'select count(*) from marts."{t}"').fetchall()[0][0]
                    if got != n:
                        stats["partial"].append([version, t, n, got])
            finally:
                con.close()
            if version not in stats["versions"]:
                stats["versions"].append(version)
            target = os.path.realpath(parquet)
            manifest = json.load(open(os.path.join(target, "_publication.json")))
            for t, n in manifest["row_counts"].items():
                got = pq.read_metadata(os.path.join(target, t + ".parquet")).num_rows
                if got != n:
                    stats["partial"].append(["parquet", t, n, got])
        except Exception as exc:
            stats["errors"].append(repr(exc))
        stats["iterations"] += 1
    json.dump(stats, open(out, "w"))
""")


def test_reader_never_sees_a_partial_publication_during_refresh(seeded_run, tmp_path):
    env, _ = seeded_run
    before = _snapshot(env)
    stop, out = tmp_path / "stop", tmp_path / "reader.json"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(env.published_db), str(env.parquet), str(stop), str(out)])
    try:
        run = env.cli("--full")
        log, _ = run.communicate(timeout=600)
        assert run.returncode == 0, log[-3000:]
    finally:
        stop.touch()
        reader.wait(timeout=120)
    stats = json.loads(out.read_text())
    assert stats["iterations"] > 3
    assert stats["errors"] == [], stats["errors"][:5]
    assert stats["partial"] == [], stats["partial"][:5]
    assert stats["mixed"] == [], stats["mixed"][:5]  # DuckDB file, workbook, Parquet, report: one version
    assert stats["whole_looks"] > 3
    # chitieu run says where the report is, beside the DuckDB file and the Parquet directory
    published = env.warehouse / "published"
    tail = [line.split(None, 1) for line in log.splitlines() if line.startswith("  ") and line.split()]
    where = {parts[0]: parts[1] for parts in tail if len(parts) == 2}
    assert where["DuckDB"] == str(published / "chitieu.duckdb") and where["Parquet"] == f"{published / 'parquet'}/"
    assert where["Report"].split("  (")[0] == str(published / "report" / "index.html")
    assert (published / "report" / "index.html").exists()
    after = _snapshot(env)
    assert after["version"] != before["version"]  # a new publication was swapped in
    assert after["rows"] == before["rows"]  # same raw/, same values
    versions = sorted(p.name for p in (env.warehouse / "published" / "versions").iterdir())
    assert len(versions) <= 3 and os.path.basename(after["current"]) in versions
