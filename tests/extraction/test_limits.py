"""Bounded work per document (issue 12): the extraction limits and the source-text window with its
offsets — on short strings and on the generated pathological documents."""
from __future__ import annotations

import pytest

from orchestration.extraction import ExtractionLimits, LimitExceeded, describe_document, extract_observations
from orchestration.extraction.decode import decode_document
from orchestration.extraction.limits import SOURCE_TEXT_MAX_CHARS, Budget
from orchestration.extraction.text import normalise_text
from orchestration.resources import ChitieuPaths
from tests.pathological import EXPECTED_CHECK, HEAD, PATHOLOGICAL

HEAD_2024 = HEAD.format(p="THÁI NGUYÊN")


def extract(ref, text: str, limits: ExtractionLimits | None = None, doc_id: str = "doc"):
    info = describe_document(doc_id, text, ref)
    return extract_observations(doc_id, text, ref, info, limits)


def grdp(result):
    return [(o.value_low, o.unit) for o in result.observations if o.indicator_code == "GRDP_GROWTH"]


# ------------------------------------------------------------------ source text: bounded, located
def test_short_lines_keep_the_whole_line_with_its_offsets(ref):
    line = "   - Tốc độ tăng trưởng kinh tế (GRDP) đạt 8,5%."
    result = extract(ref, HEAD_2024 + line + "\n")
    (o,) = result.observations
    assert o.source_text == line.strip()
    assert line[o.source_text_start:o.source_text_end] == o.source_text


def test_a_long_line_gives_each_value_a_window_around_it(ref):
    filler = "phát triển kinh tế xã hội bền vững gắn với bảo vệ môi trường, " * 40  # ~2,500 characters
    values = [f"tăng trưởng kinh tế GRDP đạt {v}%" for v in ("5,1", "6,2", "7,3")]
    line = filler + values[0] + "; " + filler + values[1] + "; " + filler + values[2] + "."
    text = HEAD_2024 + line + "\n"
    result = extract(ref, text, ExtractionLimits())
    lines = normalise_text(text).split("\n")
    assert [o.value_low for o in result.observations] == [5.1, 6.2, 7.3]
    for o, written in zip(result.observations, values):
        assert len(o.source_text) <= SOURCE_TEXT_MAX_CHARS < len(line)
        assert written in o.source_text  # the value is inside its window
        assert lines[o.source_line - 1][o.source_text_start:o.source_text_end] == o.source_text
    assert len({o.source_text_start for o in result.observations}) == 3


# ------------------------------------------------------------------ the limits
def test_each_limit_quarantines_with_its_setting(ref):
    text = HEAD_2024 + "; ".join(f"GRDP tăng {i % 9 + 1},5%" for i in range(30)) + ".\n"
    assert len(extract(ref, text, ExtractionLimits()).observations) == 30
    cases = [
        (ExtractionLimits(max_line_chars=100), "line_too_long", "CHITIEU_MAX_LINE_CHARS"),
        (ExtractionLimits(max_values_per_line=10), "too_many_values_in_line", "CHITIEU_MAX_VALUES_PER_LINE"),
        (ExtractionLimits(max_values_per_document=10), "too_many_values", "CHITIEU_MAX_VALUES_PER_DOCUMENT"),
        (ExtractionLimits(max_document_seconds=1e-9), "time_budget_exceeded", "CHITIEU_MAX_DOCUMENT_SECONDS"),
    ]
    for limits, check, setting in cases:
        with pytest.raises(LimitExceeded) as exc:
            extract(ref, text, limits)
        assert exc.value.check_name == check
        assert setting in exc.value.reason and exc.value.detail == f"raise {setting} if this document is genuine"


def test_table_rows_count_against_the_per_line_and_document_limits(ref):
    header = "TT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2024\tƯớc thực hiện năm 2024\n"
    row = "1\tTốc độ tăng trưởng kinh tế (GRDP)\t%\t6,5\t6,1\n"
    text = HEAD_2024 + header + row * 30
    assert len(extract(ref, text, ExtractionLimits()).observations) == 60
    with pytest.raises(LimitExceeded, match="by line 3[0-9]"):
        extract(ref, text, ExtractionLimits(max_values_per_document=59))
    with pytest.raises(LimitExceeded) as exc:
        extract(ref, text, ExtractionLimits(max_values_per_line=1))
    assert exc.value.check_name == "too_many_values_in_line"


def test_budget_deadline_with_a_clock():
    now = [0.0]
    budget = Budget(ExtractionLimits(max_document_seconds=5), clock=lambda: now[0])
    budget.tick(1)
    now[0] = 4.9
    budget.tick(7)
    now[0] = 5.0
    with pytest.raises(LimitExceeded, match="stopped at line 7"):
        budget.tick()


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_documents_hit_their_limit(ref, name):
    text = decode_document(PATHOLOGICAL[name]()).text
    with pytest.raises(LimitExceeded) as exc:
        extract(ref, text, ExtractionLimits(), doc_id=name)
    assert exc.value.check_name == EXPECTED_CHECK[name.removesuffix(".txt")]


def test_limits_come_from_the_resource_then_the_environment(monkeypatch):
    for env in ("CHITIEU_MAX_LINE_CHARS", "CHITIEU_MAX_VALUES_PER_LINE", "CHITIEU_MAX_VALUES_PER_DOCUMENT",
                "CHITIEU_MAX_DOCUMENT_SECONDS"):
        monkeypatch.delenv(env, raising=False)
    assert ChitieuPaths().limits == ExtractionLimits()
    monkeypatch.setenv("CHITIEU_MAX_LINE_CHARS", "5000")
    monkeypatch.setenv("CHITIEU_MAX_DOCUMENT_SECONDS", "2.5")
    assert ChitieuPaths().limits == ExtractionLimits(max_line_chars=5000, max_document_seconds=2.5)
    assert ChitieuPaths(max_line_chars=7).limits.max_line_chars == 7  # the resource config wins
    monkeypatch.setenv("CHITIEU_MAX_VALUES_PER_LINE", "0")
    with pytest.raises(ValueError, match="CHITIEU_MAX_VALUES_PER_LINE must be positive"):
        ChitieuPaths().limits
