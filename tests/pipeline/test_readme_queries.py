"""The README's analyst queries run as printed against a real publication and give the printed answers."""
from __future__ import annotations

import re

import pytest

from tests.conftest import REPO, query

pytestmark = pytest.mark.pipeline


def readme_queries() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", text, flags=re.S)


def test_readme_has_three_queries():
    assert len(readme_queries()) >= 3


def test_readme_queries_run_as_printed(seeded_run):
    env, _ = seeded_run
    missed, grdp_2024, scorecard = (query(env.published_db, q) for q in readme_queries()[:3])
    # 1. Thái Nguyên 2023 GRDP growth: plan 8.5 %, estimate 5.56 %, missed by 2.94 points, verdict agrees
    grdp = [r for r in missed if r[0] == "GRDP growth rate"]
    assert grdp and grdp[0][1:4] == ("=", 8.5, 5.56) and grdp[0][5] == -2.94 and grdp[0][7] == "Không đạt KH"
    # 2. Thái Bình's target rolls up to Hưng Yên, Bắc Kạn's to Thái Nguyên; each row names its document and line
    rollup = {(r[0], r[1]) for r in grdp_2024}
    assert {("Hưng Yên", "Thái Bình"), ("Thái Nguyên", "Bắc Kạn"), ("Thái Nguyên", "Thái Nguyên")} <= rollup
    assert all(r[5] and r[6] >= 1 for r in grdp_2024)
    # 3. the scorecard's one 2023 Thái Nguyên full-year line counts what mart_target_vs_actual says
    tn = [r for r in scorecard if r[0] == "Thai Nguyen" and r[1] == 2023]
    statuses = dict(query(env.published_db, """select attainment_status, count(*) from marts.mart_target_vs_actual
        where province_key = 'VN63-19' and year = 2023 and period = 'FY' and has_target group by 1"""))
    assert len(tn) == 1 and tn[0][4:7] == (statuses.get("achieved", 0), statuses.get("exceeded", 0), statuses.get("missed", 0))
