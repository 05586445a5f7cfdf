"""Offline full-text search: Pagefind indexes the built brief pages after Pelican is done.

Pagefind (the `pagefind[bin]` wheel ships its binary) writes a static index and
its small UI into ``<output>/pagefind/``; only each brief's body is indexed
(``data-pagefind-body`` in article.html).  Search is an extra: if Pagefind fails,
the site is still complete and the build says so.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)
SUBDIR = "pagefind"
TIMEOUT_SECONDS = 600


def build_search_index(output: Path) -> tuple[int, int] | None:
    """Index the briefs under ``output``; (files, bytes) of the index, or None on failure."""
    command = [
        sys.executable, "-m", "pagefind", "--site", str(output), "--output-subdir", SUBDIR,
        "--glob", "briefs/**/*.html", "--silent",
    ]  # fmt: skip
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.SubprocessError) as error:
        detail = getattr(error, "stderr", b"") or b""
        log.warning(
            "search index not built (%s) %s", error, detail.decode("utf-8", "replace")[-500:]
        )
        return None
    files = [p for p in (output / SUBDIR).rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    log.info("news-digest: search index %d files, %.1f kB", len(files), size / 1000)
    return len(files), size
