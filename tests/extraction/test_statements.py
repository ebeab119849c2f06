"""Bullet lists and prose: multi-value lines, year and kind from context."""
from exhelpers import PLAN_HEAD, values


def test_bullet_list_targets_with_parent_item(run):
    text = PLAN_HEAD + (
        "- Tốc độ tăng trưởng kinh tế (GRDP): 8%.\n"                 # 5
        "- Cơ cấu kinh tế:\n"                                        # 6
        " - + Công nghiệp, xây dựng: 40,5%;\n"                       # 7 both markers
        "+ Dịch vụ: 37%;\n"                                          # 8
        "+ **Tỷ lệ gia đình văn hóa**: Từ 88% trở lên;\n"            # 9 markup
        "- Tỷ lệ thất nghiệp ở thành thị: Dưới 3,5%¹.\n"             # 10 footnote marker
    )
    info, res = run(text)
    assert info.year_hint == 2025
    assert values(res, 5) == [("GRDP_GROWTH", 2025, "target", "=", 8.0, 8.0)]
    assert values(res, 7) == [("SHARE_INDUSTRY_CONSTRUCTION", 2025, "target", "=", 40.5, 40.5)]
    assert values(res, 8) == [("SHARE_SERVICES", 2025, "target", "=", 37.0, 37.0)]
    assert values(res, 9) == [("CULTURAL_FAMILIES_SHARE", 2025, "target", ">=", 88.0, None)]
    assert values(res, 10) == [("URBAN_UNEMPLOYMENT_RATE", 2025, "target", "<", None, 3.5)]
    assert {o.layout for o in res.observations} == {"list"}


def test_several_values_in_one_line(run):
    text = PLAN_HEAD + (
        "- Giá trị xuất khẩu: Tăng 10%, trong đó giá trị xuất khẩu địa phương tăng 12% so với năm 2024;\n"
        "- Số giường bệnh/vạn dân đạt 35 giường bệnh; số bác sĩ/vạn dân đạt 12 bác sĩ.\n"
        "- Thu ngân sách nhà nước đạt 12.500 tỷ đồng, trong đó thu nội địa đạt 9.800 tỷ đồng.\n"
        "- Tỷ lệ lao động qua đào tạo: 72%, trong đó có bằng cấp, chứng chỉ: 30%.\n"
    )
    _, res = run(text)
    assert values(res, 5) == [("EXPORT_GROWTH", 2025, "target", "=", 10.0, 10.0),
                              ("LOCAL_EXPORT_GROWTH", 2025, "target", "=", 12.0, 12.0)]
    line6 = res.observations[2:4]
    assert [(o.indicator_code, o.unit) for o in line6] == [("HOSPITAL_BEDS_PER_10K", "giường/vạn dân"),
                                                            ("DOCTORS_PER_10K", "bác sĩ/vạn dân")]
    assert [v[0] for v in values(res, 7)] == ["BUDGET_REVENUE_TOTAL", "BUDGET_REVENUE_DOMESTIC"]
    assert [v[0] for v in values(res, 8)] == ["TRAINED_LABOUR_SHARE", "TRAINED_LABOUR_CERTIFIED_SHARE"]


def test_year_from_section_heading_and_kind_from_section(run):
    text = (
        "BÁO CÁO\nTình hình kinh tế - xã hội năm 2024 và kế hoạch năm 2025\nỦY BAN NHÂN DÂN TỈNH GIA LAI\n"
        "I. KẾT QUẢ THỰC HIỆN NĂM 2024\n"                                                # 4
        "Tổng sản phẩm trên địa bàn tỉnh (GRDP) ước tăng 6,8%; thu ngân sách đạt 7.100 tỷ đồng.\n"  # 5
        "II. MỤC TIÊU, CHỈ TIÊU KẾ HOẠCH NĂM 2025\n"                                     # 6
        "- Tốc độ tăng trưởng kinh tế (GRDP): 8,5-9%.\n"                                  # 7
    )
    _, res = run(text)
    got = values(res, 5)
    assert got[0] == ("GRDP_GROWTH", 2024, "estimate", "=", 6.8, 6.8)
    # "thu ngân sách đạt" after "ước tăng" in the same sentence: either reading is acceptable
    assert got[1][:2] == ("BUDGET_REVENUE_TOTAL", 2024) and got[1][2] in ("actual", "estimate")
    assert values(res, 7) == [("GRDP_GROWTH", 2025, "target", "between", 8.5, 9.0)]


