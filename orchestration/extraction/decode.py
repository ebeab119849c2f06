"""Bytes → text, or a reason why a document cannot be read. Pure Python (no Dagster).

Policy (the contract: "documents that cannot be read — empty, binary, not UTF-8, too large — are
quarantined whole"):

* **UTF-8** (with or without a BOM) is the only accepted encoding. A UTF-8 BOM is stripped.
* **Anything else is quarantined, never guessed.** charset-normalizer is used only to *name* what
  the file is, so the quarantine reason is actionable: a UTF-16 file (with or without BOM) gives
  ``encoding: utf-16 detected, expected UTF-8``; a Windows-1258 file gives
  ``encoding: cp1258 detected, expected UTF-8``. We do not decode them "honestly" because a wrong
  guess silently corrupts Vietnamese diacritics and with them indicator matching; converting the
  file to UTF-8 and dropping it back into ``raw/`` is a one-line fix for the sender.
* **Empty** (0 bytes or whitespace only), **binary** (NUL bytes that are not UTF-16, or less than
  90 % printable characters), **too large** (over ``max_bytes``, default 5 MiB) are quarantined.
* Accepted text goes through text hygiene (``text.text_hygiene``: zero-width characters, a BOM inside
  the text and soft hyphens removed, no-break and other Unicode spaces made plain), is NFC-normalised
  and its line endings normalised to ``\\n`` (``\\r\\n`` and lone
  ``\\r`` count as one line break each, so line numbers match what an editor shows).

``content_sha256`` is the SHA-256 of the raw bytes: it identifies the file content exactly and is
the key of incremental extraction and of duplicate detection.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .text import text_hygiene

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MIN_PRINTABLE_RATIO = 0.90

_UTF8_BOM = b"\xef\xbb\xbf"
# control, surrogate, private-use and unassigned code points: what binary junk decodes to
_NON_TEXT_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})
_ORDINARY_TEXT = re.compile(r"[\t\n\r\f\x20-\x7e\u00a0-\u024f\u0300-\u036f\u1e00-\u1eff\u2000-\u206f]+")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


@dataclass(frozen=True, slots=True)
class Decoded:
    """The outcome of reading one file: ``text`` when ok, else ``check_name`` + ``reason``."""

    ok: bool
    text: str | None
    encoding: str | None
    content_sha256: str
    size_bytes: int
    line_count: int
    check_name: str | None = None
    reason: str | None = None
    detail: str = ""


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def count_lines(text: str) -> int:
    if not text:
        return 0
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def _reject(data: bytes, check: str, reason: str, detail: str = "", encoding: str | None = None) -> Decoded:
    return Decoded(False, None, encoding, sha256_bytes(data), len(data), 0, check, reason, detail)


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without BOM: NUL bytes concentrated on one byte parity (ASCII-range characters)."""
    sample = data[:8192]
    if len(sample) < 4:
        return False
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    return max(even, odd) > 0.3 * half and min(even, odd) < 0.05 * half


def _printable_ratio(text: str) -> float:
    if not text:
        return 1.0
    sample = text[:20000]
    # only characters outside printable Latin/Vietnamese need a category lookup (a per-character
    # unicodedata call over the whole sample was 28 % of extraction time); each distinct one once
    suspects = _ORDINARY_TEXT.sub("", sample)
    bad = sum(n for ch, n in Counter(suspects).items() if unicodedata.category(ch) in _NON_TEXT_CATEGORIES)
    return 1.0 - bad / len(sample)


def _name_encoding(data: bytes) -> str:
    """What charset-normalizer thinks the bytes are (only used to word the quarantine reason)."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
        if best is not None:
            return best.encoding
    except Exception:  # pragma: no cover - detection is best effort
        pass
    return "unknown"


def decode_document(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode one raw file under the policy above."""
    size = len(data)
    if size > max_bytes:
        return _reject(
            data, "document_too_large",
            f"too large: {size} bytes, limit {max_bytes} bytes (CHITIEU_MAX_DOCUMENT_BYTES)",
            "raise CHITIEU_MAX_DOCUMENT_BYTES if this document is genuine",
        )
    if size == 0 or not data.strip():
        return _reject(data, "document_empty", "empty: the file has no text", f"{size} bytes")

    if data.startswith(_UTF32_BOMS):
        return _reject(data, "document_encoding", "encoding: utf-32 detected, expected UTF-8",
                       "convert the file to UTF-8", "utf-32")
    if data.startswith(_UTF16_BOMS) or _looks_utf16(data):
        return _reject(data, "document_encoding", "encoding: utf-16 detected, expected UTF-8",
                       "convert the file to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)", "utf-16")
    if b"\x00" in data:
        return _reject(data, "document_binary", "binary: NUL bytes in a text document",
                       f"{data.count(0)} NUL bytes in {size}")

    encoding = "utf-8"
    body = data
    if data.startswith(_UTF8_BOM):
        encoding, body = "utf-8-sig", data[len(_UTF8_BOM):]
    try:
        text = body.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        named = _name_encoding(data)
        ratio_guess = _printable_ratio(data.decode("latin-1"))
        if ratio_guess < MIN_PRINTABLE_RATIO:
            return _reject(data, "document_binary", "binary: not text (low printable ratio)",
                           f"printable ratio {ratio_guess:.2f} (detected {named})")
        return _reject(
            data, "document_encoding", f"encoding: {named} detected, expected UTF-8",
            f"invalid UTF-8 at byte {exc.start}; convert the file to UTF-8", named,
        )

    ratio = _printable_ratio(text)
    if ratio < MIN_PRINTABLE_RATIO:
        return _reject(data, "document_binary", "binary: not text (low printable ratio)",
                       f"printable ratio {ratio:.2f}", encoding)

    text = unicodedata.normalize("NFC", text_hygiene(text.replace("\r\n", "\n").replace("\r", "\n")))
    if not text.strip():
        return _reject(data, "document_empty", "empty: the file has no text", f"{size} bytes", encoding)
    return Decoded(True, text, encoding, sha256_bytes(data), size, count_lines(text))
