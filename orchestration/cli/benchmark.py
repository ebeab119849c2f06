"""`chitieu benchmark`: speed and memory figures, all measured in ONE run on the same machine.

    chitieu benchmark                       # sizes 100,1000,10000
    chitieu benchmark --sizes 100,1000      # fewer
    chitieu benchmark --quick               # N=20 smoke run
    chitieu benchmark --json out.json       # also machine-readable

What it measures (each step prints as soon as it is done):

0. the machine's speed: a fixed pure-Python loop (calibration, Mloops/s), and the start-up of the
   code location (import + ``Definitions`` + the job, in a fresh process) — beside every absolute figure;
1. cold end-to-end on the five seed documents (a copy of raw/): a clean temp warehouse + temp
   DAGSTER_HOME, then ``chitieu run`` (the real ``refresh_all`` job) in a subprocess, until the marts
   are published (the run builds the HTML report in its publication step: its build time and share of
   the run are read from the run's output); then the same command again with nothing changed
   (no-change refresh: how many documents it re-extracted, and whether it kept the publication), then
   again after one document changed (one changed document); each as a ratio to the cold run;
2. per size N, a corpus from ``chitieu generate`` (``orchestration.cli.generate``):
   * baseline: read the same bytes, decode UTF-8, regex-scan every number (the practical limit);
   * extraction: decode + ``describe_document`` + ``extract_observations`` in one process, and the
     same over a ``ProcessPoolExecutor`` with 2 workers — documents/s, MB/s, ratio to the baseline
     (run in a child process, so its peak RSS is measured on its own and this process stays small:
     on Linux a child exec'd from a big process inherits that process's RSS high-water mark);
   * accuracy of the extracted values against the generated gold (precision/recall/F1, scoring rules
     of /work/shared/gold/README.md, on the extractor's output before validation);
   * load into a temp DuckDB (``orchestration.assets.load.write_tables``, like the load asset) and
     ``dbt build`` against it (subprocess);
   * end-to-end: ``chitieu run`` with ``CHITIEU_RAW_DIR`` = the corpus, clean temp state;
3. peak memory: ``ru_maxrss`` of each child (``os.wait4``, includes the child's own children such
   as dbt) and of this process; growth ratios between sizes; targets with PASS/MISS. When the
   extraction targets are missed, a pyinstrument profile of the extraction is written to
   ``artifacts/benchmarks/`` and its top functions (self time) are printed.
"""
from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = REPO_ROOT / "dbt_project" / "seeds"
RAW_SEEDS = REPO_ROOT / "raw"
ARTIFACTS = REPO_ROOT / "artifacts" / "benchmarks"
GIB = 1024 ** 3
STATE_VARIABLES = ("CHITIEU_RAW_DIR", "CHITIEU_WAREHOUSE_DIR", "CHITIEU_WAREHOUSE_DB", "CHITIEU_PUBLISHED_DIR")

TARGETS = {
    "no_change_vs_cold": 0.25,
    "one_changed_vs_cold": 0.6,
    "seeds_cold_e2e_s": 30.0,
    "extraction_docs_per_s": 50.0,
    "extraction_vs_scan_ratio": 5.0,
    "e2e_10k_s": 600.0,
    "e2e_10k_peak_bytes": 2 * GIB,
    "report_share_of_run": 0.20,
}


def say(msg: str = "") -> None:
    print(msg, flush=True)


# ----------------------------------------------------------------------------------------------
# Machine
# ----------------------------------------------------------------------------------------------

def machine() -> dict:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
    except OSError:
        pass
    versions = {}
    for pkg in ("duckdb", "dagster", "dagster-dbt", "dbt-core", "dbt-duckdb", "pandas", "pyarrow"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {"cpu": cpu, "cores": os.cpu_count(), "usable_cores": usable, "ram_bytes": mem,
            "loadavg_at_start": os.getloadavg(),
            "python": platform.python_version(), "platform": platform.platform(), "versions": versions}


# ----------------------------------------------------------------------------------------------
# Subprocesses with their own peak memory
# ----------------------------------------------------------------------------------------------

def run_child(cmd: list[str], env: dict, log: Path, timeout: float = 3600) -> dict:
    """Run cmd; wall time, exit code and the child's peak RSS (incl. its waited-for descendants)."""
    t0 = time.perf_counter()
    with open(log, "wb") as fh:
        proc = subprocess.Popen(cmd, env=env, cwd=str(REPO_ROOT), stdout=fh, stderr=subprocess.STDOUT,
                                start_new_session=True)
        deadline = t0 + timeout
        while True:
            pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, 15)
                pid, status, ru = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": time.perf_counter() - t0, "rc": proc.returncode, "peak_rss_bytes": ru.ru_maxrss * 1024,
            "log": str(log), "output": log.read_text(errors="replace")}


