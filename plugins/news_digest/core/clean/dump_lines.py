"""One line of a whole-page text dump, as the dump cleaner and its metadata reader see it."""

from __future__ import annotations

from dataclasses import dataclass

SIGNAL_CHARS = 3000  # signals look at a line's first characters only (10 MB lines exist)


@dataclass
class Line:
    """One non-empty line of the dump, with what the signals said about it."""

    index: int
    text: str
    words: int
    role: str
    score: float
    reason: str
    recurrent: bool = False  # a short line the page itself repeats (text_dump: item labels)
