"""Title, date, byline and outlet of a text dump, read from the lines around its body.

The body cleaner (text_dump) has given every line a role and found the body run
[start, end); the metadata sits just above it (headline, byline, dateline) and in the
page's tail (house bylines in headline lists, copyright lines).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache, partial
from itertools import pairwise

from news_digest.core.clean.bylines import (
    bare_name,
    byline_names,
    given_name_first,
    name_after_date,
    name_before_date,
)
from news_digest.core.clean.dump_lines import SIGNAL_CHARS, Line
from news_digest.core.clean.signals import (
    MONTHS,
    TRAILING_BYLINE,
    WIRE_CREDITS,
    boilerplate_phrase,
    byline_name,
    find_date,
    is_date_line,
    starts_comments,
    strong_boilerplate,
)
from news_digest.core.dates import FoundDate, other_reading, plausible, written_in_words
from news_digest.core.models import BodyBlock, Hints
from news_digest.text.headlines import headline_from

# The headline's weights were fitted on the wcxb text dumps (711 pages) by kind of line,
# never by site; a split-half check (fit on one half, count on the other) kept most of
# the gain: titles F1 >= 0.8 425 -> 503 of 711 (halves 212 -> 234 and 213 -> 257).
TITLE_SEARCH_LINES = 120  # how far above the body to look (60: -11 right titles, 30: more)
MIN_HEADLINE_OVERLAP = 1  # content words a headline shares with the lead, at least (2: -2)
HEADLINE_CONTEXT_BLOCKS = 6  # the lead: the first blocks of the body
SHARE_WEIGHT = 0.5  # the share of its words in the lead (0.25: -2, 1.0: -26)
OVERLAP_WEIGHT = 0.25  # ... and their number, up to 6 (0: -18, 0.5: -4)
ANCHOR_SPAN = 5  # a headline's byline or dateline follows within this many lines
ANCHOR_BONUS = 0.6  # the strongest signal (0: -90 titles, 0.3: -25, 0.9: -9)
ANCHOR_GAP_COST = 0.05  # per line down to its byline or dateline (0: -3, 0.1: -2)
ABOVE_BONUS = 0.3  # a dateline just above it: "Dec 3, 2025 / Headline" (0: -11, 0.6: -16)
TWICE_BONUS = 0.0  # printed twice: share text and menus repeat labels as often (0.3: -18)
# Printed again within REPEAT_REACH lines: the page's title over its h1, a headline and
# its share text; unlike TWICE, menus seldom repeat a label so close (titles 520 -> 526
# alone, 0.2: 524, 0.4: 526; with YEAR_BONUS, reach 1: 536, 3: 537, 5: 538 of 711).
REPEAT_BONUS = 0.3
REPEAT_REACH = 3
# It names a year ("The Best Hiking Boots of 2025", "2025 in Review"), as section labels
# and buttons seldom do (titles 520 -> 530 alone, 0.2: 527; with REPEAT_BONUS 537, 0.4:
# 533; split halves of wcxb +11 / +6 of 355 / 356; dev text titles 58/62 unchanged).
YEAR_BONUS = 0.3
DEK_BONUS = 0.1  # a longer standfirst under it, then the byline (0: -5, 0.3: -3)
# The classes below were each checked on two halves of wcxb (sha256 of the page id, even /
# odd: 355 / 356 pages) and on dev text titles (58/62, unchanged by all of them); together
# titles 547 -> 569 of 711 (halves 275 -> 285, 272 -> 284), no page lost.  Each note:
# titles without the class (halves), then other values.
# A kicker: a short section label over the headline, both above the byline ("Diet &
# Fitness" / "The No. 1 workout of 2024" / "By …"): its longer next line is the headline,
# not its standfirst (without: -6, -3 / -3; cost 0.15: -2, 0.5: -2; 3 words: -5, 5: -4).
KICKER_COST = 0.3
KICKER_WORDS = 4
# A headline under its dateline and right over the lead ("Dec 3, 2025" / "Headline" /
# lead), four words or more: a label there is a tag or a category ("ML Tools"), and so
# is a list of them, never a candidate ("Published in Design, Layout & Grids", "Patients
# and Families, Technology, Treatment"): the two together -6 (-1 / -5) without; bonus 0.2
# or 0.4: the same total; the category lists alone: 0 / -3.
UNDER_DATE_BONUS = 0.3
CATEGORY_MIN_ITEMS = 3  # comma- or bar-separated, capitalised, each of at most
CATEGORY_ITEM_WORDS = 3  # ... this many words, and no colon ("Mobile App: Types, Cost")
# A standfirst: a line at least STANDFIRST_LONGER words longer than the headline-like
# line right over it, both above the byline ("30 Years of Tags" / "Three decades of
# making things on the internet" / name / date); the upper line must share a word with
# the lead, as a headline does (without: -5, -2 / -3; without the shared word: -1;
# cost 0.2 or 0.4: -2; longer by 1: -1, by 3: the same; upper line 4 words: -3, 6: -4).
STANDFIRST_COST = 0.3
STANDFIRST_LONGER = 2
STANDFIRST_UNDER_WORDS = 5
# The last step of a breadcrumb trail a few lines away ("Home / Tips & Tools / Book
# Reviews" over "Book Reviews"): the page names its own headline (without: -5, -2 / -3,
# authors -2; 0.5: -1, 1.0: the same; reach 1: the same, 6: -1).
CRUMB_TAIL_BONUS = 0.7
CRUMB_TAIL_REACH = 3
NUMBERED_COST = 0.4  # "1. From Lab to Literature": a numbered subhead (0: -1)
LOWER_COST = 0.2  # a wrapped line's continuation starts in lower case (0: -1)
SHORT_COST = 0.4  # three words or fewer: a section label more often (0: -30, 0.2: -2)
SHORT_HEADLINE_WORDS = 3
LONG_COST = 0.4  # over 16 words: a standfirst or a teaser more often (0: -4)
LONG_HEADLINE_WORDS = 16
PROSE_COST = 0.1  # read as prose: a question, a long headline (0: -1, 0.3: -3)
DISTANCE_COST = 0.003  # per line between a candidate and the body (0: -7, 0.01: -17)
DUPLICATE_REACH = 10  # lines into the body still counted for a headline's second print
FIELD_MAX_WORDS = 4  # "Language: Spanish": a field and its value, not a headline
PROSE_HEADLINE_WORDS = 20  # a prose line this short may be the headline
HEADLINE_ROLES = frozenset(
    ("headline-like", "navigation", "fragment", "title", "short-prose", "teaser", "boilerplate")
)
MASTHEAD_SPAN = 8  # lines under the headline that may hold its byline and dateline
MAX_DATELINE_WORDS = 24
BARE_NAME_REACH = 2  # a bare name line this close to the dateline is the byline
AUTHOR_INTO_BODY = 9  # a byline may follow the lead: the body's first lines (wcxb: 3-8 in)
NAME_NEAR_BODY = 7  # ... or one starting with a first name, this close above the body
NAME_ROLES = frozenset(("navigation", "headline-like", "fragment", "date", "listing"))
META_SEARCH_LINES = 8  # how far above the body to look for dateline and byline
DATE_ABOVE_HEADLINE = 4  # a date line this close above the headline dates it (with the next: +26)
DATE_INTO_BODY = 10  # ... or one among the body's first lines (wcxb: 15 dates sit 2-9 lines in)
# A long "Posted on <date> in <categories>" line still announces its date (wcxb text
# dates +1): a date within its first ANNOUNCED_DATE_REACH characters, starting at most
# VERB_TO_DATE_CHARS after the verb (" on the "; 2: -1, 16: the same).
ANNOUNCED_DATE_REACH = 80
VERB_TO_DATE_CHARS = 8
# A dateline at the article's foot, when none stands above it (wcxb text dates 412 ->
# 426 of 587): among the body's last FOOT_INTO_BODY lines (6: -3, 8: -2) or FOOT_REACH
# lines under it (8: -2, 12: -1, 20: the same as 16).
FOOT_INTO_BODY = 3
FOOT_REACH = 16
CARD_LIST_REACH = 6  # lines either side of a date where a story card list shows
MIN_CARDS = 3  # ... this many headline-then-date pairs (2: the same, 4: -1)
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
    headline = _headline_index(lines, start, end)
    near = lines[max(0, start - META_SEARCH_LINES) : min(len(lines), start + 3)]
    masthead = _masthead(lines, headline, start)
    over = lines[max(0, headline - DATE_ABOVE_HEADLINE) : headline] if headline else ()
    dateline = _dateline(lines, masthead, near, over, start, end, language)
    date: tuple[datetime | None, str | None] = (header_date, "header" if header_date else None)
    original = _originally_published(lines, start, end, language)
    if original is not None and (dateline is None or original[0].date() < dateline[0].date()):
        dateline = original  # the dateline above showed the last update
    if dateline is not None:
        moment, text, at = dateline
        moment = _either_way(moment, text, language, lines)
        if header_date is None or moment.date() == header_date.date():
            updated = "updated" in text[:at].casefold()[-20:]
            date = (moment, "dateline:updated" if updated else "dateline")
    top = lines[start + 3 : min(end, start + AUTHOR_INTO_BODY)]  # past ``near``
    headline_at = lines[headline].index if headline is not None else None
    # Read only for a bare name, which few pages need (0.24 CPU-ms a synthetic dump, 0.87
    # a WCXB one, a fifth of this function's time there, spent on every page).
    page_words = cache(partial(_page_words, lines))
    authors = _authors(masthead, near, top, headline_at, page_words)
    credits = [line for line in lines[start:end] if line.role == "credit"]
    if end < len(lines) and lines[end].role == "credit":
        credits.append(lines[end])
    authors += [line.text.strip(" ()—–-") for line in credits]
    return DumpMeta(date, tuple(dict.fromkeys(authors)), _outlet(lines, end))


# "This article was originally published on 26 Sep 2019 at 4:12pm but has been regularly
# updated": the article's own word for its date, over an earlier dateline that showed the
# update (wcxb text dates 428 -> 429 of 587, halves 211 / 217 -> 211 / 218, none lost;
# with "first published" too: +1 -1, a preprint's date; dev text dates 43/51 the same).
_ORIGINALLY = re.compile(r"\boriginally\s+published\s+(?:on\s+)?", re.IGNORECASE)
ORIGINAL_DATE_GAP = 4  # characters between "published on" and its date ("the ")


def _originally_published(
    lines: Sequence[Line], start: int, end: int, language: str
) -> tuple[datetime, str, int] | None:
    """A full date the article says it was originally published on, in the body or
    its foot; only a date earlier than the dateline's replaces it."""
    for line in lines[start : min(len(lines), end + FOOT_REACH)]:
        text = line.text[:SIGNAL_CHARS]
        verb = _ORIGINALLY.search(text)
        if verb is None:
            continue
        found = find_date_at(text, verb.end(), language)
        gap = found.start - verb.end() if found is not None else ORIGINAL_DATE_GAP + 1
        if found is not None and gap <= ORIGINAL_DATE_GAP and plausible(found.moment):
            return found.moment, text, found.start
    return None


