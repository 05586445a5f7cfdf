"""A headline for an article whose seed gives none, made the way an editor makes one.

Not the lead sentence cut with "…": the lead's main clause (before a trailing
participle, relative or "as …" clause), its subject's titles dropped and a person
named by surname ("President Vladimir Putin" -> "Putin"), a reported statement
written as "Putin: lessons … should …".  Every step only removes words or swaps a
reporting verb for a colon, so nothing is said that the lead did not say.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from news_digest.text.leads import without_dateline
from news_digest.text.sentences import first_sentence

# News headlines run to about 8-14 words; a complete main clause up to this long reads
# better than a cut one (the seed 000 lead's main clause: 16 words without articles).
HEADLINE_MAX_WORDS = 16
HEADLINE_MIN_WORDS = 4  # a shorter "main clause" is a cut, not a headline
MIN_LAST_PHRASE_WORDS = 3
# Where a lead's main clause ends: a comma before a participle, a relative clause or a
# conjunction that adds background (English, German, Spanish, French, Italian, Portuguese).
_CLAUSE_END = re.compile(
    r",\s+(?=(?:\w+ing|which|who|whose|where|while|as|after|before|amid|despite|according"
    r"|although|though|because|but|welche[rsnm]?|der|die|das|nachdem|während|obwohl|weil"
    r"|que|quien|cuando|donde|mientras|tras|según|aunque|porque|qui|lorsque|où|alors|après"
    r"|selon|bien|parce|che|mentre|dopo|secondo|perché|enquanto|após|segundo|porque)\b)"
    r"|\s+[—–]\s+|;\s+|:\s+",
    re.IGNORECASE,
)
# "X said that …" -> "X: …" (a reporting verb, maybe with an auxiliary, then "that").
_REPORTED = re.compile(
    r"^(?P<subject>.{2,80}?)\s+(?:has |have |had |on \w+ )?"
    r"(?:said|says|emphasi[sz]ed|stressed|argued|announced|warned|told \w+|noted|claimed"
    r"|insisted|added|declared|stated|explained|suggested|acknowledged|confirmed|believes"
    r"|sagte|erklärte|betonte|warnte|dijo|afirmó|aseguró|explicó|a déclaré|a affirmé"
    r"|a estimé|ha detto|ha affermato|disse|afirmou)"
    r"(?:\s+(?:on|in|at|last|this|to)\s+\w+)?\s+(?:that|dass|que|che)\s+(?P<statement>.+)$",
    re.IGNORECASE,
)
_ENGLISH_ARTICLES = frozenset({"the", "a", "an"})  # other languages keep theirs
_LEADING_ARTICLE = re.compile(
    r"^(?:the|a|an|der|die|das|el|la|los|las|le|les|il|lo|gli|o|os|as)\s+(?=\w)", re.IGNORECASE
)


def headline_from(lead: str, people: Sequence[str] = ()) -> str:
    """A headline from the article's lead paragraph, or "" when the lead gives none;
    ``people``: the persons the article names (canonical full names), for the subject."""
    sentence = first_sentence(without_dateline(lead)).rstrip(" .!?。")
    clause = _main_clause(sentence)
    clause = _surname_subject(clause, people)
    if reported := _REPORTED.match(clause):
        statement = _LEADING_ARTICLE.sub("", reported["statement"])
        clause = f"{reported['subject']}: {statement}"
    words = [w for i, w in enumerate(clause.split()) if i == 0 or w not in _ENGLISH_ARTICLES]
    clause = " ".join(words)  # headline style drops articles: "into the nation's" -> "into"
    if len(words) > HEADLINE_MAX_WORDS:
        clause = _cut_at_phrase(words)
    return clause[:1].upper() + clause[1:]


def _main_clause(sentence: str) -> str:
    """The sentence up to its first background clause, if that leaves enough words."""
    for match in _CLAUSE_END.finditer(sentence):
        head = sentence[: match.start()]
        if len(head.split()) >= HEADLINE_MIN_WORDS:
            return head
    return sentence


def _surname_subject(clause: str, people: Sequence[str]) -> str:
    """ "Russian President Vladimir Putin said" -> "Putin said": the first person named in
    the clause's opening capitalised words stands by surname, their titles dropped."""
    for person in sorted(people, key=len, reverse=True):
        at = clause.find(person)
        if at < 0 or len(person.split()) < 2:
            continue
        before = clause[:at].split()
        if all(word[:1].isupper() for word in before) and len(before) <= 4:
            return person.split()[-1] + clause[at + len(person) :]
    return clause


def _cut_at_phrase(words: list[str]) -> str:
    """At most HEADLINE_MAX_WORDS words, ended where a preposition or conjunction starts
    the next phrase, never inside a phrase and never with an ellipsis.  The last phrase
    kept has three words or more ("to close old harbour bridge", not "from first")."""
    starts = [i for i, word in enumerate(words) if word.casefold() in _PHRASE_STARTS]
    cuts = [p for p in starts if HEADLINE_MIN_WORDS < p <= HEADLINE_MAX_WORDS]
    for p in reversed(cuts):
        phrase_start = max((s for s in starts if s < p), default=0)
        if p - phrase_start >= MIN_LAST_PHRASE_WORDS:
            return " ".join(words[:p]).rstrip(",;:")
    cut = words[: cuts[-1] if cuts else HEADLINE_MAX_WORDS]
    while len(cut) > HEADLINE_MIN_WORDS and cut[-1].casefold() in _PHRASE_STARTS:
        cut.pop()
    return " ".join(cut).rstrip(",;:")


_PHRASE_STARTS = frozenset(
    "in on at for with from by of to into after before during amid and or but as while such "
    "including "
    "im am an auf für mit von bei nach und oder en con de del por para y o dans avec pour "
    "et ou nel con per e em com para".split()
)
