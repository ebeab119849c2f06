"""dbt (dagster-dbt): seeds → stg_ → int_ → dim_/fct_ → mart_ as assets, dbt tests as asset checks.

Lineage is continuous: the dbt sources ``raw.documents / raw.observations / raw.quarantine`` map to
the asset keys raw/documents, raw/observations, raw/quarantine that ``warehouse_raw_tables`` writes. Groups follow the layers.

The manifest is prepared when the code location loads if it is missing or older than any file of
the dbt project (a clean clone has no ``target/``): ``dbt parse`` with the venv's dbt.
"""

import fcntl
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dagster import AssetExecutionContext, AssetKey
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)

from orchestration.resources import ChitieuPaths, dbt_executable, dbt_project_dir, quiet_environment

RAW_SOURCE_NAME = "raw"
LAYER_GROUPS = {
    "staging": "warehouse_staging",
    "intermediate": "warehouse_intermediate",
    "marts": "warehouse_marts",
}

DBT_PROJECT = DbtProject(project_dir=dbt_project_dir(), profiles_dir=dbt_project_dir())


def _project_files(project_dir: Path):
    for sub in ("models", "seeds", "macros", "tests", "snapshots", "analyses"):
        base = project_dir / sub
        if base.exists():
            yield from (p for p in base.rglob("*") if p.is_file())
    for name in ("dbt_project.yml", "profiles.yml", "packages.yml", "dependencies.yml"):
        if (project_dir / name).exists():
            yield project_dir / name


def manifest_is_stale(project: DbtProject = DBT_PROJECT) -> bool:
    manifest = project.manifest_path
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    return any(p.stat().st_mtime > built for p in _project_files(project.project_dir))


def prepare_manifest(project: DbtProject = DBT_PROJECT) -> Path:
    """`dbt parse` when the manifest is missing or stale (also what `dagster dev` would do)."""
    quiet_environment()
    if not manifest_is_stale(project):
        return project.manifest_path
    target = project.project_dir / project.target_path
    target.mkdir(parents=True, exist_ok=True)
    # webserver, daemon and run workers may load the code location at the same moment: parse once
    with open(target / ".chitieu-parse.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if manifest_is_stale(project):
                env = {**os.environ, "CHITIEU_WAREHOUSE_DB": str(ChitieuPaths().db)}  # the profile must render
                subprocess.run(
                    [dbt_executable(), "parse", "--quiet", "--project-dir", str(project.project_dir),
                     "--profiles-dir", str(project.profiles_dir), "--target-path", str(project.target_path)],
                    check=True, cwd=str(project.project_dir), env=env,
                )
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return project.manifest_path


class ChitieuDbtTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props.get("resource_type") == "source" and RAW_SOURCE_NAME in (
            dbt_resource_props.get("source_name"), dbt_resource_props.get("schema")
        ):
            return AssetKey(["raw", dbt_resource_props["name"]])  # the tables warehouse_raw_tables writes
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        rtype = dbt_resource_props.get("resource_type")
        if rtype == "seed":
            return "warehouse_reference"
        fqn = dbt_resource_props.get("fqn") or []
        for part in fqn[1:-1]:
            if part in LAYER_GROUPS:
                return LAYER_GROUPS[part]
        path = str(dbt_resource_props.get("original_file_path", ""))
        for layer, group in LAYER_GROUPS.items():
            if f"/{layer}/" in path:
                return group
        return "warehouse"


TRANSLATOR = ChitieuDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))

prepare_manifest()


@dbt_assets(manifest=DBT_PROJECT.manifest_path, project=DBT_PROJECT, dagster_dbt_translator=TRANSLATOR)
def chitieu_dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, paths: ChitieuPaths):
    """`dbt build`: seeds, models and their tests, against the working DuckDB (CHITIEU_WAREHOUSE_DB)."""
    paths.export_for_dbt()
    yield from dbt.cli(["build"], context=context).stream()


def dbt_model_keys() -> dict[str, AssetKey]:
    """model name → asset key, for the models this manifest defines."""
    out = {}
    for key in chitieu_dbt_models.keys:
        out[key.path[-1]] = key
    return out
