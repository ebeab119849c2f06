"""Generated pathological documents: the shapes that once sank a whole run (issue 12).

Each is valid UTF-8 text under the 5 MiB document limit, so only the extraction limits can stop it:

* ``huge_line_values``: one ~2.7 MB line with 60,000 value statements (a table flattened into one
  line by a PDF converter, the document of issue 12). Every statement alone is a value the extractor reads.
* ``long_line_no_values``: one ~3 MB line of words and no number at all.
* ``repeated_table_rows``: a tab table whose value row is repeated 40,000 times (~2.3 MB, 80,000 values).
* ``dense_line_values``: a line under the length limit with 3,000 values (over the per-line limit).

Deterministic: the same bytes every call (no randomness, no clock).
"""
from __future__ import annotations

HEAD = (
    "NGHỊ QUYẾT\nVỀ MỤC TIÊU, NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI TỈNH {p} NĂM 2024\n"
    "HỘI ĐỒNG NHÂN DÂN TỈNH {p}\nI. Mục tiêu và các chỉ tiêu chủ yếu năm 2024\n"
)


def huge_line_values(statements: int = 60_000) -> bytes:
    """One line: 'Tốc độ tăng trưởng kinh tế (GRDP) đạt 8,5%; …' with the value varying."""
    parts = [f"tăng trưởng kinh tế GRDP đạt {1 + i % 9},{i % 10}%" for i in range(statements)]
    return (HEAD.format(p="BẮC GIANG") + "; ".join(parts) + ".\n").encode()


def long_line_no_values(target_bytes: int = 3_000_000) -> bytes:
    """One line of ordinary words, no digit anywhere."""
    phrase = "phát triển kinh tế xã hội bền vững gắn với bảo vệ môi trường và nâng cao đời sống nhân dân, "
    reps = target_bytes // len(phrase.encode()) + 1
    return (HEAD.format(p="HÒA BÌNH") + phrase * reps + "\n").encode()


def repeated_table_rows(rows: int = 40_000) -> bytes:
    """A tab-separated table whose one value row is repeated ``rows`` times."""
    header = "TT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2024\tƯớc thực hiện năm 2024\n"
    row = "1\tTốc độ tăng trưởng kinh tế (GRDP)\t%\t6,5\t6,1\n"
    return (HEAD.format(p="TUYÊN QUANG") + header + row * rows).encode()


def dense_line_values(statements: int = 3_000) -> bytes:
    """One line of short statements ('GRDP tăng 8,5%; …'): ~50,000 characters, 3,000 values."""
    parts = [f"GRDP tăng {1 + i % 9},{i % 10}%" for i in range(statements)]
    return (HEAD.format(p="LẠNG SƠN") + "; ".join(parts) + ".\n").encode()


PATHOLOGICAL = {
    "patho_huge_line_values.txt": huge_line_values,
    "patho_long_line_no_values.txt": long_line_no_values,
    "patho_repeated_table_rows.txt": repeated_table_rows,
    "patho_dense_line_values.txt": dense_line_values,
}

# the check each one is quarantined by (the limit at its default)
EXPECTED_CHECK = {
    "patho_huge_line_values": "line_too_long",
    "patho_long_line_no_values": "line_too_long",
    "patho_repeated_table_rows": "too_many_values",
    "patho_dense_line_values": "too_many_values_in_line",
}


def pathological_documents() -> dict[str, bytes]:
    return {name: make() for name, make in PATHOLOGICAL.items()}
