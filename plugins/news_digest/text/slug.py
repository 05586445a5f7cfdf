"""Readable ASCII slugs for names in any script."""

from __future__ import annotations

import re

from unidecode import unidecode

SLUG_MAX_CHARS = 80  # long enough to read, short enough for any file system


def slugify(title: str) -> str:
    """ASCII, lower-case, hyphenated; transliterated so Cyrillic or CJK titles stay readable."""
    ascii_title = unidecode(title).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")
    if len(slug) > SLUG_MAX_CHARS:
        slug = slug[:SLUG_MAX_CHARS].rsplit("-", 1)[0]
    return slug or "brief"