def _either_way(moment: datetime, text: str, language: str, lines: Sequence[Line]) -> datetime:
    """A numeric date that reads both ways ("03/10/2023"), read the way the page writes
    it elsewhere in words ("3 October 2023" in its own lists; wcxb text dates +2)."""
    found = published_date(text, language)
    other = other_reading(text, found) if found is not None else None
    if other is None:
        return moment
    page = "\n".join(line.text[:SIGNAL_CHARS] for line in lines)
    if written_in_words(page, other) and not written_in_words(page, moment):
        return other
    return moment


def _masthead(lines: Sequence[Line], headline: int | None, start: int) -> Sequence[Line]:
    """The lines under the headline, down to the body (byline, dateline, standfirst)."""
    if headline is None:
        return ()
    if headline >= start:  # the body starts at its headline: the masthead is in the run
        under = lines[headline + 1 : headline + 1 + MASTHEAD_SPAN]
        title = lines[headline].text
        lead = next(
            (k for k, x in enumerate(under) if x.role == "prose" and x.text != title), len(under)
        )
        return under[:lead]  # down to the lead (wcxb text dates 408 -> 410 of 587)
    return lines[headline + 1 : min(headline + 1 + MASTHEAD_SPAN, max(start, headline + 2))]


def _authors(
    masthead: Sequence[Line],
    near: Sequence[Line],
    top: Sequence[Line],
    headline_at: int | None,
    page_words: Callable[[], frozenset[str]],
) -> list[str]:
    """Bylines under the headline, else just above the body or among its first lines
    (``top``); a bare name only with a first name, beside a dateline or near the body."""
    authors: list[str] = []
    for line in (*masthead, *near):
        text = line.text[:SIGNAL_CHARS]
        names = byline_names(text)
        if not names and (name := byline_name(text)) and name[:1].isupper():
            names = (name,)  # "by industry": a filter, not a byline
        authors += names
    if not authors:  # "By Jane Roe" under the lead paragraph
        authors += [name for line in top for name in byline_names(line.text[:SIGNAL_CHARS])]
    for block in (masthead, near):
        for first, second in pairwise(block):
            if _LONE_LEAD.match(first.text) and (name := bare_name(second.text)):
                authors.append(name)  # "By" / "Sofia Kondrat": a byline on two lines
    if authors:
        return authors
    for block in (masthead, near):
        for i, line in enumerate(block):
            text = line.text[:SIGNAL_CHARS]
            if (
                line.role in ("date", "listing", "navigation", "headline-like", "fragment")
                and (name := name_before_date(text) or name_after_date(text))
                and given_name_first(name, page_words())
            ):
                return [name]
            beside = block[max(0, i - BARE_NAME_REACH) : i + 1 + BARE_NAME_REACH]
            if (
                line.role in NAME_ROLES
                and (name := bare_name(text))
                and given_name_first(name, page_words())
                and any(_is_dateline(x) for x in beside if x is not line)
            ):
                return [name]
    for line in (*masthead, *near[-NAME_NEAR_BODY:], *top):
        if line.index == headline_at or line.role not in NAME_ROLES:
            continue
        if (name := bare_name(line.text[:SIGNAL_CHARS])) and given_name_first(name, page_words()):
            return [name]  # "Jane Roe" alone under the headline or just above the body
    return []


