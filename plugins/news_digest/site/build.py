"""`news-digest build`'s transaction: Pelican runs into a fresh staging folder,
which is swapped onto the output (the commit point), or everything is undone.

Under the tree's lock and the output's lock a build first finishes what a killed
build left (``recover``), then runs Pelican into ``.<output>.building-<pid>-<random>``.
Renaming that folder onto the output is the commit point: before it, any failure,
a Pelican ERROR or a kill leaves (or, at the next build, rolls back to) the previous
briefs and site; after it, briefs, site and report are this build's.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import secrets
import shutil
import sys
from pathlib import Path
from typing import Any

from news_digest.core import collector, write
from news_digest.core.errors import DigestError
from news_digest.core.lock import build_lock, pause_point, pid_alive
from news_digest.core.pipeline import LOCK_NAME, BuildReport
from news_digest.settings import DigestSettings
from news_digest.site.state import STATE_KEY, DigestBuild

AT_FDCWD = -100
log = logging.getLogger("news_digest")


def build_site(settings: dict[str, Any], digest: DigestSettings, output: Path) -> BuildReport:
    """Briefs and site, built and committed as one; the build's report."""
    if digest.report_path is not None:  # moved into place at the commit
        settings["DIGEST_REPORT"] = str(pending_report(digest.report_path))
    output.parent.mkdir(parents=True, exist_ok=True)
    with (
        build_lock(digest.briefs_dir.parent / LOCK_NAME),
        build_lock(output_lock(output), what=f"the site {output}"),
    ):
        recover(digest, output)
        staging = output.parent / f".{output.name}.building-{os.getpid()}-{secrets.token_hex(4)}"
        staging.mkdir()
        settings["OUTPUT_PATH"] = str(staging)
        state = DigestBuild(previous_site=output, commit=write.CommitPoint.of(output, staging))
        settings[STATE_KEY] = state
        try:
            build_and_commit(settings, state, digest, staging, output)
        finally:
            collector.release()  # the plugin froze the run's objects (remember_articles)
    if state.report is None:
        raise DigestError("the news_digest plugin did not run; is it in PLUGINS?")
    return state.report


def build_and_commit(
    settings: dict[str, Any],
    state: DigestBuild,
    digest: DigestSettings,
    staging: Path,
    output: Path,
) -> None:
    """Run Pelican into ``staging``; commit by swapping it onto ``output``, or undo."""
    committed = False
    try:
        errors = run_pelican(settings)
        if state.report is None:
            raise DigestError("the news_digest plugin did not run; is it in PLUGINS?")
        if errors:
            raise DigestError(f"the site build logged {len(errors)} error(s): {errors[0]}")
        pause_point("swap")
        swap_into_place(staging, output)
        committed = True
        pause_point("commit")
        finish_commit(digest)
    except BaseException:
        if not committed:
            undo_build(digest, staging)
        raise


class ErrorLog(logging.Handler):
    """Collects what Pelican logs at ERROR: a page it skipped is a failed site build."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage())
        except Exception:  # a bad format string is still an error
            self.messages.append(str(record.msg))


def run_pelican(settings: dict[str, Any]) -> list[str]:
    """Pelican's run; the ERROR messages its loggers (``pelican.*``) logged meanwhile."""
    from pelican import Pelican

    errors = ErrorLog()
    pelican_log = logging.getLogger("pelican")
    pelican_log.addHandler(errors)
    try:
        Pelican(settings).run()
    finally:
        pelican_log.removeHandler(errors)
    return errors.messages


def output_lock(output: Path) -> Path:
    """The lock guarding ``output`` (beside it): one build per site, whatever its content."""
    return output.with_name(f".{output.name}.lock")


def pending_report(report: Path) -> Path:
    """Where the build writes its report until the commit (a stable name: page reuse
    fingerprints the settings, this one included)."""
    return report.with_name(f".{report.name}.building")


def finish_commit(digest: DigestSettings) -> None:
    """After the swap: the report goes in place, then the journal is not needed."""
    if digest.report_path is not None:
        pending = pending_report(digest.report_path)
        if pending.exists():
            os.replace(pending, digest.report_path)
    write.forget_journal(digest.briefs_dir)
    write.forget_journal(digest.archive_briefs_dir)


def undo_build(digest: DigestSettings, staging: Path) -> None:
    """Before the commit: the briefs as they were, no staging folder, no new report."""
    write.recover_briefs(digest.archive_briefs_dir)
    if write.recover_briefs(digest.briefs_dir) == "rolled back":
        log.warning("the build failed: content/briefs and the site were left as they were")
    shutil.rmtree(staging, ignore_errors=True)
    if digest.report_path is not None:
        pending_report(digest.report_path).unlink(missing_ok=True)


def recover(digest: DigestSettings, output: Path) -> None:
    """Finish what a killed build left, so the tree is again a consistent pair.

    Called holding both locks, so every staging or old-site folder of this output
    belongs to a build that is no longer running.
    """
    from news_digest.site.search_index import clean_leftovers

    put_back_old_site(output)
    committed = write.journal_committed(digest.briefs_dir)
    if digest.report_path is not None:
        pending = pending_report(digest.report_path)
        if committed and pending.exists():
            os.replace(pending, digest.report_path)
        pending.unlink(missing_ok=True)
    outcome = write.recover_briefs(digest.briefs_dir)
    outcome = write.recover_briefs(digest.archive_briefs_dir) or outcome
    if outcome == "rolled back":
        log.warning("news-digest: an unfinished build's briefs were rolled back")
    name = output.name
    leftovers = [
        *output.parent.glob(f".{name}.building-*"),
        *output.parent.glob(f".{name}.old-*"),
        *(
            p
            for p in (output.with_name(f".{name}.building"), output.with_name(f".{name}.old"))
            if p.exists()
        ),
    ]
    for folder in leftovers:
        shutil.rmtree(folder, ignore_errors=True)
    if leftovers or outcome:
        log.info("news-digest: removed what an unfinished build left")
        remove_cache_temporaries(digest.cache_dir)
    clean_leftovers(digest.cache_dir)


def put_back_old_site(output: Path) -> None:
    """A build killed between the two renames of the fallback swap: the old site back."""
    if output.exists():
        return
    old = sorted(output.parent.glob(f".{output.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if old:
        old[-1].rename(output)


def remove_cache_temporaries(cache_dir: Path | None) -> None:
    """The per-seed cache's temporary files (``.<key>.<pid>.tmp``) of dead processes."""
    if cache_dir is None or not cache_dir.is_dir():
        return
    for path in cache_dir.glob("*/*/.*.tmp"):
        pid = path.name.rsplit(".", 2)[-2]
        if not (pid.isdigit() and pid_alive(int(pid))):
            path.unlink(missing_ok=True)


def swap_into_place(staging: Path, output: Path) -> None:
    """Replace ``output`` by the freshly built ``staging`` folder, never half-way.

    The commit point: one atomic rename (Linux ``renameat2(RENAME_EXCHANGE)``; where
    that is missing, two renames, and ``put_back_old_site`` undoes a kill between them).
    """
    if not output.exists():
        staging.rename(output)
        return
    if exchange(staging, output):
        shutil.rmtree(staging, ignore_errors=True)  # now the previous site
        return
    old = staging.with_name(staging.name.replace(".building-", ".old-", 1))
    output.rename(old)
    staging.rename(output)
    shutil.rmtree(old, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False when the system cannot (then nothing changed)."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    status = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), 2)
    if status == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))
