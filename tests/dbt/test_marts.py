"""What the published marts answer, on the seeds (issue: marts for analysts; reference data as dimensions)."""
from __future__ import annotations

import csv
import math

import pytest

from tests.conftest import REPO, query

pytestmark = pytest.mark.pipeline

THAI_NGUYEN, THAI_BINH, BAC_KAN = "VN63-19", "VN63-34", "VN63-06"


def tva(db, indicator: str, year: int = 2023, province: str = THAI_NGUYEN) -> dict:
    rows = query(db, """select target_comparator, target_value_low, target_value_high, target_value_low_canonical,
            outcome_value_low, outcome_value_high, outcome_value_low_canonical, attainment_status, document_verdict,
            document_status, verdict_disagrees, gap_absolute
        from marts.mart_target_vs_actual where province_key = ? and indicator_code = ? and year = ? and period = 'FY'""",
                 [province, indicator, year])
    assert len(rows) == 1, rows
    keys = ("cmp", "t_low", "t_high", "t_low_c", "o_low", "o_high", "o_low_c", "status", "verdict", "verdict_status",
            "disagrees", "gap")
    return dict(zip(keys, rows[0]))


def test_grdp_2023_missed_and_agrees_with_the_document(seeded_run):
    env, _ = seeded_run
    r = tva(env.published_db, "GRDP_GROWTH")
    assert (r["cmp"], r["t_low"], r["o_low"]) == ("=", 8.5, 5.56)
    assert r["status"] == "missed" and r["verdict"] == "Không đạt KH" and r["verdict_status"] == "missed"
    assert r["disagrees"] is False
    assert math.isclose(r["gap"], -2.94, abs_tol=1e-9)


def test_budget_revenue_2023_achieved_in_vnd(seeded_run):
    env, _ = seeded_run
    r = tva(env.published_db, "BUDGET_REVENUE_TOTAL")
    assert r["t_low"] == 20000 and r["t_low_c"] == 2e13 and r["o_low_c"] == 2e13
    assert r["status"] == "achieved" and r["disagrees"] is False


def test_forest_cover_at_least_46_against_more_than_46(seeded_run):
    env, _ = seeded_run
    r = tva(env.published_db, "FOREST_COVER")
    assert r["cmp"] == ">=" and r["t_low"] == 46
    assert r["status"] in {"achieved", "exceeded"} and r["disagrees"] is False


def test_lower_is_better_target_uses_the_comparator(seeded_run):
    env, _ = seeded_run
    r = tva(env.published_db, "URBAN_UNEMPLOYMENT_RATE")  # target '< 3 %', estimate 3 % ('Đạt KH')
    assert r["cmp"] == "<" and r["t_high"] == 3
    assert r["status"] == r["verdict_status"] == "achieved"


def test_computed_status_agrees_with_every_stated_verdict(seeded_run):
    env, _ = seeded_run
    rows = query(env.published_db, """select indicator_code, year, attainment_status, document_status
        from marts.mart_target_vs_actual where document_status is not null""")
    assert len(rows) >= 20
    assert [r for r in rows if r[2] != r[3]] == []
    assert query(env.published_db, "select count(*) from marts.mart_target_vs_actual where verdict_disagrees")[0][0] == 0


def test_unknown_only_when_a_side_is_missing(seeded_run):
    env, _ = seeded_run
    bad = query(env.published_db, """select indicator_code, year from marts.mart_target_vs_actual
        where (attainment_status = 'unknown') = (has_target and has_outcome)
          and indicator_code not like 'SHARE_%'""")  # structure shares have no better/worse direction
    assert bad == []


