"""Per-line signals for finding an article inside a whole-page text dump.

Each function looks at one line and answers one question (is it a date, a
byline, known boilerplate, how much does it read like prose); clean_text.py
combines them.  Word lists are small and multilingual on purpose: they name the
furniture every news site has, not any particular site.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
    # German, French, Spanish, Portuguese, Italian full names (datelines in those languages)
    "januar": 1, "februar": 2, "märz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "dezembro": 12, "gennaio": 1, "febbraio": 2,
    "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9, "ottobre": 10,
    "dicembre": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>"
    + "|".join(sorted((re.escape(name) for name in MONTHS), key=len, reverse=True))
    + r")\.?"
)
_TIME = r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<ampm>[ap]\.?\s?m\.?)?)?"
DATE_PATTERNS = (
    re.compile(
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d){_TIME}", re.I
    ),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|\.|º)?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?"
        rf"(?P<year>(?:19|20)\d\d){_TIME}",
        re.I,
    ),
    re.compile(
        r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)(?:[T\s]+(?P<hour>\d\d):(?P<minute>\d\d))?"
    ),
)
RELATIVE_TIME = re.compile(
    r"\b\d+\s*(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?)(?:,\s*\d+\s*\w+)?\s+ago\b", re.I
)
BYLINE = re.compile(
    r"^\s*(?:by|von|par|por|di|door|av|от|автор:?)\s+(?P<name>[^\d,.;:!?]{2,60})$", re.I
)
TRAILING_BYLINE = re.compile(r"\bBy\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\b")
COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<name>[^.|,©]{3,60})", re.I
)
MAX_CREDIT_CHARS = 60
WIRE_CREDITS = {
    "agencies", "agency", "reuters", "ap", "afp", "dpa", "ani", "pti", "ians", "xinhua",
    "tass", "efe", "ansa", "bloomberg", "associated press", "staff", "staff reporter",
    "news desk", "web desk", "wires", "bbc", "upi", "kyodo", "yonhap",
}  # fmt: skip
BOILERPLATE_PHRASES = (
    "subscribe", "newsletter", "sign up", "sign in", "log in", "login", "register",
    "cookie", "privacy policy", "terms of use", "terms of service", "all rights reserved",
    "advertisement", "advertise with", "read more", "more on", "the latest", "related",
    "recommended", "most read", "most popular", "trending", "follow us", "share this",
    "share on", "comments", "leave a comment", "click here", "download the app",
    "skip to", "back to top", "contact us", "about us", "latest magazine", "also read",
    "you may also like", "don't miss", "sponsored", "watch:", "listen:", "photo:",
    "image:", "getty images", "copyright", "©",
    "abonnieren", "anmelden", "werbung", "datenschutz", "mehr zum thema",
    "s'abonner", "connexion", "publicité", "lire aussi", "suscríbete", "publicidad",
    "leia também", "assine", "iscriviti", "pubblicità", "подписаться", "реклама",
    "читайте также", "войти",
)  # fmt: skip
# Phrases that mark boilerplate even in a long line (cookie banners, legal footers).
STRONG_BOILERPLATE = re.compile(
    r"(?<!\w)(?:cookies?|privacy policy|all rights reserved|terms of (?:use|service)|"
    r"javascript|your browser|ad ?blocker|sharing is caring)(?!\w)"
    # photo captions: "... a large rodentCredit: The Siberian Times", "(Image: GETTY)"
    r"|(?:credit|photo(?:graph)?|image|picture|foto|bild)s?\s*:\s*\S|getty images",
    re.IGNORECASE,
)
# Headers after which a page shows comments or lists of other stories, never the article.
SECTION_END = re.compile(
    r"^(?:\[?\s*\d+\s+comments?\s*\]?|(?:top rated |show |view |all |latest |reader )?comments?"
    r"(?:\s*\(\d+\))?|leave a (?:comment|reply)|join the discussion|related(?: roundup)?(?::.*)?|"
    r"related (?:articles?|stories|posts|news|content|coverage)|more (?:on|from|stories|news)\b.*|"
    r"(?:the )?latest(?: news| stories)?|you (?:may|might) also like|recommended(?: for you)?|"
    r"most (?:read|popular|viewed|shared)|trending(?: now)?|popular (?:categories|posts|stories)|"
    r"about the author|share this(?: article| story)?|sponsored(?: content| stories)?|"
    r"read next|what to read next|top stories|in other news|also on .*|"
    r"weitere artikel|mehr zum thema|lire aussi|à lire aussi|leia também|"
    r"читайте также|другие новости)\s*:?$",
    re.IGNORECASE,
)
COMMENTS_START = re.compile(
    r"^(?:\[?\s*\d+\s+comments?\s*\]?|(?:top rated |show |view |all |reader )?comments?"
    r"(?:\s*\(\d+\))?|leave a (?:comment|reply)|join the discussion|\d+ responses?)\s*:?$",
    re.IGNORECASE,
)
TEASER_END = re.compile(r"(?:\.\.|…|\[\s*(?:…|\.\.\.)\s*\])\s*$")
SENTENCE_END = re.compile(r"[.!?…。！？:;][\"'”’»)\]]*\s*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"\w+", re.UNICODE)


def word_count(line: str) -> int:
    """Words, counting CJK text (no spaces) as about one word per two characters."""
    words = len(line.split())
    cjk = len(_CJK.findall(line))
    return max(words, cjk // 2)


def stopword_share(line: str, stops: frozenset[str]) -> float:
    words = _WORD.findall(line.casefold())
    if not words or not stops:
        return 0.0
    return sum(word in stops for word in words) / len(words)


def capitalised_share(line: str) -> float:
    """Share of words starting with a capital: headlines in Title Case score high."""
    words = [w for w in line.split() if w[:1].isalpha()]
    if not words:
        return 0.0
    return sum(w[0].isupper() for w in words) / len(words)


def ends_like_sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line))


_BOILERPLATE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(p) for p in BOILERPLATE_PHRASES) + r")(?!\w)"
)


def boilerplate_phrase(line: str) -> str | None:
    """The boilerplate phrase a line contains, if any."""
    match = _BOILERPLATE.search(line.casefold())
    return match.group(0) if match else None


def strong_boilerplate(line: str) -> str | None:
    match = STRONG_BOILERPLATE.search(line)
    return match.group(0).casefold() if match else None


def ends_section(line: str) -> bool:
    """A header that starts comments or lists of other stories."""
    return bool(SECTION_END.match(line.strip(" \t-–—|»›>#*")))


def starts_comments(line: str) -> bool:
    return bool(COMMENTS_START.match(line.strip(" \t-–—|»›>#*[]")))


def is_teaser(line: str) -> bool:
    """A cut-off excerpt ("... NEW DELHI: The ..") as headline lists show them."""
    return bool(TEASER_END.search(line)) and not line.rstrip().endswith('..."')


def find_date(line: str) -> tuple[datetime, bool, re.Match[str]] | None:
    """The first date in ``line``: (UTC datetime, whether a time was stated, the match)."""
    for pattern in DATE_PATTERNS:
        match = pattern.search(line)
        if match is None:
            continue
        moment = _to_datetime(match)
        if moment is not None:
            return moment, match.groupdict().get("hour") is not None, match
    return None


def _to_datetime(match: re.Match[str]) -> datetime | None:
    parts = match.groupdict()
    month = MONTHS.get((parts.get("month") or "").casefold().rstrip(".")) or int(
        parts.get("mnum") or 0
    )
    hour, minute = int(parts.get("hour") or 0), int(parts.get("minute") or 0)
    ampm = (parts.get("ampm") or "").replace(".", "").replace(" ", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return datetime(int(parts["year"]), month, int(parts["day"]), hour, minute, tzinfo=UTC)
    except (ValueError, TypeError):
        return None


def is_date_line(line: str) -> bool:
    """A line that is (almost) only a date, a time or a time-ago stamp."""
    found = find_date(line)
    rest = line
    if found is not None:
        rest = line.replace(found[2].group(0), " ")
    rest = RELATIVE_TIME.sub(" ", rest)
    leftover = [w for w in _WORD.findall(rest) if not w.isdigit()]
    changed = rest != line
    return changed and len(leftover) <= 3


def has_listing_stamp(line: str) -> bool:
    """Headline lists end items with a date, a time-ago or a house byline."""
    if RELATIVE_TIME.search(line):
        return True
    found = find_date(line)
    return found is not None and found[2].end() >= len(line.rstrip()) - 2


def byline_name(line: str) -> str | None:
    match = BYLINE.match(line.strip())
    if match and 1 <= len(match.group("name").split()) <= 6:
        return match.group("name").strip()
    return None


def is_credit(line: str) -> bool:
    """A bare wire or staff credit such as "Agencies" or "Reuters"."""
    if len(line) > MAX_CREDIT_CHARS:
        return False
    text = line.strip().strip("()[]—–- ").casefold().removeprefix("source:").strip()
    if text in WIRE_CREDITS:
        return True
    parts = re.split(r"\s*(?:,|/|and|&|with)\s*", text)
    return len(parts) > 1 and all(part in WIRE_CREDITS for part in parts if part)
