"""Reading the published marts into plain Python rows (no Dagster, no HTML).

Every query runs on one read-only connection to the published DuckDB file. The large tables
(fct_indicator_value, quarantine) are streamed in chunks in the order the pages need them, so the
builder's memory does not grow with the number of documents.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

CHUNK = 20_000


class Marts:
    """A read-only view of one publication (schema ``marts`` and ``meta.publication``)."""

    def __init__(self, db: Path | str):
        import duckdb

        self.path = Path(db)
        # read-only, capped like every connection of the pipeline (it spills instead of growing)
        from orchestration.resources import duckdb_memory_limit

        self.con = duckdb.connect(str(self.path), read_only=True, config={"memory_limit": duckdb_memory_limit()})

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Marts":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -------------------------------------------------------------------------------- generic
    def rows(self, sql: str, params: list | None = None) -> list[dict]:
        cur = self.con.cursor()
        try:
            cur.execute(sql, params or [])
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, r)) for r in cur.fetchall()]
        finally:
            cur.close()

    def stream(self, sql: str, params: list | None = None) -> Iterator[dict]:
        cur = self.con.cursor()
        try:
            cur.execute(sql, params or [])
            cols = [d[0] for d in cur.description]
            while True:
                chunk = cur.fetchmany(CHUNK)
                if not chunk:
                    break
                for r in chunk:
                    yield dict(zip(cols, r))
        finally:
            cur.close()

    def tables(self) -> set[str]:
        return {r["table_name"] for r in self.rows(
            "select table_name from information_schema.tables where table_schema = 'marts'")}

    # -------------------------------------------------------------------------------- publication
    def publication(self) -> dict:
        (row,) = self.rows("select version_id, published_at, run_id, tables from meta.publication")
        row["row_counts"] = json.loads(row.pop("tables") or "{}")
        return row

    def provinces(self) -> list[dict]:
        return self.rows("select * from marts.dim_province order by province_set desc, province_key")

    def indicators(self) -> list[dict]:
        return self.rows("select * from marts.dim_indicator order by indicator_code")

    def documents(self) -> list[dict]:
        return self.rows("select * exclude (extracted_at) from marts.dim_document order by document_id")

    def scorecards(self) -> list[dict]:
        return self.rows("select * from marts.mart_province_scorecard order by province_key, year, period")

    def target_vs_actual(self) -> list[dict]:
        return self.rows(
            "select province_key, province_name_vi, province_name_en, current_province_key, current_province_name_vi, "
            "current_province_name_en, indicator_code, indicator_name_vi, indicator_name_en, indicator_group, year, "
            "period, has_target, target_comparator, target_value_low, target_value_high, target_unit_raw, target_unit, "
            "target_observation_id, target_candidates, target_values_disagree, has_outcome, outcome_kind, "
            "outcome_comparator, outcome_value_low, outcome_value_high, outcome_unit_raw, outcome_unit, "
            "outcome_observation_id, outcome_candidates, outcome_values_disagree, target_reference_value, "
            "outcome_reference_value, gap_absolute, attainment_status, status_reason, document_verdict, "
            "verdict_disagrees from marts.mart_target_vs_actual "
            "order by province_key, year, period, indicator_group, indicator_code")

    def series(self, order: str) -> Iterator[dict]:
        """Full-year values of mart_indicator_timeseries with their sentence, streamed in `order`
        (``indicator`` or ``current_province``): the charts put values on a year axis (sub-year periods
        are in the tables)."""
        key = {"indicator": "ts.indicator_code, ts.province_key", "current_province": "ts.current_province_key, ts.province_key, ts.indicator_code"}[order]
        return self.stream(
            "select ts.province_key, ts.province_name_vi, ts.province_name_en, ts.current_province_key, "
            "ts.current_province_name_vi, ts.current_province_name_en, ts.indicator_code, ts.year, ts.value_kind, "
            "ts.comparator, ts.value_low, ts.value_high, ts.unit_raw, ts.value_canonical, ts.unit, ts.document_id, "
            "ts.source_line, ts.observation_id, f.source_text, f.indicator_label, f.verdict "
            "from marts.mart_indicator_timeseries ts join marts.fct_indicator_value f using (observation_id) "
            f"where ts.period = 'FY' and ts.value_canonical is not null order by {key}, ts.year, ts.value_kind")

    def observations(self, ids: set[str]) -> Iterator[dict]:
        """The fact rows behind the given observation ids (what a provenance panel shows)."""
        return self.stream(
            "select f.observation_id, f.document_id, f.source_line, f.source_text, f.indicator_label, f.value_kind, "
            "f.comparator, f.value_low, f.value_high, f.unit_raw, f.verdict from marts.fct_indicator_value f "
            "join (select unnest(?::varchar[]) as observation_id) w using (observation_id)", [sorted(ids)])

    def facts_by_document(self) -> Iterator[dict]:
        return self.stream(
            "select observation_id, document_id, source_line, source_text, indicator_code, indicator_label, "
            "indicator_name_vi, indicator_name_en, year, period, value_kind, comparator, value_low, value_high, "
            "unit_raw, verdict, layout from marts.fct_indicator_value order by document_id, source_line, observation_index")

    def quarantine_summary(self) -> list[dict]:
        return self.rows(
            "select stage, check_name, count(*) as n_rows, count(distinct document_id) as n_documents, "
            "min(reason) as example_reason from marts.quarantine group by stage, check_name "
            "order by n_rows desc, stage, check_name")

    def quarantine(self) -> Iterator[dict]:
        return self.stream(
            "select stage, check_name, document_id, source_line, source_text, reason, detail, province_key "
            "from marts.quarantine order by stage, check_name, document_id, source_line nulls first")

    def quarantine_by_document(self) -> Iterator[dict]:
        return self.stream(
            "select document_id, source_line, source_text, stage, check_name, reason, detail "
            "from marts.quarantine where document_id is not null order by document_id, source_line nulls first")

    def conflict_summary(self) -> list[dict]:
        return self.rows(
            "select indicator_code, value_kind, count(distinct conflict_group_id) as groups, "
            "count(*) as n_values from marts.mart_value_conflicts group by all order by groups desc, indicator_code")
