"""indicator_observations: extraction per document, incremental by content hash, validated before load.

A document whose bytes (SHA-256) and whose extraction fingerprint (extraction code + seeds) are
unchanged since the last *successful load* is not re-parsed: its rows come back from the
extraction cache in the working DuckDB (schema ``pipeline``). Changed and new documents are
extracted; removed ones simply drop out (the load replaces the raw tables whole). Every row —
reused or fresh — is validated again with pandera, so a change of valid ranges in the seeds
applies at once.
"""

import hashlib
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from dagster import AssetExecutionContext, Config, MetadataValue, Output, asset

from orchestration.assets.documents import MAX_TABLE_ROWS
from orchestration.assets.load import read_table
from orchestration.checks.schemas import SeedReference, validate_observations
from orchestration.resources import ChitieuPaths

EXTRACTION_DIR = Path(__file__).resolve().parent.parent / "extraction"
FRAME_CHUNK_ROWS = 20_000
QUARANTINE_COLUMNS = ["document_id", "source_line", "source_text", "stage", "check_name", "reason", "detail", "detected_at",
                      "source_text_start", "source_text_end"]


class ExtractionConfig(Config):
    """Set by the raw/ sensor: the documents that triggered the run (informational; correctness never
    depends on it — any document whose hash changed is re-extracted anyway)."""

    changed_documents: list[str] = []
    force_full: bool = False
    # extraction processes; 0 = one per CPU, used only when enough documents changed to pay for the pool
    workers: int = 0


def extraction_fingerprint(seeds_dir: Path, limits=None) -> str:
    """Hash of the extraction code, the seeds and the limits that decide what a document yields: when
    any changes, everything is re-extracted."""
    h = hashlib.sha256()
    for base, pattern in ((EXTRACTION_DIR, "*.py"), (Path(seeds_dir), "*.csv")):
        for p in sorted(Path(base).glob(pattern)):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    if limits is not None:
        h.update(limits.fingerprint().encode())
    return h.hexdigest()[:16]


def _observation_columns() -> list[str]:
    from orchestration.extraction.model import OBSERVATION_COLUMNS

    return list(OBSERVATION_COLUMNS)


def _reject_columns() -> list[str]:
    from orchestration.extraction.model import REJECT_COLUMNS

    return list(REJECT_COLUMNS)


def _info_from_row(row: dict):
    from orchestration.extraction.model import DocumentInfo

    def g(k):
        v = row.get(k)
        return None if v is None or (isinstance(v, float) and pd.isna(v)) else v

    return DocumentInfo(
        document_id=row["document_id"], doc_type=g("doc_type") or "unknown", issuer=g("issuer"),
        doc_number=g("doc_number"), doc_date=g("doc_date"), title=g("title"),
        year_hint=int(g("year_hint")) if g("year_hint") is not None else None,
        province_key=g("province_key"), province_code=g("province_code"), province_name=g("province_name"),
        province_method=g("province_method") or "none", province_confidence=float(g("province_confidence") or 0.0),
        doc_date_method=g("doc_date_method") or "none",
    )


def coverage_markdown(per_doc: list[dict]) -> str:
    lines = ["| document | action | lines | values | rejects | failed validation | published share |",
             "|---|---|---:|---:|---:|---:|---:|"]
    # documents with problems first; bounded (the event log is no place for 10,000 rows)
    ranked = sorted(per_doc, key=lambda d: (d["action"].startswith(("extracted", "re-extracted", "reused")),
                                            -(d["rejects"] + d["invalid"])))
    for d in ranked[:MAX_TABLE_ROWS]:
        tried = d["observations"] + d["rejects"]
        share = f"{(d['observations'] - d['invalid']) / tried:.0%}" if tried else "—"
        lines.append(f"| {d['document_id']} | {d['action']} | {d['lines']} | {d['observations']} | {d['rejects']} | "
                     f"{d['invalid']} | {share} |")
    if len(per_doc) > MAX_TABLE_ROWS:
        lines.append(f"| … {len(per_doc) - MAX_TABLE_ROWS} more documents | | | | | | |")
    return "\n".join(lines)


