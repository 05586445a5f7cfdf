"""The per-seed stage's shortcuts give what the plain code they replaced gave.

Each speed-up of issue 19 (word pooling, jumps between name words, indexes instead of
scans, a digit-led figure search, a mark-led sentence split) is checked here against
the straightforward version, on random text made of the characters each one cares
about, so a later edit cannot make them drift apart unnoticed.
"""

from __future__ import annotations

import random
import re
import struct
import zlib
from collections import Counter
from collections.abc import Sequence

import pytest
from news_digest.core import terms
from news_digest.core.entities import _initials, _join_variants
from news_digest.core.gazetteer import DEMONYMS
from news_digest.core.names import segment
from news_digest.core.names.lexicon import places
from news_digest.core.names.segment import Line, Segmenter, gather_evidence, read_lines
from news_digest.text import figures
from news_digest.text.sentences import ABBREVIATIONS, split_sentences
from news_digest.text.stopwords import stopwords

pytestmark = pytest.mark.unit
ROUNDS = 3000


def _random_text(rng: random.Random, alphabet: Sequence[str], most: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, most)))


# -- sentences: the look-behind split it replaced ------------------------------------
_LOOK_BEHIND = re.compile(r"(?:(?<=[.!?…。！？])|(?<=[.!?…。！？][\"'”’»)\]]))\s+")


def _split_by_look_behind(text: str) -> list[str]:
    sentences: list[str] = []
    for piece in _LOOK_BEHIND.split(text.strip()):
        if not piece:
            continue
        if sentences and (sentences[-1].endswith(ABBREVIATIONS) or piece[:1].islower()):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return sentences


def test_sentence_split_matches_the_look_behind_split() -> None:
    rng = random.Random(19)
    alphabet = [*" .!?…。\"'”’»)]\n\t\u00a0", "a", "b", "A", "B", "St.", "U.S.", "Mr."]
    for _ in range(ROUNDS):
        text = _random_text(rng, alphabet, 14)
        assert split_sentences(text) == _split_by_look_behind(text), repr(text)


# -- figures: findall everywhere ----------------------------------------------------
def test_figures_found_where_findall_finds_them() -> None:
    rng = random.Random(20)
    alphabet = list("0123 ,.%\u202fmkbilnpercent\nx_A")
    for _ in range(ROUNDS):
        text = _random_text(rng, alphabet, 16)
        assert figures._figures(text) == figures._FIGURE.findall(text), repr(text)


# -- terms: word by word ------------------------------------------------------------
def _term_vector_word_by_word(texts: Sequence[str], language: str) -> bytes:
    stops = stopwords(language) or stopwords("en")
    counts = Counter(
        w for text in texts for w in terms._WORD.findall(text.casefold()) if w not in stops
    )
    hashed: Counter[int] = Counter()
    for word, n in counts.items():
        hashed[zlib.crc32(word.encode())] += n
    keys = sorted(hashed)
    return struct.pack(f"<{len(keys)}I{len(keys)}I", *keys, *(hashed[k] for k in keys))


def test_term_vector_matches_counting_word_by_word() -> None:
    rng = random.Random(21)
    words = ["the", "bank", "Bank", "rates", "Zürich", "İstanbul", "naïve", "ab", "x1y"]
    words += ["plumless", "buckeroo"]  # the same CRC-32: their counts add up
    assert zlib.crc32(b"plumless") == zlib.crc32(b"buckeroo")
    for _ in range(500):
        texts = [" ".join(rng.choices(words, k=rng.randint(0, 12))) for _ in range(3)]
        for language in ("en", "de", "sn"):
            assert terms.term_vector(texts, language) == _term_vector_word_by_word(
                texts, language
            ), texts


# -- segmentation: evidence word by word, the walk over every word ------------------
def _evidence_word_by_word(lines: Sequence[Line]) -> tuple[dict[str, Counter[str]], set[str]]:
    capitalised: dict[str, Counter[str]] = {}
    lower: set[str] = set()
    for line in lines:
        if line.mode:
            continue
        for i in range(1, len(line.words)):
            word = line.bare[i]
            if not word[:1].isalpha() or line.words[i - 1] in segment._OPENERS:
                continue
            if word[0].isupper():
                capitalised.setdefault(word.casefold(), Counter())[word] += 1
            elif word.islower():
                lower.add(word.casefold())
    return capitalised, lower


