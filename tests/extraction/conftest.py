from __future__ import annotations

from pathlib import Path

import pytest

from orchestration.extraction import describe_document, extract_observations, load_reference

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "dbt_project" / "seeds"


@pytest.fixture(scope="session")
def ref():
    return load_reference(SEEDS)


@pytest.fixture(scope="session")
def run(ref):
    """Extract a short text: returns (DocumentInfo, ExtractionResult)."""

    def _run(text: str, sidecar: dict | None = None, document_id: str = "doc"):
        info = describe_document(document_id, text, ref, sidecar)
        return info, extract_observations(document_id, text, ref, info)

    return _run