def preview_markdown(obs: pd.DataFrame, limit: int = 15) -> str:
    if obs.empty:
        return "_no values_"
    newest = obs.sort_values(["year", "document_id", "source_line"], ascending=[False, True, True]).head(limit)
    lines = ["| document | line | indicator | year | kind | cmp | low | high | unit |", "|---|---:|---|---:|---|---|---:|---:|---|"]
    for _, r in newest.iterrows():
        lines.append(f"| {r['document_id']} | {r['source_line']} | {r['indicator_code']} | {r['year']} | {r['value_kind']} | "
                     f"{r['comparator']} | {r['value_low']} | {r['value_high']} | {r['unit_raw']} |")
    return "\n".join(lines)


def failures_markdown(failures: list[dict]) -> str:
    """The documents extraction quarantined whole (over a limit, or crashed), with check and reason."""
    if not failures:
        return "_none_"
    lines = ["| document | check | reason | detail |", "|---|---|---|---|"]
    for f in failures[:MAX_TABLE_ROWS]:
        cells = [str(f[k] or "").replace("|", "\\|") for k in ("document_id", "check_name", "reason", "detail")]
        lines.append("| " + " | ".join(cells) + " |")
    if len(failures) > MAX_TABLE_ROWS:
        lines.append(f"| … {len(failures) - MAX_TABLE_ROWS} more | | | |")
    return "\n".join(lines)


