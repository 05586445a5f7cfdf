"""A headline for an article that has none: its lead's first sentence, shortened."""

from __future__ import annotations

from news_digest.text.sentences import first_sentence
from news_digest.text.stopwords import stopwords

HEADLINE_MAX_WORDS = 14  # about what news sites show on one or two lines
# Words a shortened headline must not end on ("... said that the" reads as cut).
_DANGLING = frozenset({"that", "the", "a", "an", "of", "in", "on", "to", "from"})


def headline_from(lead: str) -> str:
    """The lead's first sentence, or its first words cut at a word that ends a phrase."""
    sentence = first_sentence(lead).rstrip(".!?。")
    words = sentence.split()
    if len(words) <= HEADLINE_MAX_WORDS:
        return sentence
    cut = words[:HEADLINE_MAX_WORDS]
    function = stopwords("en") | _DANGLING
    while len(cut) > 6 and (cut[-1].casefold().strip(",;:") in function or cut[-1].endswith(",")):
        cut.pop()
    return " ".join(cut).rstrip(",;:") + "…"
