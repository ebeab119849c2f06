"""describe_document: type, number, date, title and the province (method, confidence, era)."""
from datetime import date

import pytest


def test_resolution_heading_wins_over_body_mentions(ref):
    from orchestration.extraction import describe_document
    text = ("NGHỊ QUYẾT\nVỀ MỤC TIÊU PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2024\n"
            "HỘI ĐỒNG NHÂN DÂN TỈNH HÒA BÌNH\nKHÓA XVII, KỲ HỌP THỨ MƯỜI\n"
            "Tăng cường liên kết với tỉnh Phú Thọ, tỉnh Sơn La và tỉnh Phú Thọ trong phát triển du lịch.\n")
    info = describe_document("d", text, ref)
    assert (info.doc_type, info.province_name, info.province_method) == ("resolution", "Hòa Bình", "heading")
    assert info.province_key == "VN63-17" and info.year_hint == 2024
    assert info.issuer == "Hội đồng nhân dân tỉnh Hòa Bình"


def test_report_number_date_and_place_line(ref):
    from orchestration.extraction import describe_document
    text = ("Số: *215* /BC-UBND\n\nĐà Nẵng, ngày *05* tháng 12 năm 2023\n\nBÁO CÁO\n\n"
            "**Tình hình kinh tế - xã hội năm 2023 và kế hoạch năm 2024**\n")
    info = describe_document("d", text, ref)
    assert info.doc_type == "report" and info.doc_number == "215/BC-UBND"
    assert info.doc_date == date(2023, 12, 5)
    assert info.province_name == "Đà Nẵng" and info.province_key == "VN63-48"
    assert info.title.startswith("Tình hình kinh tế") and info.year_hint == 2024


def test_dispatch_with_letterhead_split_over_two_lines(ref):
    from orchestration.extraction import describe_document
    text = ("**ỦY BAN NHÂN DÂN  \nTỈNH BÀ RỊA - VŨNG TÀU**\n\nSố: **1520** /UBND-VP\n\n"
            "Bà Rịa - Vũng Tàu, ngày **10** tháng 8 năm 2024\n\nV/v triển khai nhiệm vụ 6 tháng cuối năm 2024\n\nKính gửi:\n")
    info = describe_document("d", text, ref)
    assert info.doc_type == "dispatch" and info.doc_number == "1520/UBND-VP"
    assert info.province_name == "Bà Rịa - Vũng Tàu" and info.province_method == "heading"


def test_article_province_only_in_a_road_name(ref):
    from orchestration.extraction import describe_document
    text = ("date 2024-01 Đề ra nhiều mục tiêu\n\nBan Chấp hành Đảng bộ tỉnh quyết nghị nhiệm vụ năm 2024.\n"
            "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.\n"
            "Đẩy nhanh dự án đường Thác Bà - Yên Bái và cải thiện chỉ số PCI.\n")
    info = describe_document("d", text, ref)
    assert info.doc_type == "article" and info.doc_date == date(2024, 1, 1)
    assert info.province_name == "Yên Bái" and info.province_method == "body"
    assert 0 < info.province_confidence < 0.9


def test_sidecar_overrides_inference(ref):
    from orchestration.extraction import describe_document
    text = "NGHỊ QUYẾT\nVề nhiệm vụ năm 2024\nHỘI ĐỒNG NHÂN DÂN TỈNH THÁI BÌNH\n"
    info = describe_document("d", text, ref, {"province": "Hưng Yên", "doc_date": "2025-08-01", "doc_type": "report"})
    assert info.province_method == "sidecar" and info.province_confidence == 1.0
    assert info.province_key == "VN34-33"  # dated after 2025-07-01: the 34-province unit
    assert info.doc_type == "report" and info.doc_date == date(2025, 8, 1)


