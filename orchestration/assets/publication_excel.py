"""The Excel workbook of a publication (``chitieu.xlsx``), for analysts who work in Excel.

``write_workbook(db, out, publication)`` reads schema ``marts`` of a finished publication's DuckDB
file and writes, with XlsxWriter (constant-memory mode: rows stream to disk, memory stays flat):

- a first sheet (``Mục lục – Contents``) saying which publication the workbook is (version, time,
  run, the DuckDB and Parquet files it equals) and, per sheet, what it holds (Vietnamese label and
  the dbt description) and how many rows it has, with a link to the sheet;
- one sheet per mart, named exactly like the table (``fct_indicator_value``, ``dim_province`` …),
  fact first, then marts, dimensions, quarantine. Two header rows: the Vietnamese label
  (``publication_labels.csv``), then the column name as in DuckDB/Parquet (English), with filters
  and frozen headers. Every column of the table is there, so the fact sheet carries its provenance
  (``document_id``, ``source_line``, ``source_text``) and both the Vietnamese and English names;
- a last sheet (``Cột – Columns``): sheet, column, Vietnamese label, type, dbt description.

Cells keep their types: numbers are numbers, dates are dates, booleans are TRUE/FALSE, NULL is an
empty cell; text is never turned into a formula or a link. Excel's limits are stated, not hidden:
a table longer than a sheet (1,048,576 rows) is cut and the contents sheet says so; text over
32,767 characters is cut by XlsxWriter.
"""
from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path

WORKBOOK_NAME = "chitieu.xlsx"
EXCEL_MAX_ROWS = 1_048_576
HEADER_ROWS = 2
CONTENTS_SHEET = "Mục lục – Contents"
COLUMNS_SHEET = "Cột – Columns"
LABELS_CSV = Path(__file__).with_name("publication_labels.csv")
SCHEMA = "marts"
_NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
            "UBIGINT", "UHUGEINT", "FLOAT", "REAL", "DOUBLE", "DECIMAL")
_WIDE = {"source_text": 80, "title": 60, "description": 60, "detail": 50, "reason": 40, "status_reason": 40,
         "indicator_label": 45, "indicator_name_vi": 40, "indicator_name_en": 40, "name_vi": 40, "name_en": 40,
         "merger_legal_basis": 40, "note": 40, "group_distinct_values_text": 40}


def sheet_order(tables: list[str]) -> list[str]:
    """Fact first, then the marts, the dimensions, then anything else (quarantine)."""
    rank = {"fct_": 0, "mart_": 1, "dim_": 2}
    return sorted(tables, key=lambda t: (next((v for k, v in rank.items() if t.startswith(k)), 3), t))


def load_labels(path: Path = LABELS_CSV) -> tuple[dict[str, str], dict[str, str]]:
    """(Vietnamese label per table, Vietnamese label per column name) from publication_labels.csv."""
    tables: dict[str, str] = {}
    columns: dict[str, str] = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            (tables if row["kind"] == "table" else columns)[row["name"]] = row["label_vi"]
    return tables, columns


def load_dbt_docs(dbt_project: Path | None) -> dict[str, dict]:
    """{model: {"description": str, "columns": {name: description}}} from the marts' schema files."""
    if dbt_project is None:
        return {}
    import yaml

    docs: dict[str, dict] = {}
    for path in sorted((dbt_project / "models" / "marts").glob("*.yml")):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models") or []:
            docs[model["name"]] = {
                "description": " ".join(str(model.get("description") or "").replace("**", "").split()),
                "columns": {c["name"]: " ".join(str(c.get("description") or "").split()) for c in model.get("columns") or []},
            }
    return docs


