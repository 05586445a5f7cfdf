"""Language identification, shared by every extractor.

py3langid (a dependency of trafilatura's language support) works offline and is
fast; on very short texts it guesses wildly, so short inputs fall back to a
default rather than to noise.
"""

from __future__ import annotations

import re

import py3langid

_LETTERS = re.compile(r"[^\W\d_]")

# Below this many letters langid's guess is mostly noise (checked by hand on
# one-line headlines); 1 in 8 news pages is not English, so English is the prior.
MIN_LETTERS_TO_GUESS = 40
DEFAULT_LANGUAGE = "en"
# Classifying more than this many characters rarely changes the answer and costs time
# (checked on the benchmark's dev pages: the same language for 62 of 62 at 1,500 and 4,000).
SAMPLE_CHARS = 1500


def warm_up() -> None:
    """Load the language model now (see names.lexicon.warm_up: once before the fork)."""
    py3langid.classify("warm up")


def detect_language(text: str, default: str = DEFAULT_LANGUAGE) -> str:
    """ISO 639-1 code of ``text``'s language, or ``default`` when there is too little text."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTERS.findall(sample)) < MIN_LETTERS_TO_GUESS:
        return default
    code, _score = py3langid.classify(sample)
    return str(code)