def run_extraction(docs: pd.DataFrame, raw_dir: Path, seeds_dir: Path, db: Path, config: ExtractionConfig, log=None,
                   limits=None) -> dict:
    """Everything the load asset writes, from the described documents (their files are re-read by the
    extraction workers) and the previous load (cache of unchanged documents). `limits` (ExtractionLimits)
    bound each document: one over a limit, or whose extraction raises, is quarantined whole."""
    from orchestration.extraction.limits import ExtractionLimits
    from orchestration.extraction.parallel import extract_many

    limits = limits or ExtractionLimits()
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    obs_cols, rej_cols = _observation_columns(), _reject_columns()
    fingerprint = extraction_fingerprint(seeds_dir, limits)
    prev_state = read_table(db, "pipeline.extraction_state")
    prev_obs = read_table(db, "pipeline.extraction_cache")
    prev_rej = read_table(db, "pipeline.extraction_rejects_cache")
    prev = {} if prev_state is None else {r.document_id: r for r in prev_state.itertuples(index=False)}

    state_rows, per_doc, doc_quarantine = [], [], []
    extracted = reused = 0
    docs = docs.copy()

    # pass 1: quarantined documents are recorded, unchanged ones reused, the rest queued for extraction
    plan: dict[str, tuple[str, object]] = {}  # document_id -> (action, extracted_at)
    to_extract = []
    for row in docs.itertuples(index=False):
        doc_id = row.document_id
        if row.status != "ok":
            doc_quarantine.append({
                "document_id": doc_id, "source_line": None, "source_text": row.file_name, "stage": "document",
                "check_name": row.check_name, "reason": row.reason, "detail": row.detail or "",
                "detected_at": now,
            })
            continue
        p = prev.get(doc_id)
        unchanged = (p is not None and p.content_sha256 == row.content_sha256 and p.fingerprint == fingerprint
                     and not config.force_full and prev_obs is not None)
        if unchanged:
            plan[doc_id] = ("reused (hash unchanged)", p.extracted_at)
        else:
            to_extract.append((doc_id, str(raw_dir / row.file_name), row.content_sha256, _info_from_row(row._asdict())))
            plan[doc_id] = ("extracted" if p is None else "re-extracted (changed)", now)

    # pass 2: extraction, in worker processes when there are many documents; rows are collected in
    # lists and framed once (a DataFrame per document cost more than the extraction itself)
    file_names = dict(zip(docs["document_id"], docs["file_name"]))
    obs_rows, rej_rows, n_obs, n_rej, failed = [], [], {}, {}, set()
    obs_parts, rej_parts, failures = [], [], []
    for doc_id, o_rows, r_rows, failure in extract_many(to_extract, seeds_dir, config.workers, limits):
        if len(obs_rows) >= FRAME_CHUNK_ROWS:  # row dicts cost ~3x their frame: keep few alive at once
            obs_parts.append(pd.DataFrame(obs_rows, columns=obs_cols))
            obs_rows = []
        if failure is not None:  # over a limit or crashed: the whole document is quarantined, the rest go on
            if log:
                log.warning(f"{doc_id} quarantined ({failure.check_name}): {failure.reason}")
            failed.add(doc_id)
            row = {"document_id": doc_id, "check_name": failure.check_name, "reason": failure.reason,
                   "detail": failure.detail}
            failures.append(row)
            doc_quarantine.append({**row, "source_line": None, "source_text": file_names[doc_id],
                                   "stage": "extraction", "detected_at": now})
            continue
        obs_rows.extend(o_rows)
        rej_rows.extend(r_rows)
        n_obs[doc_id], n_rej[doc_id] = len(o_rows), len(r_rows)
    reused_ids = {d for d, (action, _) in plan.items() if action.startswith("reused")}
    obs_parts.append(pd.DataFrame(obs_rows, columns=obs_cols))
    rej_parts.append(pd.DataFrame(rej_rows, columns=rej_cols))
    if reused_ids:
        kept_obs = prev_obs[prev_obs["document_id"].isin(reused_ids)][obs_cols]
        obs_parts.append(kept_obs)
        n_obs.update(kept_obs["document_id"].value_counts().to_dict())
        if prev_rej is not None:
            kept_rej = prev_rej[prev_rej["document_id"].isin(reused_ids)][rej_cols]
            rej_parts.append(kept_rej)
            n_rej.update(kept_rej["document_id"].value_counts().to_dict())
    del obs_rows, rej_rows
    all_obs = pd.concat([f for f in obs_parts if len(f)] or obs_parts[-1:], ignore_index=True)
    all_rej = pd.concat([f for f in rej_parts if len(f)] or rej_parts[-1:], ignore_index=True)
    del obs_parts, rej_parts  # each copy of the rows is hundreds of MB at 10,000 documents
    if reused_ids:  # fresh rows arrive in document order; reused ones were appended after them
        order = {d: i for i, d in enumerate(docs["document_id"])}
        all_obs = all_obs.sort_values(["document_id", "observation_index"], kind="stable", ignore_index=True,
                                      key=lambda c: c.map(order) if c.name == "document_id" else c)
        all_rej = all_rej.sort_values("document_id", key=lambda c: c.map(order), kind="stable", ignore_index=True)

    # pass 3: per-document state and coverage, in document order
    failure_check = {f["document_id"]: f["check_name"] for f in failures}
    for i, row in enumerate(docs.itertuples(index=False)):
        doc_id = row.document_id
        if doc_id not in plan or doc_id in failed:
            if doc_id in failed:
                docs.iat[i, docs.columns.get_loc("status")] = "quarantined"
            per_doc.append(dict(document_id=doc_id, action=f"quarantined: {failure_check[doc_id]}" if doc_id in failed else "quarantined",
                                lines=row.line_count, observations=0, rejects=0, invalid=0))
            continue
        action, extracted_at = plan[doc_id]
        if doc_id in reused_ids:
            reused += 1
        else:
            extracted += 1
        docs.iat[i, docs.columns.get_loc("extracted_at")] = extracted_at
        o, r = n_obs.get(doc_id, 0), n_rej.get(doc_id, 0)
        state_rows.append(dict(document_id=doc_id, file_name=row.file_name, content_sha256=row.content_sha256,
                               fingerprint=fingerprint, extracted_at=extracted_at, observations=o, rejects=r))
        per_doc.append(dict(document_id=doc_id, action=action, lines=row.line_count, observations=o, rejects=r, invalid=0))

    current = set(docs["document_id"])
    removed = sorted(set(prev) - current)

    valid, vq, counts = validate_observations(all_obs, SeedReference.load(seeds_dir))
    invalid_by_doc = vq.groupby("document_id").size().to_dict() if len(vq) else {}
    for d in per_doc:
        d["invalid"] = int(invalid_by_doc.get(d["document_id"], 0))

    rq = all_rej.assign(stage="extraction", detected_at=now) if len(all_rej) else pd.DataFrame(columns=QUARANTINE_COLUMNS)
    vq = vq.assign(detected_at=now) if len(vq) else pd.DataFrame(columns=QUARANTINE_COLUMNS)
    parts = [f for f in (pd.DataFrame(doc_quarantine, columns=QUARANTINE_COLUMNS), rq, vq) if len(f)]
    quarantine = pd.concat([f[QUARANTINE_COLUMNS] for f in parts], ignore_index=True) if parts else pd.DataFrame(columns=QUARANTINE_COLUMNS)

    stats = dict(extracted=extracted, reused=reused, removed=len(removed),
                 quarantined_documents=int((docs["status"] != "ok").sum()),
                 observations=len(valid), quarantine_rows=len(quarantine), validation_failures=counts,
                 extraction_failures=len(failures))
    return {
        "documents": docs.drop(columns=["sidecar"], errors="ignore"),
        "observations": valid,
        "quarantine": quarantine,
        "cache_observations": all_obs,
        "cache_rejects": all_rej,
        "state": pd.DataFrame(state_rows),
        "stats": stats,
        "removed": removed,
        "per_document": per_doc,
        "extraction_failures": failures,
        "limits": limits,
        "fingerprint": fingerprint,
        "forced": config.force_full,  # `chitieu run --full`: rebuild and publish even if no input changed
    }


