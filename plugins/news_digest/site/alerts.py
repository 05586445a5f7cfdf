"""Alerts: saved queries over the briefs (``DIGEST_ALERTS``), each a page and feeds.

The query syntax (docs/site.md):

    query  := or
    or     := and ("OR" and)*
    and    := not (["AND"] not)*          two terms side by side mean AND
    not    := ("NOT" | "-") not | "(" or ")" | term
    term   := [field ":"] value            no field: a word or phrase of the text
    value  := word | '"' words '"'
    field  := entity | tag | source | lang | word

``entity:"ECB"`` a name the brief mentions (its entities or tags), ``tag:Sumy`` one
of its tags, ``source:"Harbour Gazette"`` its outlet, ``lang:en`` its language
(``en`` also matches ``en-gb``), ``word:bridge`` or ``bridge`` a word (or a quoted
phrase) of its title, summary or text.  Names, words and outlets compare without
regard to case; AND binds tighter than OR (``a OR b AND c`` is ``a OR (b AND c)``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from news_digest.core.errors import ConfigError
from news_digest.site.pelican_internals import raw_content
from news_digest.site.stories import parse_entities
from news_digest.text.plain import html_to_text
from news_digest.text.safe import bounded_slug
from news_digest.text.slug import slugify

FIELDS = ("entity", "tag", "source", "lang", "word")
_TOKEN = re.compile(r'\s*(?:(\()|(\))|(-)(?=\S)|(?:([A-Za-z]+):)?(?:"([^"]*)"|([^\s()"]+)))')
Predicate = Callable[[Any], bool]


class QueryError(ConfigError):
    pass


@dataclass(frozen=True)
class Token:
    kind: str  # "(", ")", "-", "AND", "OR", "NOT", "term"
    field: str = "word"
    value: str = ""


def tokens(query: str) -> list[Token]:
    found, position = [], 0
    text = query.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise QueryError(f"cannot read the query from {text[position:]!r}")
        position = match.end()
        opened, closed, minus, field, quoted, bare = match.groups()
        if opened or closed or minus:
            found.append(Token(opened or closed or minus))
        elif field is None and quoted is None and bare in ("AND", "OR", "NOT"):
            found.append(Token(bare))
        else:
            name = (field or "word").lower()
            if name not in FIELDS:
                raise QueryError(f"unknown field {field!r}: use one of {', '.join(FIELDS)}")
            value = " ".join((quoted if quoted is not None else bare or "").split())
            if not value:
                raise QueryError(f"empty value for {name}: in {query!r}")
            found.append(Token("term", name, value))
        while position < len(text) and text[position].isspace():
            position += 1
    return found


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = tokens(query)
        self.at = 0

    def peek(self) -> Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise QueryError(f"the query {self.query!r} ends too soon")
        self.at += 1
        return token

    def parse(self) -> Predicate:
        if not self.tokens:
            raise QueryError("an alert's query is empty")
        predicate = self.or_()
        if self.peek() is not None:
            raise QueryError(f"unexpected {self.peek()!r} in {self.query!r}")
        return predicate

    def or_(self) -> Predicate:
        parts = [self.and_()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else (lambda a: any(p(a) for p in parts))

    def and_(self) -> Predicate:
        parts = [self.not_()]
        while (token := self.peek()) is not None and token.kind not in ("OR", ")"):
            if token.kind == "AND":
                self.take()
            parts.append(self.not_())
        return parts[0] if len(parts) == 1 else (lambda a: all(p(a) for p in parts))

    def not_(self) -> Predicate:
        token = self.take()
        if token.kind in ("NOT", "-"):
            inner = self.not_()
            return lambda a: not inner(a)
        if token.kind == "(":
            inner = self.or_()
            if self.take().kind != ")":
                raise QueryError(f"a bracket is not closed in {self.query!r}")
            return inner
        if token.kind != "term":
            raise QueryError(f"unexpected {token.kind!r} in {self.query!r}")
        return term(token.field, token.value)


def _names(article: Any) -> set[str]:
    named = {name.casefold() for _, name, _ in parse_entities(getattr(article, "entities", ""))}
    return named | _tags(article)


def _tags(article: Any) -> set[str]:
    return {tag.name.casefold() for tag in getattr(article, "tags", None) or []}


def _text(article: Any) -> str:
    cached = getattr(article, "_alert_text", None)
    if cached is None:
        parts = (article.title, getattr(article, "summary", ""), raw_content(article))
        cached = " ".join(html_to_text(str(p)) for p in parts).casefold()
        article._alert_text = cached
    return str(cached)


def term(field: str, value: str) -> Predicate:
    wanted = value.casefold()
    if field == "entity":
        return lambda a: wanted in _names(a)
    if field == "tag":
        return lambda a: wanted in _tags(a)
    if field == "source":
        return lambda a: str(getattr(a, "source", "") or "").casefold() == wanted
    if field == "lang":
        return lambda a: (str(getattr(a, "lang", "") or "").casefold() + "-").startswith(
            wanted + "-"
        )
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, wanted.split())) + r"(?!\w)")
    return lambda a: pattern.search(_text(a)) is not None


def compile_query(query: str) -> Predicate:
    """The query as a test on a brief; QueryError says what is wrong with it."""
    return _Parser(query).parse()


@dataclass
class Alert:
    name: str
    query: str
    slug: str
    url: str
    save_as: str
    articles: list[Any]  # newest first

    @property
    def feed_title(self) -> str:
        return f"Alert: {self.name}"


def check_alerts(alerts: Mapping[str, str]) -> None:
    """Every alert's query parses, and no two names make one page (ConfigError)."""
    slugs: dict[str, str] = {}
    for name, query in alerts.items():
        try:
            compile_query(query)
        except QueryError as error:
            raise ConfigError(f"DIGEST_ALERTS[{name!r}]: {error}") from None
        slug = alert_slug(name, 120)
        if slug in slugs:
            raise ConfigError(f"DIGEST_ALERTS: {name!r} and {slugs[slug]!r} make one page")
        slugs[slug] = name


def alert_slug(name: str, max_bytes: int) -> str:
    return bounded_slug(slugify(name) or "alert", max_bytes)


def make_alerts(
    alerts: Mapping[str, str], articles: list[Any], url: str, save_as: str, max_bytes: int
) -> list[Alert]:
    """Each alert with exactly the briefs its query matches, newest first, by name."""
    newest_first = sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)
    made = []
    for name, query in sorted(alerts.items(), key=lambda item: item[0].casefold()):
        test = compile_query(query)
        slug = alert_slug(name, max_bytes)
        made.append(
            Alert(
                name,
                query,
                slug,
                url.format(slug=slug),
                save_as.format(slug=slug),
                [a for a in newest_first if test(a)],
            )
        )
    return made
