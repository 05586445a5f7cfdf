"""Publication dates: the one place that reads them and decides whether to believe them.

A date is kept as the publisher wrote it: the local wall time with its UTC
offset (a fixed-offset tz-aware datetime), never converted to UTC, so no brief
moves to another day.  A time written without a zone keeps its wall time and is
labelled UTC (+00:00); German "Uhr" is Central European Time (CET/CEST by the EU
summer-time rule).  The parser is table-driven (month names and abbreviations in
English, German, French, Spanish, Italian and Portuguese, the common numeric
forms, zone names and offsets) and runs only on candidate lines: it never reads
the wall clock, so the same input always gives the same date.

Plausibility: nothing before 1990 (placeholders such as ``0001-01-01`` and the
1970 epoch), and nothing after the corpus' newest evidence (see ``horizon``):
such a date is dropped and the brief's date estimated.
Estimated dates (a seed that states none) are the day only, 00:00.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache

EARLIEST_PLAUSIBLE = datetime(1990, 1, 1, tzinfo=UTC)
# Sources that state a date outside the page text: feed entries, sidecars, header lines.
TRUSTED_SOURCES = frozenset({"hint", "header", "feed", "sidecar"})
TRUSTED_MARGIN = timedelta(days=2)  # time zones, and a feed refreshed a day late
UNTRUSTED_MARGIN = timedelta(days=366)  # only page-stated dates: refuse a lone far outlier
ESTIMATED_PREFIX = "estimated"

_EN = (
    "january 1 february 2 march 3 april 4 may 5 june 6 july 7 august 8 september 9 october 10 "
    "november 11 december 12 jan 1 feb 2 mar 3 apr 4 jun 6 jul 7 aug 8 sep 9 sept 9 oct 10 "
    "nov 11 dec 12"
)
_OTHER = (
    # German
    "januar 1 jänner 1 februar 2 märz 3 maerz 3 mai 5 juni 6 juli 7 oktober 10 dezember 12 "
    "mär 3 mrz 3 okt 10 dez 12 "
    # French
    "janvier 1 février 2 fevrier 2 mars 3 avril 4 juin 6 juillet 7 août 8 aout 8 "
    "septembre 9 octobre 10 novembre 11 décembre 12 decembre 12 janv 1 févr 2 fevr 2 "
    "avr 4 juil 7 déc 12 "
    # Spanish
    "enero 1 febrero 2 marzo 3 abril 4 mayo 5 junio 6 julio 7 agosto 8 septiembre 9 "
    "setiembre 9 octubre 10 noviembre 11 diciembre 12 ene 1 abr 4 ago 8 dic 12 "
    # Italian
    "gennaio 1 febbraio 2 aprile 4 maggio 5 giugno 6 luglio 7 settembre 9 ottobre 10 "
    "dicembre 12 gen 1 mag 5 giu 6 lug 7 set 9 ott 10 "
    # Portuguese
    "janeiro 1 fevereiro 2 março 3 marco 3 maio 5 junho 6 julho 7 setembro 9 outubro 10 "
    "dezembro 12 fev 2 out 10 dez 12"
)


def _table(words: str) -> dict[str, int]:
    items = words.split()
    return {name: int(number) for name, number in zip(items[::2], items[1::2], strict=True)}


ENGLISH_MONTHS = _table(_EN)
MONTHS = {**_table(_OTHER), **ENGLISH_MONTHS}
# Zone abbreviations news sites write, in minutes east of UTC (upper case only:
# "est" is a French and Spanish word).  Ambiguous ones (IST, CST in Asia) are left out.
ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 60, "WEST": 60, "CET": 60, "MEZ": 60,
    "CEST": 120, "MESZ": 120, "EET": 120, "EEST": 180, "MSK": 180, "EST": -300,
    "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480,
    "PDT": -420, "AEST": 600, "AEDT": 660, "JST": 540, "KST": 540,
}  # fmt: skip
# US zones written without the summer / winter letter ("6:01 PM ET"): standard offset,
# plus an hour in US summer time.
US_ZONES = {"ET": -300, "CT": -360, "PT": -480}


def _alternation(names: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


# A year ends the number, unless a dump glued the time or the reading time to it:
# "October 17, 20236:01 PM ET", "Mar 27, 20255 min read" (wcxb text dumps: 4 pages).
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:(?!\d)|(?=[01]?\d:[0-5]\d(?!\d))|(?=\d{1,2}\s?mins?\b))"
_ANY_MONTH = rf"(?P<month>{_alternation(MONTHS)})(?![^\W\d_])\.?"
# After a word or glued to it when capitalised: "By Jane DoeMar 5, 2025".
_EN_MONTH = (
    r"(?:(?<![^\W\d_])|(?<=(?-i:[a-z]))(?=(?-i:[A-Z])))"
    rf"(?P<month>{_alternation(ENGLISH_MONTHS)})(?![^\W\d_])\.?"
)
DATE_PATTERNS = (
    # "Mar 3, 2021", "December 18th 2025", "Jul. 11. 2025"
    re.compile(rf"{_EN_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)[.,]?\s+{_YEAR}", re.I),
    # "3. März 2025", "18 de diciembre de 2025", "1er mars 2025", "18 dic 2025", "19-Dec-2025"
    re.compile(
        rf"(?<!\d)(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|ª|\.)?(?:\s*|-)(?:de\s+|di\s+)?"
        rf"{_ANY_MONTH}(?:,?\s*|-)(?:de\s+|del\s+)?{_YEAR}",
        re.I,
    ),
    # ISO 8601 and 2025/12/15
    re.compile(
        r"(?<![\d.])(?P<year>(?:19|20)\d\d)([-/])(?P<mnum>[01]?\d)\2(?P<day>[0-3]?\d)(?!\d)"
    ),
    # 2025.12.15, 2025•12•15: two digits each (not a version number such as 2025.1.2)
    re.compile(
        r"(?<![\d.])(?P<year>(?:19|20)\d\d)([.•])(?P<mnum>[01]\d)\2(?P<day>[0-3]\d)(?![\d.])"
    ),
    # 15.12.2025: a dotted date is day first (unless its numbers say otherwise)
    re.compile(rf"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<mnum>[0-3]?\d)\.{_YEAR}(?!\.\d)"),
    # 03/12/2025, 03-12-2025: order from the numbers, else from the page language
    re.compile(rf"(?<![\d/.-])(?P<first>[0-3]?\d)([/-])(?P<second>[0-3]?\d)\2{_YEAR}"),
    # 14.11.24: German pages' short form, two digits each
    re.compile(r"(?<![\d.,])(?P<day>[0-3]\d)\.(?P<mnum>[01]\d)\.(?P<yy>\d\d)(?![\d.,])"),
)
_ZONE_NAME = _alternation({**ZONES, **US_ZONES})
_CLOCK = (
    r"(?P<hour>[01]?\d|2[0-3])(?:[:h]|\.(?=\d\d(?!\d)))(?P<minute>[0-5]\d)(?![\d.]\d)"
    r"(?::(?P<second>[0-5]\d))?(?:[.,]\d{1,6})?"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m(?![^\W\d_])\.?)?"
    r"(?:\s*(?P<uhr>uhr)(?![^\W\d_]))?"
    rf"(?:\s*(?:\(?(?P<zone>(?-i:{_ZONE_NAME}))(?![^\W\d_])(?:\s*(?P<zsign>[+\-−])"
    r"(?P<zh>\d{1,2})(?::?(?P<zm>\d\d))?)?\)?"
    r"|(?P<sign>[+\-−])(?P<oh>[01]\d):?(?P<om>[0-5]\d)(?!\d)))?"
)
_CONNECTOR = r"(?:at|à|às|as|a\s+las|a\s+la|alle|ore|um|kl\.?)"
TIME_AFTER = re.compile(rf"(?:T|\s*[,|·•/–—-]?\s*(?:{_CONNECTOR}\s*)?){_CLOCK}", re.I)
TIME_BEFORE = re.compile(rf"{_CLOCK}\s*(?:[,|·•/–—-]|on|el|le|il|am)?\s*$", re.I)
# Day first unless the page is English (US style 03/12/2025 = March 12).
MONTH_FIRST_LANGUAGES = frozenset({"en"})


@dataclass(frozen=True)
class FoundDate:
    """A date found in a line: the moment, whether a time was stated, and its span."""

    moment: datetime
    has_time: bool
    start: int
    end: int


@lru_cache(maxsize=4096)  # pure; a dump's cleaner asks of the same line several times
def find_date(line: str, language: str | None = None) -> FoundDate | None:
    """The first date written in ``line`` (earliest in the line), with its time and zone."""
    best: FoundDate | None = None
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(line):
            if best is not None and match.start() >= best.start:
                break
            found = _found(line, match, language)
            if found is not None:
                best = found
                break
    return best


# The numeric forms whose day and month may be read either way (03/10/2023, 09.10.2024).
_EITHER_WAY = (DATE_PATTERNS[4], DATE_PATTERNS[5], DATE_PATTERNS[6])


def other_reading(line: str, found: FoundDate) -> datetime | None:
    """The same date with day and month swapped, when ``line`` writes it in a numeric
    form that can be read both ways ("03/10/2023": 3 October or March 10), else None."""
    moment = found.moment
    if moment.day > 12 or moment.day == moment.month:
        return None
    span = line[found.start : found.end]
    if not any(pattern.search(span) for pattern in _EITHER_WAY) or DATE_PATTERNS[2].search(span):
        return None  # ISO 2025-03-10 is never read the other way
    return moment.replace(month=moment.day, day=moment.month)


def written_in_words(text: str, day: datetime) -> bool:
    """Whether ``text`` writes ``day`` with its month's name ("3 October 2023", "Oct. 3rd,
    2023"), in any language of the month table."""
    names = _alternation(name for name, number in MONTHS.items() if number == day.month)
    number = rf"0?{day.day}(?:st|nd|rd|th|er|º|\.)?(?!\d)"
    pattern = (
        rf"(?<![^\W\d_])(?:{names})\.?\s*{number},?\s*{day.year}(?!\d)"
        rf"|(?<!\d){number}\s*(?:of\s+|de\s+|di\s+|-)?(?:{names})(?![^\W\d_])\.?,?\s*"
        rf"(?:de\s+)?{day.year}(?!\d)"
    )
    return re.search(pattern, text, re.IGNORECASE) is not None