def _page_words(lines: Sequence[Line]) -> frozenset[str]:
    """The words the page writes in lower case, as its prose does."""
    return frozenset(_LOWER_WORD.findall(" ".join(line.text[:SIGNAL_CHARS] for line in lines)))


def _is_dateline(line: Line) -> bool:
    return line.role == "date" or (
        line.words <= MAX_DATELINE_WORDS
        and line.role not in ("prose", "short-prose", "teaser")
        and (found := find_date(line.text[:SIGNAL_CHARS])) is not None
        and plausible(found[0]) is not None
    )


def _dateline(
    lines: Sequence[Line],
    masthead: Sequence[Line],
    near: Sequence[Line],
    over: Sequence[Line],
    start: int,
    end: int,
    language: str,
) -> tuple[datetime, str, int] | None:
    """The article's own date: (moment, its line, where it starts) from a dateline under
    the headline, else from a date, byline or listing line just above the body (not one
    in a list of story cards), else from a byline further up, a dateline over the
    headline or among the lead's lines, the one day the dates above the body name, else
    a dateline at the article's foot.  Of several dates on one line, the published one
    (``published_date``); implausible dates (before 1990) are skipped."""

    def dated(line: Line) -> tuple[datetime, str, int] | None:
        text = line.text[:SIGNAL_CHARS]
        found = published_date(text, language)
        if found is None:
            return None
        return found.moment, text, found.start

    for line in masthead:
        if (_is_dateline(line) or byline_names(line.text[:SIGNAL_CHARS])) and (
            found := dated(line)
        ):
            return found
    near_from = max(0, start - META_SEARCH_LINES)
    for k, line in enumerate(near, near_from):
        dateline_like = line.role in ("date", "byline", "listing", "navigation") or (
            line.text.startswith(("By ", "by "))  # "By Jane Doe@Site Nov 18, 2019, 11:47am"
        )
        if not (dateline_like or _announces_date(line)) or _in_card_list(lines, k):
            continue
        if found := dated(line):
            return found
    for line in lines[:start]:  # a byline with its date may sit above share buttons
        if line.text.startswith(("By ", "by ")) and (found := dated(line)):
            return found
    for line in over:  # "Published / Oct 14, 2025 / in Training / Headline"
        if (_is_dateline(line) or _announces_date(line)) and (found := dated(line)):
            return found  # "Mental HealthDECEMBER 22, 2022" (wcxb text dates +1)
    for line in lines[start : min(end, start + DATE_INTO_BODY)]:
        if (line.role == "date" or _announces_date(line)) and (found := dated(line)):
            return found  # under the lead
    return _only_page_date(lines[:start], dated) or _foot_dateline(lines, start, end, dated)


