"""Browser test of the Dagster UI: the webserver serves our Definitions, the asset graph and catalog
list the pipeline's assets, and `refresh_all` launched through the GraphQL API (the same API the
UI's "Materialize" button uses) finishes with SUCCESS. Screenshots go to artifacts/screenshots/.

The run goes through the real instance configuration (repo dagster.yaml: queued run coordinator),
so a `dagster-daemon` runs next to `dagster-webserver` — as in nightly operation. Both are started
in their own process groups with a temp DAGSTER_HOME, warehouse and raw/ copy, and the groups are
killed at the end.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
EXPECTED_ASSETS = ["raw_documents", "indicator_observations", "fct_indicator_value", "published_marts"]
VENV_BIN = Path(sys.executable).parent


def ensure_chromium() -> str:
    """Debian's chromium, installed on first use when we are root; otherwise skip with the reason."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.geteuid() != 0:
        pytest.skip(f"{CHROMIUM} is missing and this user is not root: "
                    "apt-get install -y --no-install-recommends chromium")
    if not shutil.which("apt-get"):
        pytest.skip(f"{CHROMIUM} is missing and there is no apt-get to install it")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium"]):
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            pytest.skip(f"could not install chromium ({' '.join(cmd)} exited {proc.returncode}): {proc.stderr[-500:]}")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"apt-get installed chromium but {CHROMIUM} does not exist")
    return CHROMIUM


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_json(url: str, payload: dict | None = None, timeout: float = 30) -> dict:
    data = None if payload is None else json.dumps(payload).encode()
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read())


def graphql(base: str, query: str, variables: dict | None = None) -> dict:
    out = http_json(f"{base}/graphql", {"query": query, "variables": variables or {}})
    assert "errors" not in out, out.get("errors")
    return out["data"]


def stop_group(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="module")
def dagster(tmp_path_factory):
    """dagster-webserver (+ dagster-daemon) on a free port with a temp instance; yields the base URL."""
    tmp = tmp_path_factory.mktemp("dagster_ui")
    home, raw, warehouse = tmp / "dagster_home", tmp / "raw", tmp / "warehouse"
    home.mkdir()
    shutil.copytree(REPO_ROOT / "raw", raw)
    repo_cfg = REPO_ROOT / "dagster.yaml"
    if repo_cfg.exists():
        shutil.copy(repo_cfg, home / "dagster.yaml")
    else:
        (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    assert "enabled: false" in (home / "dagster.yaml").read_text(), "telemetry must be off"
    state = ("CHITIEU_RAW_DIR", "CHITIEU_WAREHOUSE_DIR", "CHITIEU_WAREHOUSE_DB", "CHITIEU_PUBLISHED_DIR")
    env = {k: v for k, v in os.environ.items() if k not in state}  # code settings (CHITIEU_DBT_PROJECT_DIR) kept
    env.update(DAGSTER_HOME=str(home), CHITIEU_RAW_DIR=str(raw), CHITIEU_WAREHOUSE_DIR=str(warehouse),
               DBT_SEND_ANONYMOUS_USAGE_STATS="false", DO_NOT_TRACK="1", GX_ANALYTICS_ENABLED="false",
               PATH=str(VENV_BIN) + os.pathsep + os.environ.get("PATH", ""))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # create the instance's SQLite storage before the two processes start: both would otherwise create
    # it at once on a fresh DAGSTER_HOME ("table alembic_version already exists" killed the webserver)
    migrate = subprocess.run([str(VENV_BIN / "dagster"), "instance", "migrate"], cwd=REPO_ROOT, env=env,
                             capture_output=True, text=True, timeout=300)
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr
    logs = {name: open(tmp / f"{name}.log", "wb") for name in ("webserver", "daemon")}
    procs = [
        subprocess.Popen([str(VENV_BIN / "dagster-webserver"), "-h", "127.0.0.1", "-p", str(port),
                          "-m", "orchestration.definitions"], cwd=REPO_ROOT, env=env, start_new_session=True,
                         stdout=logs["webserver"], stderr=subprocess.STDOUT),
        subprocess.Popen([str(VENV_BIN / "dagster-daemon"), "run", "-m", "orchestration.definitions"],
                         cwd=REPO_ROOT, env=env, start_new_session=True,
                         stdout=logs["daemon"], stderr=subprocess.STDOUT),
    ]
    try:
        deadline = time.monotonic() + 240
        while True:
            if procs[0].poll() is not None:
                pytest.fail("dagster-webserver exited:\n" + (tmp / "webserver.log").read_text(errors="replace")[-4000:])
            try:
                info = http_json(f"{base}/server_info", timeout=5)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
                if time.monotonic() > deadline:
                    pytest.fail("dagster-webserver did not answer /server_info within 240 s:\n"
                                + (tmp / "webserver.log").read_text(errors="replace")[-4000:])
                time.sleep(1)
        wait_for_code_location(base)
        yield {"base": base, "server_info": info, "tmp": tmp, "warehouse": warehouse}
    finally:
        for p in procs:
            stop_group(p)
        for fh in logs.values():
            fh.close()


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    executable = ensure_chromium()
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium_profile")
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1600, "height": 1000},
        )
        try:
            yield ctx
        finally:
            ctx.close()