def test_prose_last_year_beside_next_year(run):
    text = (
        "date 2025-01 Tỉnh đặt mục tiêu tăng trưởng\n"
        "Thu nhập bình quân đầu người tăng từ mức 62 triệu đồng/người năm 2024 lên 68 triệu đồng/người năm 2025. "
        "Năm 2024 toàn tỉnh thành lập mới được 40 HTX, năm 2025 mục tiêu đặt ra là trên 45 hợp tác xã. "
        "Tỷ lệ học sinh tốt nghiệp trung học phổ thông đạt trên 95% (năm 2024 đạt 97,2%); có thêm 12 trường học đạt chuẩn quốc gia.\n"
    )
    info, res = run(text)
    assert info.year_hint == 2025 and info.doc_type == "article"
    got = values(res, 2)
    assert got == [
        ("INCOME_PER_CAPITA", 2024, "actual", "=", 62.0, 62.0),
        ("INCOME_PER_CAPITA", 2025, "target", "=", 68.0, 68.0),
        ("COOPERATIVES_NEW", 2024, "actual", "=", 40.0, 40.0),
        ("COOPERATIVES_NEW", 2025, "target", ">", 45.0, None),
        ("UPPER_SECONDARY_GRADUATION_RATE", 2025, "target", ">", 95.0, None),
        ("UPPER_SECONDARY_GRADUATION_RATE", 2024, "actual", "=", 97.2, 97.2),
        ("NATIONAL_STANDARD_SCHOOLS_NEW", 2025, "target", "=", 12.0, 12.0),
    ]
    assert {o.layout for o in res.observations} == {"prose"}


def test_narrative_result_with_estimate_cue(run):
    text = ("BÁO CÁO\nKết quả thực hiện nhiệm vụ năm 2024\nỦY BAN NHÂN DÂN TỈNH LÀO CAI\n"
            "GRDP bình quân đầu người ước đạt 86,5 triệu đồng, bằng 98,2% kế hoạch, tăng 7,1% so với năm 2023.\n")
    _, res = run(text)
    # the ratio to plan is no value; the growth after the amount is the per-capita figure's growth
    assert values(res, 4) == [("GRDP_PER_CAPITA", 2024, "estimate", "=", 86.5, 86.5),
                              ("GRDP_PER_CAPITA_GROWTH", 2024, "estimate", "=", 7.1, 7.1)]
    assert res.observations[0].value_low_canonical == 86.5e6


def test_decrease_of_a_growth_rate_is_negative(run):
    text = PLAN_HEAD.replace("1. Các chỉ tiêu chủ yếu\n", "") + \
        "Kim ngạch xuất khẩu năm 2024 ước đạt 1,2 tỷ USD, giảm 3,5% so với cùng kỳ.\n"
    _, res = run(text)
    got = {(o.indicator_code, o.value_low) for o in res.observations}
    assert ("EXPORT_VALUE", 1.2) in got and ("EXPORT_GROWTH", -3.5) in got


def test_unknown_unit_in_a_bullet_is_rejected_not_guessed(run):
    _, res = run(PLAN_HEAD + "- Diện tích trồng rừng mới: 3.000 dặm vuông.\n")
    assert not res.observations
    assert [r.check_name for r in res.rejects] == ["unknown_unit"]


def test_incompatible_unit_is_rejected(run):
    _, res = run(PLAN_HEAD + "- Tỷ lệ che phủ rừng: 3.000 tỷ đồng.\n")
    assert not res.observations
    assert [r.check_name for r in res.rejects] == ["unit_incompatible"]


def test_out_of_range_is_rejected(run):
    _, res = run(PLAN_HEAD + "- Tốc độ tăng trưởng kinh tế (GRDP): 75%.\n")
    assert not res.observations and res.rejects[0].check_name == "value_out_of_range"


def test_no_indicators_from_dates_numbers_footnotes_and_references(run):
    text = (
        "NGHỊ QUYẾT\nVề nhiệm vụ năm 2025\nHỘI ĐỒNG NHÂN DÂN TỈNH PHÚ THỌ\n"
        "Căn cứ Nghị quyết số 20/NQ-HĐND ngày 12 tháng 7 năm 2024 của Hội đồng nhân dân tỉnh;\n"
        "Xét Tờ trình số 164/TTr-UBND ngày 12 tháng 11 năm 2024; Báo cáo số 263/BC-UBND.\n"
        "² Theo Tổng cục Thống kê, tăng trưởng kinh tế cả nước năm 2024 đạt 7,09%.\n"
        "Mọi ý kiến gửi về số điện thoại 0210.3846.123 trước ngày 15/12/2024.\n"
        "Thực hiện 05 nhiệm vụ trọng tâm và 03 khâu đột phá giai đoạn 2021 - 2025.\n"
    )
    _, res = run(text)
    assert res.observations == []


