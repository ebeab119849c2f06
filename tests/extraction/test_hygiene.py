"""Text hygiene for web and office copies (issue 12): zero-width characters, a BOM inside the text, soft
hyphens removed; no-break and other Unicode spaces made plain — before any number is read."""
from __future__ import annotations

import pytest

from orchestration.extraction import describe_document, extract_observations
from orchestration.extraction.decode import decode_document
from orchestration.extraction.text import normalise_text, text_hygiene

HEAD_2024 = ("NGHỊ QUYẾT\nVỀ MỤC TIÊU, NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI TỈNH THÁI NGUYÊN NĂM 2024\n"
             "HỘI ĐỒNG NHÂN DÂN TỈNH THÁI NGUYÊN\nI. Mục tiêu và các chỉ tiêu chủ yếu năm 2024\n")


def extract(ref, text: str):
    info = describe_document("doc", text, ref)
    return extract_observations("doc", text, ref, info)


def grdp(result):
    return [(o.value_low, o.unit) for o in result.observations if o.indicator_code == "GRDP_GROWTH"]


@pytest.mark.parametrize("written", [
    "8\u200b,5\u00a0%",  # zero-width space in the number, no-break space before the unit
    "8,5\u202f%",  # narrow no-break space
    "8,\u200d5 %",  # zero-width joiner
    "8,5\u2009%",  # thin space
    "8\u2060,5\ufeff %",  # word joiner, a BOM inside the text
    "8,5\u00ad %",  # soft hyphen
])
def test_invisible_characters_and_unicode_spaces_do_not_break_a_number(ref, written):
    result = extract(ref, HEAD_2024 + f"- Tốc độ tăng trưởng kinh tế (GRDP) đạt {written}.\n")
    assert grdp(result) == [(8.5, "%")]
    assert not [r for r in result.rejects if r.check_name == "unknown_unit"], result.rejects


def test_hygiene_in_words_and_what_it_keeps():
    assert text_hygiene("phát\u00adtriển kinh\u200btế") == "pháttriển kinhtế"
    assert text_hygiene("a\u00a0b\u3000c\u2003d") == "a b c d"
    assert text_hygiene("cột 1\tcột 2\n") == "cột 1\tcột 2\n"  # tabs and line breaks are structure
    plain = "không có gì để sửa"
    assert text_hygiene(plain) is plain
    assert normalise_text("Tie\u0302\u0301n") == "Tiến"  # and NFC


def test_decode_applies_the_same_hygiene():
    dec = decode_document("GRDP tăng 8\u200b,5\u00a0%\r\ndòng hai\n".encode())
    assert dec.ok and dec.text == "GRDP tăng 8,5 %\ndòng hai\n" and dec.line_count == 2
