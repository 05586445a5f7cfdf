"""A build never half-finishes, even under kill -9: real builds killed at each stage.

Each test builds a tree, changes its seeds, starts a second build that stops at a
stage (NEWS_DIGEST_TEST_PAUSE_AT, lock.pause_point) and kills it with SIGKILL.  Then:
no process of the killed build is left, the recovery the next build runs puts back
exactly the previous briefs, site and report (or, killed after the commit, exactly
those of the new build), and the next build succeeds and leaves nothing behind.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import tree_digest, write_settings
from news_digest import cli
from news_digest.core import write
from news_digest.core.lock import build_lock, is_locked
from news_digest.core.pipeline import LOCK_NAME
from news_digest.settings import load_settings
from news_digest.site import build
from news_digest.site.editions import HISTORY_FILES

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers

WAIT_SECONDS = 120.0
ORGS = ("harbour board", "city council", "water utility", "rail operator", "school district")
PLACES = ("the north quay", "the old market", "Riverside", "the valley line", "Elm Street")
THINGS = ("ferry terminal", "bridge repair", "new library", "bus depot", "flood barrier")
REASONS = ("delays in the delivery of steel", "a shortage of engineers", "heavy spring rain")
MONTHS = ("March", "April", "June", "August", "October")


def seed_text(number: int, variant: int = 0) -> str:
    """A small English news text; ``number`` picks its title, ``variant`` its details."""
    pick = random.Random(number * 1000 + variant)
    org, place, thing = pick.choice(ORGS), pick.choice(PLACES), pick.choice(THINGS)
    title = f"Work on the {thing} at {place} report {number}"
    paragraphs = [
        f"The {org} said on Tuesday that the {thing} at {place} will open in "
        f"{pick.choice(MONTHS)}, {pick.randint(2, 9)} weeks later than planned, because of "
        f"{pick.choice(REASONS)}.",
        f"Officials told residents at a meeting on Wednesday evening that the work would cost "
        f"about {pick.randint(2, 90)} million, and that the {org} would publish a new timetable.",
        f"Local businesses near {place} said the delay had already cut the number of visitors, "
        "and several asked for help with their rent until the work is finished.",
    ]
    return f"date 2025-0{1 + number % 9}-1{number % 10} {title}\n\n" + "\n\n".join(paragraphs)


def write_seeds(seeds: Path, numbers: range | list[int], variants: dict[int, int]) -> None:
    shutil.rmtree(seeds, ignore_errors=True)
    seeds.mkdir(parents=True)
    for number in numbers:
        text = seed_text(number, variants.get(number, 0))
        (seeds / f"seed_{number:03}.txt").write_text(text + "\n", encoding="utf-8")


FIRST: tuple[range, dict[int, int]] = (range(24), {})  # the first build's seeds
SECOND = ([n for n in range(30) if n not in (3, 7, 11, 15)], {1: 1, 2: 1, 20: 1})


class Tree:
    """A seeds/content/output tree in ``root`` with its own settings and cache."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.seeds, self.content = root / "seeds", root / "content"
        self.output, self.report = root / "output", root / "report.json"
        self.conf = write_settings(root / "conf" / "digestconf.py", "DIGEST_WORKERS = 2")

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "news_digest.cli", "build", "--settings", str(self.conf),
            "--seeds", str(self.seeds), "--content", str(self.content),
            "--output", str(self.output), "--report", str(self.report),
        ]  # fmt: skip

    def build(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(), cwd=self.root, capture_output=True, text=True, timeout=WAIT_SECONDS
        )

    def snapshot(self) -> tuple[dict[str, str], dict[str, str], bytes]:
        return tree_digest(self.content), tree_digest(self.output), self.report.read_bytes()


