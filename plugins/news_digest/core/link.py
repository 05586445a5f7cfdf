"""Link stage: duplicates merged, related briefs with reasons, stories, estimated dates.

Similarity is the cosine of sublinear TF-IDF vectors over cleaned bodies,
blended with the overlap of named entities.  Candidates come from each brief's
strongest terms (similarity.py: a sparse product that works as an inverted
index, very common terms skipped), so the cost grows with the corpus, not with
its square.  Every score is rounded
and ties are broken by slug, so output is stable: a new unrelated brief changes
IDF only slightly and cannot push an existing link across a rounded boundary
unless the two scores were already within the rounding step.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from itertools import pairwise

from scipy import sparse

from news_digest.core.dates import estimated_day, horizon, is_estimated
from news_digest.core.link_options import LinkOptions
from news_digest.core.models import Brief, LinkedBrief, RelatedLink
from news_digest.core.similarity import Neighbours, nearest_neighbours, tfidf_matrix
from news_digest.core.stories import group_stories, story_vectors


def link_briefs(briefs: Sequence[Brief], options: LinkOptions) -> tuple[LinkedBrief, ...]:
    """Place every brief in the corpus; output sorted newest first (an estimated date
    after a real one of the same moment), then by slug."""
    ordered = sorted(briefs, key=lambda b: b.slug)
    matrix = tfidf_matrix([b.terms for b in ordered])
    neighbours = nearest_neighbours(
        matrix, options.terms_per_brief, options.max_posting, options.candidates
    )
    merged, members = _merge_duplicates(ordered, neighbours, options)
    survivors = {members_of[0] for members_of in members.values()}
    owner = {k: base for base, group in members.items() for k in group}
    names = [_entity_names(b) for b in ordered]
    scores = {
        i: _related_scores(i, names, neighbours, survivors, members, owner, options)
        for i in survivors
    }
    dates = _dates(ordered, merged, scores, survivors, options)
    del neighbours, names, owner  # the story stage needs the memory (100,000 briefs: ~1 GB)
    # A brief dated only by estimate (from its neighbours) cannot be placed in time: it
    # stays out of stories, or the neighbour that dated it would pull it into its own.
    rows = sorted(i for i in survivors if not is_estimated(dates[i][1]))
    vectors = story_vectors(matrix, [merged[i] for i in rows], options.stories, rows)
    del matrix  # the words live on in the story vectors (100,000 briefs: ~360 MB)
    stories = _stories(ordered, merged, vectors, rows, dates, options)
    linked = []
    every_name = {i: frozenset(e.name for e in merged[i].entities) for i in survivors}
    for i in sorted(survivors):
        related = tuple(
            RelatedLink(ordered[j].slug, score, _shared(merged[i], every_name[j]))
            for j, score in scores[i][: options.max_related]
        )
        date, source = dates[i]
        linked.append(LinkedBrief(merged[i], related, stories.get(i), date, source))
    return tuple(sorted(linked, key=_newest_first))


def _newest_first(linked: LinkedBrief) -> tuple[float, bool, str]:
    return (-linked.date.timestamp(), is_estimated(linked.date_source), linked.brief.slug)


# --- duplicates ----------------------------------------------------------------------


def _shingles(brief: Brief, size: int = 5) -> set[str]:
    """Word 5-grams, numbers included: two reports that differ only in figures differ."""
    words = re.findall(r"\w+", " ".join(block.text for block in brief.body).casefold())
    return {" ".join(words[k : k + size]) for k in range(max(1, len(words) - size + 1))}


def _merge_duplicates(
    briefs: Sequence[Brief],
    neighbours: Neighbours,
    options: LinkOptions,
) -> tuple[dict[int, Brief], dict[int, list[int]]]:
    """Union near-identical briefs; each group becomes its richest member, all seeds listed."""
    parent = list(range(len(briefs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_hash: defaultdict[str, list[int]] = defaultdict(list)
    for i, brief in enumerate(briefs):
        by_hash[brief.content_hash].append(i)
    for group in by_hash.values():
        for j in group[1:]:
            parent[find(j)] = find(group[0])
    shingle_cache: dict[int, set[str]] = {}
    for i, candidates in enumerate(neighbours):
        for j, cosine in candidates:
            if cosine < options.duplicate_cosine or find(i) == find(j):
                continue
            a = shingle_cache.setdefault(i, _shingles(briefs[i]))
            b = shingle_cache.setdefault(j, _shingles(briefs[j]))
            if len(a & b) / max(1, min(len(a), len(b))) >= options.duplicate_shingles:
                parent[find(j)] = find(i)
    groups: defaultdict[int, list[int]] = defaultdict(list)
    for i in range(len(briefs)):
        groups[find(i)].append(i)
    merged: dict[int, Brief] = {}
    members: dict[int, list[int]] = {}
    for group in groups.values():
        base = min(group, key=lambda k: _richness(briefs[k]))
        ordered = [base, *sorted(k for k in group if k != base)]
        merged[base] = _combine([briefs[k] for k in ordered], options.max_tags)
        members[base] = ordered
    return merged, members


def _richness(brief: Brief) -> tuple[int, int, int, str]:
    """Sort key: the member with the most metadata and the longest body comes first."""
    known = sum(x is not None for x in (brief.date, brief.url, brief.outlet)) + bool(brief.authors)
    return (-known, -brief.word_count, len(brief.seeds[0]), brief.slug)


def _combine(group: Sequence[Brief], max_tags: int) -> Brief:
    if len(group) == 1:
        return group[0]
    base = group[0]
    return replace(
        base,
        seeds=tuple(sorted({seed for b in group for seed in b.seeds})),
        authors=tuple(dict.fromkeys(a for b in group for a in b.authors)),
        tags=tuple(dict.fromkeys(t for b in group for t in b.tags))[:max_tags],
        outlet=base.outlet or next((b.outlet for b in group if b.outlet), None),
        url=base.url or next((b.url for b in group if b.url), None),
        date=base.date or next((b.date for b in group if b.date), None),
    )


# --- related, dates, stories ----------------------------------------------------------


def _entity_names(brief: Brief) -> frozenset[str]:
    return frozenset(e.name for e in brief.entities if e.kind != "topic")


def _related_scores(
    i: int,
    names: Sequence[frozenset[str]],
    neighbours: Neighbours,
    survivors: set[int],
    members: dict[int, list[int]],
    owner: dict[int, int],
    options: LinkOptions,
) -> list[tuple[int, float]]:
    """Related survivors of brief i, best first: 0.7 x body cosine + 0.3 x entity overlap."""
    mine = names[i]
    candidates: dict[int, float] = {}
    for k in members[i]:
        for j, cosine in neighbours[k]:
            target = owner[j]
            if target == i or target not in survivors:
                continue
            theirs = names[target]
            common = len(mine & theirs)
            either = len(mine) + len(theirs) - common  # no union made: 1.5 million pairs
            overlap = common / either if either else 0.0
            score = round(0.7 * cosine + 0.3 * overlap, 2)
            candidates[target] = max(candidates.get(target, 0.0), score)
    ranked = sorted(candidates.items(), key=lambda item: (-item[1], item[0]))  # index: slug order
    return [(j, s) for j, s in ranked if s >= options.min_similarity]


def _shared(a: Brief, theirs: frozenset[str]) -> tuple[str, ...]:
    """Why two briefs are linked: shared entities (most mentioned first), then topics."""
    shared = [e for e in a.entities if e.name in theirs]
    named = [e.name for e in shared if e.kind != "topic"]
    topics = [e.name for e in shared if e.kind == "topic"]
    return tuple((named + topics)[:4])


def _dates(
    briefs: Sequence[Brief],
    merged: dict[int, Brief],
    scores: dict[int, list[tuple[int, float]]],
    survivors: Iterable[int],
    options: LinkOptions,
) -> dict[int, tuple[datetime, str]]:
    """Dated briefs keep their date; undated ones get one by the documented rule.

    A date after the corpus' newest evidence (``dates.horizon``) is refused first.
    An estimate is a day, never a time: the related brief's (or the newest) day at
    00:00 in its offset, so newest-first lists show it after that day's real dates.
    """
    dates: dict[int, tuple[datetime, str]] = {}
    stated = {i: merged[i].date for i in survivors if merged[i].date is not None}
    limit = horizon((d, merged[i].date_source) for i, d in stated.items() if d is not None)
    known = {i: d for i, d in stated.items() if d is not None and (limit is None or d <= limit)}
    latest = max(known.values(), default=None)
    for i in survivors:
        brief = merged[i]
        if i in known:
            dates[i] = (known[i], brief.date_source or "unknown")
        elif (nearest := next((j for j, _ in scores[i] if j in known), None)) is not None:
            dates[i] = (estimated_day(known[nearest]), "estimated:related")
        elif latest is not None:
            dates[i] = (estimated_day(latest), "estimated:corpus-latest")
        else:
            dates[i] = (estimated_day(options.fallback_date), "estimated:fallback")
    del briefs
    return dates


def _stories(
    briefs: Sequence[Brief],
    merged: dict[int, Brief],
    vectors: sparse.csr_matrix,
    rows: list[int],
    dates: dict[int, tuple[datetime, str]],
    options: LinkOptions,
) -> dict[int, str]:
    """Reports of one event, by average link over story vectors (core/stories.py), and
    the very same long headline within the window (a page's dump and its HTML, even
    when one of them was cleaned badly).  A story is named after its first report."""
    groups = group_stories(vectors, [dates[i][0] for i in rows], options.stories)
    parent = {i: i for i in rows}

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    for group in groups:
        for k in group[1:]:
            join(rows[group[0]], rows[k])
    window = timedelta(days=options.stories.gap_days)
    by_title: defaultdict[str, list[int]] = defaultdict(list)
    for i in rows:
        title_words = re.findall(r"\w+", merged[i].title.casefold())
        if len(title_words) >= options.story_title_words:
            by_title[" ".join(title_words)].append(i)
    for same_title in by_title.values():
        by_date = sorted(same_title, key=lambda k: (dates[k][0], k))
        for i, j in pairwise(by_date):
            if abs(dates[i][0] - dates[j][0]) <= window:
                join(i, j)
    members: defaultdict[int, list[int]] = defaultdict(list)
    for i in rows:
        members[find(i)].append(i)
    stories: dict[int, str] = {}
    for group in members.values():
        if len(group) < 2:
            continue
        first = min(group, key=lambda k: (dates[k][0], briefs[k].slug))
        for k in group:
            stories[k] = f"story-{briefs[first].slug}"
    return stories
