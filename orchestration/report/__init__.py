"""The static report of a publication: HTML pages an analyst opens from disk.

``build_report(published_db, out_dir)`` reads one published DuckDB file (read-only) and writes a
self-contained directory (``index.html`` and its pages, charts and scripts; no network, no
server). The publish step calls it on every publication, so the report lives in the same
version directory as the DuckDB file, Parquet and workbook it was made with, and is published with
them by the one rename of ``current``.
"""
from orchestration.report.build import build_report

__all__ = ["build_report"]
