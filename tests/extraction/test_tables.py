"""Tab-separated plan/result tables."""
from exhelpers import values

HEAD = "BÁO CÁO\nTình hình thực hiện kế hoạch năm 2024\nỦY BAN NHÂN DÂN TỈNH NGHỆ AN\n"


def test_plan_estimate_columns_verdict_and_children(run):
    text = HEAD + (
        "TT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2024\tƯớc thực hiện năm 2024\tĐánh giá\n"   # line 4
        "1\tTốc độ tăng trưởng kinh tế (GRDP)\t%\t9-10\t9,01\tĐạt KH\n"                    # 5
        "2\tCơ cấu kinh tế\t\t\t\t\n"                                                      # 6
        "-\tCông nghiệp - Xây dựng\t%\t38\t37,2\t\n"                                       # 7
        "-\tNông, lâm nghiệp, thủy sản\t%\t21,5\t22\t\n"                                   # 8
        "3\tThu ngân sách nhà nước trên địa bàn\tTỷ đồng\t20.100\t23.500\tVượt KH\n"       # 9
        "+\tTrong đó thu nội địa\tTỷ đồng\t18.000\t21.300\tVượt KH\n"                      # 10
        "4\tGRDP bình quân đầu người\tTriệu đồng\t≥ 62\t61,4\tKhông đạt KH\n"              # 11
    )
    _, res = run(text)
    assert values(res, 5) == [("GRDP_GROWTH", 2024, "target", "between", 9.0, 10.0),
                              ("GRDP_GROWTH", 2024, "estimate", "=", 9.01, 9.01)]
    assert [v[0] for v in values(res, 7)] == ["SHARE_INDUSTRY_CONSTRUCTION"] * 2
    assert [v[0] for v in values(res, 8)] == ["SHARE_AGRICULTURE"] * 2
    assert [v[0] for v in values(res, 10)] == ["BUDGET_REVENUE_DOMESTIC"] * 2
    assert values(res, 11)[0] == ("GRDP_PER_CAPITA", 2024, "target", ">=", 62.0, None)
    by_line = {(o.source_line, o.value_kind): o for o in res.observations}
    assert by_line[(5, "estimate")].verdict == "Đạt KH" and by_line[(5, "target")].verdict is None
    assert by_line[(9, "estimate")].value_low_canonical == 23_500e9
    assert by_line[(11, "estimate")].unit == "VND/người/năm"
    assert by_line[(11, "estimate")].value_low_canonical == 61.4e6
    assert all(o.layout == "table" for o in res.observations)


def test_abbreviated_headers_repeated_header_and_blank_cells(run):
    text = HEAD + (
        "STT\tChỉ tiêu\tĐVT\tKH 2024\tTH 2024\tSo sánh TH/KH (%)\n"        # 4
        "1\tTỷ lệ che phủ rừng\t%\t58,5\t58,6\t100,2\n"                    # 5
        "\n"
        "STT\tChỉ tiêu\tĐVT\tKH 2024\tTH 2024\tSo sánh TH/KH (%)\n"        # 7 repeated after a page break
        "2\tSố xã đạt chuẩn nông thôn mới trong năm\tXã\t15\t\t\n"          # 8 blank actual
        "3\tDiện tích sàn nhà ở xã hội hoàn thành\tm ²\t50.000\t48.200\t96,4\n"  # 9
    )
    _, res = run(text)
    assert values(res, 5) == [("FOREST_COVER", 2024, "target", "=", 58.5, 58.5),
                              ("FOREST_COVER", 2024, "actual", "=", 58.6, 58.6)]
    assert values(res, 8) == [("NTM_COMMUNES_NEW", 2024, "target", "=", 15.0, 15.0)]
    assert [o.unit_key for o in res.observations if o.source_line == 9] == ["m²", "m²"]
    assert not res.rejects


def test_malformed_rows_and_cells_are_rejected(run):
    text = HEAD + (
        "TT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2024\tƯớc thực hiện năm 2024\tĐánh giá\n"
        "1\tTỷ lệ che phủ rừng\t%\tkhoảng\t\n"                         # 5: wrong cell count
        "2\tTỷ lệ dân số tham gia bảo hiểm y tế\t%\t95\tchưa có\t\n"      # 6: unreadable number
        "3\tTỷ lệ dân số tham gia bảo hiểm y tế\tdặm\t95\t96\t\n"        # 7: unknown unit
        "4\tTỷ lệ dân số tham gia bảo hiểm y tế\tTỷ đồng\t95\t96\t\n"    # 8: unit incompatible
        "5\tSố con mèo được nuôi\tcon\t95\t96\t\n"                       # 9: unknown unit
        "6\tSố chuyến bay quốc tế\t%\t95\t96\t\n"                        # 10: no catalog code
    )
    _, res = run(text)
    checks = {(r.source_line, r.check_name) for r in res.rejects}
    assert (5, "malformed_table_row") in checks
    assert (6, "malformed_table_cell") in checks
    assert (7, "unknown_unit") in checks
    assert (8, "unit_incompatible") in checks
    assert (10, "unmatched_indicator") in checks
    assert values(res, 6) == [("HEALTH_INSURANCE_COVERAGE", 2024, "target", "=", 95.0, 95.0)]
    assert not [o for o in res.observations if o.source_line in (5, 7, 8, 9, 10)]
    assert all(r.reason for r in res.rejects)


