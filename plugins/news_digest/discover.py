"""Find the seed files and tell what each one is by its content, not its name."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from .models import Rejection, SeedFile, SeedKind
from .sidecar import SUFFIX as SIDECAR_SUFFIX

# Files that are never seeds: editor droppings, sidecars read with their page, notes.
IGNORED_NAMES = re.compile(r"(^\.|~$|\.(swp|tmp|part|md)$|^README)", re.IGNORECASE)
SNIFF_BYTES = 4096

_FEED_RE = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_RE = re.compile(rb"<(!doctype\s+html|html|head|body|article|div|p|meta)[\s>/]", re.IGNORECASE)
_JSON_FEED_RE = re.compile(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/', re.IGNORECASE)


def sniff_kind(head: bytes) -> SeedKind:
    """Guess a seed's kind from its first bytes (any encoding that keeps ASCII readable)."""
    ascii_view = head.replace(b"\x00", b"")  # UTF-16 text reads as ASCII once NULs go
    stripped = ascii_view.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    if _JSON_FEED_RE.search(ascii_view):
        return "feed"
    if stripped.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and _FEED_RE.search(ascii_view):
        return "feed"
    if stripped.startswith(b"<") and _FEED_RE.search(ascii_view) and not _looks_html(ascii_view):
        return "feed"
    if _looks_html(stripped):
        return "html"
    return "text"


def _looks_html(head: bytes) -> bool:
    """HTML when the page opens with markup, or is dense with tags (a saved fragment)."""
    stripped = head.lstrip()
    if stripped[:15].lower().startswith((b"<!doctype html", b"<html")):
        return True
    return stripped.startswith(b"<") and len(_HTML_RE.findall(head)) >= 2


def find_seeds(seeds_dir: Path) -> tuple[tuple[SeedFile, ...], tuple[Rejection, ...]]:
    """Every seed under ``seeds_dir``, sorted by relative path, with what was refused."""
    seeds: list[SeedFile] = []
    rejected: list[Rejection] = []
    root = seeds_dir.resolve()
    for path in sorted(_walk(root), key=lambda p: p.relative_to(root).as_posix()):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink() and not _inside(path.resolve(), root):
            rejected.append(Rejection(rel, "symbolic link to a file outside the seeds folder"))
            continue
        try:
            seeds.append(describe_seed(path, rel))
        except OSError as error:
            rejected.append(Rejection(rel, f"cannot be read: {error.strerror or error}"))
    return tuple(seeds), tuple(rejected)


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


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if IGNORED_NAMES.search(name) or name.endswith(SIDECAR_SUFFIX):
                continue
            path = Path(folder) / name
            if path.is_file() or path.is_symlink():
                yield path


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
