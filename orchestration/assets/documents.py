"""raw_documents: every file in raw/ → decoded NFC text + metadata, or a quarantine reason."""

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from dagster import AssetExecutionContext, MetadataValue, Output, asset

from orchestration.extraction.decode import Decoded, decode_document
from orchestration.resources import ChitieuPaths

SIDECAR_SUFFIX = ".meta.json"
MAX_TABLE_ROWS = 200  # rows of a per-document metadata table shown in the UI

DOCUMENT_COLUMNS = [
    "document_id", "file_name", "content_sha256", "size_bytes", "line_count", "encoding",
    "doc_type", "issuer", "doc_number", "doc_date", "doc_date_method", "title", "province_key", "province_code",
    "province_name", "province_method", "province_confidence", "status", "extracted_at",
]
# working columns carried to the next asset (not loaded into raw.documents). The text is not one of
# them: it is described here and re-read by the extraction workers, so a 10,000-document corpus never
# sits in memory (or in the IO manager's pickles) as a whole.
WORK_COLUMNS = ["sidecar", "year_hint", "check_name", "reason", "detail"]


def list_raw_files(raw_dir: Path) -> list[Path]:
    """Documents in raw/: every regular file except sidecars and hidden/editor files."""
    if not raw_dir.exists():
        return []
    out = []
    for p in sorted(raw_dir.iterdir()):
        if not p.is_file() or p.name.startswith(".") or p.name.endswith("~"):
            continue
        if p.name.endswith(SIDECAR_SUFFIX):
            continue
        out.append(p)
    return out


def document_id_for(path: Path) -> str:
    """The contract: the raw file name without its extension."""
    return Path(path).stem


def read_sidecar(path: Path) -> tuple[dict | None, str | None]:
    """<stem>.meta.json (or <file>.meta.json) beside a document: metadata that overrides detection."""
    for cand in (path.with_name(document_id_for(path) + SIDECAR_SUFFIX), path.with_name(path.name + SIDECAR_SUFFIX)):
        if cand.exists():
            try:
                return json.loads(cand.read_text(encoding="utf-8")), None
            except Exception as exc:  # a broken sidecar is reported, the document still reads
                return None, f"{cand.name}: {exc}"
    return None, None


def too_large(path: Path, size: int, max_bytes: int) -> Decoded:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return Decoded(False, None, None, h.hexdigest(), size, 0, "document_too_large",
                   f"too large: {size} bytes, limit {max_bytes} bytes (CHITIEU_MAX_DOCUMENT_BYTES)",
                   "raise CHITIEU_MAX_DOCUMENT_BYTES if this document is genuine")


def scan_raw(raw_dir: Path, max_bytes: int, describe=None) -> pd.DataFrame:
    """Read, decode and describe every document, one at a time; duplicates (same bytes as an earlier
    file) are rejected. ``describe(document_id, text, sidecar) -> DocumentInfo`` fills the metadata."""
    rows = []
    seen_hash: dict[str, str] = {}
    seen_id: dict[str, str] = {}
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for path in list_raw_files(raw_dir):
        doc_id = document_id_for(path)
        size = path.stat().st_size
        if size > max_bytes:  # do not read a huge file into memory: hash it in chunks
            dec = too_large(path, size, max_bytes)
        else:
            dec = decode_document(path.read_bytes(), max_bytes)
        sidecar, sidecar_error = read_sidecar(path)
        row = {c: None for c in DOCUMENT_COLUMNS + WORK_COLUMNS}
        row.update(
            document_id=doc_id, file_name=path.name, content_sha256=dec.content_sha256,
            size_bytes=size, line_count=dec.line_count, encoding=dec.encoding,
            province_method="none", province_confidence=0.0, doc_type="unknown", doc_date_method="none",
            status="ok" if dec.ok else "quarantined", extracted_at=now,
            sidecar=sidecar, check_name=dec.check_name, reason=dec.reason, detail=dec.detail,
        )
        if sidecar_error:
            row["detail"] = (row["detail"] or "") + f" sidecar ignored: {sidecar_error}"
        if dec.ok and dec.content_sha256 in seen_hash:
            row.update(status="quarantined", check_name="document_duplicate",
                       reason=f"duplicate: same content as {seen_hash[dec.content_sha256]}",
                       detail=f"sha256 {dec.content_sha256}")
        elif doc_id in seen_id:
            row.update(status="quarantined", check_name="document_id_collision",
                       reason=f"duplicate document id: {doc_id} already used by {seen_id[doc_id]}",
                       detail="rename one of the files")
        if row["status"] == "ok":
            seen_hash[dec.content_sha256] = path.name
            seen_id[doc_id] = path.name
            if describe is not None:
                _describe_into(row, dec.text, describe)
        rows.append(row)
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS + WORK_COLUMNS)


def _describe_into(row: dict, text: str, describe) -> None:
    """Document metadata (type, issuer, date, province ...) into the row; a failure quarantines it."""
    try:
        info = describe(row["document_id"], text, row["sidecar"])
    except Exception as exc:
        row.update(status="quarantined", check_name="document_describe_error",
                   reason=f"describe_document failed: {type(exc).__name__}: {exc}")
        return
    for k, v in info.as_row().items():
        if k in row and k != "document_id":
            row[k] = v


def documents_markdown(docs: pd.DataFrame) -> str:
    lines = ["| document | status | encoding | bytes | lines | type | province (method) | reason |",
             "|---|---|---|---:|---:|---|---|---|"]
    # quarantined documents first; bounded so a 10,000-document run does not put 10,000 rows in the event log
    shown = docs.sort_values("status", key=lambda s: s != "quarantined", kind="stable").head(MAX_TABLE_ROWS)
    for _, r in shown.iterrows():
        prov = f"{r['province_name'] or '—'} ({r['province_method']})"
        lines.append(f"| {r['file_name']} | {r['status']} | {r['encoding'] or '—'} | {r['size_bytes']} | "
                     f"{r['line_count']} | {r['doc_type']} | {prov} | {r['reason'] or ''} |")
    if len(docs) > len(shown):
        lines.append(f"| … {len(docs) - len(shown)} more documents | | | | | | | |")
    return "\n".join(lines)


@asset(
    group_name="ingest",
    description="Every file in raw/ read as bytes, decoded (UTF-8 only), NFC-normalised, hashed and "
    "described (type, issuer, date, province). Unreadable or duplicate files are marked quarantined.",
    kinds={"python"},
)
def raw_documents(context: AssetExecutionContext, paths: ChitieuPaths) -> Output[pd.DataFrame]:
    from orchestration.extraction import describe_document, load_reference

    ref = load_reference(paths.seeds)
    docs = scan_raw(paths.raw, paths.max_bytes,
                    describe=lambda doc_id, text, sidecar: describe_document(doc_id, text, ref, sidecar=sidecar))
    ok = int((docs["status"] == "ok").sum())
    context.log.info(f"{len(docs)} documents in {paths.raw}: {ok} readable, {len(docs) - ok} quarantined")
    return Output(
        docs,
        metadata={
            "raw_dir": str(paths.raw),
            "documents": len(docs),
            "readable": ok,
            "quarantined": len(docs) - ok,
            "total_bytes": int(docs["size_bytes"].sum()) if len(docs) else 0,
            "documents_table": MetadataValue.md(documents_markdown(docs)),
        },
    )