def tagged_processes(tag: str) -> list[int]:
    """Every process whose environment carries ``tag``: the build and all it started."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if f"NEWS_DIGEST_TEST_TAG={tag}".encode() in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def wait_for(condition: Callable[[], bool], what: str, seconds: float = WAIT_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def kill_build_at(tree: Tree, stage: str) -> None:
    """Start a build, wait until it stops at ``stage``, kill -9 it; its children must die."""
    tag = uuid.uuid4().hex
    marker = tree.root / f"paused-{stage}-{tag}"
    env = {
        **os.environ,
        "NEWS_DIGEST_TEST_PAUSE_AT": stage,
        "NEWS_DIGEST_TEST_PAUSE_FILE": str(marker),
        "NEWS_DIGEST_TEST_TAG": tag,
    }
    build = subprocess.Popen(
        tree.command(), cwd=tree.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while not marker.exists():
            if build.poll() is not None:
                _, err = build.communicate()
                pytest.fail(f"the build ended before {stage}: {err.decode()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"the build never reached {stage}")
            time.sleep(0.05)
        if stage == "per_seed":  # the pause is in a worker: the pool is running
            assert len(tagged_processes(tag)) >= 2
        build.send_signal(signal.SIGKILL)
        build.communicate(timeout=WAIT_SECONDS)
    finally:
        if build.poll() is None:
            build.kill()
            build.communicate()
    wait_for(lambda: not tagged_processes(tag), f"the killed build's processes ({stage})", 15)


def recover_only(tree: Tree) -> None:
    """What the next build does first, and nothing else: the recovery, under its locks."""
    settings = cli.read_pelican_settings(str(tree.conf), {"PATH": str(tree.content)})
    settings["DIGEST_REPORT"] = str(tree.report)
    digest = load_settings(settings)
    with (
        build_lock(digest.briefs_dir.parent / LOCK_NAME),
        build_lock(build.output_lock(tree.output)),
    ):
        build.recover(digest, tree.output)


def leftovers(tree: Tree) -> list[str]:
    """Temporary, staging, journal and Pagefind job files: none may survive a build."""
    found = [p.name for p in tree.root.iterdir() if p.name.startswith((".output.", ".report"))]
    found = [name for name in found if name != ".output.lock"]
    found += [p.name for p in tree.content.rglob(".*") if p.name != LOCK_NAME]
    pagefind = tree.root / "conf" / "cache" / "pagefind"
    found += [p.name for p in pagefind.glob(".*")] if pagefind.is_dir() else []
    found += [p.name for p in (tree.root / "conf" / "cache").rglob("*.tmp")]
    return found


def assert_pair(tree: Tree) -> None:
    """Briefs, site and report from one build: every brief has its page and vice versa."""
    briefs = {p.relative_to(tree.content).with_suffix("").as_posix()
              for p in (tree.content / "briefs").rglob("*.md")}  # fmt: skip
    pages = {p.relative_to(tree.output).with_suffix("").as_posix()
             for p in (tree.output / "briefs").rglob("*.html")}  # fmt: skip
    assert briefs and briefs == pages
    report = json.loads(tree.report.read_text(encoding="utf-8"))
    assert {b["path"].removesuffix(".md") for b in report["briefs"]} == briefs


@pytest.fixture(scope="module")
def second_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], ...]:
    """Briefs and site of the second seed set, built fresh (builds are reproducible)."""
    tree = Tree(tmp_path_factory.mktemp("reference"))
    write_seeds(tree.seeds, *SECOND)
    assert tree.build().returncode == 0
    return tree_digest(tree.content), site_digest(tree.output)


def site_digest(output: Path) -> dict[str, str]:
    """The site without its history (what each build changed: site/editions.py), which
    by design differs between a second build and a fresh one."""
    return {k: v for k, v in tree_digest(output).items() if k not in HISTORY_FILES}


@pytest.mark.parametrize(
    ("stage", "committed"),
    [("per_seed", False), ("write", False), ("site", False), ("swap", False), ("commit", True)],
)
def test_a_build_killed_at_any_stage_leaves_a_consistent_pair(
    tmp_path: Path, stage: str, committed: bool, second_pair: tuple[dict[str, str], ...]
) -> None:
    tree = Tree(tmp_path)
    write_seeds(tree.seeds, *FIRST)
    assert tree.build().returncode == 0
    before = tree.snapshot()
    write_seeds(tree.seeds, *SECOND)

    kill_build_at(tree, stage)
    recover_only(tree)
    if committed:
        assert (tree_digest(tree.content), site_digest(tree.output)) == second_pair
    else:
        assert tree.snapshot() == before
    assert_pair(tree)
    assert leftovers(tree) == []

    kill_build_at(tree, stage)  # and again, now recovering at the start of a real build
    done = tree.build()
    assert done.returncode == 0, done.stderr
    assert "another news-digest build" not in done.stderr
    assert leftovers(tree) == []
    assert (tree_digest(tree.content), site_digest(tree.output)) == second_pair
    assert_pair(tree)


def test_a_killed_build_leaves_no_lock_even_with_a_forked_child(tmp_path: Path) -> None:
    lock = tmp_path / LOCK_NAME
    script = (
        "import os, sys, time\nfrom pathlib import Path\n"
        "from news_digest.core.lock import build_lock\n"
        "with build_lock(Path(sys.argv[1])):\n"
        "    if os.fork() == 0:  # the child says it runs (so its fork handlers ran)\n"
        "        print(os.getpid(), flush=True)\n        time.sleep(60)\n        os._exit(0)\n"
        "    time.sleep(60)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(lock)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    child = int(holder.stdout.readline())
    try:
        assert is_locked(lock)
        holder.kill()
        holder.wait(timeout=WAIT_SECONDS)
        assert Path(f"/proc/{child}").exists()  # the forked child lives on ...
        assert not is_locked(lock)  # ... without the lock
    finally:
        os.kill(child, signal.SIGKILL)


def test_a_stale_lock_file_does_not_block(tmp_path: Path) -> None:
    tree = Tree(tmp_path)
    write_seeds(tree.seeds, range(6), {})
    tree.content.mkdir(parents=True)
    (tree.content / LOCK_NAME).write_text("999999999\n")
    build.output_lock(tree.output).write_text("garbage")
    done = tree.build()
    assert done.returncode == 0, done.stderr
    assert_pair(tree)


def test_a_second_build_on_the_same_output_fails_and_the_output_survives(
    tmp_path: Path,
) -> None:
    first = Tree(tmp_path)
    write_seeds(first.seeds, range(8), {})
    assert first.build().returncode == 0
    before = tree_digest(first.output)
    other = tmp_path / "other-content"
    tag = uuid.uuid4().hex
    marker = tmp_path / "paused"
    env = {**os.environ, "NEWS_DIGEST_TEST_PAUSE_AT": "site", "NEWS_DIGEST_TEST_TAG": tag}
    env["NEWS_DIGEST_TEST_PAUSE_FILE"] = str(marker)
    write_seeds(first.seeds, range(10), {})
    running = subprocess.Popen(first.command(), cwd=tmp_path, env=env)
    try:
        wait_for(marker.exists, "the first build to pause")
        staging = [p.name for p in tmp_path.glob(".output.building-*")]
        assert len(staging) == 1 and staging[0].startswith(f".output.building-{running.pid}-")
        command = first.command()
        command[command.index("--content") + 1] = str(other)
        second = subprocess.run(command, capture_output=True, text=True, timeout=WAIT_SECONDS)
        assert second.returncode == 3
        assert f"another news-digest build is running on the site {first.output}" in (second.stderr)
        assert tree_digest(first.output) == before
    finally:
        running.kill()
        running.wait(timeout=WAIT_SECONDS)
    wait_for(lambda: not tagged_processes(tag), "the killed build's processes", 15)
    done = first.build()
    assert done.returncode == 0, done.stderr
    assert leftovers(first) == []
    assert_pair(first)


def test_a_kill_between_the_two_renames_of_the_fallback_swap_is_undone(tmp_path: Path) -> None:
    tree = Tree(tmp_path)
    write_seeds(tree.seeds, range(6), {})
    assert tree.build().returncode == 0
    before = tree.snapshot()
    tree.output.rename(tmp_path / ".output.old-1-abcd")  # renamed away, not yet replaced
    (tmp_path / ".output.building-1-abcd").mkdir()
    recover_only(tree)
    assert tree.snapshot() == before
    assert leftovers(tree) == []


def test_a_plain_sync_leaves_no_journal_and_a_leftover_one_is_rolled_back(
    tmp_path: Path,
) -> None:
    briefs = tmp_path / "content" / "briefs"
    write.sync_briefs(briefs, {"a.md": "A\n", "b.md": "B\n"})
    assert not write.journal_path(briefs).exists()
    never = write.CommitPoint.of(tmp_path / "never", tmp_path)
    write.sync_briefs(briefs, {"a.md": "new A\n", "c.md": "C\n"}, never)
    assert write.journal_path(briefs).exists()  # the build never committed ...
    (briefs / ".c.md.tmp").write_text("half")
    write.sync_briefs(briefs, {"a.md": "A\n", "b.md": "B\n", "d.md": "D\n"})  # ... so undone
    assert sorted(p.name for p in briefs.iterdir()) == ["a.md", "b.md", "d.md"]
    assert not write.journal_path(briefs).exists()
