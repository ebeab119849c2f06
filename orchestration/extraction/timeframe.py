"""When a value holds: its year, kind (target / estimate / actual) and sub-year period, read from the
innermost scope that states each one.

Scopes, innermost first: the words right around the value ("ước đạt", "kế hoạch 7%", "năm 2025" after
it), its clause and sentence, the sentences before it (a running frame: "Năm 2025, …" sets the year
for what follows until something else is said), the section heading, the table column, and last the
document (its date and title). Each scope contributes only what it actually says (`Scope`), and an
inner scope that changes the year or the kind of value drops what the outer one said about the
other: "Năm 2025 GRDP ước tăng 8%. Phấn đấu tăng 10%." — the second value is a target, so it is not
for 2025 but for the plan year.

What no scope settles is derived from the document's `Anchor`: its date, the year its results are for
(`result_year`) and the year its plans are for (`plan_year`). A December meeting reports this year and
plans the next; a year after the document's date can only be a target, a year before it only a
result. Relative wording ("năm nay", "năm qua", "năm tới") is read against the same anchor.

All cue matching runs on folded text (lower case, no diacritics, but ặ kept apart so that "đặt" (set)
is not "đạt" (reach); see text.cue_fold).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

RESULT_KINDS = frozenset({"estimate", "actual"})
# "expected" ("dự kiến", "dự báo") is a target for a year to come and an estimate for the year under way.
# "plan" is a target named by reference ("kế hoạch", "KH", "(NQ 7%)", "dự toán", "kịch bản", "đề ra"): the plan
# of the year being talked about. "target" is forward-looking ("phấn đấu", "mục tiêu", "phương hướng"): it
# opens a new year.
SUB_YEAR_PERIODS = frozenset({"H1", "H2", "9M", "Q1", "Q2", "Q3", "Q4"} | {f"M{m:02d}" for m in range(1, 13)})
# Periods the warehouse models (dim_period); a value of a single month (M01–M12) is read but quarantined.
_PERIOD_END = {"H1": 6, "H2": 12, "9M": 9, "Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12}


def period_end_month(period: str) -> int:
    """The month a part of the year ends in (M09 → 9)."""
    return _PERIOD_END.get(period) or int(period[1:])


MODELLED_PERIODS = frozenset({"FY", "H1", "H2", "9M", "Q1", "Q2", "Q3", "Q4"})


def kind_class(kind: str | None) -> str | None:
    """'target', 'plan' or 'result': estimates and actuals are both results of the same year. An
    'expected' value ("dự kiến") is either, by its year."""
    if kind is None or kind in ("target", "plan"):
        return kind
    if kind == "expected":
        return None
    return "result"


def _kind_of(scope: "Scope | None", anchor: "Anchor | None") -> str | None:
    """A scope's kind, or the one its year implies."""
    if scope is None:
        return None
    if scope.kind is None and scope.year is not None and anchor is not None:
        return anchor.kind_of_year(scope.year, scope.period)
    return scope.kind


def _opens_other_year(inner: str | None, outer: str | None) -> bool:
    """Does moving from an outer kind to an inner one leave the outer year? Only between forward-looking
    targets and results: a plan reference ("kế hoạch 7%") stays in the year it is compared with."""
    a, b = kind_class(inner), kind_class(outer)
    return a is not None and b is not None and {a, b} == {"target", "result"}


