"""Find the article in a whole-page text dump (its metadata: dump_metadata).

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
from collections.abc import Sequence
from datetime import UTC, datetime

from news_digest.core.clean.dump_lines import SIGNAL_CHARS, Line
from news_digest.core.clean.dump_metadata import dump_metadata, dump_title
from news_digest.core.clean.signals import (
    boilerplate_phrase,
    byline_name,
    capitalised_share,
    ends_like_sentence,
    ends_section,
    has_listing_stamp,
    is_credit,
    is_date_line,
    is_teaser,
    starts_comments,
    stopword_share,
    strong_boilerplate,
    word_count,
)
from news_digest.core.language import detect_language
from news_digest.core.models import BodyBlock, Decision, Extraction, Hints
from news_digest.text.stopwords import stopwords

HEADER = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})\s+(.+?)\s*$")
# Tuning constants, calibrated by hand on whole-page dumps of news sites (the
# seeds and the dev split of ../shared/eval, by kind of page, never by site).
MIN_PROSE_WORDS = 8  # shorter lines are "short" unless they end like a sentence
LONG_PROSE_WORDS = 20  # a line this long reads as prose even without final punctuation
MIN_STOPWORD_SHARE = 0.12  # prose in a known language has at least this many stop words
MAX_SCORE_PER_LINE = 80  # one huge line must not outweigh the rest of the page
SUBHEAD_MAX_WORDS = 14
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
    meta = dump_metadata(lines, start, end, header_date, language)
    title, title_source = dump_title(hints, header_title, lines, start, body)
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
