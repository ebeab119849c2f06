"""Nightly operation: the 02:00 schedule, the raw/ sensor, and run-failure reporting.

Why run config instead of dynamic partitions per document: the warehouse downstream (dbt models,
the audited marts, the atomic publication) is one unpartitioned whole — every publication must be
a consistent snapshot of *all* documents. Partitioning the two Python assets by document would
make every dbt run depend on "all partitions", need a partition per document in the instance and
still rebuild the marts whole. Incrementality already lives where the cost is (extraction skips
documents whose content hash is unchanged), so the sensor simply requests a ``refresh_all`` run and
says *which* documents triggered it: in the run config (``changed_documents``, echoed in the asset
metadata) and in tags (``chitieu/added`` / ``changed`` / ``removed`` counts and ``chitieu/documents``).
"""

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

from dagster import (
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunFailureSensorContext,
    RunRequest,
    ScheduleDefinition,
    SensorEvaluationContext,
    SkipReason,
    run_failure_sensor,
    sensor,
)

from orchestration.assets.documents import document_id_for, list_raw_files
from orchestration.resources import ChitieuPaths

NIGHTLY_CRON = "0 2 * * *"
NIGHTLY_TZ = "Asia/Ho_Chi_Minh"


def make_schedule(job) -> ScheduleDefinition:
    return ScheduleDefinition(
        name="nightly_refresh", job=job, cron_schedule=NIGHTLY_CRON, execution_timezone=NIGHTLY_TZ,
        default_status=DefaultScheduleStatus.RUNNING, tags={"chitieu/trigger": "schedule"},
        description="Every night at 02:00 Vietnam time: re-read raw/, extract what changed, rebuild, audit, publish.",
    )


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def snapshot_raw(raw_dir: Path, previous: dict | None = None) -> dict[str, dict]:
    """name → {size, mtime_ns, sha256}; a file whose size and mtime did not move is not re-hashed."""
    previous = previous or {}
    out = {}
    for p in list_raw_files(raw_dir):
        st = p.stat()
        prev = previous.get(p.name)
        if isinstance(prev, dict) and prev.get("size") == st.st_size and prev.get("mtime_ns") == st.st_mtime_ns:
            out[p.name] = prev
        else:
            out[p.name] = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": _sha256(p)}
    return out


def baseline(paths: ChitieuPaths, cursor: str | None) -> dict[str, dict]:
    """What the last evaluation saw (cursor) or, on a fresh sensor, what the warehouse last loaded."""
    if cursor:
        return json.loads(cursor)
    state = paths.state_dir / "documents.json"
    if state.exists():
        return {name: {"sha256": sha} for name, sha in json.loads(state.read_text()).items()}
    return {}


def diff(old: dict[str, dict], new: dict[str, dict]) -> dict[str, list[str]]:
    return {
        "added": sorted(set(new) - set(old)),
        "changed": sorted(n for n in set(new) & set(old) if new[n]["sha256"] != old[n].get("sha256")),
        "removed": sorted(set(old) - set(new)),
    }


def make_raw_sensor(job):
    @sensor(name="raw_documents_sensor", job=job, minimum_interval_seconds=30,
            default_status=DefaultSensorStatus.RUNNING,
            description="Watches raw/: new, changed or removed documents trigger refresh_all for just those documents.")
    def raw_documents_sensor(context: SensorEvaluationContext, paths: ChitieuPaths):
        old = baseline(paths, context.cursor)
        new = snapshot_raw(paths.raw, old)
        changes = diff(old, new)
        touched = changes["added"] + changes["changed"] + changes["removed"]
        if not touched:
            context.update_cursor(json.dumps(new))
            return SkipReason(f"no change in {paths.raw} ({len(new)} documents)")
        key_src = json.dumps({n: new[n]["sha256"] for n in sorted(new)}, sort_keys=True)
        run_key = "raw-" + hashlib.sha256(key_src.encode()).hexdigest()[:16]
        doc_ids = sorted({document_id_for(Path(n)) for n in touched})
        context.update_cursor(json.dumps(new))
        context.log.info(f"raw/ changes: {changes}")
        return RunRequest(
            run_key=run_key,
            run_config={"ops": {"indicator_observations": {"config": {"changed_documents": doc_ids}}}},
            tags={
                "chitieu/trigger": "raw_sensor",
                "chitieu/added": str(len(changes["added"])),
                "chitieu/changed": str(len(changes["changed"])),
                "chitieu/removed": str(len(changes["removed"])),
                "chitieu/documents": ",".join(doc_ids)[:200],
            },
        )

    return raw_documents_sensor


def make_failure_sensor(job):
    @run_failure_sensor(name="refresh_failure_reporter", monitored_jobs=[job],
                        default_status=DefaultSensorStatus.RUNNING,
                        description="Logs an actionable message when a refresh fails and records it in warehouse/state/last_failure.json.")
    def refresh_failure_reporter(context: RunFailureSensorContext, paths: ChitieuPaths):
        run = context.dagster_run
        steps = []
        for ev in context.get_step_failure_events():
            err = ev.event_specific_data.error if ev.event_specific_data else None
            steps.append({"step": ev.step_key, "error": (err.message.strip().splitlines() or [""])[0][:400] if err else ""})
        where = ", ".join(s["step"] for s in steps) or "run level"
        first = steps[0]["error"] if steps else (context.failure_event.message or "")
        message = (
            f"refresh_all run {run.run_id} FAILED at {where}: {first} — the last publication "
            f"({paths.published_db}) is unchanged and still served. Fix the cause (see the step's logs in the "
            f"UI; quarantined inputs never fail a run), then re-execute the run from failure in the UI or run "
            f"`scripts/run`."
        )
        context.log.error(message)
        paths.state_dir.mkdir(parents=True, exist_ok=True)
        (paths.state_dir / "last_failure.json").write_text(json.dumps({
            "run_id": run.run_id, "failed_at": datetime.now(timezone.utc).isoformat(), "steps": steps, "message": message,
        }, indent=1))

    return refresh_failure_reporter
