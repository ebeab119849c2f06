"""Text normalisation shared by every extraction step: NFC, markup/footnote stripping, accent folding.

Folding is a single `str.translate` with a table built once (no per-call unicodedata work), because
it runs on every label and alias lookup.
"""
from __future__ import annotations

import re
import unicodedata


def nfc(text: str) -> str:
    # Cheap check first: most input is already NFC (decode.py normalises), so avoid the copy.
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


# Text hygiene for web and office copies: characters that are invisible in the document (zero-width
# space, joiners, word joiner, a BOM inside the text, soft hyphen) are removed, and Unicode spaces
# (no-break, narrow no-break, en/em/thin/hair spaces, ideographic space) become a plain space, so
# "8\u200b,5\u00a0%" reads as "8,5 %". Tabs and line breaks are kept: they are structure.
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
_UNICODE_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_HYGIENE = {**{ord(c): None for c in _INVISIBLE}, **{ord(c): " " for c in _UNICODE_SPACES}}
_NEEDS_HYGIENE = re.compile("[" + _INVISIBLE + _UNICODE_SPACES + "]")


def text_hygiene(text: str) -> str:
    """Invisible characters removed, Unicode spaces made plain (a copy only when there is any)."""
    return text.translate(_HYGIENE) if _NEEDS_HYGIENE.search(text) else text


def normalise_text(text: str) -> str:
    """What every reader sees: text hygiene, then NFC (decode.py does the same to every document)."""
    return nfc(text_hygiene(text))


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x00C0, 0x1EFA):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base.isascii() and base.isalpha():
            table[cp] = base.lower()
    table.update({ord("đ"): "d", ord("Đ"): "d"})
    return table


_FOLD = _build_fold_table()
_NON_WORD = re.compile(r"[^0-9a-z%]+")
# Connectives that vary between provinces' wordings without changing the meaning of a label.
_DROP_TOKENS = frozenset({"va"})


def _translate_lowered(text: str, table: dict[int, str]) -> str:
    # lower() first: the table then meets fewer distinct characters (its per-character lookups are most
    # of the cost); equal to translate-then-lower on NFC text unless lower() changes the length ("İ")
    low = text.lower()
    return low.translate(table) if len(low) == len(text) else text.translate(table).lower()


def fold(text: str) -> str:
    """Lower-case and strip Vietnamese diacritics ('Thái Nguyên' -> 'thai nguyen')."""
    return _translate_lowered(text, _FOLD)


# For reading time cues, one diacritic must survive folding: "đặt mục tiêu" (set a target) and "đạt mục
# tiêu" (reach it) both fold to "dat muc tieu". ặ folds to ǎ here; no alias or unit depends on it.
_FOLD_CUES = {**_FOLD, ord("ặ"): "ǎ", ord("Ặ"): "ǎ"}


def cue_fold(text: str) -> str:
    """fold(), except that ặ stays apart (length-preserving like fold)."""
    return _translate_lowered(text, _FOLD_CUES)


def tokens(text: str) -> list[str]:
    """Folded word tokens used for alias matching (punctuation removed, 'và' dropped)."""
    return words(fold(text))


# "sỹ/sĩ", "tỷ/tỉ", "kỹ/kĩ", "lý/lí": a syllable of consonants + y is spelt with i as often; one key for both
_CONSONANTS_Y = re.compile(r"^[bcdghklmnprstvx]{1,3}y$")


def words(folded: str) -> list[str]:
    """Tokens of text that is already folded (fold is length-preserving, so callers fold a line once
    and slice it); a final -y after consonants is read as -i."""
    out = []
    for t in _NON_WORD.split(folded):
        if not t or t in _DROP_TOKENS:
            continue
        if t[-1] == "y" and _CONSONANTS_Y.match(t):
            t = t[:-1] + "i"
        out.append(t)
    return out


_MARKUP = re.compile(r"\*{1,3}")
# Footnote markers are superscript digits; keep ² / ³ when they belong to m² / m³.
_SUPERSCRIPT = re.compile(r"(?<![mM\s])[⁰¹²³⁴⁵⁶⁷⁸⁹]+|(?<=\s)[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?=\s|$)|^[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_ANY_SUPERSCRIPT = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]")
_M_SPACE_SUP = re.compile(r"\b([mM])\s+([²³])")


def clean_line(line: str) -> str:
    """Strip bold/italic markers and footnote superscripts; keep everything else (positions may shift)."""
    if "*" in line:
        line = _MARKUP.sub("", line)
    if ("²" in line or "³" in line) and _M_SPACE_SUP.search(line):
        line = _M_SPACE_SUP.sub(r"\1\2", line)
    if _ANY_SUPERSCRIPT.search(line):
        line = _SUPERSCRIPT.sub("", line)
    return line
