"""Bytes -> text, for seeds in any common encoding, refusing binary files.

UTF-8 (with or without BOM) is tried first because almost every seed is UTF-8
and a strict decode is the cheapest proof; BOMs settle UTF-16/32; anything else
goes to charset-normalizer, which is built for exactly this guess.
"""

from __future__ import annotations

import codecs
import re

from news_digest.core.errors import SeedError

# Magic numbers of the binary files scrapers most often save under a text name.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"RIFF", "RIFF media file (WebP/WAV/AVI)"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx/epub)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"%PDF-", "PDF document"),
    (b"\x7fELF", "executable program"),
)
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The legacy encodings web pages use (WHATWG Encoding Standard): limiting the guess to
# these stops charset-normalizer from choosing DOS code pages (cp850 for smart quotes).
WEB_ENCODINGS = [
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp1258", "cp874", "koi8_r", "koi8_u", "mac_cyrillic", "iso8859_2", "iso8859_5",
    "iso8859_7", "iso8859_8", "shift_jis", "euc_jp", "iso2022_jp", "gb18030", "big5",
    "euc_kr", "utf_16", "utf_8",
]  # fmt: skip
# When several encodings read the bytes equally well, the web's default wins.
PREFERRED_ON_TIE = "cp1252"
# Share of control characters above which "text" is really binary: real dumps have
# none besides \t \n \r \f; a few stray ones survive bad scrapers.
MAX_CONTROL_SHARE = 0.01


def sniff_binary(data: bytes) -> str | None:
    """Name the kind of binary file ``data`` is, or None when it may be text."""
    for signature, name in BINARY_SIGNATURES:
        if data.startswith(signature):
            return name
    if any(data.startswith(bom) for bom, _ in BOMS):
        return None
    head = data[:65536]
    if b"\x00" in head and not _looks_utf16(head):
        return "binary data (NUL bytes)"
    return None


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a BOM: NULs sit at every other byte of ASCII-range text."""
    even, odd = head[0::2], head[1::2]
    return bool(head) and (odd.count(0) > 0.4 * len(odd) or even.count(0) > 0.4 * len(even))


_CONTROL = re.compile("[\x00-\x08\x0b\x0d-\x1f]")  # C0 controls but tab, newline, form feed


def decode_bytes(data: bytes, name: str = "seed") -> tuple[str, str]:
    """Return (text, encoding name); raise SeedError for binary or undecodable bytes.

    Line ends are normalised to ``\\n`` (``\\r\\n`` and lone ``\\r`` both occur).
    """
    kind = sniff_binary(data)
    if kind is not None:
        raise SeedError(f"{name}: {kind}, not a text, HTML or feed file")
    text, encoding = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    controls = len(_CONTROL.findall(text, 0, 65536))
    if text and controls > MAX_CONTROL_SHARE * min(len(text), 65536):
        raise SeedError(f"{name}: looks like binary data ({controls} control characters)")
    return text, encoding


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.removesuffix("-sig")
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):  # UTF-8 with a few broken bytes: keep the text, mark the damage
        return data.decode("utf-8", errors="replace"), "utf-8 (invalid bytes replaced)"
    from charset_normalizer import from_bytes  # 0.02 CPU-s to load; most seeds are UTF-8

    matches = list(from_bytes(data, cp_isolation=WEB_ENCODINGS))
    readings = [(str(m), m.encoding) for m in matches[:MAX_READINGS]]
    best = next(
        (r for r, m in zip(readings, matches, strict=False) if m.encoding == PREFERRED_ON_TIE
         and m.percent_chaos <= matches[0].percent_chaos),
        readings[0] if readings else None,
    )  # fmt: skip
    if best is not None and not _script_clash(best[0]):
        return best
    # No reading, or one that writes "Cafй" and "Mьnchen" (a Cyrillic code page over
    # Latin text with a few stray bytes): the web's default, its holes marked, competes.
    latin = (data.decode("cp1252", errors="replace"), "cp1252 (undecodable bytes replaced)")
    return min([*readings, latin], key=lambda r: (_script_clash(r[0]), r[0].count("\ufffd")))


MAX_READINGS = 8  # charset-normalizer's best candidates compared when one clashes
_LATIN_ACCENTED = re.compile(r"[À-ÖØ-öø-ɏ]")
_OTHER_SCRIPT = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff]")
# A word with Latin letters and Greek, Cyrillic, Hebrew or Arabic ones: none is written so.
_MIXED_WORD = re.compile(
    r"(?=\w*[A-Za-zÀ-ÖØ-öø-ɏ])(?=\w*[\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff])"
    r"\b\w+\b"
)


def _script_clash(text: str) -> int:
    """How wrong a reading looks: words mixing Latin with another script, and letters of
    another script in a text that also has accented Latin ones (stray bytes read as
    Arabic beside "café")."""
    head = text[:200_000]
    mixed = len(_MIXED_WORD.findall(head))
    other = len(_OTHER_SCRIPT.findall(head))
    return mixed + (other if other and _LATIN_ACCENTED.search(head) else 0)


def _mostly_utf8(data: bytes) -> bool:
    """Valid UTF-8 but for a few bad bytes (a truncated or spliced file).

    Needs at least one well-formed multi-byte character: pure ASCII with stray high
    bytes is more likely a legacy single-byte encoding.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 127) - bad
    return 0 < bad <= max(8, valid // 4) and valid >= 1