def _found(line: str, match: re.Match[str], language: str | None) -> FoundDate | None:
    day = _day(match, language)
    if day is None:
        return None
    start, end = match.span()
    clock = TIME_AFTER.match(line, end)
    if clock is not None:
        end = clock.end()
    else:
        clock = TIME_BEFORE.search(line[max(0, start - 40) : start])
        if clock is not None:
            start -= len(clock.string) - clock.start()
    moment = _with_clock(day, clock)
    if moment is None:
        return None
    return FoundDate(moment, clock is not None, start, end)


def _day(match: re.Match[str], language: str | None) -> tuple[int, int, int] | None:
    """(year, month, day) of a date match, or None when it names no real day."""
    parts = match.groupdict()
    year = int(parts["year"]) if parts.get("year") else 2000 + int(parts["yy"] or 0)
    if parts.get("month"):
        month, day = MONTHS[parts["month"].casefold().rstrip(".")], int(parts["day"])
    elif parts.get("mnum"):
        month, day = int(parts["mnum"]), int(parts["day"])
        if month > 12 >= day:  # "06.18.2025": a US date written with dots
            month, day = day, month
    else:
        first, second = int(parts["first"]), int(parts["second"])
        month_first = second > 12 or (first <= 12 and (language or "")[:2] in MONTH_FIRST_LANGUAGES)
        month, day = (first, second) if month_first else (second, first)
    try:
        datetime(year, month, day)
    except ValueError:
        return None
    return year, month, day