def test_decomposed_unicode_is_normalised(run):
    import unicodedata
    text = unicodedata.normalize("NFD", PLAN_HEAD + "- Tỷ lệ che phủ rừng: Từ 60% trở lên.\n")
    info, res = run(text)
    assert info.province_name == "Quảng Ngãi"
    assert values(res) == [("FOREST_COVER", 2025, "target", ">=", 60.0, None)]


def test_unit_written_in_the_list_label(run):
    text = PLAN_HEAD + ("- Tốc độ tăng trưởng kinh tế (%): 8,5 - 9\n"
                        "- Thu ngân sách nhà nước (tỷ đồng): 22.000\n"
                        "- Tỷ lệ che phủ rừng (%): trên 52\n")
    _, res = run(text)
    assert values(res) == [("GRDP_GROWTH", 2025, "target", "between", 8.5, 9.0),
                           ("BUDGET_REVENUE_TOTAL", 2025, "target", "=", 22000.0, 22000.0),
                           ("FOREST_COVER", 2025, "target", ">", 52.0, None)]
    assert [o.indicator_label for o in res.observations] == [
        "Tốc độ tăng trưởng kinh tế", "Thu ngân sách nhà nước", "Tỷ lệ che phủ rừng"]


def test_differences_to_plan_are_not_values_and_do_not_make_targets(run):
    text = ("BÁO CÁO\nKết quả năm 2024\nỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG\n"
            "I. KẾT QUẢ THỰC HIỆN NĂM 2024\n"
            "Ước thực hiện năm 2024 có thêm 10 xã đạt chuẩn nông thôn mới, thấp hơn 01 xã so với kế hoạch; "
            "15 xã đạt chuẩn nông thôn mới nâng cao, vượt 03 xã so với kế hoạch.\n"
            "Đã trồng được 4.323,4 ha rừng, bằng 125,8% kế hoạch, trong đó trồng rừng sản xuất 4.182,9 ha.\n")
    _, res = run(text)
    assert values(res, 5) == [("NTM_COMMUNES_NEW", 2024, "estimate", "=", 10.0, 10.0),
                              ("NTM_ADVANCED_COMMUNES_NEW", 2024, "estimate", "=", 15.0, 15.0)]
    assert {(v[0], v[2], v[4]) for v in values(res, 6)} == {("NEW_FOREST_PLANTING", "actual", 4323.4),
                                                            ("NEW_FOREST_PLANTING", "actual", 4182.9)}


def test_prose_value_with_an_unknown_unit_is_quarantined_not_dropped(run):
    text = ("BÁO CÁO\nTình hình kinh tế - xã hội năm 2024 tỉnh Cao Bằng\n"
            "Năm 2024, diện tích trồng rừng mới ước đạt 3.000 dặm vuông, tỷ lệ che phủ rừng đạt 56%.\n"
            "Thu ngân sách đạt 2.500 tỷ kíp; phát triển mới 20 sản phẩm OCOP đạt 3 sao trở lên.\n")
    _, res = run(text)
    assert [(o.indicator_code, o.value_low) for o in res.observations] == [
        ("FOREST_COVER", 56.0), ("OCOP_PRODUCTS_NEW", 20.0)]
    unknown = {(r.source_line, r.reason) for r in res.rejects if "not in units.csv" in r.reason}
    assert unknown == {(3, "unit 'dặm vuông' is not in units.csv"), (4, "unit 'tỷ kíp' is not in units.csv")}


def test_sub_year_periods_in_prose_and_table_headers(run):
    text = ("BÁO CÁO\nTình hình kinh tế - xã hội 9 tháng đầu năm 2024 tỉnh Hà Tĩnh\n"
            "Trong 9 tháng đầu năm 2024, tốc độ tăng trưởng kinh tế (GRDP) ước đạt 5,2%.\n"
            "Riêng quý III, tốc độ tăng trưởng kinh tế (GRDP) đạt 6,1%.\n"
            "TT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2024\tƯớc thực hiện 6 tháng đầu năm 2024\n"
            "1\tTốc độ tăng trưởng kinh tế (GRDP)\t%\t7,0\t4,8\n")
    _, res = run(text)
    got = {(o.source_line, o.value_low, o.value_kind, o.period) for o in res.observations}
    # an unmarked result of the report's own year is an estimate: the year's statistics are not final yet
    assert got == {(3, 5.2, "estimate", "9M"), (4, 6.1, "estimate", "Q3"),
                   (6, 7.0, "target", "FY"), (6, 4.8, "estimate", "H1")}, got