@dataclass(frozen=True, slots=True)
class Scope:
    """What one scope says about time; None where it says nothing."""

    year: int | None = None
    kind: str | None = None
    period: str | None = None
    # the last scope of the other class (results while this is a target, targets while a result): a text
    # that alternates "tình hình 6 tháng đầu năm … và phương hướng 6 tháng cuối năm" goes back to it
    other: "Scope | None" = None

    def within(self, outer: "Scope", anchor: "Anchor | None" = None, sibling: bool = False) -> "Scope":
        """This (inner) scope completed by an outer one (`sibling`: the outer is an earlier clause of the
        same sentence that named its own period).

        Year and kind go together: an inner scope that names another year or period does not inherit
        the outer kind, and one that names the other kind class (target vs. result) inherits neither the
        outer year nor its period ("6 tháng đầu năm tăng 6%. Phấn đấu tăng 8%": a full-year target) but
        what the text last said on its own track (`other`).
        """
        year, kind, period = self.year, self.kind, self.period
        if outer.empty and outer.other is None:
            return self
        outer_kind = outer.kind
        if outer_kind is None and outer.year is not None and anchor is not None:
            outer_kind = anchor.kind_of_year(outer.year, outer.period)
        changes_class = _opens_other_year(kind, outer_kind)
        outer_year = outer.year
        if outer_year is None and outer.kind is not None and anchor is not None:
            outer_year = anchor.year_of_kind(outer.kind, outer.period)  # "phấn đấu": the plan year
        changes_year = year is not None and outer_year is not None and year != outer_year
        # a target or a result that names no period is for the year: "6 tháng đầu năm …" opens another scope
        outer_period = outer.period or ("FY" if outer.kind else None)
        # (between sibling clauses of one sentence, "quý I dự kiến tăng 9%; quý II tăng 11%", the kind holds)
        changes_period = (not sibling and period is not None and outer_period is not None
                          and period != outer_period)
        other_kind = _kind_of(outer.other, anchor)
        if (kind == "estimate" and not changes_year and not changes_period and outer_kind == "target"
                and anchor is not None and outer_year is not None and anchor.plan_year is not None):
            future = anchor.doc_year is not None and outer_year > anchor.doc_year
            no_results_said = kind_class(other_kind) != "result"
            if future or (no_results_said and outer_year >= anchor.plan_year):
                # "mục tiêu năm 2026 … tổng vốn đầu tư ước đạt 168 nghìn tỷ": an estimate of a year to
                # come is part of the plan; so is one in a target list that reported nothing
                kind, changes_class = outer_kind, False
        if changes_class:
            # back to the other track: what the text last said about results (or targets) holds there
            track = outer.other if _opens_other_year(outer_kind, other_kind) else EMPTY
            inner = Scope(year, kind, period).within(track, anchor, sibling)
            return Scope(inner.year, inner.kind, inner.period, outer.bare())
        if year is None and not (changes_period and kind is None):
            # (a new sentence naming another period of no year, "Trong 6 tháng cuối năm, …" after
            # figures of 2023, is about the text's own time, which the anchor knows)
            year = outer.year
        if kind is None and not changes_year and not changes_period:
            kind = outer.kind
        elif kind == "expected" and kind_class(outer.kind) in ("target", "plan"):
            kind = outer.kind  # "Theo Kế hoạch, GRDP năm 2026 dự kiến đạt …": what the plan expects
        if period is None and not changes_year:
            period = outer.period
        return Scope(year, kind, period, outer.other)

    def bare(self) -> "Scope":
        return Scope(self.year, self.kind, self.period)

    @property
    def empty(self) -> bool:
        return self.year is None and self.kind is None and self.period is None


EMPTY = Scope()


