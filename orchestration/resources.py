"""Where things live (raw/, warehouse/, published/, seeds) and the dbt resource.

Every path resolves *at run time* in this order: the resource config (launchpad / run config),
then an environment variable, then a default relative to the repository root. Resolving at run
time (not at import) lets tests and operators point one loaded code location at another raw/ or
warehouse/ just by setting the environment of the process that runs the job.

| setting              | env var                    | default                              |
|----------------------|----------------------------|--------------------------------------|
| raw_dir              | CHITIEU_RAW_DIR            | <repo>/raw                           |
| warehouse_dir        | CHITIEU_WAREHOUSE_DIR      | <repo>/warehouse                     |
| working_db           | CHITIEU_WORKING_DB         | <warehouse_dir>/chitieu.duckdb       |
| published_dir        | CHITIEU_PUBLISHED_DIR      | <warehouse_dir>/published            |
| seeds_dir            | CHITIEU_SEEDS_DIR          | <dbt project>/seeds                  |
| max_document_bytes   | CHITIEU_MAX_DOCUMENT_BYTES | 5 MiB                                |
| max_line_chars       | CHITIEU_MAX_LINE_CHARS     | 100,000 characters                   |
| max_values_per_line  | CHITIEU_MAX_VALUES_PER_LINE | 1,000                               |
| max_values_per_document | CHITIEU_MAX_VALUES_PER_DOCUMENT | 20,000                        |
| max_document_seconds | CHITIEU_MAX_DOCUMENT_SECONDS | 60 s of extraction per document    |
| dbt project          | CHITIEU_DBT_PROJECT_DIR    | <repo>/dbt_project (read at import)  |

The four extraction limits (orchestration/extraction/limits.py) quarantine a document that goes over
one, with a reason naming the limit and its setting.

``CHITIEU_WAREHOUSE_DB`` is an *output*, not an input: the dbt profile reads it, and the dbt asset
sets it to the resolved working db right before ``dbt build`` (so a stale value left in the
process environment can never redirect the pipeline).
"""
from __future__ import annotations

import os
from pathlib import Path

from dagster import ConfigurableResource
from dagster_dbt import DbtCliResource

