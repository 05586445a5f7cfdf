"""discover stage: every seed found, sorted, hashed, and its kind sniffed from content."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest
from news_digest.core import discover
from news_digest.core.discover import find_seeds, sniff_kind


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b'<?xml version="1.0"?><rss version="2.0"><channel>', "feed"),
        (b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "feed"),
        (b"<!DOCTYPE html><html><head><title>x</title>", "html"),
        (b"  <html lang='en'><body><p>hi</p>", "html"),
        (b"<div><p>Saved fragment</p></div>", "html"),
        (b" date 2025-06-21 A title\n\nBody text.", "text"),
        (b"Plain paragraph that mentions <rss> in passing.", "text"),
        ("<html><body><p>UTF-16</p>".encode("utf-16"), "html"),
    ],
)
def test_kind_is_sniffed_from_content(head: bytes, kind: str) -> None:
    assert sniff_kind(head) == kind


def test_seeds_are_sorted_hashed_and_named_relative(seeds_dir: Path) -> None:
    (seeds_dir / "b.txt").write_text("second")
    (seeds_dir / "sub").mkdir()
    (seeds_dir / "sub" / "a page.htm").write_text("<html><body><p>x</p></body></html>")
    (seeds_dir / "a.rss").write_text('<?xml version="1.0"?><rss><channel></channel></rss>')
    (seeds_dir / ".hidden.txt").write_text("ignored")
    (seeds_dir / "README.md").write_text("notes, not a seed")
    seeds, rejected = find_seeds(seeds_dir)
    assert [s.rel for s in seeds] == ["a.rss", "b.txt", "sub/a page.htm"]
    assert [s.kind for s in seeds] == ["feed", "text", "html"]
    assert seeds[1].sha256 == hashlib.sha256(b"second").hexdigest()
    assert rejected == ()


def test_symlink_out_of_the_seeds_folder_is_refused(seeds_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not yours")
    (seeds_dir / "link.txt").symlink_to(secret)
    seeds, rejected = find_seeds(seeds_dir)
    assert seeds == ()
    assert [(r.seed, "outside" in r.reason) for r in rejected] == [("link.txt", True)]


def _age(path: Path, seconds: int = 60) -> None:
    """Date a file back, so it is not "racily clean" (changed within the last seconds)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - seconds * 1_000_000_000))


def test_unchanged_seeds_are_not_read_again(
    seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (seeds_dir / name).write_text(f"text of {name}")
        _age(seeds_dir / name)
    first, _ = find_seeds(seeds_dir)
    known = discover.stamps_of(first)
    time.sleep(0.01)
    (seeds_dir / "b.txt").write_text("new text of b.txt")  # rewritten: read again
    (seeds_dir / "c.txt.meta.json").write_text("{}")  # a sidecar appeared: read again
    read: list[str] = []
    describe = discover.describe_seed
    monkeypatch.setattr(
        discover, "describe_seed", lambda path, rel: read.append(rel) or describe(path, rel)
    )
    second, _ = find_seeds(seeds_dir, known)
    assert read == ["b.txt", "c.txt"]
    assert second[0] is first[0]
    assert second[1].sha256 == hashlib.sha256(b"new text of b.txt").hexdigest()
    assert second[2].sidecar_sha256 == hashlib.sha256(b"{}").hexdigest()


def test_files_changed_just_now_get_no_stamp(seeds_dir: Path) -> None:
    (seeds_dir / "old.txt").write_text("old")
    _age(seeds_dir / "old.txt")
    (seeds_dir / "fresh.txt").write_text("fresh")
    seeds, _ = find_seeds(seeds_dir)
    assert set(discover.stamps_of(seeds)) == {"old.txt"}
