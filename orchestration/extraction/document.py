"""What a document is: type, issuer, number, date, title, year hint and province (with method and
confidence).  Reads only the first lines for the letterhead and the whole text for body mentions.

Province evidence, strongest first: sidecar metadata > letterhead ("HỘI ĐỒNG NHÂN DÂN TỈNH X",
"ỦY BAN NHÂN DÂN / TỈNH X") > place of signature ("Thái Nguyên, ngày ...") > body mentions
("tỉnh X", most frequent) > bare capitalised names (e.g. in a road name "Chợ Mới - Bắc Kạn").
Names that are also common words or people ("Hồ Chí Minh", "Hòa Bình", "Huế") never count bare.
The province unit is era-aware: dated before 2025-07-01 → VN63-xx, after → VN34-xx.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .dates import find_date
from .model import DocumentInfo
from .reference import Province, Reference
from .text import clean_line, fold, normalise_text

HEAD_LINES = 30
_NUMBER = re.compile(r"\bS[ốô]\s*:?\s*(\d+)\s*/\s*([A-ZĐ][A-ZĐa-z0-9Đ\-]*)")
_DATE_VN = re.compile(r"ngày\s*(\d{1,2})\s*(?:tháng\s*|/\s*)(\d{1,2})\s*(?:năm\s*|/\s*)(\d{4})", re.I)
_DATE_ISO = re.compile(r"^\s*(?:date\s+)?((?:19|20)\d{2})-(\d{2})(?:-(\d{2}))?\b", re.I)
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_ADMIN = re.compile(r"\b(?:(?:tinh|thanh pho)\s+|tp(?:\.\s*|\s+))(?:uy\s+)?([a-z][a-z\- ]{1,40})|\bthanh uy\s+([a-z][a-z\- ]{1,40})")
_NO_BARE = {"ho chi minh", "hoa binh", "hue", "thua thien hue"}

_TYPE_TITLES = [("nghi quyet", "resolution"), ("bao cao", "report"), ("ke hoach", "report"),
                ("cong van", "dispatch"), ("to trinh", "report"), ("thong bao", "dispatch")]
_SUFFIX_TYPE = {"NQ": "resolution", "BC": "report", "KH": "report", "TTr": "report", "TB": "dispatch",
                "CV": "dispatch", "UBND": "dispatch"}
_ISSUERS = [("hoi dong nhan dan", "Hội đồng nhân dân"), ("uy ban nhan dan", "Ủy ban nhân dân"),
            ("ban chap hanh dang bo", "Ban Chấp hành Đảng bộ"), ("tinh uy", "Tỉnh ủy")]
_SUFFIX_ISSUER = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "TU": "Tỉnh ủy"}


_YEAR_MENTION = re.compile(r"\bnăm\s+((?:19|20)\d{2})\b", re.I)


def _common_year(text: str) -> int | None:
    """No title year and no date: the year the text talks about most ("năm 2024"), ties → the later."""
    counts = Counter(int(y) for y in _YEAR_MENTION.findall(text))
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def _mostly_upper(line: str) -> bool:
    """A letterhead line: short and (nearly) all capitals. Long lines are body text, whatever their case."""
    if len(line) > 160:
        return False
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _match_province(folded: str, ref: Reference, on: date | None) -> Province | None:
    """Longest prefix of `folded` that is a province name."""
    words = folded.replace("-", " - ").split()
    for n in range(min(5, len(words)), 0, -1):
        cand = " ".join(words[:n]).replace(" - ", " - ")
        p = ref.province_for(cand, on) or ref.province_for(cand.replace(" - ", " "), on)
        if p:
            return p
    return None


def describe_document(document_id: str, text: str, ref: Reference, sidecar: dict | None = None) -> DocumentInfo:
    text = normalise_text(text)
    lines = text.split("\n")
    head = [c for c in (clean_line(l).strip() for l in lines[:HEAD_LINES]) if c]
    sidecar = sidecar or {}

    # --- number and type
    doc_number = None
    for l in head:
        m = _NUMBER.search(l)
        if m:
            doc_number = f"{m.group(1)}/{m.group(2)}"
            break
    doc_type = None
    for l in head[:12]:
        f = fold(l)
        if len(l) < 40 and _mostly_upper(l):
            for word, kind in _TYPE_TITLES:
                if f.strip() == word or f.strip().startswith(word + " "):
                    doc_type = kind
                    break
        if doc_type:
            break
    if doc_type is None and doc_number:
        for part in doc_number.split("/")[1].split("-"):
            if part in _SUFFIX_TYPE and part != "UBND":
                doc_type = _SUFFIX_TYPE[part]
                break
        else:
            doc_type = "dispatch" if any(fold(l).startswith(("v/v", "kinh gui")) for l in head) else None
    if doc_type is None and any(fold(l).startswith(("v/v", "kinh gui")) for l in head):
        doc_type = "dispatch"
    if doc_type is None:
        doc_type = "article" if head and (_DATE_ISO.match(head[0]) or not doc_number) else "unknown"

    # --- date (see dates.py); the signature line also names the place of signature
    doc_date, date_method = find_date(lines, text)
    place = None
    for l in head:
        m = _DATE_VN.search(l)
        if m and (l[: m.start()].strip().endswith(",") or m.start() == 0):
            place = l[: m.start()].strip().rstrip(",").strip() or None
            break

    # --- title
    title = _title(head, doc_type)
    title_years = [int(y) for y in _YEAR.findall(title or "")]
    year_hint = max(title_years) if title_years else (doc_date.year if doc_date else _common_year(text))

    # sidecar overrides
    if sidecar.get("doc_type"):
        doc_type = str(sidecar["doc_type"])
    if sidecar.get("doc_date"):
        try:
            doc_date, date_method = date.fromisoformat(str(sidecar["doc_date"])[:10]), "sidecar"
        except ValueError:
            pass  # an unreadable sidecar date does not override the text's own
    if sidecar.get("year") and not str(sidecar["year"]).strip().isdigit():
        sidecar = {k: v for k, v in sidecar.items() if k != "year"}
    if sidecar.get("year"):
        year_hint = int(sidecar["year"])
    elif year_hint is None and doc_date:
        year_hint = doc_date.year
    title = sidecar.get("title") or title
    doc_number = sidecar.get("doc_number") or doc_number
    on = doc_date or (date(year_hint, 1, 1) if year_hint else None)

    province, method, confidence = _province(lines, head, place, ref, on, sidecar)

    issuer = sidecar.get("issuer")
    if not issuer:
        for l in head[:10]:
            f = fold(l)
            for key, name in _ISSUERS:
                if f.startswith(key):
                    issuer = name
                    break
            if issuer:
                break
        if not issuer and doc_number:
            for part in doc_number.split("-"):
                if part in _SUFFIX_ISSUER:
                    issuer = _SUFFIX_ISSUER[part]
        if issuer and province:
            issuer = f"{issuer} {province.full_name_vi[0].lower()}{province.full_name_vi[1:]}"
    return DocumentInfo(
        document_id=document_id, doc_type=doc_type, issuer=issuer, doc_number=doc_number, doc_date=doc_date,
        title=title, year_hint=year_hint,
        province_key=province.key if province else None, province_code=province.code if province else None,
        province_name=province.name_vi if province else None, province_method=method,
        province_confidence=confidence, doc_date_method=date_method,
    )


def _title(head: list[str], doc_type: str) -> str | None:
    if not head:
        return None
    if doc_type == "article":
        return _DATE_ISO.sub("", head[0]).strip() or None
    for i, l in enumerate(head):
        f = fold(l)
        if f.startswith(("ve ", "v/v")):
            parts = [l]
            for nxt in head[i + 1 : i + 4]:
                if fold(nxt).startswith(("kinh gui", "hoi dong", "can cu", "uy ban")) or nxt.isupper():
                    break
                parts.append(nxt)
            return " ".join(parts) if f.startswith("v/v") else l
        if f in ("bao cao", "nghi quyet", "ke hoach") and i + 1 < len(head):
            nxt = head[i + 1]
            joined = nxt
            if i + 2 < len(head) and not nxt.rstrip().endswith((".", ":")) and head[i + 2][:1].islower():
                joined = nxt + " " + head[i + 2]
            return joined
    return head[0]


def _bare_names(ref: Reference) -> re.Pattern:
    """One alternation of every province name usable bare (longest first), built once per Reference."""
    pat = getattr(ref, "_bare_names", None)
    if pat is None:
        names = sorted((n for n in ref.province_names if n not in _NO_BARE and len(n) >= 4), key=len, reverse=True)
        pat = re.compile(r"(?<![a-z])(" + "|".join(re.escape(n) for n in names) + r")(?![a-z])")
        ref._bare_names = pat
    return pat


def _province(lines, head, place, ref, on, sidecar):
    if sidecar.get("province") or sidecar.get("province_key"):
        value = str(sidecar.get("province") or sidecar.get("province_key")).strip()
        by_key = next((p for p in ref.provinces if p.key == value), None)
        p = by_key or _match_province(fold(value).replace("tinh ", "", 1).replace("thanh pho ", "", 1), ref, on)
        if p:
            return p, "sidecar", 1.0
    # letterhead: "... TỈNH X" / "THÀNH PHỐ X" in an upper-case line near the top
    for l in head[:15]:
        if not _mostly_upper(l):
            continue
        m = _ADMIN.search(fold(l))
        if m:
            p = _match_province(m.group(1) or m.group(2), ref, on)
            if p:
                return p, "heading", 0.95
    if place:
        p = _match_province(fold(place), ref, on)
        if p:
            return p, "heading", 0.9
    original = "\n".join(lines)
    folded = fold(original)
    # The province the text is about is the one it names most: "tỉnh X" / "TP X" counts twice (the name
    # is also counted bare), a bare capitalised name once ("… của Phú Yên" four times beats one "TP Hải
    # Phòng tăng 10,34%" in a ranking of provinces)
    counts: Counter[str] = Counter()
    found: dict[str, Province] = {}
    admin = 0
    for m in _ADMIN.finditer(folded):
        p = _match_province(m.group(1) or m.group(2), ref, on)
        if p:
            counts[p.key] += 1
            found[p.key] = p
            admin += 1
    for m in _bare_names(ref).finditer(folded):
        if original[m.start()].isupper() and (p := ref.province_for(m.group(1), on)):
            counts[p.key] += 1
            found[p.key] = p
    if counts:
        (best, n), *rest = counts.most_common()
        if not admin:
            return found[best], "body", 0.5
        share = n / sum(counts.values())
        return found[best], "body", round(0.5 + 0.35 * share, 2)
    return None, "none", 0.0
