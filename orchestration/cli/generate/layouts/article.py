"""``article``: a press article — a ``date YYYY-MM`` line and prose sentences
(``tăng từ mức X năm Y lên Z năm Y+1``, ``đạt trên X%``, ``từ X% trở lên``, ``(năm Y đạt Z%)``)."""
from __future__ import annotations

import random
from datetime import date

from orchestration.cli.generate.catalog import Catalog, Indicator
from orchestration.cli.generate.gold import Doc
from orchestration.cli.generate.layouts.common import lower_first, pick_indicators, tinh_name, unit_suffix
from orchestration.cli.generate.layouts.filler import FILLER, filler_paragraph
from orchestration.cli.generate.values import Value, draw_value, pick_comparator, vn_number


def article(cat: Catalog, doc: Doc, rng: random.Random, year: int, when: date, target_bytes: int) -> None:
    p = doc.province
    tinh = tinh_name(p)
    k = rng.randint(10, 20)
    doc.add(f"date {when.year}-{when.month:02d} {rng.choice(['Đề ra', 'Thông qua', 'Xác định'])} {k} mục tiêu chủ yếu năm {year}")
    doc.add("")
    doc.add(f"Trên cơ sở kết quả thực hiện nhiệm vụ năm {year - 1}, Ban Chấp hành Đảng bộ {tinh} đã quyết nghị đề ra nhiệm vụ năm {year} với {k} mục tiêu chủ yếu.")
    inds = pick_indicators(cat, rng, rng.randint(8, 16))
    first = None
    i = 0
    while i < len(inds):
        doc.add("")
        chunk, i = inds[i:i + rng.randint(2, 4)], i + 4
        sentences, records = [], []
        for ind in chunk:
            s, recs = _prose(rng, ind, year)
            sentences.append(s)
            records.extend(recs)
        if rng.random() < 0.5:
            sentences.insert(rng.randint(0, len(sentences)), rng.choice(FILLER).replace("{tinh}", tinh))
        ln = doc.add(" ".join(sentences))
        first = first or ln
        for ind, y, kind, val, unit in records:
            doc.record(ln, ind, y, kind, val, unit)
        if rng.random() < 0.4:
            doc.add("")
            doc.add(filler_paragraph(rng, tinh, (2, 4)))
    doc.scope.append((first, len(doc.lines)))
    while sum(len(x.encode()) + 1 for x in doc.lines) < target_bytes:
        doc.add("")
        doc.add(filler_paragraph(rng, tinh, (3, 8)))


def _prose(rng: random.Random, ind: Indicator, year: int):
    label = lower_first(rng.choice(ind.wordings))
    unit = rng.choice(ind.units)[0]
    u = unit_suffix(unit)
    d = ind.decimals
    n = lambda x: vn_number(x, d)  # noqa: E731
    r = rng.random()
    if unit != "%" and r < 0.35:
        prev = draw_value(rng, ind, "=")
        cur_v = round(prev.low * rng.uniform(1.03, 1.2), d) if d else float(round(prev.low * rng.uniform(1.03, 1.2)))
        cur_v = max(cur_v, prev.low + 10 ** -d)
        cur = Value("=", cur_v, cur_v, d)
        label = label[:-5] if label.endswith(" tăng") else label
        s = f"{label[0].upper() + label[1:]} tăng từ mức {n(prev.low)}{u} năm {year - 1} lên {rng.choice(['', 'mức '])}{n(cur.low)}{u} năm {year}."
        return s, [(ind, year - 1, "actual|estimate|target", prev, unit), (ind, year, "target", cur, unit)]
    comp = pick_comparator(rng, ind)
    val = draw_value(rng, ind, comp)
    if comp == "=":
        s = rng.choice([f"Phấn đấu {label} đạt {n(val.low)}{u}.", f"Năm {year}, {label} đạt {n(val.low)}{u}.",
                        f"Nghị quyết đề ra mục tiêu {label} đạt {n(val.low)}{u}."])
    elif comp == ">=":
        s = rng.choice([f"{label[0].upper() + label[1:]} đạt từ {n(val.low)}{u} trở lên.",
                        f"Tỉnh phấn đấu {label} đạt từ {n(val.low)}{u} trở lên."])
    elif comp == ">":
        s = rng.choice([f"Năm {year} tỉnh đề ra mục tiêu {label} đạt trên {n(val.low)}{u}.",
                        f"Phấn đấu {label} đạt trên {n(val.low)}{u}."])
    elif comp == "<":
        s = f"Phấn đấu {label} còn dưới {n(val.high)}{u}."
    elif comp == "~":
        s = rng.choice([f"Phấn đấu {label} đạt khoảng {n(val.low)}{u}.", f"Mục tiêu {label} khoảng {n(val.low)}{u}."])
    else:
        s = f"Nghị quyết đề ra mục tiêu {label} đạt từ {n(val.low)}-{n(val.high)}{u}."
    recs = [(ind, year, "target", val, unit)]
    if unit == "%" and rng.random() < 0.3:
        past = draw_value(rng, ind, "=")
        s = s[:-1] + f" (năm {year - 1} đạt {n(past.low)}{u})."
        recs.append((ind, year - 1, "actual|estimate", past, unit))
    return s, recs
