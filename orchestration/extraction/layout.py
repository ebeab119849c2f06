"""Line classification: table row, heading, list item or prose; list-marker parsing."""
from __future__ import annotations

import re

_LIST = re.compile(r"^((?:[-–•◦▪+*]\s*)+)(?=\S)")


def list_marker(line: str) -> tuple[int, str] | None:
    """(level, content) of a bullet item: '-' → 1, '+' → 2 (the last marker counts: ' - + X' is '+')."""
    m = _LIST.match(line)
    if not m:
        return None
    markers = m.group(1).replace(" ", "")
    if markers.startswith("*") and not markers.strip("*"):
        return None  # '**bold**' leftovers, not a bullet
    level = 2 if markers[-1] == "+" else 3 if markers[-1] == "*" else 1
    return level, line[m.end():]
