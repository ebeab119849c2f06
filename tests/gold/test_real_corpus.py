"""Accuracy on real published texts (tests/corpus: the shared dev corpus and the project's own texts),
extraction alone, scored with the period where the gold gives one. These are the figures that say
how true the published numbers are; the hand-written documents in tests/fixtures only pin single rules."""
from __future__ import annotations

import csv

import pytest

from goldutil import REPO, score_folder

from orchestration.cli.evaluate import indicator_agreement, load_codes, load_gold

CORPUS = REPO / "tests" / "corpus"


@pytest.fixture(scope="module", params=["dev", "own"])
def scored(request):
    folder = CORPUS / request.param
    report, predicted = score_folder(folder / "docs", folder / "gold.csv", folder / "scope.csv")
    return request.param, report, predicted


def test_real_corpus_precision_and_recall(scored):
    name, report, _ = scored
    print(name, report.format(limit=20))
    assert report.precision >= 0.95, report.format(limit=40)
    assert report.recall >= 0.95 if name == "dev" else report.recall >= 0.90, report.format(limit=40)
    assert report.f1 >= 0.95, report.format(limit=40)


def test_matched_values_carry_the_indicator_the_gold_names(scored):
    # the value match ignores which indicator a number is published under; gold_codes.csv (annotated
    # without looking at the extractor) says which one it should be
    name, report, predicted = scored
    folder = CORPUS / name
    agreement = indicator_agreement(report, predicted, load_codes(folder / "gold_codes.csv", load_gold(folder / "gold.csv")))
    print(name, agreement.format(limit=100))
    assert agreement.share >= 0.93, agreement.format(limit=100)


def test_every_corpus_document_has_a_source_and_a_first_sight_score():
    own = CORPUS / "own"
    docs = {p.stem for p in (own / "docs").glob("*.txt")}
    first = {r["document_id"] for r in csv.DictReader(open(own / "first_sight.csv", encoding="utf-8"))}
    sources = (own / "SOURCES.md").read_text(encoding="utf-8")
    assert docs == first, docs ^ first
    assert all(f"## {d}\n# source: http" in sources for d in docs)
    assert len(docs) >= 30