def _foot_dateline(
    lines: Sequence[Line],
    start: int,
    end: int,
    dated: Callable[[Line], tuple[datetime, str, int] | None],
) -> tuple[datetime, str, int] | None:
    """A dateline at the article's foot ("Posted on April 13, 2023" under the last
    paragraph, "Published / August 30, 2024 / Author / …"), when none stands above it;
    the comments and the next section's lists are not looked at."""
    for i in range(max(start, end - FOOT_INTO_BODY), min(len(lines), end + FOOT_REACH)):
        line = lines[i]
        text = line.text[:SIGNAL_CHARS]
        if line.role == "section-end" or starts_comments(text) or _NEXT_SECTION.match(text):
            return None
        if not (_is_dateline(line) or _announces_date(line)) or _card_date(lines, i, end):
            continue  # (any dateline, not only the cleaner's "date" lines: wcxb +3 of 587)
        if _ADDRESS.search(text):
            continue  # a link's /2015/03/24/ is another page's date
        if found := dated(line):
            return found
    return None


# What ends an article's foot: its comments ("6 thoughts on “…”", "2 responses to"), a
# list of other stories ("Latest Blogs", "Related posts", "Further reading").
_NEXT_SECTION = re.compile(
    r"^(?:\d+\s+(?:thoughts?|responses?|comments?|replies|reactions?)\b|pingback\b|"
    r"(?:latest|related|recent|more|further|popular|similar|recommended|you (?:may|might) "
    r"(?:also )?like)\b(?:\s+\S+){0,3}$)",
    re.IGNORECASE,
)


def _in_card_list(lines: Sequence[Line], i: int) -> bool:
    """A date in a list of story cards (headline, then its byline and date, again and
    again): "Most Popular" just above the body (wcxb text dates +1)."""
    cards = 0
    for k in range(max(1, i - CARD_LIST_REACH), min(len(lines), i + CARD_LIST_REACH + 1)):
        before = lines[k - 1]
        if before.role == "headline-like" and not _is_byline(before) and _is_dateline(lines[k]):
            cards += 1
    return cards >= MIN_CARDS


def _card_date(lines: Sequence[Line], i: int, end: int) -> bool:
    """A date under another story's headline, or over one: a story card, not a dateline."""
    after = lines[i + 1] if i + 1 < len(lines) else None
    if after is not None and after.role == "headline-like":
        return True
    before = lines[i - 1]
    return i > end and before.role == "headline-like" and not _is_byline(before)


_DATE_VERB = re.compile(
    r"^(?:(?:first |originally )?published|posted|updated|last (?:updated|update|modified)|"
    r"veröffentlicht|aktualisiert|stand|erschienen|publicado|actualizado|publié|mis à jour|"
    r"pubblicato|aggiornato)\b",
    re.IGNORECASE,
)


