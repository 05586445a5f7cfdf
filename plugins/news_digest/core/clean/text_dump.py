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
   Where the article starts is a signal of its own: its headline, followed within a
   few lines by a byline or dateline, then the lead (an anchor).  A run that starts
   at an anchor beats one that does not unless that one holds far more text, and
   after the anchor the lines that are not prose (tables, lists of names, captions)
   count as neutral until the first section end or the next anchor: a short
   article beats a longer "about us" paragraph, and a list-only body its footer.
   Consecutive non-article lines cost more and more (a menu is a wall), except the
   labels a review repeats for each of its items ("Pros", "Best prices today:").
   The run then ends early at what follows an article with no header of its own:
   a comment thread, readers' testimonials, the author's bio.
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
from itertools import pairwise

from news_digest.core.clean.dump_lines import SIGNAL_CHARS, Line
from news_digest.core.clean.dump_metadata import (
    dump_metadata,
    dump_title,
    headline_candidates,
    headline_score,
)
from news_digest.core.clean.signals import (
    SENTENCE_END,
    about_the_author,
    author_box_name,
    boilerplate_phrase,
    byline_name,
    capitalised_share,
    comment_policy,
    disclaimer,
    ends_like_sentence,
    ends_section,
    find_date,
    furniture,
    has_listing_stamp,
    is_bio,
    is_credit,
    is_date_line,
    is_embed_signature,
    is_teaser,
    starts_comments,
    stopword_share,
    stories_after,
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
MAX_COMMENT_POLICY_WORDS = 60
# After the article's author box or the comments' policy nothing is article text: the
# body run ends there (sh4 F1 text dev / wcxb: 0.9514 / 0.8999 -> 0.9564 / 0.9004; the
# policy alone 0.9516 / 0.8999; the page cut there instead of the run: 0.9564 / 0.8959,
# an "About Acme" menu item or sidebar above the article cut it off).
AUTHOR_BOX_REASON = "the author's box"
COMMENT_POLICY_REASON = "the comments' policy"
TAIL_REASONS = frozenset({AUTHOR_BOX_REASON, COMMENT_POLICY_REASON})
# "About the author" however many pages share it: dev / wcxb 0.9564 / 0.9005 -> 0.9564 /
# 0.9015.  A header of other stories (signals.STORIES_AFTER) ends the run once this share
# of its prose came before: 0.9564 / 0.9015 -> 0.9567 / 0.9024 (any share: 0.9567 /
# 0.8999; any section end, "Related" and "More on" too, at 0.5, 0.7, 0.85: 0.9539 /
# 0.9023, 0.9558 / 0.9026, 0.9558 / 0.9024, inline "Related" boxes cut articles).
TAIL_SHARE = 0.5
MAX_SECTION_END_WORDS = 8
# Short lines in a block of at most MAX_BLOCK with article text on both sides inside the
# run are the article's (a list of features, a table, a recipe's steps); a block with a
# date, boilerplate or a line other pages share is not (sh4 F1 text dev / wcxb: 0.9495 /
# 0.8891 -> 0.9514 / 0.8999; those roles in a block too: 0.9477 / 0.8978; lines of 2, 3,
# 4 words or more only: 0.9506 / 0.8989, 0.9503 / 0.8976, 0.9501 / 0.8965; blocks of 8
# lines, 30: 0.9508 / 0.8979, 0.9497 / 0.8974 at 2 and 3 words).
MAX_BLOCK = 16  # 12: 0.9593 / 0.9034, 16: 0.9589 / 0.9040, 20-30: 0.9583 / 0.9046
# An item's label that the page repeats and other pages share ("Pros", "Cons" over the
# item's list) is part of a block, so the lists under it are kept (wcxb text sh4 F1,
# in-process: 0.9135 -> 0.9152, 57 pages better, 33 worse, the truth leaving out some
# reviews' boxes; dev text 0.9609 -> 0.9606, a video's title under a repeated "Video"
# label; every line the page repeats, a widget's "Retailer" too: 0.9154 / 0.9606).
BLOCK_ROLES = frozenset({"headline-like", "navigation", "fragment"})
PARAGRAPH_ROLES = frozenset({"prose", "short-prose", "list-row"})
# A kept line of this many words that repeats one kept before is dropped, unless it is a
# question (sh4 F1 text dev / wcxb: 0.9432 / 0.8872 -> 0.9433 / 0.8890; 1 word: 0.9423 /
# 0.8884, 20: 0.9432 / 0.8882, questions too: 0.9428 / 0.8892, only repeats in blocks of
# two or more or right under their twin: 0.9432 / 0.8880).
REPEAT_MIN_WORDS = 8
# A line this long that ends no sentence, then one in lower case: a wrapped paragraph
# (wcxb sh4 F1 text: none 0.8853, 4 words 0.8870, 6 0.8871, 10 0.8864; dev 0.9275 each).
WRAP_MIN_WORDS = 6
# "Location: Riverton", "Weight: 56 g": rows of a table the article holds, kept when two
# or more stand together and no section end or boilerplate heads them (dev / wcxb sh4 F1
# text track: 0.926 / 0.877 -> 0.926 / 0.878; rows of any length, one alone too: 0.925 /
# 0.880, the dev loss being related-story links "Topic: headline").
FIELD_ROW = re.compile(r"^(?![A-Z]+\b)[A-Z][\w()&’'-]*(?: [\w()&’'-]+){0,2}:\s+\S")
MAX_FIELD_ROW_WORDS = 20
# Consecutive non-article lines cost more and more: one label between paragraphs is
# cheap, a menu of ten links is a wall the body run will not cross.
GAP_GROWTH = 0.5
# Subheads and table rows are no menu: they cost their score but do not make a gap
# longer (dev / wcxb sh4 F1 text track: 0.926 / 0.876 -> 0.926 / 0.877; menu-short lines
# of these roles still growing it, up to 2, 3, 4 words: 0.877 each).
NO_GAP_GROWTH = frozenset({"headline-like", "fragment"})
# Nor does a short line of this many words or more: a list's item, not a menu's link
# (sh4 F1 text dev / wcxb: 0.9567 / 0.9024 -> 0.9567 / 0.9034; 2 words: 0.9541 / 0.9038,
# 4: 0.9567 / 0.9029, 5: 0.9567 / 0.9027).
NAV_ROW_WORDS = 3
# Nor does a short line the page itself repeats ITEM_LABEL_TIMES times or more ("Pros",
# "Cons", "Best prices today:", "Advertisement"): the labels and widgets of each item of
# a review or a listicle, which the run crosses from item to item (wcxb text sh4 F1,
# in-process: 0.9108 -> 0.9135, 19 pages better, 8 worse; dev text 0.9609 unchanged;
# 2 or 4 times: 0.9132, 0.9131; lines of at most 4 or 12 words: the same; without
# boilerplate lines: 0.9133; a cap on every gap's growth instead, at 1.5 or 2 times a
# line's score: 0.9133 / 0.9117 with dev 0.9590, menus crossed).
ITEM_LABEL_TIMES = 3
ITEM_LABEL_WORDS = 8
ITEM_LABEL_ROLES = frozenset({"repeated", "navigation", "headline-like", "fragment", "boilerplate"})
# The comments, the author's box or other stories end the article once this many words
# of it came before (sh4 F1 text dev / wcxb: 80 words 0.9567 / 0.9034, 50: 0.9593 /
# 0.9034, 30: 0.9593 / 0.9008).
MIN_ARTICLE_WORDS_BEFORE_TAIL = 50
MIN_STORY_CARDS = 3
# A thread of comments with no header: a name line over a date line with a time of day
# or a time-ago, then the text, MIN_COMMENTS times after an article's worth of prose
# (wcxb text sh4 F1, in-process: 0.9045 -> 0.9054, 3 pages better, none worse; dev text
# 0.9603 unchanged; 2 comments, names of 3 or 8 words: the same; any date line, not only
# one with a time: 0.9054 with one page more, kept out for live blogs' dated entries).
# The author's bio under a bare name ("Jane Doe" over "Jane Doe is a reporter …") with
# at most BIO_MAX_LINES lines after the name ends the run (wcxb text sh4 F1, in-process:
# 0.9059 -> 0.9063, 11 pages better, none worse; dev text 0.9603 unchanged; 2 lines:
# 0.9061, 6: 0.9063 with one page worse, 10: 0.9061; anywhere in the run: 0.9027, the
# items of listicles of tools or people, "Tableau" over "Tableau is a …", cut them).
BARE_NAME = re.compile(r"^[A-Z][a-z’'-]+(?: [A-Z]\.)?(?: [A-Z][a-z’'-]+){1,2}$")
BIO_VERB = re.compile(r"^,? (?:is|was|has|writes|covers|joined|holds|serves|leads)\b")
BIO_MAX_LINES = 4
# The author's bio in prose with no header ("Jane Doe is a reporter who …", "Hi, I'm
# Kat! I'm a mom of two …", "Stefan" over "Stefan is the founder …"; signals.is_bio)
# ends the run once an article's worth of prose came before and at most BIO_TAIL_SHARE
# of that much follows (wcxb text sh4 F1, in-process: 0.9076 -> 0.9089, 38 pages better,
# 4 worse, each a bio the truth keeps; dev text 0.9607 -> 0.9609; share 0.1: 0.9085,
# 0.5: 0.9088, 1.0: 0.9076; without the career word and the person's pronoun: 0.9065,
# listicles' items, "Acme is a platform …", cut).  The run ends at the author's name
# line over the bio, if there is one within BIO_NAME_REACH lines.
BIO_TAIL_SHARE = 0.25
BIO_NAME_REACH = 3
BIO_NAME_CHARS = 80  # the name within the bio's first characters
MIN_COMMENTS = 3
# Reviews or testimonials after the article, each signed under its text by a reader's
# name ("Dawn H.", "A. Rae V. B.") or handle ("rsf999"): MIN_TESTIMONIALS signatures at
# most TESTIMONIAL_SPAN lines apart end the run (wcxb text sh4 F1, in-process: 0.9054
# -> 0.9059, 2 pages better, none worse; dev text 0.9603 unchanged; 2 signatures, a
# span of 8: the same; a span of 3: 0.9059 with one page less).  Bare first names
# ("Stacey") are no signature: a one-word subhead reads the same.
MIN_TESTIMONIALS = 3
TESTIMONIAL_SPAN = 4
READER_NAME = re.compile(r"^(?:[A-Z]\.\s?)?[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?(?:\s[A-Z]\.){1,2}$")
HANDLE = re.compile(r"^(?=\S*\d)(?=\S*[A-Za-z]{3})[A-Za-z][\w.]{3,24}$")
COMMENT_NAME_WORDS = 5
COMMENT_NAME_ROLES = frozenset({"navigation", "headline-like", "fragment", "byline"})
CLOCK_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
# A run that opens with a stray line or two and then a headline over the lead starts at
# the lead, when the headline reads better than any line above the run (the title
# ranker's score) and no headline already heads the run (wcxb text sh4 F1 / titles of
# 711, in-process: 0.9044 / 541 -> 0.9045 / 544, halves even / odd 265 / 276 -> 264 /
# 280; dev text 0.9603, 58/62 unchanged).  Any headline under a short paragraph:
# 0.9031 / 540 (a lead paragraph over the first subhead); without the guard that the
# run is already headed: 0.9044 / 540.
HEAD_REACH = 3  # the headline among the run's first lines (2, 5, 8: the same)
HEAD_PREFIX_WORDS = 50  # prose words above it at most (30: the same; 80: 0.9043 / 542)
HEAD_LEAD_WINDOW = 2  # the lead within this many lines under it (3: 543 titles)
HEADED_RUN_REACH = 2  # a pick this close above the run heads it already (3: 0.9044 / 542)
# A card's excerpt is a sentence or two; a longer paragraph under a subhead is a
# listicle's own text (sh4 F1 dev / wcxb text: no cap 0.922 / 0.864, 60 words
# 0.925 / 0.869, 40 words 0.914 / 0.870, 30 words 0.912 / 0.872).
MAX_CARD_WORDS = 60
MAX_LIST_ROWS = 200
MAX_STRONG_BOILERPLATE_WORDS = 60
# Article anchors: a headline with its byline or dateline at most ANCHOR_WINDOW lines
# below (3: 0.925 / 0.868, 5: 0.925 / 0.869, 7: the same as 5), the lead at most
# ANCHOR_LEAD_WINDOW lines under that (share rows sit between; 6: 0.922 / 0.869, 12 and
# 20: 0.922 / 0.869 with the dev page whose share widget is 10 lines long right).
ANCHOR_WINDOW = 5
# A dateline may sit over the headline instead, this many lines up at most (1, 2, 3:
# 0.926 / 0.876 each, against 0.926 / 0.875 without).
ANCHOR_META_ABOVE = 2
ANCHOR_LEAD_WINDOW = 12
# A list-only article (tour dates, results) under the page's own headline (the header
# line's title) and its dateline: this many rows at least, each of a few words; such an
# anchored run wins outright (sh4 F1 text dev / wcxb: 0.9275 / 0.8871 -> 0.9432 / 0.8872,
# with "Tags" as a section end; under any headline, not only the page's own: 0.9378 /
# 0.8867, code comments and widget rows read as lists).
LIST_LEAD_ROWS = 4
LIST_ROW_MIN_WORDS = 3
LIST_ROW_ROLES = frozenset({"fragment", "navigation", "headline-like", "listing", "list-row"})
ANCHOR_MAX_DEK_WORDS = 40  # a standfirst between headline and byline is shorter than this
ANCHOR_META_MAX_WORDS = 16  # a byline-and-date row ("By X | Apr 2, 2025 | Section") at most
# An anchored run wins unless an unanchored one scores 1 / ANCHOR_SHARE times as much
# (0.25: 0.925 / 0.861, 0.5: 0.925 / 0.869, 1.0: 0.924 / 0.869).
# Figures in these comments: sh4 F1 of the text track on ../shared/eval dev / wcxb.
ANCHOR_SHARE = 0.5
# After an anchor these roles count as neutral until the first section end or the next
# article's headline (teasers too: 0.914 / 0.875, and boilerplate: 0.912 / 0.874;
# counting the roles below at a quarter or a half of their score instead:
# 0.920 / 0.863; neutral only for the first 4, 8 or 16 lines of a gap, then at their
# score: 0.926 / 0.872, 0.926 / 0.872, 0.926 / 0.872 against 0.925 / 0.873: noise, so
# no such limit).
NEUTRAL_AFTER_ANCHOR = frozenset(
    {"navigation", "headline-like", "fragment", "date", "byline", "credit", "title", "listing"}
)
# When no line reads as prose, the body is the densest block of lines this long that are
# not furniture, if it holds FALLBACK_MIN_WORDS at least (wcxb: 8 pages had an empty
# body, all of them pages whose text a script puts in, with nothing of it in the dump;
# without the minimum 3 of them got 15 to 20 words of menu teasers, F1 0.875 -> 0.873).
FALLBACK_WORDS = 4
FALLBACK_MIN_WORDS = 30
FALLBACK_NEVER = frozenset({"boilerplate", "repeated", "section-end", "byline", "credit", "date"})
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
    found = find_body(text, hints=hints, common_lines=common_lines)
    meta = dump_metadata(found.lines, found.start, found.end, found.header_date, found.language)
    title, title_source = dump_title(
        hints, found.header_title, found.lines, found.start, found.body
    )
    date, date_source = (hints.date, "hint") if hints.date else meta.date
    return Extraction(
        method="text-dump",
        body=found.body,
        title=title,
        title_source=title_source,
        date=date,
        date_source=date_source,
        authors=hints.authors or meta.authors,
        outlet=hints.outlet or meta.outlet,
        language=found.language,
        url=hints.url,
        tags=hints.tags,
        decisions=found.decisions,
    )


@dataclass
class FoundBody:
    """The body run of a dump and what its metadata reader needs from the same pass."""

    lines: list[Line]
    start: int
    end: int
    body: tuple[BodyBlock, ...]
    decisions: tuple[Decision, ...]
    language: str
    header_title: str | None
    header_date: datetime | None


def find_body(
    text: str, *, hints: Hints | None = None, common_lines: frozenset[str] = frozenset()
) -> FoundBody:
    """The body alone (the HTML cleaner's vote needs no title, date or byline)."""
    hints = hints or Hints()
    raw_lines = [" ".join(line.split()) for line in text.split("\n")]
    header_title, header_date = None, None
    first = next((i for i, line in enumerate(raw_lines) if line), None)
    if first is not None and (match := HEADER.match(raw_lines[first])):
        header_date = _header_date(match)
        header_title = match.group(4).strip() or None
        raw_lines[first] = ""
    _join_wrapped(raw_lines)
    sample = " ".join(line for line in raw_lines if len(line) > 80)[:4000]
    language = hints.language or detect_language(sample or " ".join(raw_lines)[:4000])
    stops = stopwords(language)
    lines = [
        _classify(i, line, stops, common_lines, header_title)
        for i, line in enumerate(raw_lines)
        if line
    ]
    _mark_author_boxes(lines)
    _forgive_lone_teasers(lines)
    anchors = _anchors(lines)
    _mark_story_cards(lines, anchors)
    _mark_introduced_lists(lines)
    _mark_anchored_lists(lines, anchors)
    _mark_item_labels(lines)
    start, end = _choose_run(lines[: _page_tail_start(lines)], anchors)
    end = _cut_at_tail(lines, start, end)
    end = _cut_at_comments(lines, start, end)
    end = _cut_at_testimonials(lines, start, end)
    end = _cut_at_bio(lines, start, end)
    end = _cut_at_prose_bio(lines, start, end)
    if start not in anchors:
        start = _start_at_headline(lines, start, end)
    body, decisions = _select_body(lines, start, end)
    if not body:
        start, end, body, decisions = _fallback_body(lines)
    return FoundBody(lines, start, end, body, decisions, language, header_title, header_date)


def _join_wrapped(raw_lines: list[str]) -> None:
    """Paragraphs a dump wrapped at a fixed width, made one line again: a line of
    WRAP_MIN_WORDS or more that does not end a sentence, then one that starts in lower
    case, are one paragraph (the continuation's place left blank, so indexes stay)."""
    head = -1
    for i, line in enumerate(raw_lines):
        if not line:
            head = -1
            continue
        if (
            head >= 0
            and line[0].islower()
            and not SENTENCE_END.search(raw_lines[head])
            and len(raw_lines[head].split()) >= WRAP_MIN_WORDS
        ):
            raw_lines[head] += " " + line
            raw_lines[i] = ""
            continue
        head = i


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
    if words <= 8 and about_the_author(probe):  # however many pages share it
        return line("section-end", AUTHOR_BOX_REASON)
    if text in common and (words < MIN_PROSE_WORDS or not sentence):
        return line("repeated", "repeated on other pages of the corpus")
    if byline_name(probe):
        return line("byline", "byline")
    if is_credit(probe):
        return line("credit", "credit line")
    if is_embed_signature(probe):  # "— Jane Doe (@jane) March 4, 2025"
        return line("short-prose", "signature of an embedded post")
    if words <= 12 and is_date_line(probe):
        return line("date", "date or time line")
    if words <= 8 and ends_section(probe):
        return line("section-end", "start of comments or of a list of other stories")
    if words <= MAX_COMMENT_POLICY_WORDS and comment_policy(probe):
        return line("section-end", COMMENT_POLICY_REASON)
    phrase = boilerplate_phrase(probe) if words <= 15 else None
    if phrase is None and words <= MAX_STRONG_BOILERPLATE_WORDS:
        phrase = strong_boilerplate(probe)
    if phrase:
        return line("boilerplate", f"boilerplate: {phrase!r}")
    if kind := furniture(probe):
        return line("boilerplate", kind)
    if disclaimer(probe, words):
        return line("boilerplate", "a disclaimer or an affiliate disclosure")
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


def _grows_gap(line: Line) -> bool:
    """Whether a non-article line makes the gap longer (a menu link does, a subhead or a
    table row does not)."""
    if line.role in NO_GAP_GROWTH or line.recurrent:
        return False
    return not (line.role == "navigation" and line.words >= NAV_ROW_WORDS)


def _best_run(lines: Sequence[Line]) -> tuple[float, tuple[int, int]]:
    """The sum and indexes [start, end) into ``lines`` of the maximum-sum contiguous run."""
    best_sum, best = 0.0, (0, 0)
    running, run_start = 0.0, 0
    gap = 0
    for i, line in enumerate(lines):
        if running <= 0:
            running, run_start = 0.0, i
        if line.score < 0:
            running += line.score * (1 + GAP_GROWTH * gap)
            gap += _grows_gap(line)
        else:
            running += line.score
            gap = 0
        if running > best_sum:
            best_sum, best = running, (run_start, i + 1)
    return best_sum, best


def _anchors(lines: Sequence[Line]) -> dict[int, int]:
    """Where articles start: a headline, then within a few lines a byline or dateline.

    Maps each anchor (the headline's index) to the index of its byline or dateline.
    A dek or a second headline line may sit between them; a long paragraph may not."""
    anchors: dict[int, int] = {}
    claimed = -1
    for i, line in enumerate(lines):
        if i <= claimed or not _could_head_article(line):
            continue
        if any(above.role == "section-end" for above in lines[max(0, i - 3) : i]):
            continue  # the first item of a list of other stories
        head, after_prose = i, False
        for k in range(i + 1, min(len(lines), i + 1 + ANCHOR_WINDOW)):
            below = lines[k]
            if below.role in ("byline", "date") or _dated_meta_line(below):
                if _lead_follows(lines, k, lines[head]):
                    anchors[head] = claimed = k
                break
            if below.role == "prose" and below.words > ANCHOR_MAX_DEK_WORDS:
                break
            if below.role == "prose":
                after_prose = True  # a tagline or a dek: a headline under it is the one
            elif below.role == "title" or (after_prose and _could_head_article(below)):
                head, after_prose = k, False
        if claimed >= i:
            continue
        above = _meta_above(lines, i)
        if above is not None and above > claimed and _lead_follows(lines, i, line):
            anchors[above] = claimed = i  # "March 4, 2025" over the headline
    return _without_story_cards(lines, anchors)


def _meta_above(lines: Sequence[Line], i: int) -> int | None:
    """The dateline or byline right above a headline, if there is one."""
    for k in range(i - 1, max(-1, i - 1 - ANCHOR_META_ABOVE), -1):
        if lines[k].role in ("byline", "date") or _dated_meta_line(lines[k]):
            return k
    return None


def _without_story_cards(lines: Sequence[Line], anchors: dict[int, int]) -> dict[int, int]:
    """Lists of other stories have headline, byline, date and one excerpt each: when
    MIN_STORY_CARDS anchors hold one paragraph or less before the next, those are cards."""
    starts = [*anchors, len(lines)]
    cards = {
        anchor
        for anchor, following in pairwise(starts)
        if sum(line.role == "prose" for line in lines[anchor:following]) <= 1
    }
    if len(cards) < MIN_STORY_CARDS:
        return anchors
    return {anchor: meta for anchor, meta in anchors.items() if anchor not in cards}


def _dated_meta_line(line: Line) -> bool:
    """ "On behalf of Smith & Co | Apr 21, 2017 | Injury law": a byline-and-date row."""
    if line.role not in ("headline-like", "navigation", "fragment", "listing"):
        return False
    return line.words <= ANCHOR_META_MAX_WORDS and find_date(line.text[:200]) is not None


def _lead_follows(lines: Sequence[Line], meta: int, head: Line) -> bool:
    """Whether article text starts within a few lines under a byline or dateline: a
    paragraph, or under the page's own headline a list (tour dates, results, a menu)."""
    window = lines[meta + 1 : meta + 1 + ANCHOR_LEAD_WINDOW]
    if any(line.role == "prose" for line in window):
        return True
    return head.role == "title" and _list_lead(lines, meta) is not None


def _is_list_row(line: Line) -> bool:
    return line.role in LIST_ROW_ROLES and line.words >= LIST_ROW_MIN_WORDS


def _list_lead(lines: Sequence[Line], meta: int) -> int | None:
    """Where a list starts under an article's dateline when no paragraph comes first:
    LIST_LEAD_ROWS rows or more in a row, after a share row or a label or two."""
    window = range(meta + 1, min(len(lines), meta + 1 + ANCHOR_LEAD_WINDOW))
    for k in window:
        if lines[k].role == "prose":
            return None
        if _is_list_row(lines[k]):
            rows = 0
            while k + rows < len(lines) and _is_list_row(lines[k + rows]):
                rows += 1
            return k if rows >= LIST_LEAD_ROWS else None
    return None


def _mark_anchored_lists(lines: list[Line], anchors: dict[int, int]) -> None:
    """A list right under an article's dateline, with no paragraph before it, is the
    article (results, tour dates, a programme): its rows are list rows."""
    for head, meta in anchors.items():
        start = _list_lead(lines, meta) if lines[head].role == "title" else None
        if start is None:
            continue
        k = start
        while k < len(lines) and _is_list_row(lines[k]):
            row = lines[k]
            reason = "row of a list under the article's dateline"
            score = float(max(2, row.words // 2))
            lines[k] = Line(row.index, row.text, row.words, "list-row", score, reason)
            k += 1


def _could_head_article(line: Line) -> bool:
    if line.role == "title":
        return True
    if line.role not in ("headline-like", "navigation", "fragment", "short-prose"):
        return False
    return 3 <= line.words <= 25 and not line.text.endswith((".", ":", ",", ";"))


def _choose_run(lines: Sequence[Line], anchors: dict[int, int]) -> tuple[int, int]:
    """The best run; one that starts at an article's headline wins over one that does not
    unless the other holds far more article text (ANCHOR_SHARE)."""
    plain_sum, plain = _best_run(lines)
    best_sum, best, head = 0.0, (0, 0), -1
    starts = [*anchors, len(lines)]
    for anchor, following in pairwise(starts):
        if anchor >= len(lines):
            break
        total, run = _anchored_run(lines, anchor, anchors[anchor], following)
        if total > best_sum:
            best_sum, best, head = total, run, anchor
    # The standfirst between headline and byline is no article text (sh4 F1 text dev /
    # wcxb: 0.9433 / 0.8890 -> 0.9495 / 0.8891).
    if head >= 0:
        best = (max(best[0], min(anchors[head] + 1, best[1])), best[1])
    own_headline = head >= 0 and lines[head].role == "title"
    if best_sum > 0 and (own_headline or best_sum >= ANCHOR_SHARE * plain_sum):
        line = lines[head]
        line.reason = f"the article's headline, its byline or dateline near ({line.reason})"
        return best
    return plain


def _anchored_run(
    lines: Sequence[Line], anchor: int, meta: int, following: int
) -> tuple[float, tuple[int, int]]:
    """The best run starting at ``anchor``: until the first section end after the lead
    or the next article's headline (``following``), non-article lines count as neutral
    (spec tables, lists of names, captions between the paragraphs of one article), after
    it as in _best_run."""
    best_sum, best = 0.0, (anchor, anchor)
    running, gap = 0.0, 0
    header, floor = True, True
    for i in range(anchor, len(lines)):
        line = lines[i]
        if line.role in ("prose", "list-row") and i > meta:
            header = False
        elif (line.role == "section-end" and not header) or i >= following:
            floor = False
        score = line.score
        if score < 0 and floor and (header or line.role in NEUTRAL_AFTER_ANCHOR):
            score = 0.0
        if score < 0:
            running += score * (1 + GAP_GROWTH * gap)
            gap += _grows_gap(line)
        elif score > 0:  # a neutral line neither ends a gap nor lengthens it (a gap it
            running += score  # ended: 0.923 / 0.874; one it lengthened: 0.925 / 0.869)
            gap = 0
        if running < 0:
            break
        if running > best_sum:
            best_sum, best = running, (anchor, i + 1)
    start, end = best
    while start < end and lines[start].score <= 0:
        start += 1
    return best_sum, (start, end)


def _start_at_headline(lines: Sequence[Line], start: int, end: int) -> int:
    """A run that opens with a stray line or two (a notice, a promo, a sidebar's
    paragraph, a "Posted on" row) and then a headline over the lead starts at the lead:
    what stood above the headline was the page's, not the article's.  The headline must
    read as one better than any line above the run does."""
    prefix = 0
    for j in range(start, min(end, start + HEAD_REACH + 1)):
        line = lines[j]
        if j > start and _heads_lead(lines, j, end):
            k = j + 1
            while k < end and lines[k].score <= 0:
                k += 1
            if k >= end:
                return start
            here = _best_headline(lines, start, end)
            if here is None or _headed(lines, start, here[1], line):
                return start
            there = _best_headline(lines, k, end)
            return k if there is not None and there[1] == j and there[0] > here[0] else start
        if line.role == "prose":
            prefix += line.words
            if prefix > HEAD_PREFIX_WORDS:
                return start
    return start


def _headed(lines: Sequence[Line], start: int, pick: int, headline: Line) -> bool:
    """Whether a headline already heads the run: the ranker's pick stands right above it,
    or is its first line (unless that line is the headline's twin, a breadcrumb's)."""
    if 0 < start - pick <= HEADED_RUN_REACH:
        return True
    return pick == start and lines[start].text != headline.text


def _best_headline(lines: Sequence[Line], start: int, end: int) -> tuple[float, int] | None:
    """The title ranker's best line for a body starting at ``start``, and its score; None
    when no line above reads as a headline (a bare article)."""
    best: tuple[float, int] | None = None
    for candidate in headline_candidates(lines, start, end):
        score = headline_score(candidate)
        if score is not None and (best is None or score >= best[0]):
            best = (score, candidate.index)
    return best


def _heads_lead(lines: Sequence[Line], j: int, end: int) -> bool:
    """Whether line ``j`` reads as a headline with the article's lead right under it."""
    line = lines[j]
    if line.role not in ("headline-like", "navigation", "fragment", "short-prose", "prose"):
        return False
    if not 3 <= line.words <= 25 or line.text.endswith((".", ":", ",", ";", "!")):
        return False
    if line.role in ("prose", "short-prose") and not line.text.endswith("?"):
        return False
    below = lines[j + 1 : min(end, j + 1 + HEAD_LEAD_WINDOW)]
    return any(b.role == "prose" and b.words >= MIN_PROSE_WORDS for b in below)


def _cut_at_tail(lines: Sequence[Line], start: int, end: int) -> int:
    """The body run ends at the author's box or the comments' policy, once an article's
    worth of prose came before inside it, and at a header of other stories ("You may
    also like"; however many pages share it) once most of the run's prose came before."""
    prose = 0
    total = sum(line.words for line in lines[start:end] if line.role == "prose")
    for i in range(start, end):
        if lines[i].role == "prose":
            prose += lines[i].words
        elif prose >= MIN_ARTICLE_WORDS_BEFORE_TAIL and (
            lines[i].reason in TAIL_REASONS or _stories_after(lines[i], prose, total)
        ):
            return i
    return end


def _cut_at_comments(lines: Sequence[Line], start: int, end: int) -> int:
    """A thread of comments with no header of its own ends the article: each comment
    opens with its author's name (a short line) over a date line that holds a time of
    day or a time-ago, then the comment's text.  MIN_COMMENTS such openings after an
    article's worth of prose, and the run ends at the first."""
    prose, first, count = 0, -1, 0
    for i in range(start, end - 2):
        if lines[i].role == "prose" and first < 0:
            prose += lines[i].words
        elif prose >= MIN_ARTICLE_WORDS_BEFORE_TAIL and _opens_comment(lines, i):
            first = i if first < 0 else first
            count += 1
            if count >= MIN_COMMENTS:
                return first
    return end


def _cut_at_testimonials(lines: Sequence[Line], start: int, end: int) -> int:
    """Reviews or testimonials after the article: each a short text signed under it by a
    name that reads as a reader's ("Dawn H.", "Lora D.", "rsf999"), MIN_TESTIMONIALS in
    a row after an article's worth of prose; the run ends at the first review's text."""
    prose, last = 0, -1
    signed: list[int] = []
    for i in range(start + 1, min(len(lines), end + 1)):  # the last name may close it
        line = lines[i]
        if _signs_review(lines, i):
            if signed and i - last > TESTIMONIAL_SPAN:
                signed = []
            if not signed and prose < MIN_ARTICLE_WORDS_BEFORE_TAIL:
                last = i
                continue
            signed.append(i)
            last = i
            if len(signed) >= MIN_TESTIMONIALS:
                first = signed[0] - 1
                return first if lines[first].role in ("prose", "short-prose") else signed[0]
        elif line.role == "prose" and not signed:
            prose += line.words
    return end


def _signs_review(lines: Sequence[Line], i: int) -> bool:
    """A reader's name under a short text: "Dawn H." or a handle, 1 to 4 words."""
    line = lines[i]
    if line.role not in COMMENT_NAME_ROLES | {"short-prose"} or line.words > 4:
        return False
    if lines[i - 1].role not in ("prose", "short-prose"):
        return False
    return bool(READER_NAME.match(line.text) or HANDLE.match(line.text))


def _opens_comment(lines: Sequence[Line], i: int) -> bool:
    """ "Jane Doe says:" / "Jane" over "December 19, 2025 at 10:49 am", then text."""
    name, stamp = lines[i], lines[i + 1]
    if name.role not in COMMENT_NAME_ROLES or name.words > COMMENT_NAME_WORDS:
        return False
    if stamp.role != "date" or (not CLOCK_TIME.search(stamp.text) and "ago" not in stamp.text):
        return False
    return any(line.role in ("prose", "short-prose", "teaser") for line in lines[i + 2 : i + 4])


def _stories_after(line: Line, prose: int, total: int) -> bool:
    """ "You may also like" once most of the run's prose came before it."""
    return (
        line.role in ("section-end", "repeated")
        and line.words <= MAX_SECTION_END_WORDS
        and prose >= TAIL_SHARE * total
        and stories_after(line.text)
    )


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


def _mark_story_cards(lines: list[Line], anchors: dict[int, int]) -> None:
    """Lists of other stories repeat headline, author, date, excerpt: the excerpts are not
    article text, though they read like it.  Three or more date-then-prose pairs make a list.
    The lead right after an article's own dateline (an anchor's) is never a card."""
    leads = {k + 1 for k in anchors.values()}
    cards = [i for i in range(1, len(lines)) if i not in leads and _is_card_excerpt(lines, i)]
    if len(cards) < MIN_STORY_CARDS:
        return
    for i in cards:
        line = lines[i]
        lines[i] = Line(line.index, line.text, line.words, "teaser", SCORES["teaser"] * 2,
                        "excerpt in a list of dated stories")  # fmt: skip


def _is_card_excerpt(lines: Sequence[Line], i: int) -> bool:
    """One prose line after a date, or alone under a headline and a label (a source, a
    section, a byline).  A paragraph right under its subhead is a listicle's item, not a
    card (wcxb text sh4 F1 / titles, in-process: 0.9063 / 544 -> 0.9076 / 547, halves
    even / odd 264 / 280 -> 265 / 282; dev text 0.9603 -> 0.9606; no alone cards at all:
    0.9096 / 548 on wcxb, but dev 0.9575, a list of other stories read as the article).
    Nor is one under a long line that is no prose or under a list's row (wcxb 0.9076 ->
    0.9081, 8 pages better; dev the same): 35 of 45 such lines were the article's."""
    if lines[i].role not in ("prose", "short-prose") or lines[i].words >= MAX_CARD_WORDS:
        return False
    if lines[i - 1].role == "date":
        return True
    alone = i + 1 >= len(lines) or lines[i + 1].role not in ("prose", "short-prose")
    above = [line.role for line in lines[max(0, i - 3) : i]]
    return (
        alone
        and lines[i - 1].role not in ("headline-like", "fragment", "list-row")
        and "headline-like" in above
        and "prose" not in above
    )


def _mark_author_boxes(lines: list[Line]) -> None:
    """ "About Jane Doe" over a paragraph that names her is the author's box: the
    article ended above it."""
    for i, line in enumerate(lines[:-1]):
        name = author_box_name(line.text) if line.words <= 6 else None
        if name is None or lines[i + 1].role not in ("prose", "short-prose"):
            continue
        if any(len(part) >= 3 and part in lines[i + 1].text for part in name.split()):
            lines[i] = Line(line.index, line.text, line.words, "section-end",
                            SCORES["section-end"], AUTHOR_BOX_REASON)  # fmt: skip


def _cut_at_bio(lines: Sequence[Line], start: int, end: int) -> int:
    """The author's bio closing the run under a bare name ("Jane Doe" over "Jane Doe is
    …"), with at most BIO_MAX_LINES lines after the name: the article ended above."""
    for i in range(max(start + 1, end - BIO_MAX_LINES - 1), end - 1):
        if _bio_under_name(lines[i], lines[i + 1]):
            return i
    return end


def _cut_at_prose_bio(lines: Sequence[Line], start: int, end: int) -> int:
    """The author's bio in prose near the run's end, with no header ("Jane Doe is a
    reporter who …", "Hi, I'm Kat!"): once an article's worth of prose came before and
    little article text follows, the run ends there, or at the name line over it."""
    prose = [line.words if line.role == "prose" else 0 for line in lines[start:end]]
    before = 0
    for i in range(start, end):
        line = lines[i]
        if (
            line.role in ("prose", "short-prose")
            and before >= MIN_ARTICLE_WORDS_BEFORE_TAIL
            and (is_bio(line.text[:SIGNAL_CHARS]) or _bio_under_short_name(lines, i))
        ):
            after = sum(prose[i + 1 - start :])
            if after <= BIO_TAIL_SHARE * before:
                return _name_above(lines, start, i)
        before += prose[i - start]
    return end


def _bio_under_short_name(lines: Sequence[Line], i: int) -> bool:
    """ "Stefan" or "Jean-Luc Roe (Acme)" over "Stefan is the founder of …": the bio opens
    with the first name of the name line right above it."""
    above = lines[i - 1]
    if above.role in ("prose", "short-prose") or above.words > 4 or not above.text[:1].isupper():
        return False
    first = above.text.split()[0]
    return is_bio(lines[i].text[:SIGNAL_CHARS], name=first)


def _name_above(lines: Sequence[Line], start: int, i: int) -> int:
    """The bio's first line, or the author's name line right over it ("Jane Doe" over
    "Jane Doe is …" or "Hi, I'm Jane!", "Written by Jane Doe", "Reviewed by,")."""
    opening = lines[i].text[:BIO_NAME_CHARS]
    k = i
    while k - 1 > start and i - (k - 1) <= BIO_NAME_REACH:
        above = lines[k - 1]
        if above.role in ("prose", "short-prose", "list-row") or above.words > 6:
            break
        k -= 1
        names = [word for word in re.findall(r"[A-Z][\w’'-]{2,}", above.text) if word in opening]
        if names or re.search(r"\bby\b", above.text, re.IGNORECASE):
            return k
    return i


def _bio_under_name(line: Line, below: Line) -> bool:
    """ "Jane Doe" over "Jane Doe is a reporter who …": a bio under its author's name."""
    if line.words > 4 or below.role != "prose" or not BARE_NAME.match(line.text):
        return False
    return below.text.startswith(line.text) and bool(BIO_VERB.match(below.text[len(line.text) :]))


def _mark_item_labels(lines: list[Line]) -> None:
    """Short lines a page repeats ITEM_LABEL_TIMES or more ("Pros", "Cons", "Best
    prices today:", "Retailer") are the labels and widgets of each item of a listicle
    or a review: furniture, but furniture inside the article, which the body run
    crosses without a growing cost."""
    counts = Counter(line.text for line in lines if line.words <= ITEM_LABEL_WORDS)
    for line in lines:
        if counts.get(line.text, 0) >= ITEM_LABEL_TIMES and line.role in ITEM_LABEL_ROLES:
            line.recurrent = True


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


def _fallback_body(
    lines: Sequence[Line],
) -> tuple[int, int, tuple[BodyBlock, ...], tuple[Decision, ...]]:
    """No line reads as article text (a page whose text a script puts in): the page's
    densest block of wordy lines that are not furniture, each marked as a fallback."""
    rescored = [
        Line(line.index, line.text, line.words, line.role,
             float(line.words) if _fallback_line(line) else -float(FALLBACK_WORDS), line.reason)
        for line in lines
    ]  # fmt: skip
    _, (start, end) = _best_run(rescored)
    body: list[BodyBlock] = []
    decisions: list[Decision] = []
    for i, line in enumerate(lines):
        if start <= i < end and _fallback_line(line):
            body.append(BodyBlock("paragraph", line.text))
            decisions.append(
                Decision(line.text, True, f"fallback, no prose on the page: {line.reason}")
            )
        else:
            decisions.append(Decision(line.text, False, f"outside the article: {line.reason}"))
    if sum(len(block.text.split()) for block in body) < FALLBACK_MIN_WORDS:
        reason = "no article text on the page (too little text even for a fallback)"
        return (
            0,
            0,
            (),
            tuple(Decision(line.text, False, f"{reason}: {line.reason}") for line in lines),
        )
    return start, end, tuple(body), tuple(decisions)


def _fallback_line(line: Line) -> bool:
    return line.words >= FALLBACK_WORDS and line.role not in FALLBACK_NEVER


def _field_row(line: Line) -> bool:
    """ "Label: value", the label one to three words, not in capitals ("UPDATED: …")."""
    return (
        line.role in ("headline-like", "navigation", "fragment")
        and line.words <= MAX_FIELD_ROW_WORDS
        and bool(FIELD_ROW.match(line.text))
    )


def _in_field_table(lines: Sequence[Line], i: int) -> bool:
    """Whether a field row stands with another one, under no section end or boilerplate."""
    if not any(_field_row(lines[k]) for k in (i - 1, i + 1) if 0 <= k < len(lines)):
        return False
    k = i
    while k > 0 and _field_row(lines[k]):
        k -= 1
    return lines[k].role not in ("section-end", "boilerplate")


def _select_body(
    lines: Sequence[Line], start: int, end: int
) -> tuple[tuple[BodyBlock, ...], tuple[Decision, ...]]:
    body: list[BodyBlock] = []
    decisions: list[Decision] = []
    choices = [
        _keep(lines, i, line, start, end) if start <= i < end else (False, "", "")
        for i, line in enumerate(lines)
    ]
    again = _repeated_blocks(lines, [keep for keep, _, _ in choices])
    for i, line in enumerate(lines):
        inside = start <= i < end
        keep, kind, reason = choices[i]
        if keep and i in again:
            decisions.append(Decision(line.text, False, "the same text again (kept once)"))
            continue
        if keep:
            body.append(BodyBlock(kind, line.text))  # type: ignore[arg-type]
            decisions.append(Decision(line.text, True, reason))
        else:
            where = line.reason if inside else f"outside the article: {line.reason}"
            decisions.append(Decision(line.text, False, where))
    return tuple(body), tuple(decisions)


def _repeated_blocks(lines: Sequence[Line], kept: Sequence[bool]) -> set[int]:
    """Kept lines that repeat earlier kept text: a caption under its twin, a card or
    the article shown twice.  A question may come again (an interview asks each guest
    the same one), and a short line (a subhead, a label) may."""
    seen: set[str] = set()
    again: set[int] = set()
    for i, line in enumerate(lines):
        if not kept[i]:
            continue
        if line.text in seen and line.words >= REPEAT_MIN_WORDS and not line.text.endswith("?"):
            again.add(i)
        seen.add(line.text)
    return again


def _keep(
    lines: Sequence[Line], i: int, line: Line, start: int = 0, end: int = 0
) -> tuple[bool, str, str]:
    """Whether a line inside the body run is article text, and as what."""
    if line.role == "prose":
        kind = "quote" if line.text[:1] in '"“«„' and line.text[-1:] in '"”»' else "paragraph"
        return True, kind, "article text"
    if line.role == "short-prose":
        return True, "paragraph", "short paragraph inside the article"
    if line.role == "list-row":
        return True, "list-item", "list or table introduced by the article"
    if _field_row(line) and _in_field_table(lines, i):
        return True, "list-item", "row of a table in the article (label: value)"
    if line.role == "teaser":  # a cut-off or card-like line the run holds (dev / wcxb sh4
        # F1 text track: dropped 0.925 / 0.873, kept 0.926 / 0.874)
        return True, "paragraph", "excerpt-like line inside the article"
    # Keeping every other fragment, every subhead over a paragraph or every short line of
    # the run helps wcxb (0.878, 0.876, 0.880) and costs dev (0.924, 0.925, 0.923) the
    # related-story links embedded in articles: only those between paragraphs, below.
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
    if line.role in ("headline-like", "navigation", "fragment") and _between_paragraphs(
        lines, i, start, end
    ):
        return True, "list-item", "short line between paragraphs of the article"
    return False, "", line.reason


def _in_block(line: Line) -> bool:
    """A short line of a block, or an item's label that other pages share too ("Pros"
    over the item's list; a widget's own lines, "Retailer", stay out)."""
    return line.role in BLOCK_ROLES or (line.recurrent and line.role == "repeated")


def _between_paragraphs(lines: Sequence[Line], i: int, start: int, end: int) -> bool:
    """Whether a block of short lines around ``i`` has article text on both sides
    inside the run (a list of features, a table's rows, the steps of a recipe)."""
    before = i - 1
    while before >= start and _in_block(lines[before]) and i - before <= MAX_BLOCK:
        before -= 1
    after = i + 1
    while after < end and _in_block(lines[after]) and after - i <= MAX_BLOCK:
        after += 1
    return (
        before >= start
        and after < end
        and lines[before].role in PARAGRAPH_ROLES
        and lines[after].role in PARAGRAPH_ROLES
    )
