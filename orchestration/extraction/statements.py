"""Values in running text: bullet-list items and prose sentences.

For each value (see values.py) the indicator is read from the words between the previous value (or
the clause start) and this one; failing that, from the words right after it (labels written after the
number: "kết nạp được 763 đảng viên mới", "65 HTX"); failing that, a value in the same clause
continues the previous indicator ("từ mức 51 triệu đồng năm 2023 lên 56 triệu đồng năm 2024").
Year, kind and period: the clauses of the value's sentence up to the value, inner to the sentences
before it (the running frame the caller passes in `LineContext.outer`), resolved against the
document's anchor (timeframe.py).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .context import drop_closed_parens
from .resolve import Choice, Emitter, choose
from .units import compatible
from .text import cue_fold, fold, tokens, words
from .timeframe import EMPTY, SUB_YEAR_PERIODS, Anchor, Scope, cue_matches, kind_class, periods_of, read_scope
from .values import find_mentions

# (not after an abbreviated title: "TP. Cần Thơ", "TX. Sơn Tây", "TS. Nguyễn …"; the look-ahead first,
# so the eight look-behinds are tried only at a mark, not at every character: 7× faster)
_SENTENCE_END = re.compile(r"(?=[.!?…])(?<!\bTP)(?<!\bTp)(?<!\bTX)(?<!\bTT)(?<!\bTS)(?<!\bThS)(?<!\bPGS)(?<!\bGS)"
                           r"[.!?…]+[\"”)]?\s+(?=[A-ZĐÀ-Ỹ\"“(0-9])")
_DIGIT = re.compile(r"\d")
_RESPECTIVELY = re.compile(r"\blan luot\b")
# A value written right after "cùng kỳ (năm 2024)" is that earlier period's: "(cùng kỳ năm 2024: 8,49%)"
_SAME_PERIOD_BEFORE = re.compile(r"\bcung (?:ky|thoi diem)(?: nam)?(?: (?P<y>(?:19|20)\d\d)| truoc)?"
                                 r"(?: (?:la|tang|giam|dat|chi|chiem|o muc|muc))*\s*[(:]?\s*$")
_SAME_PERIOD_IN = re.compile(r"\bcung (?:ky|thoi diem)(?: nam)?(?: (?P<y>(?:19|20)\d\d)| truoc)?\b")
# A clause or aside whose subject is the country: "cả nước tăng 7,09%", "(bình quân cả nước: 6,5%)"
# (also as the yardstick of a comparison: "cao hơn mức bình chung cả nước là 7,31%")
_NATION = re.compile(r"\W*(?:(?:cao hon|thap hon|so voi|gap \S+ lan(?: so voi)?) )?"
                     r"(?:(?:muc )?(?:binh quan|binh chung|trung binh|muc|toc do)(?: chung)?(?: cua)? )?(?:ca nuoc|toan quoc)\b")
_OF_WHICH = re.compile(r"^.*\btrong do\b\s*:?", re.S)
# Clause boundaries for reading time cues (folded text): a comma or semicolon before a space, "và", an
# opening parenthesis, a colon. Decimal commas ("8,5") have no space after them.
_CLAUSE_BREAK = re.compile(r"[,;:]\s|\sva\s|\(")
_BARE_YEAR = re.compile(r"\s*nam (?:19|20)\d\d\s*")
_OPENED_AT_VALUE = re.compile(r"\s*\(\s*(?:(?:khoang|gan|tren|hon|xap xi|duoi|tu|muc) )?$")
TAIL_CHARS = 120
WEAK_SCORE = 55.0  # the score of a bare-word alias ("tăng trưởng", priority 10): see resolve.choose
PREFIX_CHARS = 300
SCOPE_CHARS = 600


@dataclass(slots=True)
class LineContext:
    line_no: int
    source_text: str
    layout: str  # list / prose
    parent_label: str  # enclosing list item / heading words, used for alias context conditions
    outer: Scope  # what the enclosing scopes (running frame, parent item, heading) say about time
    anchor: Anchor
    preceding: str = ""  # the last sentence of the paragraph before (prose), for alias context conditions
    home: frozenset[str] = frozenset()  # folded names of the document's province (its figures are its own)
    lead: str = ""  # the last sentence of the line above, as written, when this one continues it mid-phrase


@lru_cache(maxsize=8192)
def _clause_scope(clause: str, anchor: Anchor, at_value: bool = False, months: bool = False) -> Scope:
    return read_scope(clause, anchor, at_value, months)


def span_scope(folded: str, outer: Scope, anchor: Anchor, at_value: bool = False) -> Scope:
    """The time a stretch of text leaves in force: its clauses read left to right, each inner to the
    ones before it (parenthesised asides that closed are not read). `at_value`: the stretch ends at a
    value (its last clause is the value's own)."""
    scope = outer
    text = drop_closed_parens(folded)
    if at_value:
        # a value opening a bracket belongs to the clause before it: "thấp hơn chỉ tiêu đề ra (khoảng 8-8,5%)"
        text = _OPENED_AT_VALUE.sub("", text)
    sibling = False
    yearless = None  # a sub-year period an earlier clause named without a year
    for a, b in _clause_spans(text):
        # the value's own clause is the one that runs up to it ("…; 15 xã" has none before "15")
        said = _clause_scope(text[a:b], anchor, at_value and b == len(text), at_value)
        if said.period in SUB_YEAR_PERIODS and said.year is None:
            yearless = said.period
        elif yearless and _BARE_YEAR.fullmatch(text[a:b]):
            # "Tốc độ tăng IIP 6 tháng đầu năm: Năm 2020 (+6,1%); năm 2021 (+13,8%)": that period of each year
            said = Scope(said.year, said.kind, yearless)
        scope = said.within(scope, anchor, sibling=sibling)
        # once a clause of this sentence has named a time, the next ones are its siblings: "phương
        # hướng, nhiệm vụ 6 tháng cuối năm" keeps the target; "quý I dự kiến 9%; quý II 11%" the plan
        sibling = sibling or not said.empty
    return scope


def _clause_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _opening(folded: str) -> str:
    """The first words of a sentence, up to its first clause mark ("Theo Kế hoạch, …", "Kịch bản tăng
    trưởng năm 2026 …"): where a sentence says what it is about."""
    head = _first_clause(folded.lstrip(" -+*•"))
    return head if len(head) <= 40 else head[:head.rfind(" ", 0, 40) + 1 or 40]


def _first_clause(folded: str) -> str:
    m = _CLAUSE_BREAK.search(folded)
    return folded[:m.start()] if m else folded


def _folded(text: str, how) -> str:
    """A folded copy of the same length (a character whose lower-case form is longer is folded alone)."""
    out = how(text)
    return out if len(out) == len(text) else "".join(how(c)[:1] or " " for c in text)


def _sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def last_sentence(text: str) -> str:
    """A line's last sentence, as written."""
    return text[_sentence_starts(text)[-1]:]


def last_sentence_words(text: str) -> str:
    """The folded words of a line's last sentence (a paragraph's topic for the next one: "GRDP tăng
    8,6%." then "Trong đó, khu vực công nghiệp - xây dựng tăng 9%")."""
    return " ".join(words(fold(last_sentence(text))))


def line_scope(text: str, outer: Scope, anchor: Anchor, value_ends: list[int] = (), ctext: str | None = None) -> Scope:
    """The time a line leaves in force for the lines after it (its sentences read in order).
    `ctext`: the line cue-folded, when the caller has it."""
    if ctext is None:
        ctext = _folded(text, cue_fold)
    matches = cue_matches(ctext)
    if not matches:
        return outer  # most narrative lines name no time at all
    return sentence_frames(text, ctext, outer, anchor, value_ends, matches)[-1]


def sentence_frames(text: str, ctext: str, outer: Scope, anchor: Anchor, value_ends,
                    matches: list | None = None, lead: str = "") -> list[Scope]:
    """What holds before each sentence of a line, and after the last (one more than the sentences).

    A sentence with values leaves what held at its last value outside brackets: what it says after it
    is commentary ("… cao su 2.600 tấn, đưa tỉnh đến gần hơn mục tiêu trở thành …" does not turn the
    next figures into targets; "… tăng 12,5% (quý III tăng 13,8%)" leaves the 9 months in force)."""
    matches = cue_matches(ctext) if matches is None else matches
    cues = [m.start() for m in matches]
    line_periods = periods_of(matches)
    starts = _sentence_starts(text)
    scope = outer
    frames = [scope]
    for i, s in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(ctext)
        if bisect_left(cues, s) == bisect_left(cues, end):
            scope = _after_plain_sentence(scope)  # a sentence naming no time: only the carry-over rules
            frames.append(scope)
            continue
        last_value = max((v for v in value_ends if s < v <= end and ctext.count("(", s, v) <= ctext.count(")", s, v)),
                         default=None)
        stretch = ctext[s:last_value if last_value is not None else end]
        # (a line that continues the one above mid-phrase reads its first sentence with that line's words)
        after = _after_sentence(lead + " " + stretch if lead and i == 0 else stretch, scope, anchor)
        stop = s + len(stretch)
        periods = [(pos - s, p) for pos, p in line_periods if s <= pos < stop]
        if last_value is None and after.period == "FY" and "FY" not in {p for _, p in periods}:
            # a sentence without values that names a year after its months qualifies a noun with it
            # ("Trong 6 tháng đầu năm 2023, … thực hiện tốt kế hoạch năm 2023", "… nông thôn mới năm 2024
            # đảm bảo kế hoạch"): the months stay in force
            held = periods[-1][1] if periods else scope.period
            if held in SUB_YEAR_PERIODS and kind_class(after.kind) in (None, kind_class(scope.kind)):
                after = Scope(after.year, after.kind, held, after.other)
        elif len({p for _, p in periods if p in SUB_YEAR_PERIODS}) >= 2:
            # quarters enumerated inside a sentence about the year ("GRDP 2024 đạt 8,3%, … quý I đạt 4,8%,
            # …, quý IV đạt 11,26%") leave the sentence's own period in force, not the last quarter's
            first = next(pos for pos, p in periods if p in SUB_YEAR_PERIODS)
            after = Scope(after.year, after.kind, _after_sentence(stretch[:first], scope, anchor).period, after.other)
        years = [(m.start() - s, m.group("y")) for m in matches if m.lastgroup == "year" and s <= m.start() < stop]
        if len({y for _, y in years}) >= 2:
            # so are years enumerated ("Tốc độ tăng IIP 6 tháng đầu năm: Năm 2020 (+6,1%); … năm 2023 (+10%)"):
            # the text goes on about its own time, not the last year listed
            opening = _after_sentence(stretch[:years[0][0]], scope, anchor)
            after = Scope(opening.year, opening.kind, opening.period, after.other)
        scope = after
        frames.append(scope)
    return frames


def _after_sentence(fsentence: str, outer: Scope, anchor: Anchor) -> Scope:
    """What a whole sentence leaves in force for the sentences after it. A plan named by reference
    ("… so với kịch bản đề ra (9%)") qualifies its own sentence only, unless the sentence opens with it
    ("Theo Kế hoạch, …", "Kịch bản tăng trưởng …"); and a target's quarter or half-year is its own
    ("quý IV tăng 11,2%. … IIP phấn đấu tăng 14,5%" is a target for the year)."""
    scope = span_scope(fsentence, outer, anchor)
    if scope.kind == "plan" and read_scope(_opening(fsentence), anchor).kind != "plan":
        # what the sentence said before naming the plan holds ("… kịp thời điều chỉnh dự toán …" in a
        # 9-month report leaves the 9 months in force)
        # (its year stays: "… Nghị quyết về kế hoạch phát triển kinh tế-xã hội năm 2023")
        plan_at = next((m.start() for m in cue_matches(fsentence) if m.lastgroup == "plan"), len(fsentence))
        before = span_scope(fsentence[:plan_at], outer, anchor)
        scope = Scope(scope.year, None if before.kind == "plan" else before.kind, before.period, before.other)
    return _without_target_sub_year(scope)


def _after_plain_sentence(scope: Scope) -> Scope:
    """`_after_sentence` of a sentence that names no time (nor, then, a plan in its first clause)."""
    scope = _without_target_sub_year(scope)
    if scope.kind == "plan":
        scope = Scope(scope.year, None, scope.period, scope.other)
    return scope


def _without_target_sub_year(scope: Scope) -> Scope:
    if kind_class(scope.kind) in ("target", "plan") and scope.period in SUB_YEAR_PERIODS:
        return Scope(scope.year, scope.kind, None, scope.other)
    return scope


def extract_statement(text: str, ctx: LineContext, em: Emitter) -> tuple[list[int], Scope | None]:
    """Extract every value of one list item / prose line. Returns where the values end in `text` (a
    year written after a value, "… 1.010 tỷ đồng năm 2024", is the value's own) and, when the values
    needed it, the time the line leaves in force (what line_scope would compute)."""
    ref = em.ref
    if not _DIGIT.search(text):
        return [], None
    if ctx.layout == "list":
        text = _unit_from_label(text, ref)
    all_mentions = find_mentions(text, ref.units)
    mentions = [m for m in all_mentions if not m.skip]
    if em.budget is not None:  # refuse a line with too many values before the per-value work
        em.budget.line_values(ctx.line_no, len(mentions))
    # where `text` starts in the source text (a list marker, a bracketed unit moved): to place each
    # value in it (approximately: only long lines are cut to a window around the value)
    shift = max(0, len(ctx.source_text) - len(text))
    if ctx.layout == "prose":
        _unknown_units_in_prose(text, all_mentions, ctx, em)
    if not mentions and not any(m.unit.canonical == "%" for m in all_mentions):  # (a % of plan may be a value)
        if ctx.layout == "list":
            _unknown_unit(text, ctx, em)
        return [], None
    starts = _sentence_starts(text)
    parent_ctx = " ".join(tokens(ctx.parent_label))
    ftext = _folded(text, fold)  # length-preserving: slices of ftext are the folded slices of text
    ctext = _folded(text, cue_fold)  # the same for reading time cues
    prev_end = 0
    prev_matches: list = []  # the wording the previous value was read with
    prev_all: list = []  # every wording of the previous value's label
    prev_code: str | None = None  # the indicator the previous value was read as
    prev_sentence = -1
    prev_clause = -1
    sentence_context: dict[int, str] = {}
    frames: list[Scope] | None = None  # what holds before each sentence (read once, when a value needs it)
    emitted: list[tuple[int, str, str]] = []  # (position, indicator, canonical unit) of the values read
    for i, m in enumerate(all_mentions):
        sent_start = starts[bisect_right(starts, m.start) - 1]
        clause_start = max(sent_start, _last_semicolon(text, sent_start, m.start) + 1)
        if m.skip and not _plan_share_named(ref, ftext[max(clause_start, prev_end):m.start], m):
            prev_end = m.end
            continue
        em.tick()
        em.at = m.start + shift
        seg_start = max(clause_start, prev_end if prev_sentence == sent_start else 0)
        before = drop_closed_parens(text[seg_start:m.start])
        fbefore = drop_closed_parens(ftext[seg_start:m.start])
        sub = _OF_WHICH.search(fbefore)
        if sub:  # "..., trong đó <label> <value>": the sub-indicator's label starts after "trong đó"
            before, fbefore = before[sub.end():], fbefore[sub.end():]
        # bounded look-back: keeps long paragraphs linear and context local
        f_prefix = drop_closed_parens(ftext[max(sent_start, m.start - PREFIX_CHARS):m.start])
        nxt = all_mentions[i + 1].start if i + 1 < len(all_mentions) else len(text)
        tail_end = min(nxt, m.unit_start + TAIL_CHARS)
        for stop in (";", ". ", ",", "("):  # a label written after the number ends at the clause mark
            k = text.find(stop, m.end, tail_end)
            if k != -1:
                tail_end = k
        tail = text[m.unit_start:tail_end]
        ftail = ftext[m.unit_start:tail_end]
        same_clause = prev_clause == clause_start
        same_sentence = prev_sentence == sent_start
        # a count's unit word opens the next value's label: "172 dự án trong nước với tổng vốn hơn 113.400 tỷ
        # đồng" (the capital of domestic projects)
        prev_end = m.unit_start if m.unit.quantity == "count_projects" else m.end
        prev_sentence = sent_start
        prev_clause = clause_start
        if _RESPECTIVELY.search(f_prefix):
            # "lần lượt là 4%, 6%, 6,3%": which value belongs to which year or item the text leaves to the reader
            em.reject(ctx.line_no, ctx.source_text, "unattributed_list",
                      "a value of a 'lần lượt' (respectively) list: which item it belongs to is not stated",
                      f"value {m.low if m.low is not None else m.high:g} {m.unit_raw}")
            continue
        context = sentence_context.get(sent_start)
        if context is None:
            # alias context conditions look at the sentence, the one before it ("GRDP tăng 8,6%. Trong
            # đó, khu vực nông - lâm - thủy tăng 3%") and the parent item
            k = bisect_right(starts, sent_start) - 1
            sent_end = starts[k + 1] if k + 1 < len(starts) else len(text)
            # (and the paragraph's opening, which states its topic, with the paragraph before it)
            before_ctx = ctx.preceding + " " + " ".join(words(ftext[0:starts[1]])) if k > 1 else ctx.preceding
            if k > 0:
                before_ctx += " " + " ".join(words(ftext[starts[k - 1]:sent_start]))
            context = " " + parent_ctx + " " + before_ctx + " " + " ".join(words(ftext[sent_start:sent_end])) + " "
            sentence_context[sent_start] = context
        aside = _open_aside(ftext, sent_start, m.start)
        subject = ftext[aside + 1:m.start] if aside is not None else fbefore[fbefore.rfind(",") + 1:]
        outside = _outside_subject(ftext[clause_start:m.start])
        if _NATION.match(subject) or outside:
            # "(cả nước dự báo tăng trên 5%)": the country's figure beside the province's; "kinh tế thế giới …
            # GDP toàn cầu dự báo giảm từ 3,8%": the world's
            em.reject(ctx.line_no, ctx.source_text, "not_the_province", f"a figure of {outside or 'the whole country'}",
                      f"value {m.low:g} {m.unit_raw}")
            continue
        if ctx.home:
            # "… cao hơn Bà Rịa - Vũng Tàu nếu không tính dầu khí (9.012 USD/người)", "(sau Bắc Giang
            # 13,45%, …)": the other province's
            segment = subject[subject.rfind(",") + 1:]
            if aside is not None:
                segment += " " + ftext[max(clause_start, ftext.rfind(",", 0, aside) + 1):aside]
            others = ref.province_mentions(segment) - ctx.home
            if others:
                em.reject(ctx.line_no, ctx.source_text, "not_the_province",
                          f"a figure of another province ({', '.join(sorted(others))})", f"value {m.low:g} {m.unit_raw}")
                continue
        hint = measure_hint(fbefore, f_prefix)
        choice, label, label_matches = _pick(ref, before, fbefore, tail, words(ftail), context, m.unit, hint)
        matches_used = None
        if choice.code is None and prev_matches and choice.reason == "unmatched_indicator" and (
                not _names_something(fbefore) and (same_clause or not label_matches)
                or _SAME_PERIOD_BEFORE.search(fbefore[-80:])):
            # No new wording: the previous one continues, re-chosen for this unit ("16,3 tỷ USD, giảm 11%" →
            # import value, then import growth; "quý I tăng 9%; quý II tăng 11%" → GRDP growth twice;
            # "GRDP quý III tăng 8,6%. Tính chung 9 tháng đạt 8,6%"). The wording's other readings are
            # the fallback ("GRDP theo giá so sánh đạt 12.220 tỷ đồng, tăng 7,7%": growth, not the amount).
            for candidates in (prev_matches, prev_all):
                inherited = choose(ref, candidates, context, m.unit, hint=hint)
                if inherited.code is not None:
                    choice, label = inherited, before
                    choice.score = min(choice.score, 60.0)
                    matches_used = candidates
                    break
            else:
                # "du lịch đón 6,5 triệu lượt khách, tăng 15%": the growth of the indicator just read
                growth = ref.growth_rate_of(prev_code) if prev_code else None
                if growth is not None and hint == "growth" and compatible(m.unit, growth.canonical_unit,
                                                                          growth.compatible_units):
                    choice, label = Choice(growth.code, 60.0, None), before
                    matches_used = prev_matches
        lead = " ".join(words(fold(ctx.lead))) or (ctx.preceding if not _names_something(fbefore) else "")
        if choice.code is None and lead and seg_start == 0 and choice.reason == "unmatched_indicator":
            # a line that continues the one above mid-phrase ("… mục tiêu tăng trưởng kinh tế" / "khoảng 11%
            # trong năm 2026"): its first value's label begins there; a paragraph whose first value names
            # nothing ("Lũy kế năm 2025 ước đạt 15.535 tỷ đồng") goes on with the last one's subject
            lead_matches = ref.catalog.find(words(lead) + words(fbefore))
            lead_choice = choose(ref, lead_matches, context + lead + " ", m.unit, hint=hint)
            if lead_choice.code is not None:
                choice, label, label_matches = lead_choice, before, lead_matches
        if choice.code is None:
            # an incompatible unit keeps the wording alive for the next value ("9.934 USD, tương đương 248 triệu đồng")
            prev_matches = prev_all = label_matches if choice.reason == "unit_incompatible" else []
            prev_code = None
            if choice.reason == "unit_incompatible":
                em.reject(ctx.line_no, ctx.source_text, "unit_incompatible",
                          f"unit {m.unit_raw!r} does not fit the indicator named here", choice.detail)
            elif choice.reason == "share_of_other":
                em.reject(ctx.line_no, ctx.source_text, "share_of_other",
                          f"a share of something that is not a catalog indicator: {before.strip()[-80:]!r}",
                          f"value {m.low:g} {m.unit_raw}")
            else:
                # a number with a unit that no wording of the catalog names: recorded, not dropped (the
                # quarantine is where the catalog learns what documents say)
                em.reject(ctx.line_no, ctx.source_text, "unmatched_indicator",
                          f"no catalog indicator for wording {before.strip()[-80:]!r}", f"value {m.low:g} {m.unit_raw}")
            continue
        if matches_used is None:
            # keep only wordings at the chosen span: "kim ngạch xuất khẩu" → value or growth, never "GRDP"
            found = label_matches
            best = max((x for x in found if x.code == choice.code),
                       key=lambda x: (x.alias.priority, len(x.alias.words), x.end), default=None)
            matches_used = [x for x in found if best and (x.start, x.end) == (best.start, best.end)]
        if matches_used is not prev_matches and matches_used is not prev_all:
            prev_all = label_matches
        prev_matches = matches_used
        prev_code = choice.code
        ind = ref.indicators[choice.code]
        comparator, low, high = m.comparator, m.low, m.high
        if ind.measure == "growth" and _DECREASE.search(before):
            comparator, low, high = _negate(comparator, low, high)
        if frames is None:
            frames = sentence_frames(text, ctext, ctx.outer, ctx.anchor, [x.end for x in mentions],
                                     lead=cue_fold(ctx.lead))
        year, kind, period = _when(m, ctext, sent_start, frames[bisect_right(starts, sent_start) - 1], ctx)
        if kind == "target" and _measured_against_plan(all_mentions, i, text.find(". ", m.end)) \
                and not _names_a_plan(ctext[sent_start:m.start]):
            # "Tổng thu ngân sách đạt khoảng 58.486 tỷ đồng, đạt tỷ lệ 83% dự toán": a result, whatever the
            # sentence before set out to reach
            kind = "estimate"
        listed = _bare_list(ftext, aside, m, all_mentions) if aside is not None else None
        if listed:
            # "… thuế sản phẩm 3,12% (Cơ cấu tương ứng năm 2023: 18,44%; 42,61%; 35,90%; 3,05%)": the numbers
            # follow the order of the values just stated, when there are as many of them in the same unit
            stated = [x for x in emitted if sent_start <= x[0] < aside][-len(listed):]
            if len(stated) == len(listed) and all(u == m.unit.canonical for _, _, u in stated):
                choice = Choice(stated[listed.index(m)][1], 60.0, None)
                ind = ref.indicators[choice.code]
            else:
                em.reject(ctx.line_no, ctx.source_text, "unattributed_list",
                          "a value in a bracketed list of figures that names no indicator",
                          f"value {m.low:g} {m.unit_raw}")
                continue
        base = _SAME_PERIOD_BEFORE.search(fbefore[-80:])
        in_aside = _SAME_PERIOD_IN.search(ftext, aside, m.start) if aside is not None else None
        base = base or in_aside
        if base:
            # "… 8,61%, cao hơn mức cùng kỳ 2024 (8,49%)": the comparison base, a value of the year before
            year = int(base.group("y")) if base.group("y") else year - 1
            kind = ctx.anchor.kind_of_year(year, period != "FY") or "actual"
        emitted.append((m.start, choice.code, m.unit.canonical))
        em.emit(line_no=ctx.line_no, source_text=ctx.source_text, label=_clean_label(label),
                      code=choice.code, score=choice.score, year=year, kind=kind, comparator=comparator,
                      low=low, high=high, unit_raw=m.unit_raw, unit=m.unit, verdict=None, layout=ctx.layout, period=period)
    return [m.end for m in mentions], (frames[-1] if frames is not None else None)


# Words that say how or when a value is, not what it is of: a clause made of them only ("; quý II tăng
# 11%", "; cả năm ước đạt 8%") continues the previous clause's indicator.
_CONNECTIVES = frozenset(
    "tang giam dat uoc khoang tren duoi hon gan tu den len con muc o so voi cung ky nam quy thang dau cuoi nua "
    "ca chung tinh rieng trong do thi la hien thuc du kien phan bang vuot ke hoach lan luot nay qua truoc sau "
    "i ii iii iv toi tiep tuc duoc dat duoc cao thap nhat binh quan mot dat va tuong ung khoang gap "
    # the plan or base a value is measured against, and words about the figure itself
    "du toan trung uong dia phuong giao nghi quyet chi tieu co cau toc do truong muc so bo chinh thuc "
    "ty le ty trong tinh chung thuc te luy ke hien nay thoi diem mac du nhung van ra".split())


def _open_aside(text: str, start: int, pos: int) -> int | None:
    """Where the parenthesis still open at `pos` (since `start`) opens, or None. Jumps from bracket to
    bracket (str.rfind) instead of stepping over every character: a sentence can be a whole long line."""
    depth = 0
    i = pos
    while True:
        opening = text.rfind("(", start, i)
        if opening == -1:
            return None
        closing = text.rfind(")", opening + 1, i)
        if closing != -1:  # a ")" nearer than the nearest "(": one more level to close
            depth += 1
            i = closing
            continue
        if depth == 0:
            return opening
        depth -= 1
        i = opening


_LETTER = re.compile(r"[a-z]")


def _bare_list(ftext: str, aside: int, m, mentions) -> list | None:
    """The values in the same brackets as this one when there are several with nothing but punctuation
    between them, else None."""
    close = ftext.find(")", m.end)
    close = close if close != -1 else len(ftext)
    inside = [x for x in mentions if aside < x.start and x.end <= close]
    if len(inside) < 2 or any(_LETTER.search(ftext, a.end, b.start) for a, b in zip(inside, inside[1:])):
        return None
    return inside


# The subject of a sentence about the world or the country, before the province's own figures come up
_WORLD = re.compile(r"\b(?:kinh te the gioi|gdp toan cau|kinh te toan cau|tang truong toan cau)\b")
_COUNTRY = re.compile(r"\b(?:tinh hinh trong nuoc|tang truong trong nuoc|kinh te trong nuoc|gdp ca nuoc|gdp trong nuoc"
                      r"|muc binh quan ca nuoc|binh quan chung ca nuoc)\b")
_BACK_HOME = re.compile(r"\b(?:tinh|thanh pho|grdp|dia phuong)\b")


def _outside_subject(fclause: str) -> str | None:
    """'the world' or 'the whole country' when the value's clause so far is about it and has not come
    back to the province ("… vượt xa mức bình quân cả nước (46,3%)")."""
    for pattern, who in ((_WORLD, "the world"), (_COUNTRY, "the whole country")):
        last = None
        for last in pattern.finditer(fclause):
            pass
        if last is not None and not _BACK_HOME.search(fclause, last.end()):
            return who
    return None


def _names_a_plan(fstretch: str) -> bool:
    """Does the stretch set a target or name the plan itself ("Phấn đấu …", "Hoàn thành dự toán …")?"""
    return any(c.lastgroup in ("target", "plan", "compareplan") for c in cue_matches(fstretch))


def _measured_against_plan(mentions, i: int, sentence_end: int) -> bool:
    """Is the value followed, in its sentence and before any other value, by its ratio to the plan
    ("… đạt 58.486 tỷ đồng, đạt tỷ lệ 83% dự toán")?"""
    nxt = mentions[i + 1] if i + 1 < len(mentions) else None
    return nxt is not None and nxt.skip and (sentence_end == -1 or nxt.start < sentence_end)


def _plan_share_named(ref, fsegment: str, m) -> bool:
    """Is a percentage of the plan the value of an indicator that is one by definition ("giải ngân vốn
    đầu tư công đạt 74,3% kế hoạch": the disbursement rate), named in the words before it?"""
    if m.unit.canonical != "%":
        return False
    return any(ref.indicators[a.code].measure == "of_plan" for a in ref.catalog.find(words(fsegment)))


def _last_semicolon(text: str, start: int, end: int) -> int:
    """The last ';' before `end` outside brackets that closed before it ("(Trung ương giao: 13.398 tỷ
    đồng; HĐND tỉnh giao 16.310 tỷ đồng), tăng 24,94%": the growth's clause starts before the bracket)."""
    k = text.rfind(";", start, end)
    while k != -1:
        depth = 0
        for c in text[k:end]:
            depth += (c == "(") - (c == ")")
            if depth < 0:
                break  # a bracket open at the ';' closes before the value
        else:
            return k
        k = text.rfind(";", start, k)
    return -1


def _names_something(fclause: str) -> bool:
    """Does a clause before a value name a subject of its own ("Tỷ lệ đáp ứng cho diện tích có nhu cầu
    tưới đạt 82%"), so that it is no continuation of the previous indicator?"""
    content = [w for w in words(fclause) if w not in _CONNECTIVES and not w.isdigit()]
    return len(content) >= 2


def _pick(ref, before: str, fbefore: str, tail: str, tail_words: list[str], context: str, unit, hint: str | None):
    """Indicator for one value: (Choice, label text, the alias matches of that label).

    Search order: wordings reaching into the words since the last comma ("Tỷ lệ cơ quan, đơn vị đạt
    chuẩn văn hóa: 92%"); then words written after the value (", 5 xã đạt chuẩn nông thôn mới nâng
    cao"); then anything in the segment since the previous value."""
    comma = before.rfind(",")
    near = before[comma + 1:] if comma != -1 else before
    before_words = words(fbefore)
    all_before = ref.catalog.find(before_words)
    first_near = len(before_words) - len(words(fbefore[comma + 1:] if comma != -1 else fbefore))
    choice = choose(ref, [x for x in all_before if x.end > first_near], context, unit, hint=hint)
    if choice.code is not None:
        if comma != -1 and choice.score < WEAK_SCORE:
            # only a bare word near the value ("khu vực dịch vụ phát triển, đạt tốc độ tăng trưởng khá
            # 14,16%"): a wording of the clause that names more wins
            full = choose(ref, all_before, context, unit, hint=hint)
            if full.code is not None and full.score > choice.score:
                return full, before, all_before
        return choice, before, all_before
    label, label_matches = near, all_before
    tail_matches = ref.catalog.find(tail_words)
    tail_choice = choose(ref, tail_matches, context, unit, prefer_last=False, hint=hint)
    if tail_choice.code is not None:
        return tail_choice, tail, tail_matches
    if comma != -1:
        full = choose(ref, all_before, context, unit, hint=hint)
        if full.code is not None or choice.reason == "unmatched_indicator":
            choice, label = full, before
    if choice.code is None and choice.reason == "unmatched_indicator" and tail_choice.reason == "unit_incompatible":
        return tail_choice, tail, tail_matches
    return choice, label, label_matches


def _when(m, ftext: str, sent_start: int, outer: Scope, ctx: LineContext) -> tuple[int, str, str]:
    """Year, value kind and period of one value: the clauses of its sentence up to the value, inner to
    what the sentences before it on the line left (`outer`, see sentence_frames)."""
    stretch = ftext[max(sent_start, m.start - SCOPE_CHARS):m.start]
    if ctx.lead and sent_start == 0:
        stretch = cue_fold(ctx.lead) + " " + stretch  # "… (GRDP) 9 tháng" / "đầu năm 2025 dự đạt trên 9%": one phrase
    scope = span_scope(stretch, outer, ctx.anchor, at_value=True)
    if m.period_after:  # the part of the year written after the value is its period; the clause says the kind
        after = read_scope(cue_fold(m.period_after) + (f" nam {m.year_after}" if m.year_after else ""))
        scope = Scope(after.year if after.year is not None else scope.year, scope.kind, after.period, scope.other)
    elif m.year_after:
        scope = Scope(year=m.year_after).within(scope, ctx.anchor)
    year, kind, period = ctx.anchor.resolve(scope)
    if m.previous == "year":
        year -= 1
    elif m.previous == "quarter" and period in ("Q2", "Q3", "Q4"):
        period = f"Q{int(period[1]) - 1}"
    elif m.previous == "quarter" and period == "Q1":
        year, period = year - 1, "Q4"
    return year, kind, period


# "chiếm 40%" (takes a share of): the value is a share, whatever the wording before it names
_SHARE_VERB = re.compile(r"\bchiem(?: (?:ty trong|ty le|khoang|gan|tren|hon|xap xi|duoi))*\s*$")
# "tăng 5%", "giảm 2%", "tăng trưởng 8%": a growth rate or change ("tăng lên", "giảm còn", "tăng thêm" and
# "giá trị tăng thêm" name a level or an amount, not a rate)
_GROWTH_VERB = re.compile(r"(?<!gia tri )\b(?:tang|giam)\b(?! (?:len|con|xuong|them)\b)")


_STRUCTURE_WORD = re.compile(r"\b(?:co cau|ty trong)\b")
_NOT_A_RATE = re.compile(r"\s*(?:ty trong|ty le|co cau)\b")


def measure_hint(fbefore: str, fsentence: str = "") -> str | None:
    """What the words before a value say it measures ('growth', 'share' or None): "chiếm 40%" a share;
    "tăng 5%" a growth rate (the verb right before the value: "tăng tỷ trọng dịch vụ lên 44%" is a
    share); in a sentence about the structure ("Cơ cấu kinh tế: dịch vụ 44%") a share."""
    if _SHARE_VERB.search(fbefore):
        return "share"
    last = None
    for last in _GROWTH_VERB.finditer(fbefore):
        pass
    if last is not None and len(fbefore[last.end():].split()) <= 5 and not _NOT_A_RATE.match(fbefore, last.end()):
        return "growth"
    structure = None
    for structure in _STRUCTURE_WORD.finditer(fsentence):
        pass
    if structure is not None and not _GROWTH_VERB.search(fsentence, structure.end()):
        return "share"
    return None
_DECREASE = re.compile(r"\b(?:giảm|sụt giảm|âm)(?:\s+(?:khoảng|mạnh|nhẹ|ước|còn))*\s*$", re.I)
_FLIP = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "=": "=", "~": "~", "between": "between"}


