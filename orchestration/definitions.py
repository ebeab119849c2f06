"""The one Definitions: assets in flow order, quality gates, the refresh job, schedule, sensors, resources.

    raw_documents (ingest) → indicator_observations (extract) → warehouse_raw_tables (warehouse)
      → dbt seeds / stg_ / int_ / dim_ / fct_ / mart_ (warehouse_*) → blocking checks → published_marts (publish)
      → published_report (the HTML report, built and published with it by the one rename of current)
"""
from __future__ import annotations

import warnings
from datetime import timedelta

from dagster import (
    AssetSelection,
    Definitions,
    build_last_update_freshness_checks,
    build_sensor_for_freshness_checks,
    define_asset_job,
    in_process_executor,
)

from orchestration.assets.dbt import chitieu_dbt_models
from orchestration.assets.documents import raw_documents
from orchestration.assets.load import warehouse_raw_tables
from orchestration.assets.observations import indicator_observations
from orchestration.assets.publish import published_marts
from orchestration.assets.report import published_report
from orchestration.automation import make_failure_sensor, make_raw_sensor, make_schedule
from orchestration.checks.asset_checks import build_checks
from orchestration.resources import ChitieuPaths, make_dbt_resource, quiet_environment

quiet_environment()

# One run writes the working DuckDB at a time: in-process executor inside a run, and the
# `chitieu/duckdb-writer` tag limited to 1 by the run queue (dagster.yaml) across runs.
WRITER_TAG = {"chitieu/duckdb-writer": "working-db"}

# The publication is fresh when a refresh confirmed it against its inputs within a day and two hours
# of the nightly run: a new version (materialisation) or, when nothing changed, the observation that
# publication N is still current (warehouse_raw_tables logs it with dagster/last_updated_timestamp).
# (A freshness *check*, not a FreshnessPolicy: a policy counts materialisations only.)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # SupersessionWarning: see above
    FRESHNESS_CHECKS = build_last_update_freshness_checks(assets=[published_marts],
                                                          lower_bound_delta=timedelta(hours=26))
    FRESHNESS_SENSOR = build_sensor_for_freshness_checks(freshness_checks=FRESHNESS_CHECKS,
                                                         name="publication_freshness_sensor")

refresh_all = define_asset_job(
    name="refresh_all",
    # the freshness check is the sensor's (it asks about the time since the last refresh, not this run)
    selection=AssetSelection.all() - AssetSelection.checks(*FRESHNESS_CHECKS),
    executor_def=in_process_executor,
    tags=WRITER_TAG,
    description="raw/ → extraction → DuckDB → dbt build → audit (pandera, Great Expectations) → atomic publication.",
)

defs = Definitions(
    assets=[raw_documents, indicator_observations, warehouse_raw_tables, chitieu_dbt_models, published_marts,
            published_report],
    asset_checks=[*build_checks(), *FRESHNESS_CHECKS],
    jobs=[refresh_all],
    schedules=[make_schedule(refresh_all)],
    sensors=[make_raw_sensor(refresh_all), make_failure_sensor(refresh_all),
             FRESHNESS_SENSOR],
    resources={"paths": ChitieuPaths(), "dbt": make_dbt_resource()},
)
