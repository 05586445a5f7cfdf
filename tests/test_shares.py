"""Brief pages written on every core (site/shares.py) are the pages one core writes."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import tree_digest
from news_digest.site import shares
from news_digest.site.pelican_internals import RecordingWriter
from pelican import signals
from pelican.writers import FileOverwriteFailedError
from site_checks import build_showcase

log = logging.getLogger("pelican.test_shares")


def page_writes(writer: RecordingWriter, count: int, fail_at: int | None = None) -> list[Any]:
    def write(number: int) -> None:
        if number == fail_at:
            raise FileOverwriteFailedError(f"page {number} failed")
        log.warning("page %d by %d", number, os.getpid())
        with writer._open_w(str(Path(writer.output_path) / f"{number}.html"), "utf-8") as f:
            f.write(f"page {number}\n")

    return [lambda n=n: write(n) for n in range(count)]


def targets(writer: RecordingWriter, count: int) -> list[list[str]]:
    return [[str(Path(writer.output_path) / f"{n}.html")] for n in range(count)]


def test_shared_writes_make_the_same_files_and_tell_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(shares, "MIN_PAGES", 2)
    writer = RecordingWriter(str(tmp_path), settings={})
    with caplog.at_level(logging.WARNING, logger="pelican"):
        shares.write_in_shares(writer, page_writes(writer, 9), targets(writer, 9), 3)
    assert writer._written_files == {t for (t,) in targets(writer, 9)}  # the overwrite check
    assert sorted(p.read_text() for p in tmp_path.iterdir()) == sorted(
        f"page {n}\n" for n in range(9)
    )
    messages = [r.getMessage() for r in caplog.records if r.name == log.name]
    assert len(messages) == 9 and len({m.rsplit(" ", 1)[1] for m in messages}) == 3


def test_an_error_in_a_forked_share_fails_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shares, "MIN_PAGES", 2)
    writer = RecordingWriter(str(tmp_path), settings={})
    with pytest.raises(FileOverwriteFailedError, match="page 4 failed"):
        shares.write_in_shares(writer, page_writes(writer, 6, fail_at=4), targets(writer, 6), 2)


def test_runs_that_could_tell_are_written_by_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shares, "MIN_PAGES", 2)
    writer = RecordingWriter(str(tmp_path), settings={})
    names = targets(writer, 4)
    assert shares.can_share(writer, names, 2)
    assert not shares.can_share(writer, names, 1)
    assert not shares.can_share(writer, [*names, names[0]], 2)  # one file twice
    assert not shares.can_share(writer, [[], *names], 2)  # a page not written
    assert not shares.can_share(object(), names, 2)  # Pelican's own writer
    writer._written_files.add(names[1][0])
    assert not shares.can_share(writer, names, 2)  # written before: Pelican's rules

    def listener(sender: Any, **kwargs: Any) -> None:
        """A plugin that would hear only the parent's pages."""

    signals.content_written.connect(listener)
    try:
        assert not shares.can_share(RecordingWriter(str(tmp_path), settings={}), names, 2)
    finally:
        signals.content_written.disconnect(listener)


@pytest.mark.site
def test_the_showcase_written_on_two_cores_is_the_one_written_on_one(
    showcase_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(The showcase has few briefs: every run is shared here.)"""
    forks: list[int] = []
    fork = shares._fork_share
    monkeypatch.setattr(shares, "MIN_PAGES", 2)
    monkeypatch.setattr("news_digest.site.plugin.process_count", lambda setting: 2)
    monkeypatch.setattr(shares, "_fork_share", lambda *a: forks.append(1) or fork(*a))
    shared = build_showcase(tmp_path)
    assert forks
    assert tree_digest(shared) == tree_digest(showcase_site)
