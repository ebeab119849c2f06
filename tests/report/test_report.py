"""The static report on the seeds' publication (the shared seeded run): built by the publication,
swapped in with it, linked by the published_report asset, self-contained, faithful to the marts,
and bounded by its page limits."""
from __future__ import annotations

import json
import math
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import query

pytestmark = pytest.mark.pipeline


class Page(HTMLParser):
    """Links, value buttons, table rows and embedded JSON of one page."""

    def __init__(self, text: str):
        super().__init__()
        self.links: list[str] = []
        self.values: list[str] = []
        self.rows: list[dict] = []
        self.scripts: dict[str, str] = {}
        self.chart_data: list[list] = []
        self._script = None
        self._buf: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k in ("href", "src"):
            if a.get(k) is not None:
                self.links.append(a[k])
        if "data-o" in a:
            self.values.append(a["data-o"])
        if tag == "tr" and "f-row" in (a.get("class") or ""):
            self.rows.append(a)
        if tag == "script" and a.get("type") == "application/json":
            self._script, self._buf = a, []

    def handle_data(self, data):
        if self._script is not None:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            text = "".join(self._buf)
            if "chart-data" in (self._script.get("class") or ""):
                self.chart_data.append(json.loads(text))
            else:
                self.scripts[self._script.get("id")] = text
            self._script = None


def _pages(report: Path) -> dict[str, Page]:
    return {str(p.relative_to(report)): Page(p.read_text(encoding="utf-8")) for p in report.rglob("*.html")}


@pytest.fixture(scope="module")
def report(seeded_run):
    env, result = seeded_run
    assert result.success
    return env.warehouse / "published" / "report"


def test_the_publication_carries_its_report_swapped_in_with_it(seeded_run, report):
    env, result = seeded_run
    published = env.warehouse / "published"
    (version,) = query(env.published_db, "select version_id from meta.publication")[0]
    # published with its DuckDB file and Parquet by the one rename of `current`
    assert os.readlink(published / "current") == os.path.join("versions", version)
    assert os.readlink(report) == os.path.join("current", "report")
    assert os.readlink(published / "parquet") == os.path.join("current", "parquet")
    manifest = json.loads((report / "_report.json").read_text())
    assert manifest["version_id"] == version and manifest["page_count"] > 20
    assert manifest["checks_recorded"] and manifest["checks_recorded"] > 100  # the checks of this run, listed
    assert not list(published.glob(".staging-*"))
    metadata = {ev.event_specific_data.materialization.asset_key.to_user_string(): ev.event_specific_data.materialization.metadata
                for ev in result.get_asset_materialization_events()}
    assert metadata["published_report"]["index"].value == str(report / "index.html")
    # the run's own two materialisations agree (other tests may have published since: compare within the run)
    assert metadata["published_report"]["version_id"].value == metadata["published_marts"]["version_id"].value
    assert metadata["published_marts"]["report"].value == str(report / "index.html")


def test_the_report_opens_from_disk_with_nothing_from_the_network(report):
    pages = _pages(report)
    assert {"index.html", "quality.html", "documents.html"} <= set(pages)
    broken, remote = [], []
    for rel, page in pages.items():
        for link in page.links:
            if link.startswith(("#", "data:")):
                continue
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", link) or link.startswith("//"):
                remote.append((rel, link))
                continue
            target = (report / rel).parent / link.split("#")[0].split("?")[0]
            if not target.exists():
                broken.append((rel, link))
    assert not remote, remote[:10]
    assert not broken, broken[:10]
    assert "window.vegaEmbed" in (report / "assets" / "vega.js").read_text(encoding="utf-8")


