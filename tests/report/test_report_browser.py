"""The report in a real browser: headless Chromium opens the seeds' publication from disk (file://),
nothing is requested from the network, no console error; the Thái Nguyên 2023 figures equal the mart;
clicking a value (in the table and in a chart) shows its sentence; the English switch; the filters.
Screenshots of a province page, an indicator page and the quality page go to artifacts/screenshots/."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import query
from tests.ui.test_dagster_ui import CHROMIUM_FLAGS, ensure_chromium

pytestmark = [pytest.mark.pipeline, pytest.mark.browser, pytest.mark.timeout(600)]

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def browser(seeded_run, tmp_path_factory):
    executable = ensure_chromium()
    from playwright.sync_api import sync_playwright

    env, result = seeded_run
    assert result.success
    report = env.warehouse / "published" / "report"  # the stable path users open (a symlink through `current`)
    profile = tmp_path_factory.mktemp("chromium_report_profile")
    problems: list[str] = []
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(str(profile), executable_path=executable, headless=True,
                                                    args=CHROMIUM_FLAGS, viewport={"width": 1400, "height": 1000})
        ctx.on("request", lambda r: None if r.url.startswith(("file://", "data:", "about:")) else problems.append(f"request {r.url}"))
        ctx.on("requestfailed", lambda r: problems.append(f"failed {r.url}: {r.failure}"))
        ctx.on("weberror", lambda e: problems.append(f"error {e.error}"))
        page = ctx.new_page()
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"pageerror {e}"))
        try:
            yield {"page": page, "report": report, "env": env, "problems": problems}
        finally:
            ctx.close()


def _open(b, rel: str, charts: bool = False):
    page = b["page"]
    page.goto((b["report"] / rel).as_uri(), wait_until="load")
    if charts:
        page.wait_for_selector(".chart[data-rendered='1'] svg", timeout=30_000)
    return page


def test_province_page_figures_sentence_and_language(browser):
    env = browser["env"]
    (tgt, out, status, o_id, line) = query(env.published_db, """
        select target_value_low, outcome_value_low, attainment_status, outcome_observation_id, outcome_source_line
        from marts.mart_target_vs_actual where province_name_vi = 'Thái Nguyên' and year = 2023 and period = 'FY'
          and indicator_code = 'GRDP_GROWTH'""")[0]
    (sentence,) = query(env.published_db, "select source_text from marts.fct_indicator_value where observation_id = ?", [o_id])[0]
    assert (tgt, out, status) == (8.5, 5.56, "missed")

    page = _open(browser, "province/VN63-19.html", charts=True)
    assert page.locator("h1").inner_text().startswith("Tỉnh Thái Nguyên")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "report_province.png"), full_page=True)

    page = _open(browser, "province/VN63-19-2023.html")
    row = page.locator("tr[data-i='GRDP_GROWTH']")
    cells = row.locator("button.v")
    assert [cells.nth(i).inner_text() for i in range(cells.count())] == [
        f"{tgt:g} %".replace(".", ","), f"{out:g} %".replace(".", ",")]
    assert row.locator(".st").inner_text() == "Không đạt"
    assert page.locator("#prov-panel").is_hidden()
    cells.nth(1).click()
    panel = page.locator("#prov-panel")
    assert panel.is_visible()
    assert panel.locator("blockquote").inner_text() == sentence
    assert panel.locator("blockquote mark").inner_text() == "5,56"
    assert panel.locator("[data-f='line']").inner_text() == str(line)
    href = panel.locator("[data-f='doc']").get_attribute("href")
    assert href.endswith(f"#L{line}")

    page.click("#lang-switch")  # English, and the open panel follows
    assert row.locator(".st").inner_text() == "missed"
    assert cells.nth(1).inner_text() == f"{out:g} %"
    assert panel.locator("[data-f='value']").inner_text() == f"{out:g} %"
    page.click("#lang-switch")  # back to Vietnamese for the other tests (the choice is remembered)

    status_boxes = page.locator("input.f-status[value='missed']")
    status_boxes.uncheck()
    assert row.is_hidden()
    status_boxes.check()
    assert row.is_visible()

    page.locator("[data-f='doc']").click()  # the document page, at the value's line
    page.wait_for_load_state("load")
    assert page.url.endswith(f"#L{line}")
    assert page.locator(f"tr#L{line} mark").first.inner_text() in {"8,5", "5,56"}
    assert "Báo cáo" in page.locator("dl.doc-meta").inner_text()
    assert not browser["problems"], browser["problems"]


def test_indicator_page_chart_click_shows_the_sentence(browser):
    page = _open(browser, "indicator/GRDP_GROWTH-2023.html", charts=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "report_indicator.png"), full_page=True)
    bar = page.locator(".chart .mark-rect path").first
    bar.click()
    assert page.locator("#prov-panel").is_visible()
    assert "GRDP" in page.locator("#prov-panel blockquote").inner_text()
    page = _open(browser, "indicator/GRDP_GROWTH.html", charts=True)
    page.select_option("#f-p", "VN63-34")  # filter the rows by province, offline
    rows = page.locator("tr.f-row")
    assert rows.count() > 0
    page.select_option("#f-y", "2024")
    # province and year chosen: the link opens that province's year page, carrying the filter
    assert page.locator("#f-open").get_attribute("href") == "../province/VN63-34-2024.html#p=VN63-34&y=2024"
    assert not browser["problems"], browser["problems"]


def test_quality_page_lists_quarantine_checks_and_the_publication(browser):
    env = browser["env"]
    (version,) = query(env.published_db, "select version_id from meta.publication")[0]
    checks = {r[0] for r in query(env.published_db, "select distinct check_name from marts.quarantine")}
    page = _open(browser, "quality.html")
    page.screenshot(path=str(SCREENSHOTS / "report_quality.png"), full_page=True)
    assert page.locator("#pub-version").inner_text() == version
    summary = page.locator("#quarantine-summary").inner_text()
    assert all(c in summary for c in checks), (checks, summary)
    assert "document_encoding" in checks  # the seeded run's bad documents are there
    assert page.locator("#check-summary").is_visible()
    assert not browser["problems"], browser["problems"]
