"""`news-digest archive --before DATE`: old seeds moved out of the seeds folder.

A seed's date is its brief's ``Date:``, read from the briefs the last build left in
the content folder (each brief's header names its seeds: ``Seed: seeds/a.txt |
seeds/b.html``). That is the build's own answer (estimated dates, duplicates folded
into one brief and versions folded into one brief included), needs no build report
setting and no pipeline run, and a seed no build has seen yet (or that was rejected)
is in no brief, so it is never moved.

A seed file moves when every brief made from it is dated before DATE (a feed moves
only when all its entries do), with its ``.meta.json`` sidecar and its versions
(``x.v2.html`` and their sidecars), to ``<archive>/YYYY-MM/<its path in seeds/>``,
the month of its newest brief. Nothing is overwritten: every target is checked
before the first move, and each move creates its target exclusively.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from news_digest.core.errors import ConfigError, DigestError

SIDECAR = ".meta.json"
_VERSION = re.compile(r"\.v\d+(?=\.[^.]+$)")  # "x.v2.html" is a version of "x.html"


class ArchiveRefused(DigestError):
    """A target already exists: nothing was moved."""


@dataclass
class ArchivePlan:
    """What moves where: month -> [(seed file, target)], sidecars and versions included."""

    moves: dict[str, list[tuple[Path, Path]]] = field(default_factory=dict)
    seeds: dict[str, int] = field(default_factory=dict)  # month -> seed files (no sidecars)

    @property
    def files(self) -> int:
        return sum(len(moves) for moves in self.moves.values())


def read_header(path: Path) -> dict[str, str]:
    """A brief's Pelican header fields (up to the first blank line)."""
    fields: dict[str, str] = {}
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if not line.strip():
                break
            key, sep, value = line.partition(":")
            if sep:
                fields[key.strip().lower()] = value.strip()
    return fields


def seed_dates(briefs_dir: Path, seeds_prefix: str) -> dict[str, list[datetime]]:
    """Seed path (relative to the seeds folder, no ``#entry``) -> its briefs' dates."""
    dates: defaultdict[str, list[datetime]] = defaultdict(list)
    for brief in sorted(briefs_dir.rglob("*.md")):
        header = read_header(brief)
        try:
            when = datetime.fromisoformat(header.get("date", ""))
        except ValueError:
            continue
        for seed in header.get("seed", "").split(" | "):
            name = seed.strip().removeprefix(seeds_prefix).split("#", 1)[0]
            if name:
                dates[name].append(when)
    return dict(dates)


def base_of(name: str) -> str:
    """The seed a file belongs with: ``x.v2.html`` -> ``x.html``, sidecars to their seed."""
    return _VERSION.sub("", name.removesuffix(SIDECAR))


def plan_archive(seeds_dir: Path, archive_dir: Path, briefs_dir: Path, before: date) -> ArchivePlan:
    """Which seed files move where; refuses (nothing moved) when a target exists."""
    if not seeds_dir.is_dir():
        raise ConfigError(f"the seeds folder {seeds_dir} does not exist")
    if not briefs_dir.is_dir():
        raise ConfigError(f"no briefs in {briefs_dir}: build the digest first")
    seeds_root = seeds_dir.resolve()
    if archive_dir.resolve().is_relative_to(seeds_root):
        raise ConfigError(f"the archive folder {archive_dir} is inside the seeds folder")
    dates = seed_dates(briefs_dir, f"{seeds_dir.name}/")
    groups: defaultdict[str, list[str]] = defaultdict(list)  # base seed -> its files
    for path in sorted(p for p in seeds_dir.rglob("*") if p.is_file() or p.is_symlink()):
        rel = path.relative_to(seeds_dir).as_posix()
        if not any(part.startswith(".") for part in PurePosixPath(rel).parts):
            groups[base_of(rel)].append(rel)
    plan = ArchivePlan()
    for files in groups.values():
        seen = [when for rel in files for when in dates.get(rel, [])]
        if not seen or max(seen).date() >= before:
            continue
        newest = max(seen)
        month = f"{newest.year:04d}-{newest.month:02d}"
        for rel in files:
            plan.moves.setdefault(month, []).append(
                (seeds_dir / rel, archive_dir / month / PurePosixPath(rel))
            )
        plan.seeds[month] = plan.seeds.get(month, 0) + sum(
            not rel.endswith(SIDECAR) for rel in files
        )
    taken = [target for moves in plan.moves.values() for _, target in moves if _exists(target)]
    if taken:
        raise ArchiveRefused(
            f"refused: {len(taken)} file(s) already in the archive, e.g. {taken[0]}; "
            "nothing was moved"
        )
    return plan


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def move_without_overwriting(source: Path, target: Path) -> None:
    """Move one file; the target must not exist (created exclusively)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError as error:
        raise ArchiveRefused(f"refused: {target} already exists") from error
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.ENOTSUP):
            raise
        with source.open("rb") as reading, target.open("xb") as writing:
            shutil.copyfileobj(reading, writing)
        shutil.copystat(source, target)
    source.unlink()


def run_plan(plan: ArchivePlan, seeds_dir: Path) -> None:
    """Carry the moves out, month by month; empty folders left in seeds/ go."""
    for month in sorted(plan.moves):
        for source, target in plan.moves[month]:
            move_without_overwriting(source, target)
    for folder in sorted((p for p in seeds_dir.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