def test_thai_nguyen_2023_shows_the_marts_figures_with_their_sentence(seeded_run, report):
    env, _ = seeded_run
    (tgt, out, status, verdict, t_id, o_id, o_doc, o_line) = query(env.published_db, """
        select target_value_low, outcome_value_low, attainment_status, document_verdict, target_observation_id,
               outcome_observation_id, outcome_document_id, outcome_source_line
        from marts.mart_target_vs_actual
        where province_name_vi = 'Thái Nguyên' and year = 2023 and period = 'FY' and indicator_code = 'GRDP_GROWTH'""")[0]
    assert (tgt, out, status, verdict) == (8.5, 5.56, "missed", "Không đạt KH")  # the example
    (sentence,) = query(env.published_db, "select source_text from marts.fct_indicator_value where observation_id = ?", [o_id])[0]
    html = (report / "province" / "VN63-19-2023.html").read_text(encoding="utf-8")
    row = re.search(r'<tr class="f-row[^"]*"[^>]*data-i="GRDP_GROWTH".*?</tr>', html, re.S).group(0)
    vi = re.findall(r'<button type="button" class="v" data-o="([^"]+)"><span class="vi">([^<]+)</span><span class="en">([^<]+)</span>', row)
    assert vi == [(t_id, "8,5 %", "8.5 %"), (o_id, "5,56 %", "5.56 %")]
    assert 'class="st st-missed"' in row and "Không đạt KH" in row
    prov = json.loads(Page(html).scripts["prov-data"])
    rec = prov["o"][o_id]
    text = prov["t"][rec["t"]]
    assert text == sentence and rec["l"] == o_line and rec["d"] == o_doc
    assert [text[s:e] for s, e in rec["s"]] == ["5,56"]
    assert (report / prov["d"][o_doc]["href"]).exists() and f'id="L{o_line}"' in (report / prov["d"][o_doc]["href"]).read_text()


def test_every_number_and_chart_point_has_its_provenance(report):
    pages = _pages(report)
    checked = 0
    for rel, page in pages.items():
        if not (page.values or page.chart_data):
            continue
        prov = json.loads(page.scripts["prov-data"])
        points = [r["o"] for data in page.chart_data for r in data]
        missing = [o for o in page.values + points if o not in prov["o"]]
        assert not missing, (rel, missing[:5])
        for o in set(page.values + points):
            rec = prov["o"][o]
            assert rec["d"] in prov["d"] and prov["t"][rec["t"]], (rel, o)
            checked += 1
    assert checked > 200


def test_page_limits_paginate_and_cap_what_a_page_carries(seeded_run, tmp_path, monkeypatch):
    from orchestration.report import build as b

    env, _ = seeded_run
    monkeypatch.setattr(b, "PAGE_ROWS", 4)
    monkeypatch.setattr(b, "MAX_CHART_ROWS", 6)
    monkeypatch.setattr(b, "MAX_DOCUMENT_ROWS", 3)
    out = tmp_path / "report"
    manifest = b.build_report(env.published_db, out)
    assert manifest["limits"] == {"page_rows": 4, "chart_rows": 6, "main_indicators": b.MAIN_INDICATORS, "document_rows": 3}
    pages = _pages(out)
    for rel, page in pages.items():
        assert all(len(d) <= 6 for d in page.chart_data), rel
        assert len([r for r in page.rows if "data-status" in r]) <= 4, rel  # target-vs-outcome rows
    groups = query(env.published_db, "select stage, check_name, count(*) from marts.quarantine group by all")
    for stage, check, n in groups:
        stem = b.file_stem(f"{stage}-{check}")
        listed = [rel for rel in pages if re.fullmatch(rf"(list/)?quarantine-{re.escape(stem)}(-\d+)?\.html", rel)]
        assert len(listed) == math.ceil(n / 4), (stage, check, listed)
    (doc, n_values) = query(env.published_db, "select document_id, count(*) from marts.fct_indicator_value group by 1 order by 2 desc limit 1")[0]
    html = (out / b.Report.document_href(doc)).read_text(encoding="utf-8")
    assert html.count('<tr id="L') <= 3 and f"{n_values - 3} " in html


def test_document_pages_are_the_same_when_a_second_process_writes_them(seeded_run, tmp_path, monkeypatch):
    from orchestration.report import build as b

    env, _ = seeded_run
    inline = b.build_report(env.published_db, tmp_path / "inline")
    monkeypatch.setattr(b, "DOCUMENT_WORKER_MIN", 1)
    monkeypatch.setattr(b.os, "cpu_count", lambda: 2)
    pooled = b.build_report(env.published_db, tmp_path / "pooled")
    assert pooled["pages"] == inline["pages"] and pooled["html_bytes"] == inline["html_bytes"]
    docs = sorted(p.name for p in (tmp_path / "inline" / "document").iterdir())
    assert docs and docs == sorted(p.name for p in (tmp_path / "pooled" / "document").iterdir())
    for name in docs:
        assert (tmp_path / "inline" / "document" / name).read_bytes() == (tmp_path / "pooled" / "document" / name).read_bytes()