def test_scorecard_counts_match_target_vs_actual(seeded_run):
    env, _ = seeded_run
    card = query(env.published_db, """select province_key, year, period, targets_set, achieved, exceeded, missed
        from marts.mart_province_scorecard""")
    for province, year, period, targets, achieved, exceeded, missed in card:
        counts = dict(query(env.published_db, """select attainment_status, count(*) from marts.mart_target_vs_actual
            where province_key = ? and year = ? and period = ? and has_target group by 1""", [province, year, period]))
        assert targets == sum(counts.values()), (province, year)
        assert (achieved, exceeded, missed) == (counts.get("achieved", 0), counts.get("exceeded", 0), counts.get("missed", 0))


def test_timeseries_rolls_up_to_current_provinces(seeded_run):
    env, _ = seeded_run
    rollup = dict(query(env.published_db, """select distinct province_key, current_province_key
        from marts.mart_indicator_timeseries"""))
    assert rollup[THAI_BINH] == "VN34-33"  # Thái Bình → Hưng Yên
    assert rollup[BAC_KAN] == "VN34-19"  # Bắc Kạn → Thái Nguyên
    assert rollup[THAI_NGUYEN] == "VN34-19"
    names = dict(query(env.published_db, "select province_key, name_en from marts.dim_province"))
    assert names["VN34-33"] == "Hung Yen"


def test_fact_table_has_no_orphan_keys(seeded_run):
    env, _ = seeded_run
    db = env.published_db
    checks = {
        "indicator": "select count(*) from marts.fct_indicator_value f left join marts.dim_indicator d using (indicator_code) where d.indicator_code is null",
        "province": "select count(*) from marts.fct_indicator_value f left join marts.dim_province d using (province_key) where d.province_key is null",
        "current province": "select count(*) from marts.fct_indicator_value f left join marts.dim_province d on d.province_key = f.current_province_key where d.province_key is null",
        "period": "select count(*) from marts.fct_indicator_value f left join marts.dim_period d using (period_key) where d.period_key is null",
        "document": "select count(*) from marts.fct_indicator_value f left join marts.dim_document d using (document_id) where d.document_id is null",
        "unit": "select count(*) from marts.fct_indicator_value f left join marts.dim_unit d using (unit_key) where d.unit_key is null",
    }
    orphans = {name: query(db, sql)[0][0] for name, sql in checks.items()}
    assert orphans == dict.fromkeys(checks, 0)
    assert query(db, "select count(*) from marts.fct_indicator_value where province_key is null")[0][0] == 0


def test_every_gold_statement_maps_to_a_catalog_code(seeded_run):
    """Each required gold value of the seeds is published under an indicator code of the catalog."""
    env, _ = seeded_run
    with (REPO / "tests" / "gold" / "seeds.csv").open(encoding="utf-8") as fh:
        gold = [r for r in csv.DictReader(fh) if r.get("optional") != "1"]
    catalog = {r[0] for r in query(env.published_db, "select indicator_code from marts.dim_indicator")}
    unmapped = []
    for g in gold:
        codes = {r[0] for r in query(env.published_db, """select indicator_code from marts.fct_indicator_value
            where document_id = ? and source_line = ? and year = ?""", [g["document_id"], int(g["source_line"]), int(g["year"])])}
        if not codes or not codes <= catalog:
            unmapped.append((g["document_id"], g["source_line"], g["indicator"]))
    assert unmapped == []


def test_periods_carry_the_five_year_plan(seeded_run):
    env, _ = seeded_run
    plans = dict(query(env.published_db, "select period_key, plan_period from marts.dim_period where period_key in ('2023', '2024-H1', '2026')"))
    assert plans == {"2023": "2021-2025", "2024-H1": "2021-2025", "2026": "2026-2030"}
    spans = {k: (str(a), str(b), t) for k, a, b, t in query(env.published_db, """select period_key, start_date, end_date,
        period_type from marts.dim_period where year = 2024""")}
    assert spans["2024-9M"] == ("2024-01-01", "2024-09-30", "year_to_date")
    assert spans["2024-Q4"] == ("2024-10-01", "2024-12-31", "quarter")
    assert spans["2024"] == ("2024-01-01", "2024-12-31", "year") and len(spans) == 8
