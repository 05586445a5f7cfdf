"""Bylines of a text dump: who wrote the article, read from one line's text.

The forms news and blog pages print above an article, in English, German, Spanish,
French and a few more: "By Name", "By Name, Title", "By Name | City | Date",
"Written by Name", "Autor: Name", "Por Name", "Par Name", "Von Name", a date with
"by Name" after it, a name with the date after it ("Name Published 10:19am 19 December
2025"), and the bare name on its own line beside the dateline (``bare_name``: the
caller decides it is beside one).  A byline wrongly given is worse than none, so a
name must look like a name: capitalised words, no digits, no furniture words.
"""

from __future__ import annotations

import re

from news_digest.core.dates import MONTHS, find_date
from news_digest.core.names.lexicon import given_names

MAX_NAME_WORDS = 5  # "Dr Marna van der Merwe" is 5 words with its particles
MAX_BYLINE_WORDS = 24  # longer lines are prose that happens to contain "by"
MAX_AUTHORS = 4
MAX_ROLE_WORDS = 5  # "Jane Roe, Senior Health and Science Editor"
_HONORIFICS = frozenset("dr prof mr mrs ms dipl ing mag".split())
# "By", "Written by", "Autor:", … at the start of the line, or after its date.
_LEAD = re.compile(
    r"(?:^|(?<=\s))(?:(?:written|posted|published|reviewed|edited|reported|words|story|"
    r"text|geschrieben|publicado|escrito|publié|écrit|rédigé)\s+)?"
    r"(?:(?:by|von|por|par|door|di)(?:\s*:\s*|\s+)|(?-i:By)(?=(?-i:[A-ZÀ-Ý][a-zà-ÿ]))"
    r"|(?:author|authors|autor|autorin|autoren|auteur|auteure|autora|verfasser|"
    r"writer|contributors?|redacción|redaktion)\s*:\s*)",
    re.IGNORECASE,
)
# Where a byline's name ends: a field separator, a date word, a role after a comma.
_NAME_END = re.compile(
    r"\s*(?:[|•·●–—/]|\s-\s|\(|\s(?:on|in|am|le|el|updated|published|posted|last|"
    r"aktualisiert|actualizado|mis à jour|veröffentlicht|publicado|publié)\s)|\s+\d"
    r"|\s(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+\d",
    re.IGNORECASE,
)
# What may stand before the lead: the date and its verbs ("Posted on July 1, 2024 by").
_DATE_VERBS = frozenset("published posted updated last on am le el the".split())
_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\by\b|\bet\b|\be\b)\s*")
_PARTICLES = frozenset(
    "van der den de del della di da das dos du le la von zu ten ter bin al y".split()
)
# Capitalised words that are page furniture or job titles, never a person's name.
_NOT_NAMES = frozenset(
    """home menu search share follow subscribe login log sign comments comment reply
    admin editor editors editorial reporter correspondent columnist contributor writer
    journalist author staff clinician desk published updated posted read min mins minutes
    news blog article articles category categories tags tag contents table previous next
    more about contact privacy terms policy cookie cookies advertisement sponsored
    photo photos image video listen watch print email facebook twitter linkedin
    whatsapp instagram youtube guest senior chief managing associate analyst expert
    reviewed verified fact checked medically today yesterday executive director
    founder cofounder co-founder manager head president ceo cto cfo phd md former deputy
    principal producer host professor lecturer""".split()
)


def byline_names(text: str) -> tuple[str, ...]:
    """The authors a byline line names ("By A, B and C | City"), else ()."""
    if len(text.split()) > MAX_BYLINE_WORDS:
        return ()
    lead = _LEAD.search(text)
    if lead is None:
        return ()
    before = text[: lead.start()].strip(" |•·,-–—:")
    if before and not _only_date(before):
        return ()  # "Stand by me", "Photo by …": the lead must open the line or follow a date
    return _names(text[lead.end() :])