_PUBLISHED_LABEL = re.compile(
    r"(?:published|posted|veröffentlicht|erschienen|publicado|publié|pubblicato)"
    r"(?:\s+(?:on|am|le|el|il|the))*\W*$",
    re.IGNORECASE,
)
_UPDATED_LABEL = re.compile(
    r"(?:updated|modified|aktualisiert|actualizado|mis à jour|aggiornato)"
    r"(?:\s+(?:on|am|le|el|il|the))*\W*$",
    re.IGNORECASE,
)
_TWO_DIGITS = re.compile(r"\d\d")
# "May 21, 2025April 24, 2025 by …": a dateline's dates, read this many (2, 3, 6: the
# same on wcxb), and the characters before each that may hold its "Published" /
# "Updated" (12, 40: the same; wcxb text dates +2 with published_date).
MAX_LINE_DATES = 4
LABEL_REACH = 24


def published_date(text: str, language: str | None = None) -> FoundDate | None:
    """The publication date of a dateline that may hold several (1990 or later).

    "Updated Nov 11, 2022 Originally published Nov 9, 2022": the one labelled published,
    else one not labelled updated; "May 21, 2025April 24, 2025" (modified, then
    published, both unlabelled): the earliest, for an article is published before it
    is updated (wcxb: 5 text dumps)."""
    found: list[tuple[FoundDate, str]] = []
    at = 0
    while len(found) < MAX_LINE_DATES and (date := find_date_at(text, at, language)):
        if plausible(date.moment) is not None:
            found.append((date, text[max(at, date.start - LABEL_REACH) : date.start]))
        at = date.end
        if _TWO_DIGITS.search(text, at) is None:
            break  # no other date can follow (every form has two digits in a row)
    if len(found) <= 1:
        return found[0][0] if found else None
    labelled = [d for d, before in found if _PUBLISHED_LABEL.search(before)]
    if labelled:
        return labelled[0]
    fresh = [d for d, before in found if not _UPDATED_LABEL.search(before)] or [d for d, _ in found]
    return min(fresh, key=lambda d: (d.moment.date(), d.start))


def find_date_at(text: str, at: int, language: str | None) -> FoundDate | None:
    """The first date in ``text`` from ``at`` on, its span in ``text``'s offsets."""
    found = find_date(text[at:], language)
    if found is None:
        return None
    date = found[2]
    return FoundDate(date.moment, date.has_time, date.start + at, date.end + at)


def _announces_date(line: Line) -> bool:
    """ "Posted on December 20, 2025 by …", "Veröffentlicht am …": a dateline whatever its
    role, if it is short, or if its date follows the verb at once ("Posted on November
    25, 2024 in Health, Nutrition, …" runs on with its categories)."""
    verb = _DATE_VERB.match(line.text)
    if verb is None:
        return False
    if line.words <= MAX_DATELINE_WORDS:
        return True
    found = find_date(line.text[:ANNOUNCED_DATE_REACH])
    return found is not None and found[2].start - verb.end() <= VERB_TO_DATE_CHARS


def _only_page_date(
    lines: Sequence[Line], dated: Callable[[Line], tuple[datetime, str, int] | None]
) -> tuple[datetime, str, int] | None:
    """The day every date line above the body names, when they all name the same one."""
    found = [moment for line in lines if line.role == "date" and (moment := dated(line))]
    days = {moment[0].date() for moment in found}
    return found[0] if len(days) == 1 else None


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
        if owner := copyright_owner(line.text[:SIGNAL_CHARS]):
            return owner
    return None


_NOTICE = re.compile(
    r"(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)|copyright))*\s*"
    r"(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?[\s,]*)?(?P<rest>[^©]{2,160})",
    re.IGNORECASE,
)
# Where the owner's name ends: a field separator, a year, the rights sentence, a link.
_OWNER_END = re.compile(
    r"\s*(?:[|·•]|\s[-–—]\s|,\s(?!(?:inc|ltd|llc|plc|s\.?a|s\.?l|gmbh|ag|kg|srl|sarl)\b)"
    r"|(?:\s+|(?<=\.))(?:all rights|alle rechte|tous droits|todos los derechos|"
    r"derechos reservados|tutti i diritti|todos os direitos|some rights|powered by|"
    r"designed by|site by|aviso legal|impressum|datenschutz|mentions légales|privacy|terms)\b"
    r"|\s+(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?(?!\w)"  # "Name 2012-2025. CC BY"
    r"|(?<!\.[A-Z])(?<!Inc)(?<!Ltd)(?<!\bCo)\.\s+(?=[A-ZÀ-Ý][a-zà-ÿ]{2,}\s))",
    re.IGNORECASE,
)
_TRAILING_YEARS = re.compile(r"[\s,]*(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*\.?$")
# Legal forms written with a final full stop: "Valnet Inc.", "Prensa Libre S.L."
_DOTTED_FORMS = frozenset(("inc", "ltd", "co", "corp", "bros", "cie"))
_NOT_OWNER_STARTS = frozenset(("of", "the", "and", "for", "to", "in", "is", "notice", "info"))
MAX_OUTLET_WORDS = 8  # "Rheinische Verlags GmbH & Co. KG" runs to six


