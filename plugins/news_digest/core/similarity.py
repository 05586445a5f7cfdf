"""Sparse TF-IDF vectors and each brief's nearest neighbours, without comparing every pair.

The vectors are one SciPy CSR matrix (rows are briefs, L2-normalised sublinear
TF-IDF).  Candidates come from a pruned copy that keeps only each brief's
strongest terms and drops terms strong in too many briefs: multiplying it by
its transpose is an inverted-index lookup done in compiled code, chunk by chunk
so memory stays flat.  Only the best candidates get their exact cosine.

Everything is deterministic: ties are broken by row number (briefs are sorted
by slug before they get one), and sums run in a fixed order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import numpy.typing as npt
from scipy import sparse

from news_digest.core.terms import unpack

# IDF as if the corpus also held this many documents without the term: a digest of
# a handful of briefs then still weighs shared names more than shared stop-like words,
# and one added brief moves every IDF by very little (stability of links).
BACKGROUND_DOCUMENTS = 100
ROWS_PER_CHUNK = 500  # bounds the candidate product's memory at any corpus size
# Rows per block when building or pruning a matrix: 5,000 briefs' temporaries are some
# 50 MB; the whole corpus' at once were 1 GB at 100,000 briefs (2026-12-01).
ROWS_PER_BLOCK = 5000


class Neighbours:
    """Each row's neighbours, best first, in flat arrays as CSR keeps a matrix's rows.

    16 bytes a pair: lists of (row, cosine) tuples took 200 (981,240 story pairs of
    100,000 synthetic briefs: 196 MB, 2026-12-01).  A row's list is made when asked for.
    """

    def __init__(
        self,
        indptr: npt.NDArray[np.int64],
        others: npt.NDArray[np.int64],
        cosines: npt.NDArray[np.float64],
    ) -> None:
        self.indptr, self.others, self.cosines = indptr, others, cosines

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def __getitem__(self, row: int) -> list[tuple[int, float]]:
        low, high = self.indptr[row], self.indptr[row + 1]
        return list(
            zip(self.others[low:high].tolist(), self.cosines[low:high].tolist(), strict=True)
        )

    def __iter__(self) -> Iterator[list[tuple[int, float]]]:
        return (self[row] for row in range(len(self)))

    def pairs(self) -> Iterator[tuple[int, int, float]]:
        """(row, other, cosine) for every pair, rows in order, each row's best first."""
        for start in range(0, len(self), ROWS_PER_BLOCK):
            stop = min(len(self), start + ROWS_PER_BLOCK)
            low, high = self.indptr[start], self.indptr[stop]
            rows = np.repeat(np.arange(start, stop), np.diff(self.indptr[start : stop + 1]))
            yield from zip(
                rows.tolist(),
                self.others[low:high].tolist(),
                self.cosines[low:high].tolist(),
                strict=True,
            )


def tfidf_matrix(packed_terms: Sequence[bytes]) -> sparse.csr_matrix:
    """Row i: the L2-normalised TF-IDF vector of brief i (columns: hashed terms).

    Filled ``ROWS_PER_BLOCK`` rows at a time into arrays made once (float64 weights,
    int32 columns), so the only corpus-wide temporaries are the term hashes and
    their sorted vocabulary; the arithmetic per row is the one of a whole-corpus pass.
    """
    unpacked = [unpack(p) for p in packed_terms]
    lengths = np.array([len(ids) for ids, _ in unpacked], dtype=np.int64)
    n = len(unpacked)
    if n == 0 or lengths.sum() == 0:
        return sparse.csr_matrix((n, 0), dtype=np.float64)
    vocabulary, frequency = np.unique(
        np.concatenate([ids for ids, _ in unpacked]), return_counts=True
    )
    idf = np.log((n + BACKGROUND_DOCUMENTS) / (frequency + 0.5))
    del frequency
    indptr = np.concatenate(([0], np.cumsum(lengths)))
    data = np.empty(int(indptr[-1]), dtype=np.float64)
    indices = np.empty(int(indptr[-1]), dtype=np.int32)
    for start in range(0, n, ROWS_PER_BLOCK):
        stop = min(n, start + ROWS_PER_BLOCK)
        low, high = indptr[start], indptr[stop]
        block = unpacked[start:stop]
        columns = np.searchsorted(vocabulary, np.concatenate([ids for ids, _ in block]))
        counts = np.concatenate([c for _, c in block]).astype(np.float64)
        weights = (1 + np.log(counts)) * idf[columns]
        rows = np.repeat(np.arange(stop - start), lengths[start:stop])
        norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=stop - start))
        weights /= np.where(norms > 0, norms, 1.0)[rows]
        data[low:high] = weights
        indices[low:high] = columns
    del unpacked
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(n, len(vocabulary)))
    matrix.eliminate_zeros()
    return matrix


