"""Vietnamese number parsing.

`19.515` -> 19515 (dot = thousands), `7,5` -> 7.5 (comma = decimal), `4.323,4` -> 4323.4,
`02` -> 2, `-9,2` -> -9.2.  A hand-written regex is used instead of
`babel.numbers.parse_decimal(locale="vi")`: babel costs ~10 µs per call and accepts loose input
(e.g. grouping errors), while the regex costs ~1 µs and rejects anything that is not a well-formed
Vietnamese number, which is what we want for quarantine decisions.
"""
from __future__ import annotations

import re

# Grouped thousands (1.234.567,8), a decimal dot with one or two digits as in converted documents
# (7.5 — never a thousands group, those have three digits), or plain digits with an optional decimal
# comma (7,5 / 02).
NUMBER_PATTERN = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d)|\d+\.\d{1,2}(?![\d.])|\d+(?:,\d+)?)"
_FULL = re.compile(r"^\s*([-−–+]?)\s*(" + NUMBER_PATTERN + r"|\d+\.\d+)\s*$")


def parse_number(text: str) -> float | None:
    """Parse one Vietnamese-formatted number; None when the string is not exactly a number."""
    m = _FULL.match(text)
    if not m:
        return None
    sign, body = m.groups()
    if "," in body or re.fullmatch(r"\d{1,3}(?:\.\d{3})+", body):
        value = float(body.replace(".", "").replace(",", "."))
    else:
        value = float(body)  # plain digits, or a lone decimal dot (7.5) written the English way
    return -value if sign in ("-", "−", "–") else value
