"""Parse stage: one seed file -> its raw articles (one per page, N per feed)."""

from __future__ import annotations

from ..decode import decode_bytes
from ..errors import SeedError
from ..models import RawArticle, SeedFile
from .feed import parse_feed
from .text import parse_text
from .webpage import parse_webpage

__all__ = ["parse_seed"]


def parse_seed(
    seed: SeedFile, max_bytes: int, max_feed_entries: int
) -> tuple[tuple[RawArticle, ...], tuple[str, ...]]:
    """Read, decode and split one seed into articles, with notes on anything cut.

    Raises SeedError with a reason a person understands when nothing can be used.
    """
    if seed.size == 0:
        raise SeedError("empty file")
    if seed.size > max_bytes:
        raise SeedError(
            f"too large: {seed.size / 1e6:.1f} MB, over the DIGEST_MAX_SEED_BYTES limit of "
            f"{max_bytes / 1e6:.1f} MB"
        )
    try:
        data = seed.path.read_bytes()
    except OSError as error:
        raise SeedError(f"cannot be read: {error.strerror or error}") from error
    if seed.kind == "feed":
        return parse_feed(seed, data, max_feed_entries)
    text, encoding = decode_bytes(data, "file")
    if not text.strip():
        raise SeedError("no text: the file holds only white space")
    if seed.kind == "html":
        return (parse_webpage(seed, text, encoding),), ()
    return (parse_text(seed, text, encoding),), ()
