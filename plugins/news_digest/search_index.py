"""Offline full-text search: Pagefind indexes the built brief pages after Pelican is done.

Pagefind (the `pagefind[bin]` wheel ships its binary) writes a static index and
its small UI into ``<output>/pagefind/``; only each brief's body is indexed
(``data-pagefind-body`` in article.html).  Its output depends only on the brief
pages, so it is kept in the cache folder under a hash of them: a build whose
brief pages did not change copies the index instead of running Pagefind again.
Search is an extra: if Pagefind fails, the site is still complete and the build
says so.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)
SUBDIR = "pagefind"
PAGES = "briefs/**/*.html"
TIMEOUT_SECONDS = 900
KEPT_INDEXES = 2  # cached indexes kept (the current one and the one before)


def build_search_index(output: Path, cache_dir: Path | None) -> tuple[int, int] | None:
    """Index the briefs under ``output``; (files, bytes) of the index, or None on failure."""
    key = _pages_key(output)
    cached = cache_dir / "pagefind" / key if cache_dir is not None else None
    if cached is not None and cached.is_dir():
        shutil.copytree(cached, output / SUBDIR, dirs_exist_ok=True)
    elif not _run_pagefind(output):
        return None
    elif cached is not None:
        _keep(output / SUBDIR, cached)
    files = [p for p in (output / SUBDIR).rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    log.info("news-digest: search index %d files, %.1f kB", len(files), size / 1000)
    return len(files), size


def _pages_key(output: Path) -> str:
    digest = hashlib.sha256()
    for page in sorted(output.glob(PAGES)):
        digest.update(page.relative_to(output).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()


def _run_pagefind(output: Path) -> bool:
    command = [
        sys.executable, "-m", "pagefind", "--site", str(output), "--output-subdir", SUBDIR,
        "--glob", PAGES, "--silent",
    ]  # fmt: skip
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.SubprocessError) as error:
        detail = getattr(error, "stderr", b"") or b""
        log.warning(
            "search index not built (%s) %s", error, detail.decode("utf-8", "replace")[-500:]
        )
        return False
    return True


def _keep(index: Path, cached: Path) -> None:
    """Store the new index in the cache; drop all but the newest KEPT_INDEXES."""
    temporary = cached.with_name(f".{cached.name}.part")
    shutil.rmtree(temporary, ignore_errors=True)
    shutil.copytree(index, temporary)
    temporary.replace(cached)
    older = sorted(cached.parent.iterdir(), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for stale in older[KEPT_INDEXES:]:
        shutil.rmtree(stale, ignore_errors=True)