def _with_clock(day: tuple[int, int, int], clock: re.Match[str] | None) -> datetime | None:
    """The local wall time of the day, with the offset the text gives (UTC if none)."""
    if clock is None:
        return datetime(*day, tzinfo=UTC)
    parts = clock.groupdict()
    hour, minute = int(parts["hour"]), int(parts["minute"])
    ampm = (parts.get("ampm") or "").lower()
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    wall = datetime(*day, hour, minute, int(parts.get("second") or 0))
    offset = _offset(parts, wall)
    return wall.replace(tzinfo=fixed_zone(offset)) if offset is not None else None


def _offset(parts: dict[str, str | None], wall: datetime) -> timedelta | None:
    """The clock's UTC offset: a zone name (plus "GMT+1"), "+01:00", "Uhr", else UTC."""
    minutes = 0
    if parts.get("zone") in US_ZONES:
        minutes = US_ZONES[str(parts["zone"])] + 60 * _us_summer_time(wall)
    elif parts.get("zone"):
        minutes = ZONES[str(parts["zone"]).upper()]
        if parts.get("zsign"):
            minutes += _signed(parts["zsign"], parts["zh"], parts.get("zm"))
    elif parts.get("sign"):
        minutes = _signed(parts["sign"], parts["oh"], parts.get("om"))
    elif parts.get("uhr"):
        return central_european_offset(wall)
    if abs(minutes) > 14 * 60:
        return None
    return timedelta(minutes=minutes)


