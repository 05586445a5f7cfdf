"""Stories: the reports of one event, grouped by average-link clustering.

A report joins a story by its similarity to the story as a whole (the average
over every pair of reports), never through one member, so two different events
of the same kind (two earthquakes, two rate decisions) do not chain together.

Each brief gets a *story vector*: its body's TF-IDF terms plus its rarer named
entities and figures, weighted and L2-normalised.  With unit rows, the average
cosine between two clusters is the dot product of their sum vectors divided by
their sizes, so the average link is exact and cheap.  Candidate pairs come from
the sparse nearest-neighbour search (no pair-by-pair comparison); clusters merge
best pair first while the average stays above the threshold and their dates stay
within the window.  Entities and figures also carry stories across languages:
two reports with the same names, numbers and day share them whatever words
they are written in.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta

import numpy as np
import numpy.typing as npt
from scipy import sparse

from news_digest.core.link_options import StoryOptions
from news_digest.core.models import Brief
from news_digest.core.similarity import ROWS_PER_BLOCK, nearest_neighbours

# A sparse vector as (sorted column numbers, weights).
_Vector = tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]]

# A name or figure shared by this many briefs can still tell one event: in a small
# digest, a share of the briefs would be two or three.
COMMON_FEATURE_FLOOR = 10


def story_vectors(
    words: sparse.csr_matrix,
    briefs: Sequence[Brief],
    options: StoryOptions,
    rows: Sequence[int] | None = None,
) -> sparse.csr_matrix:
    """Rows: each brief's words (unit TF-IDF rows), rare entities and figures, weighted.

    ``rows``: the rows of ``words`` that hold ``briefs`` (default: all, in order).  The
    result is filled ``ROWS_PER_BLOCK`` briefs at a time into arrays made once, so the
    word matrix is never copied whole (100,000 briefs: ~600 MB less at the peak).
    """
    names = [{e.name.casefold() for e in b.entities if e.kind != "topic"} for b in briefs]
    numbers = [set(b.figures) for b in briefs]
    extras = [
        math.sqrt(weight) * _unit_rows(_idf_rows(features, options))
        for features, weight in ((names, options.entity_weight), (numbers, options.figure_weight))
    ]
    del names, numbers
    chosen = np.arange(words.shape[0]) if rows is None else np.asarray(rows, dtype=np.int64)
    lengths = np.diff(words.indptr)[chosen] + sum(np.diff(e.indptr) for e in extras)
    indptr = np.concatenate(([0], np.cumsum(lengths)))
    data = np.empty(int(indptr[-1]), dtype=np.float64)
    indices = np.empty(int(indptr[-1]), dtype=np.int32)
    n = len(chosen)
    for start in range(0, n, ROWS_PER_BLOCK):
        stop = min(n, start + ROWS_PER_BLOCK)
        parts = [words[chosen[start:stop]], *(e[start:stop] for e in extras)]
        block = _unit_rows(sparse.hstack(parts, format="csr"))
        data[indptr[start] : indptr[stop]] = block.data
        indices[indptr[start] : indptr[stop]] = block.indices
    columns = words.shape[1] + sum(e.shape[1] for e in extras)
    return sparse.csr_matrix((data, indices, indptr), shape=(n, columns))


def _idf_rows(features: Sequence[set[str]], options: StoryOptions) -> sparse.csr_matrix:
    """Binary features weighted by IDF; those in too many briefs dropped."""
    n = len(features)
    frequency = Counter(f for row in features for f in row)
    limit = max(COMMON_FEATURE_FLOOR, options.common_feature_share * n)
    vocabulary = {f: k for k, f in enumerate(sorted(f for f, c in frequency.items() if c <= limit))}
    rows, columns, values = [], [], []
    for r, row in enumerate(features):
        for f in sorted(row):
            if f in vocabulary:
                rows.append(r)
                columns.append(vocabulary[f])
                values.append(math.log((n + 10) / (frequency[f] + 0.5)))
    shape = (n, max(1, len(vocabulary)))
    return sparse.csr_matrix((values, (rows, columns)), shape=shape, dtype=np.float64)


def _unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Rows scaled to length 1, in place (no copy of a matrix of every brief)."""
    matrix = matrix.tocsr()
    lengths = np.diff(matrix.indptr)
    rows = np.repeat(np.arange(matrix.shape[0]), lengths)
    norms = np.sqrt(np.bincount(rows, weights=matrix.data**2, minlength=matrix.shape[0]))
    matrix.data /= np.where(norms > 0, norms, 1.0)[rows]
    return matrix


def group_stories(
    vectors: sparse.csr_matrix, dates: Sequence[datetime], options: StoryOptions
) -> list[list[int]]:
    """Groups of two rows or more (each sorted), by average link within the window."""
    neighbours = nearest_neighbours(
        vectors, options.terms_per_brief, options.max_posting, options.candidates
    )
    clusters = _Clusters(vectors, dates, options)
    for i, j, cosine in neighbours.pairs():
        clusters.connect(i, j, cosine)
    del neighbours
    clusters.merge_all()
    return sorted(sorted(m) for m in clusters.members.values() if len(m) > 1)


