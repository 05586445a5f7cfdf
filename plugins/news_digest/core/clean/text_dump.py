"""Find the article in a whole-page text dump, and recover its metadata.

How the signals combine (each line of the dump is one candidate block):

1. Every line gets a role and a score from per-line signals (textdump_signals):
   prose (long, ends like a sentence, dense with the page language's stop
   words) scores its length in words; navigation, boilerplate phrases, dates,
   headline-list items (a title followed by a date or "By X … ago"), lines the
   corpus repeats on other pages, and Title-Case headline runs score negative.
2. The body is the contiguous run of lines with the highest total score (the
   maximum-sum subarray): articles are contiguous, so a short subhead or quote
   between paragraphs is inside the run, while the headline lists after the
   article pull the sum down and end it.
3. Inside the run, prose is kept, and short lines are kept as subheads or short
   paragraphs when they sit between prose lines; datelines, bylines and credit
   lines become metadata.  Around the run, the nearest headline-like line gives
   the title, date lines the date and time, and footers or house bylines the
   outlet.

Every line's fate is recorded as a Decision, so `news-digest explain` can show
what was kept and dropped and why.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from news_digest.core.clean.signals import (
    COPYRIGHT,
    MONTHS,
    TRAILING_BYLINE,
    WIRE_CREDITS,
    boilerplate_phrase,
    byline_name,
    capitalised_share,
    ends_like_sentence,
    ends_section,
    find_date,
    has_listing_stamp,
    is_credit,
    is_date_line,
    is_teaser,
    starts_comments,
    stopword_share,
    strong_boilerplate,
    word_count,
)
from news_digest.core.dates import plausible
from news_digest.core.language import detect_language
from news_digest.core.models import BodyBlock, Decision, Extraction, Hints
from news_digest.text.headlines import headline_from
from news_digest.text.stopwords import stopwords

HEADER = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})\s+(.+?)\s*$")
# Tuning constants, calibrated by hand on whole-page dumps of news sites (the
# seeds and the dev split of ../shared/eval, by kind of page, never by site).
MIN_PROSE_WORDS = 8  # shorter lines are "short" unless they end like a sentence
LONG_PROSE_WORDS = 20  # a line this long reads as prose even without final punctuation
MIN_STOPWORD_SHARE = 0.12  # prose in a known language has at least this many stop words
MAX_SCORE_PER_LINE = 80  # one huge line must not outweigh the rest of the page
SIGNAL_CHARS = 3000  # signals look at a line's first characters only (10 MB lines exist)
SUBHEAD_MAX_WORDS = 14
TITLE_SEARCH_LINES = 30  # how far above the body to look for the headline
MIN_HEADLINE_OVERLAP = 2  # content words a headline shares with the lead, at least
HEADLINE_CONTEXT_BLOCKS = 6  # the lead: the first blocks of the body
HEADLINE_BYLINE_BONUS = 0.3  # a headline is usually followed by its byline or date
META_SEARCH_LINES = 8  # how far above the body to look for dateline and byline
MIN_HOUSE_BYLINES = 3  # a byline repeated this often in headline lists names the outlet
# Consecutive non-article lines cost more and more: one label between paragraphs is
# cheap, a menu of ten links is a wall the body run will not cross.
GAP_GROWTH = 0.5
MIN_ARTICLE_WORDS_BEFORE_TAIL = 80
MIN_STORY_CARDS = 3
MAX_LIST_ROWS = 200
MAX_STRONG_BOILERPLATE_WORDS = 60
SCORES = {
    "section-end": -40.0,
    "teaser": -5.0,
    "boilerplate": -8.0,
    "repeated": -8.0,
    "listing": -5.0,
    "date": -3.0,
    "headline-like": -3.0,
    "navigation": -2.0,
    "byline": -1.0,
    "credit": -1.0,
    "title": -1.0,
    "fragment": -1.0,
    "short-prose": 1.0,
}


@dataclass
class Line:
    """One non-empty line of the dump, with what the signals said about it."""

    index: int
    text: str
    words: int
    role: str
    score: float
    reason: str


def clean_text_dump(
    text: str, *, hints: Hints | None = None, common_lines: frozenset[str] = frozenset()
) -> Extraction:
    """The article body and metadata found in ``text``; an empty body if there is none."""
    hints = hints or Hints()
    raw_lines = [" ".join(line.split()) for line in text.split("\n")]
    header_title, header_date = None, None
    first = next((i for i, line in enumerate(raw_lines) if line), None)
    if first is not None and (match := HEADER.match(raw_lines[first])):
        header_date = _header_date(match)
        header_title = match.group(4).strip() or None
        raw_lines[first] = ""
    sample = " ".join(line for line in raw_lines if len(line) > 80)[:4000]
    language = hints.language or detect_language(sample or " ".join(raw_lines)[:4000])
    stops = stopwords(language)
    lines = [
        _classify(i, line, stops, common_lines, header_title)
        for i, line in enumerate(raw_lines)
        if line
    ]
    _forgive_lone_teasers(lines)
    _mark_story_cards(lines)
    _mark_introduced_lists(lines)
    start, end = _best_run(lines[: _page_tail_start(lines)])
    body, decisions = _select_body(lines, start, end)
    meta = _metadata(lines, start, end, header_date, language)
    title, title_source = _title(hints, header_title, lines, start, body)
    date, date_source = (hints.date, "hint") if hints.date else meta.date
    return Extraction(
        method="text-dump",
        body=body,
        title=title,
        title_source=title_source,
        date=date,
        date_source=date_source,
        authors=hints.authors or meta.authors,
        outlet=hints.outlet or meta.outlet,
        language=language,
        url=hints.url,
        tags=hints.tags,
        decisions=decisions,
    )


def _header_date(match: re.Match[str]) -> datetime | None:
    """The dump's ``date YYYY-MM-DD`` line: that day, 00:00 UTC."""
    try:
        return datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC)
    except ValueError:
        return None


