"""One sentence splitter for every stage (summaries, headlines, entities)."""

from __future__ import annotations

import re

# Abbreviations that end no sentence although a full stop follows them.
ABBREVIATIONS = ("St.", "Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Sen.", "Rep.", "Gov.", "Prof.",
                 "Lt.", "Col.", "Jr.", "Sr.", "No.", "U.S.", "U.K.", "U.N.", "E.U.")  # fmt: skip
# A sentence ends at . ! ? … (or the CJK 。！？), maybe followed by a closing quote or
# bracket, then white space; the closing mark stays with its sentence.
_BOUNDARY = re.compile(r"(?:(?<=[.!?…。！？])|(?<=[.!?…。！？][\"'”’»)\]]))\s+")


def split_sentences(text: str) -> list[str]:
    """Sentences, without breaking after "St." or "U.S.", nor before a word in
    lower case (an abbreviation nobody listed: "approx. five")."""
    sentences: list[str] = []
    for piece in _BOUNDARY.split(text.strip()):
        if not piece:
            continue
        if sentences and (sentences[-1].endswith(ABBREVIATIONS) or piece[:1].islower()):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return sentences


def first_sentence(text: str) -> str:
    sentences = split_sentences(text)
    return sentences[0] if sentences else ""
