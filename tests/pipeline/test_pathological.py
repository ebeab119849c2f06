"""No single document can sink a run (issue 12): the generated pathological documents next to the seeds.

One `chitieu run` in a child process over raw/ plus tests/pathological.py's documents (one 2.6 MB line
with 60,000 values, a 3 MB line without a value, 40,000 repeated table rows, a dense line with 3,000
values). It must publish the seeds exactly as a run without them does, quarantine each pathological
document whole with the limit and its setting — in marts.quarantine, raw.documents and the Dagster
instance (asset metadata and the documents_within_extraction_limits check) — and stay within the
10,000-document benchmark's memory bound. The bound is generous (the run needs a fraction of it);
nothing here depends on timing.
"""
from __future__ import annotations

import os
import sys

import pytest

from orchestration.cli.benchmark import GIB, TARGETS, run_child
from tests.conftest import REPO, make_env, query
from tests.pathological import EXPECTED_CHECK, pathological_documents

pytestmark = [pytest.mark.pipeline, pytest.mark.timeout(900)]

SETTING = {"line_too_long": "CHITIEU_MAX_LINE_CHARS", "too_many_values_in_line": "CHITIEU_MAX_VALUES_PER_LINE",
           "too_many_values": "CHITIEU_MAX_VALUES_PER_DOCUMENT", "time_budget_exceeded": "CHITIEU_MAX_DOCUMENT_SECONDS"}
SEED_DOCUMENTS = sorted(p.stem for p in (REPO / "raw").glob("*.txt"))
PEAK_BOUND = TARGETS["e2e_10k_peak_bytes"]  # 2 GiB: what 10,000 documents may take, end to end


@pytest.fixture(scope="module")
def pathological_run(tmp_path_factory):
    env = make_env(tmp_path_factory.mktemp("pathological"), pathological_documents())
    child_env = {**os.environ, **env.env,
                 "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    for setting in SETTING.values():  # the defaults, whatever the calling shell set
        child_env.pop(setting, None)
    out = run_child([sys.executable, "-m", "orchestration.cli", "run"], child_env, env.root / "run.log", timeout=840)
    return env, out


def test_the_run_succeeds_and_publishes_the_seeds(pathological_run, seeded_run):
    env, out = pathological_run
    assert out["rc"] == 0, out["output"][-4000:]
    assert "chitieu run OK" in out["output"]
    seeds_env, _ = seeded_run  # the seeds (with the small bad inputs) without the pathological documents
    sql = "select document_id, count(*) from marts.fct_indicator_value where document_id in ({}) group by 1 order by 1"
    ids = ", ".join(f"'{d}'" for d in SEED_DOCUMENTS)
    published = query(env.published_db, sql.format(ids))
    assert [d for d, _ in published] == SEED_DOCUMENTS
    assert published == query(seeds_env.published_db, sql.format(ids))


def test_each_pathological_document_is_quarantined_with_its_limit(pathological_run):
    env, _ = pathological_run
    rows = query(env.published_db, """select document_id, stage, check_name, reason, detail, source_line
                                      from marts.quarantine where document_id like 'patho_%' order by 1""")
    assert {r[0]: r[2] for r in rows} == EXPECTED_CHECK, rows
    for doc_id, stage, check, reason, detail, line in rows:
        assert stage == "extraction" and line is None
        assert SETTING[check] in reason and f"raise {SETTING[check]}" in detail, reason
    assert query(env.published_db, "select count(*) from marts.fct_indicator_value where document_id like 'patho_%'") == [(0,)]
    status = query(env.working_db, "select document_id, status from raw.documents where document_id like 'patho_%' order by 1")
    assert status == [(d, "quarantined") for d in sorted(EXPECTED_CHECK)]
    docs = query(env.published_db, "select count(*) from marts.dim_document where document_id like 'patho_%'")
    assert docs == [(len(EXPECTED_CHECK),)]


def test_the_quarantine_is_visible_in_dagster(pathological_run):
    """What the UI shows: the extraction asset's metadata and the WARN check listing each document."""
    from dagster import AssetKey, DagsterEventType, DagsterInstance

    env, _ = pathological_run
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DAGSTER_HOME", str(env.dagster_home))  # dagster.yaml puts the storage under it
        with DagsterInstance.from_config(str(env.dagster_home)) as instance:
            (run,) = instance.get_runs(limit=1)
            mat = instance.get_latest_materialization_event(AssetKey("indicator_observations"))
            meta = mat.asset_materialization.metadata
            assert meta["documents_quarantined_by_extraction"].value == len(EXPECTED_CHECK)
            table = meta["extraction_quarantine"].value
            assert all(doc in table and check in table for doc, check in EXPECTED_CHECK.items()), table
            assert "CHITIEU_MAX_LINE_CHARS" in table
            logs = instance.all_logs(run.run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION)
            evaluations = [e.dagster_event.event_specific_data for e in logs
                           if e.dagster_event.event_specific_data.check_name == "documents_within_extraction_limits"]
            (check,) = evaluations
            assert not check.passed and check.severity.value == "WARN"
            assert check.metadata["documents_quarantined"].value == len(EXPECTED_CHECK)
            assert "patho_repeated_table_rows" in check.metadata["documents"].value


def test_peak_memory_stays_within_the_benchmark_bound(pathological_run):
    env, out = pathological_run
    assert out["rc"] == 0
    peak = out["peak_rss_bytes"]
    print(f"peak RSS of `chitieu run` with the pathological documents: {peak / GIB:.2f} GiB")
    assert 0 < peak < PEAK_BOUND, f"{peak / GIB:.2f} GiB"