def _classify(
    index: int,
    text: str,
    stops: frozenset[str],
    common: frozenset[str],
    title: str | None,
) -> Line:
    """Role and score of one line, from the per-line signals."""
    probe = text[:SIGNAL_CHARS]
    words = word_count(probe)

    def line(role: str, reason: str, score: float | None = None) -> Line:
        return Line(index, text, words, role, SCORES[role] if score is None else score, reason)

    if title and text.casefold() == title.casefold():
        return line("title", "the headline again")
    sentence = ends_like_sentence(probe)
    if text in common and (words < MIN_PROSE_WORDS or not sentence):
        return line("repeated", "repeated on other pages of the corpus")
    if byline_name(probe):
        return line("byline", "byline")
    if is_credit(probe):
        return line("credit", "credit line")
    if words <= 12 and is_date_line(probe):
        return line("date", "date or time line")
    if words <= 8 and ends_section(probe):
        return line("section-end", "start of comments or of a list of other stories")
    phrase = boilerplate_phrase(probe) if words <= 15 else None
    if phrase is None and words <= MAX_STRONG_BOILERPLATE_WORDS:
        phrase = strong_boilerplate(probe)
    if phrase:
        return line("boilerplate", f"boilerplate: {phrase!r}")
    if is_teaser(probe):
        return line("teaser", "cut-off excerpt from a list of stories")
    if not sentence and has_listing_stamp(probe):
        return line("listing", "headline list: item with date or time-ago")
    share = stopword_share(probe, stops)
    prose_like = not stops or share >= MIN_STOPWORD_SHARE
    if words >= MIN_PROSE_WORDS and prose_like and (sentence or words >= LONG_PROSE_WORDS):
        if not sentence and capitalised_share(probe) > 0.6:
            return line("headline-like", "Title-Case line without a full stop")
        return line("prose", "article text", float(min(words, MAX_SCORE_PER_LINE)))
    if sentence and prose_like and words >= 3:
        return line("short-prose", "short sentence")
    if words >= 4 and not sentence and capitalised_share(probe) > 0.6:
        return line("headline-like", "Title-Case line without a full stop")
    if words < MIN_PROSE_WORDS:
        return line("navigation", "short line (menu, label or link)")
    return line("fragment", "line that does not read as prose")


def _best_run(lines: Sequence[Line]) -> tuple[int, int]:
    """Indexes [start, end) into ``lines`` of the maximum-sum contiguous run."""
    best_sum, best = 0.0, (0, 0)
    running, run_start = 0.0, 0
    gap = 0
    for i, line in enumerate(lines):
        if running <= 0:
            running, run_start = 0.0, i
        if line.score < 0:
            running += line.score * (1 + GAP_GROWTH * gap)
            gap += 1
        else:
            running += line.score
            gap = 0
        if running > best_sum:
            best_sum, best = running, (run_start, i + 1)
    return best


def _page_tail_start(lines: Sequence[Line]) -> int:
    """Where comments or other stories begin, once an article's worth of prose came before.

    Comment threads are prose too, and often longer than the article; the page's own
    "Comments" or "Related" header tells where the article ended.
    """
    prose = 0
    for i, line in enumerate(lines):
        if line.role == "prose":
            prose += line.words
        elif starts_comments(line.text) and prose >= MIN_ARTICLE_WORDS_BEFORE_TAIL:
            return i
    return len(lines)