WORKSPACE_QUERY = """
    query { workspaceOrError { __typename
      ... on Workspace { locationEntries { name loadStatus
          locationOrLoadError { __typename ... on PythonError { message stack } } } }
      ... on PythonError { message } } }"""


def wait_for_code_location(base: str, timeout_s: float = 240) -> None:
    """Until every code location has loaded; fail with the load error (e.g. an import error) if one did not."""
    deadline = time.monotonic() + timeout_s
    while True:
        ws = graphql(base, WORKSPACE_QUERY)["workspaceOrError"]
        entries = ws.get("locationEntries") or []
        if entries and all(e["loadStatus"] == "LOADED" for e in entries):
            errors = [e for e in entries if (e["locationOrLoadError"] or {}).get("__typename") == "PythonError"]
            if errors:
                err = errors[0]["locationOrLoadError"]
                pytest.fail(f"code location {errors[0]['name']} failed to load: {err['message']}\n"
                            + "".join(err.get("stack") or [])[-3000:])
            return
        if time.monotonic() > deadline:
            pytest.fail(f"code location still loading after {timeout_s:.0f} s: {ws}")
        time.sleep(1)


def repository(base: str) -> tuple[str, str]:
    data = graphql(base, """
        query { repositoriesOrError { __typename
          ... on RepositoryConnection { nodes { name location { name } jobs { name } } }
          ... on PythonError { message } } }""")
    repos = data["repositoriesOrError"]
    assert repos["__typename"] == "RepositoryConnection", repos
    for node in repos["nodes"]:
        if any(j["name"] == "refresh_all" for j in node["jobs"]):
            return node["location"]["name"], node["name"]
    pytest.fail(f"no repository defines refresh_all: {repos}")


def dismiss_popups(page) -> None:
    """Close the first-visit "Join the Dagster community" dialog (it covers the screenshots)."""
    for name in ("Skip", "Dismiss", "Close"):
        button = page.get_by_role("button", name=name, exact=True)
        try:
            if button.count() and button.first.is_visible():
                button.first.click(timeout=3000)
                page.wait_for_timeout(300)
        except Exception:  # the dialog is cosmetic: never fail the test on it
            pass


def wait_for_text(page, texts: list[str], timeout_s: float = 60) -> list[str]:
    """The texts (of `texts`) not visible in the page after up to timeout_s."""
    deadline = time.monotonic() + timeout_s
    missing = list(texts)
    while missing and time.monotonic() < deadline:
        content = page.content()
        missing = [t for t in missing if t not in content]
        if missing:
            page.wait_for_timeout(1000)
    return missing


def expected_groups() -> dict[str, set[str]]:
    """group name -> asset names (last key component), from the same Definitions the server loads."""
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    groups: dict[str, set[str]] = {}
    for key in graph.get_all_asset_keys():
        groups.setdefault(graph.get(key).group_name, set()).add(key.path[-1])
    return groups


