"""The publication opens in the clients analysts use (issue 13), on the shared test publication:

- an OLDER DuckDB than the project's (1.1.3, the oldest the README promises, and the 1.5.6 CLI) opens
  the published file and reads every mart, in a virtual environment this test creates from the
  package registry (cached, keyed by the versions, under pytest's cache dir);
- pyarrow reads every Parquet file;
- the Excel workbook has one sheet per mart with the marts' row counts and values;
- the README's "Connecting clients" section runs as printed: its DuckDB CLI lines (with the older
  CLI), its Python blocks, its Superset URI, and every path it names exists.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, query

pytestmark = pytest.mark.pipeline

OLD_DUCKDB = "1.1.3"  # the oldest DuckDB the README promises (storage v1.1.0); its cp311 wheel exists
OLD_DUCKDB_CLI = "1.5.6"  # duckdb-cli on PyPI: what BI drivers bundle today, and the README's CLI
PLACEHOLDER = "/path/to/chitieu"


# ------------------------------------------------------------------ the older client, created by the test
@pytest.fixture(scope="session")
def old_client(request, tmp_path_factory) -> Path:
    """A venv with duckdb==OLD_DUCKDB and duckdb-cli==OLD_DUCKDB_CLI; returns its bin/ directory.

    Built once per cache (a stamp file marks a finished install; a half-built one is rebuilt) under a
    lock, so two test processes never build into the same directory."""
    key = f"chitieu-old-duckdb-{OLD_DUCKDB}-cli-{OLD_DUCKDB_CLI}-py{sys.version_info[0]}{sys.version_info[1]}"
    cache = getattr(request.config, "cache", None)
    root = Path(cache.mkdir(key)) if cache is not None else tmp_path_factory.mktemp(key)
    venv, stamp = root / "venv", root / "installed.ok"
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not stamp.exists():
            shutil.rmtree(venv, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
            pip = subprocess.run(
                [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                 "--no-input", "--only-binary=:all:", f"duckdb=={OLD_DUCKDB}", f"duckdb-cli=={OLD_DUCKDB_CLI}"],
                capture_output=True, text=True, timeout=600,
            )
            assert pip.returncode == 0, f"could not install the older DuckDB client:\n{pip.stdout}\n{pip.stderr}"
            stamp.write_text(f"duckdb=={OLD_DUCKDB} duckdb-cli=={OLD_DUCKDB_CLI}\n")
    return venv / "bin"


def _run(cmd, cwd: Path, bin_dir: Path | None = None, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "DO_NOT_TRACK": "1"}
    if bin_dir is not None:
        env["PATH"] = str(bin_dir) + os.pathsep + env.get("PATH", "")
    return subprocess.run(cmd, cwd=str(cwd), env=env, capture_output=True, text=True, timeout=300, **kw)


def _marts(db: Path) -> list[str]:
    return [r[0] for r in query(db, "select table_name from information_schema.tables "
                                    "where table_schema = 'marts' order by 1")]


READ_ALL = """
import json, sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
tables = [r[0] for r in con.execute("select table_name from information_schema.tables "
                                    "where table_schema = 'marts' order by 1").fetchall()]
rows = {t: sorted(json.dumps(r, default=str, ensure_ascii=False) for r in con.execute(f'select * from marts."{t}"').fetchall())
        for t in tables}
print(json.dumps({"duckdb": duckdb.__version__, "rows": rows,
                  "version": con.execute("select version_id from meta.publication").fetchone()[0]}))
"""


def test_an_older_duckdb_reads_every_mart_of_the_published_file(seeded_run, old_client, tmp_path):
    """Every row of every mart, as the older client reads it, equals what the project's DuckDB reads."""
    env, _ = seeded_run
    script = tmp_path / "read_marts.py"
    script.write_text(READ_ALL)
    runs = {}
    for who, python in (("old", old_client / "python"), ("project", Path(sys.executable))):
        run = _run([str(python), str(script), str(env.published_db)], cwd=tmp_path)
        assert run.returncode == 0, f"{who}: {run.stderr}"
        runs[who] = json.loads(run.stdout)
    old, new = runs["old"], runs["project"]
    assert old["duckdb"] == OLD_DUCKDB and new["duckdb"] != OLD_DUCKDB  # really two clients
    assert old["version"] == new["version"] == query(env.published_db, "select version_id from meta.publication")[0][0]
    assert sorted(old["rows"]) == _marts(env.published_db) and "fct_indicator_value" in old["rows"]
    for t, rows in new["rows"].items():
        assert len(old["rows"][t]) == len(rows) == query(env.published_db, f'select count(*) from marts."{t}"')[0][0], t
        assert old["rows"][t] == rows, t
    # and the older CLI opens it too
    cli = _run(["duckdb", "-readonly", "-csv", str(env.published_db), "-c",
                "select count(*) from marts.fct_indicator_value"], cwd=tmp_path, bin_dir=old_client)
    assert cli.returncode == 0, cli.stderr
    assert int(cli.stdout.split()[-1]) == len(new["rows"]["fct_indicator_value"])
    version_cli = _run(["duckdb", "--version"], cwd=tmp_path, bin_dir=old_client)
    assert version_cli.stdout.startswith(f"v{OLD_DUCKDB_CLI}"), version_cli.stdout


