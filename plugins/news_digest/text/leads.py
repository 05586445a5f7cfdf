"""The lead paragraph without its dateline: what summaries and made headlines start from.

Wire copy opens with a dateline and credit ("FRANKFURT, Dec 18 (Reuters) - ",
"WASHINGTON (AP) — ", "Madrid, 18 dic (EFE).- ", "BERLIN — "): it dates and places
the report, and is no part of what a reader wants to see first in a summary.
"""

from __future__ import annotations

import re

_PLACE = r"[A-ZÀ-Þ][\w'’.-]*(?:[ /][A-ZÀ-Þ][\w'’.-]*){0,3}"
# PLACE[, date] (Credit) - : a credit in brackets makes it a dateline in any case.
_CREDITED = re.compile(
    rf"^{_PLACE}(?:,\s*[\w .,/-]{{1,30}}?)?\s*\([^()]{{1,40}}\)\s*[.]?[-–—:]+\s*"
)
# PLACE[, date] - with PLACE in capitals: "BERLIN - ", "NEW YORK, Dec. 18 — ".
_CAPITALS = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ'’. /-]{1,30}(?:,\s*[\w .,/-]{1,30}?)?\s+[-–—]+\s+")


def without_dateline(lead: str) -> str:
    """``lead`` with a leading wire dateline removed; unchanged when it has none."""
    for pattern in (_CREDITED, _CAPITALS):
        if match := pattern.match(lead):
            rest = lead[match.end() :]
            if len(rest.split()) >= 3:  # a "dateline" that is the whole lead is not one
                return rest[:1].upper() + rest[1:]
    return lead
