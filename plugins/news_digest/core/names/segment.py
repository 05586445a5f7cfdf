"""Find name mentions in text: capitalised runs cut at punctuation, titles and articles
peeled off, all-caps and headline lines read only through evidence from the rest.

A mention is where a name was seen, with the cues around it (a title before it, "in"
before it, "said" after it) that the kind decision (names/kinds.py) weighs later.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from typing import NamedTuple, TypeVar

from news_digest.core.gazetteer import (
    ALIASES,
    CONNECTORS,
    DEMONYMS,
    GENERIC,
    GERMAN_NOUN_SUFFIXES,
    KNOWN_ORGS,
    LEADING_FUNCTION_WORDS,
    LOCATIVE,
    ORG_WORDS,
    SPEECH,
    TITLE_SUFFIXES,
    TITLES,
)
from news_digest.core.names.lexicon import english_titles, given_names, major_places, places
from news_digest.text.sentences import ABBREVIATIONS, split_sentences

# Languages that capitalise every noun: a lone capitalised word there needs evidence.
NOUN_CAPITALISING = frozenset({"de", "lb"})
# A line is shouting when this share of its words (2+ letters) is in capitals:
# "TENNIS: SPAIN BEAT ITALY"; a line with a few acronyms ("NATO and the EU agreed")
# stays normal.  Chosen, not swept on the dev set.
CAPS_SHARE = 0.6
# A title line is title-cased when this share of its longer words is capitalised.
TITLECASE_SHARE = 0.75
# Title words that only qualify a title ("Foreign Minister", "Vice President").
QUALIFIERS = frozenset(
    """Vice Prime Deputy Acting Former Chief Crown Opposition Foreign Finance Interior
    Defence Defense Treasury Environment Health Justice Economy Trade Labour Labor Energy
    Transport Education General""".split()
)
_TOKEN_PATTERN = r"(?:[^\W\d_]\.){2,}|[^\W\d_](?:[\w’'\-]*[^\W_])?(?:['’]s?)?\.?|\d[\w.,:\-/]*|\S"
_TOKEN = re.compile(_TOKEN_PATTERN, re.UNICODE)
# The same tokens of ASCII text, with ASCII classes (cheaper to test: 2,000 synthetic
# briefs' sentences 0.12 -> 0.09 ms each, as terms' words).
_ASCII_TOKEN = re.compile(_TOKEN_PATTERN, re.ASCII)
_OPENERS = frozenset("\"“”«‘'([-–—")
_ENDS_IN_INITIAL = re.compile(r"(?:^|[\s(])[A-Z]\.$")
# A score or result after a name ("Leeds 2", "Kent 108-3", "Spain beat Italy").
_FOLDED_TITLES = frozenset(t.casefold() for t in TITLES if len(t) > 3)
_SCORE = re.compile(r"\d{1,3}(?:-\d{1,3})?")
RESULT_WORDS = frozenset("beat beats drew lost v vs vs. bt".split())
_CONTRACTION = re.compile(r"['’](?:m|ve|re|ll|d|t)$", re.IGNORECASE)
# Words that open place and organisation names: never peeled off a longer run.
NAME_OPENERS = frozenset(
    """New North South East West Northern Southern Eastern Western Central Old Upper Lower
    Great Greater Saint San Santa St St.""".split()
)  # a word after one of these may be capitalised anyway
_ACRONYM = re.compile(r"(?:[^\W\d_]\.){2,}|[A-ZÄÖÜ][A-ZÄÖÜ0-9&]{1,5}")


@dataclass
class Mention:
    """One sighting of a name and the cues around it."""

    name: str
    block: int  # 0 = the title
    title_hint: bool = False  # a person's title or honorific just before it
    locative: bool = False  # "in"/"at"/"nach" just before it
    speech: bool = False  # "said"/"dijo"/"sagte" just after it
    demonym: bool = False  # "Russian": points to a country, not a name itself
    weak: bool = False  # a lone word with no evidence beyond its capital letter
    score: bool = False  # a number or "beat"/"v" just after it: a team in a result


@dataclass
class Evidence:
    """How the document itself writes its words: capitalised mid-sentence, or not."""

    capitalised: dict[str, dict[str, int]] = field(default_factory=dict)  # folded: form: count
    lower: set[str] = field(default_factory=set)

    forms: dict[str, str | None] = field(default_factory=dict)  # form()'s answers

    def form(self, word: str) -> str | None:
        """The capitalised spelling the text uses for ``word`` mid-sentence, if any (the
        commonest; of equals, the first seen)."""
        key = word.casefold()
        if key in self.forms:
            return self.forms[key]
        seen = self.capitalised.get(key)
        found = self.forms[key] = max(seen.items(), key=itemgetter(1))[0] if seen else None
        return found


def is_acronym(word: str) -> bool:
    """ "NATO", "ECB", "U.S.": letters in capitals (or with full stops), 2-6 of them."""
    return _ACRONYM.fullmatch(word) is not None


def tokens(sentence: str) -> list[str]:
    return _TOKEN.findall(sentence)


def lines_of(text: str) -> list[str]:
    """Sentences of a block, never joined across a line break, nor cut after an
    initial ("P. Simmons", "J. Russell": the splitter takes "P." for a sentence end)."""
    out: list[str] = []
    for line in text.splitlines():
        for piece in split_sentences(line):
            if out and _ends_in_initial(out[-1]) and out[-1] != line:
                out[-1] += " " + piece
            else:
                out.append(piece)
    return out


def _ends_in_initial(text: str) -> bool:
    """_ENDS_IN_INITIAL, looked for in the last four characters only (a match is at
    most three and a final line break): a search from the start costs a step a
    character."""
    return _ENDS_IN_INITIAL.search(text, max(0, len(text) - 4)) is not None


def shouting(words: list[str], is_title: bool) -> str:
    """'caps' for a line in capitals, 'titlecase' for a headline in Title Case, else ''."""
    if not is_title and not any(map(str.isupper, words)):
        return ""  # no word in capitals: most lines, decided without counting
    letters = [w for w in words if len(w) >= 2 and w[0].isalpha()]
    if len(letters) >= 2 and sum(map(str.isupper, letters)) >= CAPS_SHARE * len(letters):
        return "caps"
    if not is_title:
        return ""
    longer = [w for w in letters if len(w) >= 4]
    capitalised = sum(w[0].isupper() for w in longer)
    if len(longer) >= 3 and capitalised >= TITLECASE_SHARE * len(longer):
        return "titlecase"
    return ""


class Line(NamedTuple):
    """One sentence of a block, read once: its tokens, their bare forms, its mode."""

    block: int  # 0 = the title
    words: list[str]
    bare: list[str]  # _bare(word) for each word
    mode: str  # shouting(): "caps", "titlecase" or ""


def read_lines(blocks: Sequence[str]) -> list[Line]:
    """Every sentence of every block, tokenised (the evidence and the segmenter both
    read each line; tokenising it once halves the cost)."""
    lines: list[Line] = []
    for index, text in enumerate(blocks):
        findall = (_ASCII_TOKEN if text.isascii() else _TOKEN).findall
        for sentence in lines_of(text):
            words = findall(sentence)
            lines.append(Line(index, words, list(map(_bare, words)), shouting(words, index == 0)))
    return lines


def gather_evidence(lines: Sequence[Line]) -> Evidence:
    """Record how each word is written when nothing forces a capital on it: every word
    but a line's first and one after an opening quote or bracket, in lines that are
    neither shouted nor a headline in Title Case.  The words are pooled and counted
    once, and each distinct word is looked at once (a word recurs: ~0.2 -> 0.05 ms a
    document); a form's count and first sighting are what they would be word by word."""
    pool: list[str] = []
    for line in lines:
        if line.mode:
            continue
        words, bare = line.words, line.bare
        if _OPENERS.isdisjoint(words):
            pool += bare[1:]
        else:
            pool += [bare[i] for i in range(1, len(words)) if words[i - 1] not in _OPENERS]
    evidence = Evidence()
    counts = Counter(pool)
    lower = evidence.lower
    lower.update(map(_LOWER_KEYS.__getitem__, counts))
    lower.discard("")
    capitalised = evidence.capitalised
    for word in filter(_CAPITALISED.__getitem__, counts):
        key = word.casefold()
        seen = capitalised.get(key)
        if seen is None:
            capitalised[key] = {word: counts[word]}
        else:  # one form per distinct word: a new key
            seen[word] = counts[word]
    return evidence


