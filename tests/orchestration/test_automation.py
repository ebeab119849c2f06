"""Schedule, sensor and instance configuration (no pipeline run)."""
import json
from pathlib import Path

import yaml
from dagster import DagsterInstance, RunRequest, SkipReason, build_sensor_context

from orchestration.automation import NIGHTLY_CRON, NIGHTLY_TZ

REPO = Path(__file__).resolve().parents[2]


def test_nightly_schedule():
    from orchestration.definitions import defs

    s = defs.get_schedule_def("nightly_refresh")
    assert s.cron_schedule == "0 2 * * *" == NIGHTLY_CRON
    assert s.execution_timezone == "Asia/Ho_Chi_Minh" == NIGHTLY_TZ
    assert s.job_name == "refresh_all"
    assert s.default_status.value == "RUNNING"


def test_sensor_sees_added_changed_removed(tmp_path, monkeypatch):
    from orchestration.definitions import defs
    from orchestration.resources import ChitieuPaths

    raw, wh = tmp_path / "raw", tmp_path / "wh"
    raw.mkdir()
    (raw / "a.txt").write_text("một")
    (raw / "b.txt").write_text("hai")
    (raw / "a.meta.json").write_text("{}")  # sidecars are not documents
    monkeypatch.setenv("CHITIEU_RAW_DIR", str(raw))
    monkeypatch.setenv("CHITIEU_WAREHOUSE_DIR", str(wh))
    sensor = defs.get_sensor_def("raw_documents_sensor")
    with DagsterInstance.ephemeral() as instance:
        ctx = build_sensor_context(instance=instance, resources={"paths": ChitieuPaths()})
        first = sensor(ctx)
        assert isinstance(first, RunRequest)
        assert first.run_config["ops"]["indicator_observations"]["config"]["changed_documents"] == ["a", "b"]
        (raw / "b.txt").write_text("hai, đã sửa")
        (raw / "a.txt").unlink()
        (raw / "c.txt").write_text("ba")
        ctx2 = build_sensor_context(instance=instance, cursor=ctx.cursor, resources={"paths": ChitieuPaths()})
        second = sensor(ctx2)
        assert isinstance(second, RunRequest)
        assert second.run_config["ops"]["indicator_observations"]["config"]["changed_documents"] == ["a", "b", "c"]
        assert (second.tags["chitieu/added"], second.tags["chitieu/changed"], second.tags["chitieu/removed"]) == ("1", "1", "1")
        ctx3 = build_sensor_context(instance=instance, cursor=ctx2.cursor, resources={"paths": ChitieuPaths()})
        assert isinstance(sensor(ctx3), SkipReason)


def test_sensor_baseline_is_the_last_load(tmp_path, monkeypatch):
    """A fresh sensor (no cursor) compares raw/ with what the warehouse last loaded, not with nothing."""
    from orchestration.definitions import defs
    from orchestration.extraction.decode import sha256_bytes
    from orchestration.resources import ChitieuPaths

    raw, wh = tmp_path / "raw", tmp_path / "wh"
    raw.mkdir()
    (wh / "state").mkdir(parents=True)
    (raw / "a.txt").write_bytes(b"mot")
    (wh / "state" / "documents.json").write_text(json.dumps({"a.txt": sha256_bytes(b"mot")}))
    monkeypatch.setenv("CHITIEU_RAW_DIR", str(raw))
    monkeypatch.setenv("CHITIEU_WAREHOUSE_DIR", str(wh))
    with DagsterInstance.ephemeral() as instance:
        result = defs.get_sensor_def("raw_documents_sensor")(build_sensor_context(instance=instance, resources={"paths": ChitieuPaths()}))
    assert isinstance(result, SkipReason)


def test_instance_config():
    cfg = yaml.safe_load((REPO / "dagster.yaml").read_text())
    assert cfg["telemetry"]["enabled"] is False
    assert cfg["run_retries"]["enabled"] is True and cfg["run_retries"]["max_retries"] == 2
    assert cfg["run_retries"]["retry_on_asset_or_op_failure"] is False
    assert cfg["run_coordinator"]["config"]["max_concurrent_runs"] == 1


def test_definitions_lineage_is_continuous():
    from dagster import AssetKey

    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert {"raw_documents", "indicator_observations", "raw/documents", "raw/observations", "raw/quarantine", "published_marts"} <= keys
    # dbt staging reads the raw tables the load asset writes
    downstream = {k.to_user_string() for k in graph.get(AssetKey(["raw", "observations"])).child_keys}
    assert downstream, "no dbt model depends on raw/observations"
    groups = {graph.get(AssetKey(k)).group_name for k in ("raw_documents", "indicator_observations", "published_marts")}
    assert groups == {"ingest", "extract", "publish"}


def test_failure_sensor_writes_an_actionable_message(tmp_path, monkeypatch):
    from dagster import DagsterEventType, build_run_status_sensor_context

    from orchestration.definitions import defs
    from orchestration.resources import ChitieuPaths

    raw, wh = tmp_path / "raw", tmp_path / "wh"
    raw.mkdir()
    (raw / "a.txt").write_text("Tỷ lệ che phủ rừng: 46%.\n", encoding="utf-8")
    monkeypatch.setenv("CHITIEU_RAW_DIR", str(raw))
    monkeypatch.setenv("CHITIEU_WAREHOUSE_DIR", str(wh))
    monkeypatch.setenv("CHITIEU_SEEDS_DIR", str(tmp_path / "no_seeds_here"))  # makes the first step fail
    with DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("refresh_all").execute_in_process(instance=instance, raise_on_error=False)
        assert not result.success
        failure = next(e for e in result.all_events if e.event_type == DagsterEventType.RUN_FAILURE)
        ctx = build_run_status_sensor_context(
            sensor_name="refresh_failure_reporter", dagster_instance=instance, dagster_run=result.dagster_run,
            dagster_event=failure, resources={"paths": ChitieuPaths()},
        ).for_run_failure()
        defs.get_sensor_def("refresh_failure_reporter")(ctx)
    report = json.loads((wh / "state" / "last_failure.json").read_text())
    assert report["run_id"] == result.run_id
    assert report["steps"] and report["steps"][0]["step"] == "raw_documents"
    assert "unchanged" in report["message"] and "re-execute" in report["message"]
