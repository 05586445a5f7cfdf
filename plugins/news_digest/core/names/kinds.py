"""Decide what a name is: person, organisation, place or other, from the name's own
words first (gazetteers, organisation/place/event words, first names) and the cues of
its mentions second ("in X" -> place, "X said" -> person or organisation).
"""

from __future__ import annotations

from collections.abc import Sequence

from news_digest.core.gazetteer import KNOWN_ORGS, ORG_WORDS, OTHER_WORDS, PLACE_WORDS
from news_digest.core.names.lexicon import countries, given_names, places
from news_digest.core.names.segment import Mention, is_acronym

# Adjectives that open organisation names ("Deutsche Bahn", "National Health Service").
ORG_ADJECTIVES = frozenset(
    """Deutsche Deutscher Deutsches Nacional National Federal Royal International
    Internacional Europea Européenne Europäische Española Español Française Français
    Italiana Italiano Brasileira Brasileiro General Standard Union Global First""".split()
)
NATIONALITY_SUFFIXES = ("ian", "ians", "ese", "ish", "ean", "eans", "iot", "iots")
PLACE_HEADS = frozenset("Mount Lake Cape Río Rio Lago Monte Isla Île Gulf Bay Port".split())


def kind_of(name: str, mentions: Sequence[Mention]) -> str:
    """The kind of one canonical name, given all its mentions."""
    words = name.split()
    if name.casefold() in places():
        if _votes(mentions, "title_hint") > len(mentions) / 2:
            return "person"
        if name not in countries() and _votes(mentions, "score") > len(mentions) / 2:
            return "organisation"  # a city's team in a results table: "Leeds 2"
        return "place"
    if name in KNOWN_ORGS:
        return "organisation"
    by_words = _kind_from_words(words)
    if by_words:
        return by_words
    if any(m.title_hint for m in mentions):
        return "person"
    if len(words) == 1:
        return _single_word_kind(name, mentions)
    if words[0].casefold() in given_names() and len(words) <= 4:
        return "person"
    if any(w.casefold() in places() for w in words) or words[0] in ORG_ADJECTIVES:
        return "organisation"  # "Real Madrid", "Sheffield Wednesday", "Deutsche Bahn"
    if _votes(mentions, "locative") > len(mentions) / 2:
        return "place"
    if len(words) <= 3 and all(w[:1].isupper() for w in words):
        return "person"
    return "organisation"


def _kind_from_words(words: list[str]) -> str:
    """What the name's own words say: "... Bank", "... River", "... Cup"."""
    if words[-1] in ORG_WORDS:
        return "organisation"
    if words[-1] in PLACE_WORDS or (len(words) > 1 and words[0] in PLACE_HEADS):
        return "place"
    if any(w in OTHER_WORDS for w in words):
        return "other"
    if len(words) > 1 and any(w in ORG_WORDS for w in words):
        return "organisation"
    return ""


def _single_word_kind(name: str, mentions: Sequence[Mention]) -> str:
    """A lone word: an acronym is an organisation; "-ian"/"-ese" a nationality;
    else the cues around it decide."""
    if is_acronym(name):
        return "organisation"
    if name.endswith(NATIONALITY_SUFFIXES) and name.casefold() not in given_names():
        return "other"
    if _votes(mentions, "locative") > len(mentions) / 2:
        return "place"
    if _votes(mentions, "speech") or name.casefold() in given_names():
        return "person"
    return "organisation"


def _votes(mentions: Sequence[Mention], cue: str) -> int:
    return sum(bool(getattr(m, cue)) for m in mentions)
