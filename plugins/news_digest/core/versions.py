"""Versions of one article: the fetcher keeps a changed entry as a new seed beside the
old one (``<seed>.v2.html``, never overwriting), and the digest shows one brief.

Briefs of one feed entry (same source folder, same entry id) fold into the newest
version's brief, at the first version's address: it lists every version's seed, oldest
first, carries the time the
newest was fetched as ``updated``, and says in words what changed since the version
before (paragraphs added and removed, figures that are new or gone).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import PurePosixPath

from news_digest.core.models import Brief

_VERSION = re.compile(r"\.v(\d+)(?=\.[^.]+$)")  # "x.v2.html" -> 2; "x.html" is version 1
MAX_FIGURES_LISTED = 4  # "figures now 1.75%, 3,000" stays one line on a page


def fold_versions(briefs: Sequence[Brief]) -> list[Brief]:
    """Each entry once: its newest version, with the older versions' seeds and a change
    list; briefs without an entry id, or alone with theirs, pass as they are."""
    groups: defaultdict[tuple[str, str], list[Brief]] = defaultdict(list)
    alone: list[Brief] = []
    for brief in briefs:
        if brief.entry_id and brief.seeds:
            groups[(str(PurePosixPath(brief.seeds[0]).parent), brief.entry_id)].append(brief)
        else:
            alone.append(brief)
    folded = list(alone)
    for group in groups.values():
        group.sort(key=lambda b: (version_of(b.seeds[0]), b.seeds[0]))
        if len(group) == 1:
            folded.append(group[0])
            continue
        previous, newest = group[-2], group[-1]
        seeds = tuple(dict.fromkeys(seed for brief in group for seed in brief.seeds))
        folded.append(
            replace(
                newest,
                slug=group[0].slug,  # the first version's address stays the brief's
                seeds=seeds,
                updated=newest.fetched,
                changes=describe_changes(previous, newest),
            )
        )
    return folded


def version_of(seed: str) -> int:
    match = _VERSION.search(seed)
    return int(match[1]) if match else 1


def describe_changes(before: Brief, after: Brief) -> tuple[str, ...]:
    """What a reader would want said about an update, in a few short phrases."""
    old = [b.text for b in before.body]
    new = [b.text for b in after.body]
    old_set, new_set = set(old), set(new)
    added = sum(1 for text in new if text not in old_set)
    removed = sum(1 for text in old if text not in new_set)
    changes: list[str] = []
    if after.title != before.title:
        changes.append(f"headline was: {before.title}")
    if added:
        changes.append(f"{added} paragraph{'s' * (added > 1)} added or rewritten")
    if removed:
        changes.append(f"{removed} paragraph{'s' * (removed > 1)} removed or rewritten")
    new_figures = [f for f in after.figures if f not in before.figures][:MAX_FIGURES_LISTED]
    gone_figures = [f for f in before.figures if f not in after.figures][:MAX_FIGURES_LISTED]
    if new_figures:
        changes.append("new figures: " + ", ".join(new_figures))
    if gone_figures:
        changes.append("figures no longer given: " + ", ".join(gone_figures))
    return tuple(changes) or ("no change in the text",)