_Value = TypeVar("_Value")


class _Memo(dict[str, _Value]):
    """A pure function of one word, remembered: a hit costs a dict look-up.  Emptied
    when it holds a large vocabulary."""

    def __init__(self, function: Callable[[str], _Value]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, word: str) -> _Value:
        if len(self) >= 1 << 17:
            self.clear()
        value = self[word] = self.function(word)
        return value


# gather_evidence's two readings of a word: written with a capital, or in lower case
# (its folded form; "" for neither).
_CAPITALISED: _Memo[bool] = _Memo(lambda word: word[:1].isalpha() and word[0].isupper())
_LOWER_KEYS: _Memo[str] = _Memo(
    lambda word: word.casefold() if word[:1].isalpha() and word.islower() else ""
)


@lru_cache(maxsize=1 << 16)  # a news vocabulary; a hit costs ~0.1 µs, a miss ~1 µs
def _bare(word: str) -> str:
    """A word without its possessive "'s" or a full stop that is not an abbreviation's."""
    if word.endswith(("'s", "’s", "'", "’")) and len(word) > 2:
        word = word[: -2 if word[-1] == "s" else -1]
    if word.endswith(".") and not (is_acronym(word) or word in ABBREVIATIONS or _initial(word)):
        word = word[:-1]
    return word


