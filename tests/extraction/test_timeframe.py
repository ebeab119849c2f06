"""Rules of reading a value's year, kind and period (timeframe.py), one short string per rule."""
from __future__ import annotations

import pytest

from orchestration.extraction.text import cue_fold
from orchestration.extraction.timeframe import EMPTY, Anchor, Scope, read_scope

JAN_2024 = Anchor(doc_year=2024, doc_month=1, result_year=2023, plan_year=2024, default_kind="estimate")
JUL_2024 = Anchor(doc_year=2024, doc_month=7, result_year=2024, plan_year=2024, default_kind="estimate")


def scope_of(text: str, anchor: Anchor = JUL_2024) -> Scope:
    return read_scope(cue_fold(text), anchor)


def test_set_a_target_is_not_reach_a_target():
    # "đặt mục tiêu" sets a target, "đạt mục tiêu" reports one reached: the fold keeps ặ apart
    assert scope_of("tỉnh đặt mục tiêu tăng trưởng").kind == "target"
    assert scope_of("tỉnh đạt mục tiêu tăng trưởng").kind != "target"


@pytest.mark.parametrize("words, period", [
    ("6 tháng đầu năm", "H1"), ("6 tháng cuối năm", "H2"), ("nửa cuối năm", "H2"), ("9 tháng", "9M"),
    ("quý IV", "Q4"), ("quý 2", "Q2"), ("tính chung năm", "FY")])
def test_period_names(words, period):
    assert scope_of(words).period == period


def test_a_sub_year_result_without_a_year_is_the_last_one_that_ended():
    # a fourth quarter reported in January is last year's; a first half reported in July this year's
    assert JAN_2024.resolve(Scope(period="Q4")) == (2023, "estimate", "Q4")
    assert JUL_2024.resolve(Scope(period="H1")) == (2024, "estimate", "H1")


def test_a_new_period_without_a_year_does_not_keep_an_older_year():
    # "… năm 2023 tăng 12 bậc. Trong 6 tháng cuối năm, phấn đấu …": the second half of the text's year
    said = scope_of("Trong 6 tháng cuối năm").within(Scope(year=2023, kind="actual"), JUL_2024)
    assert (said.year, said.period) == (None, "H2")
    assert JUL_2024.resolve(scope_of("phấn đấu").within(said, JUL_2024, sibling=True)) == (2024, "target", "H2")


def test_a_target_after_results_does_not_inherit_their_period():
    results = Scope(year=2024, kind="estimate", period="H1")
    assert JUL_2024.resolve(scope_of("phấn đấu cả năm").within(results, JUL_2024))[1:] == ("target", "FY")


def test_an_estimate_in_a_list_of_next_years_targets_is_part_of_the_plan():
    dec = Anchor(doc_year=2025, doc_month=12, result_year=2025, plan_year=2026, default_kind="estimate")
    plan = Scope(year=2026, kind="target")
    assert dec.resolve(scope_of("tổng vốn đầu tư ước đạt", dec).within(plan, dec)) == (2026, "target", "FY")


def test_value_commentary_after_the_last_value_sets_no_frame(run):
    text = ("BÁO CÁO\nTình hình kinh tế - xã hội 6 tháng đầu năm 2025\n"
            "Sản lượng chè búp tươi đạt 25.700 tấn, đưa tỉnh đến gần hơn mục tiêu trở thành vùng chè lớn.\n"
            "Tổng vốn đầu tư toàn xã hội đạt 9.000 tỷ đồng.\n")
    _, res = run(text)
    kinds = {o.source_line: o.value_kind for o in res.observations}
    assert kinds.get(4) in ("estimate", "actual"), kinds  # a result, not a target


def test_empty_scope_completed_by_nothing_is_empty():
    assert EMPTY.within(EMPTY).empty


def test_cue_finder_equals_the_cue_grammar_on_every_real_line():
    # cue_matches tries the grammar only where a cue word starts; it must find exactly what a scan of
    # every position finds (a cue that opens with a word missing from _CUE_FIRST_WORDS would be lost)
    from pathlib import Path

    from orchestration.extraction.timeframe import _CUE, cue_matches

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    lines = [cue_fold(line) for p in sorted(corpus.rglob("*.txt"))
             for line in p.read_text(encoding="utf-8", errors="replace").splitlines()]
    assert len(lines) > 1000
    for line in lines:
        assert [(m.span(), m.lastgroup) for m in cue_matches(line)] == \
               [(m.span(), m.lastgroup) for m in _CUE.finditer(line)], line


@pytest.mark.parametrize("words", ["cao hơn mục tiêu Chính phủ và HĐND tỉnh giao",
                                   "vượt xa dự toán Trung ương giao", "thấp hơn chỉ tiêu đề ra"])