def copyright_owner(text: str) -> str | None:
    """The owner a copyright line names: "© 2025 Ediciones Prensa Libre S.L. Todos los
    derechos reservados" -> "Ediciones Prensa Libre S.L."; "© Rheinische Rundschau 2025"
    -> "Rheinische Rundschau"."""
    notice = _NOTICE.search(text)
    if notice is None:
        return None
    name = _OWNER_END.split(notice.group("rest"), maxsplit=1)[0]
    name = _TRAILING_YEARS.sub("", name).strip(" ,;:-–—")
    name = re.sub(r"^(?:by|par|por|von)\s+", "", name, flags=re.IGNORECASE)
    words = name.split()
    if not 1 <= len(words) <= MAX_OUTLET_WORDS or words[0] in _NOT_OWNER_STARTS:
        return None  # "Copyright of logos belongs to …": a sentence, not a name
    last = words[-1]
    if last.endswith(".") and "." not in last[:-1] and last[:-1].casefold() not in _DOTTED_FORMS:
        name = name[:-1]  # a sentence's full stop, not "S.L." or "Inc."
    return name if name[:1].isalpha() else None


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
    end = start + len(body) if body else start
    end = max(end, min(len(lines), start + HEADLINE_CONTEXT_BLOCKS))
    headline = _headline_index(lines, start, end)
    if headline is not None:
        return lines[headline].text.strip(), "headline"
    if body:
        return headline_from(body[0].text), "lead"
    return None, None


# Content words: three letters or more; CJK scripts (no spaces) count by character pairs.
_CONTENT_WORD = re.compile(
    r"[^\W\d_\u3040-\u30ff\u3400-\u9fff]{3,}|[\u3040-\u30ff\u3400-\u9fff]{2}"
)


def content_words(text: str) -> set[str]:
    """The content words of ``text``, case-folded.  ASCII text is folded first, one
    call instead of one a word (folding it changes no word's edges; other text can:
    "İ" folds to "i" and a combining dot): the lead's words 0.15 -> 0.06 CPU-ms a
    synthetic dump."""
    if text.isascii():
        return set(_CONTENT_WORD.findall(text.casefold()))
    return {w.casefold() for w in _CONTENT_WORD.findall(text)}


# "Home › Blog › Headline", "| Resources | Blog | Headline" (the bar: titles +1, halves
# +1 / 0, none lost), "HomeHeadline" (the link glued to the next step: +1, 0 / +1, none lost)
_CRUMB = re.compile(r"\s(?:›|»|>|/|\\|→)\s?|(?<=\w)›|(?:^|\s)\|\s|^Home(?=[A-Z][a-z])")
# A character or start every _CRUMB match needs: a line without one is no trail, and
# this scan is ~10x cheaper than the split's (the headline ranker splits ~30 lines a
# dump: 0.25 -> 0.02 CPU-ms, 300 synthetic dumps).
_CRUMB_MARK = re.compile(r"[›»>/\\→|]|^Home")


def crumb_parts(text: str) -> list[str]:
    """_CRUMB.split(text): the steps of a breadcrumb trail, or [text]."""
    return _CRUMB.split(text) if _CRUMB_MARK.search(text) else [text]