def _negate(comparator: str, low: float | None, high: float | None):
    """A growth rate written as a decrease ("giảm 9,2%") is negative."""
    if comparator in ("=", "~"):
        return comparator, -low, (-high if high is not None else None)
    if comparator == "between":
        return comparator, -high, -low
    value = low if low is not None else high
    return _FLIP[comparator], -value, -value


_VALUE_AFTER_COLON = re.compile(
    r":\s*(?:(?:tăng|giảm|đạt|từ|trên|dưới|khoảng|ít nhất)\s+)*(\d[\d.,]*)\s*([^\d\s.;,()][^.;,()]{0,25})?", re.I)


def _unknown_unit(text: str, ctx: LineContext, em: Emitter) -> None:
    """A bullet "<indicator wording>: <number> <unit>" whose unit is not in units.csv: quarantine it."""
    m = _VALUE_AFTER_COLON.search(text)
    if not m:
        return
    label = text[: m.start()]
    if not em.ref.catalog.find(tokens(label)):
        return
    unit = (m.group(2) or "").strip()
    em.reject(ctx.line_no, ctx.source_text, "unknown_unit",
              f"unit {unit!r} is not in units.csv" if unit else "value without a unit", f"label={label.strip()!r}")


# "<wording> (ước) đạt|là|khoảng <number> <words>": a stated value whose unit units.csv does not know
_VALUE_WITHOUT_KNOWN_UNIT = re.compile(
    r"\b(?:đạt|là|khoảng|ước|tăng lên|giảm còn)\s+(\d[\d.,]*)\s+([^\W\d_][^\s.;,()]*(?:\s+[^\W\d_][^\s.;,()]*)?)",
    re.I)


