"""Comparators, ranges, units and canonical scaling on short strings."""
import pytest

from orchestration.extraction.values import find_mentions, parse_cell


def one(ref, text):
    ms = find_mentions(text, ref.units)
    assert len(ms) == 1, [(m.low, m.unit_raw) for m in ms]
    m = ms[0]
    return m.comparator, m.low, m.high, m.unit.key


@pytest.mark.parametrize("text,expected", [
    ("đạt 8,5-9,0%", ("between", 8.5, 9.0, "%")),
    ("đạt 75,1-75,4 triệu đồng", ("between", 75.1, 75.4, "triệu đồng")),
    ("giảm 2-2,5%", ("between", 2.0, 2.5, "%")),
    ("từ 90% trở lên", (">=", 90.0, None, "%")),
    ("trên 6.400 lao động", (">", 6400.0, None, "lao động")),
    ("dưới 3%", ("<", 3.0, None, "%")),
    ("khoảng 23,5%", ("~", 23.5, None, "%")),
    ("ít nhất 01 huyện", (">=", 1.0, None, "huyện")),
    ("tối thiểu 10 xã", (">=", 10.0, None, "xã")),
    ("không quá 1,5%", ("<=", 1.5, None, "%")),
    ("tối đa 2%", ("<=", 2.0, None, "%")),
    ("trồng 3.485ha", ("=", 3485.0, None, "ha")),
    ("diện tích 23.090 m ²", ("=", 23090.0, None, "m²")),
    ("đạt 6,5 - 7%/năm", ("between", 6.5, 7.0, "%/năm")),
    ("65 HTX", ("=", 65.0, None, "htx")),
    ("123 triệu đồng/người/năm", ("=", 123.0, None, "triệu đồng/người/năm")),
    ("40 giường bệnh", ("=", 40.0, None, "giường bệnh")),
])
def test_comparators_ranges_units(ref, text, expected):
    assert one(ref, text) == expected


def test_year_written_after_value(ref):
    ms = find_mentions("từ mức 51 triệu đồng/người năm 2023 lên 56 triệu đồng/người năm 2024", ref.units)
    assert [(m.low, m.year_after) for m in ms] == [(51.0, 2023), (56.0, 2024)]


@pytest.mark.parametrize("text", [
    "Báo cáo số 163/BC-UBND ngày 12 tháng 11 năm 2023",
    "Nghị quyết số 20/NQ-HĐND của HĐND tỉnh",
    "bằng 98,2% kế hoạch",
    "nâng tổng số trường đạt chuẩn lên 151/283 trường",
    "liên hệ 0208.3855.123 hoặc 0912 345 678",
    "giai đoạn 2021 - 2025, tầm nhìn đến năm 2050",
    "phát triển kinh tế - xã hội năm 2024 xã hội hóa",
    "đạt 3 sao trở lên",
])
def test_no_values_from_numbers_that_are_not_indicators(ref, text):
    assert [m for m in find_mentions(text, ref.units) if not m.skip] == []


@pytest.mark.parametrize("cell,expected", [
    ("≥ 01", (">=", 1.0, None, None)), ("<3", ("<", 3.0, None, None)), (">46", (">", 46.0, None, None)),
    ("1%", ("=", 1.0, None, "%")), ("-9,2", ("=", -9.2, None, None)), ("20.000", ("=", 20000.0, None, None)),
    ("8,5-9", ("between", 8.5, 9.0, None)), ("", None), ("-", None), ("khoảng", "error"),
])
def test_table_cells(cell, expected):
    assert parse_cell(cell) == expected


def test_unit_table_scaling(ref):
    u = ref.units
    assert u.lookup("tỷ đồng").multiplier == 1e9 and u.lookup("Tỷ đồng").canonical == "VND"
    assert u.lookup("nghìn tỷ đồng").multiplier == 1e12
    assert u.lookup("triệu USD").canonical == "USD" and u.lookup("triệu USD").multiplier == 1e6
    assert u.lookup("m ²").key == u.lookup("m2").key == "m²"
    assert u.lookup("hợp tác xã").canonical == u.lookup("HTX").canonical
    assert u.lookup("dặm vuông") is None


@pytest.mark.parametrize("raw", ["%", "triệu đồng", "tỷ đồng", "nghìn tỷ đồng", "triệu đồng/người/năm",
                                 "triệu đồng/người", "USD", "triệu USD", "tỷ USD", "ha", "tấn", "nghìn tấn",
                                 "m²", "m2", "m ²", "m³", "xã", "huyện", "đơn vị", "căn", "lượt", "người",
                                 "lao động", "trường", "sản phẩm", "HTX", "hợp tác xã", "giường bệnh",
                                 "giường bệnh/vạn dân", "bác sĩ", "bác sĩ/vạn dân", "điểm phần trăm", "bậc",
                                 "đảng viên"])
def test_every_contract_unit_is_known(ref, raw):
    assert ref.units.lookup(raw) is not None


def test_decimal_dot_from_converted_documents(ref):
    assert one(ref, "tăng trưởng đạt 7.5%") == ("=", 7.5, None, "%")
    assert one(ref, "thu 19.515 tỷ đồng") == ("=", 19515.0, None, "tỷ đồng")


@pytest.mark.parametrize("text,skipped", [
    ("vượt 03 xã so với kế hoạch", True),  # a difference to plan
    ("bằng 98,2% kế hoạch", True),  # a ratio to plan
    ("đạt 103,6 triệu đồng so với kế hoạch 95 triệu đồng", False),  # the value, then the plan it is held against
])
def test_differences_and_ratios_to_plan_are_skipped_values_are_not(ref, text, skipped):
    assert find_mentions(text, ref.units)[0].skip is skipped


def test_a_monthly_figure_of_a_yearly_indicator_is_scaled_to_the_year(run):
    _, res = run("Năm 2023:\n- Thu nhập bình quân đầu người một tháng: 4.703 nghìn đồng\n")
    (o,) = res.observations
    assert (o.indicator_code, o.value_low, o.value_low_canonical) == ("INCOME_PER_CAPITA", 4703, 4703 * 1000 * 12)


def test_a_share_of_the_spending_task_is_a_ratio_to_plan(run):
    _, res = run("Năm 2021:\nTổng chi ngân sách ước 8.778 tỷ đồng, đạt 83,6% nhiệm vụ chi và tăng 9,5%.\n")
    assert [(o.indicator_code, o.value_low) for o in res.observations] == [
        ("BUDGET_EXPENDITURE_TOTAL", 8778), ("BUDGET_EXPENDITURE_GROWTH", 9.5)]


def test_exceeding_a_value_is_more_than_it_and_exceeding_the_plan_is_no_value(run):
    _, res = run("Năm 2025:\nGRDP bình quân đầu người vượt 10.000 USD. Thu ngân sách 25.188 tỷ đồng, "
                 "vượt 10,95% so dự toán Trung ương giao.\n")
    assert [(o.comparator, o.value_low) for o in res.observations] == [(">", 10000), ("=", 25188)]


def test_a_percentage_of_the_plan_is_the_value_of_an_indicator_defined_so(run):
    _, res = run("Ngày 1/12/2024.\nGiải ngân vốn đầu tư công đạt 169,4% kế hoạch Thủ tướng Chính phủ giao.\n"
                 "Thu ngân sách đạt 136,8% dự toán.\n")
    assert [(o.indicator_code, o.value_low) for o in res.observations] == [("PUBLIC_INVESTMENT_DISBURSEMENT_RATE", 169.4)]
