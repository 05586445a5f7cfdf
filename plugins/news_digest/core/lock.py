"""Process safety: one build per tree and per output, and no child outliving its build.

- **Locks the kernel releases.** ``build_lock`` is an ``flock`` on a lock file: the
  kernel drops it when the holder's last descriptor closes, so a build killed with
  ``kill -9`` holds nothing.  The file itself means nothing (it is left in place; only
  a held lock blocks) and carries the holder's pid for the message.
- **Children never hold a lock.** The descriptor is close-on-exec (``os.open``), and a
  process forked without exec (the per-seed pool) closes it first thing
  (``os.register_at_fork``), so the lock lives and dies with the build process alone.
- **Children die with the build.** ``die_with_parent`` asks Linux to SIGKILL the caller
  when its parent dies (``PR_SET_PDEATHSIG``); pool workers and the search child call it.
- **A test hook.** ``pause_point`` stops a build at a named stage (for the kill tests).
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from news_digest.core.errors import DigestError
from news_digest.text.files import write_atomically

_held: dict[Path, int] = {}  # locks this process holds (the CLI, then the plugin inside it)
PR_SET_PDEATHSIG = 1
PAUSE_ENV = "NEWS_DIGEST_TEST_PAUSE_AT"  # a stage name: stop there (tests only)
PAUSE_FILE_ENV = "NEWS_DIGEST_TEST_PAUSE_FILE"  # written (with the pid) when stopped
PAUSE_SECONDS = 120.0


def _close_inherited() -> None:
    """In a forked child: drop the parent's lock descriptors (the locks stay the parent's)."""
    for handle in _held.values():
        with suppress(OSError):
            os.close(handle)
    _held.clear()


os.register_at_fork(after_in_child=_close_inherited)


@contextmanager
def build_lock(path: Path, what: str = "this tree") -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for the duration; fail at once if taken."""
    path = path.resolve()
    if path in _held:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise DigestError(
                f"another news-digest build is running on {what} (lock {path} is held"
                f"{_holder(handle)}); run again when it has finished"
            ) from error
        _note_holder(handle)
        _held[path] = handle
        try:
            yield
        finally:
            _held.pop(path, None)
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def _note_holder(handle: int) -> None:
    """Write our pid into the lock file: for the message a second build prints, no more."""
    os.ftruncate(handle, 0)
    os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)


def _holder(handle: int) -> str:
    text = os.pread(handle, 32, 0).decode("ascii", "replace").strip()
    return f" by process {text}" if text.isdigit() else ""


def is_locked(path: Path) -> bool:
    """Whether some live process holds the lock on ``path`` (a lock file alone is not)."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)
    return False


def die_with_parent(parent: int) -> None:
    """Be killed when the process ``parent`` dies (Linux); exit now if it already has."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before the request was made
        os._exit(1)


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists (for leftovers named by the pid that made them)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (dead, not yet reaped: pid 1 in a container may never) is dead
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def pause_point(stage: str) -> None:
    """Tests only: at ``stage`` (NEWS_DIGEST_TEST_PAUSE_AT), say so in a file and wait."""
    if os.environ.get(PAUSE_ENV) != stage:
        return
    marker = os.environ.get(PAUSE_FILE_ENV)
    if marker:
        write_atomically(Path(marker), f"{os.getpid()}\n".encode())
    time.sleep(PAUSE_SECONDS)
