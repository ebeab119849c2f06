"""Incremental behaviour: unchanged documents are not re-parsed, the raw/ sensor asks for just the
new document, removed documents disappear from the next publication."""
from __future__ import annotations

import shutil

import pytest

from tests.conftest import RAW, make_env, query

pytestmark = pytest.mark.pipeline

FIRST, SECOND, NEW = "000_3b146eba4ccb37da.txt", "004_602b1e654103ec4d.txt", "002_4ad150eba76395b9.txt"


def _meta(result, key="indicator_observations"):
    for ev in result.get_asset_materialization_events():
        mat = ev.event_specific_data.materialization
        if mat.asset_key.to_user_string() == key:
            return {k: v.value for k, v in mat.metadata.items()}
    raise AssertionError(f"{key} not materialized")


@pytest.fixture(scope="module")
def small_env(tmp_path_factory):
    env = make_env(tmp_path_factory.mktemp("incremental"), copy_raw=False)
    for name in (FIRST, SECOND):
        shutil.copy2(RAW / name, env.raw / name)
    first = env.run_in_process()
    assert first.success
    return env, first


def test_first_run_extracts_everything(small_env):
    _, first = small_env
    meta = _meta(first)
    assert meta["documents_processed"] == 2 and meta["documents_skipped_unchanged"] == 0


def test_second_run_without_change_extracts_nothing(small_env):
    env, first = small_env
    before = query(env.published_db, "select count(*) from marts.fct_indicator_value")[0][0]
    second = env.run_in_process()
    assert second.success
    meta = _meta(second)
    assert meta["documents_processed"] == 0
    assert meta["documents_skipped_unchanged"] == 2
    # nothing changed: nothing was loaded (the run log's last load is the first run's), and the
    # publication is the same one with the same values
    log = query(env.working_db, "select extracted, reused from pipeline.run_log order by loaded_at")
    assert log[-1] == (2, 0)
    assert query(env.published_db, "select count(*) from marts.fct_indicator_value")[0][0] == before


def test_sensor_requests_a_run_for_the_new_document_only(small_env):
    from dagster import DagsterInstance, RunRequest, build_sensor_context

    from orchestration.definitions import defs
    from orchestration.resources import ChitieuPaths

    env, _ = small_env
    shutil.copy2(RAW / NEW, env.raw / NEW)
    sensor = defs.get_sensor_def("raw_documents_sensor")
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.env.items():
            mp.setenv(k, v)
        with DagsterInstance.from_config(str(env.dagster_home)) as instance:
            ctx = build_sensor_context(instance=instance, resources={"paths": ChitieuPaths()})
            request = sensor(ctx)
            assert isinstance(request, RunRequest), request
            changed = request.run_config["ops"]["indicator_observations"]["config"]["changed_documents"]
            assert changed == [NEW.split(".")[0]]
            assert request.tags["chitieu/added"] == "1" and request.tags["chitieu/removed"] == "0"
            assert request.job_name in (None, "refresh_all")
            # evaluated again with the cursor it left: nothing new
            again = build_sensor_context(instance=instance, cursor=ctx.cursor, resources={"paths": ChitieuPaths()})
            assert not isinstance(sensor(again), RunRequest)


def test_removed_document_leaves_the_next_publication(small_env):
    env, _ = small_env
    removed_id = SECOND.split(".")[0]
    assert query(env.published_db, "select count(*) from marts.fct_indicator_value where document_id = ?", [removed_id])[0][0] > 0
    (env.raw / SECOND).unlink()
    third = env.run_in_process()
    assert third.success
    meta = _meta(third)
    assert meta["documents_removed"] == 1
    assert meta["documents_processed"] == 1  # the new document; the unchanged one is reused
    assert query(env.published_db, "select count(*) from marts.fct_indicator_value where document_id = ?", [removed_id])[0][0] == 0
    assert query(env.published_db, "select count(*) from marts.fct_indicator_value where document_id = ?", [NEW.split(".")[0]])[0][0] > 0
