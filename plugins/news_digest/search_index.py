"""Offline full-text search: Pagefind indexes the built brief pages after Pelican is done.

Pagefind (the `pagefind[bin]` wheel ships its binary) writes a static index and
its small UI into ``<output>/pagefind/``; only each brief's body is indexed
(``data-pagefind-body`` in article.html).  Its output depends only on the brief
pages, so it is kept in the cache folder under a hash of them: a build whose
brief pages did not change copies the index instead of running Pagefind again.
Search is an extra: if Pagefind fails, the site is still complete and the build
says so.

All briefs go into one index in the site's language (``--force-language``):
Pagefind otherwise makes one index per page language and searches only the one
of the search page, so a German brief could not be found from the (English)
search page.  Two things are done to what Pagefind writes: its entry file lists
the index languages in hash-map order, which would differ from run to run with
more than one language, so it is rewritten with sorted keys (byte-identical
builds); and the files no page loads (the modular and web-component UIs, the
highlighter, the WebAssembly of languages the index does not have) are removed,
which more than halves the folder.  The size of the index is logged and written into the about page
(``SIZE_MARK``).
"""

from __future__ import annotations

import hashlib
import json
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
ENTRY = "pagefind-entry.json"
# Pagefind's other UIs; search.html loads only pagefind-ui.js/.css (and pagefind.js,
# the worker and the WebAssembly they fetch).
UNUSED = (
    "pagefind-component-ui.css",
    "pagefind-component-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-highlight.js",
)
# page.html writes this where the about page reports the index; filled in here.
SIZE_MARK = "<!--search-index-->not built"


def build_search_index(
    output: Path, cache_dir: Path | None, language: str = "en"
) -> tuple[int, int] | None:
    """Index the briefs under ``output``; (files, bytes) of the index, or None on failure."""
    language = language.replace("_", "-").split("-")[0].lower() or "en"  # ISO 639-1
    key = _pages_key(output, language)
    cached = cache_dir / "pagefind" / key if cache_dir is not None else None
    if cached is not None and cached.is_dir():
        shutil.copytree(cached, output / SUBDIR, dirs_exist_ok=True)
        _tidy(output / SUBDIR)  # an index cached by an older version
    elif not _run_pagefind(output, language):
        return None
    else:
        _tidy(output / SUBDIR)
        if cached is not None:
            _keep(output / SUBDIR, cached)
    files = [p for p in (output / SUBDIR).rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    log.info("news-digest: search index %d files, %.1f kB", len(files), size / 1000)
    _report_size(output, len(files), size)
    return len(files), size


def _tidy(index: Path) -> None:
    """Make Pagefind's output byte-stable and drop the files no page loads."""
    for name in UNUSED:
        (index / name).unlink(missing_ok=True)
    entry = index / ENTRY
    if not entry.is_file():
        return
    data = json.loads(entry.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    entry.write_text(text, encoding="utf-8")
    # pagefind.js loads wasm.<language>.pagefind, or wasm.unknown.pagefind for an index
    # without a stemmer; the others are never fetched.
    languages = data.get("languages") or {}
    needed = {f"wasm.{lang.get('wasm') or 'unknown'}.pagefind" for lang in languages.values()}
    for wasm in index.glob("wasm.*.pagefind"):
        if wasm.name not in needed:
            wasm.unlink()


def _report_size(output: Path, files: int, size: int) -> None:
    """Put the index size where a page asked for it (the about page's build report)."""
    for page in sorted(output.glob("pages/*.html")):
        text = page.read_text(encoding="utf-8")
        if SIZE_MARK in text:
            figure = f"{files} files, {size / 1000:.1f} kB"
            page.write_text(text.replace(SIZE_MARK, figure, 1), encoding="utf-8")


def _pages_key(output: Path, language: str) -> str:
    digest = hashlib.sha256(language.encode() + b"\0")
    for page in sorted(output.glob(PAGES)):
        digest.update(page.relative_to(output).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()


def _run_pagefind(output: Path, language: str) -> bool:
    command = [
        sys.executable, "-m", "pagefind", "--site", str(output), "--output-subdir", SUBDIR,
        "--glob", PAGES, "--force-language", language, "--silent",
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