@dataclass(frozen=True, slots=True)
class Anchor:
    """The document's own time: its date (or year) and the years its results and plans are about."""

    doc_year: int | None = None
    doc_month: int | None = None
    result_year: int | None = None
    plan_year: int | None = None
    default_kind: str = "target"

    @staticmethod
    def from_document(doc_date: date | None, year_hint: int | None, default_kind: str,
                      text_years: tuple[int | None, int | None, frozenset[int]] = (None, None, frozenset())) -> "Anchor":
        """`text_years`: (result year, plan year, years named) the text itself suggests, used when there is
        no date."""
        if doc_date is not None:
            y, m = doc_date.year, doc_date.month
            # From November a text reports on its own year and plans the next (the year-end sessions);
            # until March it reports on the previous year; in between it reports on months of its own year
            # and plans the rest of it.
            if m >= 11:
                return Anchor(y, m, y, y + 1, default_kind)
            return Anchor(y, m, y - 1 if m <= 3 else y, y, default_kind)
        result_year, plan_year, named = text_years
        if len(named) == 1:  # a text that names a single year is about that year, results and plans alike
            only = next(iter(named))
            return Anchor(None, None, only, only, default_kind)
        if plan_year is None and result_year is None:
            return Anchor(None, None, year_hint, year_hint, default_kind)
        if plan_year is None:  # a text about results: what it plans, it plans for the next year
            return Anchor(None, None, result_year, result_year + 1, "estimate")
        if result_year is None:  # a text about plans: what it reports, it reports on the year before
            return Anchor(None, None, plan_year - 1, plan_year, "target")
        return Anchor(None, None, result_year, plan_year, default_kind)

    def year_of_kind(self, kind: str, period: str | None = None) -> int | None:
        """The year a value of this kind (and period) is for when nothing names one."""
        if kind in ("target", "plan"):
            return self.doc_year if period in SUB_YEAR_PERIODS and self.doc_year is not None else self.plan_year
        if kind in RESULT_KINDS:
            if period not in SUB_YEAR_PERIODS or self.doc_year is None:
                return self.result_year
            # a part of the year reported on: this year's, unless it ends after the month the text was
            # written in ("quý IV tăng 8,22%" in January, "quý I đạt 4,8%" in February: last year's)
            if self.doc_month is not None and self.doc_month < period_end_month(period):
                return self.doc_year - 1
            return self.doc_year
        return None

    def relative(self, word: str) -> int | None:
        if word == "nay":
            return self.doc_year if self.doc_year is not None else self.result_year
        if word in ("qua", "vua qua", "truoc"):
            return self.result_year
        return self.plan_year  # toi, sau, ke tiep

    def resolve(self, scope: Scope) -> tuple[int | None, str, str]:
        """Year, kind and period of a value whose scopes said `scope`."""
        year, kind, period = scope.year, scope.kind, scope.period
        sub_year = period in SUB_YEAR_PERIODS
        if kind is None and year is not None:
            kind = self.kind_of_year(year, period)
        if kind == "expected":  # "dự kiến": a plan for a year to come, an estimate for one under way
            kind = None if year is None else ("target" if self.kind_of_year(year, period) == "target" else "estimate")
            if kind is None:
                kind = "estimate"
        if kind is None:
            kind = self.default_kind
        if kind == "plan":
            kind = "target"
        if kind == "target" and period is not None and period.endswith("M") and period not in MODELLED_PERIODS:
            period = "FY"  # "10 tháng … đạt 104% dự toán (Trung ương giao: 13.398 tỷ đồng)": the plan is the year's
        if kind in RESULT_KINDS and year is not None and self.doc_year is not None and year > self.doc_year:
            # "quy mô GRDP năm 2026 ước đạt trên 367.000 tỷ đồng" written in 2025: no result yet, a projection
            kind = "target"
        if year is None:
            year = self.year_of_kind(kind, period)
            if year is None:
                year = self.plan_year if self.plan_year is not None else self.result_year
        return year, kind, period or "FY"

    def kind_of_year(self, year: int, period: str | None = None) -> str | None:
        """The kind a value of this year (and part of it) is when nothing says: results of what is over
        when the text was written, targets of what is to come."""
        sub_year = period in SUB_YEAR_PERIODS
        if self.doc_year is not None:
            if year > self.doc_year:
                return "target"  # a year after the text was written cannot have results yet
            if sub_year:
                # a part of this year with three months or more still to run ("6 tháng cuối năm" in
                # July) is to come
                if year == self.doc_year and self.doc_month is not None and self.doc_month < period_end_month(period) - 2:
                    return "target"
                return "estimate"
            if year < self.doc_year:
                return "actual"  # a year that was over when the text was written
            if year == self.result_year:
                return "estimate"  # this year's results, reported before the year's statistics are final
            return "target"  # the text's own year, before it is over
        if self.result_year is not None and year < self.result_year:
            return "actual"  # a year before the one the text reports on
        if self.plan_year is not None and self.result_year is not None and self.plan_year != self.result_year:
            return "target" if year >= self.plan_year else "estimate"
        return None


