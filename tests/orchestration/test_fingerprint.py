"""The input fingerprint (orchestration/assets/fingerprint.py): which part a change lands in, and
what dbt must build for it."""
from __future__ import annotations

import shutil

import pandas as pd

from orchestration.assets import fingerprint as fpr
from tests.conftest import REPO


def _docs(**changes) -> pd.DataFrame:
    row = {"document_id": "a", "file_name": "a.txt", "content_sha256": "1" * 64, "status": "ok",
           "doc_type": "report", "extracted_at": "2026-01-01"}
    row.update(changes)
    return pd.DataFrame([row, {**row, "document_id": "b", "file_name": "b.txt", "content_sha256": "2" * 64}])


def _fp(tmp_path, docs=None, extraction="e1"):
    return fpr.input_fingerprint(_docs() if docs is None else docs, extraction, tmp_path / "dbt_project" / "seeds",
                                 tmp_path / "dbt_project")


def _project(tmp_path):
    shutil.copytree(REPO / "dbt_project", tmp_path / "dbt_project", ignore=shutil.ignore_patterns("target", "logs"))


def test_same_inputs_same_fingerprint_and_run_time_is_not_an_input(tmp_path):
    _project(tmp_path)
    a = _fp(tmp_path)
    assert _fp(tmp_path, _docs(extracted_at="2027-05-05")).digest == a.digest
    assert _fp(tmp_path).changed(a) == []


def test_each_change_lands_in_its_part(tmp_path, monkeypatch):
    _project(tmp_path)
    base = _fp(tmp_path)
    assert _fp(tmp_path, _docs(content_sha256="3" * 64)).changed(base) == ["documents"]
    assert _fp(tmp_path, _docs(province_key="VN63-19")).changed(base) == ["documents"]  # a sidecar's metadata
    assert _fp(tmp_path, extraction="e2").changed(base) == ["extraction"]
    seed = tmp_path / "dbt_project" / "seeds" / "units.csv"
    seed.write_text(seed.read_text(encoding="utf-8") + "x,x,x,1,x,x\n", encoding="utf-8")
    seeded = _fp(tmp_path)
    assert seeded.changed(base) == ["seeds"]
    model = tmp_path / "dbt_project" / "models" / "marts" / "dim_unit.sql"
    model.write_text(model.read_text(encoding="utf-8") + "\n-- x\n", encoding="utf-8")
    assert _fp(tmp_path).changed(seeded) == ["models"]
    # checks and code: a copy of the package's checks/ with one file changed
    pkg = tmp_path / "orchestration"
    shutil.copytree(fpr.ORCHESTRATION / "checks", pkg / "checks", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fpr, "ORCHESTRATION", pkg)
    copied = _fp(tmp_path)
    (pkg / "checks" / "schemas.py").write_text((pkg / "checks" / "schemas.py").read_text() + "\n# x\n")
    assert _fp(tmp_path).changed(copied) == ["checks"]
    (pkg / "assets").mkdir()
    (pkg / "assets" / "publish.py").write_text("# x\n")
    assert _fp(tmp_path).changed(copied) == ["checks", "code"]


def test_what_dbt_builds_for_each_change(tmp_path):
    parts = {p: "0" for p in fpr.PARTS}
    built = fpr.Fingerprint(parts)
    now = lambda **c: fpr.Fingerprint({**parts, **c})  # noqa: E731
    assert fpr.dbt_selection(now(), built, True) == []
    assert fpr.dbt_selection(now(documents="1"), built, True) == ["source:raw+"]
    assert fpr.dbt_selection(now(extraction="1"), built, True) == ["source:raw+"]
    assert fpr.dbt_selection(now(models="1"), built, True) == ["state:modified+"]
    assert fpr.dbt_selection(now(seeds="1"), built, True) == ["source:raw+", "state:modified+"]
    assert fpr.dbt_selection(now(checks="1"), built, True) is None  # everything
    assert fpr.dbt_selection(now(code="1"), built, True) is None
    assert fpr.dbt_selection(now(documents="1"), None, True) is None  # no earlier build
    assert fpr.dbt_selection(now(documents="1"), built, False) is None  # working database gone


def test_built_state_is_forgotten_while_a_build_runs(tmp_path):
    manifest = tmp_path / "manifest.json"
    manifest.write_text("{}")
    fp = fpr.Fingerprint({p: "0" for p in fpr.PARTS})
    fpr.record_built(tmp_path / "state", manifest, fp)
    assert fpr.read_built(tmp_path / "state") == fp
    fpr.forget_built(tmp_path / "state")
    assert fpr.read_built(tmp_path / "state") is None
    assert (fpr.dbt_state_dir(tmp_path / "state") / "manifest.json").exists()  # --state still reads it