def name_before_date(text: str) -> str | None:
    """ "Patrick Clarke Published 10:19am 19 December 2025", "Zach Lezberg | May 22, 2025":
    the name that opens a dateline."""
    found = find_date(text)
    if found is None or len(text.split()) > MAX_BYLINE_WORDS:
        return None
    head = re.split(
        r"\s*(?:[|•·–—]|\b(?:published|updated|posted|on|am|le|el|veröffentlicht|"
        r"publicado|publié)\b)",
        text[: found.start],
        maxsplit=1,
        flags=re.IGNORECASE,
    )[0]
    return bare_name(head)


def given_name_first(name: str, page_words: frozenset[str] = frozenset()) -> bool:
    """Whether a name starts with a known first name ("Dr. Jane Roe", "Jane Roe").

    The lexicon holds words too ("Key", "Free", "Deep"): a name one of whose words the
    page also writes in lower case (``page_words``) is a phrase, "Key Features"."""
    words = [w for w in name.split() if w.casefold().rstrip(".") not in _HONORIFICS]
    if not words or any(w.casefold() in page_words for w in words):
        return False
    return words[0].casefold() in given_names()


def name_after_date(text: str) -> str | None:
    """ "Dec 17, 2025Julian K. Arni", "January 16, 2026 Jane Roe": the name that ends a
    dateline (after its last date)."""
    if len(text.split()) > MAX_BYLINE_WORDS:
        return None
    rest, found = text, find_date(text)
    while found is not None:
        rest = rest[found.end :]
        found = find_date(rest)
    if rest is text:
        return None
    return bare_name(re.split(r"\s*[|•·–—]|\s\d", rest, maxsplit=1)[0])


def bare_name(text: str) -> str | None:
    """A line that is only a person's name ("Kelia Losa Reinoso", "Jane Roe, Editor"),
    else None."""
    text = text.strip(" |•·,:-–—●")
    head, comma, role = text.partition(", ")
    if comma and len(role.split()) <= MAX_ROLE_WORDS:
        text = head  # "Audrey Huang, Print Managing Editor"
    if not text or len(text) > 60 or any(c.isdigit() for c in text):
        return None
    words = text.split()
    if not 2 <= len(words) <= MAX_NAME_WORDS - 1:
        return None
    return _name(text)


def _only_date(text: str) -> bool:
    found = find_date(text)
    if found is None:
        return False
    rest = text[: found.start] + " " + text[found.end :]
    return all(w.casefold().strip(":,") in _DATE_VERBS for w in rest.split())


def _names(rest: str) -> tuple[str, ...]:
    rest = rest.strip(" :")
    end = _NAME_END.search(rest)
    field = rest[: end.start()] if end else rest
    names: list[str] = []
    for i, part in enumerate(p for p in _SPLIT.split(field) if p):
        name = _name(part, single_word=i == 0)
        if name is None:
            words = part.split()
            cut = next((k for k, w in enumerate(words) if w.casefold() in _NOT_NAMES), 0)
            if cut >= 2 and (name := _name(" ".join(words[:cut]))):
                names.append(name)  # "Jane Roe Executive Digital Editor"
            break  # "By Jane Doe, Senior Editor": the role after the names ends them
        names.append(name)
    return tuple(dict.fromkeys(names))[:MAX_AUTHORS]


def _name(text: str, single_word: bool = False) -> str | None:
    words = text.strip(" .,;:").split()
    if len(words) >= 4 and words[: len(words) // 2] == words[len(words) // 2 :]:
        words = words[: len(words) // 2]  # "Colin Gray Colin Gray": a link and its text
    if not words or len(words) > MAX_NAME_WORDS or (len(words) == 1 and not single_word):
        return None
    capitals = 0
    for word in words:
        bare = word.strip(".'’-")
        if bare.casefold() in _NOT_NAMES or (len(words) == 1 and bare.casefold() in MONTHS):
            return None  # "Written By Feb 11, 2019"; but "Tom May", "April Fulton"
        if any(c.isdigit() for c in word):
            return None
        if bare.casefold() in _PARTICLES:
            continue
        if not bare[:1].isupper() or not all(c.isalpha() or c in ".'’-" for c in word):
            return None
        capitals += 1
    if not capitals:
        return None
    name = " ".join(words)
    return name.title() if name.isupper() and len(name) > 3 else name
