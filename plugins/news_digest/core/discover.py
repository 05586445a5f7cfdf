"""Find the seed files and tell what each one is by its content, not its name."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from news_digest.core.models import Rejection, SeedFile, SeedKind
from news_digest.core.sidecar import SUFFIX as SIDECAR_SUFFIX

# Files that are never seeds: editor droppings, sidecars read with their page, notes.
IGNORED_NAMES = re.compile(r"(^\.|~$|\.(swp|tmp|part|md)$|^README)", re.IGNORECASE)
SNIFF_BYTES = 4096
# A file changed this recently may change again within its timestamp's resolution
# without its stamp changing ("racily clean" in git's words): it is hashed next time too.
RACY_SECONDS = 2

Stamp = tuple[int, ...]  # size, mtime, inode and ctime of a seed (and of its sidecar)
Stamps = dict[str, tuple[Stamp, SeedFile]]  # relative path -> stamp and what it described

_FEED_RE = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
# What may stand before an XML root element: white space, the XML declaration and other
# processing instructions, comments and a DOCTYPE (not HTML's), any number of each.
_PROLOG_ITEM = re.compile(
    rb"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?!\s+html[\s>])[^\[>]*(?:\[.*?\])?\s*>",
    re.IGNORECASE | re.DOTALL,
)
_FEED_ROOT = re.compile(rb"<(?:[\w.-]+:)?(rss|feed|RDF)[\s>/]", re.IGNORECASE)
_HTML_RE = re.compile(rb"<(!doctype\s+html|html|head|body|article|div|p|meta)[\s>/]", re.IGNORECASE)
_JSON_FEED_RE = re.compile(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/', re.IGNORECASE)


def sniff_kind(head: bytes) -> SeedKind:
    """Guess a seed's kind from its first bytes (any encoding that keeps ASCII readable)."""
    ascii_view = head.replace(b"\x00", b"")  # UTF-16 text reads as ASCII once NULs go
    stripped = ascii_view.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    if _JSON_FEED_RE.search(ascii_view):
        return "feed"
    if _FEED_ROOT.match(_skip_prolog(stripped)):
        return "feed"
    if stripped.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and _FEED_RE.search(ascii_view):
        return "feed"
    if stripped.startswith(b"<") and _FEED_RE.search(ascii_view) and not _looks_html(ascii_view):
        return "feed"
    if _looks_html(stripped):
        return "html"
    return "text"


def _skip_prolog(head: bytes) -> bytes:
    """The bytes from the root element on: a feed may open with comments or a DOCTYPE."""
    position = 0
    while match := _PROLOG_ITEM.match(head, position):
        if match.end() == position:
            break
        position = match.end()
    return head[position:]


def _looks_html(head: bytes) -> bool:
    """HTML when the page opens with markup, or is dense with tags (a saved fragment)."""
    stripped = head.lstrip()
    if stripped[:15].lower().startswith((b"<!doctype html", b"<html")):
        return True
    return stripped.startswith(b"<") and len(_HTML_RE.findall(head)) >= 2


def find_seeds(
    seeds_dir: Path, known: Mapping[str, tuple[Stamp, SeedFile]] | None = None
) -> tuple[tuple[SeedFile, ...], tuple[Rejection, ...]]:
    """Every seed under ``seeds_dir``, sorted by relative path, with what was refused.

    ``known`` (from ``stamps_of`` of an earlier run) saves re-reading files whose size,
    modification time, inode and change time are all as they were, as git's index does.
    """
    seeds: list[SeedFile] = []
    rejected: list[Rejection] = []
    root = seeds_dir.resolve()
    known = known or {}
    for rel, path in sorted(_walk(str(root), rejected)):  # plain strings: thousands of files
        if os.path.islink(path):
            problem = _link_problem(path, root)
            if problem:
                rejected.append(Rejection(rel, problem))
                continue
        try:
            remembered = known.get(rel)
            if remembered is not None and remembered[0] == stamp(path):
                seeds.append(remembered[1])
            else:
                seeds.append(describe_seed(Path(path), rel))
        except OSError as error:
            rejected.append(Rejection(rel, f"cannot be read: {error.strerror or error}"))
    return tuple(seeds), tuple(rejected)


def stamp(path: str | Path) -> Stamp:
    """Size, mtime, inode, ctime of a seed and of its sidecar (-1s when it has none):
    they change whenever either file is written, renamed or replaced."""
    values: list[int] = []
    for file in (str(path), f"{path}{SIDECAR_SUFFIX}"):
        try:
            st = os.stat(file)
            values += [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]
        except FileNotFoundError:
            values += [-1, -1, -1, -1]
    return tuple(values)


def stamps_of(seeds: tuple[SeedFile, ...]) -> Stamps:
    """Stamps to pass to the next ``find_seeds``; files changed just now are left out."""
    recent = time.time_ns() - RACY_SECONDS * 1_000_000_000
    stamps: Stamps = {}
    for seed in seeds:
        try:
            current = stamp(seed.path)
        except OSError:
            continue
        if current[1] < recent and current[5] < recent:  # modification times
            stamps[seed.rel] = (current, seed)
    return stamps


def describe_seed(path: Path, rel: str) -> SeedFile:
    """Hash (streamed: memory stays flat for huge files) and sniff one seed file."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
        handle.seek(0)
        digest = hashlib.file_digest(handle, "sha256")
        size = handle.tell()
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    sidecar_sha256 = hashlib.sha256(sidecar.read_bytes()).hexdigest() if sidecar.is_file() else ""
    return SeedFile(
        path=path,
        rel=rel,
        kind=sniff_kind(head),
        sha256=digest.hexdigest(),
        size=size,
        sidecar_sha256=sidecar_sha256,
    )


def _link_problem(path: str, root: Path) -> str | None:
    """Why a symbolic link among the seeds is not read, or None for a link to a seed file."""
    try:
        target = Path(os.path.realpath(path, strict=True))
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop: the link leads back to itself"
        return f"symbolic link to nothing ({error.strerror or error})"
    if not target.is_dir():
        return None if _inside(target, root) else "symbolic link to a file outside the seeds folder"
    if not _inside(target, root):
        return "symbolic link to a folder outside the seeds folder: not followed"
    if _inside(Path(path).parent, target):
        return "symbolic link loop: a folder link to one of its own parents"
    return "symbolic link to a folder: not followed (its files are read where they are)"


def _walk(root: str, rejected: list[Rejection]) -> Iterator[tuple[str, str]]:
    """(path relative to ``root`` with "/", full path) of every candidate seed file.

    Links to folders are never followed (a loop, or a way out of the seeds folder):
    each is noted in ``rejected`` with the reason.
    """
    for folder, dirs, files in os.walk(root):
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        links = {d for d in dirs if os.path.islink(os.path.join(folder, d))}
        for name in sorted(links):
            if not name.startswith("."):
                problem = _link_problem(os.path.join(folder, name), Path(root))
                rel = name if prefix == "." else f"{prefix}/{name}"
                rejected.append(
                    Rejection(rel, problem or "symbolic link to a folder: not followed")
                )
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in links)
        for name in files:
            if IGNORED_NAMES.search(name) or name.endswith(SIDECAR_SUFFIX):
                continue
            path = os.path.join(folder, name)
            if os.path.isfile(path) or os.path.islink(path):
                yield (name if prefix == "." else f"{prefix}/{name}"), path


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
