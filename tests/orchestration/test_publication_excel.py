"""The publication's workbook on a tiny database (no dbt): typed cells, headers, Excel's row limit,
and a Vietnamese label for every published column."""
from __future__ import annotations

import datetime as dt

import duckdb
import openpyxl
import pytest
import yaml

from orchestration.assets.publication_excel import (
    COLUMNS_SHEET, CONTENTS_SHEET, HEADER_ROWS, load_labels, sheet_order, write_workbook,
)
from orchestration.resources import dbt_project_dir

PUBLICATION = {"version_id": "v-test", "published_at": dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc),
               "run_id": "run-1", "duckdb_storage_version": "v1.1.0"}


@pytest.fixture()
def tiny_db(tmp_path):
    db = tmp_path / "p.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.execute("""create table marts.fct_indicator_value as select * from (values
        ('d1', 7, '=1+1 là công thức?', 8.5::double, 3::integer, true, date '2024-05-01',
         timestamp '2024-05-01 10:20:30', 'http://x.vn'),
        ('d2', 9, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        ('d3', 11, 'số cực lớn', 'nan'::double, 12345678901::bigint, false, date '2023-12-31', NULL, '0012'))
        t(document_id, source_line, source_text, value_low, year, has_target, doc_date, detected_at, unit_raw)""")
    con.execute("create table marts.dim_unit as select range::integer as n from range(10)")
    con.close()
    return db


def _rows(ws):
    return list(ws.iter_rows(values_only=True))


def test_cells_keep_their_types_and_text_stays_text(tiny_db, tmp_path):
    out = tmp_path / "w.xlsx"
    written = write_workbook(tiny_db, out, PUBLICATION)
    assert written == {"fct_indicator_value": 3, "dim_unit": 10}
    wb = openpyxl.load_workbook(out)  # not read-only: cell types are visible
    assert wb.sheetnames == [CONTENTS_SHEET, "fct_indicator_value", "dim_unit", COLUMNS_SHEET]
    ws = wb["fct_indicator_value"]
    assert [c.value for c in ws[1]][:3] == ["Mã văn bản", "Dòng trong văn bản", "Câu gốc"]  # Vietnamese
    assert [c.value for c in ws[2]] == ["document_id", "source_line", "source_text", "value_low", "year",
                                        "has_target", "doc_date", "detected_at", "unit_raw"]  # as in DuckDB
    first = [c for c in ws[HEADER_ROWS + 1]]
    assert [c.data_type for c in first] == ["s", "n", "s", "n", "n", "b", "d", "d", "s"]
    assert [c.value for c in first][:6] == ["d1", 7, "=1+1 là công thức?", 8.5, 3, True]
    assert first[6].value.date() == dt.date(2024, 5, 1) and first[6].number_format == "yyyy-mm-dd"
    assert first[7].value == dt.datetime(2024, 5, 1, 10, 20, 30)
    assert first[8].value == "http://x.vn" and not first[8].hyperlink
    assert [c.value for c in ws[HEADER_ROWS + 2]] == ["d2", 9] + [None] * 7  # NULL → empty cell
    third = [c.value for c in ws[HEADER_ROWS + 3]]
    assert third[3] == "nan" and third[4] == 12345678901 and third[5] is False and third[8] == "0012"
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref == "A2:I5"


def test_contents_sheet_names_the_publication_and_counts(tiny_db, tmp_path):
    out = tmp_path / "w.xlsx"
    write_workbook(tiny_db, out, {**PUBLICATION, "row_counts": {"fct_indicator_value": 3, "dim_unit": 10}})
    ws = openpyxl.load_workbook(out, read_only=True)[CONTENTS_SHEET]
    cells = {r[0]: r[1:] for r in _rows(ws) if r and r[0]}
    assert cells["Phiên bản công bố / Publication version"][0] == "v-test"
    assert cells["Thời điểm công bố (UTC) / Published at (UTC)"][0] == dt.datetime(2026, 1, 2, 3, 4, 5)
    assert cells["Lượt chạy Dagster / Dagster run"][0] == "run-1"
    assert cells["fct_indicator_value"][0] == 3 and cells["dim_unit"][0] == 10
    assert "Từng giá trị" in cells["fct_indicator_value"][1]  # what the sheet is, in Vietnamese
    columns = _rows(openpyxl.load_workbook(out, read_only=True)[COLUMNS_SHEET])
    assert ("fct_indicator_value", "source_text", "Câu gốc", "VARCHAR") == columns[3][:4]


def test_a_table_longer_than_a_sheet_is_cut_and_the_contents_say_so(tiny_db, tmp_path):
    out = tmp_path / "w.xlsx"
    written = write_workbook(tiny_db, out, PUBLICATION, max_rows=HEADER_ROWS + 4)
    assert written == {"fct_indicator_value": 3, "dim_unit": 4}
    wb = openpyxl.load_workbook(out, read_only=True)
    assert [r[0] for r in _rows(wb["dim_unit"])[HEADER_ROWS:]] == [0, 1, 2, 3]
    note = next(r for r in _rows(wb[CONTENTS_SHEET]) if r[0] == "dim_unit")
    assert note[1] == 10 and "4 / 10" in note[4] and "first 4 of 10 rows" in note[4]
    fct = next(r for r in _rows(wb[CONTENTS_SHEET]) if r[0] == "fct_indicator_value")
    assert fct[4] is None


def test_sheet_order_fact_marts_dimensions_then_the_rest():
    assert sheet_order(["quarantine", "dim_unit", "mart_b", "fct_x", "mart_a", "dim_a"]) == [
        "fct_x", "mart_a", "mart_b", "dim_a", "dim_unit", "quarantine"]


def test_every_published_table_and_column_has_a_vietnamese_label():
    """The marts' schema files list every published column (contracts are enforced); a new column
    needs its Vietnamese header in orchestration/assets/publication_labels.csv."""
    tables, columns = load_labels()
    missing = []
    for path in sorted((dbt_project_dir() / "models" / "marts").glob("*.yml")):
        for model in yaml.safe_load(path.read_text(encoding="utf-8"))["models"]:
            if model["name"] not in tables:
                missing.append(model["name"])
            missing += [f"{model['name']}.{c['name']}" for c in model.get("columns", []) if not columns.get(c["name"])]
    assert not missing, f"no Vietnamese label in publication_labels.csv for: {missing}"
