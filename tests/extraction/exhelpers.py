"""Helpers shared by the extraction unit tests."""
from __future__ import annotations


def values(result, line: int | None = None):
    """(code, year, kind, comparator, low, high) tuples, optionally of one line."""
    return [
        (o.indicator_code, o.year, o.value_kind, o.comparator, o.value_low, o.value_high)
        for o in result.observations
        if line is None or o.source_line == line
    ]


PLAN_HEAD = (
    "NGHỊ QUYẾT\nVề mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2025\n"
    "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NGÃI\n"
    "1. Các chỉ tiêu chủ yếu\n"
)
