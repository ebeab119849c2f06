"""The input fingerprint of a publication: what a refresh compares to decide what it must redo.

A publication is a function of its inputs: the raw documents (their bytes, as content hashes, and what
was read from them and their sidecars), the seeds, the dbt project (models, macros, tests), the checks
and the code (extraction, assets, report, and the versions of the packages that run them). Each part
is hashed on its own; the fingerprint is the hash of the parts. ``publish`` records it in the version
(``parquet/_publication.json``, ``meta.publication.input_fingerprint``).

A refresh compares the fingerprint of its inputs with the current publication's:

* equal: nothing it could build would differ, so ``warehouse_raw_tables`` writes nothing and yields no
  materialization; Dagster skips every step downstream of it (dbt build, the checks, the publication,
  the report) and the run records that publication N is still current, with the fingerprint.
* different: the parts that differ say what to redo. dbt builds ``source:raw+`` when the raw tables
  changed and ``state:modified+`` (dbt's state comparison against the manifest of the working
  database's last successful build, kept in ``<warehouse>/state/dbt/``) for changed seeds and models;
  anything else (checks, code, packages) rebuilds everything.

No Dagster import here: the parts are plain files and values, testable on their own.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ORCHESTRATION = Path(__file__).resolve().parent.parent
# the packages whose version can change what a publication holds
PACKAGES = ("dbt-core", "dbt-duckdb", "duckdb", "pandas", "pyarrow", "pandera", "great-expectations",
            "xlsxwriter", "jinja2", "altair", "vl-convert-python", "dagster", "dagster-dbt")
# columns of raw.documents that are the time of a run, not a property of the document
VOLATILE_DOCUMENT_COLUMNS = ("extracted_at",)
PARTS = ("documents", "extraction", "seeds", "models", "checks", "code")


def _hash_files(files, root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(set(files)):
        h.update(str(p.relative_to(root)).encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:16]


def _files(base: Path, patterns=("*",)) -> list[Path]:
    if not base.exists():
        return []
    return [p for pat in patterns for p in base.rglob(pat) if p.is_file() and "__pycache__" not in p.parts]


def documents_part(documents) -> str:
    """The documents as loaded: one row per file (name, content hash, status and reason, what was read
    from it and its sidecar), without the time of the run. `documents`: the raw.documents frame."""
    cols = [c for c in documents.columns if c not in VOLATILE_DOCUMENT_COLUMNS and c != "sidecar"]
    rows = documents[cols].astype(str).sort_values("file_name" if "file_name" in cols else cols[0])
    h = hashlib.sha256(json.dumps(cols).encode())
    for row in rows.itertuples(index=False, name=None):
        h.update(json.dumps(row, ensure_ascii=False).encode())
    return h.hexdigest()[:16]


def dbt_project_files(project_dir: Path, seeds: bool = False) -> list[Path]:
    subs = ("seeds",) if seeds else ("models", "macros", "tests", "snapshots", "analyses")
    out = [p for s in subs for p in _files(project_dir / s)]
    if not seeds:
        names = ("dbt_project.yml", "profiles.yml", "packages.yml", "dependencies.yml", "selectors.yml")
        out += [project_dir / n for n in names if (project_dir / n).exists()]
    return out


def code_part() -> str:
    """Assets, resources, definitions and the report (extraction and checks are parts of their own),
    plus the versions of the packages that run them."""
    files = [p for p in _files(ORCHESTRATION / "assets") + _files(ORCHESTRATION / "report")
             if p.suffix in (".py", ".csv", ".j2", ".css", ".js", ".html")]
    files += [ORCHESTRATION / n for n in ("definitions.py", "resources.py") if (ORCHESTRATION / n).exists()]
    h = hashlib.sha256(_hash_files(files, ORCHESTRATION).encode())
    for pkg in PACKAGES:
        try:
            h.update(f"{pkg}=={metadata.version(pkg)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{pkg} missing".encode())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class Fingerprint:
    parts: dict[str, str] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.parts, sort_keys=True).encode()).hexdigest()[:16]

    def changed(self, other: "Fingerprint | None") -> list[str]:
        """The parts that differ from `other` (every part when there is none)."""
        if other is None:
            return list(PARTS)
        return [p for p in PARTS if self.parts.get(p) != other.parts.get(p)]

    def as_json(self) -> dict:
        return {"digest": self.digest, "parts": dict(self.parts)}

    @staticmethod
    def from_json(data: dict | None) -> "Fingerprint | None":
        if not data or not isinstance(data.get("parts"), dict):
            return None
        return Fingerprint(dict(data["parts"]))


def input_fingerprint(documents, extraction: str, seeds_dir: Path, project_dir: Path) -> Fingerprint:
    """`documents`: the raw.documents frame of this run; `extraction`: the extraction fingerprint
    (extraction code + seeds, see observations.extraction_fingerprint)."""
    seeds_dir, project_dir = Path(seeds_dir), Path(project_dir)
    seed_files = _files(seeds_dir, ("*.csv", "*.yml", "*.yaml"))
    return Fingerprint({
        "documents": documents_part(documents),
        "extraction": extraction,
        "seeds": _hash_files(seed_files, seeds_dir),
        "models": _hash_files(dbt_project_files(project_dir), project_dir),
        "checks": _hash_files(_files(ORCHESTRATION / "checks", ("*.py",)), ORCHESTRATION),
        "code": code_part(),
    })


def published_fingerprint(version_dir: Path | None) -> tuple[str | None, Fingerprint | None]:
    """(version id, input fingerprint) of a published version directory; (None, None) before the first
    publication, (id, None) for a version published before fingerprints were recorded."""
    if version_dir is None:
        return None, None
    manifest = Path(version_dir) / "parquet" / "_publication.json"
    try:
        data = json.loads(manifest.read_text())
    except (OSError, ValueError):
        return None, None
    return data.get("version_id"), Fingerprint.from_json(data.get("input_fingerprint"))


# ------------------------------------------------------------------ the working database's dbt state

def dbt_state_dir(state_dir: Path) -> Path:
    """manifest.json of the working database's last successful dbt build, and built.json: the
    fingerprint it was built from. dbt's ``--state`` points here."""
    return Path(state_dir) / "dbt"


