"""`chitieu generate`: a synthetic corpus in the seed documents' layouts, with known values.

    chitieu generate --n 1000 --out /tmp/corpus --seed 7

writes ``N`` documents ``<out>/<document_id>.txt`` plus ``gold.csv`` and ``scope.csv`` in the format
of ``/work/shared/gold`` (see its README), so ``chitieu evaluate --gold <out>/gold.csv`` can score the
extractor on them, and ``manifest.json`` (counts, bytes, seed). Everything is a pure function of
``(seed, document index)``.

The parts:

* ``catalog`` — reference data read from ``dbt_project/seeds``: indicators with their wordings,
  units and realistic value ranges; provinces valid at the document date;
* ``values`` — Vietnamese numbers (``19.515``, ``7,5``), values drawn in an indicator's range, comparators;
* ``layouts`` — the four document layouts (``resolution``, ``report``, ``dispatch``, ``article``),
  the pieces they share and the filler narrative;
* ``gold`` — a document's lines with the gold rows and scope it records, and the files
  ``gold.csv``, ``scope.csv``, ``manifest.json``.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from orchestration.cli.generate.catalog import DEFAULT_SEEDS_DIR, Catalog
from orchestration.cli.generate.gold import GoldWriter, write_manifest
from orchestration.cli.generate.layouts import build_document


def generate(n: int, out: Path | str, seed: int = 0, seeds_dir: Path | str = DEFAULT_SEEDS_DIR,
             start: int = 0) -> dict:
    """Write documents start..start+n-1 into `out` (+ gold.csv, scope.csv, manifest.json). Returns the manifest."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    catalog = Catalog(seeds_dir)
    total_bytes, layouts = 0, {}
    with GoldWriter(out) as gold:
        for i in range(start, start + n):
            doc = build_document(catalog, seed, i)
            data = doc.text().encode("utf-8")
            (out / f"{doc.document_id}.txt").write_bytes(data)
            total_bytes += len(data)
            layouts[doc.layout] = layouts.get(doc.layout, 0) + 1
            gold.write(doc)
    manifest = {"documents": n, "seed": seed, "start": start, "bytes": total_bytes, "gold_rows": gold.rows,
                "layouts": layouts, "catalog": catalog.source, "indicators": len(catalog.indicators),
                "seconds": round(time.perf_counter() - t0, 3)}
    write_manifest(out, manifest)
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="chitieu generate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100, help="number of documents")
    ap.add_argument("--out", required=True, help="output directory (documents + gold.csv + scope.csv)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (same seed -> same corpus)")
    ap.add_argument("--seeds-dir", default=str(DEFAULT_SEEDS_DIR), help="dbt seeds (catalog, units, provinces)")
    args = ap.parse_args(argv)
    m = generate(args.n, args.out, args.seed, args.seeds_dir)
    print(f"wrote {m['documents']} documents ({m['bytes'] / 1e6:.1f} MB, {m['gold_rows']} gold values, "
          f"layouts {m['layouts']}, catalog: {m['catalog']} with {m['indicators']} indicators) to {args.out} "
          f"in {m['seconds']:.1f} s")
    return 0
