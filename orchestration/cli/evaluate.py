"""`chitieu evaluate`: score extracted values against a gold CSV — the published fact table (`--db`), or
a folder of documents read by the extraction alone (`--docs`, seconds, no dbt).

    chitieu evaluate --docs tests/corpus/dev/docs --gold tests/corpus/dev/gold.csv
    chitieu evaluate --gold ../shared/gold/seeds.csv          # the published table of the last run

Scoring (see the gold README): a value matches a gold row when document_id, source_line, year,
comparator, value_low and value_high agree (numbers within 1e-9 relative; both missing counts as
equal), its value_kind is one of the row's accepted kinds (`a|b`), and, where the gold has a
`period` column, its period (blank = FY).  Each gold row matches at most one value; required rows are
matched before optional ones.  Recall = matched required / required.  Precision = matched / values
whose line lies inside scope.csv; values matching an optional row are left out of both counts.  The
command only reports (exit code 0); thresholds live in the tests.
"""
from __future__ import annotations

import argparse
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

DEFAULT_DB = "warehouse/published/chitieu.duckdb"
DEFAULT_TABLE = "marts.fct_indicator_value"
KEY_COLUMNS = ["document_id", "source_line", "year", "value_kind", "comparator", "value_low", "value_high"]


@dataclass
class Counts:
    matched: int = 0
    required: int = 0
    matched_required: int = 0
    predicted_in_scope: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted_in_scope if self.predicted_in_scope else 1.0

    @property
    def recall(self) -> float:
        return self.matched_required / self.required if self.required else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    overall: Counts
    per_document: dict[str, Counts]
    misses: pd.DataFrame  # required gold rows without a match
    false_positives: pd.DataFrame  # in-scope values matching no gold row
    matches: list[tuple[int, int]] = field(default_factory=list)  # (gold index, predicted index)

    @property
    def precision(self) -> float:
        return self.overall.precision

    @property
    def recall(self) -> float:
        return self.overall.recall

    @property
    def f1(self) -> float:
        return self.overall.f1

    def format(self, limit: int = 50) -> str:
        lines = [f"overall  precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}  "
                 f"(matched {self.overall.matched}, required {self.overall.required}, "
                 f"predicted in scope {self.overall.predicted_in_scope})", "", "per document:"]
        for doc, c in sorted(self.per_document.items()):
            lines.append(f"  {doc:<40} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  "
                         f"(req {c.required}, pred {c.predicted_in_scope})")
        for title, df in (("misses (required gold rows not found)", self.misses),
                          ("false positives (in-scope values matching no gold row)", self.false_positives)):
            lines.append(f"\n{title}: {len(df)}")
            for r in df.head(limit).itertuples(index=False):
                rd = r._asdict()
                text = str(rd.get("source_text") or rd.get("indicator") or "")[:100]
                lines.append(f"  {rd['document_id']}:{rd['source_line']}  {rd.get('year')} {rd.get('value_kind')} "
                             f"{rd.get('comparator')} {_fmt(rd.get('value_low'))}..{_fmt(rd.get('value_high'))}  {text}")
        return "\n".join(lines)


def _fmt(v) -> str:
    f = _num(v)
    return "" if f is None else f"{f:g}"


def _num(v) -> float | None:
    if v is None or v == "":
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def _period(v) -> str:
    text = "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v).strip()
    return text or "FY"


def _year(v) -> int | None:
    f = _num(v)
    return None if f is None else int(f)


def load_gold(path: Path | str) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"document_id": str, "value_kind": str, "comparator": str}, keep_default_na=False)


def load_scope(path: Path | str | None) -> pd.DataFrame | None:
    if path is None or not Path(path).exists():
        return None
    return pd.read_csv(path, dtype={"document_id": str})


