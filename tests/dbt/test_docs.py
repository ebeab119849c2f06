"""`chitieu docs`: dbt's documentation as one static page, built against a real working warehouse."""
from __future__ import annotations

import json

import pytest

from orchestration.cli.docs import generate_docs
from orchestration.resources import ChitieuPaths

pytestmark = pytest.mark.pipeline


def test_docs_page_documents_the_marts(seeded_run, tmp_path):
    env, _ = seeded_run
    paths = ChitieuPaths(warehouse_dir=str(tmp_path / "warehouse"), working_db=str(env.working_db))
    page = generate_docs(paths)
    assert page == tmp_path / "warehouse" / "dbt_docs" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "model.chitieu.fct_indicator_value" in html and "model.chitieu.mart_target_vs_actual" in html
    # the catalog (real column types read from the warehouse) was built, not only the manifest
    assert (tmp_path / "warehouse" / "dbt_docs" / "target" / "catalog.json").exists()
    nodes = json.loads((tmp_path / "warehouse" / "dbt_docs" / "target" / "catalog.json").read_text())["nodes"]
    assert "model.chitieu.fct_indicator_value" in nodes
