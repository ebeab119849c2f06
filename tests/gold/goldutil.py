"""Run the extraction over a folder of documents and score it against a gold CSV (no pipeline)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from orchestration.cli.evaluate import Report, extract_folder, load_gold, load_scope, score

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "dbt_project" / "seeds"


def score_folder(folder: Path, gold_csv: Path, scope_csv: Path | None) -> tuple[Report, pd.DataFrame]:
    predicted = extract_folder(folder, SEEDS)
    return score(predicted, load_gold(gold_csv), load_scope(scope_csv)), predicted