def test_table_without_unit_column_takes_the_unit_from_the_label(run):
    text = ("NGHỊ QUYẾT\nVề kế hoạch năm 2025\nHỘI ĐỒNG NHÂN DÂN TỈNH HÀ TĨNH\n"
            "Chỉ tiêu\tThực hiện 2024\tKế hoạch 2025\n"                       # 4
            "Kim ngạch xuất khẩu (triệu USD)\t1.480\t1.600\n"                  # 5
            "GRDP bình quân đầu người (triệu đồng)\t75,2\t82\n"                # 6
            "Tỷ lệ che phủ rừng\t52,1\t52,5\n")                                # 7: no unit anywhere
    _, res = run(text)
    assert values(res, 5) == [("EXPORT_VALUE", 2024, "actual", "=", 1480.0, 1480.0),
                              ("EXPORT_VALUE", 2025, "target", "=", 1600.0, 1600.0)]
    assert [o.value_low_canonical for o in res.observations if o.source_line == 6] == [75.2e6, 82e6]
    assert [(r.source_line, r.check_name) for r in res.rejects] == [(7, "unknown_unit")]


def test_pipe_table_from_a_converted_document(run):
    text = HEAD + (
        "| TT | Chỉ tiêu | ĐVT | KH 2024 | Ước TH 2024 |\n"          # 4
        "|----|----------|-----|---------|-------------|\n"           # 5
        "| 1 | Tỷ lệ xã đạt chuẩn NTM | % | 75 | 76,2 |\n"            # 6
        "| 2 | Tỷ lệ lao động tham gia BHXH | % | 38 | 37,5 |\n"      # 7
    )
    _, res = run(text)
    assert values(res, 6) == [("NTM_COMMUNES_SHARE", 2024, "target", "=", 75.0, 75.0),
                              ("NTM_COMMUNES_SHARE", 2024, "estimate", "=", 76.2, 76.2)]
    assert [v[0] for v in values(res, 7)] == ["SOCIAL_INSURANCE_COVERAGE"] * 2


def test_space_aligned_yearbook_table_with_a_title_running_over_two_lines(run):
    # a title's second line written from left of the first column names no column
    text = ("Dân số tỉnh Nam Định\n\n"
            "3    Dân số trung bình phân theo giới tính,\n"
            "                thành thị, nông thôn\n\n"
            "                                         Nam        Nữ\n"
            "                            Tổng số\n"
            "                                                   Người\n\n"
            "                2019       1.780.865   872.507    908.358\n"
            "                2020       1.780.333   872.239    908.094\n")
    _, res = run(text)
    got = {(o.year, o.indicator_code, o.value_low) for o in res.observations}
    assert (2020, "AVERAGE_POPULATION", 1780333) in got and (2019, "MALE_POPULATION", 872507) in got
    assert not any(o.indicator_code in ("RURAL_POPULATION", "URBAN_POPULATION") for o in res.observations)


def test_a_component_column_of_a_yearbook_table_is_not_its_total(run):
    text = ("Tổng mức bán lẻ hàng hoá và doanh thu dịch vụ tỉnh Nam Định\n"
            "                               theo giá hiện hành phân theo ngành kinh doanh\n\n"
            "                                         Tổng số                   Chia ra - Of which\n"
            "                                          Total\n"
            "                                                     Bán lẻ    Du lịch\n\n"
            "                                                          Triệu đồng - Mill. dongs\n\n"
            "                             2022       60300468    53759420      12591\n"
            "                             2023       68597645    61179772      16966\n")
    _, res = run(text)
    assert {(o.year, o.indicator_code, o.value_low) for o in res.observations} == {
        (2022, "RETAIL_SALES", 60300468), (2023, "RETAIL_SALES", 68597645)}
    assert sum(r.check_name == "unmatched_indicator" for r in res.rejects) == 4


def test_prose_after_a_one_cell_per_line_table_ends_it_and_unplaced_values_are_quarantined(run):
    text = ("Chỉ tiêu\n\nNăm 2019\n\nƯớc TH năm 2020\n\n"
            "Tốc độ tăng GRDP (%)\n\n6,2\n\n4,45\n\n"
            "Tổng sản phẩm trong tỉnh (GRDP) năm 2020 theo giá so sánh 2010 ước đạt 84.625 tỷ đồng, tăng 4,45% so\n"
            "với năm 2019.\n")
    _, res = run(text)
    assert (2020, "GRDP_CONSTANT_PRICES", 84625) in {(o.year, o.indicator_code, o.value_low) for o in res.observations}
    assert not [r for r in res.rejects if r.check_name == "unread_table_line"]
