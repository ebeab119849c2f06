"""``resolution``: a HĐND resolution — legal preamble, ``Điều 1/2``, a ``Các chỉ tiêu chủ yếu`` heading
(with or without the year), sub-headings per field, ``-`` bullets with ``+`` children, several values
on one line (``..., trong đó ...``), then the tasks."""
from __future__ import annotations

import random
from datetime import date

from orchestration.cli.generate.catalog import Catalog
from orchestration.cli.generate.gold import Doc
from orchestration.cli.generate.layouts.common import target_list, tasks, tinh_name
from orchestration.cli.generate.layouts.filler import filler_paragraph


def resolution(cat: Catalog, doc: Doc, rng: random.Random, year: int, when: date, target_bytes: int) -> None:
    both = _preamble(doc, rng, year, when, rng.randint(100, 400))
    target_list(cat, doc, rng, year, "2", year_in_heading=(not both) or rng.random() < 0.5, k=rng.randint(14, 30))
    doc.add("II. Nhiệm vụ và giải pháp chủ yếu")
    tasks(doc, rng, "III", target_bytes - 600, tinh_name(doc.province))
    doc.add("Điều 3. Tổ chức thực hiện")
    doc.add(f"Nghị quyết này đã được Hội đồng nhân dân {tinh_name(doc.province)} thông qua tại kỳ họp và có hiệu lực kể từ ngày thông qua./.")


def _preamble(doc: Doc, rng: random.Random, year: int, when: date, num: int) -> bool:
    p, t = doc.province, tinh_name(doc.province, lower=False)
    both = rng.random() < 0.5
    doc.add(rng.choice(["NGHỊ QUYẾT", " NGHỊ QUYẾT", "## NGHỊ QUYẾT"]))
    if both:
        doc.add(f"VỀ KẾT QUẢ THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {year - 1}; MỤC TIÊU, "
                f"NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI {t} NĂM {year}")
    else:
        doc.add(f"Về mục tiêu, nhiệm vụ và giải pháp chủ yếu phát triển kinh tế - xã hội năm {year}")
    doc.blank(rng)
    doc.add(f"HỘI ĐỒNG NHÂN DÂN {t}")
    doc.add(f"KHÓA {rng.choice(['XIV', 'XV', 'XVI', 'XVII'])}, KỲ HỌP THỨ {rng.choice(['BẢY', 'TÁM', 'MƯỜI', 'MƯỜI BA', 'MƯỜI SÁU'])}")
    doc.blank(rng)
    doc.add("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    doc.blank(rng)
    doc.add("Căn cứ Luật Sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;")
    doc.blank(rng)
    doc.add(f"Xét Báo cáo số {num}/BC-UBND ngày {when.day} tháng {when.month} năm {when.year} của Ủy ban nhân dân "
            f"{tinh_name(p)} về tình hình phát triển kinh tế - xã hội năm {year - 1} và mục tiêu, nhiệm vụ, giải pháp chủ yếu "
            f"năm {year}; Báo cáo thẩm tra của các Ban Hội đồng nhân dân tỉnh; ý kiến thảo luận của đại biểu Hội đồng nhân dân tại kỳ họp.")
    doc.blank(rng)
    doc.add("QUYẾT NGHỊ:")
    doc.add(f"Điều 1. Thông qua kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {year - 1} nêu trong báo cáo của Ủy ban nhân dân tỉnh trình tại kỳ họp.")
    doc.add(f"Điều 2. Thông qua mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm {year} của {tinh_name(p)} với các mục tiêu, chỉ tiêu, nhiệm vụ và các giải pháp chủ yếu sau:")
    doc.add("I. Mục tiêu và các chỉ tiêu chủ yếu")
    doc.add("1. Mục tiêu")
    for _ in range(rng.randint(1, 3)):
        doc.add(filler_paragraph(rng, tinh_name(p)))
        doc.blank(rng, 0.4)
    return both
