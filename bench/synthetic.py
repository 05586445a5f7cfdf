"""A synthetic news corpus for benchmarks: whole-page text dumps and HTML pages.

Everything is generated from a fixed random seed, so every run benchmarks the
same bytes; no text is copied from anywhere.
"""

from __future__ import annotations

import random
from pathlib import Path

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ne",
    "to",
    "su",
    "vi",
    "da",
    "pe",
    "ri",
    "mo",
    "la",
    "ze",
    "no",
    "fi",
    "gu",
    "ha",
    "be",
    "ti",
]
NAMES = ["Arlen Voss", "Mira Tal", "Oskar Lind", "Jana Pryce", "Tomas Reyes", "Ines Kova"]
PLACES = ["Varnholm", "Essia", "Kordan", "Lusk", "Marrow Bay", "Tiber Falls", "Orlin"]
NAV = ["Home", "World", "Politics", "Business", "Tech", "Sport", "Culture", "Opinion"]
FOOTER = [
    "Subscribe to our newsletter",
    "About us",
    "Contact",
    "Privacy policy",
    "Cookie settings",
    "© 2025 The Daily Example. All rights reserved.",
]


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(size)}
    ordered = sorted(words)
    rng.shuffle(ordered)  # frequency rank must not follow spelling
    return ordered


class CorpusMaker:
    """Makes article texts with Zipf-like word frequencies and a few named entities."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.words = _vocabulary(self.rng)
        self.weights = [1 / (rank + 1) for rank in range(len(self.words))]
        self.function_words = [
            "the",
            "of",
            "and",
            "to",
            "in",
            "a",
            "is",
            "that",
            "for",
            "on",
            "with",
            "as",
            "was",
            "by",
            "at",
        ]

    def sentence(self, length: int) -> str:
        rng = self.rng
        picks = rng.choices(self.words, weights=self.weights, k=length)
        out = []
        for word in picks:
            out.append(word)
            if rng.random() < 0.35:
                out.append(rng.choice(self.function_words))
        if rng.random() < 0.5:
            out.insert(rng.randrange(len(out)), rng.choice(NAMES))
        if rng.random() < 0.4:
            out.insert(rng.randrange(len(out)), rng.choice(PLACES))
        text = " ".join(out)
        return text[0].upper() + text[1:] + "."

    def paragraph(self) -> str:
        return " ".join(
            self.sentence(self.rng.randint(10, 22)) for _ in range(self.rng.randint(3, 6))
        )

    def article(self, words: int) -> tuple[str, list[str]]:
        title = self.sentence(self.rng.randint(6, 10)).rstrip(".")
        paragraphs: list[str] = []
        while sum(len(p.split()) for p in paragraphs) < words:
            paragraphs.append(self.paragraph())
        return title, paragraphs

    def headline_list(self, n: int) -> list[str]:
        lines = []
        for _ in range(n):
            lines.append(self.sentence(self.rng.randint(6, 10)).rstrip("."))
            lines.append(f"Jun {self.rng.randint(1, 28)}, 2025")
        return lines


def text_dump(maker: CorpusMaker, day: int) -> str:
    title, paragraphs = maker.article(maker.rng.randint(400, 900))
    header = f"date 2025-{1 + day % 12:02d}-{1 + day % 28:02d} {title}\n\n"
    return (
        header
        + "\n".join(NAV)
        + f"\n\n{title}\n\nBy {maker.rng.choice(NAMES)}\n\n"
        + "\n\n".join(paragraphs)
        + "\n\nMore on World\n\n"
        + "\n".join(maker.headline_list(6))
        + "\n\n"
        + "\n".join(FOOTER)
        + "\n"
    )


def html_page(maker: CorpusMaker, day: int) -> str:
    title, paragraphs = maker.article(maker.rng.randint(400, 900))
    nav = "".join(f"<li><a href='/{n.lower()}'>{n}</a></li>" for n in NAV)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    related = "".join(
        f"<li><a href='/r{i}'>{h}</a></li>" for i, h in enumerate(maker.headline_list(4))
    )
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='article:published_time' content='2025-{1 + day % 12:02d}-"
        f"{1 + day % 28:02d}T08:00:00Z'><meta property='og:site_name' content='Daily Example'>"
        f"</head><body><header><nav><ul>{nav}</ul></nav></header><main><article>"
        f"<h1>{title}</h1><p class='byline'>By {maker.rng.choice(NAMES)}</p>{body}</article>"
        f"<aside><h2>Related</h2><ul>{related}</ul></aside></main>"
        f"<footer>{' | '.join(FOOTER)}</footer></body></html>"
    )


def write_corpus(folder: Path, count: int, html_share: float = 0.2, seed: int = 7) -> None:
    """``count`` seeds in ``folder``: text dumps, and about ``html_share`` HTML pages."""
    maker = CorpusMaker(seed)
    folder.mkdir(parents=True, exist_ok=True)
    every = max(1, round(1 / html_share)) if html_share else 0
    for n in range(count):
        if every and n % every == 0:
            (folder / f"page-{n:06d}.html").write_text(html_page(maker, n), encoding="utf-8")
        else:
            (folder / f"dump-{n:06d}.txt").write_text(text_dump(maker, n), encoding="utf-8")
