"""The report's number formatting and the highlight of a value in its sentence (no database)."""
from orchestration.report.text import file_stem, number, stated, value_spans


def _marked(text, low, high=None):
    return [text[s:e] for s, e in value_spans(text, low, high)]


def test_numbers_are_written_the_vietnamese_or_the_english_way():
    assert number(5.56, "vi") == "5,56" and number(5.56, "en") == "5.56"
    assert number(19515, "vi") == "19.515" and number(19515, "en") == "19,515"
    assert number(4323.4, "vi") == "4.323,4" and number(-2.94, "en") == "-2.94"
    assert number(8.0, "vi") == "8" and number(None, "vi") == ""
    assert stated(">=", 46, None, "%", "vi") == "≥ 46 %"
    assert stated("between", 8.5, 9, "%", "en") == "8.5–9 %"
    assert stated("<", None, 3, "%", "vi") == "< 3 %"
    assert stated("=", 115, 115, "Triệu đồng", "vi") == "115 Triệu đồng"


def test_the_value_is_found_in_its_sentence():
    row = "1\tTốc độ tăng trưởng kinh tế (GRDP)\t%\t8,5\t5,56\tKhông đạt KH"
    assert _marked(row, 5.56, 5.56) == ["5,56"]
    assert _marked(row, 8.5, 8.5) == ["8,5"]
    prose = "Thu ngân sách năm 2023 đạt 19.515 tỷ đồng, tăng 7,5% so với năm 2022."
    assert _marked(prose, 19515, 19515) == ["19.515"]
    assert _marked(prose, 7.5) == ["7,5"]
    assert _marked(prose, 2023) == ["2023"] and _marked(prose, 23) == []  # never part of another number
    assert _marked("Xuất khẩu giảm -9,2%", -9.2) == ["9,2"]
    assert _marked("tăng từ 8,5 đến 9%", 8.5, 9) == ["8,5", "9"]
    assert value_spans("gấp đôi năm trước", 2, 2) == [] and value_spans(None, 1, 1) == []


def test_file_names_are_safe_and_distinct():
    assert file_stem("001_dd5010832f39c70d") == "001_dd5010832f39c70d"
    odd = [file_stem(k) for k in ("báo cáo/2024?.txt", "báo cáo 2024?.txt")]
    assert all(c.isascii() and "/" not in c and "?" not in c for c in odd) and odd[0] != odd[1]
