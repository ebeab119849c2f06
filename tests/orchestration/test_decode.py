"""decode_document: the readable/unreadable policy."""
from orchestration.extraction.decode import decode_document

TEXT = "Tốc độ tăng trưởng kinh tế (GRDP): 7,5%.\r\nThu ngân sách: 19.515 tỷ đồng\n"


def test_utf8_is_read_nfc_with_lf_line_ends():
    import unicodedata

    nfd = unicodedata.normalize("NFD", TEXT)
    d = decode_document(nfd.encode("utf-8"))
    assert d.ok and d.encoding == "utf-8"
    assert d.text == unicodedata.normalize("NFC", TEXT.replace("\r\n", "\n"))
    assert d.line_count == 2


def test_utf8_bom_is_accepted_and_stripped():
    d = decode_document(b"\xef\xbb\xbf" + TEXT.encode())
    assert d.ok and d.encoding == "utf-8-sig" and not d.text.startswith("\ufeff")


def test_utf16_with_and_without_bom_is_rejected_with_reason():
    for data in (TEXT.encode("utf-16"), TEXT.encode("utf-16-le"), TEXT.encode("utf-16-be")):
        d = decode_document(data)
        assert not d.ok and d.check_name == "document_encoding"
        assert d.reason == "encoding: utf-16 detected, expected UTF-8"


def _cp1258(text: str) -> bytes:
    """Windows-1258 stores Vietnamese as a base letter (possibly precomposed) + combining tone mark."""
    import unicodedata

    out = b""
    for ch in text:
        for cand in (ch, unicodedata.normalize("NFC", unicodedata.normalize("NFD", ch)[:2]) + unicodedata.normalize("NFD", ch)[2:],
                     unicodedata.normalize("NFD", ch)):
            try:
                out += cand.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
    return out


def test_windows_1258_is_rejected_not_guessed():
    d = decode_document(_cp1258("Tỷ lệ che phủ rừng đạt 46% trong năm nay, thu ngân sách tăng " * 5))
    assert not d.ok and d.check_name == "document_encoding" and "expected UTF-8" in d.reason


def test_empty_whitespace_binary_and_too_large():
    assert decode_document(b"").check_name == "document_empty"
    assert decode_document(b"  \n\t\n").check_name == "document_empty"
    assert decode_document(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4).check_name == "document_binary"
    assert decode_document(bytes(range(1, 32)) * 50).check_name == "document_binary"
    big = decode_document(b"a" * 101, max_bytes=100)
    assert big.check_name == "document_too_large" and "101" in big.reason


def test_hash_is_of_the_bytes():
    import hashlib

    data = TEXT.encode()
    assert decode_document(data).content_sha256 == hashlib.sha256(data).hexdigest()