def test_a_result_measured_against_the_plan_sets_no_target(words):
    assert scope_of("6 tháng đầu năm 2025, kinh tế tăng trưởng khá, " + words).kind != "target"


def test_a_plan_in_brackets_after_its_comparison_is_that_plan(run):
    _, res = run("Ngày 20/12/2023.\nTăng trưởng kinh tế năm 2023 tăng 5,77%, thấp hơn chỉ tiêu đề ra (khoảng 8-8,5%).\n")
    assert [(o.value_low, o.value_kind) for o in res.observations] == [(5.77, "estimate"), (8.0, "target")]


def test_years_listed_after_a_yearless_period_are_that_period(run):
    _, res = run("Ngày 10/6/2024.\nTốc độ tăng IIP 6 tháng đầu năm: Năm 2020 (+6,1%); năm 2021 (+13,8%).\n")
    assert [(o.year, o.period) for o in res.observations] == [(2020, "H1"), (2021, "H1")]


def test_an_average_over_a_plan_period_is_kept_at_its_end_year():
    assert read_scope(cue_fold("trước năm 2045 với các chỉ tiêu: GRDP giai đoạn 2026-2030 tăng từ "),
                      JUL_2024, at_value=True).year == 2030
    assert read_scope(cue_fold("tăng gấp đôi so với giai đoạn 2016-2020, đạt "), JUL_2024, at_value=True).year is None


def test_the_end_of_a_reporting_month_is_that_period():
    assert read_scope(cue_fold("cuối tháng 9/2025 tổng nguồn vốn huy động ước đạt trên "), JUL_2024, at_value=True).period == "9M"
    assert read_scope(cue_fold("lũy kế đến hết tháng 6/2024 có "), JUL_2024, at_value=True).period == "H1"
    assert read_scope(cue_fold("nhập khẩu lũy kế đến tháng 9 ước đạt "), JUL_2024, at_value=True).period == "9M"
    assert read_scope(cue_fold("riêng tháng 9 ước tăng "), JUL_2024, at_value=True).period == "M09"


def test_a_result_for_a_year_after_the_text_is_a_projection():
    dec_2025 = Anchor(doc_year=2025, doc_month=12, result_year=2025, plan_year=2026, default_kind="estimate")
    assert dec_2025.resolve(Scope(2026, "estimate", None))[1] == "target"
    assert dec_2025.resolve(Scope(2025, "estimate", None))[1] == "estimate"


def test_a_stock_so_far_is_of_the_reporting_period_under_way():
    mar_2024 = Anchor(doc_year=2024, doc_month=3, result_year=2024, plan_year=2024, default_kind="estimate")
    assert read_scope(cue_fold("lũy kế đến nay, toàn tỉnh có "), mar_2024, at_value=True) == Scope(2024, "estimate", "Q1")
    dec_2024 = Anchor(doc_year=2024, doc_month=12, result_year=2024, plan_year=2025, default_kind="estimate")
    assert read_scope(cue_fold("đến nay có "), dec_2024, at_value=True).period is None


@pytest.mark.parametrize("words, kind, period", [
    ("06 tháng cuối năm 2025 phải đạt tốc độ tăng trưởng", "target", "H2"),
    ("để đạt mục tiêu tăng trưởng cả năm", "target", "FY"),
    ("khu vực dịch vụ ước đạt 7,22% (KBTT: ", "plan", None)])
def test_what_must_be_reached_is_a_target(words, kind, period):
    got = read_scope(cue_fold(words), JUL_2024, at_value=True)
    assert (got.kind, got.period) == (kind, period)


def test_a_part_of_the_year_written_after_the_value(run):
    _, res = run("Ngày 21/7/2025.\nTỉnh phải tăng trưởng 8,8% trong 6 tháng cuối năm 2025.\n")
    assert [(o.year, o.period, o.value_kind) for o in res.observations] == [(2025, "H2", "target")]


def test_months_so_far_are_quarantined_and_the_plans_beside_them_are_the_years(run):
    _, res = run("Ngày 10/11/2025.\nTổng thu ngân sách nhà nước 10 tháng năm 2025 thực hiện 13.966 tỷ đồng, đạt 104,24% dự "
                 "toán Trung ương giao và 85,63% dự toán tỉnh giao (Trung ương giao: 13.398 tỷ đồng; HĐND tỉnh giao "
                 "16.310 tỷ đồng), tăng 24,94% so cùng kỳ.\n")
    assert [(o.value_low, o.value_kind, o.period) for o in res.observations] == [
        (13398, "target", "FY"), (16310, "target", "FY")]
    assert {r.detail.split()[1] for r in res.rejects if r.check_name == "period_not_modelled"} == {"13966", "24.94"}
