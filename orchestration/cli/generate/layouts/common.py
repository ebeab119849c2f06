"""Pieces the layouts share: wording helpers, the pick of indicators and their sections, the target
list (``-`` bullets with ``+`` children) and the task paragraphs."""
from __future__ import annotations

import random

from orchestration.cli.generate.catalog import STRUCTURE, STRUCTURE_CODES, Catalog, Indicator
from orchestration.cli.generate.gold import Doc
from orchestration.cli.generate.layouts.filler import TASK_HEADINGS, filler_paragraph
from orchestration.cli.generate.values import Value, draw_value, pick_comparator, vn_number

GROUPS = [
    ("Chỉ tiêu về văn hóa", ["CULTURAL_FAMILIES_SHARE", "CULTURAL_VILLAGES_SHARE", "CULTURAL_AGENCIES_SHARE"]),
    ("Xây dựng nông thôn mới", ["NTM_COMMUNES_NEW", "NTM_DISTRICTS"]),
    ("Chỉ tiêu y tế", ["COMMUNE_HEALTH_CRITERIA_SHARE", "HEALTH_INSURANCE_COVERAGE"]),
    ("Chỉ tiêu nhà ở tăng thêm cho các đối tượng xã hội", ["SOCIAL_HOUSING_UNITS", "SOCIAL_HOUSING_FLOOR_AREA"]),
]
SECTIONS = [  # (list heading, table heading, indicator groups in the catalog)
    ("Các chỉ tiêu kinh tế", "Chỉ tiêu kinh tế", {"economy", "economic_structure", "trade", "public_finance",
                                                   "investment", "enterprise", "tourism"}),
    ("Các chỉ tiêu xã hội", "Chỉ tiêu xã hội", {"labour", "social", "health", "education", "culture",
                                                 "rural_development", "population", "housing", "urban"}),
    ("Các chỉ tiêu về môi trường", "Chỉ tiêu môi trường", {"environment"}),
    ("Các chỉ tiêu về quốc phòng, an ninh, xây dựng Đảng", "Chỉ tiêu quốc phòng, an ninh", {"governance", "party", "security"}),
]


def tinh_name(p: dict, lower: bool = True) -> str:
    """'tỉnh Thái Nguyên' / 'thành phố Hà Nội'."""
    kind = "thành phố" if p["unit_type"].startswith("Thành phố") else "tỉnh"
    return f"{kind} {p['name_vi']}" if lower else f"{kind.upper()} {p['name_vi'].upper()}"


def lower_first(label: str) -> str:
    first = label.split(" ")[0]
    return label if first.isupper() and len(first) > 1 else label[0].lower() + label[1:]


def unit_suffix(unit: str) -> str:
    return unit if unit in ("%", "‰") else " " + unit


def pick_indicators(cat: Catalog, rng: random.Random, k: int) -> list[Indicator]:
    pool = [i for i in cat.indicators if i.code not in STRUCTURE_CODES]
    chosen = rng.sample(pool, min(k, len(pool)))
    return chosen


def sectioned(cat: Catalog, rng: random.Random, k: int):
    """[(list heading, table heading, [items])] where an item is ('one', ind) or ('group', title, [ind])."""
    chosen = {i.code: i for i in pick_indicators(cat, rng, k)}
    items_by_section: dict[int, list] = {i: [] for i in range(len(SECTIONS))}
    def section_of(ind):
        for idx, (_, _, groups) in enumerate(SECTIONS):
            if ind.group in groups:
                return idx
        return 1
    if all(c in cat.by_code for c in STRUCTURE_CODES) and rng.random() < 0.7:
        items_by_section[0].append(("structure", "Cơ cấu kinh tế", [cat.by_code[c] for c, _ in STRUCTURE]))
    for title, codes in GROUPS:
        members = [chosen.pop(c) for c in codes if c in chosen]
        if len(members) >= 2 and rng.random() < 0.6:
            items_by_section[section_of(members[0])].append(("group", title, members))
        else:
            for m in members:
                chosen[m.code] = m
    for ind in chosen.values():
        items_by_section[section_of(ind)].append(("one", ind))
    for idx in items_by_section:
        rng.shuffle(items_by_section[idx])
    return [(SECTIONS[i][0], SECTIONS[i][1], items_by_section[i]) for i in items_by_section if items_by_section[i]]


