"""decode stage: any common encoding in, the right characters out; binary refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from news_digest.core.decode import decode_bytes
from news_digest.core.errors import SeedError

RUSSIAN = "Президент заявил, что переговоры продолжатся в понедельник в Москве."


@pytest.mark.parametrize(
    ("data", "expected_text", "expected_encoding"),
    [
        ("naïve café “quotes”".encode(), "naïve café “quotes”", "utf-8"),
        ("\ufeffwith BOM".encode(), "with BOM", "utf-8"),
        ("UTF-16 text, ünïcode".encode("utf-16"), "UTF-16 text, ünïcode", "utf-16"),
    ],
)
def test_unicode_encodings_decode_exactly(
    data: bytes, expected_text: str, expected_encoding: str
) -> None:
    text, encoding = decode_bytes(data)
    assert text == expected_text
    assert encoding == expected_encoding


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_cyrillic_legacy_encodings_decode_without_mojibake(codec: str) -> None:
    text, _encoding = decode_bytes(((RUSSIAN + "\n") * 5).encode(codec))
    assert RUSSIAN in text


def test_windows_1252_smart_quotes() -> None:
    source = "The minister said \u201cwe will not retreat\u201d \u2013 and left. " * 4
    text, _ = decode_bytes(source.encode("cp1252"))
    assert "\u201cwe will not retreat\u201d" in text


def test_line_ends_are_normalised() -> None:
    text, _ = decode_bytes(b"one\r\ntwo\rthree\n")
    assert text == "one\ntwo\nthree\n"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG image"),
        (b"PK\x03\x04" + b"\x00" * 100, "ZIP archive"),
        (b"\x1f\x8b\x08" + b"\x00" * 100, "gzip archive"),
        (b"some text\x00\x01\x02\x00\xff\xfe\x00\x00binary", "NUL bytes"),
    ],
)
def test_binary_files_are_refused_with_their_kind(data: bytes, kind: str) -> None:
    with pytest.raises(SeedError, match=kind):
        decode_bytes(data)


def test_latin1_accents_are_not_read_as_central_european() -> None:
    text, _ = decode_bytes("Café crème à la française, déjà vu.".encode("latin-1"))
    assert text == "Café crème à la française, déjà vu."


def test_shift_jis() -> None:
    source = (
        "東京都は月曜日、新しい防災計画を発表した。計画では、地震や台風への備えを強化する。" * 2
    )
    text, encoding = decode_bytes(source.encode("shift_jis"))
    assert text == source
    assert encoding == "shift_jis"


def test_a_few_invalid_utf8_bytes_keep_the_rest() -> None:
    data = "Grüße aus München, schöne Grüße. ".encode() * 3 + b"\xff\xfe bad" + b" end"
    text, encoding = decode_bytes(data)
    assert text.startswith("Grüße aus München")
    assert "invalid bytes replaced" in encoding


def test_latin_text_with_stray_bytes_is_not_read_as_a_cyrillic_or_arabic_code_page() -> None:
    """Latin-1 text plus a few bytes no encoding explains: "Cafй", "Mьnchen" and stray
    Arabic letters are readings of the wrong code page; the web's default wins."""
    for junk in (b"\x80\x81\xff\xfe", b"\x81\x8d", b"\xc0\xc1"):
        data = "Café story\n\nThe café in München".encode("latin-1") + b" " + junk + b".\n"
        text, encoding = decode_bytes(data)
        assert "Café story" in text and "München" in text, (junk, encoding)
        assert encoding.startswith(("cp1252", "cp1250", "cp1257")), (junk, encoding)


def test_a_guessed_encoding_is_a_notice(tmp_path: Path) -> None:
    from news_digest.core.discover import find_seeds
    from news_digest.core.parse import parse_seed

    (tmp_path / "latin.txt").write_bytes("Café story\n\nThe café in München.".encode("latin-1"))
    ((seed,), _) = find_seeds(tmp_path)
    _, notes = parse_seed(seed, 10**6, 10)
    assert any(note.startswith("not UTF-8: read as cp125") for note in notes), notes