# --- cues ---------------------------------------------------------------------------------------

# Each alternative is one cue; the group that matched says what it is. Order matters only where one
# cue contains another. Comparison bases ("so với năm 2024", "so với kế hoạch", "so với cùng kỳ") are
# matched first and mean nothing, so the year or plan word inside them is not read as a cue.
_CUE = re.compile(
    # a plan word as the measure of a result: "đạt 98% kế hoạch", "vượt dự toán", "đạt và vượt kế hoạch đề ra"
    # "cao hơn mục tiêu Chính phủ và HĐND tỉnh giao", "vượt xa dự toán Trung ương giao"
    r"(?P<compareplan>\b(?:so voi|so|bang|vuot|dat va vuot|dat|hoan thanh|tuong duong|cao hon|thap hon)"
    r"(?: (?:\d+(?:,\d+)? ?%|muc|cac|toan bo|chi tieu|va vuot|mot phan|gan|khoang|tren|hon|xap xi|duoi|duoc|xa))*"
    r" (?:ke hoach|kh|du toan|chi tieu|muc tieu|nghi quyet|nq|kich ban)\b"
    r"(?: (?:de ra|giao|nam(?! (?:19|20)\d\d)|hdnd|trung uong|chinh phu|va|tinh|dai hoi|kich ban|tang truong|ke hoach))*)"
    # comparison bases: "so với (cùng kỳ) năm 2024", "cùng kỳ năm trước", "gấp 4 lần so với năm 2020"
    r"|(?P<compare>\b(?:so voi|so|cao hon|thap hon|gap \S+ lan(?: so voi)?)(?: cung ky| cung thoi diem| thoi diem)?"
    r"(?: (?:nam|ky)(?: (?:19|20)\d\d| truoc| qua| ngoai)?)?\b|\bcung ky(?: nam (?:19|20)\d\d| nam truoc)?\b)"
    # dates name a day, not the year of a value: "Nghị quyết số 61/NQ-HĐND ngày 08 tháng 12 năm 2023"; nor
    # does a price base: "theo giá so sánh năm 2010"
    r"|(?P<date>\bngay \d{1,2} thang \d{1,2} nam (?:19|20)\d\d\b"
    r"|\bgia (?:so sanh|ss|co dinh|goc)(?: nam)? (?:19|20)\d\d\b"
    # names that contain a cue word: "chương trình mục tiêu quốc gia", "Sở Kế hoạch và Đầu tư"
    r"|\bchuong trinh muc tieu(?: quoc gia)?\b|\bso ke hoach(?: va dau tu)?\b"
    # a regular meeting named by its period: "họp báo thường kỳ quý II/2025", "phiên họp thường kỳ tháng 9"
    r"|\bthuong ky (?:quy (?:iv|iii|ii|i|[1-4])|thang \d{1,2})(?:(?:/| nam )(?:19|20)\d\d)?\b)"
    # one month ("ước tính tháng 9 tăng 0,7%"): a period of its own when it qualifies the value directly
    r"|(?P<month>\bthang (?P<mm>1[0-2]|0?[1-9])(?:(?:/| nam )(?P<my>(?:19|20)\d\d))?\b(?! thang))"
    r"|(?P<range>\b(?:(?:giai doan|nhiem ky|thoi ky|ke hoach|chien luoc|quy hoach|cac nam|nam) )?"
    r"(?:19|20)\d\d ?[-–] ?(?:19|20)\d\d\b)"
    r"|(?P<horizon>\b(?:den|toi)(?: het)? nam (?P<hy>(?:19|20)\d\d)\b)"
    r"|(?P<periodyear>\b(?P<pword>(?:(?:0?6|sau) thang (?:dau nam|cuoi nam)|(?:0?6|sau) thang|nua dau nam|nua cuoi nam"
    r"|(?:0?9|chin) thang(?: dau nam)?|(?:0?3|ba) thang dau nam|quy (?:iv|iii|ii|i|[1-4])|ca"
    r"|(?:1[01]|0?[24578]) thang(?: dau nam)?))"
    r"(?: (?:nam )?|/)(?P<pyear>(?:19|20)\d\d)\b)"
    r"|(?P<period>\b(?:(?:0?6|sau) thang(?: (?:dau|cuoi) nam)?|nua (?:dau|cuoi) nam|(?:0?9|chin) thang(?: dau nam)?"
    r"|(?:0?3|ba) thang dau nam|quy (?:iv|iii|ii|i|[1-4])|ca nam|tinh chung(?= nam)|(?:1[01]|0?[24578]) thang dau nam)\b)"
    r"|(?P<year>\bnam (?P<y>(?:19|20)\d\d)\b)"
    r"|(?P<rel>\bnam (?P<rw>nay|vua qua|qua|toi|sau|ke tiep)\b)"
    # "lũy kế đến nay", "hiện nay": a stock at the time of writing
    r"|(?P<now>\b(?:den nay|hien nay)\b)"
    r"|(?P<estimate>\buoc\b)"
    r"|(?P<expected>\b(?:du kien|du bao|du dat)\b)"  # ("dự đạt trên 9%": dự kiến đạt)
    r"|(?P<actual>\b(?:da dat|dat duoc|thuc hien duoc|da thuc hien|ket qua|thanh tuu|tong ket|da \w+(?: \w+)? duoc"
    r"|dat va vuot|ket nap duoc|thanh lap moi duoc|(?:tinh hinh )?thuc hien (?:cac )?(?:nhiem vu|ke hoach|nghi quyet|chi tieu)"
    r"|tinh hinh)\b)"
    # "để đạt mục tiêu tăng trưởng cả năm 8,0%", "quý III phải đạt tăng trưởng 8,4%": what is to be reached
    r"|(?P<target>\b(?:phan dau|muc tieu|phuong huong|dinh huong|dǎt (?:ra )?muc tieu|de dat (?:duoc )?muc tieu|phai dat|phai tang|huong (?:den|toi)(?= (?:nam|muc|grdp|tang|dat))"
    r"|(?:de|dǎt) ra (?:mot so |cac |nhung )?(?:chi tieu|muc tieu|nhiem vu)"
    r"|xac dinh (?:\d+ |cac |mot so |nhung )?(?:chi tieu|muc tieu|nhiem vu))\b)"
    # (a percentage of the plan names no plan: "… và 85,63% dự toán tỉnh giao")
    r"|(?P<plan>(?<!% )(?<!%)\b(?:(?:trung uong|hdnd tinh|hdnd|chinh phu|thu tuong) giao(?=\s*(?::|\d|$))|ke hoach|kh(?![&/])|chi tieu (?:ke hoach|giao)|du toan|nghi quyet giao|(?<!/)nq(?!-)|kich ban|kbtt"
    r"|de ra|dǎt ra)\b)"
)