def test_pyarrow_reads_every_parquet_file(seeded_run):
    import pyarrow.parquet as pq

    env, _ = seeded_run
    tables = _marts(env.published_db)
    files = sorted(p.name for p in env.parquet.iterdir())
    assert files == sorted([f"{t}.parquet" for t in tables] + ["_publication.json"])
    manifest = json.loads((env.parquet / "_publication.json").read_text())
    for t in tables:
        table = pq.read_table(env.parquet / f"{t}.parquet")
        cols = [r[0] for r in query(env.published_db, "select column_name from information_schema.columns where "
                                                      "table_schema = 'marts' and table_name = ? order by ordinal_position", [t])]
        assert table.column_names == cols, t
        assert table.num_rows == query(env.published_db, f'select count(*) from marts."{t}"')[0][0] == manifest["row_counts"][t]
    facts = pq.read_table(env.parquet / "fct_indicator_value.parquet").to_pandas().set_index("observation_id")
    for oid, doc, line, text, low in query(env.published_db, "select observation_id, document_id, source_line, source_text, "
                                                             "value_low from marts.fct_indicator_value order by 1 limit 20"):
        row = facts.loc[oid]
        assert (row.document_id, row.source_line, row.source_text) == (doc, line, text)
        assert (low is None and row.value_low != row.value_low) or row.value_low == low


# ------------------------------------------------------------------ the workbook
def _sheet(wb, name: str) -> tuple[list, list, list[tuple]]:
    rows = list(wb[name].iter_rows(values_only=True))
    return list(rows[0]), list(rows[1]), rows[2:]


def _same(cell, value) -> bool:
    if value is None:
        return cell is None
    if isinstance(value, float) and value != value:  # NaN is written as text
        return cell == "nan"
    if isinstance(value, (dt.date, dt.datetime)) and not isinstance(value, dt.datetime):
        return isinstance(cell, dt.datetime) and cell.date() == value
    if isinstance(value, float) or isinstance(cell, float):
        return isinstance(cell, (int, float)) and not isinstance(cell, bool) and abs(cell - value) <= 1e-12 * max(1, abs(value))
    return cell == value and type(cell) is type(value)


def test_workbook_has_every_mart_with_its_rows_and_values(seeded_run):
    import openpyxl

    from orchestration.assets.publication_excel import COLUMNS_SHEET, CONTENTS_SHEET

    env, _ = seeded_run
    xlsx = env.warehouse / "published" / "chitieu.xlsx"
    version = query(env.published_db, "select version_id from meta.publication")[0][0]
    # the same version as the DuckDB file and the Parquet files: one version directory holds all three
    current = env.warehouse / "published" / "current"
    assert os.readlink(current) == os.path.join("versions", version)
    assert os.path.samefile(xlsx, current / "chitieu.xlsx") and os.path.samefile(env.published_db, current / "chitieu.duckdb")
    assert json.loads((env.parquet / "_publication.json").read_text())["version_id"] == version

    wb = openpyxl.load_workbook(xlsx, read_only=True)
    tables = _marts(env.published_db)
    assert wb.sheetnames[0] == CONTENTS_SHEET and wb.sheetnames[-1] == COLUMNS_SHEET
    assert sorted(wb.sheetnames[1:-1]) == tables and wb.sheetnames[1] == "fct_indicator_value"
    contents = {r[0]: r[1:] for r in wb[CONTENTS_SHEET].iter_rows(values_only=True) if r and r[0]}
    assert contents["Phiên bản công bố / Publication version"][0] == version
    for t in tables:
        vi, names, rows = _sheet(wb, t)
        count = query(env.published_db, f'select count(*) from marts."{t}"')[0][0]
        assert len(rows) == count == contents[t][0], t
        assert names == [r[0] for r in query(env.published_db, "select column_name from information_schema.columns where "
                                                               "table_schema = 'marts' and table_name = ? order by ordinal_position", [t])]
        assert all(vi), f"{t}: a column without its Vietnamese header"

    # the fact sheet: every cell equals the mart, provenance included, numbers as numbers
    vi, names, rows = _sheet(wb, "fct_indicator_value")
    assert {"document_id", "source_line", "source_text", "indicator_name_vi", "indicator_name_en"} <= set(names)
    assert vi[names.index("source_text")] == "Câu gốc"
    by_id = {r[names.index("observation_id")]: r for r in rows}
    facts = query(env.published_db, f'select {", ".join(names)} from marts.fct_indicator_value')
    assert len(by_id) == len(facts)
    for fact in facts:
        sheet_row = by_id[fact[0]]
        bad = [(n, c, v) for n, c, v in zip(names, sheet_row, fact) if not _same(c, v)]
        assert not bad, f"{fact[0]}: {bad[:3]}"
    assert any(isinstance(r[names.index("value_low")], float) for r in rows)

    # the README's first analyst answer, read from the workbook: Thái Nguyên's 2023 GRDP growth
    vi, names, rows = _sheet(wb, "mart_target_vs_actual")
    col = {n: i for i, n in enumerate(names)}
    grdp = [r for r in rows if r[col["province_key"]] == "VN63-19" and r[col["indicator_code"]] == "GRDP_GROWTH"
            and r[col["year"]] == 2023 and r[col["period"]] == "FY"]
    assert len(grdp) == 1
    assert grdp[0][col["target_value_low"]] == 8.5 and grdp[0][col["outcome_value_low"]] == 5.56
    assert round(grdp[0][col["gap_absolute"]], 2) == -2.94 and grdp[0][col["attainment_status"]] == "missed"