_NOT_A_UNIT = re.compile(r"(?:tháng|quý|năm|ngày|tuần|giờ|tuổi|lần|tiêu chí|chỉ tiêu|nhóm|sao|bậc|điểm)\b", re.I)


def _unknown_units_in_prose(text: str, mentions, ctx: LineContext, em: Emitter) -> None:
    """Prose values the mention scan passed over because their unit is unknown: quarantine those that a
    catalog wording in the same clause names, instead of dropping them silently."""
    taken = [(m.start, m.end) for m in mentions]
    for v in _VALUE_WITHOUT_KNOWN_UNIT.finditer(text):
        s, e = v.span(1)
        if any(a <= s < b or a < e <= b for a, b in taken):
            continue
        number = v.group(1).rstrip(".,")
        if len(number) == 4 and number.startswith(("19", "20")):
            continue  # a year ("đạt năm 2025" is caught by the word after it anyway)
        if _NOT_A_UNIT.match(v.group(2)):
            continue  # "ước 9 tháng đầu năm", "đạt 3 sao": a period, a count of something else
        clause_start = max(text.rfind(c, 0, v.start()) for c in ".;,:") + 1
        if any(clause_start <= a < v.start() for a, _ in taken):
            continue  # the clause's value was read already ("20 sản phẩm OCOP đạt 3 sao"): a qualifier
        label = text[clause_start:v.start()]
        if not em.ref.catalog.find(tokens(label)):
            continue
        unit = v.group(2)
        if em.ref.units.lookup(unit) is not None:
            continue  # a known unit the scan rejected for another reason (date, code, fraction)
        em.reject(ctx.line_no, ctx.source_text, "unknown_unit", f"unit {unit!r} is not in units.csv",
                  f"value {number} after {label.strip()[-60:]!r}")