def limits_metadata(limits) -> dict:
    from orchestration.extraction import limits as lim

    return {lim.MAX_LINE_CHARS_ENV: limits.max_line_chars, lim.MAX_VALUES_PER_LINE_ENV: limits.max_values_per_line,
            lim.MAX_VALUES_PER_DOCUMENT_ENV: limits.max_values_per_document,
            lim.MAX_DOCUMENT_SECONDS_ENV: limits.max_document_seconds}


@asset(
    group_name="extract",
    description="One row per stated value (target / estimate / actual), traceable to document and line. "
    "Incremental by content hash; rows failing the pandera rules go to quarantine with reason and line.",
    kinds={"python", "pandas"},
)
def indicator_observations(
    context: AssetExecutionContext, config: ExtractionConfig, paths: ChitieuPaths, raw_documents: pd.DataFrame
) -> Output[dict]:
    bundle = run_extraction(raw_documents, paths.raw, paths.seeds, paths.db, config, context.log, paths.limits)
    stats = bundle["stats"]
    context.log.info(
        f"extracted {stats['extracted']}, reused {stats['reused']} (hash unchanged), removed {stats['removed']}, "
        f"{stats['observations']} valid values, {stats['quarantine_rows']} quarantine rows"
    )
    return Output(
        bundle,
        metadata={
            "documents_processed": stats["extracted"],
            "documents_skipped_unchanged": stats["reused"],
            "documents_removed": stats["removed"],
            "documents_quarantined": stats["quarantined_documents"],
            "documents_quarantined_by_extraction": stats["extraction_failures"],
            "extraction_quarantine": MetadataValue.md(failures_markdown(bundle["extraction_failures"])),
            "limits": MetadataValue.json({"CHITIEU_MAX_DOCUMENT_BYTES": paths.max_bytes, **limits_metadata(bundle["limits"])}),
            "observations_valid": stats["observations"],
            "quarantine_rows": stats["quarantine_rows"],
            "validation_failures": MetadataValue.json(stats["validation_failures"]),
            "changed_documents_requested": MetadataValue.json(list(config.changed_documents)),
            "extraction_fingerprint": bundle["fingerprint"],
            "coverage": MetadataValue.md(coverage_markdown(bundle["per_document"])),
            "preview_newest": MetadataValue.md(preview_markdown(bundle["observations"])),
        },
    )