_WORDS = """The Bank of England said on Monday that rates , would stay . Mr. Ilse Varga
of Copperfield told Reuters in Berlin ( Reuters ) " Defender Tom Hale " I I'm Don't
the bank BANK NATO U.S. St. Lagarde's ECB President Christine Lagarde de la Vega von
der Leyen 2 108-3 beat v Leeds Spain Russian Ärzte ärzte İstanbul""".split()


def _lines(rng: random.Random) -> list[str]:
    return [" ".join(rng.choices(_WORDS, k=rng.randint(1, 18))) for _ in range(4)]


def test_evidence_and_mentions_match_the_word_by_word_walk() -> None:
    rng = random.Random(22)
    for _ in range(400):
        blocks = _lines(rng)
        lines = read_lines(blocks)
        evidence = gather_evidence(lines)
        capitalised, lower = _evidence_word_by_word(lines)
        assert evidence.lower == lower
        assert {k: list(v.items()) for k, v in evidence.capitalised.items()} == {
            k: list(v.items()) for k, v in capitalised.items()
        }
        for key, seen in capitalised.items():
            assert evidence.form(key) == seen.most_common(1)[0][0]
        for language in ("en", "de"):
            stops = stopwords(language) | stopwords("en")
            fast, slow = Segmenter(language, evidence, stops), Segmenter(language, evidence, stops)
            for line in lines:
                fast.line(line)
                slow._marked_line(line)  # every word walked, _capital asked of each
            assert fast.mentions == slow.mentions, blocks


def test_ends_in_initial_looks_at_the_end_only() -> None:
    rng = random.Random(23)
    for _ in range(ROUNDS):
        text = _random_text(rng, list("AZaz. (\n\t"), 8)
        found = segment._ENDS_IN_INITIAL.search(text) is not None
        assert segment._ends_in_initial(text) == found, repr(text)


# -- variants: the scans over every longer name --------------------------------------
def _join_by_scanning(names: Sequence[str]) -> dict[str, str]:
    multi = [n for n in names if " " in n]
    joined: dict[str, str] = {}
    present = set(names)
    for name in names:
        if name in DEMONYMS:
            if DEMONYMS[name] in present:
                joined[name] = DEMONYMS[name]
            continue
        if " " in name or name.casefold() in places():
            suffix = [f for f in multi if f != name and f.endswith(" " + name)]
            if " " in name and len(suffix) == 1 and name.casefold() not in places():
                joined[name] = suffix[0]
            continue
        if segment.is_acronym(name):
            matches = sorted(f for f in multi if _initials(f.split()) == name.replace(".", ""))
        else:
            matches = sorted({f for f in multi if f.split()[-1] == name})
            if not matches:
                matches = sorted({f for f in multi if f.split()[0] == name and len(f.split()) == 2})
        if len(matches) == 1:
            joined[name] = matches[0]
    return joined


def test_variants_joined_as_by_scanning() -> None:
    rng = random.Random(24)
    parts = ["Jana", "Pryce", "Bank", "Central", "European", "ECB", "E.C.B.", "Paris"]
    parts += ["Russian", "Russia", "of", "Vega", "de", "la", "NATO"]
    for _ in range(ROUNDS):
        names = list(
            dict.fromkeys(
                " ".join(rng.choices(parts, k=rng.choice((1, 1, 2, 3)))) for _ in range(8)
            )
        )
        assert _join_variants(names) == _join_by_scanning(names), names