_CATEGORY_LEAD = re.compile(
    r"^(?:(?:published|posted|filed|categori[sz]ed)\s+(?:in|under)\b|"
    r"(?:categories|category|tags|topics|filed under)\s*:)",
    re.IGNORECASE,
)
_LIST_SEPARATOR = re.compile(r",|\s[|•·]\s")
# A headline that ends in an abbreviation has no full stop: "… Markets in the U.S."
# (titles +1, 0 lost).
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$|\b(?:Inc|Jr|Sr|Ltd|Co)\.$")
_LOWER_WORD = re.compile(r"(?<![\w.])[a-zà-ÿ]+(?![\w.])")  # a word as the page's prose writes it
_ADDRESS = re.compile(r"://|\.\./|\w\.(?:html?|php|aspx?|pdf|jpe?g|png|docx?)\b", re.IGNORECASE)
_FIELD = re.compile(r"^[\w-]+:\s")
_LONE_LEAD = re.compile(r"^(?:by|von|por|par|written by|autor|author)\s*:?$", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NUMBERED = re.compile(r"^\d{1,2}\s*[.)]\s")  # "1. From Lab to Literature": a subhead


@dataclass(frozen=True)
class HeadlineCandidate:
    """What makes one line above the body read as the article's headline."""

    index: int
    distance: int  # lines between it and the body's first line
    words: int
    overlap: int  # content words it shares with the lead
    share: float  # ... as a share of its own content words
    anchor: int  # lines down to its byline or dateline (0: none within ANCHOR_SPAN)
    above: bool  # a dateline just above it
    twice: bool  # printed twice (breadcrumb, share text)
    dek: bool  # the next line is a standfirst: a longer line, then the byline/dateline
    numbered: bool
    lower: bool  # starts in lower case (a wrapped line's continuation)
    prose: bool  # the cleaner read it as prose
    repeated_near: bool = False  # the same line again a few lines up or down
    year: bool = False  # it names a year: "Best Hiking Boots of 2025", "2025 in Review"
    kicker: bool = False  # a short label over a longer headline-like line
    under_date: bool = False  # its dateline right above it, the lead right under it
    standfirst: bool = False  # a longer line right under a headline-like line
    crumb_tail: bool = False  # a breadcrumb trail nearby ends with it


def headline_candidates(lines: Sequence[Line], start: int, end: int) -> list[HeadlineCandidate]:
    """Every line above the body (and its first line) that could be the headline."""
    lead = {
        k: content_words(lines[k].text[:2000])
        for k in range(start, min(end, start + HEADLINE_CONTEXT_BLOCKS, len(lines)))
    }
    lead_words: set[str] = set().union(*lead.values())
    first = max(0, start - TITLE_SEARCH_LINES)
    seen: Counter[str] = Counter()
    for line in lines[first : min(len(lines), start + DUPLICATE_REACH)]:
        text = line.text[:SIGNAL_CHARS].casefold()
        seen[text] += 1
        parts = crumb_parts(text)
        if len(parts) > 1:
            seen[parts[-1].strip()] += 1  # "Home › Blog › The Headline"
    anchors = {
        i for i in range(first, min(len(lines), start + ANCHOR_SPAN))
        if _is_dateline(lines[i]) or _is_byline(lines[i])
    }  # fmt: skip
    found = []
    trail_ends: dict[int, str | None] = {}
    for i in range(first, min(start + 1, len(lines))):
        line = lines[i]
        if not _could_be_headline(line, first_body_line=i == start):
            continue
        words = content_words(line.text)
        if i == start:  # the body's first line, measured against the rest of the lead
            others = (lead[k] for k in lead if k != i)
            overlap = len(words & set().union(*others))
        else:
            overlap = len(words & lead_words)
        if i > 0 and _LONE_LEAD.match(lines[i - 1].text):
            continue  # "By" / "The Meetingnotes Team": a byline on two lines
        if _category_list(line.text):
            continue
        anchor = next((k for k in range(1, ANCHOR_SPAN + 1) if i + k in anchors), 0)
        after = lines[i + 1] if i + 1 < len(lines) else None
        dek = after is not None and after.words > line.words and i + 1 not in anchors and anchor > 1
        found.append(
            HeadlineCandidate(
                index=i,
                distance=start - i,
                words=line.words,
                overlap=overlap,
                share=overlap / max(1, len(words)),
                anchor=anchor,
                above=any(k in anchors for k in (i - 1, i - 2)),
                twice=seen[line.text.casefold()] > 1,
                dek=dek,
                numbered=bool(_NUMBERED.match(line.text)),
                lower=line.text[:1].islower(),
                prose=line.role == "prose",
                repeated_near=any(
                    lines[k].text == line.text
                    for k in range(max(0, i - REPEAT_REACH), min(len(lines), i + REPEAT_REACH + 1))
                    if k != i
                ),
                year=_YEAR.search(line.text) is not None,
                kicker=_kicker(lines, i, anchor),
                under_date=line.words > SHORT_HEADLINE_WORDS
                and i - 1 in anchors
                and _is_dateline(lines[i - 1])
                and start - i <= 1,
                standfirst=_standfirst(lines, i, anchor, anchors, lead_words),
                crumb_tail=_crumb_tail(lines, i, trail_ends),
            )
        )
    return found


def headline_score(c: HeadlineCandidate) -> float | None:
    """How much a candidate reads as the headline; None: not at all."""
    if c.overlap < MIN_HEADLINE_OVERLAP and not (c.anchor or c.twice):
        return None
    score = SHARE_WEIGHT * c.share + OVERLAP_WEIGHT * min(c.overlap, 6) / 6
    score -= DISTANCE_COST * c.distance
    score += ANCHOR_BONUS * bool(c.anchor) + ABOVE_BONUS * c.above + TWICE_BONUS * c.twice
    score -= ANCHOR_GAP_COST * max(0, c.anchor - 1)
    score += DEK_BONUS * c.dek
    score -= NUMBERED_COST * c.numbered + LOWER_COST * c.lower
    score -= SHORT_COST * (c.words <= SHORT_HEADLINE_WORDS)
    score -= LONG_COST * (c.words > LONG_HEADLINE_WORDS) + PROSE_COST * c.prose
    score += REPEAT_BONUS * c.repeated_near + YEAR_BONUS * c.year
    score += UNDER_DATE_BONUS * c.under_date + CRUMB_TAIL_BONUS * c.crumb_tail
    score -= KICKER_COST * c.kicker + STANDFIRST_COST * c.standfirst
    return score


def _kicker(lines: Sequence[Line], i: int, anchor: int) -> bool:
    """ "Diet & Fitness" over "The No. 1 workout of 2024", then the byline: a section
    label over the headline (its anchor a line further down than the headline's)."""
    line = lines[i]
    if anchor < 2 or line.words > KICKER_WORDS or i + 1 >= len(lines):
        return False
    below = lines[i + 1]
    return below.words > line.words and below.role != "prose" and _could_be_headline(below)


def _standfirst(
    lines: Sequence[Line], i: int, anchor: int, anchors: set[int], lead_words: set[str]
) -> bool:
    """A longer line right under a headline-like one, both over the byline: the upper
    is the headline, this its standfirst (not a trail's "Home X" over "X")."""
    if i == 0 or not anchor or i - 1 in anchors:
        return False
    above, line = lines[i - 1], lines[i]
    if above.role == "prose" or above.words < STANDFIRST_UNDER_WORDS:
        return False  # a short line over a headline is a kicker
    if line.words < above.words + STANDFIRST_LONGER or not _could_be_headline(above):
        return False
    if not content_words(above.text) & lead_words:
        return False  # "Add Us On Google": a button, not the headline
    return line.text.casefold() not in above.text.casefold()


def _crumb_tail(lines: Sequence[Line], i: int, trail_ends: dict[int, str | None]) -> bool:
    """Whether a breadcrumb trail within CRUMB_TAIL_REACH lines ends with line ``i``.
    ``trail_ends``: each line's trail's last step, folded (None: no trail), kept by the
    caller across the candidates, whose reaches overlap (a line was split seven times)."""
    text = lines[i].text.strip().casefold()
    for k in range(max(0, i - CRUMB_TAIL_REACH), min(len(lines), i + CRUMB_TAIL_REACH + 1)):
        if k not in trail_ends:
            parts = crumb_parts(lines[k].text[:SIGNAL_CHARS])
            trail_ends[k] = parts[-1].strip().casefold() if len(parts) > 1 else None
        if k != i and trail_ends[k] == text:
            return True
    return False


def _category_list(text: str) -> bool:
    """ "Published in Design, Layout & Grids", "Patients and Families, Technology,
    Treatment": the article's categories, not its headline."""
    if _CATEGORY_LEAD.match(text):
        return True
    if ":" in text:
        return False  # "Mobile App: Definition, Types, Examples, Development, And Cost"
    items = [item.strip() for item in _LIST_SEPARATOR.split(text)]
    return len(items) >= CATEGORY_MIN_ITEMS and all(
        item[:1].isupper() and len(item.split()) <= CATEGORY_ITEM_WORDS for item in items
    )


def _headline_index(lines: Sequence[Line], start: int, end: int) -> int | None:
    """The line above the body that best reads as its headline (an index into lines).

    The article starts with its headline, and under it, within a few lines, its byline
    or dateline; the page often prints it twice (breadcrumb, share text).  A headline
    shares content words with the lead; section labels, buttons and the table of
    contents do less of all this.  Ties go to the line nearer the body.
    """
    lead_end = min(end, start + HEADLINE_CONTEXT_BLOCKS, len(lines))
    last = _LAST_PICK[0] if _LAST_PICK else None
    if last is not None and last[0] is lines and last[1:3] == (start, lead_end):
        return last[3]  # the title and the metadata reader ask of the same dump in turn
    best: tuple[float, int] | None = None
    for candidate in headline_candidates(lines, start, end):
        score = headline_score(candidate)
        if score is not None and (best is None or score >= best[0]):
            best = (score, candidate.index)
    pick = best[1] if best else None
    _LAST_PICK[:] = [(lines, start, lead_end, pick)]
    return pick


# The last dump's pick: (its lines, the body start, the lead's end, the headline).  The
# candidates depend on nothing else, and the lines are not changed once classified.
_LAST_PICK: list[tuple[Sequence[Line], int, int, int | None]] = []


def _is_byline(line: Line) -> bool:
    return line.role == "byline" or bool(byline_names(line.text[:SIGNAL_CHARS]))


def _could_be_headline(line: Line, first_body_line: bool = False) -> bool:
    text = line.text
    if line.role == "prose":  # a question or a long headline reads as prose to the cleaner
        if not (first_body_line or line.words <= PROSE_HEADLINE_WORDS):
            return False
    elif line.role not in HEADLINE_ROLES:
        return False
    stop = text.endswith(".") and not _ABBREVIATION_END.search(text)
    if not 2 <= line.words <= 25 or stop or text.endswith((":", ",")) or text.isupper():
        return False
    if (
        len(crumb_parts(text)) > 2
        or text.startswith(("«", "‹", "←"))
        or text.endswith(("»", "›", "→"))
    ):
        return False  # a breadcrumb trail, a link to the previous or next post
    if _ADDRESS.search(text) or (line.words <= FIELD_MAX_WORDS and _FIELD.match(text)):
        return False  # "report.pdf (619 KB)", "../index.html"; "Language: Spanish", "Status: draft"
    if line.role == "boilerplate" and (line.words <= 4 or strong_boilerplate(text)):
        return False  # "Sign in", a cookie banner; "What Are the Latest …" is a headline
    if line.role != "boilerplate" and boilerplate_phrase(text) is not None:
        return False
    return not is_date_line(text) and not _is_byline(line)
