"""Offline full-text search: Pagefind indexes of the briefs, built while Pelican writes.

- **Records, not pages.** Each brief's title and body text (not its related list,
  tags or page furniture) is what Pagefind (the ``pagefind[bin]`` wheel ships its
  binary) indexes, taken from the articles Pelican has read.  So indexing starts
  before any page is written and runs in a child process (``python -m
  news_digest.search_index JOB``), on the core Pelican's single thread leaves idle.
- **Shards, cut by content.**  Briefs in date order (then URL) are cut into shards
  where a brief's URL hashes to a boundary (``shard_bounds``): one brief in
  ``DIGEST_SEARCH_SHARD_SIZE // 8`` ends a shard once it holds that many, and no shard
  holds more than ``DIGEST_SEARCH_SHARD_SIZE``, so shards average about a quarter of
  it.  A brief added, edited or removed changes the shard it is in and (nearly always)
  no other, whatever the brief count: shards counted out by position, or by a hash
  modulo their number, all change when one brief moves them.  New briefs are mostly the
  newest, so they land in the last shard.  Each shard is a Pagefind bundle of its own,
  cached under a hash of its records (not of its place: a shard split off before it
  only renumbers it), and Pagefind's memory is bounded by a shard, not the digest.
  The first shard is ``<output>/pagefind/`` (with the UI); the others are
  ``pagefind/shard-<n>/``, which the search page merges in (Pagefind's ``mergeIndex``).
- **Stable bytes.** Every shard is one index in the site's language (a German brief
  is found from the English search page); Pagefind's entry file is rewritten with
  sorted keys, and the files no page loads are removed.

Search is an extra: if Pagefind fails, the site is still complete and the build
says so.  The child and Pagefind die with the build (``lock.die_with_parent``); what a
killed one leaves (job files, half-made shards, scratch sites, temporary folders, all
named by the pid that made them) is removed by the next build (``clean_leftovers``).
The index size goes into the about page (``SIZE_MARK``) and the log.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

from markupsafe import Markup

from news_digest.core.cache import keep_newest
from news_digest.core.lock import die_with_parent, pause_point, pid_alive
from news_digest.site.pelican_internals import raw_content

log = logging.getLogger(__name__)
SUBDIR = "pagefind"
TIMEOUT_SECONDS = 1800
KEPT_SHARD_SETS = 2  # cached shards kept: this build's and as many older ones
# Shard cuts (shard_bounds): at least DIGEST_SEARCH_SHARD_SIZE // 8 briefs, then one
# brief in DIGEST_SEARCH_SHARD_SIZE // 8 ends a shard, so shards average a quarter of
# the setting (625 at 2,500).  Pagefind costs ~2.6 CPU-ms a record and ~0.15 CPU-s a
# shard (2,000 records 5.3, 500 1.55, 100 0.42; loaded host): an add-one rebuild at
# 2,000 briefs re-indexed all 2,000 in one shard before, one of ~3 shards now.
SHARD_LEAST_PART = 8
SHARD_GAP_PART = 8
ENTRY = "pagefind-entry.json"
RELATED_HEADING = "<h2>Related briefs</h2>"  # render.py's last section, not indexed
# Pagefind's other UIs; search.html loads only pagefind-ui.js/.css (and pagefind.js,
# the worker and the WebAssembly they fetch).  Merged shards need no UI at all.
UNUSED = (
    "pagefind-component-ui.css",
    "pagefind-component-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-highlight.js",
)
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
# page.html writes this where the about page reports the index; filled in here.
SIZE_MARK = "<!--search-index-->not built"
PARENT_ENV = "NEWS_DIGEST_PARENT_PID"  # the build that started the child: it dies with it
TEMPORARY_PREFIX = "news-digest-pagefind-"


@dataclass(frozen=True)
class Record:
    """A brief as the index takes it: its URL and its title and body as HTML.  Shards are
    keyed by these; the plain text Pagefind reads (``page``) is made only for a shard
    the cache does not have (0.17 CPU-s of tag stripping at 2,000 briefs a build)."""

    url: str
    title_html: str
    body_html: str

    def page(self) -> list[str]:
        """URL, plain title, and title and body as plain text (``index_shards``' record)."""
        title = Markup(self.title_html).striptags()
        return [self.url, title, f"{title}\n{Markup(self.body_html).striptags()}"]


def link(source: str, target: str) -> None:
    """A shard's file into the site: a hard link to the cached one (the index is made
    once and never changed in place), a copy where the two folders cannot share files."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def bundle_path(shard: int) -> str:
    """Where shard ``shard`` lives in the site (the first one is Pagefind's default)."""
    return f"{SUBDIR}/" if shard == 0 else f"{SUBDIR}/shard-{shard + 1}/"


def shard_bounds(urls: list[str], largest: int) -> list[tuple[int, int]]:
    """Where the shards of records with these URLs (in index order) begin and end.

    A record ends its shard when the shard has at least ``largest // SHARD_LEAST_PART``
    records and the record's URL hashes to 0 modulo ``largest // SHARD_GAP_PART``, or when
    the shard has ``largest``.  A cut depends on the URLs since the cut before, so an
    insertion or a removal moves the cuts of its own shard only, unless it crosses the
    least size (then the next cut or two move) or a shard is full (rare: a shard grows
    past ``largest`` with odds of about e**-7).  Never empty: no records, one empty shard.
    """
    least = max(1, largest // SHARD_LEAST_PART)
    gap = max(1, largest // SHARD_GAP_PART)
    bounds: list[tuple[int, int]] = []
    start = 0
    for end, url in enumerate(urls, 1):
        size = end - start
        if size >= largest or (size >= least and _url_hash(url) % gap == 0):
            bounds.append((start, end))
            start = end
    if start < len(urls) or not bounds:
        bounds.append((start, len(urls)))
    return bounds


def _url_hash(url: str) -> int:
    return int.from_bytes(hashlib.blake2b(url.encode(), digest_size=8).digest(), "big")


def index_order(article: Any) -> tuple[float, str]:
    """Where a brief goes in the index: by its moment (a date without zone as UTC), then URL."""
    when = getattr(article, "date", None)
    if not isinstance(when, datetime):
        return (0.0, str(article.url))
    return ((when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp(), str(article.url))


def record_of(article: Any) -> Record:
    """A brief as Pagefind sees it: URL, title, and body without its related list."""
    body = raw_content(article).partition(RELATED_HEADING)[0]
    return Record(f"/{article.url}", str(article.title), body)


class SearchIndexer:
    """Indexes the briefs in a child process; ``finish`` puts the index in the site."""

    def __init__(
        self, articles: list[Any], cache_dir: Path | None, language: str, shard_size: int
    ) -> None:
        self.language = language.replace("_", "-").split("-")[0].lower() or "en"  # ISO 639-1
        # Without a cache folder (DIGEST_CACHE_DIR = None) the shards go to a temporary one.
        self.temporary = cache_dir is None
        self.cache = (
            Path(tempfile.mkdtemp(prefix=f"{TEMPORARY_PREFIX}{os.getpid()}-"))
            if cache_dir is None
            else cache_dir / "pagefind"
        )
        records = [record_of(a) for a in sorted(articles, key=index_order)]
        # In every shard's key: what turns its records into files.
        self.version = f"{version('pagefind')}\0{version('markupsafe')}\0{self.language}"
        bounds = shard_bounds([r.url for r in records], shard_size)
        shards = [records[start:end] for start, end in bounds]
        self.shards = [
            (self.cache / self._key(number == 0, shard), shard)
            for number, shard in enumerate(shards)
        ]
        self.child: subprocess.Popen[bytes] | None = None
        self.error = ""

    @property
    def bundles(self) -> list[str]:
        """The site paths of the shards the search page merges into the first one."""
        return [bundle_path(number) for number in range(1, len(self.shards))]

    def _key(self, ui: bool, records: list[Record]) -> str:
        """Everything a shard's files depend on: Pagefind, language, the UI, records."""
        digest = hashlib.sha256(f"{self.version}\0{'ui' if ui else 'merged'}".encode())
        for record in records:
            fields = [record.url, record.title_html, record.body_html]
            digest.update(json.dumps(fields).encode() + b"\n")
        return digest.hexdigest()

    def start(self) -> SearchIndexer:
        """Start indexing the shards the cache does not have (if any) in a child process."""
        missing = [
            {
                "target": str(target),
                "ui": number == 0,
                "records": [record.page() for record in shard],
            }
            for number, (target, shard) in enumerate(self.shards)
            if not target.is_dir()
        ]
        if not missing:
            return self
        self.cache.mkdir(parents=True, exist_ok=True)
        job = self.cache / f".job-{os.getpid()}.json"
        job.write_text(json.dumps({"language": self.language, "shards": missing}), "utf-8")
        command = [sys.executable, "-m", __name__, str(job)]
        package_parent = str(Path(__file__).resolve().parents[1])  # as Pelican's PLUGIN_PATHS
        paths = (package_parent, os.environ.get("PYTHONPATH", ""))
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
        env[PARENT_ENV] = str(os.getpid())
        try:
            self.child = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
            )
        except OSError as error:
            self.error = str(error)
        return self

    def _wait(self) -> None:
        if self.child is None:
            return
        try:
            _, stderr = self.child.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.child.kill()
            _, stderr = self.child.communicate()
        if self.child.returncode != 0:
            self.error = stderr.decode("utf-8", "replace").strip()[-500:] or "Pagefind failed"
        for job in self.cache.glob(f".job-{os.getpid()}.json"):
            job.unlink()

    def finish(self, output: Path) -> tuple[int, int] | None:
        """Wait for the index, copy it into ``output``; (files, bytes), or None on failure."""
        try:
            pause_point("site")  # tests: killed with the pages written, the index not
            self._wait()
            if self.error:
                log.warning("search index not built (%s)", self.error)
                return None
            for number, (cached, _) in enumerate(self.shards):
                shutil.copytree(
                    cached, output / bundle_path(number), dirs_exist_ok=True, copy_function=link
                )
                cached.touch()  # recently used: kept by keep_newest
            shards = [p for p in self.cache.iterdir() if p.is_dir()]
            keep_newest(shards, keep=KEPT_SHARD_SETS * len(self.shards))
        finally:
            if self.temporary:
                shutil.rmtree(self.cache, ignore_errors=True)
        files = [p for p in (output / SUBDIR).rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        log.info(
            "news-digest: search index %d files, %.1f kB, %d shard(s)",
            len(files),
            size / 1000,
            len(self.shards),
        )
        report_size(output, len(files), size)
        return len(files), size


def index_shards(language: str, shards: list[dict[str, Any]]) -> None:
    """Run Pagefind on each shard of a job; each lands in its cache folder whole or not at all.

    A shard's records are written as minimal pages into a scratch site and Pagefind's
    command line indexes that: its Python API answers one request per 0.1 s.
    """
    for shard in shards:
        target = Path(shard["target"])
        part = target.with_name(f".{target.name}.part-{os.getpid()}")
        scratch = target.with_name(f".{target.name}.site-{os.getpid()}")
        for folder in (part, scratch):
            shutil.rmtree(folder, ignore_errors=True)
        for url, title, text in shard["records"]:
            page = scratch / url.lstrip("/")
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(record_page(language, title, text), encoding="utf-8")
        command = [
            sys.executable, "-m", "pagefind", "--site", str(scratch), "--output-path",
            str(part), "--force-language", language, "--silent",
        ]  # fmt: skip
        pagefind_dies_with_us = partial(die_with_parent, os.getpid())
        subprocess.run(
            command, check=True, timeout=TIMEOUT_SECONDS, preexec_fn=pagefind_dies_with_us
        )
        shutil.rmtree(scratch)
        tidy(part, keep_ui=shard["ui"])
        part.replace(target)


def clean_leftovers(cache_dir: Path | None) -> None:
    """Remove what killed indexing runs left: job files, half-made shards, scratch sites."""
    _remove_dead(Path(tempfile.gettempdir()), _temporary_owner)
    if cache_dir is not None:
        _remove_dead(cache_dir / SUBDIR, _cache_leftover_owner)


def _remove_dead(folder: Path, owner_of: Callable[[str], int | None]) -> None:
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        owner = owner_of(name)
        if owner is None or pid_alive(owner):
            continue
        path = folder / name
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _temporary_owner(name: str) -> int | None:
    """The pid in a temporary shard folder's name (``news-digest-pagefind-<pid>-...``)."""
    if not name.startswith(TEMPORARY_PREFIX):
        return None
    pid = name[len(TEMPORARY_PREFIX) :].partition("-")[0]
    return int(pid) if pid.isdigit() else None


def _cache_leftover_owner(name: str) -> int | None:
    """The pid in a job file's or a half-made shard's name (0 for unnamed old ones)."""
    if name.startswith(".job-") and name.endswith(".json"):
        pid = name[len(".job-") : -len(".json")]
    elif name.startswith(".") and (".part-" in name or ".site-" in name):
        pid = name.rpartition("-")[2]
    elif name.startswith(".") and name.endswith((".part", ".site")):
        return 0
    else:
        return None
    return int(pid) if pid.isdigit() else None


def record_page(language: str, title: str, text: str) -> str:
    """The page Pagefind reads for one brief: its title (the result's name) and text."""
    return (
        f'<!DOCTYPE html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(text)}</p></body></html>\n"
    )


def tidy(index: Path, keep_ui: bool) -> None:
    """Make Pagefind's output byte-stable and drop the files no page loads."""
    for name in (*UNUSED, *(() if keep_ui else UI_FILES)):
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


def report_size(output: Path, files: int, size: int) -> None:
    """Put the index size where a page asked for it (the about page's build report)."""
    for page in sorted(output.glob("pages/*.html")):
        text = page.read_text(encoding="utf-8")
        if SIZE_MARK in text:
            figure = f"{files} files, {size / 1000:.1f} kB"
            page.write_text(text.replace(SIZE_MARK, figure, 1), encoding="utf-8")


if __name__ == "__main__":  # the child process SearchIndexer.start runs
    die_with_parent(int(os.environ.get(PARENT_ENV) or os.getppid()))
    os.nice(10)  # Pelican's page writing goes first; indexing takes the idle core
    job = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    index_shards(job["language"], job["shards"])
