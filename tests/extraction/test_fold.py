"""fold/cue_fold lower-case before translating (faster); they must read like translate-then-lower."""
import unicodedata

from orchestration.extraction.text import _FOLD, _FOLD_CUES, cue_fold, fold


def test_fold_equals_translate_then_lower_on_every_nfc_character():
    for cp in range(0x20, 0x3000):
        c = chr(cp)
        if unicodedata.normalize("NFC", c) != c:
            continue
        assert fold(c) == c.translate(_FOLD).lower(), hex(cp)
        assert cue_fold(c) == c.translate(_FOLD_CUES).lower(), hex(cp)


def test_fold_keeps_length_and_the_cue_diacritic():
    assert fold("Thái Nguyên ĐẶT") == "thai nguyen dat"
    assert cue_fold("ĐẶT mục tiêu, đạt") == "dǎt muc tieu, dat"
    assert fold("İstanbul") == "İstanbul".translate(_FOLD).lower()  # lower() would lengthen it