def score(predicted: pd.DataFrame, gold: pd.DataFrame, scope: pd.DataFrame | None = None) -> Report:
    """Score predicted values (columns: document_id, source_line, year, value_kind, comparator,
    value_low, value_high; source_text optional) against gold rows."""
    pred = predicted.reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    ranges: dict[str, list[tuple[int, int]]] = {}
    if scope is not None:
        for r in scope.itertuples(index=False):
            ranges.setdefault(str(r.document_id), []).append((int(r.line_from), int(r.line_to)))

    def in_scope(doc: str, line: int) -> bool:
        if scope is None:
            return True
        return any(a <= line <= b for a, b in ranges.get(doc, []))

    # index predictions by (document, line)
    by_line: dict[tuple[str, int], list[int]] = {}
    p_doc = pred["document_id"].astype(str).tolist()
    p_line = [int(x) for x in pred["source_line"].tolist()]
    p_year = [_year(x) for x in pred["year"].tolist()]
    p_kind = [str(x) for x in pred["value_kind"].tolist()]
    p_cmp = [str(x) for x in pred["comparator"].tolist()]
    p_low = [_num(x) for x in pred["value_low"].tolist()]
    p_high = [_num(x) for x in pred["value_high"].tolist()]
    with_period = "period" in gold.columns
    p_period = [_period(x) for x in pred["period"].tolist()] if with_period and "period" in pred.columns \
        else ["FY"] * len(pred)
    for i in range(len(pred)):
        by_line.setdefault((p_doc[i], p_line[i]), []).append(i)

    optional = [str(x).strip() in ("1", "1.0", "true", "True") for x in gold.get("optional", pd.Series([0] * len(gold)))]
    used: set[int] = set()
    matches: list[tuple[int, int]] = []
    matched_optional_preds: set[int] = set()
    gold_matched = [False] * len(gold)
    order = [i for i in range(len(gold)) if not optional[i]] + [i for i in range(len(gold)) if optional[i]]
    for gi in order:
        g = gold.iloc[gi]
        doc, line = str(g["document_id"]), int(g["source_line"])
        kinds = {k.strip() for k in str(g["value_kind"]).split("|")}
        gy, glow, ghigh, gcmp = _year(g["year"]), _num(g["value_low"]), _num(g["value_high"]), str(g["comparator"]).strip()
        gperiod = _period(g["period"]) if with_period else "FY"
        for pi in by_line.get((doc, line), []):
            if pi in used:
                continue
            if p_year[pi] == gy and p_cmp[pi] == gcmp and p_kind[pi] in kinds and p_period[pi] == gperiod \
                    and _close(p_low[pi], glow) and _close(p_high[pi], ghigh):
                used.add(pi)
                gold_matched[gi] = True
                matches.append((gi, pi))
                if optional[gi]:
                    matched_optional_preds.add(pi)
                break

    docs = sorted(set(gold["document_id"].astype(str)) | set(ranges))
    per_doc = {d: Counts() for d in docs}
    overall = Counts()
    for gi in range(len(gold)):
        if optional[gi]:
            continue
        d = str(gold.iloc[gi]["document_id"])
        c = per_doc.setdefault(d, Counts())
        c.required += 1
        overall.required += 1
        if gold_matched[gi]:
            c.matched_required += 1
            overall.matched_required += 1
    fp_rows = []
    for pi in range(len(pred)):
        if pi in matched_optional_preds or not in_scope(p_doc[pi], p_line[pi]):
            continue
        if scope is None and p_doc[pi] not in per_doc:
            continue
        c = per_doc.setdefault(p_doc[pi], Counts())
        c.predicted_in_scope += 1
        overall.predicted_in_scope += 1
        if pi in used:
            c.matched += 1
            overall.matched += 1
        else:
            fp_rows.append(pi)
    misses = gold.iloc[[gi for gi in range(len(gold)) if not optional[gi] and not gold_matched[gi]]]
    fps = pred.iloc[fp_rows]
    return Report(overall, per_doc, misses, fps, matches)


@dataclass
class Agreement:
    """Of the matched values, how many were read as the indicator the gold names (gold_codes.csv: one
    catalog code per gold row, `a|b` for either, NONE where no catalog indicator is that value). The
    match itself ignores the indicator, so this is the check that a number is published under its name."""

    agreed: int
    matched: int
    disagreements: pd.DataFrame  # gold row, its codes, the code read

    @property
    def share(self) -> float:
        return self.agreed / self.matched if self.matched else 1.0

    def format(self, limit: int = 50) -> str:
        lines = [f"indicator agreement {self.share:.3f} ({self.agreed} of {self.matched} matched values)"]
        for r in self.disagreements.head(limit).itertuples(index=False):
            lines.append(f"  {r.document_id}:{r.source_line}  gold {r.gold_codes}  read {r.indicator_code}  {r.note}")
        return "\n".join(lines)


def load_codes(path: Path | str, gold: pd.DataFrame) -> pd.DataFrame:
    """gold_codes.csv, checked to be row-for-row the gold it annotates."""
    codes = pd.read_csv(path, dtype=str, keep_default_na=False)
    if len(codes) != len(gold) or list(codes["document_id"]) != list(gold["document_id"].astype(str)) or \
            [int(x) for x in codes["source_line"]] != [int(x) for x in gold["source_line"]]:
        raise ValueError(f"{path} does not annotate the gold row for row")
    return codes