def structure_values(rng: random.Random) -> list[Value]:
    agri = round(rng.uniform(4, 25), 1)
    ind = round(rng.uniform(25, 65), 1)
    serv = round(100 - agri - ind, 1)
    return [Value("=", v, v, 1) for v in (ind, serv, agri)]


def target_list(cat: Catalog, doc: Doc, rng: random.Random, year: int, number: str, year_in_heading: bool,
                k: int) -> None:
    """'2. Các chỉ tiêu chủ yếu [năm Y]' + sections of '-'/'+' bullets; records gold + scope."""
    spaced = rng.random() < 0.4
    end = rng.choice([".", ";", ""])
    first = doc.add(f"{number}. Các chỉ tiêu chủ yếu" + (f" năm {year}" if year_in_heading else ""))
    child_prefix = rng.choice(["+ ", " - + "]) if rng.random() < 0.2 else "+ "
    for s_idx, (heading, _, items) in enumerate(sectioned(cat, rng, k)):
        if spaced:
            doc.add("")
        doc.add(rng.choice([f"{number}.{s_idx + 1}. {heading}", f"{'abcd'[s_idx]}) {heading}:",
                            f"{number}.{s_idx + 1}. {heading}:"]))
        if spaced:
            doc.add("")
        for item in items:
            if item[0] == "structure":
                doc.add(f"- {item[1]}:")
                vals = structure_values(rng)
                for (code, names), ind, val in zip(STRUCTURE, item[2], vals):
                    ln = doc.add(f"{child_prefix}{rng.choice(names)}: {vn_number(val.low, 1)}%{end}")
                    doc.record(ln, ind, year, "target", val, "%")
            elif item[0] == "group":
                doc.add(f"- {item[1]}:")
                for ind in item[2]:
                    bullet(cat, doc, rng, ind, year, child_prefix, end)
                    if spaced:
                        doc.add("")
            else:
                bullet(cat, doc, rng, item[1], year, "- ", end)
            if spaced:
                doc.add("")
    last = len(doc.lines)
    while last > first and not doc.lines[last - 1].strip():
        last -= 1
    doc.scope.append((first, last))


def bullet(cat: Catalog, doc: Doc, rng: random.Random, ind: Indicator, year: int, prefix: str, end: str) -> None:
    label = rng.choice(ind.wordings)
    unit = rng.choice(ind.units)[0]
    val = draw_value(rng, ind, pick_comparator(rng, ind))
    pad = unit in ("xã", "đơn vị", "huyện") and rng.random() < 0.5
    text = list_phrase(rng, label, ind, val, unit, pad)
    parts = [(ind, val, unit)]
    # a second value on the same line: '..., trong đó ...' for a related indicator
    if ind.code == "TRAINED_LABOUR_SHARE" and "TRAINED_LABOUR_CERTIFIED_SHARE" in cat.by_code and rng.random() < 0.7:
        sub = cat.by_code["TRAINED_LABOUR_CERTIFIED_SHARE"]
        sval = draw_value(rng, sub, "=")
        text += f", trong đó có bằng cấp, chứng chỉ: {vn_number(sval.low, sval.decimals)}%"
        parts.append((sub, sval, "%"))
    elif ind.code == "BUDGET_REVENUE_TOTAL" and "BUDGET_REVENUE_DOMESTIC" in cat.by_code and rng.random() < 0.5:
        sub = cat.by_code["BUDGET_REVENUE_DOMESTIC"]
        sval = Value("=", float(round(val.low * rng.uniform(0.4, 0.7))) if val.low else 1000.0, None, 0)
        sval.high = sval.low
        text += f", trong đó, thu nội địa đạt {vn_number(sval.low, 0)} tỷ đồng"
        parts.append((sub, sval, "tỷ đồng"))
    elif ind.code == "EXPORT_GROWTH" and "LOCAL_EXPORT_GROWTH" in cat.by_code and rng.random() < 0.5:
        sub = cat.by_code["LOCAL_EXPORT_GROWTH"]
        sval = draw_value(rng, sub, "=")
        text += f", trong đó giá trị xuất khẩu địa phương tăng {vn_number(sval.low, sval.decimals)}% so với năm {year - 1}"
        parts.append((sub, sval, "%"))
    ln = doc.add(f"{prefix}{text}{end}")
    for pind, pval, punit in parts:
        doc.record(ln, pind, year, "target", pval, punit)


