"""Extract many documents, in worker processes when there are enough of them to pay for the start-up.

Workers read and decode the files themselves (the parent never holds the corpus's text), check that
the bytes are still those that were scanned, load the reference once (initializer) and return plain
rows. A document that fails is returned with an error string: one bad document never stops the others.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .decode import decode_document
from .model import DocumentInfo
from .reference import Reference, load_reference

# Below this many documents a pool costs more (spawn + imports + reference load ≈ 1 s) than it saves.
MIN_DOCUMENTS_PER_POOL = 200

Item = tuple[str, str, str, DocumentInfo]  # document_id, file path, expected SHA-256, DocumentInfo
Outcome = tuple[str, list[dict], list[dict], str | None]  # document_id, observation rows, reject rows, error

_WORKER_REFERENCE: Reference | None = None


def _extract(item: Item, ref: Reference) -> Outcome:
    from . import extract_observations

    doc_id, path, sha256, info = item
    try:
        data = Path(path).read_bytes()
        decoded = decode_document(data, max_bytes=len(data) + 1)  # size was judged at scan time
        if decoded.content_sha256 != sha256:
            return doc_id, [], [], "the file changed after it was scanned; the next run reads the new version"
        if not decoded.ok:
            return doc_id, [], [], decoded.reason
        result = extract_observations(doc_id, decoded.text, ref, info)
    except Exception as exc:  # recorded as the document's quarantine reason by the caller
        return doc_id, [], [], f"{type(exc).__name__}: {exc}"
    return doc_id, [o.as_row() for o in result.observations], [r.as_row() for r in result.rejects], None


def _init_worker(seeds_dir: str) -> None:
    global _WORKER_REFERENCE
    _WORKER_REFERENCE = load_reference(Path(seeds_dir))


def _extract_in_worker(item: Item) -> Outcome:
    assert _WORKER_REFERENCE is not None
    return _extract(item, _WORKER_REFERENCE)


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def extract_many(items: list[Item], seeds_dir: Path, workers: int = 0) -> Iterator[Outcome]:
    """Outcomes in the order of ``items``. ``workers`` 0 means one per CPU (at most 8)."""
    workers = workers or default_workers()
    if workers <= 1 or len(items) < MIN_DOCUMENTS_PER_POOL:
        ref = load_reference(seeds_dir)
        for item in items:
            yield _extract(item, ref)
        return
    # spawn, not fork: the parent (Dagster) has threads, and workers must not inherit its heap
    ctx = multiprocessing.get_context("spawn")
    chunksize = max(1, min(64, len(items) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(str(seeds_dir),)) as pool:
        yield from pool.map(_extract_in_worker, items, chunksize=chunksize)
