"""The worker-pool path gives exactly the serial result, in input order, and isolates a failing document:
one over a limit or whose extraction raises is a Failure (check, reason, detail), in both paths."""
from __future__ import annotations

import dataclasses

import pytest

from orchestration.extraction import ExtractionLimits, describe_document
from orchestration.extraction import parallel
from orchestration.extraction.decode import decode_document, sha256_bytes
from orchestration.extraction.parallel import Failure
from tests.extraction.conftest import REPO, SEEDS
from tests.pathological import EXPECTED_CHECK, pathological_documents


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

    def flaky(document_id, text, ref, info, limits=None):
        if document_id == "broken":
            raise ValueError("cannot read this one")
        return real(document_id, text, ref, info, limits)

    monkeypatch.setattr(extraction, "extract_observations", flaky)
    doc_id, path, sha, info = _items(ref)[0]
    outcomes = list(parallel.extract_many([("broken", path, sha, info), (doc_id, path, sha, info)], SEEDS, workers=1))
    broken, _, _, failure = outcomes[0]
    assert (broken, outcomes[0][1], outcomes[0][2]) == ("broken", [], [])
    assert failure.check_name == "extraction_error"
    assert failure.reason == "extraction failed: ValueError: cannot read this one"
    assert "test_parallel.py" in failure.detail and "flaky" in failure.detail  # where it was raised
    assert outcomes[1][0] == doc_id and outcomes[1][1] and outcomes[1][3] is None


def test_a_file_changed_after_the_scan_is_not_extracted(ref, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text((REPO / "raw").glob("*.txt").__next__().read_text(encoding="utf-8"), encoding="utf-8")
    (item,) = _items(ref, tmp_path)
    doc.write_text(doc.read_text(encoding="utf-8") + "\n- Tỷ lệ che phủ rừng: 50%.\n", encoding="utf-8")
    ((doc_id, obs, rejects, failure),) = parallel.extract_many([item], SEEDS, workers=1)
    assert (obs, rejects) == ([], []) and "changed after it was scanned" in failure.reason
    assert failure.check_name == "document_changed"


def _pathological_items(ref, folder):
    items = []
    for name, data in pathological_documents().items():
        path = folder / name
        path.write_bytes(data)
        text = decode_document(data).text
        items.append((path.stem, str(path), sha256_bytes(data), describe_document(path.stem, text, ref)))
    return items


@pytest.mark.parametrize("workers", [1, 2], ids=["serial", "pool"])
def test_pathological_documents_fail_on_their_limit_the_others_go_on(ref, tmp_path, monkeypatch, workers):
    """Seeds interleaved with the generated pathological documents, serial and in the worker pool: each
    pathological one is a Failure naming its limit and setting, the seeds give what they give alone."""
    monkeypatch.setattr(parallel, "MIN_DOCUMENTS_PER_POOL", 0)
    seeds = _items(ref)
    patho = _pathological_items(ref, tmp_path)
    items = [x for pair in zip(seeds, patho) for x in pair] + seeds[len(patho):]
    alone = {o[0]: o for o in parallel.extract_many(seeds, SEEDS, workers=1, limits=ExtractionLimits())}
    outcomes = list(parallel.extract_many(items, SEEDS, workers=workers, limits=ExtractionLimits()))
    assert [o[0] for o in outcomes] == [i[0] for i in items]
    for doc_id, obs, rejects, failure in outcomes:
        if doc_id in EXPECTED_CHECK:
            assert (obs, rejects) == ([], [])
            assert failure.check_name == EXPECTED_CHECK[doc_id], failure
            setting = {"line_too_long": "CHITIEU_MAX_LINE_CHARS", "too_many_values": "CHITIEU_MAX_VALUES_PER_DOCUMENT",
                       "too_many_values_in_line": "CHITIEU_MAX_VALUES_PER_LINE"}[failure.check_name]
            assert setting in failure.reason and f"raise {setting}" in failure.detail
        else:
            assert failure is None and (doc_id, obs, rejects, failure) == alone[doc_id]


def test_time_budget_in_the_pool(ref, monkeypatch):
    """The deadline is checked inside the worker: a budget no document can meet quarantines every one
    (deterministic: the budget is a nanosecond, and reading a document takes far longer)."""
    monkeypatch.setattr(parallel, "MIN_DOCUMENTS_PER_POOL", 0)
    limits = ExtractionLimits(max_document_seconds=1e-9)
    outcomes = list(parallel.extract_many(_items(ref), SEEDS, workers=2, limits=limits))
    assert outcomes and all(f is not None and f.check_name == "time_budget_exceeded" for *_, f in outcomes)
    assert all("CHITIEU_MAX_DOCUMENT_SECONDS" in f.reason for *_, f in outcomes)
    assert all(o[1] == [] and o[2] == [] for o in outcomes)


def test_a_raised_limit_lets_the_document_through(ref, tmp_path):
    """The reason's setting really is the way out: with the per-line limit raised, the dense line reads."""
    (item,) = [i for i in _pathological_items(ref, tmp_path) if i[0] == "patho_dense_line_values"]
    ((_, obs, _, failure),) = parallel.extract_many([item], SEEDS, workers=1,
                                                    limits=ExtractionLimits(max_values_per_line=5_000))
    assert failure is None and len(obs) == 3_000
    assert all(len(o["source_text"]) <= 2_000 for o in obs)  # a 50,000-character line: windows, not the line