def list_phrase(rng: random.Random, label: str, ind: Indicator, val: Value, unit: str, pad: bool) -> str:
    """One bullet's text for one value (without the bullet)."""
    n = lambda x: vn_number(x, val.decimals, pad=pad)  # noqa: E731
    u = unit_suffix(unit)
    c = val.comparator
    says_growth = ind.growth and not label.lower().startswith("tốc độ tăng")  # no "tốc độ tăng ... tăng"
    if c == "=":
        forms = [f"{label}: {n(val.low)}{u}"]
        if ind.higher_is_better is not False:  # "đạt" (reaches) only for what should rise
            forms.append(f"{label} đạt {n(val.low)}{u}")
        if says_growth:
            forms += [f"{label}: Tăng {n(val.low)}{u}", f"{label} tăng {n(val.low)}{u}"]
    elif c == ">=":
        forms = [f"{label}: Từ {n(val.low)}{u} trở lên", f"{label} đạt từ {n(val.low)}{u} trở lên",
                 f"{label}: từ {n(val.low)}{u} trở lên"]
        if unit != "%":
            forms.append(f"{label} đạt ít nhất {n(val.low)}{u}")
    elif c == ">":
        forms = [f"{label} đạt trên {n(val.low)}{u}", f"{label}: Trên {n(val.low)}{u}"]
    elif c == "<":
        forms = [f"{label}: Dưới {n(val.high)}{u}", f"{label} còn dưới {n(val.high)}{u}",
                 f"{label} giảm xuống dưới {n(val.high)}{u}"]
    elif c == "~":
        forms = [f"{label} khoảng {n(val.low)}{u}", f"{label}: Khoảng {n(val.low)}{u}"]
        if ind.higher_is_better is False:  # "down to about": only for shares that should fall
            forms.append(f"{label} giảm còn khoảng {n(val.low)}{u}")
    else:  # between
        sep = rng.choice(["-", " - "])
        forms = [f"{label} đạt {n(val.low)}{sep}{n(val.high)}{u}", f"{label}: {n(val.low)}{sep}{n(val.high)}{u}"]
        if says_growth:
            forms.append(f"{label} tăng {n(val.low)}{sep}{n(val.high)}{u}")
    return rng.choice(forms)


def tasks(doc: Doc, rng: random.Random, roman: str, target_bytes: int, tinh: str) -> None:
    doc.add(f"{roman}. Nhiệm vụ và các giải pháp phát triển ngành, lĩnh vực")
    headings = list(TASK_HEADINGS)
    rng.shuffle(headings)
    size = sum(len(x.encode()) + 1 for x in doc.lines)
    h = 0
    while size < target_bytes:
        heading = f"{h % len(headings) + 1}. {headings[h % len(headings)]}"
        doc.add(heading)
        size += len(heading.encode()) + 1
        for _ in range(rng.randint(2, 5)):
            line = "- " + filler_paragraph(rng, tinh, (1, 3))
            doc.add(line)
            size += len(line.encode()) + 1
        h += 1