@pytest.mark.parametrize("heading,key", [
    ("HỘI ĐỒNG NHÂN DÂN TỈNH THỪA THIÊN HUẾ", "VN63-46"),
    ("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "VN63-79"),
    ("ỦY BAN NHÂN DÂN TỈNH HOÀ BÌNH", "VN63-17"),
    ("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU", "VN63-77"),
])
def test_alternative_names_before_the_merger(ref, heading, key):
    from orchestration.extraction import describe_document
    info = describe_document("d", f"NGHỊ QUYẾT\nVề nhiệm vụ năm 2024\n{heading}\n", ref)
    assert info.province_key == key


@pytest.mark.parametrize("heading,key", [
    ("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HUẾ", "VN34-46"),
    ("HỘI ĐỒNG NHÂN DÂN TỈNH THỪA THIÊN HUẾ", "VN34-46"),
    ("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", "VN34-40"),
])
def test_era_after_merger(ref, heading, key):
    from orchestration.extraction import describe_document
    text = f"{heading}\nSố: 12/BC-UBND\nVinh, ngày 10 tháng 12 năm 2025\nBÁO CÁO\nKết quả năm 2025\n"
    info = describe_document("d", text, ref)
    assert info.province_key == key


def test_no_province_at_all(ref):
    from orchestration.extraction import describe_document
    info = describe_document("d", "date 2024-03 Một bài viết\nKinh tế tăng trưởng khá.\n", ref)
    assert info.province_key is None and info.province_method == "none" and info.province_confidence == 0.0


def test_reference_pickles_and_still_works(ref):
    import pickle

    from orchestration.extraction import describe_document, extract_observations
    clone = pickle.loads(pickle.dumps(ref))
    text = "NGHỊ QUYẾT\nVề nhiệm vụ năm 2024\nHỘI ĐỒNG NHÂN DÂN TỈNH LONG AN\n- Tỷ lệ che phủ rừng: 12%.\n"
    info = describe_document("d", text, clone)
    assert info.province_name == "Long An"
    assert [o.indicator_code for o in extract_observations("d", text, clone, info).observations] == ["FOREST_COVER"]


@pytest.mark.parametrize("heading,name", [
    ("BAN CHẤP HÀNH ĐẢNG BỘ TỈNH BẮC KẠN", "Bắc Kạn"),
    ("TỈNH ỦY ĐIỆN BIÊN", "Điện Biên"),
    ("THÀNH ỦY HẢI PHÒNG", "Hải Phòng"),
])
def test_party_letterheads(ref, heading, name):
    from orchestration.extraction import describe_document
    info = describe_document("d", f"{heading}\nNGHỊ QUYẾT\nVề nhiệm vụ năm 2024\n", ref)
    assert info.province_name == name and info.province_method == "heading"


def test_slash_date_and_year_from_the_body(ref):
    from orchestration.extraction import describe_document
    info = describe_document("d", "Số: 12/BC-UBND\nLạng Sơn, ngày 05/01/2025\nBÁO CÁO\nTóm tắt\n", ref)
    assert info.doc_date == date(2025, 1, 5) and info.province_name == "Lạng Sơn"
    info = describe_document("d", "Một bài viết không ngày tháng\nNăm 2024 tỉnh Sơn La đạt nhiều kết quả; "
                                  "năm 2024 cũng là năm bản lề, so với năm 2023.\n", ref)
    assert info.doc_date is None and info.year_hint == 2024 and info.province_name == "Sơn La"


@pytest.mark.parametrize("text", ["", "\t\t\t", "||||", "- : 5", "date 2024-13 x", "Hà Nội, ngày 31 tháng 2 năm 2024",
                                  "TT\tChỉ tiêu\tKH 2024\n1\tx\t", "1" * 5000])
@pytest.mark.parametrize("sidecar", [None, {"doc_date": "2024-99-01", "year": "abc", "province": ""}])
def test_odd_input_never_raises(ref, text, sidecar):
    from orchestration.extraction import describe_document, extract_observations
    info = describe_document("d", text, ref, sidecar)
    extract_observations("d", text, ref, info)


def test_the_province_named_most_wins_over_one_in_a_ranking(ref):
    from orchestration.extraction import describe_document
    text = ("Tốc độ tăng GRDP của Phú Yên vào top 10 cả nước\n"
            "Năm 2023, GRDP của Phú Yên tăng 8,36%. Các địa phương tăng cao: TP Hải Phòng tăng 10,34%, "
            "Nam Định tăng 10,19%.\nGRDP bình quân đầu người của Phú Yên ước 65,2 triệu đồng.\n")
    assert describe_document("d", text, ref).province_name == "Phú Yên"
