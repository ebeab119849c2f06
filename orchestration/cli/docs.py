"""`chitieu docs`: dbt's documentation site (models, columns, tests, lineage) as one static HTML page.

Built against the working warehouse, so the catalog shows real column types and row counts, into its
own target directory (dagster-dbt's manifest in dbt_project/target is left alone).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

from orchestration.resources import ChitieuPaths, dbt_executable, dbt_project_dir


def generate_docs(paths: ChitieuPaths) -> Path:
    """Run `dbt docs generate --static`; return the path of the single-file site."""
    paths.export_for_dbt()
    out = paths.dbt_docs_dir
    target = out / "target"
    project = dbt_project_dir()
    cmd = [dbt_executable(), "docs", "generate", "--static", "--project-dir", str(project),
           "--profiles-dir", str(project), "--target-path", str(target), "--log-path", str(out / "logs")]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"dbt docs generate failed ({proc.returncode}):\n{proc.stdout[-3000:]}{proc.stderr[-2000:]}")
    page = out / "index.html"
    shutil.copyfile(target / "static_index.html", page)
    return page


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(prog="chitieu docs", description=__doc__.splitlines()[0]).parse_args(argv or [])
    paths = ChitieuPaths()
    if not paths.db.exists():
        print(f"note: {paths.db} does not exist yet (run `chitieu run` first for column types in the docs)")
    page = generate_docs(paths)
    print(f"dbt docs: {page}  (open it in a browser; it is self-contained)")
    return 0
