"""Extraction: pure Python (no Dagster), from a document's text to Observations.

Public API (used by the Dagster assets, the evaluation and the benchmarks):
    load_reference(seeds_dir) -> Reference                 catalog, aliases, units, provinces from dbt seeds
    describe_document(document_id, text, ref, sidecar=None) -> DocumentInfo
    extract_observations(document_id, text, ref, info) -> ExtractionResult

Modules, one job each: text (NFC, folding, markup), numbers (Vietnamese numbers), units (unit table and
compatibility), reference (seed loading), catalog (wording → code), values (numbers with comparator and
unit in text / cells), context (headings, year and kind cues), layout (line kinds), tables, statements
(lists and prose), resolve (choice + canonical scaling + range check), document (DocumentInfo).
"""
from __future__ import annotations

import re

from .blocktables import find_block_tables, read_block_table
from .celltables import find_cell_tables, read_cell_table
from .dates import YEARS_CHARS
from .fixedwidth import find_fixed_tables, read_fixed_table
from .context import SectionContext, heading_level
from .document import describe_document
from .layout import list_marker
from .limits import Budget, ExtractionLimits, LimitExceeded
from .model import DocumentInfo, ExtractionResult, Observation, Reject
from .reference import Reference, load_reference
from .resolve import Emitter
from .statements import LineContext, extract_statement, last_sentence, last_sentence_words, line_scope, span_scope
from .tables import TableState, header_key, parse_header, read_row
from .text import clean_line, cue_fold, fold, normalise_text
from .timeframe import EMPTY, Anchor, Scope, text_years
from .values import find_mentions

__all__ = [
    "DocumentInfo", "ExtractionLimits", "ExtractionResult", "LimitExceeded", "Observation", "Reject", "Reference",
    "describe_document", "extract_observations", "load_reference",
]


_FOOTNOTE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
# A line broken mid-phrase by a converter: the one above ends without a closing mark, this one opens in
# lower case
_CLOSED = re.compile(r"[.!?:;…)\]\"”]\s*$")
_CONTINUES = re.compile(r"^[a-zà-ỹđ]")


_PIPE_SEPARATOR = re.compile(r"^[\s|:\-–—+=]+$")


def _pipe_cells(raw: str) -> list[str] | None:
    """Cells of a Markdown/pipe table row ("| TT | Chỉ tiêu | ... |"); [] for a separator row; None otherwise."""
    s = raw.strip()
    if len(s) < 3 or not (s.startswith("|") and s.endswith("|")) or s.count("|") < 3:
        return None
    if _PIPE_SEPARATOR.match(s):
        return []
    return [c.strip() for c in s[1:-1].split("|")]


def _default_kind(info: DocumentInfo) -> str:
    """The kind of a value nothing qualifies: a report's or an article's unmarked figures are results
    (their targets come with "phấn đấu", "kế hoạch", "mục tiêu" or a later year); a resolution's or a
    plan's are targets."""
    if info.doc_type in ("report", "article"):
        return "estimate"  # targets are marked ("phấn đấu", "kế hoạch", "mục tiêu"); results often are not
    return "target"


def document_anchor(info: DocumentInfo, text: str) -> Anchor:
    """The document's own time (see timeframe.Anchor): its date, else the years the text itself names."""
    years = text_years(cue_fold(text[:YEARS_CHARS])) if info.doc_date is None else (None, None, frozenset())
    return Anchor.from_document(info.doc_date, info.year_hint, _default_kind(info), years)


def _repeated_lines(lines: list[str]) -> set[int]:
    """Line numbers of a line written twice in a row (a photo caption, a pull quote the page repeats):
    page furniture, which sets no time frame for the text after it."""
    out: set[int] = set()
    prev_no, prev = 0, None
    for no, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text:
            continue
        if text == prev and len(text) > 20:
            out.update((prev_no, no))
        prev_no, prev = no, text
    return out


def _report_unread(lines: list[str], first: int, last: int, em: Emitter, seen: tuple[int, int], ref) -> None:
    """A line of a layout table with a value on it that the table's reader neither read nor rejected is
    quarantined, so that nothing it holds goes missing without a reason."""
    done = ({o.source_line for o in em.observations[seen[0]:]} | {r.source_line for r in em.rejects[seen[1]:]})
    for no in range(first, last + 1):
        if no not in done and any(not m.skip for m in find_mentions(lines[no - 1], ref.units)):
            em.reject(no, lines[no - 1].strip(), "unread_table_line",
                      "a value on a line of a table layout that the table reader did not place in a cell")


def _table_outer(running: list[tuple[int, Scope]], section: SectionContext, anchor: Anchor) -> Scope:
    """The time a table's columns are read in: the headings, and the year and period the prose before
    it named, but not its kind — a column says plan, estimate or result itself, or its year decides."""
    frame = _frame(running)
    return Scope(frame.year, None, frame.period).within(section.scope(anchor), anchor)


def _frame(running: list[tuple[int, Scope]]) -> Scope:
    return running[-1][1] if running else EMPTY