# The words a cue can start with (every alternative above opens with one of them, or with a year): the
# cue grammar is tried only where such a word starts, not at every character of a line.
_CUE_FIRST_WORDS = frozenset(
    "so bang vuot dat hoan cao thap gap cung ngay gia chuong thang giai nhiem thoi ke chien quy cac nam den "
    "toi 6 sau nua 9 chin 3 ba ca tinh uoc du da thuc ket thanh tong phan muc phuong dinh dǎt de kh chi nghi "
    "nq kich xac hien tuong thuong phai kbtt trung hdnd chinh thu 06 09 03 huong 10 11 2 4 5 7 8 02 04 05 07 08".split())
# Where such a word stands as a whole word (a maximal run of word characters): found in one C-level
# scan, so the Python loop below visits only the few places a cue can start.
_CUE_START = re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, _CUE_FIRST_WORDS), key=len, reverse=True))
                        + r"|(?:19|20)\d\d)(?!\w)")


def cue_matches(folded: str) -> list[re.Match]:
    """The cues of a folded text, as `_CUE.finditer` finds them (leftmost, non-overlapping)."""
    out = []
    end = 0
    match = _CUE.match
    for w in _CUE_START.finditer(folded):
        start = w.start()
        if start < end:
            continue
        m = match(folded, start)
        if m is not None:
            out.append(m)
            end = m.end()
    return out


