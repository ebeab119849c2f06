"""``dispatch``: a UBND dispatch forwarding a mid-year resolution whose numbered items state a few
targets in running text (``Phấn đấu năm Y … đạt ít nhất 01 huyện``)."""
from __future__ import annotations

import random
from datetime import date

from orchestration.cli.generate.catalog import Catalog
from orchestration.cli.generate.gold import Doc
from orchestration.cli.generate.layouts.common import lower_first, pick_indicators, tinh_name, unit_suffix
from orchestration.cli.generate.layouts.filler import filler_paragraph
from orchestration.cli.generate.values import draw_value, vn_number


def dispatch(cat: Catalog, doc: Doc, rng: random.Random, year: int, when: date, target_bytes: int) -> None:
    """A UBND dispatch forwarding a mid-year HĐND resolution whose numbered items state a few targets."""
    p, tinh = doc.province, tinh_name(doc.province)
    head = tinh_name(p, lower=False)
    doc.add("")
    doc.add("**ỦY BAN NHÂN DÂN  ")
    doc.add(f"{head}**")
    doc.add("")
    doc.add(f"Số: **{rng.randint(1000, 5000)}** /UBND-TH")
    doc.add("")
    doc.add(f"{p['name_vi']}, ngày **{when.day}** tháng {when.month} năm {when.year}")
    doc.add("")
    doc.add(f"V/v triển khai thực hiện Nghị quyết của HĐND tỉnh về nhiệm vụ, giải pháp trọng tâm những tháng cuối năm {year}")
    doc.add("")
    doc.add("Kính gửi:")
    doc.add("")
    doc.add("- Các Sở, ban, ngành của tỉnh;")
    doc.add("- UBND các huyện, thành phố.")
    doc.add("")
    doc.add(f"Thực hiện Nghị quyết của HĐND tỉnh về kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm "
            f"và nhiệm vụ, giải pháp trọng tâm những tháng cuối năm {year} (có gửi kèm theo), Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau:")
    doc.add("")
    doc.add("**1.** Các Sở, ban, ngành, UBND các huyện, thành phố căn cứ chức năng, nhiệm vụ triển khai thực hiện đồng bộ, hiệu quả các nhiệm vụ, giải pháp trọng tâm.")
    doc.add("")
    doc.add("## NGHỊ QUYẾT")
    doc.add("")
    doc.add(f"Về kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 06 tháng đầu năm và nhiệm vụ, giải pháp trọng tâm những tháng cuối năm {year}")
    doc.add("")
    doc.add(f"**Điều 1.** Thông qua kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 06 tháng đầu năm. Để hoàn thành các chỉ tiêu, nhiệm vụ năm {year} cần tập trung vào một số nhiệm vụ, giải pháp trọng tâm sau:")
    inds = pick_indicators(cat, rng, rng.randint(2, 5))
    items = ["filler"] * rng.randint(6, 10)
    for ind in inds:
        items.insert(rng.randint(1, len(items)), ind)
    for k, item in enumerate(items, 1):
        doc.add("")
        if item == "filler":
            doc.add(f"{k}. " + filler_paragraph(rng, tinh, (2, 4)))
            continue
        label = lower_first(rng.choice(item.wordings))
        unit = rng.choice(item.units)[0]
        comp = rng.choice(["=", "=", ">="]) if item.higher_is_better is not False else "<"
        val = draw_value(rng, item, comp)
        n = lambda x: vn_number(x, val.decimals, pad=unit in ("xã", "huyện", "đơn vị"))  # noqa: E731
        if comp == "<":
            phrase = f"{label} giảm xuống dưới {n(val.high)}{unit_suffix(unit)}"
        elif comp == ">=":
            phrase = f"{label} đạt ít nhất {n(val.low)}{unit_suffix(unit)}"
        else:
            phrase = f"{label} đạt {n(val.low)}{unit_suffix(unit)}"
        ln = doc.add(f"{k}. {filler_paragraph(rng, tinh, (1, 2))} Phấn đấu {rng.choice(['', 'trong '])}năm {year}, {phrase}.")
        doc.record(ln, item, year, "target", val, unit)
        doc.scope.append((ln, ln))
    doc.add("")
    doc.add("**Điều 2.** Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết./.")
    while sum(len(x.encode()) + 1 for x in doc.lines) < target_bytes:
        doc.add("")
        doc.add(filler_paragraph(rng, tinh, (3, 8)))
