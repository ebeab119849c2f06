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

from dagster import AssetExecutionContext, AssetKey, Output
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
    for name in ("dbt_project.yml", "profiles.yml", "packages.yml", "dependencies.yml", "selectors.yml"):
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


# dbt selectors (dbt_project/selectors.yml) for the partial builds fingerprint.dbt_selection names
SELECTORS = {
    ("source:raw+",): "chitieu_raw_changed",
    ("state:modified+",): "chitieu_state_modified",
    ("source:raw+", "state:modified+"): "chitieu_raw_changed_and_state_modified",
}


def build_args(selection: list[str] | None, state: Path) -> list[str]:
    """`dbt build` arguments for a selection of fingerprint.dbt_selection (None: everything).
    A --selector, because dagster-dbt adds ``--select fqn:*`` to a run that builds every asset and
    dbt unites several --select flags (a --selector overrides them)."""
    if selection is None:
        return ["build"]
    args = ["build", "--selector", SELECTORS[tuple(selection)]]
    if "state:modified+" in selection:
        args += ["--state", str(state)]
    return args


@dbt_assets(manifest=DBT_PROJECT.manifest_path, project=DBT_PROJECT, dagster_dbt_translator=TRANSLATOR)
def chitieu_dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, paths: ChitieuPaths):
    """`dbt build` against the working DuckDB (CHITIEU_WAREHOUSE_DB): everything, or only what this
    run's changes need (see fingerprint.dbt_selection). Models it does not rebuild are current in the
    working database: they are reported as such, so their checks and the publication still run."""
    from orchestration.assets import fingerprint as fpr
    from orchestration.assets.load import plan_fingerprint, read_plan, working_db_built

    paths.export_for_dbt()
    plan = read_plan(paths, context.run.run_id)
    current = plan_fingerprint(plan)
    built = fpr.read_built(paths.state_dir)
    selection = None
    if current is not None and not plan.get("forced"):
        selection = fpr.dbt_selection(current, built, working_db_built(paths.db))
    reason = "everything (no earlier build to compare with, or checks/code changed)" if selection is None else (
        "nothing: the working database was built from these inputs" if not selection else " ".join(selection))
    context.log.info(f"dbt build: {reason}")
    fpr.forget_built(paths.state_dir)  # until this build succeeds, the working database is a mix
    events, failure = [], None
    if selection != []:
        invocation = dbt.cli(build_args(selection, fpr.dbt_state_dir(paths.state_dir)), context=context)
        try:
            events = list(invocation.stream())
        except Exception as exc:  # what did build is still reported, then the step fails
            failure = exc
        manifest = invocation.target_path / "manifest.json"
    else:
        manifest = DBT_PROJECT.manifest_path
    # Every selection is "<nodes>+" (closed under descendants), so what dbt did not rebuild has no
    # rebuilt ancestor: reported first, in topological order, the multi-asset's outputs stay in order.
    # (after a failed build nothing is reported as current: a model dbt failed or skipped is not)
    yielded = {e.output_name for e in events if isinstance(e, Output)}
    selected = set(context.op_execution_context.selected_output_names)
    for name in _OUTPUTS_IN_TOPOLOGICAL_ORDER if failure is None else ():
        if name in selected and name not in yielded:
            yield Output(None, output_name=name, metadata={"rebuilt": False, "dbt_selection": reason})
    yield from events
    if failure is not None:
        raise failure
    if current is not None:
        fpr.record_built(paths.state_dir, manifest, current)


def _topological_output_names() -> list[str]:
    from graphlib import TopologicalSorter

    by_key = {k: n for n, k in chitieu_dbt_models.keys_by_output_name.items()}
    deps = chitieu_dbt_models.asset_deps
    order = TopologicalSorter({k: [d for d in deps.get(k, ()) if d in by_key] for k in by_key}).static_order()
    return [by_key[k] for k in order]


_OUTPUTS_IN_TOPOLOGICAL_ORDER = _topological_output_names()


def dbt_model_keys() -> dict[str, AssetKey]:
    """model name → asset key, for the models this manifest defines."""
    out = {}
    for key in chitieu_dbt_models.keys:
        out[key.path[-1]] = key
    return out