def _mark_story_cards(lines: list[Line]) -> None:
    """Lists of other stories repeat headline, author, date, excerpt: the excerpts are not
    article text, though they read like it.  Three or more date-then-prose pairs make a list."""
    cards = [i for i in range(1, len(lines)) if _is_card_excerpt(lines, i)]
    if len(cards) < MIN_STORY_CARDS:
        return
    for i in cards:
        line = lines[i]
        lines[i] = Line(line.index, line.text, line.words, "teaser", SCORES["teaser"] * 2,
                        "excerpt in a list of dated stories")  # fmt: skip


def _is_card_excerpt(lines: Sequence[Line], i: int) -> bool:
    """One prose line after a date, or alone after a headline (and a label or two)."""
    if lines[i].role not in ("prose", "short-prose"):
        return False
    if lines[i - 1].role == "date":
        return True
    alone = i + 1 >= len(lines) or lines[i + 1].role not in ("prose", "short-prose")
    above = [line.role for line in lines[max(0, i - 3) : i]]
    return alone and "headline-like" in above and "prose" not in above


def _forgive_lone_teasers(lines: list[Line]) -> None:
    """A cut-off line between article lines is the article's own (e.g. a paywall cut)."""
    listish = {"teaser", "listing", "headline-like", "date"}
    for i, line in enumerate(lines):
        if line.role != "teaser":
            continue
        neighbours = [lines[k].role for k in (i - 1, i + 1) if 0 <= k < len(lines)]
        if not any(role in listish for role in neighbours) and line.words >= MIN_PROSE_WORDS:
            lines[i] = Line(
                line.index,
                line.text,
                line.words,
                "prose",
                float(min(line.words, MAX_SCORE_PER_LINE)),
                "article text (cut off)",
            )


def _mark_introduced_lists(lines: list[Line]) -> None:
    """A list or table right after "…:" or after the page's headline is article text.

    Its rows do not read as prose (names, figures, dates), so without this they
    would count against the article they belong to.
    """
    for i, line in enumerate(lines):
        after_colon = line.role in ("prose", "short-prose") and line.text.endswith(":")
        if not after_colon and line.role != "title":
            continue
        # Under a headline, a date line is the dateline (metadata), not a list row.
        list_roles = {"fragment", "navigation", "headline-like", "listing"}
        if after_colon:
            list_roles.add("date")
        previous, gaps = line.index, 0
        for k in range(i + 1, min(len(lines), i + 1 + MAX_LIST_ROWS)):
            row = lines[k]
            if row.role not in list_roles:
                break
            if row.index > previous + 1:
                gaps += 1
                if gaps > 1 or row.index > previous + 2:  # one blank line may precede it
                    break
            previous = row.index
            score = float(max(2, row.words // 2))
            reason = "row of a list the article introduces"
            lines[k] = Line(row.index, row.text, row.words, "list-row", score, reason)


def _select_body(
    lines: Sequence[Line], start: int, end: int
) -> tuple[tuple[BodyBlock, ...], tuple[Decision, ...]]:
    body: list[BodyBlock] = []
    decisions: list[Decision] = []
    for i, line in enumerate(lines):
        inside = start <= i < end
        keep, kind, reason = _keep(lines, i, line) if inside else (False, "", "")
        if keep:
            body.append(BodyBlock(kind, line.text))  # type: ignore[arg-type]
            decisions.append(Decision(line.text, True, reason))
        else:
            where = line.reason if inside else f"outside the article: {line.reason}"
            decisions.append(Decision(line.text, False, where))
    return tuple(body), tuple(decisions)


def _keep(lines: Sequence[Line], i: int, line: Line) -> tuple[bool, str, str]:
    """Whether a line inside the body run is article text, and as what."""
    if line.role == "prose":
        kind = "quote" if line.text[:1] in '"“«„' and line.text[-1:] in '"”»' else "paragraph"
        return True, kind, "article text"
    if line.role == "short-prose":
        return True, "paragraph", "short paragraph inside the article"
    if line.role == "list-row":
        return True, "list-item", "list or table introduced by the article"
    if line.role in ("headline-like", "navigation", "fragment") and line.words <= SUBHEAD_MAX_WORDS:
        after = lines[i + 1] if i + 1 < len(lines) else None
        before = lines[i - 1] if i > 0 else None
        if (
            after is not None
            and after.role == "prose"
            and before is not None
            and before.role in ("prose", "short-prose")
            and line.words >= 2
            and not line.text.endswith(":")
        ):
            return True, "heading", "subhead between paragraphs"
    return False, "", line.reason


@dataclass
class _Meta:
    date: tuple[datetime | None, str | None]
    authors: tuple[str, ...]
    outlet: str | None


def _metadata(
    lines: Sequence[Line], start: int, end: int, header_date: datetime | None, language: str
) -> _Meta:
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
    return _Meta(date, tuple(dict.fromkeys(authors)), _outlet(lines, end))


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


def _title(
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
