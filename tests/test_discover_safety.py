"""discover: symbolic link loops and links out of the seeds folder are rejections, not crashes."""

from __future__ import annotations

import os
from pathlib import Path

from news_digest.core.discover import find_seeds


def reasons(seeds_dir: Path) -> tuple[list[str], dict[str, str]]:
    seeds, rejected = find_seeds(seeds_dir)
    return [s.rel for s in seeds], {r.seed: r.reason for r in rejected}


def test_file_link_loops_are_each_rejected(seeds_dir: Path) -> None:
    (seeds_dir / "good.txt").write_text("A real seed with words in it.\n")
    os.symlink("b.txt", seeds_dir / "a.txt")
    os.symlink("a.txt", seeds_dir / "b.txt")
    os.symlink("self.txt", seeds_dir / "self.txt")
    found, rejected = reasons(seeds_dir)
    assert found == ["good.txt"]
    loop = "symbolic link loop: the link leads back to itself"
    assert rejected == {"a.txt": loop, "b.txt": loop, "self.txt": loop}


def test_folder_link_loops_are_rejected_and_not_followed(seeds_dir: Path) -> None:
    sub = seeds_dir / "sub"
    sub.mkdir()
    (sub / "one.txt").write_text("One seed.\n")
    os.symlink("..", sub / "up")  # a folder link to its own parent
    os.symlink(".", seeds_dir / "here")  # a folder link to the folder holding it
    os.symlink("spin", seeds_dir / "spin")  # a link to itself, read as a folder name
    os.symlink("sub", seeds_dir / "alias")  # a link to a folder inside: read where it is
    found, rejected = reasons(seeds_dir)
    assert found == ["sub/one.txt"]
    assert rejected == {
        "sub/up": "symbolic link loop: a folder link to one of its own parents",
        "here": "symbolic link loop: a folder link to one of its own parents",
        "spin": "symbolic link loop: the link leads back to itself",
        "alias": "symbolic link to a folder: not followed (its files are read where they are)",
    }


def test_a_link_to_a_folder_outside_is_not_followed(seeds_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text("not yours\n")
    os.symlink(outside, seeds_dir / "escape")
    os.symlink(outside / "missing.txt", seeds_dir / "dangling.txt")
    found, rejected = reasons(seeds_dir)
    assert found == []
    assert rejected == {
        "escape": "symbolic link to a folder outside the seeds folder: not followed",
        "dangling.txt": "symbolic link to nothing (No such file or directory)",
    }


def test_a_link_to_a_seed_inside_is_read(seeds_dir: Path) -> None:
    (seeds_dir / "real.txt").write_text("A real seed.\n")
    os.symlink("real.txt", seeds_dir / "other.txt")
    found, rejected = reasons(seeds_dir)
    assert found == ["other.txt", "real.txt"] and rejected == {}