def clean_env(base: Path, raw_dir: Path) -> dict:
    """A fresh warehouse + DAGSTER_HOME under `base`, reading raw documents from `raw_dir`."""
    home = base / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    if (REPO_ROOT / "dagster.yaml").exists():
        shutil.copy(REPO_ROOT / "dagster.yaml", home / "dagster.yaml")
    else:
        (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    env = dict(os.environ)
    for k in STATE_VARIABLES:  # state goes to the temp dirs; code settings (CHITIEU_DBT_PROJECT_DIR…) are kept
        env.pop(k, None)
    env.update({
        "DAGSTER_HOME": str(home), "CHITIEU_RAW_DIR": str(raw_dir), "CHITIEU_WAREHOUSE_DIR": str(base / "warehouse"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1", "GX_ANALYTICS_ENABLED": "false",
        "PATH": str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
    })
    return env


def calibrate(seconds: float = 1.0) -> dict:
    """The machine's pure-Python speed: iterations of a fixed loop (dict, str and int work like the
    extraction's) per second, best of three. Two machines' figures compare through it."""
    best = 0.0
    for _ in range(3):
        n, t0 = 0, time.perf_counter()
        d: dict = {}
        while time.perf_counter() - t0 < seconds / 3:
            for i in range(10_000):
                k = "k" + str(i & 255)
                d[k] = d.get(k, 0) + i
            n += 10_000
        best = max(best, n / (time.perf_counter() - t0))
    return {"loops_per_s": best, "mloops_per_s": best / 1e6}


_STARTUP = ("import time; t0 = time.perf_counter(); import dagster, dagster_dbt; t1 = time.perf_counter(); "
            "from orchestration.definitions import defs; t2 = time.perf_counter(); "
            "defs.resolve_job_def('refresh_all'); t3 = time.perf_counter(); "
            "print(f'STARTUP {t1 - t0:.3f} {t2 - t1:.3f} {t3 - t2:.3f}')")


def startup(env: dict, log: Path) -> dict:
    """The seconds before a run's first step that are the code location's: Dagster and dagster-dbt
    imports, this project's Definitions (dbt manifest included), the job."""
    res = run_child([sys.executable, "-c", _STARTUP], env, log, timeout=300)
    m = re.search(r"STARTUP ([\d.]+) ([\d.]+) ([\d.]+)", res["output"])
    if not m:
        return {"seconds": res["seconds"], "error": res["output"][-500:]}
    imports, defs, job = (float(x) for x in m.groups())
    return {"seconds": res["seconds"], "dagster_imports_s": imports, "definitions_s": defs, "job_s": job,
            "interpreter_s": max(0.0, res["seconds"] - imports - defs - job)}


def chitieu_run(env: dict, log: Path, timeout: float = 3600) -> dict:
    res = run_child([sys.executable, "-m", "orchestration.cli", "run"], env, log, timeout)
    res["still_current"] = "still current, because fingerprint" in res["output"]
    m = re.search(r"published\s+version (\S+)", res["output"])
    res["version"] = m.group(1) if m else None
    m = re.search(r"extraction\s+(\d+) extracted, (\d+) unchanged", res["output"])
    res["extracted"] = int(m.group(1)) if m else None
    res["unchanged"] = int(m.group(2)) if m else None
    res["ok"] = res["rc"] == 0
    m = re.search(r"values\s+(\d+) from (\d+) documents", res["output"])
    res["published_values"] = int(m.group(1)) if m else None
    # the HTML report is built inside the run (publication step); chitieu run prints its build time
    m = re.search(r"Report\s+.+?\s+\(built in ([\d.]+) s", res["output"])
    res["report_s"] = float(m.group(1)) if m else None
    res["report_share"] = res["report_s"] / res["seconds"] if m and res["seconds"] else None
    if res["extracted"] is None:  # fall back on the load asset's run log in the working db
        res["extracted"] = _run_log_extracted(Path(env["CHITIEU_WAREHOUSE_DIR"]) / "chitieu.duckdb")
    return res


def change_one_document(raw_dir: Path) -> Path:
    """Change the first document's text (so its hash); a hard link is replaced by a copy first, so the
    corpus it links to stays as generated."""
    doc = sorted(raw_dir.glob("*.txt"))[0]
    data = doc.read_bytes()
    doc.unlink()
    doc.write_bytes(data + "\nVăn bản được cập nhật để đo một lần làm mới.\n".encode())
    return doc


def refresh_series(env: dict, raw_dir: Path, logs: Path, label: str, cold: dict) -> dict:
    """After a cold run: the same command with nothing changed, then after one changed document;
    each as a ratio to the cold run."""
    warm = chitieu_run(env, logs / f"{label}_no_change.log")
    warm["ratio_to_cold"] = warm["seconds"] / cold["seconds"] if cold["seconds"] else None
    say(f"   no change {_fmt_s(warm['seconds'])}  rc={warm['rc']}  re-extracted={warm['extracted']}  "
        f"unchanged={warm['unchanged']}  {'publication still current' if warm['still_current'] else 'REBUILT'}  "
        f"= {warm['ratio_to_cold']:.2f} × cold")
    if not warm["ok"]:
        say(tail(warm["output"]))
    change_one_document(raw_dir)
    one = chitieu_run(env, logs / f"{label}_one_changed.log")
    one["ratio_to_cold"] = one["seconds"] / cold["seconds"] if cold["seconds"] else None
    m = re.search(r"dbt build: (.+)", one["output"])
    one["dbt_selection"] = m.group(1).strip() if m else None
    say(f"   1 changed {_fmt_s(one['seconds'])}  rc={one['rc']}  extracted={one['extracted']}  "
        f"unchanged={one['unchanged']}  dbt built {one['dbt_selection'] or 'n/a'}  = {one['ratio_to_cold']:.2f} × cold")
    if not one["ok"]:
        say(tail(one["output"]))
    return {"refresh": warm, "one_changed": one}


def _run_log_extracted(db: Path) -> int | None:
    try:
        import duckdb

        con = duckdb.connect(str(db), read_only=True)
        try:
            row = con.execute("select extracted from pipeline.run_log order by loaded_at desc limit 1").fetchone()
            return int(row[0]) if row else None
        finally:
            con.close()
    except Exception:
        return None


def tail(text: str, n: int = 15) -> str:
    return "\n".join("      " + line for line in text.strip().splitlines()[-n:])


# ----------------------------------------------------------------------------------------------
# Extraction (in process and in a pool)
# ----------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def baseline_scan(paths: list[Path]) -> dict:
    """Read, decode, regex-scan every number: what any extractor must at least do."""
    t0 = time.perf_counter()
    nbytes = numbers = 0
    for p in paths:
        data = p.read_bytes()
        nbytes += len(data)
        text = data.decode("utf-8")
        for _ in _NUMBER.finditer(text):
            numbers += 1
    return {"seconds": time.perf_counter() - t0, "bytes": nbytes, "numbers": numbers}


def _extraction_api():
    from orchestration import extraction as ex

    missing = [n for n in ("load_reference", "describe_document", "extract_observations") if not hasattr(ex, n)]
    if missing:
        raise RuntimeError(f"orchestration.extraction does not export {', '.join(missing)} yet")
    try:
        from orchestration.extraction.decode import decode_document
    except Exception:  # pragma: no cover
        decode_document = None
    return ex, decode_document


def extract_one(path: Path, ref, ex, decode_document):
    data = path.read_bytes()
    if decode_document is not None:
        dec = decode_document(data)
        if not dec.ok:
            return None, None, dec, len(data)
        text = dec.text
    else:
        dec, text = None, data.decode("utf-8")
    doc_id = path.stem
    info = ex.describe_document(doc_id, text, ref)
    result = ex.extract_observations(doc_id, text, ref, info)
    return info, result, dec, len(data)


def extract_in_process(paths: list[Path], keep: bool = True) -> dict:
    ex, decode_document = _extraction_api()
    t_ref = time.perf_counter()
    ref = ex.load_reference(SEEDS_DIR)
    ref_seconds = time.perf_counter() - t_ref
    t0 = time.perf_counter()
    docs, observations, rejects = [], [], []
    nbytes = n_obs = n_rej = 0
    for p in paths:
        info, result, dec, size = extract_one(p, ref, ex, decode_document)
        nbytes += size
        if result is None:
            continue
        n_obs += len(result.observations)
        n_rej += len(result.rejects)
        if keep:  # not the Decoded itself: it holds the whole text
            docs.append((p, info, {"content_sha256": getattr(dec, "content_sha256", None),
                                   "size_bytes": getattr(dec, "size_bytes", size), "line_count": getattr(dec, "line_count", None),
                                   "encoding": getattr(dec, "encoding", "utf-8")}))
            observations.extend(result.observations)
            rejects.extend(result.rejects)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "reference_seconds": ref_seconds, "bytes": nbytes, "documents": len(paths),
            "observations": n_obs, "rejects": n_rej, "_docs": docs, "_observations": observations, "_rejects": rejects}


_W = {}


def _worker_init(seeds_dir: str) -> None:
    ex, decode_document = _extraction_api()
    _W.update(ex=ex, dec=decode_document, ref=ex.load_reference(Path(seeds_dir)))


def _worker_chunk(paths: list[str]) -> tuple[int, int, int]:
    n_obs = nbytes = 0
    for p in paths:
        _, result, _, size = extract_one(Path(p), _W["ref"], _W["ex"], _W["dec"])
        nbytes += size
        if result is not None:
            n_obs += len(result.observations)
    return len(paths), n_obs, nbytes


def extract_in_pool(paths: list[Path], workers: int = 2) -> dict:
    chunk = max(1, min(50, len(paths) // (workers * 4) or 1))
    chunks = [[str(p) for p in paths[i:i + chunk]] for i in range(0, len(paths), chunk)]
    t0 = time.perf_counter()
    # spawn, not fork: workers must not inherit (and copy-on-write-touch) this process's heap
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init,
                             initargs=(str(SEEDS_DIR),)) as pool:
        totals = [0, 0, 0]
        for n, o, b in pool.map(_worker_chunk, chunks):
            totals[0] += n
            totals[1] += o
            totals[2] += b
    return {"seconds": time.perf_counter() - t0, "documents": totals[0],
            "observations": totals[1], "bytes": totals[2], "workers": workers}


# ----------------------------------------------------------------------------------------------
# Accuracy against the generated gold (rules of /work/shared/gold/README.md)
# ----------------------------------------------------------------------------------------------

def _num(x) -> float | None:
    if x is None or x == "":
        return None
    return float(x)


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def score_observations(observations: list, gold_csv: Path, scope_csv: Path) -> dict:
    """Precision/recall/F1 of extracted values vs gold: each gold row and each value match at most once,
    required rows first (README rules; values without indicator or unit are not counted: they would be
    quarantined, not published)."""
    gold = list(csv.DictReader(open(gold_csv, encoding="utf-8")))
    scope: dict[str, list[tuple[int, int]]] = {}
    for r in csv.DictReader(open(scope_csv, encoding="utf-8")):
        scope.setdefault(r["document_id"], []).append((int(r["line_from"]), int(r["line_to"])))
    by_key: dict[tuple, list[int]] = {}
    for i, g in enumerate(gold):
        by_key.setdefault((g["document_id"], int(g["source_line"])), []).append(i)
    preds = [o for o in observations if o.indicator_code is not None and o.unit_key is not None]
    in_scope = [o for o in preds if any(a <= o.source_line <= b for a, b in scope.get(o.document_id, ()))]
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched = matched_optional = 0

    def fits(o, g) -> bool:
        return (str(o.year) == g["year"] and o.comparator == g["comparator"]
                and _close(o.value_low, _num(g["value_low"])) and _close(o.value_high, _num(g["value_high"]))
                and o.value_kind in g["value_kind"].split("|"))

    for optional in ("0", "1"):
        for j, o in enumerate(in_scope):
            if j in used_pred:
                continue
            for i in by_key.get((o.document_id, o.source_line), ()):
                if i in used_gold or gold[i]["optional"] != optional or not fits(o, gold[i]):
                    continue
                used_gold.add(i)
                used_pred.add(j)
                if optional == "0":
                    matched += 1
                else:
                    matched_optional += 1
                break
    required = sum(1 for g in gold if g["optional"] == "0")
    predicted = len(in_scope) - matched_optional
    precision = matched / predicted if predicted else 0.0
    recall = matched / required if required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    missed = [gold[i] for i in range(len(gold)) if i not in used_gold and gold[i]["optional"] == "0"]
    spurious = [in_scope[j] for j in range(len(in_scope)) if j not in used_pred]
    return {"gold_required": required, "predicted_in_scope": predicted, "matched": matched,
            "precision": precision, "recall": recall, "f1": f1,
            "_missed": missed[:20], "_spurious": [(o.document_id, o.source_line, o.year, o.value_kind, o.comparator,
                                                   o.value_low, o.value_high, o.source_text[:100]) for o in spurious[:20]]}


# ----------------------------------------------------------------------------------------------
# Load + dbt build at size N
# ----------------------------------------------------------------------------------------------

def load_raw_tables(extracted: dict, db: Path) -> float:
    """Write raw.documents / raw.observations / raw.quarantine like the load asset does."""
    import pandas as pd

    from orchestration.assets.load import DOCUMENTS, OBSERVATIONS, QUARANTINE, to_arrow, write_tables

    now = datetime.now(timezone.utc).replace(tzinfo=None)
    doc_rows = []
    for path, info, dec in extracted["_docs"]:
        row = info.as_row()
        row.pop("year_hint", None)
        row.update(file_name=path.name, status="ok", extracted_at=now, **dec)
        doc_rows.append(row)
    valid, quarantine = [], []
    for o in extracted["_observations"]:
        if o.indicator_code is not None and o.unit_key is not None:
            valid.append(o.as_row())
        else:
            quarantine.append({"document_id": o.document_id, "source_line": o.source_line, "source_text": o.source_text,
                               "stage": "extraction", "check_name": "unmatched", "reason": "no indicator or unit",
                               "detail": "", "detected_at": now})
    for r in extracted["_rejects"]:
        row = r.as_row()
        row.update(stage="extraction", detected_at=now)
        quarantine.append(row)
    t0 = time.perf_counter()
    frames = {
        "raw.documents": to_arrow(pd.DataFrame(doc_rows), DOCUMENTS),
        "raw.observations": to_arrow(pd.DataFrame(valid), OBSERVATIONS),
        "raw.quarantine": to_arrow(pd.DataFrame(quarantine), QUARANTINE),
    }
    write_tables(db, frames)
    return time.perf_counter() - t0


def dbt_build(db: Path, work: Path) -> dict:
    project = Path(os.environ.get("CHITIEU_DBT_PROJECT_DIR") or REPO_ROOT / "dbt_project")
    env = dict(os.environ)
    env.update({"CHITIEU_WAREHOUSE_DB": str(db), "CHITIEU_WAREHOUSE_DIR": str(db.parent),
                "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"})
    dbt = Path(sys.executable).parent / "dbt"
    cmd = [str(dbt) if dbt.exists() else "dbt", "build", "--project-dir", str(project), "--profiles-dir", str(project),
           "--target-path", str(work / "dbt_target"), "--log-path", str(work / "dbt_logs")]
    res = run_child(cmd, env, work / "dbt_build.log", timeout=3600)
    m = re.search(r"PASS=(\d+)\s+WARN=(\d+)\s+ERROR=(\d+)\s+SKIP=(\d+)", res["output"])
    res["summary"] = m.group(0) if m else None
    res["ok"] = res["rc"] == 0
    return res


# ----------------------------------------------------------------------------------------------
# Profile (when extraction misses its targets)
# ----------------------------------------------------------------------------------------------

def profile_extraction(paths: list[Path], out_dir: Path, top: int = 15) -> dict:
    from pyinstrument import Profiler

    out_dir.mkdir(parents=True, exist_ok=True)
    extract_in_process(paths[:1], keep=False)  # imports and compiled patterns out of the profile
    profiler = Profiler(interval=0.001)
    profiler.start()
    extract_in_process(paths, keep=False)
    profiler.stop()
    text_path, html_path = out_dir / "extraction_profile.txt", out_dir / "extraction_profile.html"
    text_path.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    html_path.write_text(profiler.output_html())
    selfs: dict[tuple, float] = {}
    total = 0.0

    def walk(frame):
        nonlocal total
        if frame is None:
            return
        owner = frame.parent if frame.function == "[self]" and frame.parent is not None else frame
        path = owner.file_path or ""
        try:
            path = str(Path(path).resolve().relative_to(REPO_ROOT))
        except (ValueError, OSError):
            path = owner.file_path_short or path
        key = (owner.function, path, owner.line_no or 0)
        selfs[key] = selfs.get(key, 0.0) + frame.total_self_time
        total += frame.total_self_time
        for child in frame.children:
            walk(child)

    walk(profiler.last_session.root_frame())
    ranked = sorted(selfs.items(), key=lambda kv: -kv[1])[:top]
    return {"text": str(text_path), "html": str(html_path), "total_s": total,
            "top": [{"function": f, "file": fp, "line": ln, "self_s": round(s, 4), "share": s / total if total else 0}
                    for (f, fp, ln), s in ranked]}


# ----------------------------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------------------------

def _fmt_s(x) -> str:
    return "n/a" if x is None else f"{x:.2f} s"


def _fmt_b(x) -> str:
    return "n/a" if x is None else f"{x / 2**20:.0f} MiB"


def _report(run: dict) -> str:
    if run.get("report_s") is None:
        return "report: not built"
    return f"report built in {_fmt_s(run['report_s'])} = {run['report_share']:.0%} of the run"


def _verdict(ok) -> str:
    return "PASS" if ok else ("MISS" if ok is not None else "n/a ")


def accuracy(observations: list, gold_csv: Path, scope_csv: Path) -> dict:
    """Score with `chitieu evaluate`'s scorer (orchestration.cli.evaluate) when present, else our own."""
    valid = [o for o in observations if o.indicator_code is not None and o.unit_key is not None]
    try:
        import pandas as pd

        from orchestration.cli.evaluate import load_gold, load_scope, score

        cols = ["document_id", "source_line", "year", "value_kind", "comparator", "value_low", "value_high", "source_text"]
        pred = pd.DataFrame([{c: getattr(o, c) for c in cols} for o in valid], columns=cols)
        rep = score(pred, load_gold(gold_csv), load_scope(scope_csv))
        c = rep.overall
        return {"scorer": "orchestration.cli.evaluate", "gold_required": c.required, "predicted_in_scope": c.predicted_in_scope,
                "matched": c.matched_required, "precision": c.precision, "recall": c.recall, "f1": c.f1}
    except ImportError:
        res = score_observations(valid, gold_csv, scope_csv)
        return {"scorer": "benchmark", **{k: v for k, v in res.items() if not k.startswith("_")}}


def published_accuracy(published_db: Path, corpus: Path) -> dict | None:
    """The published fact table scored against the corpus gold (what `chitieu evaluate` reports)."""
    try:
        import duckdb

        from orchestration.cli.evaluate import load_gold, load_scope, score

        con = duckdb.connect(str(published_db), read_only=True)
        try:
            pred = con.execute("select document_id, source_line, year, value_kind, comparator, value_low, value_high, "
                               "source_text from marts.fct_indicator_value").df()
        finally:
            con.close()
        c = score(pred, load_gold(corpus / "gold.csv"), load_scope(corpus / "scope.csv")).overall
        return {"precision": c.precision, "recall": c.recall, "f1": c.f1, "matched": c.matched_required,
                "gold_required": c.required, "predicted_in_scope": c.predicted_in_scope}
    except Exception as exc:  # informative only
        return {"error": f"{type(exc).__name__}: {exc}", "precision": 0.0, "recall": 0.0, "f1": 0.0}


def extract_worker(corpus: Path, db: Path, out_json: Path, workers: int) -> int:
    """Child process of the benchmark: pool run, in-process run, accuracy, load; figures as JSON."""
    paths = sorted(corpus.glob("*.txt"))
    out: dict = {}
    try:  # the pool first, while this process is small (its workers are spawned from it)
        out["pool"] = extract_in_pool(paths, workers)
    except Exception as exc:
        out["pool_error"] = f"{type(exc).__name__}: {exc}"
    ext = extract_in_process(paths)
    out["accuracy"] = accuracy(ext["_observations"], corpus / "gold.csv", corpus / "scope.csv")
    try:
        out["load_s"] = load_raw_tables(ext, db)
    except Exception as exc:
        out["load_error"] = f"{type(exc).__name__}: {exc}"
    out["extraction"] = {k: v for k, v in ext.items() if not k.startswith("_")}
    out_json.write_text(json.dumps(out))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--_extract-worker":
        workers = int(argv[argv.index("--workers") + 1]) if "--workers" in argv else 2
        return extract_worker(Path(argv[1]), Path(argv[2]), Path(argv[3]), workers)
    ap = argparse.ArgumentParser(prog="chitieu benchmark", description="Speed and memory figures in one run.")
    ap.add_argument("--sizes", default="100,1000,10000", help="corpus sizes (documents), comma-separated")
    ap.add_argument("--quick", action="store_true", help="smoke run: N=20")
    ap.add_argument("--json", dest="json_path", help="also write the figures to this JSON file")
    ap.add_argument("--seed", type=int, default=20241124, help="generator seed")
    ap.add_argument("--workers", type=int, default=2, help="process-pool size for the parallel extraction")
    ap.add_argument("--workdir", help="where corpora and temp warehouses go (default: a temp dir, removed)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--skip-seeds", action="store_true", help="skip the seed cold/refresh runs")
    ap.add_argument("--skip-e2e", action="store_true", help="skip chitieu run on the generated corpora")
    ap.add_argument("--skip-dbt", action="store_true", help="skip the dbt build of each generated corpus")
    ap.add_argument("--e2e-sizes", type=lambda v: {int(x) for x in v.split(",") if x.strip()}, default=None,
                    help="the sizes to run end to end (cold, no change, one changed document); default: all")
    ap.add_argument("--profile", action="store_true", help="write the extraction profile even if targets pass")
    args = ap.parse_args(argv)
    sizes = [20] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="chitieu-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    report: dict = {"started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "sizes": sizes,
                    "machine": machine(), "seed": args.seed, "workdir": str(work)}
    m = report["machine"]
    say("chitieu benchmark")
    say(f"  machine   {m['cpu']}, {m['cores']} cores ({m['usable_cores']} usable), "
        f"{(m['ram_bytes'] or 0) / GIB:.1f} GiB RAM, {m['platform']}")
    say(f"  software  Python {m['python']}, " + ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v))
    say(f"  load avg  {' / '.join(f'{x:.2f}' for x in m['loadavg_at_start'])} (1/5/15 min) at start — other work on "
        f"the machine slows every figure below")
    say(f"  workdir   {work}")
    try:
        _run(args, sizes, work, report)
    finally:
        report["self_peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        report["children_peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        report["finished_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        report["loadavg_at_end"] = os.getloadavg()
        say(f"\n  load avg  {' / '.join(f'{x:.2f}' for x in report['loadavg_at_end'])} (1/5/15 min) at the end")
        if args.json_path:
            Path(args.json_path).parent.mkdir(parents=True, exist_ok=True)
            Path(args.json_path).write_text(json.dumps(_public(report), indent=1, ensure_ascii=False, default=str))
            say(f"\n  JSON      {args.json_path}")
        if not (args.keep or args.workdir):
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _public(obj):
    if isinstance(obj, dict):
        return {k: _public(v) for k, v in obj.items() if not str(k).startswith("_") and k != "output"}
    if isinstance(obj, list):
        return [_public(v) for v in obj]
    return obj


def _run(args, sizes: list[int], work: Path, report: dict) -> None:
    from orchestration.cli.generate import generate

    # 0. machine speed and start-up --------------------------------------------------------------
    cal = calibrate()
    report["calibration"] = cal
    say(f"\n0. machine   {cal['mloops_per_s']:.2f} M loops/s (pure-Python calibration loop, best of 3)")
    st = startup(clean_env(work / "startup", RAW_SEEDS), work / "startup.log")
    report["startup"] = st
    if "error" in st:
        say(f"   start-up  failed: {st['error']}")
    else:
        say(f"   start-up  {_fmt_s(st['seconds'])} before a run can start: interpreter {st['interpreter_s']:.2f} s, "
            f"dagster + dagster-dbt imports {st['dagster_imports_s']:.2f} s, Definitions (dbt manifest included) "
            f"{st['definitions_s']:.2f} s, job {st['job_s']:.2f} s")

    # 1. seeds: cold end-to-end, no-change refresh, one changed document --------------------------
    if not args.skip_seeds:
        say("\n1. seeds: cold end-to-end (clean temp warehouse + DAGSTER_HOME, `chitieu run` subprocess)")
        base = work / "seeds_e2e"
        raw = work / "seeds_raw"  # a copy: the one-changed-document run edits a document
        shutil.copytree(RAW_SEEDS, raw, dirs_exist_ok=True)
        env = clean_env(base, raw)
        cold = chitieu_run(env, base.parent / "seeds_cold.log")
        say(f"   cold      {_fmt_s(cold['seconds'])}  rc={cold['rc']}  extracted={cold['extracted']}  "
            f"published values={cold['published_values']}  peak RSS {_fmt_b(cold['peak_rss_bytes'])}  {_report(cold)}")
        if not cold["ok"]:
            say(tail(cold["output"]))
        series = refresh_series(env, raw, base.parent, "seeds", cold)
        report["seeds"] = {"cold": cold, **series}

    # 2. per size ------------------------------------------------------------------------------
    report["runs"] = []
    for n in sizes:
        say(f"\n2. N = {n} generated documents")
        corpus = work / f"corpus_{n}"
        if corpus.exists():
            shutil.rmtree(corpus)
        g0 = time.perf_counter()
        man = generate(n, corpus, seed=args.seed)
        gen_s = time.perf_counter() - g0
        paths = sorted(corpus.glob("*.txt"))
        mb = man["bytes"] / 1e6
        say(f"   generate  {_fmt_s(gen_s)}  {mb:.1f} MB, {man['gold_rows']} gold values, layouts {man['layouts']}")
        row: dict = {"n": n, "bytes": man["bytes"], "generate_s": gen_s, "gold_rows": man["gold_rows"]}
        # page cache warm for both: read once before timing
        for p in paths:
            p.read_bytes()
        base = baseline_scan(paths)
        row["baseline"] = base
        say(f"   baseline  {_fmt_s(base['seconds'])}  {n / base['seconds']:.0f} docs/s, "
            f"{base['bytes'] / 1e6 / base['seconds']:.1f} MB/s  (read + decode + regex-scan {base['numbers']} numbers)")
        # extraction, pool, accuracy and load run in a child process: its peak RSS is the extraction's
        # own, and this process stays small (a child exec'd from a big parent inherits its RSS peak)
        db = work / f"dbt_{n}" / "chitieu.duckdb"
        db.parent.mkdir(parents=True, exist_ok=True)
        out_json = work / f"extract_{n}.json"
        child = run_child([sys.executable, "-m", "orchestration.cli.benchmark", "--_extract-worker", str(corpus), str(db),
                           str(out_json), "--workers", str(args.workers)], dict(os.environ), work / f"extract_{n}.log")
        if child["rc"] != 0 or not out_json.exists():
            say(f"   extraction failed (rc={child['rc']}):")
            say(tail(child["output"], 12))
            row["extraction_error"] = child["output"][-2000:]
            report["runs"].append(row)
            continue
        w = json.loads(out_json.read_text())
        ext = w["extraction"]
        ext["peak_rss_bytes"] = child["peak_rss_bytes"]
        dps, mbps = n / ext["seconds"], ext["bytes"] / 1e6 / ext["seconds"]
        ext["docs_per_s"], ext["mb_per_s"] = dps, mbps
        ext["ratio_to_baseline"] = ext["seconds"] / base["seconds"]
        row["extraction"] = ext
        say(f"   extract   {_fmt_s(ext['seconds'])}  {dps:.0f} docs/s, {mbps:.2f} MB/s, {ext['observations']} values, "
            f"{ext['rejects']} rejects; {ext['ratio_to_baseline']:.1f}× the baseline (reference load "
            f"{ext['reference_seconds']:.2f} s, not counted)")
        pool = w.get("pool")
        if pool:
            pool["docs_per_s"] = n / pool["seconds"]
            pool["mb_per_s"] = pool["bytes"] / 1e6 / pool["seconds"]
            pool["speedup"] = ext["seconds"] / pool["seconds"]
            row["extraction_pool"] = pool
            say(f"   pool({args.workers})   {_fmt_s(pool['seconds'])}  {pool['docs_per_s']:.0f} docs/s, "
                f"{pool['mb_per_s']:.2f} MB/s, speed-up {pool['speedup']:.2f}× (incl. worker start-up and reference load)")
        else:
            say(f"   pool      failed: {w.get('pool_error')}")
        say(f"   memory    extraction process peak RSS {_fmt_b(ext['peak_rss_bytes'])} (all {n} documents' values kept for the load)")
        acc = w["accuracy"]
        row["accuracy"] = acc
        say(f"   accuracy  P={acc['precision']:.3f} R={acc['recall']:.3f} F1={acc['f1']:.3f} "
            f"({acc['matched']}/{acc['gold_required']} gold, {acc['predicted_in_scope']} predicted in scope)")
        if args.skip_dbt:
            pass
        elif w.get("load_error"):
            say(f"   load      failed: {w['load_error']}")
            row["dbt_error"] = w["load_error"]
        else:
            row["load_s"] = w["load_s"]
            say(f"   load      {_fmt_s(row['load_s'])}  raw.* written with orchestration.assets.load.write_tables")
            d = dbt_build(db, db.parent)
            row["dbt"] = d
            say(f"   dbt build {_fmt_s(d['seconds'])}  rc={d['rc']}  {d['summary'] or ''}  peak RSS {_fmt_b(d['peak_rss_bytes'])}")
            if not d["ok"]:
                say(tail(d["output"], 8))
        # end-to-end through the real job
        if not args.skip_e2e and (args.e2e_sizes is None or n in args.e2e_sizes):
            base_dir = work / f"e2e_{n}"
            raw_only = work / f"raw_{n}"  # documents only: gold.csv / scope.csv / manifest.json would be read as documents
            if not raw_only.exists():
                raw_only.mkdir()
                for p in paths:
                    os.link(p, raw_only / p.name)
            env = clean_env(base_dir, raw_only)
            e2e = chitieu_run(env, work / f"e2e_{n}.log", timeout=3600)
            row["e2e"] = e2e
            say(f"   e2e       {_fmt_s(e2e['seconds'])}  rc={e2e['rc']}  extracted={e2e['extracted']}  "
                f"published values={e2e['published_values']}  peak RSS {_fmt_b(e2e['peak_rss_bytes'])}  {_report(e2e)}")
            if not e2e["ok"]:
                say(tail(e2e["output"], 10))
            else:
                pub = published_accuracy(base_dir / "warehouse" / "published" / "chitieu.duckdb", corpus)
                if pub:
                    e2e["published_accuracy"] = pub
                    say(f"   published P={pub['precision']:.3f} R={pub['recall']:.3f} F1={pub['f1']:.3f} "
                        f"(marts.fct_indicator_value vs gold, chitieu evaluate's scorer)")
                row.update(refresh_series(env, raw_only, work, f"e2e_{n}", e2e))
        shutil.rmtree(db.parent, ignore_errors=True)
        report["runs"].append(row)

    _summary(args, sizes, work, report)


def ratio_table(report: dict) -> list[str]:
    """The issue's ratios and the machine's speed from one run, as Markdown."""
    rows = ["| figure | measured | ratio | target |", "|---|---|---|---|"]
    cal, st = report.get("calibration"), report.get("startup") or {}
    if cal:
        rows.append(f"| machine speed (pure-Python calibration loop) | {cal['mloops_per_s']:.2f} M loops/s | | |")
    if "definitions_s" in st:
        rows.append(f"| start-up before a run (interpreter + imports + Definitions + job) | {st['seconds']:.1f} s "
                    f"(imports {st['dagster_imports_s']:.1f} s, Definitions {st['definitions_s']:.1f} s) | | |")
    seeds = report.get("seeds")
    if seeds:
        c, w, o = seeds["cold"], seeds["refresh"], seeds["one_changed"]
        mark = lambda ok: "✔" if ok else "✘"  # noqa: E731
        rows.append(f"| cold run, 5 seed documents | {c['seconds']:.1f} s | 1 | |")
        rows.append(f"| no-change refresh ({'publication still current' if w['still_current'] else 'rebuilt'}) | "
                    f"{w['seconds']:.1f} s | {w['ratio_to_cold']:.2f} × cold | ≤ 0.25 "
                    f"{mark(w['still_current'] and w['ratio_to_cold'] <= TARGETS['no_change_vs_cold'])} |")
        rows.append(f"| one changed document ({o['extracted']} extracted, dbt: {o.get('dbt_selection') or 'n/a'}) | "
                    f"{o['seconds']:.1f} s | {o['ratio_to_cold']:.2f} × cold | ≤ 0.6 "
                    f"{mark(o['ratio_to_cold'] <= TARGETS['one_changed_vs_cold'])} |")
    for r in report.get("runs", []):
        if "e2e" in r and "refresh" in r:
            c, w, o = r["e2e"], r["refresh"], r["one_changed"]
            rows.append(f"| cold run, N = {r['n']:,} generated documents | {c['seconds']:.1f} s | 1 | |")
            rows.append(f"| no-change refresh, N = {r['n']:,} | {w['seconds']:.1f} s | {w['ratio_to_cold']:.2f} × cold | ≤ 0.25 "
                        f"{'✔' if w['still_current'] and w['ratio_to_cold'] <= TARGETS['no_change_vs_cold'] else '✘'} |")
            rows.append(f"| one changed document, N = {r['n']:,} ({o['extracted']} extracted) | {o['seconds']:.1f} s | "
                        f"{o['ratio_to_cold']:.2f} × cold | ≤ 0.6 "
                        f"{'✔' if o['ratio_to_cold'] <= TARGETS['one_changed_vs_cold'] else '✘'} |")
    for r in report.get("runs", []):
        if "extraction" not in r:
            continue
        e, b = r["extraction"], r["baseline"]
        rows.append(f"| extraction, N = {r['n']:,}, 1 process | {e['seconds']:.1f} s, {e['docs_per_s']:.0f} docs/s "
                    f"(bare scan {b['seconds']:.2f} s) | {e['ratio_to_baseline']:.1f} × bare scan | ≤ 5 "
                    f"{'✔' if e['ratio_to_baseline'] <= TARGETS['extraction_vs_scan_ratio'] else '✘'} |")
    return rows


def _summary(args, sizes, work: Path, report: dict) -> None:
    runs = [r for r in report["runs"] if "extraction" in r]
    say("\n3. growth (time ratio vs size ratio; ~equal means linear)")
    for a, b in zip(report["runs"], report["runs"][1:]):
        k = b["n"] / a["n"]
        parts = [f"size ×{k:g}"]
        for label, get in (("extract", lambda r: r.get("extraction", {}).get("seconds")),
                           ("baseline", lambda r: r["baseline"]["seconds"]),
                           ("dbt", lambda r: r.get("dbt", {}).get("seconds")),
                           ("e2e", lambda r: r.get("e2e", {}).get("seconds"))):
            x, y = get(a), get(b)
            if x and y:
                parts.append(f"{label} ×{y / x:.1f}")
        say(f"   {a['n']} → {b['n']}: " + ", ".join(parts))
        report.setdefault("growth", []).append({"from": a["n"], "to": b["n"], "detail": ", ".join(parts)})

    self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    say("\n4. peak memory (RSS high-water mark)")
    say(f"   this process (generation, baseline scan, orchestration):  {_fmt_b(self_peak)}")
    for r in report["runs"]:
        parts = [f"{k} {_fmt_b(r[k]['peak_rss_bytes'])}" for k in ("extraction", "dbt", "e2e") if r.get(k, {}).get("peak_rss_bytes")]
        if parts:
            say(f"   N={r['n']}: " + ", ".join(parts))
    say(f"   largest child overall (incl. its own children):          {_fmt_b(child_peak)}")

    say("\n5. targets (2-core machine)")
    targets = []
    seeds = report.get("seeds")
    if seeds:
        c, w = seeds["cold"], seeds["refresh"]
        targets.append(("cold end-to-end on the 5 seeds < 30 s", f"{c['seconds']:.1f} s" + ("" if c["ok"] else " (run FAILED)"),
                        c["ok"] and c["seconds"] < TARGETS["seeds_cold_e2e_s"]))
        targets.append(("no-change refresh re-extracts 0 documents", f"{w['extracted']} re-extracted in {w['seconds']:.1f} s",
                        None if w["extracted"] is None else (w["ok"] and w["extracted"] == 0)))
        targets.append((f"no-change refresh ÷ cold ≤ {TARGETS['no_change_vs_cold']}",
                        f"{w['ratio_to_cold']:.2f} ({w['seconds']:.1f} s ÷ {c['seconds']:.1f} s)"
                        + ("" if w["still_current"] else ", publication REBUILT"),
                        w["ok"] and w["still_current"] and w["ratio_to_cold"] <= TARGETS["no_change_vs_cold"]))
        o = seeds["one_changed"]
        targets.append((f"one changed document ÷ cold ≤ {TARGETS['one_changed_vs_cold']}",
                        f"{o['ratio_to_cold']:.2f} ({o['seconds']:.1f} s ÷ {c['seconds']:.1f} s, {o['extracted']} extracted)",
                        o["ok"] and o["extracted"] == 1 and o["ratio_to_cold"] <= TARGETS["one_changed_vs_cold"]))
    if runs:
        big = runs[-1]
        e = big["extraction"]
        targets.append((f"extraction ≥ 50 documents/s (N={big['n']}, 1 process)", f"{e['docs_per_s']:.0f} docs/s",
                        e["docs_per_s"] >= TARGETS["extraction_docs_per_s"]))
        for r in runs:
            targets.append((f"extraction within 5× of the bare scan (N={r['n']})", f"{r['extraction']['ratio_to_baseline']:.1f}×",
                            r["extraction"]["ratio_to_baseline"] <= TARGETS["extraction_vs_scan_ratio"]))
    for r in report["runs"]:
        if "refresh" in r:
            w, o = r["refresh"], r["one_changed"]
            targets.append((f"no-change refresh ÷ cold ≤ {TARGETS['no_change_vs_cold']} (N={r['n']})",
                            f"{w['ratio_to_cold']:.2f}", w["ok"] and w["still_current"] and w["ratio_to_cold"] <= TARGETS["no_change_vs_cold"]))
            targets.append((f"one changed document ÷ cold ≤ {TARGETS['one_changed_vs_cold']} (N={r['n']})",
                            f"{o['ratio_to_cold']:.2f} ({o['extracted']} extracted)",
                            o["ok"] and o["ratio_to_cold"] <= TARGETS["one_changed_vs_cold"]))
    e2e_10k = next((r for r in report["runs"] if r["n"] >= 10000 and "e2e" in r), None)
    if e2e_10k:
        e = e2e_10k["e2e"]
        targets.append(("10,000 documents end-to-end < 10 min", f"{e['seconds']:.0f} s" + ("" if e["ok"] else " (run FAILED)"),
                        e["ok"] and e["seconds"] < TARGETS["e2e_10k_s"]))
        targets.append(("10,000 documents peak memory < 2 GiB", f"{_fmt_b(e['peak_rss_bytes'])} (chitieu run incl. dbt)",
                        e["peak_rss_bytes"] < TARGETS["e2e_10k_peak_bytes"]))
    else:
        targets.append(("10,000 documents end-to-end < 10 min, < 2 GiB", "not measured in this run (size 10000 not requested or skipped)", None))
    report_runs = ([("seeds", seeds["cold"])] if seeds else []) + [(f"N={r['n']}", r["e2e"]) for r in report["runs"] if "e2e" in r]
    for label, run in report_runs:
        share = run.get("report_share")
        targets.append((f"HTML report build ≤ {TARGETS['report_share_of_run']:.0%} of the run ({label})",
                        "not built" if share is None else f"{run['report_s']:.1f} s of {run['seconds']:.1f} s = {share:.0%}",
                        None if share is None else share <= TARGETS["report_share_of_run"]))
    for name, value, ok in targets:
        say(f"   [{_verdict(ok)}] {name}: {value}")
    report["targets"] = [{"target": n, "value": v, "pass": ok} for n, v, ok in targets]
    say("\n   the ratios of this run, as a table (README):\n")
    for line in ratio_table(report):
        say("   " + line)

    extraction_missed = any(ok is False for n, _, ok in targets if n.startswith("extraction"))
    if runs and (extraction_missed or args.profile):
        n_prof = min(200, runs[-1]["n"])
        paths = sorted((work / f"corpus_{runs[-1]['n']}").glob("*.txt"))[:n_prof]
        say(f"\n6. where the extraction time goes (pyinstrument, {n_prof} documents)")
        try:
            prof = profile_extraction(paths, ARTIFACTS)
            report["profile"] = prof
            say(f"   profile   {prof['text']}  /  {prof['html']}")
            say("   top functions by self time:" + ("" if prof["top"] else " (none collected — see the text profile)"))
            for t in prof["top"]:
                say(f"     {t['share']:6.1%}  {t['self_s']:8.3f} s  {t['function']}  ({t['file']}:{t['line']})")
        except Exception as exc:
            say(f"   profile failed: {type(exc).__name__}: {exc}")


if __name__ == "__main__":
    sys.exit(main())
