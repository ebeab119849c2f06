"""Run the extraction over a folder of documents and score it against a gold CSV (no pipeline)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from orchestration.cli.evaluate import Report, load_gold, load_scope, score
from orchestration.extraction import describe_document, extract_observations, load_reference
from orchestration.extraction.model import OBSERVATION_COLUMNS

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "dbt_project" / "seeds"


def extract_folder(folder: Path, ref=None) -> pd.DataFrame:
    ref = ref or load_reference(SEEDS)
    rows = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sidecar_path = path.with_suffix(".meta.json")
        sidecar = json.loads(sidecar_path.read_text(encoding="utf-8")) if sidecar_path.exists() else None
        info = describe_document(path.stem, text, ref, sidecar)
        rows += [o.as_row() for o in extract_observations(path.stem, text, ref, info).observations]
    return pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)


def score_folder(folder: Path, gold_csv: Path, scope_csv: Path | None) -> tuple[Report, pd.DataFrame]:
    predicted = extract_folder(folder)
    return score(predicted, load_gold(gold_csv), load_scope(scope_csv)), predicted