def _cell_writer(ws, data_type: str, fmt: dict):
    """One function per column type: (row, col, value) → a typed cell; None stays an empty cell."""
    t = data_type.upper()
    if t.startswith(_NUMERIC):
        def write(r, c, v):
            v = float(v)
            if math.isfinite(v):
                ws.write_number(r, c, v)
            else:  # NaN / ±inf have no Excel number
                ws.write_string(r, c, str(v))
    elif t == "BOOLEAN":
        def write(r, c, v):
            ws.write_boolean(r, c, bool(v))
    elif t == "DATE":
        def write(r, c, v):
            ws.write_datetime(r, c, v, fmt["date"])
    elif t.startswith("TIMESTAMP"):
        def write(r, c, v):
            ws.write_datetime(r, c, v.replace(tzinfo=None) if isinstance(v, dt.datetime) else v, fmt["datetime"])
    else:
        def write(r, c, v):
            ws.write_string(r, c, v if isinstance(v, str) else str(v))
    return write


def write_workbook(db: Path, out: Path, publication: dict, dbt_project: Path | None = None,
                   max_rows: int = EXCEL_MAX_ROWS, batch: int = 5000) -> dict[str, int]:
    """Write the workbook of the publication whose DuckDB file is `db`; returns rows written per sheet.

    `publication`: version_id, published_at (datetime, UTC), run_id, row_counts {table: rows}; optional
    duckdb_storage_version. `max_rows` is Excel's sheet limit (a parameter so tests can reach it)."""
    import xlsxwriter

    from orchestration.resources import duckdb_connect

    table_labels, column_labels = load_labels()
    docs = load_dbt_docs(dbt_project)
    con = duckdb_connect(db, read_only=True)
    try:
        cols: dict[str, list[tuple[str, str]]] = {}
        for table, column, data_type in con.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = ? order by table_name, ordinal_position", [SCHEMA]
        ).fetchall():
            cols.setdefault(table, []).append((column, data_type))
        tables = sheet_order(list(cols))
        counts = {t: int(publication.get("row_counts", {}).get(t, -1)) for t in tables}
        for t in tables:
            if counts[t] < 0:
                counts[t] = con.execute(f'select count(*) from {SCHEMA}."{t}"').fetchall()[0][0]
        limit = max_rows - HEADER_ROWS
        written = {t: min(counts[t], limit) for t in tables}

        wb = xlsxwriter.Workbook(str(out), {
            "constant_memory": True,
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        })
        wb.set_properties({"title": f"chitieu — publication {publication['version_id']}",
                           "subject": "Vietnamese provincial socio-economic indicators (schema marts)",
                           "comments": "Written by chitieu's publication step; the same data as chitieu.duckdb and parquet/."})
        fmt = {
            "title": wb.add_format({"bold": True, "font_size": 14}),
            "bold": wb.add_format({"bold": True}),
            "head_vi": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top", "border": 1}),
            "head_en": wb.add_format({"bold": True, "italic": True, "bg_color": "#F2F2F2", "border": 1}),
            "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
            "link": wb.add_format({"font_color": "blue", "underline": 1, "valign": "top"}),
            "top": wb.add_format({"valign": "top"}),
            "warn": wb.add_format({"font_color": "#C00000", "text_wrap": True, "valign": "top"}),
            "date": wb.add_format({"num_format": "yyyy-mm-dd"}),
            "datetime": wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
        }

        # --- the contents sheet, first (constant-memory mode writes each sheet top to bottom)
        ws = wb.add_worksheet(CONTENTS_SHEET)
        ws.set_column(0, 0, 34)
        ws.set_column(1, 1, 12)
        ws.set_column(2, 4, 60)
        ws.write_string(0, 0, "chitieu — chỉ tiêu kinh tế - xã hội cấp tỉnh / provincial socio-economic indicators", fmt["title"])
        published_at = publication.get("published_at")
        facts = [
            ("Phiên bản công bố / Publication version", publication["version_id"]),
            ("Thời điểm công bố (UTC) / Published at (UTC)", published_at),
            ("Lượt chạy Dagster / Dagster run", publication.get("run_id") or ""),
            ("Cùng dữ liệu với / Same data as",
             "chitieu.duckdb (schema marts, table meta.publication) and parquet/*.parquet of this version"),
            ("Định dạng DuckDB / DuckDB storage", publication.get("duckdb_storage_version") or ""),
        ]
        for i, (label, value) in enumerate(facts, start=2):
            ws.write_string(i, 0, label, fmt["bold"])
            if isinstance(value, dt.datetime):
                ws.write_datetime(i, 1, value.replace(tzinfo=None), fmt["datetime"])
            else:
                ws.write_string(i, 1, str(value))
        head = 2 + len(facts) + 1
        for c, h in enumerate(["Trang tính / Sheet", "Số dòng / Rows", "Nội dung", "What it holds (dbt docs)", "Ghi chú / Note"]):
            ws.write_string(head, c, h, fmt["head_vi"])
        for i, t in enumerate(tables, start=head + 1):
            ws.write_url(i, 0, f"internal:'{t}'!A1", fmt["link"], string=t)
            ws.write_number(i, 1, counts[t], fmt["top"])
            ws.write_string(i, 2, table_labels.get(t, ""), fmt["wrap"])
            ws.write_string(i, 3, docs.get(t, {}).get("description", ""), fmt["wrap"])
            if written[t] < counts[t]:
                ws.write_string(i, 4, f"Chỉ có {written[t]:,} / {counts[t]:,} dòng đầu (giới hạn của Excel) — "
                                      f"only the first {written[t]:,} of {counts[t]:,} rows (Excel's sheet limit); "
                                      "the whole table is in chitieu.duckdb and parquet/", fmt["warn"])
        i = head + len(tables) + 2
        ws.write_string(i, 0, f"Cột – Columns: Vietnamese label, type and description of every column (sheet '{COLUMNS_SHEET}').")
        ws.write_string(i + 1, 0, "Each sheet has two header rows: Vietnamese label, then the column name as in DuckDB and Parquet.")

        # --- one sheet per mart
        for t in tables:
            ws = wb.add_worksheet(t)
            columns = cols[t]
            writers = [_cell_writer(ws, data_type, fmt) for _, data_type in columns]
            for c, (name, data_type) in enumerate(columns):
                label = column_labels.get(name, "")
                width = _WIDE.get(name) or min(max(len(name), len(label) // 2, 10) + 2, 32)
                ws.set_column(c, c, width)
            ws.set_row(0, 30)
            for c, (name, _) in enumerate(columns):  # row by row: constant-memory mode flushes a row once left
                ws.write_string(0, c, column_labels.get(name, ""), fmt["head_vi"])
            for c, (name, _) in enumerate(columns):
                ws.write_string(1, c, name, fmt["head_en"])
            ws.freeze_panes(HEADER_ROWS, 0)
            ws.autofilter(1, 0, 1 + max(written[t], 1), len(columns) - 1)
            names = ", ".join(f'"{n}"' for n, _ in columns)
            cur = con.execute(f'select {names} from {SCHEMA}."{t}" limit {written[t]}')
            r = HEADER_ROWS
            while rows := cur.fetchmany(batch):
                for row in rows:
                    for c, v in enumerate(row):
                        if v is not None:
                            writers[c](r, c, v)
                    r += 1

        # --- the data dictionary, last
        ws = wb.add_worksheet(COLUMNS_SHEET)
        for c, w in enumerate([26, 30, 40, 12, 90]):
            ws.set_column(c, c, w)
        for c, h in enumerate(["Trang tính / Sheet", "Cột / Column", "Tên tiếng Việt", "Kiểu / Type", "Description (dbt docs)"]):
            ws.write_string(0, c, h, fmt["head_vi"])
        r = 1
        for t in tables:
            for name, data_type in cols[t]:
                ws.write_string(r, 0, t)
                ws.write_string(r, 1, name)
                ws.write_string(r, 2, column_labels.get(name, ""))
                ws.write_string(r, 3, data_type)
                ws.write_string(r, 4, docs.get(t, {}).get("columns", {}).get(name, ""), fmt["wrap"])
                r += 1
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(r - 1, 1), 4)
        wb.close()
    finally:
        con.close()
    return written
