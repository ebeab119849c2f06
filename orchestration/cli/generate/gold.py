"""Gold recording: a document's lines with the values it states (gold rows) and the line ranges that
are scored (scope), and the corpus files that hold them: ``gold.csv``, ``scope.csv``, ``manifest.json``
(formats of ``/work/shared/gold``, see its README)."""
from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from orchestration.cli.generate.catalog import Indicator
from orchestration.cli.generate.values import Value

GOLD_COLUMNS = ["document_id", "source_line", "province", "indicator", "year", "value_kind", "comparator",
                "value_low", "value_high", "unit_raw", "verdict", "optional"]
SCOPE_COLUMNS = ["document_id", "line_from", "line_to"]


def gold_number(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@dataclass
class Doc:
    document_id: str
    province: dict
    layout: str
    lines: list[str] = field(default_factory=list)
    gold: list[dict] = field(default_factory=list)
    scope: list[tuple[int, int]] = field(default_factory=list)

    def add(self, line: str = "") -> int:
        self.lines.append(line)
        return len(self.lines)  # 1-based line number

    def blank(self, rng: random.Random, p: float = 0.5) -> None:
        if rng.random() < p:
            self.add("")

    def record(self, line_no: int, ind: Indicator, year: int, kind: str, val: Value, unit_raw: str,
               verdict: str = "", optional: int = 0) -> None:
        self.gold.append({
            "document_id": self.document_id, "source_line": line_no, "province": self.province["name_vi"],
            "indicator": ind.name_en, "year": year, "value_kind": kind, "comparator": val.comparator,
            "value_low": gold_number(val.low), "value_high": gold_number(val.high), "unit_raw": unit_raw,
            "verdict": verdict, "optional": optional,
        })

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


class GoldWriter:
    """``gold.csv`` and ``scope.csv`` of a corpus, one document's rows at a time."""

    def __init__(self, out: Path):
        self._gf = open(out / "gold.csv", "w", newline="", encoding="utf-8")
        self._sf = open(out / "scope.csv", "w", newline="", encoding="utf-8")
        self._gw = csv.DictWriter(self._gf, fieldnames=GOLD_COLUMNS)
        self._sw = csv.writer(self._sf)
        self._gw.writeheader()
        self._sw.writerow(SCOPE_COLUMNS)
        self.rows = 0

    def write(self, doc: Doc) -> None:
        self._gw.writerows(doc.gold)
        self.rows += len(doc.gold)
        for a, b in doc.scope:
            self._sw.writerow([doc.document_id, a, b])

    def close(self) -> None:
        self._gf.close()
        self._sf.close()

    def __enter__(self) -> GoldWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def write_manifest(out: Path, manifest: dict) -> None:
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
