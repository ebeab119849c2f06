"""build_report(published DuckDB file, output directory): the static report of one publication.

Pure: it reads the file (read-only) and writes the directory; nothing else. Pages are Jinja2
templates (``templates/``), charts are Vega-Altair specs (charts.py), and the provenance of every
number travels inside its page; the scripts every page shares are in ``assets/``. No page asks for
anything over the network, so the directory opens from disk (``file://``) in any browser.

Sizes stay bounded when the marts grow: a page is one province and year, one indicator and year,
one document, or one page of a long list (``PAGE_ROWS`` rows); a chart carries at most
``MAX_CHART_ROWS`` points (the most recent years) and a province page charts its
``MAIN_INDICATORS`` best-covered indicators; a document page lists at most ``MAX_DOCUMENT_ROWS``
values and quarantined lines (the count of the rest is shown; the marts have them all). Memory
stays bounded too: the values behind the charts and the document pages are streamed from DuckDB
one indicator, province or document at a time.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from importlib import resources
from itertools import groupby
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from orchestration.report import charts
from orchestration.report.data import Marts
from orchestration.report.text import (
    DOC_TYPE, KIND, PERIOD, PERIOD_ORDER, PROVINCE_METHOD, REASON, STATUS, VERDICT_STATUS, file_stem, number,
    number_tokens, pair, spans_of, stated, value_spans,
)

PAGE_ROWS = 500
MAX_CHART_ROWS = 2000
MAIN_INDICATORS = 6
MAX_DOCUMENT_ROWS = 1000
# from this many documents, a second process writes the document pages while this one writes the rest
# (below it, starting a process costs more than it saves)
DOCUMENT_WORKER_MIN = 500
REPORT_FORMAT = 1

PACKAGE = Path(__file__).resolve().parent


def _json(obj) -> Markup:
    """JSON safe inside <script type="application/json"> (no '<' can end the element)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str)
    return Markup(text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def tr(vi, en=None) -> Markup:
    """Both languages of a text; CSS shows the chosen one (Vietnamese by default)."""
    vi = "" if vi is None else str(vi)
    en = vi if en is None else str(en)
    if vi == en:
        return escape(vi)
    return Markup('<span class="vi">%s</span><span class="en">%s</span>') % (vi, en)


def record(o: dict) -> dict:
    """What the provenance panel shows of one value: document, line, sentence, where the value is in it."""
    text = o.get("source_text") or ""
    rec = {"d": o["document_id"], "l": o["source_line"], "text": text,
           "s": value_spans(text, o.get("value_low"), o.get("value_high")),
           "k": o.get("value_kind"), "lab": o.get("indicator_label"),
           "vi": stated(o.get("comparator"), o.get("value_low"), o.get("value_high"), o.get("unit_raw"), "vi"),
           "en": stated(o.get("comparator"), o.get("value_low"), o.get("value_high"), o.get("unit_raw"), "en")}
    if o.get("verdict"):
        rec["ver"] = o["verdict"]
    return rec


class Provenance:
    """The provenance records one page carries (JSON in the page; report.js shows them on click)."""

    def __init__(self, docs: dict[str, dict]):
        self.docs = docs
        self.obs: dict[str, dict] = {}
        self.texts: dict[str, int] = {}

    def add(self, oid: str, rec: dict) -> str:
        if oid not in self.obs:
            item = {k: v for k, v in rec.items() if k != "text"}
            item["t"] = self.texts.setdefault(rec["text"], len(self.texts))
            self.obs[oid] = item
        return oid

    def payload(self) -> Markup:
        docs = sorted({o["d"] for o in self.obs.values()})
        return _json({"o": self.obs, "t": list(self.texts), "d": {d: self.docs[d] for d in docs if d in self.docs}})


class Report:
    def __init__(self, marts: Marts, out: Path, checks: list[dict] | None):
        self.m, self.out, self.checks = marts, out, checks
        self.env = Environment(loader=FileSystemLoader(str(PACKAGE / "templates")), autoescape=True,
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(tr=tr, pair=pair, number=number, STATUS=STATUS, KIND=KIND, PERIOD=PERIOD,
                                REASON=REASON, DOC_TYPE=DOC_TYPE, PROVINCE_METHOD=PROVINCE_METHOD,
                                VERDICT_STATUS=VERDICT_STATUS, province_href=self.province_href,
                                indicator_href=self.indicator_href, document_href=self.document_href,
                                has_indicator_page=lambda c: c in self.indicator_pages)
        self.env.filters["jsonscript"] = _json
        self.ui = self.env.get_template("macros.html.j2").module
        self.pages = Counter()
        self.bytes = 0
        self.largest_page = ("", 0)

    # ------------------------------------------------------------------------------ helpers
    def write(self, rel: str, template: str, kind: str, **ctx) -> None:
        ctx.setdefault("prov", None)
        ctx.setdefault("charts_used", False)
        html = self.env.get_template(template).render(root="../" * rel.count("/"), pub=self.pub, page=rel, **ctx)
        data = html.encode("utf-8")
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.pages[kind] += 1
        self.bytes += len(data)
        if len(data) > self.largest_page[1]:
            self.largest_page = (rel, len(data))

    @staticmethod
    def province_href(key: str, year: int | None = None) -> str:
        return f"province/{file_stem(key)}{'' if year is None else f'-{year}'}.html"

    @staticmethod
    def indicator_href(code: str, year: int | None = None) -> str:
        return f"indicator/{file_stem(code)}{'' if year is None else f'-{year}'}.html"

    @staticmethod
    def document_href(doc_id: str) -> str:
        return f"document/{file_stem(doc_id)}.html"

    @staticmethod
    def _list_href(name: str, n: int) -> str:
        return f"{name}.html" if n == 1 else f"list/{name}-{n}.html"

    # ------------------------------------------------------------------------------ build
    def load_common(self) -> None:
        """What every page needs: the publication, provinces, indicators, documents, which pages exist."""
        self.pub = self.m.publication()
        at = self.pub["published_at"]
        self.pub["published_at_text"] = (at.replace(tzinfo=timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
                                         if isinstance(at, datetime) else str(at))
        self.provinces = {p["province_key"]: p for p in self.m.provinces()}
        self.indicators = {i["indicator_code"]: i for i in self.m.indicators()}
        self.documents = {d["document_id"]: d for d in self.m.documents()}
        self.doc_info = {d: self._doc_info(r) for d, r in self.documents.items()}
        keys = {r["province_key"] for r in self.m.rows("select distinct province_key from marts.mart_target_vs_actual")}
        keys |= {self.provinces[k]["current_province_key"] for k in list(keys) if k in self.provinces}
        self.province_keys = sorted(k for k in keys if k in self.provinces)
        codes = {r["indicator_code"] for r in self.m.rows("select distinct indicator_code from marts.mart_target_vs_actual")}
        self.indicator_codes = sorted(c for c in codes if c in self.indicators)
        self.indicator_pages = set(self.indicator_codes)

    def build(self) -> dict:
        t0 = time.perf_counter()
        self.out.mkdir(parents=True, exist_ok=True)
        self.load_common()
        pool = future = None
        if len(self.documents) >= DOCUMENT_WORKER_MIN and (os.cpu_count() or 1) > 1:
            pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            future = pool.submit(_document_pages_worker, str(self.m.path), str(self.out))
        try:
            self.scorecards = self.m.scorecards()
            self.tva = self.m.target_vs_actual()
            wanted = {r[k] for r in self.tva for k in ("target_observation_id", "outcome_observation_id") if r[k]}
            self.records = {o["observation_id"]: record(o) for o in self.m.observations(wanted)}
            # how often an indicator is planned across the publication: a province's "main" indicators come first
            self.target_frequency = Counter(r["indicator_code"] for r in self.tva if r["has_target"])
            self._assets()
            self._provinces()
            self._indicators()
            if future is None:
                self._document_pages()
            else:
                pages, size, largest = future.result()
                self.pages.update(pages)
                self.bytes += size
                if largest[1] > self.largest_page[1]:
                    self.largest_page = tuple(largest)
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        self._document_list()
        self._quality()
        self._index()
        seconds = time.perf_counter() - t0
        manifest = {
            "format": REPORT_FORMAT, "version_id": self.pub["version_id"], "run_id": self.pub["run_id"],
            "published_at": self.pub["published_at_text"],
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "build_seconds": round(seconds, 3), "pages": dict(self.pages), "page_count": sum(self.pages.values()),
            "html_bytes": self.bytes, "largest_page": {"path": self.largest_page[0], "bytes": self.largest_page[1]},
            "index": "index.html", "charts": self.chart_library,
            "limits": {"page_rows": PAGE_ROWS, "chart_rows": MAX_CHART_ROWS, "main_indicators": MAIN_INDICATORS,
                       "document_rows": MAX_DOCUMENT_ROWS},
            "checks_recorded": None if self.checks is None else len(self.checks),
        }
        (self.out / "_report.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
        return manifest

    def _doc_info(self, d: dict) -> dict:
        t_vi, t_en = pair(DOC_TYPE, d.get("doc_type") or "unknown")
        m_vi, m_en = pair(PROVINCE_METHOD, d.get("province_method") or "none")
        return {"href": self.document_href(d["document_id"]), "type_vi": t_vi, "type_en": t_en,
                "num": d.get("doc_number"), "date": None if d.get("doc_date") is None else str(d["doc_date"]),
                "iss": d.get("issuer"), "title": d.get("title"), "p_vi": d.get("province_name_vi"),
                "p_en": d.get("province_name_en"), "m_vi": m_vi, "m_en": m_en}

    # ------------------------------------------------------------------------------ assets
    def _assets(self) -> None:
        assets = self.out / "assets"
        assets.mkdir(exist_ok=True)
        static = resources.files("orchestration.report") / "static"
        for name in ("report.css", "report.js"):
            (assets / name).write_bytes((static / name).read_bytes())
        bundle, self.chart_library = charts.vega_bundle()
        (assets / "vega.js").write_text(bundle, encoding="utf-8")
        specs = {"specs": charts.templates(), "locales": charts.format_locales()}
        (assets / "charts.js").write_text("window.CHITIEU_CHARTS = " + _json(specs) + ";\n", encoding="utf-8")

        by_province_years: dict[str, set] = defaultdict(set)
        by_indicator_years: dict[str, set] = defaultdict(set)
        for r in self.tva:
            by_province_years[r["province_key"]].add(r["year"])
            by_indicator_years[r["indicator_code"]].add(r["year"])
        self.province_years = {k: sorted(v) for k, v in by_province_years.items()}
        self.indicator_years = {k: sorted(v) for k, v in by_indicator_years.items()}
        years = sorted({y for v in self.province_years.values() for y in v})

        def former(p, vi):
            return "" if p["province_set"] == 34 else (" (cũ)" if vi else " (former)")

        nav = {
            "provinces": [{"k": k, "vi": self.provinces[k]["name_vi"] + former(self.provinces[k], True),
                           "en": self.provinces[k]["name_en"] + former(self.provinces[k], False),
                           "href": self.province_href(k), "years": self.province_years.get(k, [])}
                          for k in self.province_keys],
            "indicators": [{"k": c, "vi": self.indicators[c]["name_vi"], "en": self.indicators[c]["name_en"],
                            "href": self.indicator_href(c), "years": self.indicator_years.get(c, [])}
                           for c in self.indicator_codes],
            "years": years,
            "words": {"kind": KIND, "ui": {"line": ("dòng", "line")}},
        }
        (assets / "nav.js").write_text("window.CHITIEU_NAV = " + _json(nav) + ";\n", encoding="utf-8")

    # ------------------------------------------------------------------------------ rows
    def _cell(self, oid: str | None) -> dict | None:
        rec = self.records.get(oid) if oid else None
        return None if rec is None or not rec["vi"] else {"o": oid, "vi": rec["vi"], "en": rec["en"]}

    def _tva_row(self, r: dict) -> dict:
        """One target-vs-outcome row; its cells are rendered once (a row shows on two pages)."""
        if "cells" not in r:
            unit = r["target_unit"] or r["outcome_unit"]
            gap = None
            if r["gap_absolute"] is not None:
                sign = "+" if r["gap_absolute"] > 0 else ""
                gap = {"vi": f"{sign}{number(r['gap_absolute'], 'vi')} {unit or ''}".strip(),
                       "en": f"{sign}{number(r['gap_absolute'], 'en')} {unit or ''}".strip()}
            r["cells"] = self.ui.tva_cells(r, self._cell(r["target_observation_id"]),
                                            self._cell(r["outcome_observation_id"]), gap)
        return r

    def _provenance_of(self, rows: list[dict]) -> Provenance:
        prov = Provenance(self.doc_info)
        for r in rows:
            for k in ("target_observation_id", "outcome_observation_id"):
                if r[k] and r[k] in self.records:
                    prov.add(r[k], self.records[r[k]])
        return prov

    def _chart_rows(self, series: list[dict], own_key: str | None, prov: Provenance, memo: dict) -> list[dict]:
        out = []
        for s in series:
            oid = s["observation_id"]
            rec = memo.get(oid) or memo.setdefault(oid, record(s))
            prov.add(oid, rec)
            ind = self.indicators.get(s["indicator_code"], {})
            k_vi, k_en = pair(KIND, s["value_kind"])
            out.append({"y": s["year"], "v": s["value_canonical"], "k": s["value_kind"], "k_vi": k_vi, "k_en": k_en,
                        "p": s["province_key"], "p_vi": s["province_name_vi"], "p_en": s["province_name_en"],
                        "c_vi": s["current_province_name_vi"], "c_en": s["current_province_name_en"],
                        "n_vi": ind.get("name_vi"), "n_en": ind.get("name_en"), "u": s["unit"],
                        "s_vi": rec["vi"], "s_en": rec["en"], "d": s["document_id"], "l": s["source_line"], "o": oid,
                        "own": own_key is None or s["province_key"] == own_key})
        return out

    @staticmethod
    def _dominant_unit(units: list[str | None]) -> tuple[str | None, int]:
        c = Counter(u for u in units if u)
        if not c:
            return None, 0
        unit, n = c.most_common(1)[0]
        return unit, sum(c.values()) - n

    @staticmethod
    def _cap_years(rows: list[dict], cap: int) -> tuple[list[dict], int | None]:
        """The most recent years whose rows fit in `cap`, and the first year kept (None: every year)."""
        if len(rows) <= cap:
            return rows, None
        per_year = Counter(r["year"] for r in rows)
        kept, total = [], 0
        for y in sorted(per_year, reverse=True):
            if total + per_year[y] > cap and kept:
                break
            kept.append(y)
            total += per_year[y]
        first = min(kept)
        return [r for r in rows if r["year"] >= first][:cap], first

    # ------------------------------------------------------------------------------ provinces
    def _provinces(self) -> None:
        tva_by = defaultdict(list)
        for r in self.tva:
            tva_by[(r["province_key"], r["year"])].append(r)
        cards_by = defaultdict(list)
        for c in self.scorecards:
            cards_by[c["province_key"]].append(c)
        members = defaultdict(list)
        for p in self.provinces.values():
            if p["province_key"] != p["current_province_key"]:
                members[p["current_province_key"]].append(p)
        pages_by_current = defaultdict(list)
        for key in self.province_keys:
            pages_by_current[self.provinces[key]["current_province_key"]].append(key)

        done = set()
        groups = groupby(self.m.series("current_province"), key=lambda s: s["current_province_key"])
        for current, rows in groups:
            rows = list(rows)
            memo: dict = {}
            for key in pages_by_current.get(current, []):
                self._province_page(key, rows, memo, cards_by, members)
                done.add(key)
        for key in self.province_keys:
            if key not in done:
                self._province_page(key, [], {}, cards_by, members)
            for year in self.province_years.get(key, []):
                rows = sorted(tva_by[(key, year)], key=lambda r: (PERIOD_ORDER.get(r["period"], 99),
                                                                 r["indicator_group"] or "", r["indicator_code"]))
                shown = [self._tva_row(r) for r in rows[:PAGE_ROWS]]
                p = self.provinces[key]
                self.write(self.province_href(key, year), "province_year.html.j2", "province_year",
                           p=p, current=self.provinces.get(p["current_province_key"]), year=year,
                           years=self.province_years[key], cards=[c for c in cards_by.get(key, []) if c["year"] == year],
                           rows=shown, more=max(0, len(rows) - PAGE_ROWS), prov=self._provenance_of(shown))

    def _province_page(self, key: str, rows_all: list[dict], memo: dict, cards_by, members) -> None:
        """A province's page: scorecards by year, its former provinces (today's units), charts of its main indicators
        for the province as written or for today's whole province."""
        p = self.provinces[key]
        current = p["current_province_key"]
        own_rows = [s for s in rows_all if s["province_key"] == key]
        cover = defaultdict(set)
        for s in own_rows or rows_all:
            cover[s["indicator_code"]].add(s["year"])
        main = sorted(cover, key=lambda c: (-len(cover[c]), -self.target_frequency[c], c))[:MAIN_INDICATORS]
        series, first_year = self._cap_years([s for s in rows_all if s["indicator_code"] in main], MAX_CHART_ROWS)
        prov = Provenance(self.doc_info)
        chart_rows = self._chart_rows(series, key, prov, memo)
        default_view = "own" if own_rows else "all"
        is_current = p["province_set"] == 34
        member_rows = sorted(members.get(key, []), key=lambda m: m["name_vi"]) if is_current else []
        self.write(self.province_href(key), "province.html.j2", "province",
                   p=p, current=self.provinces.get(current), is_current=is_current,
                   members=[(m, m["province_key"] in self.province_keys) for m in member_rows],
                   cards=cards_by.get(key, []),
                   member_cards=[c for m in member_rows for c in cards_by.get(m["province_key"], [])],
                   years=self.province_years.get(key, []), main=[self.indicators[c] for c in main if c in self.indicators],
                   chart={"spec": f"province_series_{default_view}", "rows": chart_rows}, chart_first_year=first_year,
                   prov=prov, charts_used=bool(chart_rows))

    # ------------------------------------------------------------------------------ indicators
    def _indicators(self) -> None:
        tva_by = defaultdict(list)
        for r in self.tva:
            tva_by[(r["indicator_code"], r["year"])].append(r)
        done = set()
        for code, rows in groupby(self.m.series("indicator"), key=lambda s: s["indicator_code"]):
            if code in self.indicator_pages:
                self._indicator_page(code, list(rows), tva_by)
                done.add(code)
        for code in self.indicator_codes:
            if code not in done:
                self._indicator_page(code, [], tva_by)
            for y in self.indicator_years.get(code, []):
                self._indicator_year(self.indicators[code], y, tva_by[(code, y)], self.indicator_years[code])

    def _indicator_page(self, code: str, rows: list[dict], tva_by) -> None:
        ind = self.indicators[code]
        unit, other_units = self._dominant_unit([s["unit"] for s in rows])
        series, first_year = self._cap_years([s for s in rows if s["unit"] == unit], MAX_CHART_ROWS)
        prov = Provenance(self.doc_info)
        chart_rows = self._chart_rows(series, None, prov, {})
        summary = []
        for y in self.indicator_years.get(code, []):
            rs = tva_by[(code, y)]
            summary.append({"year": y, "provinces": len({r["province_key"] for r in rs}),
                            "targets": sum(r["has_target"] for r in rs), "outcomes": sum(r["has_outcome"] for r in rs),
                            "status": Counter(r["attainment_status"] for r in rs if r["has_target"])})
        self.write(self.indicator_href(code), "indicator.html.j2", "indicator",
                   ind=ind, unit=unit, other_units=other_units, summary=summary,
                   chart={"spec": "indicator_series", "rows": chart_rows}, chart_first_year=first_year,
                   prov=prov, charts_used=bool(chart_rows))

    def _indicator_year(self, ind: dict, year: int, rs: list[dict], years: list[int]) -> None:
        """One indicator across provinces for one year: sorted by outcome (the better first), then by target."""
        sign = 1 if ind.get("higher_is_better") is False else -1

        def order(r):
            out, tgt = r["outcome_reference_value"], r["target_reference_value"]
            return (PERIOD_ORDER.get(r["period"], 99), out is None, sign * (out or 0), tgt is None, sign * (tgt or 0),
                    r["province_name_vi"])

        rows = sorted(rs, key=order)
        shown = [self._tva_row(r) for r in rows[:PAGE_ROWS]]
        prov = self._provenance_of(shown)
        fy = [r for r in rows if r["period"] == "FY"]
        unit, _ = self._dominant_unit([r["target_unit"] or r["outcome_unit"] for r in fy])
        chart_rows = []
        for rank, r in enumerate(r for r in fy if (r["target_unit"] or r["outcome_unit"]) == unit):
            for side in ("target", "outcome"):
                oid, v = r[f"{side}_observation_id"], r[f"{side}_reference_value"]
                rec = self.records.get(oid) if oid else None
                if rec is None or v is None or r[f"{side}_unit"] != unit:
                    continue
                prov.add(oid, rec)
                kind = "target" if side == "target" else r["outcome_kind"]
                k_vi, k_en = pair(KIND, kind)
                chart_rows.append({
                    "rank": rank, "k": kind, "k_vi": k_vi, "k_en": k_en, "v": v, "p": r["province_key"],
                    "p_vi": r["province_name_vi"], "p_en": r["province_name_en"], "c_vi": r["current_province_name_vi"],
                    "c_en": r["current_province_name_en"], "n_vi": ind["name_vi"], "n_en": ind["name_en"], "u": unit,
                    "s_vi": rec["vi"], "s_en": rec["en"], "d": rec["d"], "l": rec["l"], "o": oid})
        self.write(self.indicator_href(ind["indicator_code"], year), "indicator_year.html.j2", "indicator_year",
                   ind=ind, year=year, years=years, unit=unit, rows=shown, more=max(0, len(rows) - PAGE_ROWS),
                   chart={"spec": "indicator_year", "rows": chart_rows}, prov=prov, charts_used=bool(chart_rows))

    # ------------------------------------------------------------------------------ documents
    def _document_pages(self) -> None:
        quarantine: dict[str, list] = defaultdict(list)
        q_total: Counter = Counter()
        for q in self.m.quarantine_by_document():
            q_total[q["document_id"]] += 1
            if len(quarantine[q["document_id"]]) < MAX_DOCUMENT_ROWS:
                quarantine[q["document_id"]].append(q)
        # the pieces every value line repeats, rendered once
        self._kind_html = {k: str(tr(*v)) for k, v in KIND.items()}
        self._period_html = {k: " " + str(tr(*v)) for k, v in PERIOD.items() if k != "FY"}
        self._indicator_html = {
            c: (f'<a href="../{escape(self.indicator_href(c))}">{tr(i["name_vi"], i["name_en"])}</a>'
                if c in self.indicator_pages else str(tr(i["name_vi"], i["name_en"])))
            for c, i in self.indicators.items()}
        done = set()
        for doc_id, facts in groupby(self.m.facts_by_document(), key=lambda f: f["document_id"]):
            self._document_page(doc_id, list(facts), quarantine.pop(doc_id, []), q_total[doc_id])
            done.add(doc_id)
        for doc_id in self.documents:
            if doc_id not in done:
                self._document_page(doc_id, [], quarantine.pop(doc_id, []), q_total[doc_id])

    def _document_list(self) -> None:
        docs = sorted(self.documents.values(), key=lambda d: d["document_id"])
        chunks = [docs[i:i + PAGE_ROWS] for i in range(0, len(docs), PAGE_ROWS)] or [[]]
        for n, chunk in enumerate(chunks, 1):
            self.write(self._list_href("documents", n), "documents.html.j2", "documents", docs=chunk,
                       page_no=n, page_count=len(chunks), page_href=lambda k: self._list_href("documents", k),
                       total=len(docs))

    def _line_html(self, line_no: int, facts: list[dict]) -> str:
        """One line of a document page: the sentence with every number read highlighted, then its values.

        Rendered here rather than in the template: a document page repeats it for every line and this is
        the report's hottest loop (10,000 documents have ~350,000 values); document.html.j2 lays out the rest."""
        text = facts[0]["source_text"] or ""
        tokens = number_tokens(text)
        spans = sorted({tuple(sp) for f in facts for sp in spans_of(tokens, f["value_low"], f["value_high"])})
        sentence = "".join(f"<mark>{escape(piece)}</mark>" if hit else str(escape(piece)) for piece, hit in _highlight(text, spans))
        items = []
        for f in facts:
            vi = stated(f["comparator"], f["value_low"], f["value_high"], f["unit_raw"], "vi")
            en = stated(f["comparator"], f["value_low"], f["value_high"], f["unit_raw"], "en")
            value = escape(vi) if vi == en else f'<span class="vi">{escape(vi)}</span><span class="en">{escape(en)}</span>'
            items.append(f'<li><b>{value}</b> <span class="kind">{self._kind_html.get(f["value_kind"], "")}</span> '
                         f'{self._indicator_html.get(f["indicator_code"], escape(f["indicator_code"]))} · {f["year"]}'
                         f'{self._period_html.get(f["period"], "")}{" · " + str(escape(f["verdict"])) if f["verdict"] else ""}</li>')
        years = " ".join(sorted({str(f["year"]) for f in facts}))
        codes = escape(" ".join(sorted({f["indicator_code"] for f in facts})))
        return (f'<tr id="L{line_no}" class="f-row" data-y="{years}" data-i="{codes}"><td class="n"><a href="#L{line_no}">'
                f'{line_no}</a></td><td class="src">{sentence}</td><td><ul class="vals">{"".join(items)}</ul></td></tr>\n')

    def _document_page(self, doc_id, facts, quarantined, q_total) -> None:
        """A document: what it is, how its province was found, and its values line by line with the numbers
        highlighted in the sentence (the sentence is on the page, so no provenance panel is needed)."""
        d = self.documents.get(doc_id)
        if d is None:  # every fact's document is in dim_document (dbt relationship test)
            return
        lines = Markup("".join(self._line_html(n, list(g)) for n, g in groupby(facts[:MAX_DOCUMENT_ROWS],
                                                                              key=lambda f: f["source_line"])))
        p = self.provinces.get(d["province_key"]) if d["province_key"] else None
        self.write(self.document_href(doc_id), "document.html.j2", "document", d=d, info=self.doc_info[doc_id],
                   lines=lines, more=max(0, len(facts) - MAX_DOCUMENT_ROWS), total=len(facts), quarantined=quarantined,
                   q_more=max(0, q_total - len(quarantined)), q_total=q_total, p=p,
                   p_link=p is not None and p["province_key"] in self.province_keys)

    # ------------------------------------------------------------------------------ quality
    def _quality(self) -> None:
        summary = {(s["stage"], s["check_name"]): s for s in self.m.quarantine_summary()}
        groups = []
        for (stage, check), rows in groupby(self.m.quarantine(), key=lambda q: (q["stage"], q["check_name"])):
            meta = summary[(stage, check)]
            name = f"quarantine-{file_stem(f'{stage}-{check}')}"
            pages = max(1, -(-meta["n_rows"] // PAGE_ROWS))
            chunk, n = [], 0
            for q in rows:
                chunk.append(q)
                if len(chunk) == PAGE_ROWS:
                    n += 1
                    self._quarantine_page(name, n, pages, stage, check, chunk, meta)
                    chunk = []
            if chunk:
                n += 1
                self._quarantine_page(name, n, pages, stage, check, chunk, meta)
            groups.append({**meta, "href": self._list_href(name, 1)})
        groups.sort(key=lambda g: (-g["n_rows"], g["stage"], g["check_name"]))
        check_summary = None
        if self.checks is not None:
            by_asset: dict = defaultdict(Counter)
            for c in self.checks:
                by_asset[c["asset"]]["passed" if c["passed"] else "failed"] += 1
            check_summary = {"total": len(self.checks), "passed": sum(c["passed"] for c in self.checks),
                             "failed": sum(not c["passed"] for c in self.checks), "by_asset": sorted(by_asset.items())}
        self.write("quality.html", "quality.html.j2", "quality", groups=groups, checks=self.checks,
                   check_summary=check_summary, conflicts=self.m.conflict_summary()[:30],
                   indicators=self.indicators, counts=sorted(self.pub["row_counts"].items()),
                   docs_status=Counter(d["status"] for d in self.documents.values()))

    def _quarantine_page(self, name, n, pages, stage, check, rows, meta) -> None:
        self.write(self._list_href(name, n), "quarantine.html.j2", "quarantine", stage=stage, check=check,
                   rows=rows, meta=meta, page_no=n, page_count=pages, page_href=lambda k: self._list_href(name, k),
                   doc_href=lambda d: self.document_href(d) if d in self.documents else None)

    # ------------------------------------------------------------------------------ index
    def _index(self) -> None:
        cards_by = defaultdict(list)
        for c in self.scorecards:
            if c["period"] == "FY":
                cards_by[c["province_key"]].append(c)
        groups: dict[str, list] = defaultdict(list)
        for key in self.province_keys:
            p = self.provinces[key]
            groups[p["current_province_key"]]  # every current province with data gets its group
            if key in self.province_years:
                cs = cards_by.get(key, [])
                groups[p["current_province_key"]].append({
                    "p": p, "years": self.province_years.get(key, []),
                    "targets": sum(c["targets_set"] for c in cs), "achieved": sum(c["achieved"] + c["exceeded"] for c in cs),
                    "missed": sum(c["missed"] for c in cs), "unknown": sum(c["unknown"] for c in cs),
                    "disagree": sum(c["verdict_disagreements"] for c in cs)})
        prov_count, values = defaultdict(set), Counter()
        for r in self.tva:
            prov_count[r["indicator_code"]].add(r["province_key"])
            values[r["indicator_code"]] += bool(r["has_target"]) + bool(r["has_outcome"])
        self.write("index.html", "index.html.j2", "index",
                   groups=[(self.provinces[k], groups[k]) for k in sorted(groups, key=lambda k: self.provinces[k]["name_vi"])],
                   indicators=[(self.indicators[c], len(prov_count[c]), self.indicator_years.get(c, []), values[c])
                               for c in self.indicator_codes],
                   n_documents=len(self.documents), counts=self.pub["row_counts"])


def _document_pages_worker(db: str, out: str) -> tuple[dict, int, tuple]:
    """The document pages, written by a second process (see DOCUMENT_WORKER_MIN)."""
    with Marts(db) as m:
        r = Report(m, Path(out), None)
        r.load_common()
        r._document_pages()
        return dict(r.pages), r.bytes, r.largest_page


def _highlight(text: str, spans: list) -> list[tuple[str, bool]]:
    """text cut into (piece, highlighted) parts along non-overlapping spans."""
    parts, pos = [], 0
    for s, e in spans:
        if s < pos:
            continue
        if s > pos:
            parts.append((text[pos:s], False))
        parts.append((text[s:e], True))
        pos = e
    if pos < len(text):
        parts.append((text[pos:], False))
    return parts


def build_report(published_db: Path | str, out_dir: Path | str, checks: list[dict] | None = None) -> dict:
    """Write the static report of the publication in `published_db` into `out_dir` (created, or empty).

    `checks`: the checks that ran before this publication ({asset, check, passed, severity,
    description}), listed on the quality page. Returns the manifest (also written as ``_report.json``).
    On failure nothing is left in `out_dir`."""
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty: the report is written into a new directory")
    try:
        with Marts(published_db) as m:
            return Report(m, out, checks).build()
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
