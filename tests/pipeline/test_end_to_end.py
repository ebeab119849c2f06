"""A full run of refresh_all on the real raw/ (plus bad inputs) into a temp warehouse."""
from __future__ import annotations

import math

import pyarrow.parquet as pq
import pytest

from tests.conftest import DUPLICATE_NAME, DUPLICATE_OF, EXPECTED_QUARANTINE, RAW, query, query_df

pytestmark = pytest.mark.pipeline

CONTRACT_COLUMNS = (
    "observation_id, document_id, source_line, source_text, province_key, province_code, province_name, "
    "current_province_code, current_province_name, indicator_code, indicator_label, indicator_name_en, year, "
    "period, value_kind, comparator, value_low, value_high, unit_raw, unit, value_low_canonical, "
    "value_high_canonical, verdict, layout"
).split(", ")


def _materialized(result, key: str) -> bool:
    return any(ev.event_specific_data.materialization.asset_key.to_user_string() == key
               for ev in result.get_asset_materialization_events())


def test_run_succeeds_and_publishes(seeded_run):
    env, result = seeded_run
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    assert _materialized(result, "published_marts")
    assert env.published_db.exists()
    failed = [e for e in result.get_asset_check_evaluations() if not e.passed and e.severity.value == "ERROR"]
    assert not failed, failed


def test_fact_has_every_contract_column(seeded_run):
    env, _ = seeded_run
    cols = [r[0] for r in query(env.published_db,
            "select column_name from information_schema.columns where table_schema='marts' and table_name='fct_indicator_value'")]
    assert [c for c in CONTRACT_COLUMNS if c not in cols] == []
    assert query(env.published_db, "select count(*) from marts.fct_indicator_value")[0][0] > 50


def test_parquet_matches_duckdb(seeded_run):
    env, _ = seeded_run
    assert env.parquet.is_symlink()
    fct = env.parquet / "fct_indicator_value.parquet"
    assert fct.exists()
    table = pq.read_table(fct)
    assert [c for c in CONTRACT_COLUMNS if c not in table.column_names] == []
    assert table.num_rows == query(env.published_db, "select count(*) from marts.fct_indicator_value")[0][0]
    tables = {r[0] for r in query(env.published_db, "select table_name from information_schema.tables where table_schema='marts'")}
    assert {p.stem for p in env.parquet.glob("*.parquet")} == tables


def test_thai_nguyen_2024_grdp_growth_target(seeded_run):
    env, _ = seeded_run
    rows = query(env.published_db, """
        select value_low, value_high, unit from marts.fct_indicator_value
        where province_name = 'Thái Nguyên' and indicator_code = 'GRDP_GROWTH' and year = 2024 and value_kind = 'target'""")
    assert rows, "no Thái Nguyên 2024 GRDP growth target"
    assert any(math.isclose(lo, 7.5) and unit == "%" for lo, hi, unit in rows), rows


def test_thai_nguyen_2023_budget_revenue_plan_in_vnd(seeded_run):
    env, _ = seeded_run
    rows = query(env.published_db, """
        select value_low, unit_raw, value_low_canonical, unit from marts.fct_indicator_value
        where province_name = 'Thái Nguyên' and indicator_code = 'BUDGET_REVENUE_TOTAL' and year = 2023 and value_kind = 'target'""")
    assert any(math.isclose(lo, 20000) and math.isclose(can, 2e13) and unit == "VND" for lo, _, can, unit in rows), rows