# Whether a word is a name word in an ordinary line (Segmenter._capital with no mode,
# which looks at nothing else): a capital, not "I", no contraction.
_NAME_WORDS: _Memo[bool] = _Memo(
    lambda word: word[:1].isupper() and word != "I" and _CONTRACTION.search(word) is None
)


def _initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def known(word: str) -> bool:
    """A name any reader knows: a place, a listed organisation, an alias, a demonym."""
    return word.casefold() in places() or word in KNOWN_ORGS or word in ALIASES or word in DEMONYMS


@lru_cache(maxsize=1 << 14)  # capitalised words of a news vocabulary; pure
def is_title(word: str) -> bool:
    """A person's title or role: listed, from nameparser, or a German compound."""
    if word in TITLES or word.casefold() in _FOLDED_TITLES:
        return True
    if "-" in word and any(is_title(part) for part in word.split("-") if part):
        return True  # "Major-General"
    folded = word.casefold().rstrip(".")
    if folded in english_titles() and not word.isupper():
        return True
    return len(folded) > 8 and folded.endswith(TITLE_SUFFIXES)


_Named = tuple[str, bool, bool, bool]  # a name, demonym, title hint, weak


class Segmenter:
    """Turns one document's lines into mentions, using the document's own evidence."""

    def __init__(self, language: str, evidence: Evidence, stops: frozenset[str]) -> None:
        self.language = language
        self.evidence = evidence
        self.stops = stops
        self.mentions: list[Mention] = []
        self._named: dict[tuple[str | bool, ...], list[_Named]] = {}  # _run's, per run

    def line(self, line: Line) -> None:
        """Collect the mentions of one line (read_lines)."""
        if line.mode:
            self._marked_line(line)
            return
        # An ordinary line: a word is a name word when _capital says so, which here
        # depends on the word alone; between runs nothing happens, so the walk jumps
        # from one name word to the next (most words are not: ~0.35 -> 0.15 ms a doc).
        words, bare, block = line.words, line.bare, line.block
        size = len(words)
        flags = list(map(_NAME_WORDS.__getitem__, bare))
        starts = list(compress(range(size), flags))
        if not starts:
            return
        run: list[str] = []
        start = 0
        following = 1  # index in starts of the next name word to jump to
        i = starts[0]
        while True:
            if i < size and flags[i]:
                word, raw = bare[i], words[i]
                if not run:
                    start = i
                run.append(word)
                if word != raw and not raw.endswith("."):
                    self._run(run, start, words, block)  # a possessive ends the name
                    run = []
            else:
                raw = words[i] if i < size else "."
                if run and self._connects(raw, words, i, "") and not _a_person(run):
                    run.append(raw)  # "Bank of England"; never "Ilse Varga of Copperfield"
                elif run:
                    self._run(run, start, words, block)
                    run = []
            i += 1
            if not run:
                while following < len(starts) and starts[following] < i:
                    following += 1
                if following == len(starts):
                    return
                i = starts[following]
            elif i > size:
                return

    def _marked_line(self, line: Line) -> None:
        """A line in capitals or a Title Case headline: word by word, with evidence."""
        words, mode, block = line.words, line.mode, line.block
        run: list[str] = []
        start = 0
        for i, (raw, word) in enumerate(zip([*words, "."], [*line.bare, "."], strict=True)):
            capital = self._capital(word, i, words, mode)
            if capital is not None:
                if not run:
                    start = i
                run.append(capital)
                if word != raw and not raw.endswith("."):
                    self._run(run, start, words, block)  # a possessive ends the name
                    run = []
            elif run and self._connects(raw, words, i, mode) and not _a_person(run):
                run.append(raw)  # "Bank of England"; never "Ilse Varga of Copperfield"
            elif run:
                self._run(run, start, words, block)
                run = []

    def _capital(self, word: str, i: int, words: list[str], mode: str) -> str | None:
        """The word as it belongs in a name, or None if it is no name word here."""
        if not word[:1].isupper() or (word == "I" and mode != "caps"):
            return None
        if _CONTRACTION.search(word):
            return None  # "I'm", "Don't"
        if not mode:
            return word
        if word in KNOWN_ORGS or word in ALIASES or (mode == "titlecase" and is_acronym(word)):
            return word
        seen = self.evidence.form(word)
        if seen is not None:
            return seen
        folded = word.casefold()
        if folded in self.stops or word.title() in GENERIC:
            return None
        if folded in major_places():
            return word.title() if word.isupper() else word
        if word.title() in DEMONYMS:
            return word.title()
        return None

    def _connects(self, raw: str, words: list[str], i: int, mode: str) -> bool:
        """A lower-case word inside a name ("Bank of England"), not at its edge."""
        folded = raw.casefold()
        if mode == "caps" or folded not in CONNECTORS:
            return False
        if self.language in NOUN_CAPITALISING and folded not in {"von", "van", "zu", "de"}:
            return False
        after = words[i + 1 : i + 3]
        if after and after[0].casefold() in CONNECTORS and len(after) > 1:
            after = after[1:]  # "de la", "von der"
        return bool(after) and after[0][:1].isupper() and not raw[:1].isupper()

    def _run(self, run: list[str], start: int, words: list[str], block: int) -> None:
        """Peel one capitalised run down to its name(s) and record them.

        What a run's words, its place at a sentence start and a title before it make
        of it is the same wherever in the document it stands: decided once a document
        (_names); only the cues around each sighting are read each time."""
        before = words[start - 1] if start > 0 else ""
        initial = start == 0 or before in _OPENERS
        title_hint = start > 0 and is_title(before)
        key: tuple[str | bool, ...] = (*run, initial, title_hint)
        named = self._named.get(key)
        if named is None:
            named = self._named[key] = self._names(run, initial, title_hint)
        if not named:
            return
        end = start + len(run)
        following = words[end] if end < len(words) else ""
        # A verb of saying is the next word, or the next two ("a déclaré"); tokens hold
        # no spaces, so these two look-ups are "the next words start with the verb".
        after = " ".join(words[end : end + 2]).casefold()
        speech = after in SPEECH or following.casefold() in SPEECH
        score = _SCORE.fullmatch(following) is not None or following.casefold() in RESULT_WORDS
        locative = before.casefold() in LOCATIVE
        for name, demonym, hint, weak in named:
            if demonym:
                self.mentions.append(Mention(name, block, demonym=True))
            else:
                self.mentions.append(
                    Mention(
                        name, block, title_hint=hint, locative=locative, speech=speech,
                        weak=weak, score=score,
                    )
                )  # fmt: skip

    def _names(self, run: list[str], initial: bool, title_hint: bool) -> list[_Named]:
        """The names one run gives, in order: (name, demonym, title hint, weak)."""
        named: list[_Named] = []
        names = list(run)
        while names and names[-1].casefold() in CONNECTORS:
            names.pop()
        names, hint, initial = self._peel_front(names, initial)
        names, titled, prefix = _peel_titles(names)
        if prefix:
            named += self._name(prefix, initial=initial)
            initial = False
        while names and (names[-1] in GENERIC or names[-1].casefold() in CONNECTORS):
            names.pop()
        if not names:
            return named
        if names[0] in DEMONYMS and len(names) > 1 and (titled or _given(names[1])):
            named.append((names[0], True, False, False))
            names = names[1:]
        named += self._name(names, initial=initial, title_hint=hint or titled or title_hint)
        return named

    def _peel_front(self, names: list[str], initial: bool) -> tuple[list[str], bool, bool]:
        """Drop articles, prepositions and sentence-initial ordinary words in front."""
        hint = False
        while names:
            head = names[0]
            folded = head.casefold()
            if len(names) > 1 and (head in NAME_OPENERS or known(" ".join(names))):
                break  # "New York", "Los Angeles", "El Salvador"
            function = folded in LEADING_FUNCTION_WORDS and (initial or folded in self.stops)
            if (function or head in GENERIC or folded in CONNECTORS) and not is_acronym(head):
                names = names[1:]
                continue
            if initial and len(names) > 1 and not self._supported(head):
                rest = [w for w in names[1:] if w.casefold() not in CONNECTORS]
                person_next = rest and (_given(rest[0]) or rest[0] in DEMONYMS)
                if folded in self.evidence.lower or person_next:
                    names = names[1:]  # "Defender Tom Hale", "Analysts at BBVA Research"
                    initial = False
                    continue
            if (
                self.language in NOUN_CAPITALISING
                and len(names) > 1
                and not self._supported(head)
                and (folded.endswith(GERMAN_NOUN_SUFFIXES) or folded in self.evidence.lower)
            ):
                names = names[1:]
                continue
            break
        if names and names[0] in {"Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Dr.", "Dr"}:
            hint = True
        return names, hint, initial

    def _supported(self, word: str) -> bool:
        """Written with a capital mid-sentence elsewhere, or a known name."""
        if known(word) or _given(word):
            return True
        # Where every noun has a capital, a capital mid-sentence proves nothing.
        return self.language not in NOUN_CAPITALISING and self.evidence.form(word) is not None

    def _name(self, names: list[str], *, initial: bool, title_hint: bool = False) -> list[_Named]:
        """One name, unless it is only a sentence-initial or German noun."""
        name = " ".join(names)
        if len(name) < 2 or all(len(w.rstrip(".")) < 2 for w in names):
            return []  # "W D L", "J."
        single = len(names) == 1
        weak = False
        if single and not self._supported(name) and not is_acronym(name):
            lower = name.casefold() in self.evidence.lower
            if initial or lower or name.casefold() in self.stops:
                return []
            weak = self.language in NOUN_CAPITALISING and not title_hint
        if single and initial and name.casefold() in self.evidence.lower and not known(name):
            return []  # "Ferry" opening a headline, "the ferry" in the text: a given name too
        if single and name in DEMONYMS:
            return [(name, True, False, False)]
        return [(name, False, title_hint, weak)]