def indicator_agreement(report: Report, predicted: pd.DataFrame, codes: pd.DataFrame) -> Agreement:
    """Matched pairs whose value keys are equal ("tăng 05 bậc; … 05 xã" on one line) may have been paired
    either way round by the value match: within such a group the codes are paired to agree where they can."""
    pred = predicted.reset_index(drop=True)
    groups: dict[tuple, list[tuple[int, int]]] = {}
    for gi, pi in report.matches:
        g = codes.iloc[gi]
        key = (g["document_id"], g["source_line"], g["year"], g["comparator"], g["value_low"], g["value_high"], g["period"])
        groups.setdefault(key, []).append((gi, pi))
    agreed, rows = 0, []
    for pairs in groups.values():
        reads = [str(pred.iloc[pi]["indicator_code"]) for _, pi in pairs]
        for gi, _ in pairs:
            wanted = set(str(codes.iloc[gi]["indicator_code"]).split("|"))
            hit = next((k for k, r in enumerate(reads) if r in wanted), None)
            if hit is not None:
                agreed += 1
                reads.pop(hit)
                continue
            rows.append({"document_id": codes.iloc[gi]["document_id"], "source_line": codes.iloc[gi]["source_line"],
                         "gold_codes": "|".join(sorted(wanted)), "indicator_code": None, "note": codes.iloc[gi].get("note", "")})
        # what the unagreed gold rows got instead, in order
        for row, read in zip([r for r in rows if r["indicator_code"] is None], reads):
            row["indicator_code"] = read
    return Agreement(agreed, len(report.matches), pd.DataFrame(rows))


def read_published(db: str, table: str) -> pd.DataFrame:
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        return con.execute(f"select * from {table}").df()
    finally:
        con.close()


def extract_folder(folder: Path | str, seeds_dir: Path | str | None = None, ref=None) -> pd.DataFrame:
    """Every value the extraction reads from the documents of a folder (``*.txt``, with optional
    ``<name>.meta.json`` sidecars), decoded as the pipeline decodes them; no warehouse involved."""
    import json

    from orchestration.extraction import describe_document, extract_observations, load_reference
    from orchestration.extraction.decode import decode_document
    from orchestration.extraction.model import OBSERVATION_COLUMNS

    ref = ref or load_reference(Path(seeds_dir) if seeds_dir else _default_seeds())
    rows: list[dict] = []
    for path in sorted(Path(folder).glob("*.txt")):
        decoded = decode_document(path.read_bytes())
        if not decoded.ok:
            continue  # quarantined by the pipeline too; nothing to score
        sidecar_path = path.with_suffix(".meta.json")
        sidecar = json.loads(sidecar_path.read_text(encoding="utf-8")) if sidecar_path.exists() else None
        info = describe_document(path.stem, decoded.text, ref, sidecar)
        rows += [o.as_row() for o in extract_observations(path.stem, decoded.text, ref, info).observations]
    return pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)


def _default_seeds() -> Path:
    return Path(os.environ.get("CHITIEU_SEEDS_DIR") or Path(__file__).resolve().parents[2] / "dbt_project" / "seeds")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="chitieu evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True, help="gold CSV (seeds.csv format)")
    parser.add_argument("--scope", default=None, help="scope CSV (default: scope.csv next to the gold file)")
    parser.add_argument("--docs", default=None,
                        help="a folder of documents: run the extraction on it (no dbt) instead of reading --db")
    parser.add_argument("--seeds-dir", default=None, help="reference data for --docs (default: dbt_project/seeds)")
    parser.add_argument("--db", default=os.environ.get("CHITIEU_PUBLISHED_DB", DEFAULT_DB))
    parser.add_argument("--table", default=DEFAULT_TABLE)
    parser.add_argument("--limit", type=int, default=50, help="how many misses / false positives to list")
    parser.add_argument("--codes", default=None,
                        help="catalog code per gold row (default: gold_codes.csv next to the gold file, if any)")
    args = parser.parse_args(argv)
    gold_path = Path(args.gold)
    scope_path = Path(args.scope) if args.scope else gold_path.with_name("scope.csv")
    gold = load_gold(gold_path)
    scope = load_scope(scope_path) if (args.scope or scope_path.exists()) else None
    if args.docs:
        predicted = extract_folder(args.docs, args.seeds_dir)
        source = f"extraction of {args.docs}"
    else:
        if not Path(args.db).exists():
            print(f"published database not found: {args.db} (run `chitieu run` first, pass --db, or use --docs)")
            return 0
        predicted = read_published(args.db, args.table)
        source = f"published {args.db}:{args.table}"
    report = score(predicted, gold, scope)
    print(f"gold {gold_path} ({len(gold)} rows), scope {scope_path if scope is not None else 'none'}, "
          f"{source} ({len(predicted)} values)\n")
    print(report.format(args.limit))
    codes_path = Path(args.codes) if args.codes else gold_path.with_name("gold_codes.csv")
    if codes_path.exists():
        print("\n" + indicator_agreement(report, predicted, load_codes(codes_path, gold)).format(args.limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