def test_every_value_is_traceable(seeded_run):
    env, _ = seeded_run
    missing = query(env.published_db, """select count(*) from marts.fct_indicator_value
        where document_id is null or source_line is null or source_line < 1 or source_text is null or trim(source_text) = ''""")
    assert missing[0][0] == 0
    # source_text really is that line of that file
    df = query_df(env.published_db, "select document_id, source_line, source_text from marts.fct_indicator_value using sample 20 rows")
    for r in df.itertuples():
        path = next(p for p in env.raw.iterdir() if p.name.split(".")[0] == r.document_id)
        import unicodedata

        line = unicodedata.normalize("NFC", path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")[r.source_line - 1])
        assert r.source_text.strip() in line.strip() or line.strip() in r.source_text, (r, line)


def test_source_text_offsets_locate_it_in_its_line(seeded_run):
    """source_text_start/end: the published source text is exactly that slice of its line as read."""
    from orchestration.extraction.decode import decode_document

    env, _ = seeded_run
    for table in ("marts.fct_indicator_value", "marts.quarantine"):
        df = query_df(env.published_db, f"""select document_id, source_line, source_text, source_text_start, source_text_end
                                           from {table} where source_text_start is not null""")
        assert len(df) > (50 if table.endswith("value") else 10), table
        lines = {}
        for r in df.itertuples():
            if r.document_id not in lines:
                path = next(p for p in env.raw.iterdir() if p.stem == r.document_id)
                lines[r.document_id] = decode_document(path.read_bytes()).text.split("\n")
            line = lines[r.document_id][r.source_line - 1]
            assert line[r.source_text_start:r.source_text_end] == r.source_text, (table, r)


@pytest.mark.parametrize("document_id", sorted(EXPECTED_QUARANTINE))
def test_bad_input_is_quarantined_in_warehouse_and_publication(seeded_run, document_id):
    env, _ = seeded_run
    check_part, reason_part = EXPECTED_QUARANTINE[document_id]
    for db, table in ((env.working_db, "raw.quarantine"), (env.published_db, "marts.quarantine")):
        rows = query(db, f"select stage, check_name, reason, coalesce(detail, '') from {table} where document_id = ?", [document_id])
        assert rows, f"{document_id} not in {table} of {db.name}"
        assert any(check_part in (c or "").lower() or check_part in (r or "").lower() for _, c, r, _ in rows), rows
        assert any(reason_part in (r or "") + " " + d for _, _, r, d in rows), rows


def test_bad_values_are_not_published(seeded_run):
    env, _ = seeded_run
    assert query(env.published_db, """select count(*) from marts.fct_indicator_value
        where indicator_code = 'GRDP_GROWTH' and (value_low > 40 or value_high > 40)""")[0][0] == 0
    unreadable = [d for d in EXPECTED_QUARANTINE if d.startswith(("bad_empty", "bad_binary", "bad_utf16"))]
    assert query(env.published_db, f"select count(*) from marts.fct_indicator_value where document_id in ({','.join('?' * len(unreadable))})",
                 unreadable)[0][0] == 0


def test_good_parts_of_bad_documents_and_other_documents_publish(seeded_run):
    env, _ = seeded_run
    published_docs = {r[0] for r in query(env.published_db, "select distinct document_id from marts.fct_indicator_value")}
    for p in RAW.glob("*.txt"):
        assert p.stem in published_docs, p.stem
    # the valid line of the 75 % document still publishes
    assert "bad_grdp_75" in published_docs


def test_duplicate_document_is_quarantined_naming_the_original(seeded_run):
    env, _ = seeded_run
    dup_id = DUPLICATE_NAME.split(".")[0]
    for db, table in ((env.working_db, "raw.quarantine"), (env.published_db, "marts.quarantine")):
        rows = query(db, f"select check_name, reason from {table} where document_id = ?", [dup_id])
        assert any(c == "document_duplicate" and DUPLICATE_OF in r for c, r in rows), rows
    status = query(env.working_db, "select status from raw.documents where document_id = ?", [dup_id])
    assert status == [("quarantined",)]


def test_asset_metadata_reports_counts_and_coverage(seeded_run):
    _, result = seeded_run
    mats = {ev.event_specific_data.materialization.asset_key.to_user_string(): ev.event_specific_data.materialization
            for ev in result.get_asset_materialization_events()}
    meta = mats["indicator_observations"].metadata
    assert meta["documents_processed"].value == len(list(RAW.glob("*.txt"))) + 3  # three readable bad documents
    assert meta["documents_quarantined"].value == 4  # empty, binary, utf-16, duplicate
    assert "| document |" in meta["coverage"].value
    assert "| document |" in meta["preview_newest"].value
