"""Parse stage: one seed file -> its raw articles (one per page, N per feed)."""

from __future__ import annotations

from typing import Literal

from news_digest.core.decode import decode_bytes
from news_digest.core.errors import SeedError
from news_digest.core.models import Hints, RawArticle, SeedFile
from news_digest.core.parse.page import parse_page
from news_digest.core.sidecar import read_hints

__all__ = ["parse_seed"]
# Encodings a seed declares by its bytes (valid UTF-8, a byte-order mark): no guess.
SURE_ENCODINGS = frozenset({"utf-8", "utf-16", "utf-32"})


def parse_seed(
    seed: SeedFile, max_bytes: int, max_feed_entries: int
) -> tuple[tuple[RawArticle, ...], tuple[str, ...]]:
    """Read, decode and split one seed into articles, with notes on anything cut.

    Raises SeedError with a reason a person understands when nothing can be used.
    """
    if seed.size == 0:
        raise SeedError("empty file")

    if seed.kind == "feed" and seed.size > max_bytes:
        raise SeedError(
            f"feed too large: {seed.size / 1e6:.1f} MB, over DIGEST_MAX_SEED_BYTES "
            f"({max_bytes / 1e6:.1f} MB); a cut feed is not valid XML"
        )
    data, notes = read_limited(seed, max_bytes)
    if seed.kind == "feed":
        from news_digest.core.parse.feed import parse_feed  # feedparser: only feeds need it

        articles, feed_notes = parse_feed(seed, data, max_feed_entries)
        return articles, notes + feed_notes
    text, encoding = decode_bytes(data, "file")
    if not text.strip():
        raise SeedError("no text: the file holds only white space")
    if encoding not in SURE_ENCODINGS:  # a guess a reader of the report should know of
        notes += (f"not UTF-8: read as {encoding}",)
    hints, problem = read_hints(seed.path) if seed.sidecar_sha256 else (None, None)
    notes += (problem,) if problem else ()
    kind: Literal["text", "html"] = "html" if seed.kind == "html" else "text"
    return (parse_page(seed, text, encoding, kind, hints or Hints()),), notes


def read_limited(seed: SeedFile, max_bytes: int) -> tuple[bytes, tuple[str, ...]]:
    """The seed's bytes, cut at the last line break before ``max_bytes`` if larger."""
    try:
        with seed.path.open("rb") as handle:
            data = handle.read(max_bytes)
    except OSError as error:
        raise SeedError(f"cannot be read: {error.strerror or error}") from error
    if seed.size <= max_bytes:
        return data, ()
    cut = data.rfind(b"\n")
    data = data[: cut + 1] if cut > 0 else data
    note = (
        f"cut: only the first {len(data) / 1e6:.1f} MB of {seed.size / 1e6:.1f} MB were read "
        "(DIGEST_MAX_SEED_BYTES)"
    )
    return data, (note,)