def test_a_clause_naming_its_own_subject_does_not_continue_the_previous_indicator(run):
    text = ("BÁO CÁO\nTình hình kinh tế - xã hội năm 2023\n"
            "Tỷ lệ đô thị hóa quý III đạt 23,3%; quý IV đạt 24%; "
            "chỉ số sẵn sàng chuyển đổi số của người dân đạt 65,6%.\n")
    _, res = run(text)
    # "quý IV đạt 24%" names only a time: it continues the rate
    assert [(o.indicator_code, o.value_low) for o in res.observations] == [
        ("URBANISATION_RATE", 23.3), ("URBANISATION_RATE", 24.0)]
    # the unnamed index is quarantined with its wording, not published as the urbanisation rate
    assert any(r.check_name == "unmatched_indicator" and "65.6" in r.detail for r in res.rejects)


def test_a_comparison_base_is_the_earlier_period_and_a_bracketed_list_follows_the_order_stated(run):
    text = ("BÁO CÁO\nTình hình kinh tế - xã hội 9 tháng năm 2025\n"
            "GRDP 9 tháng năm 2025 ước tăng 8,61%, cao hơn mức cùng kỳ 2024 (8,49%).\n"
            "Khu vực dịch vụ chiếm 30,6%; thuế sản phẩm chiếm 4,1% (cùng kỳ năm 2024 là: 31,2%; 4,4%).\n"
            "Khu vực dịch vụ chiếm 30,6% (cùng kỳ năm 2024 là: 31,2%; 4,4%).\n")
    _, res = run(text)
    got = {(o.source_line, o.value_low, o.year) for o in res.observations}
    assert (3, 8.49, 2024) in got and (3, 8.61, 2025) in got
    assert {(o.indicator_code, o.value_low, o.year) for o in res.observations if o.source_line == 4} == {
        ("SHARE_SERVICES", 30.6, 2025), ("SHARE_PRODUCT_TAXES", 4.1, 2025),
        ("SHARE_SERVICES", 31.2, 2024), ("SHARE_PRODUCT_TAXES", 4.4, 2024)}
    # two numbers for one value stated: their order names nothing, so they are quarantined
    assert {r.detail for r in res.rejects if r.check_name == "unattributed_list"} == {"value 31.2 %", "value 4.4 %"}


def test_figures_of_the_country_or_another_province_are_not_the_provinces(run):
    text = ("BÁO CÁO\nTình hình kinh tế - xã hội năm 2023 tỉnh Long An\nỦY BAN NHÂN DÂN TỈNH LONG AN\n"
            "Tính chung năm 2023 GRDP tăng 5,77%, thấp hơn chỉ tiêu nhưng vẫn khá (cả nước dự báo tăng trên 5%).\n"
            "GRDP bình quân đầu người đạt 95 triệu đồng, cao hơn Tây Ninh (90 triệu đồng).\n"
            "Chỉ số sản xuất công nghiệp tăng 9,4%, cao hơn mức bình chung cả nước là 7,3%.\n")
    _, res = run(text)
    assert {o.value_low for o in res.observations} == {5.77, 95.0, 9.4}
    assert sorted(r.reason for r in res.rejects if r.check_name == "not_the_province") == [
        "a figure of another province (tay ninh)", "a figure of the whole country", "a figure of the whole country"]


def test_a_comma_item_with_a_subject_of_its_own_does_not_take_the_previous_wording(run):
    text = ("KẾT LUẬN\nChỉ tiêu 6 tháng cuối năm 2022\n"
            "Phấn đấu tổng vốn đầu tư toàn xã hội đạt 12.650 tỷ đồng, vốn khu vực tư nhân trên 8.250 tỷ đồng, "
            "tăng 10%.\n")
    _, res = run(text)
    # the private investment names no catalog indicator, nor then does its growth: both are quarantined
    assert [(o.indicator_code, o.value_low) for o in res.observations] == [("TOTAL_SOCIAL_INVESTMENT", 12650.0)]
    assert {r.detail for r in res.rejects if r.check_name == "unmatched_indicator"} == {"value 8250 tỷ đồng", "value 10 %"}


def test_price_basis_in_brackets_names_constant_price_grdp(run):
    # the bracket is kept as label words in the written and the folded copy alike
    _, res = run("Năm 2025, tỉnh Quảng Trị: Tổng sản phẩm (theo giá so sánh) ước đạt khoảng 28.560 tỉ đồng, tăng 7,48%.\n")
    got = {(o.indicator_code, o.value_low) for o in res.observations}
    assert got == {("GRDP_CONSTANT_PRICES", 28560), ("GRDP_GROWTH", 7.48)}


