import pytest

from orchestration.extraction.numbers import parse_number


@pytest.mark.parametrize("text,expected", [
    ("19.515", 19515.0), ("7,5", 7.5), ("4.323,4", 4323.4), ("02", 2.0), ("-9,2", -9.2),
    ("1.010", 1010.0), ("20.000", 20000.0), ("0,8", 0.8), ("1.187.850", 1187850.0), ("75", 75.0),
])
def test_vietnamese_numbers(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "12.34.5", "7,5%", "163/BC"])
def test_not_numbers(text):
    assert parse_number(text) is None