# ------------------------------------------------------------------ the README's connection section, as printed
def connection_section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("## Connecting clients")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", connection_section(), flags=re.S)


def test_readme_connection_section_has_the_snippets():
    assert len(_blocks("bash")) >= 1 and len(_blocks("python")) >= 2
    section = connection_section()
    for client in ("DuckDB CLI", "polars", "pandas", "DBeaver", "Metabase", "Superset", "Power BI", "Excel"):
        assert client in section, client


def test_readme_duckdb_cli_lines_run_as_printed(seeded_run, old_client):
    env, _ = seeded_run
    version = query(env.published_db, "select version_id from meta.publication")[0][0]
    lines = [ln for block in _blocks("bash") for ln in block.splitlines() if ln.startswith("duckdb ")]
    assert len(lines) >= 3
    outputs = []
    for line in lines:
        run = _run(["bash", "-c", line], cwd=env.root, bin_dir=old_client)
        assert run.returncode == 0 and not run.stderr.strip(), f"{line}\n{run.stdout}\n{run.stderr}"
        outputs.append(run.stdout)
    assert version in outputs[0]
    assert "Thái Nguyên" in outputs[1]
    assert "target" in outputs[2]


def test_readme_python_blocks_run_as_printed(seeded_run, tmp_path):
    env, _ = seeded_run
    version = query(env.published_db, "select version_id from meta.publication")[0][0]
    n_facts = query(env.published_db, "select count(*) from marts.fct_indicator_value")[0][0]
    outputs = []
    for i, block in enumerate(_blocks("python")):
        script = tmp_path / f"readme_{i}.py"
        script.write_text(block)
        run = _run([sys.executable, "-W", "ignore", str(script)], cwd=env.root)
        assert run.returncode == 0, f"{block}\n{run.stdout}\n{run.stderr}"
        outputs.append(run.stdout)
    assert version in outputs[0] and f"{n_facts} values" in outputs[0]
    assert f"{n_facts} values;" in outputs[1] and f"{n_facts} values in the workbook" in outputs[1]


def test_readme_superset_uri_and_every_named_path_work(seeded_run, tmp_path):
    env, _ = seeded_run
    section = connection_section()
    paths = set(re.findall(re.escape(PLACEHOLDER) + r"(/[\w./-]+\w)", section))
    assert paths, "the section names no absolute path"
    for rel in paths:
        assert (env.root / rel.lstrip("/")).exists(), f"README names {PLACEHOLDER}{rel}, which a publication does not have"
    for rel in set(re.findall(r"`(warehouse/published/[\w./-]*)`", section)):
        assert (env.root / rel).exists(), rel
    uris = re.findall(r"^duckdb:////\S+$", section, flags=re.M)
    assert len(uris) == 1
    # Superset's SQLAlchemy dialect (duckdb-engine), in a subprocess like Superset's own
    script = tmp_path / "superset_uri.py"
    script.write_text(
        "import sys\n"
        "from sqlalchemy import create_engine, text\n"
        "engine = create_engine(sys.argv[1])\n"
        "with engine.connect() as con:\n"
        "    print(con.execute(text('select count(*) from marts.fct_indicator_value')).scalar(),\n"
        "          con.execute(text(\"select current_setting('access_mode')\")).scalar())\n"
        "engine.dispose()\n"
    )
    run = _run([sys.executable, "-W", "ignore", str(script), uris[0].replace(PLACEHOLDER, str(env.root))], cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    n = query(env.published_db, "select count(*) from marts.fct_indicator_value")[0][0]
    assert run.stdout.split() == [str(n), "read_only"]
