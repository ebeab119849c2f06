"""dbt model contracts: a column type change in a contracted mart fails the build before it lands."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.pipeline

DBT = str(Path(sys.executable).parent / "dbt")


@pytest.fixture(scope="module")
def dbt_copy(seeded_run, tmp_path_factory):
    """A copy of the dbt project and of a working DB that has the raw schema."""
    env, _ = seeded_run
    tmp = tmp_path_factory.mktemp("contract")
    project = tmp / "dbt_project"
    shutil.copytree(REPO / "dbt_project", project, ignore=shutil.ignore_patterns("target", "logs"))
    db = tmp / "chitieu.duckdb"
    shutil.copyfile(env.working_db, db)
    return project, db


def dbt_run(project: Path, db: Path, select: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHITIEU_WAREHOUSE_DB": str(db), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    return subprocess.run([DBT, "run", "--select", select, "--project-dir", str(project), "--profiles-dir", str(project)],
                          capture_output=True, text=True, env=env, cwd=project)


def test_unchanged_model_honours_its_contract(dbt_copy):
    project, db = dbt_copy
    proc = dbt_run(project, db, "fct_indicator_value")
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_column_type_change_is_rejected(dbt_copy):
    project, db = dbt_copy
    model = project / "models" / "marts" / "fct_indicator_value.sql"
    sql = model.read_text(encoding="utf-8")
    assert "cast(year as integer)" in sql
    model.write_text(sql.replace("cast(year as integer)", "cast(year as varchar)"), encoding="utf-8")
    try:
        proc = dbt_run(project, db, "fct_indicator_value")
    finally:
        model.write_text(sql, encoding="utf-8")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out[-3000:]
    assert "contract" in out.lower() and "year" in out, out[-3000:]
