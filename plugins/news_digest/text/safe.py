"""Seed text made safe for the places it is written to: one-line header values,
language codes, URLs and file names.

Every value a seed controls passes one of these on its way into a brief, so a
newline cannot start a header line, a control character cannot reach an XML
feed, and no name can make a file name the file system refuses.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote, urlsplit

# Characters that never belong in a one-line value: C0 and C1 controls (XML 1.0
# forbids most C0 ones; a feed writer raises on them), Unicode line and paragraph
# separators, lone surrogates, the non-characters U+FFFE/U+FFFF, and the bidi
# overrides that make text display in another order than it is stored, and U+FFFD (a
# byte the decoder could not read: it says nothing in a headline or a summary).
_UNSAFE_CHARS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffd-\uffff]"
)
# What XML 1.0 forbids outright (a feed writer raises on it); _UNSAFE_CHARS includes it.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# BCP 47 as Pelican and HTML's lang attribute use it: "en", "pt-BR", "zh-Hant".
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8}){0,3}")
# Characters a URL may keep as they are (RFC 3986 reserved and unreserved, and "%"
# so existing escapes stay); anything else (spaces, quotes, <, >, non-ASCII) is escaped.
_URL_SAFE = "/:?#[]@!$&()*+,;=%~-._"
_TOKEN_UNSAFE = re.compile(r"[^\w:.+-]")


def plain_line(text: str) -> str:
    """One line of printable text: unsafe characters become spaces, runs of white
    space one space, no space at either end."""
    return " ".join(_UNSAFE_CHARS.sub(" ", text).split())


def token(text: str) -> str:
    """A short machine value (an encoding name, a method): word characters, ``:.+-``."""
    return _TOKEN_UNSAFE.sub("", text)[:64]


def language_code(value: str | None, default: str = "en") -> str:
    """A well-formed language tag, lower-cased, or ``default``: Pelican uses the
    language in page paths and HTML ``lang`` attributes, so no seed may choose it freely."""
    code = plain_line(value or "").replace("_", "-").lower()
    return code if _LANGUAGE_CODE.fullmatch(code) else default


def web_url(value: str | None) -> str:
    """An absolute http(s) URL with every character that could end an attribute or
    a line escaped, or "" when the value is not one."""
    url = plain_line(value or "")
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return quote(url, safe=_URL_SAFE)


def bounded_slug(slug: str, max_bytes: int) -> str:
    """``slug`` when it fits in ``max_bytes`` of UTF-8, else cut at a word boundary
    with a short hash of the whole, so two long names that share a start stay apart."""
    data = slug.encode("utf-8")
    if len(data) <= max_bytes:
        return slug
    digest = hashlib.sha256(data).hexdigest()[:10]
    room = max_bytes - len(digest) - 1
    head = data[:room].decode("utf-8", "ignore")
    cut = head.rsplit("-", 1)[0] if "-" in head[room // 2 :] else head
    return f"{cut.rstrip('-')}-{digest}"
