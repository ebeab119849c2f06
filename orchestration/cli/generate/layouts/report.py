"""``report``: a UBND report — a tab-separated plan/estimate table
``TT / Chỉ tiêu / Đơn vị tính / Kế hoạch năm Y / Ước thực hiện năm Y / Đánh giá`` with parent and child
rows, the header repeated after page breaks, cells such as ``≥ 1``, ``<3``, ``>46``, ``8,5-9`` and the
document's own verdict; then the next year's targets as a bullet list."""
from __future__ import annotations

import random
from datetime import date

from orchestration.cli.generate.catalog import STRUCTURE, Catalog, Indicator
from orchestration.cli.generate.gold import Doc
from orchestration.cli.generate.layouts.common import sectioned, structure_values, target_list, tasks, tinh_name
from orchestration.cli.generate.layouts.filler import filler_paragraph
from orchestration.cli.generate.values import Value, draw_value, pick_comparator, vn_number


def report(cat: Catalog, doc: Doc, rng: random.Random, year: int, when: date, target_bytes: int) -> None:
    p = doc.province
    prev = year - 1
    doc.add("")
    doc.add(f"Số: {rng.randint(100, 400)}/BC-UBND")
    doc.add("")
    doc.add(f"{p['name_vi']}, ngày {when.day} tháng {when.month} năm {when.year}")
    doc.add("")
    doc.add("BÁO CÁO")
    doc.add("")
    doc.add(f"Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {prev}; mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm {year}")
    doc.add("")
    doc.add("Phần thứ nhất")
    doc.add("")
    doc.add(f"KẾT QUẢ THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {prev}")
    doc.add("")
    doc.add(f"A. Bối cảnh thực hiện kế hoạch phát triển kinh tế - xã hội năm {prev}")
    for _ in range(rng.randint(2, 4)):
        doc.add("")
        doc.add(filler_paragraph(rng, tinh_name(p), (3, 6)))
    doc.add("")
    doc.add(f"B. Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {prev}")
    doc.add("")
    doc.add("I. Các chỉ tiêu chủ yếu")
    doc.add("")
    estimates = _table(cat, doc, rng, prev)
    doc.add("")
    doc.add("II. Kết quả thực hiện nhiệm vụ trên các lĩnh vực")
    # narrative with figures (outside the scoped ranges, like the seed report's prose)
    for ind, val, unit in estimates[: rng.randint(3, 8)]:
        if val.comparator == "=" and unit == "%":
            doc.add("")
            doc.add(f"{rng.choice(ind.wordings)} năm {prev} ước đạt {vn_number(val.low, val.decimals)}%. " + filler_paragraph(rng, tinh_name(p), (1, 3)))
    for _ in range(rng.randint(2, 6)):
        doc.add("")
        doc.add(filler_paragraph(rng, tinh_name(p), (3, 7)))
    doc.add("")
    doc.add("Phần thứ hai")
    doc.add("")
    doc.add(f"MỤC TIÊU, NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {year}")
    doc.add("")
    doc.add("1. Mục tiêu tổng quát")
    doc.add("")
    doc.add(filler_paragraph(rng, tinh_name(p), (3, 6)))
    doc.add("")
    target_list(cat, doc, rng, year, "2", year_in_heading=True, k=rng.randint(12, 26))
    doc.add("")
    tasks(doc, rng, "III", target_bytes, tinh_name(p))