_PERIOD_NAMES = [
    (re.compile(r"^(?:0?6|sau) thang cuoi|^nua cuoi"), "H2"),
    (re.compile(r"^(?:0?6|sau) thang|^nua dau"), "H1"),
    (re.compile(r"^(?:0?9|chin) thang"), "9M"),
    (re.compile(r"^(?:0?3|ba) thang"), "Q1"),
    (re.compile(r"^(1[01]|0?[24578]) thang"), "{}M"),  # "10 tháng năm 2025": months so far, not modelled
    (re.compile(r"^quy (iv|4)"), "Q4"),
    (re.compile(r"^quy (iii|3)"), "Q3"),
    (re.compile(r"^quy (ii|2)"), "Q2"),
    (re.compile(r"^quy (i|1)"), "Q1"),
    (re.compile(r"^ca\b|^tinh chung"), "FY"),
]


def _period_name(words: str) -> str:
    for pattern, name in _PERIOD_NAMES:
        if m := pattern.match(words):
            return name.format(int(m.group(1))) if "{}" in name else name
    return "FY"


def periods_of(matches: list[re.Match]) -> list[tuple[int, str]]:
    """(position, period) of every part of the year or whole year cues name ("quý I", "6 tháng đầu
    năm 2023", "cả năm"); a bare "năm 2023" is not among them."""
    out = []
    for m in matches:
        if m.lastgroup == "periodyear":
            out.append((m.start(), _period_name(m.group("pword"))))
        elif m.lastgroup == "period":
            out.append((m.start(), _period_name(m.group("period"))))
    return out


def cue_starts(folded: str) -> list[int]:
    """Where the text names a time (a year, a period, a kind), in order."""
    return [m.start() for m in cue_matches(folded)]


def has_cue(folded: str) -> bool:
    """Does the text name any time at all (a year, a period, a kind)?"""
    return bool(cue_matches(folded))


# The reporting period a text written in that month reports on
_PERIOD_IN_MONTH = {3: "Q1", 4: "Q1", 6: "H1", 7: "H1", 9: "9M", 10: "9M"}  # (right after it ends)
# The end of a month that closes a reporting period: what stands then is that period's
_SO_FAR = {3: "Q1", 6: "H1", 9: "9M", 12: "FY"}

# What may stand between "so với kế hoạch" and a value that is that plan: "… so với mục tiêu năm 2023 là 5.000ha"
_PLAN_STATED = re.compile(r"(?: nam (?:19|20)\d\d)?(?: (?:la|:|=))?\s*$")