_LABEL_UNIT = re.compile(
    r"^(?P<label>.*?)\s*\((?P<unit>[^()]{1,30})\)\s*:\s*(?P<value>(?:[^\d:;]{0,20}?)\d[\d.,]*(?:\s*[-–]\s*\d[\d.,]*)?)"
    r"(?P<rest>\s*(?:trở lên|trở xuống)?\s*[.;]?\s*)$")


def _unit_from_label(text: str, ref) -> str:
    """'Tốc độ tăng trưởng kinh tế (%): 7,5' → 'Tốc độ tăng trưởng kinh tế: 7,5 %' (unit written in the label)."""
    m = _LABEL_UNIT.match(text)
    if not m or not ref.units.lookup(m.group("unit")):
        return text
    return f"{m.group('label')}: {m.group('value')} {m.group('unit')}{m.group('rest')}"


_LABEL_TRIM = re.compile(r"^[\s,;:.\-–+()]+|[\s,;:.\-–+(]+$")


_LABEL_TAIL_WORDS = re.compile(
    r"(?:\s+(?:ước|đạt|tăng|giảm|còn|là|mức|cho|có|thêm|được|lên|tới|đến|chiếm|duy trì|ổn định|khoảng|từ|trên|dưới)"
    r"|\s*[:,;])+\s*$", re.I)


def _clean_label(label: str) -> str:
    label = _LABEL_TRIM.sub("", label)
    label = _LABEL_TAIL_WORDS.sub("", label)
    return _LABEL_TRIM.sub("", label)[:200]