def _us_summer_time(wall: datetime) -> bool:
    """US daylight saving time: second Sunday of March to first Sunday of November, 2:00
    local (the rule since 2007)."""
    march = _first_sunday(wall.year, 3) + timedelta(days=7, hours=2)
    november = _first_sunday(wall.year, 11) + timedelta(hours=2)
    return march <= wall < november


def _first_sunday(year: int, month: int) -> datetime:
    first = datetime(year, month, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7)


def _signed(sign: str | None, hours: str | None, minutes: str | None) -> int:
    value = int(hours or 0) * 60 + int(minutes or 0)
    return -value if sign in ("-", "−") else value


def central_european_offset(wall: datetime) -> timedelta:
    """CET or CEST for a local wall time: summer time from the last Sunday of March to
    the last Sunday of October, 01:00 UTC (the EU rule since 1996)."""
    as_utc = wall - timedelta(hours=1)
    start, end = _last_sunday(wall.year, 3), _last_sunday(wall.year, 10)
    return timedelta(hours=2) if start <= as_utc < end else timedelta(hours=1)


def _last_sunday(year: int, month: int) -> datetime:
    last = datetime(year, month, 31, 1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def fixed_zone(offset: timedelta) -> timezone:
    """A fixed-offset zone; a zero offset is UTC itself, so it prints +00:00."""
    return UTC if not offset else timezone(offset)


def keep_offset(moment: datetime) -> datetime:
    """An aware datetime with a fixed offset (naive ones are read as UTC wall time)."""
    offset = moment.utcoffset()
    return moment.replace(tzinfo=fixed_zone(offset or timedelta()))


def plausible(moment: datetime | None) -> datetime | None:
    """``moment`` if it can be a news date (1990 or later), else None."""
    if moment is None or keep_offset(moment) < EARLIEST_PLAUSIBLE:
        return None
    return moment


def parse_iso(value: object) -> datetime | None:
    """An ISO 8601 / RFC 3339 string (metadata, JSON-LD, JSON Feed, sidecars) with its
    offset kept, else a date written in words; placeholders and unreadable values: None."""
    if not isinstance(value, str) or not value.strip():
        return None
    moment = _iso(value)
    if moment is None and (found := find_date(value.strip())) is not None:
        moment = found.moment
    return plausible(moment)


def _iso(value: str) -> datetime | None:
    text = value.strip()
    try:
        return keep_offset(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        return None


def parse_feed_date(value: object) -> datetime | None:
    """A feed's date string as written (RFC 822 in RSS, RFC 3339 in Atom), offset kept;
    None when it is in neither form (the caller falls back to feedparser's reading)."""
    if not isinstance(value, str) or not value.strip():
        return None
    from email.utils import parsedate_to_datetime  # email loads socket: feeds only

    try:
        moment: datetime | None = keep_offset(parsedate_to_datetime(value.strip()))
    except (TypeError, ValueError, IndexError):
        moment = _iso(value)
    return plausible(moment)


def horizon(dated: Iterable[tuple[datetime, str | None]]) -> datetime | None:
    """The newest date the corpus may hold, from its own evidence (never the clock).

    The later of: the newest date a feed, sidecar or header line states, plus
    ``TRUSTED_MARGIN``; and the second newest stated date, plus ``UNTRUSTED_MARGIN``
    (a lone date far beyond every other one is a placeholder, and cannot vouch for
    itself).  None when there is nothing to check against (one date, no feed).
    """
    pairs = list(dated)
    bounds = (
        [max(m for m, source in pairs if source in TRUSTED_SOURCES) + TRUSTED_MARGIN]
        if any(source in TRUSTED_SOURCES for _, source in pairs)
        else []
    )
    moments = sorted(moment for moment, _ in pairs)
    if len(moments) >= 2:
        bounds.append(moments[-2] + UNTRUSTED_MARGIN)
    return max(bounds, default=None)


def estimated_day(moment: datetime) -> datetime:
    """The day of ``moment`` at 00:00 in its own offset: an estimate states no time, and
    in newest-first lists it comes after every real time of that day."""
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def is_estimated(source: str | None) -> bool:
    return bool(source) and str(source).startswith(ESTIMATED_PREFIX)


def header_value(moment: datetime) -> str:
    """The brief's ``Date:`` value: local time and offset, ``2025-12-15 06:45:00+01:00``."""
    return keep_offset(moment).replace(microsecond=0).isoformat(sep=" ")
