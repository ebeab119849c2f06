"""Shared fixtures: a pipeline environment in temp dirs (raw/, warehouse/, DAGSTER_HOME) and one
session-scoped run of refresh_all over the real raw/ plus bad inputs, reused by the pipeline tests."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
RAW = REPO / "raw"

# ------------------------------------------------------------------ bad documents (each must be quarantined)
PROVINCE_HEAD = (
    "NGHỊ QUYẾT\nVỀ MỤC TIÊU, NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI TỈNH {P_UP} NĂM 2024\n"
    "HỘI ĐỒNG NHÂN DÂN TỈNH {P_UP}\nI. Mục tiêu và các chỉ tiêu chủ yếu\n2. Các chỉ tiêu chủ yếu\n"
)


def _head(province: str) -> str:
    return PROVINCE_HEAD.format(P_UP=province.upper())


BAD_DOCUMENTS: dict[str, bytes] = {
    # GRDP growth 75 % is outside the catalog's valid range (-30..40)
    "bad_grdp_75.txt": (_head("Bắc Kạn") + "- Tốc độ tăng trưởng kinh tế (GRDP): 75%.\n- Tỷ lệ che phủ rừng: 73%.\n").encode(),
    # a unit no seed knows
    "bad_unknown_unit.txt": (_head("Cao Bằng") + "- Diện tích trồng rừng mới: 3.000 dặm vuông.\n- Tỷ lệ che phủ rừng: 56%.\n").encode(),
    # a table row with a missing cell
    "bad_table_row.txt": (
        "BÁO CÁO\nTình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2023 tỉnh Hà Giang\n"
        "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\n"
        "TT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2023\tƯớc thực hiện năm 2023\tĐánh giá\n"
        "1\tTốc độ tăng trưởng kinh tế (GRDP)\t%\t6,5\t6,1\tKhông đạt KH\n"
        "2\tTỷ lệ che phủ rừng\t%\tkhoảng\t\n"
        "3\tTỷ lệ dân số tham gia bảo hiểm y tế\t%\t95\t96\tVượt KH\n"
    ).encode(),
    "bad_empty.txt": b"",
    "bad_binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    "bad_utf16.txt": (_head("Lạng Sơn") + "- Tỷ lệ che phủ rừng: 63%.\n").encode("utf-16"),
}
# the expected quarantine outcome: file → (stage, check_name predicate, reason substring)
EXPECTED_QUARANTINE = {
    "bad_grdp_75": ("range", "75"),
    "bad_unknown_unit": ("unit", ""),
    "bad_table_row": ("row", ""),
    "bad_empty": ("document_empty", "empty"),
    "bad_binary": ("document_binary", "binary"),
    "bad_utf16": ("document_encoding", "encoding: utf-16 detected, expected UTF-8"),
}
DUPLICATE_OF = "000_3b146eba4ccb37da.txt"
DUPLICATE_NAME = "zz_duplicate_copy.txt"


@dataclass
class PipelineEnv:
    root: Path
    raw: Path
    warehouse: Path
    dagster_home: Path
    env: dict = field(default_factory=dict)

    @property
    def working_db(self) -> Path:
        return self.warehouse / "chitieu.duckdb"

    @property
    def published_db(self) -> Path:
        return self.warehouse / "published" / "chitieu.duckdb"

    @property
    def parquet(self) -> Path:
        return self.warehouse / "published" / "parquet"

    def run_in_process(self, run_config: dict | None = None):
        """refresh_all of the real Definitions, in this process, against this env's instance."""
        from dagster import DagsterInstance

        from orchestration.definitions import defs

        with pytest.MonkeyPatch.context() as mp:
            for k, v in self.env.items():
                mp.setenv(k, v)
            with DagsterInstance.from_config(str(self.dagster_home)) as instance:
                result = defs.resolve_job_def("refresh_all").execute_in_process(
                    instance=instance, run_config=run_config or {}, raise_on_error=False
                )
        return result

    def cli(self, *args, **popen_kwargs) -> subprocess.Popen:
        """`chitieu run` in a subprocess (own process group, so a test can kill the whole run)."""
        env = {**os.environ, **self.env, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
        return subprocess.Popen(
            [sys.executable, "-m", "orchestration.cli", "run", *args], cwd=str(REPO), env=env,
            start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **popen_kwargs,
        )


def make_env(root: Path, documents: dict[str, bytes] | None = None, copy_raw: bool = True) -> PipelineEnv:
    raw = root / "raw"
    raw.mkdir(parents=True)
    if copy_raw:
        for p in RAW.iterdir():
            if p.is_file():
                shutil.copy2(p, raw / p.name)
    for name, data in (documents or {}).items():
        (raw / name).write_bytes(data)
    warehouse = root / "warehouse"
    home = root / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / "dagster.yaml", home / "dagster.yaml")
    env = {
        "CHITIEU_RAW_DIR": str(raw),
        "CHITIEU_WAREHOUSE_DIR": str(warehouse),
        "CHITIEU_WORKING_DB": str(warehouse / "chitieu.duckdb"),
        "DAGSTER_HOME": str(home),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "GX_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    }
    return PipelineEnv(root, raw, warehouse, home, env)


def all_bad_documents() -> dict[str, bytes]:
    docs = dict(BAD_DOCUMENTS)
    docs[DUPLICATE_NAME] = (RAW / DUPLICATE_OF).read_bytes()
    return docs


@pytest.fixture(scope="session")
def seeded_run(tmp_path_factory):
    """One full run over the real raw/ plus every bad document; shared by the pipeline tests."""
    env = make_env(tmp_path_factory.mktemp("seeded"), all_bad_documents())
    result = env.run_in_process()
    return env, result


def query(db: Path, sql: str, params=None):
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def query_df(db: Path, sql: str):
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql(sql).to_arrow_table().to_pandas()
    finally:
        con.close()
