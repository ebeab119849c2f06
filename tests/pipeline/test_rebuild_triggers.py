"""A refresh costs what changed (issue 15): with the inputs of the current publication nothing is
built, checked or published; a seed change, a model change and a changed document each rebuild what
depends on them, and publish.

The runs are `chitieu run` in subprocesses against a copy of the dbt project (CHITIEU_DBT_PROJECT_DIR,
read when the code location loads), so a test can change a seed or a model. The assertions are on
what the runs did (the refresh plan, the dbt selection, materialisations in the Dagster instance, the
publication), never on how long they took.
"""
from __future__ import annotations

import json
import os
import shutil
from contextlib import contextmanager

import pytest

from tests.conftest import REPO, RAW, make_env, query

pytestmark = pytest.mark.pipeline

DOCS = ("000_3b146eba4ccb37da.txt", "004_602b1e654103ec4d.txt")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("triggers")
    env = make_env(root, copy_raw=False)
    for name in DOCS:
        shutil.copy2(RAW / name, env.raw / name)
    project = root / "dbt_project"
    shutil.copytree(REPO / "dbt_project", project, ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
    env.env["CHITIEU_DBT_PROJECT_DIR"] = str(project)
    env.project = project
    return env


def run(env) -> dict:
    proc = env.cli("--log-level", "INFO")
    out, _ = proc.communicate(timeout=900)
    assert proc.returncode == 0, out[-4000:]
    plan = json.loads((env.warehouse / "state" / "refresh_plan.json").read_text())
    return {"out": out, "plan": plan, "run_id": plan["run_id"], "current": os.readlink(env.warehouse / "published" / "current")}


@contextmanager
def instance_of(env):
    """The env's Dagster instance, opened with the env's variables (dagster.yaml reads DAGSTER_HOME)."""
    from dagster import DagsterInstance

    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.env.items():
            mp.setenv(k, v)
        with DagsterInstance.from_config(str(env.dagster_home)) as instance:
            yield instance


def materializations(env, run_id: str) -> dict[str, dict]:
    """asset key → metadata of its materialisation in that run."""
    from dagster import DagsterEventType

    with instance_of(env) as instance:
        records = instance.get_records_for_run(run_id, of_type=DagsterEventType.ASSET_MATERIALIZATION).records
        out = {}
        for r in records:
            mat = r.event_log_entry.dagster_event.event_specific_data.materialization
            out[mat.asset_key.to_user_string()] = {k: v.value for k, v in mat.metadata.items()}
        return out


def rebuilt(mats: dict, key: str) -> bool:
    assert key in mats, f"{key} not materialised: {sorted(mats)[:20]}"
    return mats[key].get("rebuilt", True) is not False


def published_fingerprint(env) -> dict:
    return json.loads((env.warehouse / "published" / "parquet" / "_publication.json").read_text())["input_fingerprint"]


@pytest.fixture(scope="module")
def cold(env):
    return run(env)


def test_cold_run_publishes_its_input_fingerprint(env, cold):
    assert cold["plan"]["reason"] == "first publication" and not cold["plan"]["current"]
    assert published_fingerprint(env) == cold["plan"]["fingerprint"]
    (recorded,) = query(env.published_db, "select input_fingerprint from meta.publication")[0]
    assert json.loads(recorded)["digest"] == cold["plan"]["fingerprint"]["digest"]


def test_no_change_refresh_builds_checks_and_publishes_nothing(env, cold):
    from dagster import AssetKey, AssetSelection, Definitions, define_asset_job

    from orchestration.assets.publish import published_marts
    from orchestration.definitions import FRESHNESS_CHECKS, defs
    from orchestration.resources import ChitieuPaths

    again = run(env)
    digest = cold["plan"]["fingerprint"]["digest"]
    version = os.path.basename(cold["current"])
    assert again["plan"]["current"] and again["plan"]["fingerprint"]["digest"] == digest
    assert f"publication {version} still current, because fingerprint {digest} unchanged" in again["out"]
    assert again["current"] == cold["current"]  # the same version is published
    mats = materializations(env, again["run_id"])
    assert "published_marts" not in mats and "published_report" not in mats
    assert not [k for k in mats if k.startswith(("raw/", "marts/", "staging/", "reference/", "intermediate/"))]
    # only the extraction's own checks ran (counted from the Definitions, so a new check does not break this)
    own = [k for k in defs.resolve_asset_graph().asset_check_keys if k.asset_key == AssetKey("indicator_observations")]
    assert own and f"checks         {len(own)} passed, 0 failed" in again["out"]
    with instance_of(env) as instance:
        run_tags = instance.get_run_by_id(again["run_id"]).tags
        assert run_tags["chitieu/publication"] == f"{version} (still current)"
        assert run_tags["chitieu/input_fingerprint"] == digest
        # the freshness check counts the observation that the publication is still current
        latest = instance.fetch_observations(AssetKey("published_marts"), limit=1).records[0]
        assert latest.run_id == again["run_id"]
        job = define_asset_job("freshness", selection=AssetSelection.checks(*FRESHNESS_CHECKS))
        defs = Definitions(assets=[published_marts], asset_checks=FRESHNESS_CHECKS, jobs=[job],
                           resources={"paths": ChitieuPaths()})
        result = defs.resolve_job_def("freshness").execute_in_process(instance=instance)
        (evaluation,) = result.get_asset_check_evaluations()
        assert evaluation.passed, evaluation.description


def test_seed_change_rebuilds_what_reads_the_seeds(env, cold):
    units = env.project / "seeds" / "units.csv"
    text = units.read_text(encoding="utf-8")
    assert ",ratio,percent\n" in text
    units.write_text(text.replace(",ratio,percent\n", ",ratio,percent (changed)\n", 1), encoding="utf-8")
    res = run(env)
    assert "seeds" in res["plan"]["changed"] and not res["plan"]["current"]
    assert "dbt build: source:raw+ state:modified+" in res["out"]
    assert "extraction     2 extracted" in res["out"]  # the seeds are the extraction's reference too
    mats = materializations(env, res["run_id"])
    assert rebuilt(mats, "reference/units") and rebuilt(mats, "marts/dim_unit") and "published_marts" in mats
    assert res["current"] != cold["current"]
    assert query(env.published_db, "select name_en from marts.dim_unit where unit_key = '%'")[0][0] == "percent (changed)"
    assert published_fingerprint(env) == res["plan"]["fingerprint"]


def test_model_change_rebuilds_that_model_and_what_depends_on_it(env):
    before = os.readlink(env.warehouse / "published" / "current")
    model = env.project / "models" / "marts" / "mart_province_scorecard.sql"
    model.write_text(model.read_text(encoding="utf-8") + "\n-- changed by the test\n", encoding="utf-8")
    res = run(env)
    assert res["plan"]["changed"] == ["models"]
    assert "dbt build: state:modified+" in res["out"]
    assert "extraction     0 extracted, 2 unchanged" in res["out"]
    mats = materializations(env, res["run_id"])
    assert rebuilt(mats, "marts/mart_province_scorecard")
    assert not rebuilt(mats, "marts/fct_indicator_value") and not rebuilt(mats, "reference/units")
    assert mats["raw/documents"]["rewritten"] is False  # the raw tables hold what they held
    assert "published_marts" in mats and res["current"] != before


def test_changed_document_extracts_only_it_and_rebuilds_what_reads_the_raw_tables(env):
    before = os.readlink(env.warehouse / "published" / "current")
    doc = env.raw / DOCS[0]
    doc.write_text(doc.read_text(encoding="utf-8") + "\nVăn bản được bổ sung để kiểm tra.\n", encoding="utf-8")
    res = run(env)
    assert res["plan"]["changed"] == ["documents"]
    assert "extraction     1 extracted, 1 unchanged" in res["out"]
    assert "dbt build: source:raw+" in res["out"] and "state:modified" not in res["plan"]["reason"]
    mats = materializations(env, res["run_id"])
    assert rebuilt(mats, "marts/fct_indicator_value") and rebuilt(mats, "staging/stg_documents")
    assert not rebuilt(mats, "reference/units") and not rebuilt(mats, "marts/dim_unit")  # seeds and what reads only them
    assert mats["raw/documents"]["rewritten"] is True
    assert "published_marts" in mats and res["current"] != before
    # and the next refresh with nothing changed is a no-change refresh again
    assert run(env)["plan"]["current"]