def read_scope(folded: str, anchor: Anchor | None = None, at_value: bool = False, months: bool = False) -> Scope:
    """What a stretch of folded text says about time: the last year, kind and period it names.
    `at_value`: the stretch ends at a value, so a plan it is compared with right before is that value.
    `months`: the stretch is in the value's own sentence, so a single month it names is the value's
    period ("Riêng tháng 3, chỉ số … tăng 20,83%"); it does not carry over to other sentences."""
    year = kind = period = None
    bare_year = False
    for m in cue_matches(folded):
        group = m.lastgroup
        if group == "compareplan":
            if at_value and _PLAN_STATED.match(folded, m.end()):
                kind = "plan"
            continue
        if group == "range" and at_value and not folded[:m.start()].endswith(("so voi ", "so ", "hon ")):
            # "GRDP giai đoạn 2026-2030 tăng từ 10,5%/năm": an average over the period, kept at its end
            year = int(m.group()[-4:])
            continue
        if group in ("compare", "date", "range"):
            continue
        if group == "month":
            if m.group("my"):
                year = int(m.group("my"))
            if at_value or months:
                mm = int(m.group("mm"))
                if folded[:m.start()].endswith(("cuoi ", "het ", "den ")) and mm in _SO_FAR:
                    # "cuối tháng 9/2025 tổng nguồn vốn huy động …", "nhập khẩu lũy kế đến tháng 9": 9 months
                    period = _SO_FAR[mm]
                else:
                    period = f"M{mm:02d}"
            continue
        if group == "horizon":
            year = int(m.group("hy"))  # "đến năm 2025, ... đạt": the value is for that year
            continue
        if group == "periodyear":
            period, year = _period_name(m.group("pword")), int(m.group("pyear"))
        elif group == "period":
            period = _period_name(m.group("period"))
        elif group == "year":
            year = int(m.group("y"))
            bare_year = True
        elif group == "rel":
            if anchor is not None:
                year = anchor.relative(m.group("rw"))
        elif group == "now":
            if anchor is not None and anchor.doc_year is not None:
                year, kind = anchor.doc_year, "estimate"  # what there is when the text is written
                # (in the reporting period then under way: a March or April report's stock is its Q1's)
                period = _PERIOD_IN_MONTH.get(anchor.doc_month, period)
        else:  # estimate / expected / actual / target / plan
            kind = group
    if bare_year and period is None:
        period = "FY"  # "Về cơ cấu kinh tế năm 2023, …" after quarterly figures: the whole year
    return Scope(year, kind, period)


def mentioned_years(folded: str) -> list[tuple[int, str | None]]:
    """Years the text names as the year of something (not comparison bases, ranges or horizons), each
    with the kind the nearest cue in the same sentence gives it (None if the sentence has none). A
    comparison with an earlier year or with the plan ("tăng 8% so với năm 2021", "vượt kế hoạch") is the
    mark of a result."""
    out: list[tuple[int, str | None]] = []
    for sentence in re.split(r"[.!?;\n]\s", folded):
        years: list[tuple[int, int]] = []
        cues: list[tuple[int, str]] = []
        for m in cue_matches(sentence):
            group = m.lastgroup
            if group in ("estimate", "actual", "target", "plan"):
                cues.append((m.start(), "target" if group == "plan" else group))
            elif group in ("compare", "compareplan"):
                cues.append((m.start(), "estimate"))
            elif group == "year":
                years.append((m.start(), int(m.group("y"))))
            elif group == "periodyear":
                years.append((m.start(), int(m.group("pyear"))))
        for pos, year in years:
            nearest = min(cues, key=lambda c: (abs(c[0] - pos), c[0] > pos), default=None)
            out.append((year, nearest[1] if nearest else None))
    return out


def text_years(folded: str) -> tuple[int | None, int | None, frozenset[int]]:
    """(result year, plan year, all years named) a text without a date suggests: the latest year named
    with a target cue is the plan year; the latest year named with a result cue is the result year."""
    plan = result = None
    named = mentioned_years(folded)
    for year, kind in named:
        if kind == "target":
            plan = max(plan or year, year)
        elif kind in RESULT_KINDS:
            result = max(result or year, year)
    if plan is not None and result is not None and result > plan:
        result = None  # "kế hoạch 2024 … kết quả 2025": contradictory; trust the plan year only
    return result, plan, frozenset(y for y, _ in named)


def with_period(scope: Scope, period: str | None) -> Scope:
    return scope if period is None else replace(scope, period=period)
