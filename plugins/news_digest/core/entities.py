"""Entities and tags from a brief's text: people, organisations, places, key topics.

Deterministic heuristics that work offline for any language written with
capital letters (no model downloads): runs of capitalised words are candidate
names; titles ("President") mark people and are stripped; a small gazetteer
(gazetteer.py) names places, demonyms point to their country ("Russian" ->
Russia) and aliases merge spellings ("U.S." -> United States); a lone surname
joins the full name used elsewhere in the text ("Putin" -> Vladimir Putin).
A single capitalised word seen only at the start of sentences is an ordinary
word, not a name.  Topics are the strongest two-word noun phrases (word pairs
scored by how often the pair and its words occur).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from news_digest.core.gazetteer import (
    ALIASES,
    COUNTRIES,
    DEMONYMS,
    GENERIC,
    KNOWN_ORGS,
    ORG_WORDS,
    PLACES,
    TITLES,
)
from news_digest.core.models import BodyBlock, Entity
from news_digest.text.sentences import ABBREVIATIONS, split_sentences
from news_digest.text.stopwords import stopwords

CONNECTORS = frozenset({"of", "de", "da", "del", "der", "van", "von", "al", "bin", "la", "le",
                        "du", "for", "the"})  # fmt: skip
# Languages that capitalise every noun: only multi-word or known names count there.
NOUN_CAPITALISING = frozenset({"de", "lb"})
TITLE_WEIGHT = 2  # a name in the headline counts as this many mentions
MAX_TOPICS = 3
MIN_TOPIC_PAIRS = 2  # a phrase said once is not what a brief is about
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_][\w’'.\-]*", re.UNICODE)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@dataclass(frozen=True)
class EntityOptions:
    """What users steer from settings: aliases, a stop list, and the tag budget."""

    max_tags: int
    aliases: Mapping[str, str] = field(default_factory=dict)
    stoplist: frozenset[str] = frozenset()


def extract_entities(
    title: str, body: Sequence[BodyBlock], language: str, options: EntityOptions
) -> tuple[Entity, ...]:
    """Named entities and key topics of one brief, most mentioned first."""
    mentions: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    sentence_initial_only: dict[str, bool] = {}
    texts = [(title, TITLE_WEIGHT)] + [(block.text, 1) for block in body]
    for text, weight in texts:
        for sentence in split_sentences(text):
            for position, name, kind in _names_in(sentence, language):
                mentions[name] += weight
                if kind != "unknown" or name not in kinds:
                    kinds[name] = kind if kind != "unknown" else kinds.get(name, "unknown")
                initial = sentence_initial_only.get(name, True)
                sentence_initial_only[name] = initial and position == 0
    merged = _merge_surnames(mentions, kinds)
    aliases = {**ALIASES, **options.aliases}
    stop = {s.casefold() for s in options.stoplist}
    entities: Counter[str] = Counter()
    final_kinds: dict[str, str] = {}
    for name, count in mentions.items():
        canonical = aliases.get(merged.get(name, name), merged.get(name, name))
        single = " " not in canonical and "." not in canonical
        if (
            single
            and sentence_initial_only.get(name)
            and canonical not in PLACES | KNOWN_ORGS
            and canonical == name
            and name not in merged
        ):
            continue  # a capitalised word only seen starting sentences
        if canonical.casefold() in stop or canonical in GENERIC:
            continue
        entities[canonical] += count
        final_kinds[canonical] = _kind(canonical, kinds.get(name, "unknown"))
    result = [
        Entity(name, final_kinds[name], count)  # type: ignore[arg-type]
        for name, count in entities.items()
        if count >= 2 or final_kinds[name] in ("place", "person", "organisation")
    ]
    result += [Entity(t, "topic", n) for t, n in _topics(title, body, language, entities, stop)]
    return tuple(sorted(result, key=lambda e: (-e.mentions, e.name)))


def choose_tags(
    entities: Sequence[Entity], source_tags: Sequence[str], options: EntityOptions
) -> tuple[str, ...]:
    """Source tags first (the publisher chose them), then entities, at most max_tags."""
    aliases = {**ALIASES, **options.aliases}
    stop = {s.casefold() for s in options.stoplist}
    chosen: dict[str, str] = {}
    named = [e for e in entities if e.kind != "topic"]
    topics = [e for e in entities if e.kind == "topic"]
    ranked = [e.name for e in named[: max(1, options.max_tags - 2)]]
    candidates = [*source_tags, *ranked, *(t.name for t in topics), *(e.name for e in named)]
    for tag in candidates:
        clean = " ".join(aliases.get(tag, tag).split()).replace(",", " ")
        key = clean.casefold()
        if clean and key not in stop and key not in chosen and clean not in GENERIC:
            chosen[key] = clean
        if len(chosen) >= options.max_tags:
            break
    return tuple(chosen.values())


def _names_in(sentence: str, language: str) -> list[tuple[int, str, str]]:
    """(token position, name, kind hint) for each capitalised run in one sentence."""
    tokens = [m.group(0) for m in _TOKEN.finditer(sentence)]
    found: list[tuple[int, str, str]] = []
    run: list[str] = []
    start = 0
    for i, raw in enumerate([*tokens, "."]):
        if not run and not raw[:1].isupper():
            continue  # most words: lower case, outside any name
        kept_dot = raw[:1].isupper() and (_is_acronym(raw) or raw in ABBREVIATIONS)
        token = raw if kept_dot else raw.rstrip(".")
        possessive = ("'" in raw or "’" in raw) and _POSSESSIVE.search(raw) is not None
        if possessive:
            token = _POSSESSIVE.sub("", token)
        if token[:1].isupper() and token != "I":
            if not run:
                start = i
            run.append(token)
            if possessive or (raw.endswith(".") and not kept_dot):
                found.extend(_split_run(run, start, language))
                run = []
        elif run and token.casefold() in CONNECTORS and tokens[i + 1 : i + 2][:1]:
            if tokens[i + 1][:1].isupper():
                run.append(token)
            else:
                found.extend(_split_run(run, start, language))
                run = []
        elif run:
            found.extend(_split_run(run, start, language))
            run = []
    return found


_ACRONYM = re.compile(r"(?:[^\W\d_]\.){2,}")


def _is_acronym(token: str) -> bool:
    return "." in token and _ACRONYM.fullmatch(token) is not None


def _split_run(run: list[str], start: int, language: str) -> list[tuple[int, str, str]]:
    """Peel demonyms and titles off a capitalised run; what is left is one name."""
    out: list[tuple[int, str, str]] = []
    words = list(run)
    kind = "unknown"
    while words:
        head = words[0]
        if head in DEMONYMS and len(words) > 1:
            out.append((start, DEMONYMS[head], "place"))
        elif head in TITLES:
            kind = "person"
        elif head in GENERIC or head.casefold() in CONNECTORS:
            pass
        else:
            break
        words.pop(0)
        start += 1
    while words and (words[-1].casefold() in CONNECTORS or words[-1] in GENERIC):
        words.pop()
    if not words:
        return out
    name = " ".join(words)
    if name in DEMONYMS:
        out.append((start, DEMONYMS[name], "place"))
        return out
    if language in NOUN_CAPITALISING and len(words) == 1 and name not in PLACES:
        return out
    if len(name) < 2 or not any(ch.isalpha() for ch in name):
        return out
    out.append((start, name, kind))
    return out


def _merge_surnames(mentions: Counter[str], kinds: Mapping[str, str]) -> dict[str, str]:
    """Map a lone surname (or first name) to the one full name in the text that ends with it."""
    full_names = [n for n in mentions if len(n.split()) >= 2 and n not in PLACES]
    merged: dict[str, str] = {}
    for name in mentions:
        if " " in name or name in PLACES or name in KNOWN_ORGS:
            continue
        matches = sorted({f for f in full_names if f.split()[-1] == name})
        if len(matches) == 1:
            merged[name] = matches[0]
    return merged


def _kind(name: str, hint: str) -> str:
    if name in PLACES or name in COUNTRIES:
        return "place"
    if name in KNOWN_ORGS or any(word in ORG_WORDS for word in name.split()):
        return "organisation"
    if _is_acronym(name) or (name.isupper() and len(name) <= 6):
        return "organisation"
    if hint == "person" or 2 <= len(name.split()) <= 3:
        return "person"
    return (
        "organisation"
        if hint == "unknown" and len(name.split()) > 3
        else hint.replace("unknown", "organisation")
    )


def _topics(
    title: str,
    body: Sequence[BodyBlock],
    language: str,
    entities: Mapping[str, int],
    stop: set[str],
) -> list[tuple[str, int]]:
    """Two-word phrases of content words, scored by pair count times word frequency."""
    stops = stopwords(language)
    if not stops:
        return []
    text = " ".join([title, *(block.text for block in body)])
    words = [w.casefold() for w in re.findall(r"[^\W\d_][\w-]*", text)]
    content = Counter(w for w in words if w not in stops and len(w) > 3)
    names = {part.casefold() for name in entities for part in name.split()}
    pairs: Counter[tuple[str, str]] = Counter()
    for first, second in pairwise(words):
        if (
            first in content
            and second in content
            and first not in names
            and second not in names
            and not first.endswith("ly")
        ):
            pairs[(first, second)] += 1
    scored = sorted(
        pairs.items(),
        key=lambda item: (-(item[1] * (content[item[0][0]] + content[item[0][1]])), item[0]),
    )
    topics: list[tuple[str, int]] = []
    used: set[str] = set()
    for (first, second), count in scored:
        phrase = f"{first} {second}"
        if first in used or second in used or phrase in stop:
            continue
        if count < MIN_TOPIC_PAIRS:
            continue
        topics.append((phrase, count))
        used.update((first, second))
        if len(topics) >= MAX_TOPICS:
            break
    return topics