def _shouted(word: str) -> bool:
    """An acronym-like word in capitals ("CEO"), not an abbreviation ("M.", "Dr.")."""
    return len(word) > 1 and word.isupper() and "." not in word


def _a_person(run: list[str]) -> bool:
    """A run that ends in given name + surname: "of" after it starts a place or an
    employer ("Mayor Ilse Varga of Copperfield"), not the rest of one name."""
    return len(run) >= 2 and _given(run[-2]) and not known(run[-1])


def _given(word: str) -> bool:
    return word.casefold() in given_names() and not word.isupper()


def _peel_titles(names: list[str]) -> tuple[list[str], bool, list[str]]:
    """Split "ECB President Christine Lagarde" into prefix ECB, a title, and the person.

    Returns (name after the titles, whether a title was peeled, a known prefix that
    stood before the titles, or []).  A title is peeled only when a name follows it
    and that name is not an organisation's ("General Motors").  A run that is only
    a prefix and titles ("Polish Foreign Minister") keeps just the prefix.
    """
    while len(names) > 1 and is_title(names[-1]) and not _shouted(names[-1]):
        names = names[:-1]  # "Polish Foreign Minister" -> "Polish"
        if not any(is_title(w) for w in names):
            return [], False, names
    if all(is_title(w) for w in names):
        return [], True, []
    last = -1
    for i, word in enumerate(names[:-1]):
        if is_title(word) and not _shouted(word):
            last = i
    if last < 0:
        return names, False, []
    rest = names[last + 1 :]
    if rest[0].casefold() in CONNECTORS:  # "Secretary of State John Kerry"
        given = [i for i, w in enumerate(rest) if _given(w)]
        if not given:
            return names, False, []
        rest = rest[given[0] :]
    only_qualifiers = all(w in QUALIFIERS for w in names[: last + 1] if is_title(w))
    if (rest[-1] in ORG_WORDS or only_qualifiers) and not (len(rest) >= 2 or _given(rest[0])):
        return names, False, []
    first = last
    while first > 0 and is_title(names[first - 1]):
        first -= 1
    prefix = names[:first]
    keep_prefix = prefix and (known(" ".join(prefix)) or all(map(is_acronym, prefix)))
    return rest, True, prefix if keep_prefix else []
