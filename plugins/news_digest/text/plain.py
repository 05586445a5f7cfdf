"""HTML fragments (feed titles, Pelican's escaped titles) as plain text."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]*>")


def html_to_text(fragment: str) -> str:
    """Tags dropped, entities decoded, white space folded: a title is text."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())
