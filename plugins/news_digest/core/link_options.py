"""The link stage's options: every threshold with the measurement that chose it.

Apart from link.py and stories.py so that reading the settings (every command does)
never loads NumPy and SciPy, which only the link stage needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class StoryOptions:
    """Calibrated on the ECB+ dev set (43 topics x 2 events of the same kind, 982
    reports; `make eval`), swept over entity weight 0.4-1.0, figure weight 0.2-0.6 and
    threshold 0.15-0.20 (2026-12-01): pairwise F1 0.873 / B-cubed 0.897 at the values
    below, 0.867-0.878 at their neighbours (entity 0.6-1.0, threshold 0.17-0.18), no
    false merge anywhere; TF-IDF average link alone scores 0.80."""

    threshold: float = 0.17  # average story-vector cosine for two groups to join
    entity_weight: float = 0.8  # of the entity part, against 1.0 for the words
    figure_weight: float = 0.4
    common_feature_share: float = 0.05  # names/figures in more briefs than this say little
    gap_days: int = 3  # most reports of one event come within three days of another ...
    span_days: int = 21  # ... and a developing story stays one for three weeks at most
    candidates: int = 10  # nearest neighbours searched per brief (ECB+: 10, 12, 15 alike)
    terms_per_brief: int = 24
    max_posting: int = 400


@dataclass(frozen=True)
class LinkOptions:
    """Thresholds, calibrated on the seeds and on synthetic corpora (`make bench`)."""

    max_related: int
    max_tags: int  # a merged duplicate keeps as many tags as a brief may have
    fallback_date: datetime
    # Below this blended score two briefs have little more in common than their language
    # (unrelated news pairs scored 0.02-0.10 in checks by hand).
    min_similarity: float = 0.12
    # Same article (text dump vs HTML of one page, or syndicated copies): body cosine
    # and word-shingle containment both this high.  Two templated reports that differ
    # only in their figures share about 60% of shingles and must stay apart.
    duplicate_cosine: float = 0.8
    duplicate_shingles: float = 0.8
    # Reports of one event: average link over story vectors within a date window.
    stories: StoryOptions = field(default_factory=StoryOptions)
    # Or the very same headline (this many words at least) within the window: the text
    # dump and the HTML of one page, even when one of them was cleaned badly.
    story_title_words: int = 4
    terms_per_brief: int = 24  # strongest terms indexed per brief
    max_posting: int = 400  # a term in more briefs than this does not find candidates
    candidates: int = 15  # candidates scored by cosine per brief