def nearest_neighbours(
    matrix: sparse.csr_matrix, terms_per_row: int, max_posting: int, per_row: int
) -> Neighbours:
    """For each row, up to ``per_row`` other rows by exact cosine, best first (ties: row)."""
    n = matrix.shape[0]
    pruned = _strongest_terms(matrix, terms_per_row, max_posting)
    transposed = pruned.T.tocsr()
    firsts: list[npt.NDArray[np.int64]] = []
    seconds: list[npt.NDArray[np.int64]] = []
    for start in range(0, n, ROWS_PER_CHUNK):
        product = pruned[start : start + ROWS_PER_CHUNK] @ transposed
        for local in range(product.shape[0]):
            low, high = product.indptr[local], product.indptr[local + 1]
            best = _top(product.indices[low:high], product.data[low:high], start + local, per_row)
            firsts.append(np.full(len(best), start + local, dtype=np.int64))
            seconds.append(best)
    if not firsts:
        return Neighbours(np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    first, second = np.concatenate(firsts), np.concatenate(seconds)
    del firsts, seconds
    cosines = np.round(_pair_cosines(matrix, first, second), 4)
    order = np.lexsort((second, -cosines, first))
    indptr = np.concatenate(([0], np.cumsum(np.bincount(first, minlength=n))))
    return Neighbours(indptr, second[order], cosines[order])


def _top(
    columns: npt.NDArray[np.int32], scores: npt.NDArray[np.float64], row: int, count: int
) -> npt.NDArray[np.int64]:
    """The ``count`` best columns of one row but itself: score descending, then column.

    A partition finds the count-th best score, so only the few entries at or
    above it are sorted (a full sort of every candidate cost most of the time);
    taking every tie at that score keeps the choice independent of entry order.
    """
    keep = columns != row
    others: npt.NDArray[np.int64] = columns[keep].astype(np.int64)
    values = scores[keep]
    if len(values) > count:
        threshold = np.partition(values, len(values) - count)[len(values) - count]
        above = values >= threshold
        others, values = others[above], values[above]
    best: npt.NDArray[np.int64] = others[np.lexsort((others, -values))][:count]
    return best


def _strongest_terms(
    matrix: sparse.csr_matrix, terms_per_row: int, max_posting: int
) -> sparse.csr_matrix:
    """Each row's ``terms_per_row`` heaviest terms, minus terms strong in too many rows.

    Row blocks one after another (a row's choice depends on that row alone), so the
    sort's temporaries are a block's, not the corpus' (100,000 briefs: ~1 GB less).
    """
    matrix.sort_indices()
    n = matrix.shape[0]
    kept: list[npt.NDArray[np.int64]] = []
    for start in range(0, n, ROWS_PER_BLOCK):
        stop = min(n, start + ROWS_PER_BLOCK)
        low = int(matrix.indptr[start])
        rows = np.repeat(np.arange(start, stop), np.diff(matrix.indptr[start : stop + 1]))
        order = _best_first_within_rows(rows, matrix.data[low : low + len(rows)])
        kept.append(low + np.sort(order[_rank_within_groups(rows[order]) < terms_per_row]))
    keep = np.concatenate(kept) if kept else np.zeros(0, dtype=np.int64)
    rows = np.searchsorted(matrix.indptr, keep, side="right") - 1
    pruned = sparse.csr_matrix(
        (matrix.data[keep], (rows, matrix.indices[keep])), shape=matrix.shape
    )
    posting = np.bincount(pruned.indices, minlength=matrix.shape[1])
    common = posting[pruned.indices] > max_posting
    pruned.data[common] = 0.0
    pruned.eliminate_zeros()
    return pruned


def _best_first_within_rows(
    rows: npt.NDArray[np.int64], scores: npt.NDArray[np.float64]
) -> npt.NDArray[np.int64]:
    """Order of entries by row, then score descending, then position (column order).

    One stable sort of a single float key is several times faster than a
    three-key lexsort; scores are in (0, 1], so the key keeps about 30 bits
    of score below the row number, and closer scores tie, broken by column.
    """
    key = rows + (1.0 - np.clip(scores, 0.0, 1.0)) * 0.999
    return np.argsort(key, kind="stable")


def _rank_within_groups(groups: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """0, 1, 2... restarting where the (sorted) group value changes."""
    if len(groups) == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    lengths = np.diff(np.r_[starts, len(groups)])
    return np.arange(len(groups)) - np.repeat(starts, lengths)


def _pair_cosines(
    matrix: sparse.csr_matrix, first: npt.NDArray[np.int64], second: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """Exact cosine of each (first[k], second[k]); each unordered pair computed once."""
    low, high = np.minimum(first, second), np.maximum(first, second)
    keys, back = np.unique(low * matrix.shape[0] + high, return_inverse=True)
    a_rows, b_rows = keys // matrix.shape[0], keys % matrix.shape[0]
    values = np.empty(len(keys))
    step = 20 * ROWS_PER_CHUNK
    for start in range(0, len(keys), step):
        a = matrix[a_rows[start : start + step]]
        b = matrix[b_rows[start : start + step]]
        values[start : start + step] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return values[back]