def test_an_abbreviated_title_does_not_end_the_sentence(run):
    _, res = run("Năm 2025, tăng trưởng tổng sản phẩm trên địa bàn (GRDP) của TP. Cần Thơ ước đạt tăng 7,23%.\n")
    assert [(o.indicator_code, o.value_low) for o in res.observations] == [("GRDP_GROWTH", 7.23)]


def test_a_bare_word_is_an_indicator_only_as_a_whole_list_label(run):
    _, res = run("1. Dân số\nTính đến năm 2023, dân số tỉnh có 1.166.547 người, trong đó:\n- Nam: 581.433 người\n"
                 "- Nữ: 585.114 người\n")
    assert [(o.indicator_code, o.value_low) for o in res.observations] == [
        ("AVERAGE_POPULATION", 1166547), ("MALE_POPULATION", 581433), ("FEMALE_POPULATION", 585114)]


def test_a_project_count_opens_the_next_values_label(run):
    _, res = run("Năm 2025, tỉnh chấp thuận chủ trương cho 172 dự án trong nước với tổng vốn hơn 113.400 tỷ đồng.\n")
    assert [(o.indicator_code, o.value_low) for o in res.observations] == [("DOMESTIC_INVESTMENT_REGISTERED", 113400)]


def test_a_line_broken_mid_phrase_takes_its_label_from_the_line_above(run):
    text = ("Ngày 9/3/2026.\nVì vậy, trong thời gian tới, Thủ\n"
            "tướng nhấn mạnh tỉnh cần quyết tâm thực hiện mục tiêu tăng trưởng kinh tế\n"
            "khoảng 11% trong năm 2026, qua đó góp phần nâng cao đời sống vật chất và tinh\n"
            "thần của người dân.\n")
    _, res = run(text)
    assert [(o.source_line, o.indicator_code, o.year, o.value_kind, o.comparator, o.value_low)
            for o in res.observations] == [(4, "GRDP_GROWTH", 2026, "target", "~", 11.0)]


def test_a_paragraph_whose_first_value_names_nothing_goes_on_with_the_last_subject(run):
    text = ("Ngày 10/11/2025.\nTổng thu ngân sách nhà nước 9 tháng năm 2025 thực hiện 13.966 tỷ đồng.\n\n"
            "Lũy kế năm 2025 ước đạt 15.535 tỷ đồng, tăng 16%.\n")
    _, res = run(text)
    assert [(o.indicator_code, o.period, o.value_low) for o in res.observations][1:] == [
        ("BUDGET_REVENUE_TOTAL", "FY", 15535), ("BUDGET_REVENUE_GROWTH", "FY", 16)]


def test_figures_of_the_world_economy_and_the_national_average_are_not_the_provinces(run):
    text = ("Ngày 20/12/2019.\nTrong năm 2019, tình hình kinh tế thế giới tăng trưởng GDP toàn cầu dự báo giảm từ 3,8% "
            "năm 2018 xuống còn 3,2% năm 2019. Tỉnh giải ngân vốn đầu tư công đạt 74,3%, vượt xa mức bình quân cả "
            "nước (46,3%); thu ngân sách đạt 5.000 tỷ đồng.\n")
    _, res = run(text)
    assert [o.value_low for o in res.observations] == [74.3, 5000]
    assert sorted(r.reason for r in res.rejects if r.check_name == "not_the_province") == [
        "a figure of the whole country", "a figure of the world", "a figure of the world"]


def test_a_period_broken_across_lines_is_read_whole(run):
    text = ("Ngày 30/9/2025.\nTốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) 9 tháng\n"
            "đầu năm 2025 dự đạt trên 9%. Kim ngạch xuất khẩu đạt hơn 22,5 tỷ USD.\n")
    _, res = run(text)
    assert [(o.indicator_code, o.period, o.value_kind) for o in res.observations] == [
        ("GRDP_GROWTH", "9M", "estimate"), ("EXPORT_VALUE", "9M", "estimate")]


def test_a_value_measured_against_the_plan_after_a_target_sentence_is_a_result(run):
    text = ("Ngày 30/9/2025.\nTỉnh đặt mục tiêu tăng trưởng GRDP đạt 10% trở lên trong năm 2025.\n"
            "Tổng thu ngân sách nhà nước đạt khoảng 58.486 tỷ đồng, đạt tỷ lệ 83% dự toán.\n"
            "Phấn đấu thu nội địa đạt 45.000 tỷ đồng, bằng 105% dự toán.\n")
    _, res = run(text)
    assert [(o.value_low, o.value_kind) for o in res.observations] == [(10, "target"), (58486, "estimate"), (45000, "target")]
