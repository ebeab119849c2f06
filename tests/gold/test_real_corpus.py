"""Accuracy on real published texts (tests/corpus: the shared dev corpus and the project's own texts),
extraction alone, scored with the period where the gold gives one. These are the figures that say
how true the published numbers are; the hand-written documents in tests/fixtures only pin single rules."""
from __future__ import annotations

import csv

import pytest

from goldutil import REPO, score_folder

CORPUS = REPO / "tests" / "corpus"


@pytest.fixture(scope="module", params=["dev", "own"])
def scored(request):
    folder = CORPUS / request.param
    report, _ = score_folder(folder / "docs", folder / "gold.csv", folder / "scope.csv")
    return request.param, report


def test_real_corpus_precision_and_recall(scored):
    name, report = scored
    print(name, report.format(limit=20))
    assert report.precision >= 0.95, report.format(limit=40)
    assert report.recall >= 0.95 if name == "dev" else report.recall >= 0.90, report.format(limit=40)
    assert report.f1 >= 0.95, report.format(limit=40)


def test_every_corpus_document_has_a_source_and_a_first_sight_score():
    own = CORPUS / "own"
    docs = {p.stem for p in (own / "docs").glob("*.txt")}
    first = {r["document_id"] for r in csv.DictReader(open(own / "first_sight.csv", encoding="utf-8"))}
    sources = (own / "SOURCES.md").read_text(encoding="utf-8")
    assert docs == first, docs ^ first
    assert all(f"## {d}\n# source: http" in sources for d in docs)
    assert len(docs) >= 30