def test_asset_graph_lists_every_asset_of_every_group(dagster, browser_context):
    base = dagster["base"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    groups = expected_groups()
    assert {"ingest", "extract", "warehouse", "warehouse_marts", "publish"} <= set(groups), groups
    served = graphql(base, "query { assetNodes { assetKey { path } groupName } }")["assetNodes"]
    served_groups: dict[str, set[str]] = {}
    for n in served:
        served_groups.setdefault(n["groupName"], set()).add(n["assetKey"]["path"][-1])
    assert served_groups == groups, "the webserver serves other assets than the Definitions define"
    assert set(EXPECTED_ASSETS) <= set().union(*groups.values())

    location, repo = repository(base)
    page = browser_context.new_page()
    group_url = f"{base}/locations/{repo}@{location}/asset-groups"
    for group, names in sorted(groups.items()):
        # the list view is virtualised: a tall viewport renders every row of a group
        page.set_viewport_size({"width": 1600, "height": 4000})
        page.goto(f"{group_url}/{group}/list", wait_until="domcontentloaded")
        missing = wait_for_text(page, sorted(names), 90)
        assert not missing, f"group {group} does not list {missing}"
        # the lineage view draws the group's graph (what a user looks at); small groups fit on screen
        page.set_viewport_size({"width": 1600, "height": 1000})
        page.goto(f"{group_url}/{group}/lineage", wait_until="domcontentloaded")
        missing = wait_for_text(page, sorted(names), 60 if len(names) <= 3 else 5)
        dismiss_popups(page)
        page.screenshot(path=str(SCREENSHOTS / f"lineage_{group}.png"), full_page=False)
        if len(names) <= 3:
            assert not missing, f"lineage of group {group} does not draw {missing}"

    page.goto(f"{base}/asset-groups", wait_until="domcontentloaded")
    missing = wait_for_text(page, sorted(groups), 60)
    dismiss_popups(page)
    page.screenshot(path=str(SCREENSHOTS / "asset_graph.png"), full_page=False)
    assert not missing, f"global asset lineage does not list the groups {missing}"
    page.close()


def test_launch_refresh_all_until_success(dagster, browser_context):
    base = dagster["base"]
    location, repo = repository(base)
    launched = graphql(base, """
        mutation Launch($params: ExecutionParams!) { launchRun(executionParams: $params) { __typename
          ... on LaunchRunSuccess { run { runId status } }
          ... on PythonError { message stack }
          ... on RunConfigValidationInvalid { errors { message } }
          ... on InvalidSubsetError { message }
          ... on UnauthorizedError { message } } }""",
        {"params": {"selector": {"repositoryLocationName": location, "repositoryName": repo, "jobName": "refresh_all"},
                    "runConfigData": {}, "executionMetadata": {"tags": [{"key": "chitieu/trigger", "value": "ui-test"}]}}})
    result = launched["launchRun"]
    assert result["__typename"] == "LaunchRunSuccess", result
    run_id = result["run"]["runId"]

    deadline = time.monotonic() + 600
    status = None
    while time.monotonic() < deadline:
        status = graphql(base, "query R($id: ID!) { runOrError(runId: $id) { __typename ... on Run { status } } }",
                         {"id": run_id})["runOrError"].get("status")
        if status in {"SUCCESS", "FAILURE", "CANCELED"}:
            break
        time.sleep(3)

    page = browser_context.new_page()
    page.goto(f"{base}/runs/{run_id}", wait_until="domcontentloaded")
    wait_for_text(page, [run_id[:8]], 60)
    page.wait_for_timeout(3000)
    dismiss_popups(page)
    page.screenshot(path=str(SCREENSHOTS / "run_finished.png"), full_page=False)
    page.goto(f"{base}/asset-groups", wait_until="domcontentloaded")
    wait_for_text(page, ["published_marts"], 60)
    page.wait_for_timeout(3000)
    dismiss_popups(page)
    page.screenshot(path=str(SCREENSHOTS / "asset_graph_materialized.png"), full_page=False)
    page.close()

    if status != "SUCCESS":
        logs = graphql(base, """query L($id: ID!) { logsForRun(runId: $id) { __typename
            ... on EventConnection { events { __typename ... on MessageEvent { message } } } } }""", {"id": run_id})
        events = logs["logsForRun"].get("events", [])
        tail = "\n".join(e.get("message", "") for e in events[-25:])
        pytest.fail(f"refresh_all run {run_id} ended {status}:\n{tail}")
    published = Path(dagster["warehouse"]) / "published" / "chitieu.duckdb"
    assert published.exists(), f"run succeeded but {published} is missing"