class _Clusters:
    """Agglomerative average-link over a sparse graph of candidate pairs."""

    def __init__(
        self, vectors: sparse.csr_matrix, dates: Sequence[datetime], options: StoryOptions
    ) -> None:
        self.options = options
        self.gap, self.span = timedelta(days=options.gap_days), timedelta(days=options.span_days)
        self.members: dict[int, list[int]] = {i: [i] for i in range(vectors.shape[0])}
        # Sum vectors as (sorted columns, weights) arrays, made when a group first merges
        # (most briefs never do; a single brief's row is used as it is): 12 bytes an
        # entry, where {column: weight} dicts took some 90 (100,000 synthetic briefs:
        # 3.7 million entries in 7,846 groups, 245 MB as dicts, 2026-12-01).
        self.vectors = vectors
        self.sums: dict[int, _Vector] = {}
        self.spans: dict[int, tuple[datetime, datetime]] = {i: (d, d) for i, d in enumerate(dates)}
        self.links: dict[int, set[int]] = {i: set() for i in self.members}
        self.version: dict[int, int] = dict.fromkeys(self.members, 0)
        # The average link of every linked pair of groups known so far, by (low, high):
        # after a merge, Lance and Williams' formula gives the new group's average with
        # a neighbour from the two old ones, with no dot product.
        self.known: dict[tuple[int, int], float] = {}
        self.heap: list[tuple[float, int, int, int, int]] = []

    def connect(self, i: int, j: int, cosine: float) -> None:
        """A candidate pair of single briefs; their average link is their cosine."""
        if i != j and j not in self.links[i]:
            self.links[i].add(j)
            self.links[j].add(i)
            a, b = min(i, j), max(i, j)
            self.known[a, b] = cosine
            if cosine >= self.options.threshold:
                heapq.heappush(self.heap, (-round(cosine, 6), a, b, 0, 0))

    def _vector(self, i: int) -> _Vector:
        """A group's sum vector; for a single brief, its row (views, no copy)."""
        total = self.sums.get(i)
        if total is not None:
            return total
        low, high = self.vectors.indptr[i], self.vectors.indptr[i + 1]
        return self.vectors.indices[low:high], self.vectors.data[low:high]

    def _average(self, a: int, b: int) -> float:
        """Average link: the dot product of the two sum vectors over their sizes.

        ``math.fsum`` of the products is exact, so the order in which they are found
        does not change the score."""
        (columns_a, weights_a), (columns_b, weights_b) = sorted(
            (self._vector(a), self._vector(b)), key=lambda vector: len(vector[0])
        )  # the shorter one looked up in the longer: a large group's sum is looked up in
        # by a single brief's row, not the other way round (same products, same fsum)
        dot = 0.0
        if len(columns_a) and len(columns_b):
            at = np.minimum(np.searchsorted(columns_b, columns_a), len(columns_b) - 1)
            hit = columns_b[at] == columns_a
            dot = math.fsum((weights_a[hit] * weights_b[at[hit]]).tolist())
        return round(dot / (len(self.members[a]) * len(self.members[b])), 6)

    def _push(self, a: int, b: int, score: float | None = None) -> None:
        if score is None:
            score = self._average(a, b)
        self.known[a, b] = score
        if score >= self.options.threshold:
            heapq.heappush(self.heap, (-score, a, b, self.version[a], self.version[b]))

    def _in_window(self, a: int, b: int) -> bool:
        (first_a, last_a), (first_b, last_b) = self.spans[a], self.spans[b]
        gap = max(first_a, first_b) - min(last_a, last_b)
        span = max(last_a, last_b) - min(first_a, first_b)
        return gap <= self.gap and span <= self.span

    def merge_all(self) -> None:
        """Best pair first (ties: lowest rows), until no pair is close enough."""
        while self.heap:
            _, a, b, version_a, version_b = heapq.heappop(self.heap)
            if self.version.get(a) != version_a or self.version.get(b) != version_b:
                continue  # one of them merged since: a fresher entry exists
            if self._in_window(a, b):
                self._merge(a, b)

    def _merge(self, keep: int, gone: int) -> None:
        size_keep, size_gone = len(self.members[keep]), len(self.members[gone])
        linked = (self.links[keep] | self.links.pop(gone)) - {keep, gone}
        before = {other: (self._known(keep, other), self._known(gone, other)) for other in linked}
        self.members[keep] += self.members.pop(gone)
        columns_keep, weights_keep = self._vector(keep)
        columns_gone, weights_gone = self._vector(gone)
        self.sums.pop(gone, None)
        columns = np.union1d(columns_keep, columns_gone)
        weights = np.zeros(len(columns))
        weights[np.searchsorted(columns, columns_keep)] = weights_keep
        weights[np.searchsorted(columns, columns_gone)] += weights_gone
        self.sums[keep] = (columns, weights)  # a merged group always has its sum vector
        (first_a, last_a), (first_b, last_b) = self.spans[keep], self.spans.pop(gone)
        self.spans[keep] = (min(first_a, first_b), max(last_a, last_b))
        self.version[keep] += 1
        del self.version[gone]
        self.links[keep] = linked
        for other in sorted(linked):
            self.links[other].discard(gone)
            self.links[other].add(keep)
            with_keep, with_gone = before[other]
            score = None
            if with_keep is not None and with_gone is not None:  # Lance-Williams
                mean = (size_keep * with_keep + size_gone * with_gone) / (size_keep + size_gone)
                score = round(mean, 6)
            self._push(min(keep, other), max(keep, other), score)

    def _known(self, a: int, b: int) -> float | None:
        return self.known.pop((min(a, b), max(a, b)), None)
