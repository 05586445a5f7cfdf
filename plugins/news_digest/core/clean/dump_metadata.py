"""Title, date, byline and outlet of a text dump, read from the lines around its body.

The body cleaner (text_dump) has given every line a role and found the body run
[start, end); the metadata sits just above it (headline, byline, dateline) and in the
page's tail (house bylines in headline lists, copyright lines).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from news_digest.core.clean.dump_lines import SIGNAL_CHARS, Line
from news_digest.core.clean.signals import (
    COPYRIGHT,
    MONTHS,
    TRAILING_BYLINE,
    WIRE_CREDITS,
    boilerplate_phrase,
    byline_name,
    find_date,
    is_date_line,
)
from news_digest.core.dates import plausible
from news_digest.core.models import BodyBlock, Hints
from news_digest.text.headlines import headline_from

TITLE_SEARCH_LINES = 30  # how far above the body to look for the headline
MIN_HEADLINE_OVERLAP = 2  # content words a headline shares with the lead, at least
HEADLINE_CONTEXT_BLOCKS = 6  # the lead: the first blocks of the body
HEADLINE_BYLINE_BONUS = 0.3  # a headline is usually followed by its byline or date
META_SEARCH_LINES = 8  # how far above the body to look for dateline and byline
MIN_HOUSE_BYLINES = 3  # a byline repeated this often in headline lists names the outlet


@dataclass
class DumpMeta:
    date: tuple[datetime | None, str | None]
    authors: tuple[str, ...]
    outlet: str | None


def dump_metadata(
    lines: Sequence[Line], start: int, end: int, header_date: datetime | None, language: str
) -> DumpMeta:
    """Dateline, byline, credit and outlet from the lines around the body."""
    near = lines[max(0, start - META_SEARCH_LINES) : min(len(lines), start + 3)]
    dateline = _dateline(lines, near, start, language)
    date: tuple[datetime | None, str | None] = (header_date, "header" if header_date else None)
    if dateline is not None:
        moment, text, at = dateline
        if header_date is None or moment.date() == header_date.date():
            updated = "updated" in text[:at].casefold()[-20:]
            date = (moment, "dateline:updated" if updated else "dateline")
    authors = [name for line in near if (name := byline_name(line.text))]
    credits = [line for line in lines[start:end] if line.role == "credit"]
    if end < len(lines) and lines[end].role == "credit":
        credits.append(lines[end])
    authors += [line.text.strip(" ()—–-") for line in credits]
    return DumpMeta(date, tuple(dict.fromkeys(authors)), _outlet(lines, end))


def _dateline(
    lines: Sequence[Line], near: Sequence[Line], start: int, language: str
) -> tuple[datetime, str, int] | None:
    """The article's own date: (moment, its line, where it starts) from a date, byline or
    listing line just above the body, else from a byline further up; implausible dates
    (before 1990) are skipped."""

    def dated(line: Line) -> tuple[datetime, str, int] | None:
        text = line.text[:SIGNAL_CHARS]
        found = find_date(text, language)
        if found is None or plausible(found[0]) is None:
            return None
        return found[0], text, found[2].start

    for line in near:
        dateline_like = line.role in ("date", "byline", "listing", "navigation") or (
            line.text.startswith(("By ", "by "))  # "By Jane Doe@Site Nov 18, 2019, 11:47am"
        )
        if dateline_like and (found := dated(line)):
            return found
    for line in lines[:start]:  # a byline with its date may sit above share buttons
        if line.text.startswith(("By ", "by ")) and (found := dated(line)):
            return found
    return None


def _outlet(lines: Sequence[Line], end: int) -> str | None:
    """The site's own name: a house byline repeated in headline lists, or a copyright line."""
    houses: Counter[str] = Counter()
    for line in lines[end:]:
        for match in TRAILING_BYLINE.finditer(line.text[:SIGNAL_CHARS]):
            name = _strip_date_words(match.group("name"))
            if name and name.casefold() not in WIRE_CREDITS:
                houses[name] += 1
    if houses:
        name, count = max(houses.items(), key=lambda item: (item[1], item[0]))
        if count >= MIN_HOUSE_BYLINES:
            return name.title() if name.isupper() else name
    for line in reversed(lines[end:]):
        if notice := COPYRIGHT.search(line.text[:SIGNAL_CHARS]):
            name = _RIGHTS_RESERVED.split(notice.group("name"), maxsplit=1)[0].strip(" .-–")
            if 1 <= len(name.split()) <= 6 and not name[:1].isdigit():
                return name
    return None


_RIGHTS_RESERVED = re.compile(r"\s+(?:all rights|alle rechte|tous droits)", re.IGNORECASE)


def _strip_date_words(name: str) -> str:
    """ "NEW SPOTLIGHT ONLINE Jun" -> "NEW SPOTLIGHT ONLINE": a list's date follows the byline."""
    words = name.split()
    for i, word in enumerate(words):
        if word.casefold().rstrip(".") in MONTHS or word[:1].isdigit():
            words = words[:i]
            break
    return " ".join(words)


def dump_title(
    hints: Hints,
    header_title: str | None,
    lines: Sequence[Line],
    start: int,
    body: Sequence[BodyBlock],
) -> tuple[str | None, str | None]:
    if hints.title:
        return hints.title, "hint"
    if header_title:
        return header_title, "header"
    headline = _best_headline(lines, start, body)
    if headline:
        return headline, "headline"
    if body:
        return headline_from(body[0].text), "lead"
    return None, None


# Content words: three letters or more; CJK scripts (no spaces) count by character pairs.
_CONTENT_WORD = re.compile(
    r"[^\W\d_\u3040-\u30ff\u3400-\u9fff]{3,}|[\u3040-\u30ff\u3400-\u9fff]{2}"
)


def _best_headline(lines: Sequence[Line], start: int, body: Sequence[BodyBlock]) -> str | None:
    """The line above the body that best reads as its headline.

    A headline shares content words with the lead; bylines, share buttons and captions
    near the top do not.  Ties go to the line nearer the body.
    """
    lead_words = {
        w.casefold() for block in body[:HEADLINE_CONTEXT_BLOCKS]
        for w in _CONTENT_WORD.findall(block.text[:2000])
    }  # fmt: skip
    best: tuple[float, str] | None = None
    first = max(0, start - TITLE_SEARCH_LINES)
    window = lines[first:start]
    for distance, line in enumerate(reversed(window)):
        if not _could_be_headline(line):
            continue
        position = start - 1 - distance
        below = {x.role for x in lines[position + 1 : position + 4]}
        signed = HEADLINE_BYLINE_BONUS if below & {"byline", "date"} else 0.0
        words = {w.casefold() for w in _CONTENT_WORD.findall(line.text)}
        overlap = len(words & lead_words)
        if overlap < MIN_HEADLINE_OVERLAP:
            continue
        score = overlap / max(1, len(words)) + 0.5 * min(overlap, 6) / 6 - 0.02 * distance
        score += signed
        if best is None or score > best[0]:
            best = (score, line.text)
    return best[1] if best else None


def _could_be_headline(line: Line) -> bool:
    if line.role not in ("headline-like", "navigation", "fragment", "title", "short-prose"):
        return False
    text = line.text
    if not 2 <= line.words <= 25 or text.endswith((".", ":", ",")) or text.isupper():
        return False
    return boilerplate_phrase(text) is None and not is_date_line(text)