# -- ASCII shortcuts: ASCII classes, folding the whole text once ---------------------
def test_ascii_tokens_and_folded_words_are_the_unicode_ones() -> None:
    rng = random.Random(25)
    alphabet = [*"aZ9_'-./:, \"(", "U.S.", "it's", "3rd", "well-known"]
    topic_word = re.compile(r"[^\W\d_][\w-]*")
    for _ in range(ROUNDS):
        text = _random_text(rng, alphabet, 12)
        assert segment._ASCII_TOKEN.findall(text) == segment._TOKEN.findall(text), repr(text)
        folded = [w.casefold() for w in topic_word.findall(text)]
        assert topic_word.findall(text.casefold()) == folded, repr(text)
        assert len(re.findall(r"\w+", text.casefold())) == len(re.findall(r"\w+", text))


# -- language: the NumPy walk of the model's byte automaton ---------------------------
def test_byte_walk_counts_what_py3langid_visit_counts_counts() -> None:
    from news_digest.core.language import _identifier
    from py3langid.langid import visit_counts

    identifier = _identifier()
    walk = identifier.walk

    def py3langid_counts(data: bytes) -> list[tuple[int, int]] | None:
        found = visit_counts(
            identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, data
        )
        return None if found is None else list(found.items())

    def walked(data: bytes) -> list[tuple[int, int]] | None:
        found = walk.counts(data)
        return None if found is None else list(found.items())  # same order too

    rng = random.Random(19)
    scripts = [
        "The bank said on Tuesday it would keep rates unchanged, analysts said.",
        "Die Regierung hat am Dienstag neue Maßnahmen beschlossen: „Jetzt“.",
        "Президент заявил, что переговоры продолжатся на следующей неделе.",
        "東京で会議が開かれた。中国と韓国の代表が出席した。",
        "Ελλάδα και Κύπρος — ١٢٣ مرحبا بالعالم — שלום עולם — नमस्ते दुनिया 🎉",
    ]
    for _ in range(ROUNDS // 3):
        pieces = [rng.choice(scripts)[rng.randint(0, 20) :] for _ in range(rng.randint(0, 6))]
        text = " ".join(pieces).encode()
        noise = bytes(rng.randrange(256) for _ in range(rng.randint(0, 30)))
        for data in (text, noise, text[: rng.randint(0, 12)], noise + text):
            assert walked(data) == py3langid_counts(data), data
    assert walk.counts(b"") is None
    import py3langid  # its own identifier, walking byte by byte

    assert [identifier.classify(text) for text in scripts] == list(map(py3langid.classify, scripts))


# -- dump metadata: breadcrumb splits and content words --------------------------------
def test_crumb_parts_split_as_the_breadcrumb_pattern_does() -> None:
    from news_digest.core.clean.dump_metadata import _CRUMB, crumb_parts

    rng = random.Random(19)
    alphabet = [*" ›»>/\\→|-\t", "a", "B", "Home", "HomeNews", "home", "ab"]
    for _ in range(ROUNDS):
        text = _random_text(rng, alphabet, 12)
        assert crumb_parts(text) == _CRUMB.split(text), repr(text)
        assert crumb_parts(text.casefold()) == _CRUMB.split(text.casefold()), repr(text)


def test_content_words_are_the_words_folded_one_by_one() -> None:
    from news_digest.core.clean.dump_metadata import _CONTENT_WORD, content_words

    rng = random.Random(19)
    alphabet = [*" .,'-_0123\n", "abc", "ABC", "Straße", "İstanbul", "ǰa", "東京都", "ひらがな"]
    for _ in range(ROUNDS):
        text = _random_text(rng, alphabet, 10)
        assert content_words(text) == {w.casefold() for w in _CONTENT_WORD.findall(text)}


# -- dump lines: a sentence's end read from the line's end -----------------------------
def test_ends_like_sentence_as_the_sentence_end_pattern() -> None:
    from news_digest.core.clean.signals import SENTENCE_END, ends_like_sentence

    rng = random.Random(19)
    alphabet = [*".!?…。！？:;\"'”’»)] \t\n\u00a0\u2003x(«", "ab", "A."]
    for _ in range(ROUNDS):
        text = _random_text(rng, alphabet, 8)
        assert ends_like_sentence(text) == bool(SENTENCE_END.search(text)), repr(text)
