"""The report's charts, declared with Vega-Altair (no drawing code of our own).

Each chart is a *template*: an Altair chart over a named data set (``alt.Data(name="rows")``),
turned into a Vega-Lite spec once per build and language. A page carries only its rows; the
browser puts them into the spec (``datasets``) and vega-embed draws it. The Vega, Vega-Lite and
vega-embed libraries come from vl-convert's bundle (`javascript_bundle`), written once into
``assets/`` so every page opens from disk with no network.

Row fields (every chart): ``y`` year, ``v`` value in the canonical unit, ``k`` value kind,
``k_vi``/``k_en`` its label, ``p`` province key as written, ``p_vi``/``p_en`` its name,
``c_vi``/``c_en`` today's (post-July-2025) province, ``n_vi``/``n_en`` indicator name,
``s_vi``/``s_en`` the value as stated, ``u`` canonical unit, ``d`` document, ``l`` line,
``o`` observation id (a click on a mark opens its provenance).
"""
from __future__ import annotations

import altair as alt

from orchestration.report.text import KIND

DATA = "rows"
KIND_ORDER = ["target", "estimate", "actual"]
KIND_COLORS = ["#7a7a7a", "#e08a00", "#1f6fb4"]

LABELS = {
    "year": ("Năm", "Year"),
    "kind": ("Loại số liệu", "Kind"),
    "province": ("Tỉnh (như văn bản ghi)", "Province (as written)"),
    "current": ("Tỉnh hiện nay (sau 1/7/2025)", "Today's province (since 1 July 2025)"),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "value": ("Giá trị như văn bản ghi", "Value as stated"),
    "canonical": ("Giá trị (đơn vị chuẩn)", "Value (canonical unit)"),
    "unit": ("Đơn vị chuẩn", "Canonical unit"),
    "document": ("Văn bản", "Document"),
    "line": ("Dòng", "Line"),
    "view": ("Hiển thị: ", "Show: "),
    "own": ("tỉnh như văn bản ghi", "the province as written"),
    "all": ("cả tỉnh hiện nay (các tỉnh cũ hợp thành)", "today's whole province (its former provinces)"),
}


def _l(key: str, lang: str) -> str:
    vi, en = LABELS[key]
    return vi if lang == "vi" else en


def _kind_scale(lang: str, channel: str):
    domain = [KIND[k][0 if lang == "vi" else 1] for k in KIND_ORDER]
    if channel == "color":
        return alt.Scale(domain=domain, range=KIND_COLORS)
    if channel == "shape":
        return alt.Scale(domain=domain, range=["diamond", "circle", "square"])
    return alt.Scale(domain=domain, range=[[4, 3], [1, 0], [1, 0]])


def _tooltip(lang: str, with_year: bool = True) -> list:
    tips = [alt.Tooltip(f"n_{lang}:N", title=_l("indicator", lang)),
            alt.Tooltip(f"p_{lang}:N", title=_l("province", lang)),
            alt.Tooltip(f"c_{lang}:N", title=_l("current", lang))]
    if with_year:
        tips.append(alt.Tooltip("y:Q", title=_l("year", lang), format="d"))
    tips += [alt.Tooltip(f"k_{lang}:N", title=_l("kind", lang)),
             alt.Tooltip(f"s_{lang}:N", title=_l("value", lang)),
             alt.Tooltip("d:N", title=_l("document", lang)),
             alt.Tooltip("l:Q", title=_l("line", lang))]
    return tips


def _year_axis(lang: str) -> alt.X:
    return alt.X("y:Q", title=_l("year", lang), axis=alt.Axis(format="d", tickMinStep=1),
                 scale=alt.Scale(zero=False, nice=False, padding=12))


def province_series(lang: str, default_view: str) -> dict:
    """Main indicators of a province over the years, one small chart each (independent y scales).

    A radio switch (a Vega-Lite parameter) shows the province as written, or every former province
    that is part of today's province, coloured by province."""
    view = alt.param(name="view", value=default_view, bind=alt.binding_radio(
        options=["own", "all"], labels=[_l("own", lang), _l("all", lang)], name=_l("view", lang)))
    base = alt.Chart(alt.Data(name=DATA)).transform_filter("view == 'all' || datum.own")
    x, y = _year_axis(lang), alt.Y("v:Q", title=None, scale=alt.Scale(zero=False))
    color = alt.Color(f"p_{lang}:N", title=_l("province", lang), legend=alt.Legend(orient="bottom", columns=4))
    line = base.mark_line(strokeWidth=1.5).encode(
        x=x, y=y, color=color, strokeDash=alt.StrokeDash(f"k_{lang}:N", title=_l("kind", lang),
                                                         scale=_kind_scale(lang, "dash"), legend=alt.Legend(orient="bottom")),
        detail="k:N")
    points = base.mark_point(filled=True, size=70, cursor="pointer").encode(
        x=x, y=y, color=color,
        shape=alt.Shape(f"k_{lang}:N", title=_l("kind", lang), scale=_kind_scale(lang, "shape"),
                        legend=alt.Legend(orient="bottom")),
        tooltip=_tooltip(lang))
    chart = (alt.layer(line, points).properties(width=250, height=150)
             .facet(facet=alt.Facet(f"n_{lang}:N", title=None, header=alt.Header(labelLimit=280, labelFontWeight="bold")),
                    columns=3)
             .resolve_scale(y="independent", x="shared")
             .add_params(view))
    return chart.to_dict()


