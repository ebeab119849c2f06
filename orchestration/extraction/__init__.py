"""Extraction: pure Python (no Dagster), from a document's text to Observations.

Public API (used by the Dagster assets, the evaluation and the benchmarks):
    load_reference(seeds_dir) -> Reference                 catalog, aliases, units, provinces from dbt seeds
    describe_document(document_id, text, ref, sidecar=None) -> DocumentInfo
    extract_observations(document_id, text, ref, info) -> ExtractionResult
"""
