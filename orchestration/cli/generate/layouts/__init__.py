"""Document layouts, mixed per corpus, each with wording and formatting variants:

* ``resolution`` — a HĐND resolution: legal preamble, ``Điều 1/2``, a ``Các chỉ tiêu chủ yếu``
  heading (with or without the year), sub-headings per field, ``-`` bullets with ``+`` children,
  comparators written ``Từ X% trở lên`` / ``Dưới X%`` / ``trên X%`` / ``X-Y%`` / ``khoảng X%``,
  several values on one line (``..., trong đó ...`` / ``;``-separated).
* ``report`` — a UBND report: a tab-separated plan/estimate table
  ``TT / Chỉ tiêu / Đơn vị tính / Kế hoạch năm Y / Ước thực hiện năm Y / Đánh giá`` with parent and
  child rows, header repeated after page breaks, cells such as ``≥ 1``, ``<3``, ``>46``, ``8,5-9``,
  the document's own verdict; then the next year's targets as a bullet list.
* ``dispatch`` — a UBND dispatch forwarding a mid-year resolution whose numbered items state a
  few targets in running text (``Phấn đấu năm Y … đạt ít nhất 01 huyện``).
* ``article`` — a press article: ``date YYYY-MM`` line and prose sentences
  (``tăng từ mức X năm Y lên Z năm Y+1``, ``đạt trên X%``, ``từ X% trở lên``, ``(năm Y đạt Z%)``).

Filler narrative paragraphs (no figures inside the scoped line ranges) bring document sizes to
about 8–120 KB like the seeds. A document is a pure function of ``(seed, document index)``.
"""
from __future__ import annotations

import hashlib
import random
from datetime import date

from orchestration.cli.generate.catalog import Catalog
from orchestration.cli.generate.gold import Doc
from orchestration.cli.generate.layouts.article import article
from orchestration.cli.generate.layouts.dispatch import dispatch
from orchestration.cli.generate.layouts.report import report
from orchestration.cli.generate.layouts.resolution import resolution


def build_document(cat: Catalog, seed: int, index: int) -> Doc:
    """Document `index` of the corpus of `seed`: its layout, year, date and province, then its lines."""
    rng = random.Random(f"chitieu-synthetic:{seed}:{index}")
    digest = hashlib.sha256(f"{seed}:{index}".encode()).hexdigest()[:16]
    layout = rng.choices(["resolution", "report", "article", "dispatch"], weights=[0.35, 0.32, 0.23, 0.10])[0]
    year = rng.randint(2016, 2026)
    if layout == "article":
        when = date(year, 1, rng.randint(2, 28))
    elif layout == "dispatch":
        when = date(year, 7, rng.randint(10, 31))
    else:
        when = date(year - 1, rng.choice([11, 12]), rng.randint(1, 28))
    province = rng.choice(cat.provinces_at(when))
    doc = Doc(f"syn_{index:06d}_{digest}", province, layout)
    if layout == "resolution":
        resolution(cat, doc, rng, year, when, int(rng.lognormvariate(10.0, 0.5)))
    elif layout == "report":
        report(cat, doc, rng, year, when, int(rng.lognormvariate(10.6, 0.5)))
    elif layout == "article":
        article(cat, doc, rng, year, when, int(rng.lognormvariate(9.2, 0.4)))
    else:
        dispatch(cat, doc, rng, year, when, int(rng.lognormvariate(9.4, 0.4)))
    return doc