def indicator_series(lang: str) -> dict:
    """One indicator over the years, a line per province as written (click a legend entry to single it out)."""
    pick = alt.selection_point(fields=["p"], bind="legend")
    base = alt.Chart(alt.Data(name=DATA))
    x, y = _year_axis(lang), alt.Y("v:Q", title=_l("canonical", lang), scale=alt.Scale(zero=False))
    color = alt.Color(f"p_{lang}:N", title=_l("province", lang), legend=alt.Legend(columns=2, symbolLimit=120))
    opacity = alt.condition(pick, alt.value(1.0), alt.value(0.12))
    line = base.mark_line(strokeWidth=1.5).encode(
        x=x, y=y, color=color, opacity=opacity, detail="k:N",
        strokeDash=alt.StrokeDash(f"k_{lang}:N", title=_l("kind", lang), scale=_kind_scale(lang, "dash")))
    points = base.mark_point(filled=True, size=60, cursor="pointer").encode(
        x=x, y=y, color=color, opacity=opacity,
        shape=alt.Shape(f"k_{lang}:N", title=_l("kind", lang), scale=_kind_scale(lang, "shape")),
        tooltip=_tooltip(lang))
    return alt.layer(line, points).add_params(pick).properties(width=640, height=300).to_dict()


def indicator_year(lang: str) -> dict:
    """One indicator across provinces for one year: target and outcome side by side, sorted by outcome."""
    base = alt.Chart(alt.Data(name=DATA))
    bars = base.mark_bar(cursor="pointer").encode(
        y=alt.Y(f"p_{lang}:N", title=None, sort=alt.EncodingSortField(field="rank", op="min", order="ascending")),
        yOffset=alt.YOffset(f"k_{lang}:N", scale=alt.Scale(domain=[KIND[k][0 if lang == "vi" else 1] for k in KIND_ORDER])),
        x=alt.X("v:Q", title=_l("canonical", lang)),
        color=alt.Color(f"k_{lang}:N", title=_l("kind", lang), scale=_kind_scale(lang, "color"),
                        legend=alt.Legend(orient="top")),
        tooltip=_tooltip(lang, with_year=False))
    return bars.properties(width=560, height=alt.Step(9)).to_dict()


def templates() -> dict[str, dict[str, dict]]:
    """Every chart spec of the report, per language: {name: {"vi": spec, "en": spec}}."""
    out: dict[str, dict[str, dict]] = {}
    for lang in ("vi", "en"):
        out.setdefault("province_series_own", {})[lang] = province_series(lang, "own")
        out.setdefault("province_series_all", {})[lang] = province_series(lang, "all")
        out.setdefault("indicator_series", {})[lang] = indicator_series(lang)
        out.setdefault("indicator_year", {})[lang] = indicator_year(lang)
    return out


def vega_bundle() -> tuple[str, str]:
    """vega + vega-lite + vega-embed in one script (vl-convert's bundle, no network), and its version label.

    The bundle assigns ``window.vegaEmbed``; it is wrapped in a function so that its top-level names
    do not collide with the page's own script."""
    import vl_convert as vlc

    vl = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    label = f"vega {vlc.get_vega_version()}, vega-lite {vl}, vega-embed {vlc.get_vega_embed_version()} (vl-convert)"
    return "(function () {\n" + vlc.javascript_bundle(vl_version=vl) + "\n})();\n", label


def format_locales() -> dict[str, dict]:
    """d3 number formats of both languages: 5,56 in Vietnamese, 5.56 in English (vl-convert ships en-US;
    d3-format has no Vietnamese locale, so its four settings are given here)."""
    import vl_convert as vlc

    vi = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0₫"]}
    return {"vi": vi, "en": vlc.get_format_locale("en-US")}