from orchestration.extraction.limits import (
    MAX_DOCUMENT_SECONDS_ENV,
    MAX_LINE_CHARS_ENV,
    MAX_VALUES_PER_DOCUMENT_ENV,
    MAX_VALUES_PER_LINE_ENV,
    ExtractionLimits,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


def duckdb_memory_limit() -> str:
    """DuckDB's memory cap for every connection we open and for dbt's (profiles.yml reads the same
    variable). DuckDB's own default is 80 % of RAM; a cap makes large runs spill to disk instead."""
    return os.environ.get("CHITIEU_DUCKDB_MEMORY_LIMIT", "512MB")


def duckdb_connect(db: Path | str, read_only: bool = False, **settings: str):
    """A DuckDB connection with the memory cap; `settings` are further DuckDB options (e.g.
    storage_compatibility_version for a file older clients must read)."""
    import duckdb

    return duckdb.connect(str(db), read_only=read_only, config={"memory_limit": duckdb_memory_limit(), **settings})


def quiet_environment() -> None:
    """Telemetry off for every tool this process (and its dbt subprocesses) runs."""
    os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ["GX_ANALYTICS_ENABLED"] = "false"


def dbt_project_dir() -> Path:
    return Path(os.environ.get("CHITIEU_DBT_PROJECT_DIR") or REPO_ROOT / "dbt_project").resolve()


def dbt_executable() -> str:
    """The venv's dbt (dagster-dbt otherwise looks on PATH, which may be empty under the webserver)."""
    import sys

    candidate = Path(sys.executable).parent / "dbt"
    return str(candidate) if candidate.exists() else "dbt"


def _env_path(value: str | None, env: str, default: Path) -> Path:
    if value:
        return Path(value).expanduser().resolve()
    if os.environ.get(env):
        return Path(os.environ[env]).expanduser().resolve()
    return default.resolve()


class ChitieuPaths(ConfigurableResource):
    """Paths of the pipeline. Leave a field empty to use its env var or the default."""

    raw_dir: str = ""
    warehouse_dir: str = ""
    working_db: str = ""
    published_dir: str = ""
    seeds_dir: str = ""
    max_document_bytes: int = 0
    # extraction limits per document (0: the env var, else the default; see extraction/limits.py)
    max_line_chars: int = 0
    max_values_per_line: int = 0
    max_values_per_document: int = 0
    max_document_seconds: float = 0

    @property
    def raw(self) -> Path:
        return _env_path(self.raw_dir, "CHITIEU_RAW_DIR", REPO_ROOT / "raw")

    @property
    def warehouse(self) -> Path:
        return _env_path(self.warehouse_dir, "CHITIEU_WAREHOUSE_DIR", REPO_ROOT / "warehouse")

    @property
    def db(self) -> Path:
        return _env_path(self.working_db, "CHITIEU_WORKING_DB", self.warehouse / "chitieu.duckdb")

    @property
    def published(self) -> Path:
        return _env_path(self.published_dir, "CHITIEU_PUBLISHED_DIR", self.warehouse / "published")

    @property
    def published_db(self) -> Path:
        return self.published / "chitieu.duckdb"

    @property
    def published_parquet(self) -> Path:
        return self.published / "parquet"

    @property
    def published_excel(self) -> Path:
        """The Excel workbook of the current publication (same version as the DuckDB file and Parquet)."""
        return self.published / "chitieu.xlsx"

    @property
    def published_report(self) -> Path:
        """The HTML report of the current publication (open index.html in a browser)."""
        return self.published / "report"

    @property
    def published_current(self) -> Path:
        """Symlink to the current version directory, versions/<id>/; every published name above is a
        symlink through it, and one rename of it publishes a version (see assets/publish.py)."""
        return self.published / "current"

    @property
    def seeds(self) -> Path:
        return _env_path(self.seeds_dir, "CHITIEU_SEEDS_DIR", dbt_project_dir() / "seeds")

    @property
    def gx_dir(self) -> Path:
        return self.warehouse / "gx"

    @property
    def dbt_docs_dir(self) -> Path:
        """dbt's documentation site (`chitieu docs` writes it; the publish asset links its page)."""
        return self.warehouse / "dbt_docs"

    @property
    def state_dir(self) -> Path:
        """Small JSON state files (last successful load) the raw/ sensor reads without opening DuckDB."""
        return self.warehouse / "state"

    @property
    def max_bytes(self) -> int:
        if self.max_document_bytes:
            return int(self.max_document_bytes)
        return int(os.environ.get("CHITIEU_MAX_DOCUMENT_BYTES") or DEFAULT_MAX_DOCUMENT_BYTES)

    @property
    def limits(self) -> ExtractionLimits:
        """What one document may cost the extraction; a document over a limit is quarantined."""
        default = ExtractionLimits()

        def pick(field, env: str, cast, fallback):
            value = field or os.environ.get(env)
            value = cast(value) if value not in (None, "") else fallback
            if value <= 0:
                raise ValueError(f"{env} must be positive, got {value!r}")
            return value

        return ExtractionLimits(
            max_line_chars=pick(self.max_line_chars, MAX_LINE_CHARS_ENV, int, default.max_line_chars),
            max_values_per_line=pick(self.max_values_per_line, MAX_VALUES_PER_LINE_ENV, int, default.max_values_per_line),
            max_values_per_document=pick(self.max_values_per_document, MAX_VALUES_PER_DOCUMENT_ENV, int,
                                         default.max_values_per_document),
            max_document_seconds=pick(self.max_document_seconds, MAX_DOCUMENT_SECONDS_ENV, float,
                                      default.max_document_seconds),
        )

    def export_for_dbt(self) -> None:
        """dbt's profile reads the working database path from CHITIEU_WAREHOUSE_DB."""
        quiet_environment()
        self.warehouse.mkdir(parents=True, exist_ok=True)
        os.environ["CHITIEU_WAREHOUSE_DB"] = str(self.db)


class ChitieuDbtCliResource(DbtCliResource):
    """dagster-dbt's resource without the two things it does before every dbt command that this
    project does not use (~3–7 s of start-up per dbt step on this machine, measured):

    * ``dbt --version`` in a subprocess, to learn the version of the dbt executable: the executable is
      this venv's dbt, so it is the installed dbt-core's version (and ``dbt --version`` also tries to
      reach the package index for the newest version, which fails offline after a timeout);
    * a dbt adapter loaded in this process, which dagster-dbt needs only for ``fetch_column_metadata``
      and ``fetch_row_counts`` (not called here).
    """

    @property
    def _cli_version(self):
        from importlib import metadata

        from packaging import version

        return version.parse(metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):
        return None


def make_dbt_resource() -> DbtCliResource:
    project = dbt_project_dir()
    return ChitieuDbtCliResource(project_dir=str(project), profiles_dir=str(project), dbt_executable=dbt_executable())
