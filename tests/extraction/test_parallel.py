"""The worker-pool path gives exactly the serial result, in input order, and isolates a failing document."""
from __future__ import annotations

import dataclasses

from orchestration.extraction import describe_document
from orchestration.extraction import parallel
from orchestration.extraction.decode import sha256_bytes
from tests.extraction.conftest import REPO, SEEDS


def _items(ref, folder=REPO / "raw"):
    items = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        items.append((path.stem, str(path), sha256_bytes(path.read_bytes()), describe_document(path.stem, text, ref)))
    return items


def test_pool_matches_serial_in_order(ref, monkeypatch):
    items = _items(ref)
    serial = list(parallel.extract_many(items, SEEDS, workers=1))
    monkeypatch.setattr(parallel, "MIN_DOCUMENTS_PER_POOL", 0)
    pooled = list(parallel.extract_many(items, SEEDS, workers=2))
    assert [o[0] for o in pooled] == [i[0] for i in items]
    assert pooled == serial
    assert sum(len(o[1]) for o in serial) > 100


def test_a_failing_document_is_an_error_not_an_exception(ref, monkeypatch):
    import orchestration.extraction as extraction

    real = extraction.extract_observations

    def flaky(document_id, text, ref, info):
        if document_id == "broken":
            raise ValueError("cannot read this one")
        return real(document_id, text, ref, info)

    monkeypatch.setattr(extraction, "extract_observations", flaky)
    doc_id, path, sha, info = _items(ref)[0]
    outcomes = list(parallel.extract_many([("broken", path, sha, info), (doc_id, path, sha, info)], SEEDS, workers=1))
    assert outcomes[0] == ("broken", [], [], "ValueError: cannot read this one")
    assert outcomes[1][0] == doc_id and outcomes[1][1] and outcomes[1][3] is None


def test_a_file_changed_after_the_scan_is_not_extracted(ref, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text((REPO / "raw").glob("*.txt").__next__().read_text(encoding="utf-8"), encoding="utf-8")
    (item,) = _items(ref, tmp_path)
    doc.write_text(doc.read_text(encoding="utf-8") + "\n- Tỷ lệ che phủ rừng: 50%.\n", encoding="utf-8")
    ((doc_id, obs, rejects, error),) = parallel.extract_many([item], SEEDS, workers=1)
    assert (obs, rejects) == ([], []) and "changed after it was scanned" in error
