"""Extract many documents, in worker processes when there are enough of them to pay for the start-up.

Workers read and decode the files themselves (the parent never holds the corpus's text), check that
the bytes are still those that were scanned, load the reference once (initializer) and return plain
rows. A document that fails — over one of its limits (limits.py) or with any exception — is returned
with a ``Failure`` (check, reason, detail) and no rows: one bad document never stops the others.

The per-document time budget is a cooperative deadline that the extraction checks before every line
and every value (limits.Budget), the same in the serial path and in a pool worker. Not a worker killed
from outside: ProcessPoolExecutor cannot kill one task, and a killed worker breaks the whole pool
(every document in flight fails with BrokenProcessPool); a pool that respawns workers would re-send
work and re-load the reference. The caps on line length and values per line bound the work between
two checks (well under a second at the defaults), so the deadline is overshot by at most that.
"""
from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .decode import decode_document
from .limits import ExtractionLimits, LimitExceeded
from .model import DocumentInfo
from .reference import Reference, load_reference

# Below this many documents a pool costs more (spawn + imports + reference load ≈ 1 s) than it saves.
MIN_DOCUMENTS_PER_POOL = 200



@dataclass(frozen=True, slots=True)
class Failure:
    """Why a document gave no rows: the check, reason and detail of its quarantine row."""

    check_name: str
    reason: str
    detail: str = ""


Item = tuple[str, str, str, DocumentInfo]  # document_id, file path, expected SHA-256, DocumentInfo
Outcome = tuple[str, list[dict], list[dict], Failure | None]  # document_id, observation rows, reject rows, failure

_WORKER: dict = {}


def _where(exc: BaseException) -> str:
    """The frame that raised: enough to find the bug from the quarantine row."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    f = frames[-1]
    return f"at {Path(f.filename).name}:{f.lineno} in {f.name}"


def _extract(item: Item, ref: Reference, limits: ExtractionLimits | None) -> Outcome:
    from . import extract_observations

    doc_id, path, sha256, info = item
    try:
        data = Path(path).read_bytes()
        decoded = decode_document(data, max_bytes=len(data) + 1)  # size was judged at scan time
        if decoded.content_sha256 != sha256:
            return doc_id, [], [], Failure("document_changed", "the file changed after it was scanned; "
                                           "the next run reads the new version")
        if not decoded.ok:
            return doc_id, [], [], Failure(decoded.check_name or "document_unreadable", decoded.reason or "",
                                           decoded.detail)
        result = extract_observations(doc_id, decoded.text, ref, info, limits)
    except LimitExceeded as exc:
        return doc_id, [], [], Failure(exc.check_name, exc.reason, exc.detail)
    except Exception as exc:  # any crash: the document is quarantined with the error, the others go on
        return doc_id, [], [], Failure("extraction_error", f"extraction failed: {type(exc).__name__}: {exc}",
                                       _where(exc))
    return doc_id, [o.as_row() for o in result.observations], [r.as_row() for r in result.rejects], None


def _init_worker(seeds_dir: str, limits: ExtractionLimits | None) -> None:
    _WORKER.update(ref=load_reference(Path(seeds_dir)), limits=limits)


def _extract_in_worker(item: Item) -> Outcome:
    return _extract(item, _WORKER["ref"], _WORKER["limits"])


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def extract_many(items: list[Item], seeds_dir: Path, workers: int = 0,
                 limits: ExtractionLimits | None = None) -> Iterator[Outcome]:
    """Outcomes in the order of ``items``. ``workers`` 0 means one per CPU (at most 8). ``limits`` bound
    each document (None: unbounded, as in a test on a string)."""
    workers = workers or default_workers()
    if workers <= 1 or len(items) < MIN_DOCUMENTS_PER_POOL:
        ref = load_reference(seeds_dir)
        for item in items:
            yield _extract(item, ref, limits)
        return
    # spawn, not fork: the parent (Dagster) has threads, and workers must not inherit its heap
    ctx = multiprocessing.get_context("spawn")
    chunksize = max(1, min(64, len(items) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(str(seeds_dir), limits)) as pool:
        yield from pool.map(_extract_in_worker, items, chunksize=chunksize)