def read_built(state_dir: Path) -> Fingerprint | None:
    d = dbt_state_dir(state_dir)
    try:
        if not (d / "manifest.json").exists():
            return None
        return Fingerprint.from_json(json.loads((d / "built.json").read_text()))
    except (OSError, ValueError):
        return None


def record_built(state_dir: Path, manifest: Path, fingerprint: Fingerprint) -> None:
    d = dbt_state_dir(state_dir)
    d.mkdir(parents=True, exist_ok=True)
    (d / "manifest.json").write_bytes(Path(manifest).read_bytes())
    (d / "built.json").write_text(json.dumps(fingerprint.as_json(), indent=1))


def forget_built(state_dir: Path) -> None:
    """While a build runs (and after one failed) the working database may hold a mix: without
    built.json the next build is a full one. (manifest.json stays: the running build reads it.)"""
    (dbt_state_dir(state_dir) / "built.json").unlink(missing_ok=True)


def dbt_selection(current: Fingerprint, built: Fingerprint | None, working_db_ok: bool) -> list[str] | None:
    """What dbt must build for `current` given what the working database was last built from: None for
    everything, [] for nothing, else dbt selectors (raw tables changed → ``source:raw+``; seeds or
    models changed → ``state:modified+``)."""
    if built is None or not working_db_ok:
        return None
    changed = set(current.changed(built))
    if changed - {"documents", "extraction", "seeds", "models"}:
        return None  # checks, code or packages: everything
    select = []
    if changed & {"documents", "extraction", "seeds"}:
        select.append("source:raw+")  # the raw tables are rewritten (seeds change extraction too)
    if changed & {"seeds", "models"}:
        select.append("state:modified+")
    return select
