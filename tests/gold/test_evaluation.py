"""Scoring rules of the gold README, and the `chitieu evaluate` command on a DuckDB file."""
from __future__ import annotations

import pandas as pd
import pytest

from goldutil import REPO, extract_folder
from orchestration.cli.evaluate import load_gold, load_scope, main, score

COLS = ["document_id", "source_line", "year", "value_kind", "comparator", "value_low", "value_high"]


def gold_df(rows):
    cols = COLS + ["optional"]
    return pd.DataFrame(rows, columns=cols)


def pred_df(rows):
    return pd.DataFrame(rows, columns=COLS)


def test_match_rules_kinds_tolerance_and_one_to_one():
    gold = gold_df([
        ("d", 1, 2024, "target", "=", 7.5, 7.5, 0),
        ("d", 2, 2023, "actual|estimate", ">=", 1.0, None, 0),
        ("d", 3, 2024, "target", "<", None, 3.0, 0),
    ])
    pred = pred_df([
        ("d", 1, 2024, "target", "=", 7.5 * (1 + 1e-12), 7.5, ),   # within 1e-9 relative
        ("d", 1, 2024, "target", "=", 7.5, 7.5),                  # duplicate: gold row already used
        ("d", 2, 2023, "estimate", ">=", 1.0, None),              # accepted alternative kind
        ("d", 3, 2024, "target", "<", None, 3.0001),              # outside tolerance
    ])
    r = score(pred, gold)
    assert (r.overall.matched, r.overall.required, r.overall.predicted_in_scope) == (2, 3, 4)
    assert r.recall == pytest.approx(2 / 3) and r.precision == pytest.approx(2 / 4)
    assert list(r.misses.source_line) == [3]


def test_optional_rows_and_scope():
    gold = gold_df([
        ("d", 5, 2024, "target", ">", 8.0, None, 0),
        ("d", 5, 2021, "actual", "=", 4.0, 4.0, 1),
    ])
    scope = pd.DataFrame([("d", 1, 10)], columns=["document_id", "line_from", "line_to"])
    pred = pred_df([
        ("d", 5, 2024, "target", ">", 8.0, None),
        ("d", 5, 2021, "actual", "=", 4.0, 4.0),     # matches the optional row: counted nowhere
        ("d", 50, 2024, "target", "=", 1.0, 1.0),    # outside scope: not counted
    ])
    r = score(pred, gold, scope)
    assert (r.precision, r.recall, r.overall.predicted_in_scope) == (1.0, 1.0, 1)
    # without the value the optional row is not a miss either
    r2 = score(pred.iloc[[0]], gold, scope)
    assert r2.recall == 1.0 and r2.misses.empty


def test_required_rows_are_matched_before_optional_ones():
    gold = gold_df([
        ("d", 1, 2024, "target|actual", "=", 5.0, 5.0, 1),
        ("d", 1, 2024, "target", "=", 5.0, 5.0, 0),
    ])
    r = score(pred_df([("d", 1, 2024, "target", "=", 5.0, 5.0)]), gold)
    assert r.recall == 1.0 and r.precision == 1.0


def test_evaluate_command_reads_the_published_table(tmp_path, capsys):
    import duckdb

    predicted = extract_folder(REPO / "raw")
    db = tmp_path / "published.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.register("p", predicted)
    con.execute("create table marts.fct_indicator_value as select * from p")
    con.close()
    rc = main(["--gold", str(REPO / "tests" / "gold" / "seeds.csv"), "--db", str(db)])
    out = capsys.readouterr().out
    assert rc == 0
    assert "overall  precision 1.000  recall 1.000  F1 1.000" in out
    assert "000_3b146eba4ccb37da" in out and "misses (required gold rows not found): 0" in out


def test_evaluate_command_lists_misses_and_false_positives(tmp_path, capsys):
    import duckdb

    predicted = extract_folder(REPO / "raw")
    drop = (predicted.document_id == "001_dd5010832f39c70d") & (predicted.source_line == 37)
    predicted = predicted[~drop].copy()                             # drop a table row → 2 misses
    wrong = (predicted.document_id == "000_3b146eba4ccb37da") & (predicted.source_line == 19)
    predicted.loc[wrong, "value_low"] = 7.0                         # a wrong value → miss + false positive
    db = tmp_path / "p.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.register("p", predicted)
    con.execute("create table marts.fct_indicator_value as select * from p")
    con.close()
    assert main(["--gold", str(REPO / "tests" / "gold" / "seeds.csv"), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "001_dd5010832f39c70d:37" in out and "000_3b146eba4ccb37da:19" in out
    assert "misses (required gold rows not found): 3" in out  # two on line 37, one on line 19