def _table(cat: Catalog, doc: Doc, rng: random.Random, year: int) -> list:
    first_col = rng.choices(["TT", "STT"], weights=[3, 1])[0]
    header = f"{first_col}\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm {year}\tƯớc thực hiện năm {year}\tĐánh giá"
    first = doc.add(header)
    rows_on_page, page_len = 0, rng.randint(8, 16)
    estimates = []
    def page_break():
        nonlocal rows_on_page, page_len
        if rows_on_page >= page_len:
            doc.add("")
            doc.add(header)
            rows_on_page, page_len = 0, rng.randint(8, 16)
    tt = 0
    for _, table_heading, items in sectioned(cat, rng, rng.randint(14, 30)):
        for item in items:
            page_break()
            tt += 1
            if item[0] == "structure":
                doc.add(f"{tt}\t{item[1]}\t\t\t\t")
                rows_on_page += 1
                plan = structure_values(rng)
                # the estimate is a structure too: perturb two shares, the third completes 100 %
                # (independent perturbations drift up to ±3.6 points and are rightly quarantined)
                e_ind = round(plan[0].low + rng.uniform(-1.2, 1.2), 1)
                e_agri = round(plan[2].low + rng.uniform(-1.2, 1.2), 1)
                est = [Value("=", v, v, 1) for v in (e_ind, round(100 - e_ind - e_agri, 1), e_agri)]
                for (code, names), ind, pv, ev in zip(STRUCTURE, item[2], plan, est):
                    page_break()
                    ln = doc.add(f"-\t{rng.choice(names)}\t%\t{vn_number(pv.low, 1)}\t{vn_number(ev.low, 1)}\t")
                    rows_on_page += 1
                    doc.record(ln, ind, year, "target", pv, "%")
                    doc.record(ln, ind, year, "estimate", ev, "%")
            elif item[0] == "group":
                doc.add(f"{tt}\t{item[1]}\t\t\t\t")
                rows_on_page += 1
                for ind in item[2]:
                    page_break()
                    estimates.append(_table_row(doc, rng, "-", ind, year))
                    rows_on_page += 1
            else:
                estimates.append(_table_row(doc, rng, str(tt), item[1], year))
                rows_on_page += 1
    doc.scope.append((first, len(doc.lines)))
    return estimates


def _table_row(doc: Doc, rng: random.Random, tt: str, ind: Indicator, year: int):
    label = rng.choice(ind.wordings)
    unit_text, unit_col = rng.choice(ind.units)
    comp = pick_comparator(rng, ind, table=True)
    plan = draw_value(rng, ind, comp)
    d = plan.decimals
    step = 10 ** -d
    base = plan.low if plan.low is not None else plan.high
    hib = ind.higher_is_better
    r = rng.random()
    delta = (ind.hi - ind.lo) * rng.uniform(0.01, 0.15)
    if base > 0:
        delta = min(delta, base * 0.3)
    if r < 0.4:
        est_v = base
    elif r < 0.75:
        est_v = base + (delta if hib is not False else -delta)
    else:
        est_v = base - (delta if hib is not False else -delta)
    est_v = ind.clamp(round(round(est_v / step) * step, d) if d else float(round(est_v)))
    if est_v < 0 and ind.lo >= 0:
        est_v = 0.0
    # estimate comparator: usually '=', sometimes echoes the plan's ('<3' / '>46')
    est = Value("=", est_v, est_v, d)
    if comp == "<" and est_v <= (plan.high or 0) and rng.random() < 0.5:
        est = Value("<", None, plan.high, d)
        est_v = plan.high
    elif comp in (">=", ">") and est_v >= plan.low and rng.random() < 0.2:
        est = Value(">", plan.low, None, d)
    pad = unit_col in ("Xã", "Đơn vị", "Huyện") and rng.random() < 0.5
    def cell(v: Value, pct_suffix=False):
        n = lambda x: vn_number(x, d, pad=pad)  # noqa: E731
        if v.comparator == "=":
            return n(v.low) + ("%" if pct_suffix else "")
        if v.comparator == ">=":
            return rng.choice(["≥ ", "≥"]) + n(v.low)
        if v.comparator == ">":
            return ">" + n(v.low)
        if v.comparator == "<":
            return "<" + n(v.high)
        return n(v.low) + rng.choice(["-", " - "]) + n(v.high)
    # verdict
    verdict = ""
    if hib is not None:
        if plan.comparator == "between":
            ok = plan.low <= est_v <= plan.high if hib is None else (est_v >= plan.low if hib else est_v <= plan.high)
            better = est_v > plan.high if hib else est_v < plan.low
        elif plan.comparator in (">=", ">", "="):
            ok = est_v >= plan.low if hib else est_v <= plan.low
            better = est_v > plan.low if hib else est_v < plan.low
        else:  # '<'
            ok, better = est_v <= plan.high, False
        verdict = "Vượt KH" if ok and better else ("Đạt KH" if ok else "Không đạt KH")
        if est.comparator != "=":
            verdict = "Đạt KH"
    ln = doc.add(f"{tt}\t{label}\t{unit_col}\t{cell(plan)}\t{cell(est, unit_col == '%' and rng.random() < 0.08)}\t{verdict}")
    doc.record(ln, ind, year, "target", plan, unit_col)
    doc.record(ln, ind, year, "estimate", est, unit_col, verdict=verdict)
    return ind, est, unit_col