def extract_observations(document_id: str, text: str, ref: Reference, info: DocumentInfo,
                         limits: ExtractionLimits | None = None) -> ExtractionResult:
    """Every value of one document. With `limits`, a document over one raises LimitExceeded (the caller
    quarantines the document); without, nothing is bounded but each row's source text."""
    budget = Budget(limits) if limits is not None else None
    text = normalise_text(text)
    lines = text.split("\n")
    if limits is not None:
        limits.check_lines(lines)
    em = Emitter(document_id, ref, lines, budget)
    anchor = document_anchor(info, text)
    section = SectionContext()
    # What prose lines left in force ("Năm 2025, …"), by the heading level they were written under: a
    # sibling section does not inherit it, a subsection does.
    running: list[tuple[int, Scope]] = []
    heading_text = ""
    preceding = ""  # the last sentence of the previous paragraph of this section
    table: TableState | None = None
    list_parents: dict[int, str] = {}
    # tables found by their layout, read as a whole from their first line (the first layout that claims
    # a line wins: label blocks, then fixed-width columns, then one cell per line)
    layout_tables: dict[int, tuple] = {}
    for found, reader in ((find_block_tables(lines, ref), read_block_table), (find_fixed_tables(lines), read_fixed_table),
                          (find_cell_tables(lines), read_cell_table)):
        for t in found:
            layout_tables.setdefault(t.first_line, (t, reader))
    em.tick()
    repeated = _repeated_lines(lines)
    home = frozenset(n for n, ps in ref.province_names.items() if any(p.key == info.province_key for p in ps))
    inside_until = 0
    continued_from, continued_from_no = "", 0
    for line_no, raw in enumerate(lines, start=1):
        em.tick(line_no)
        em.at = None
        if line_no <= inside_until:
            continue  # a line of a one-cell-per-line table, read with its table
        if line_no in layout_tables:
            t, reader = layout_tables[line_no]
            seen = (len(em.observations), len(em.rejects))
            reader(t, em, _table_outer(running, section, anchor), anchor, heading_text)
            _report_unread(lines, t.first_line, t.last_line, em, seen, ref)
            inside_until = t.last_line
            table = None
            continue
        if not raw.strip():
            continue  # blank lines (page breaks) end neither tables nor lists
        if _FOOTNOTE.match(raw):
            continue  # a footnote (often national/world figures), not the document's own statement
        source = raw.strip()
        pipe = _pipe_cells(raw)
        if pipe == []:
            continue  # a |---|---| separator row
        if pipe is not None or "\t" in raw.strip(" "):
            cells = pipe if pipe is not None else raw.rstrip("\r").split("\t")
            if cells and not cells[0].strip() and len(cells) > 1 and table is None:
                cells = cells[1:]
            columns = parse_header([clean_line(c) for c in cells])
            if columns:
                key = header_key(cells)
                if table is None or table.header_key != key or len(columns) != len(table.columns):
                    table = TableState(columns, key)
                continue  # a (repeated) header row
            if table is not None:
                read_row(table, cells, line_no, source, em, _table_outer(running, section, anchor), anchor, heading_text)
                continue
            raw = raw.replace("\t", " ")
        table = None
        line = clean_line(raw).strip()
        level = heading_level(line)
        if level is not None and not find_mentions(line, ref.units):
            section.push(level, line, anchor)
            if not section.stack[-1].scope.empty:
                running.clear()  # a heading that names a time starts afresh
            else:  # "2. Về xã hội": what its parent section said still holds, not what its sibling said
                running = [(lvl, sc) for lvl, sc in running if lvl < level]
            heading_text = line
            preceding = ""
            list_parents.clear()
            continue
        outer = _frame(running).within(section.scope(anchor), anchor)
        item = list_marker(line)
        if item:
            depth, content = item
            label = content.split(":", 1)[0] if ":" in content else content
            parents = [list_parents[k] for k in sorted(list_parents) if k < depth]
            for deeper in [k for k in list_parents if k >= depth]:
                del list_parents[deeper]
            list_parents[depth] = label
            outer = span_scope(cue_fold(" ; ".join(parents)), outer, anchor) if parents else outer
            layout, body, parent = "list", content, heading_text + " " + " ".join(parents)
        else:
            # Prose: the heading is not a qualifier ("1.1. ... cơ cấu kinh tế" must not turn growth into shares)
            parent, layout, body = "", "prose", line
            list_parents.clear()
        lead = continued_from if layout == "prose" and _CONTINUES.match(line) and continued_from_no == line_no - 1 else ""
        ctx = LineContext(line_no, source, layout, parent, outer, anchor, preceding if layout == "prose" else "", home,
                          lead)
        value_ends, frame = extract_statement(body, ctx, em)
        if layout == "prose":
            preceding = last_sentence_words(body)
            # a line that stops mid-phrase (no closing mark) may go on in the next one
            continued_from, continued_from_no = (last_sentence(body), line_no) if not _CLOSED.search(body) else ("", 0)
        if line_no not in repeated:
            here = section.stack[-1].level if section.stack else -1
            scope = frame if frame is not None else line_scope(body, outer, anchor, value_ends)
            running = [(lvl, sc) for lvl, sc in running if lvl < here] + [(here, scope)]
    return ExtractionResult(em.observations, em.rejects)
