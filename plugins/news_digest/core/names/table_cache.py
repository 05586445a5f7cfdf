"""Tables built from data packages, kept in a marshal file in the user's cache folder.

Building the name tables costs about 0.35 CPU-s per process (JSON and gettext catalogues
read, 100,000 names filtered); loading them back from a marshal file costs about 25 ms.
The file is never trusted as it is: its name and its header carry a key (this format,
the Python version, the code that builds the tables, and the size and time of every
data file they come from), its header the SHA-256 of its body, and the loaded value
must have the expected shape.  Anything amiss (missing, stale, truncated, corrupted,
unreadable, a folder that cannot be written) means the tables are built as before, so a
cache can make a run faster but never different.  marshal rather than pickle: loading
it builds plain values only, it cannot run code.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FORMAT = 1  # bump when the file layout changes
MAGIC = b"news-digest tables 1\n"
FOLDER_ENV = "NEWS_DIGEST_TABLES_CACHE"  # a folder for the cache files; "" turns them off


def cache_folder() -> Path | None:
    """$NEWS_DIGEST_TABLES_CACHE, else $XDG_CACHE_HOME/news-digest, else ~/.cache/news-digest."""
    explicit = os.environ.get(FOLDER_ENV)
    if explicit is not None:
        return Path(explicit) if explicit else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "news-digest"


def table_key(name: str, code: Sequence[Path], data: Sequence[Path]) -> str:
    """What the tables depend on: the bytes of the code, the size and time of the data
    (data files are large; a package upgrade or edit changes one or the other)."""
    digest = hashlib.sha256(f"{FORMAT}\x1f{sys.version}\x1f{marshal.version}\x1f{name}".encode())
    for path in code:
        digest.update(b"\x1fcode\x1f" + path.name.encode() + b"\x1f" + path.read_bytes())
    for path in data:
        try:
            stat = path.stat()
            seen = f"{stat.st_size}\x1f{stat.st_mtime_ns}"
        except FileNotFoundError:  # an optional file (a translation): its absence counts
            seen = "missing"
        digest.update(f"\x1fdata\x1f{path}\x1f{seen}".encode())
    return digest.hexdigest()


def load_or_build(
    name: str,
    code: Sequence[Path],
    data: Sequence[Path],
    build: Callable[[], dict[str, Any]],
    shape: Mapping[str, type],
) -> dict[str, Any]:
    """The tables ``build`` makes, from the cache file when it is sound."""
    folder = cache_folder()
    try:
        key = table_key(name, code, data)
    except OSError:  # a source is missing: let the build say so (or cope)
        return build()
    path = folder / f"{name}-{key[:16]}.marshal" if folder is not None else None
    if path is not None:
        tables = read_tables(path, key, shape)
        if tables is not None:
            return tables
    tables = build()
    if path is not None:
        write_tables(path, key, tables)
    return tables


def read_tables(path: Path, key: str, shape: Mapping[str, type]) -> dict[str, Any] | None:
    """The tables in ``path`` if it holds exactly what ``key`` names, else None."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    header = len(MAGIC) + 2 * 65
    body = raw[header:]
    expected = MAGIC + f"{key}\n{hashlib.sha256(body).hexdigest()}\n".encode()
    if raw[:header] != expected:
        log.debug("table cache %s is stale or damaged: rebuilding", path)
        return None
    try:
        tables = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(tables, dict) or set(tables) != set(shape):
        return None
    if not all(isinstance(tables[k], kind) for k, kind in shape.items()):
        return None
    return tables


def write_tables(path: Path, key: str, tables: dict[str, Any]) -> None:
    """Store the tables atomically; a folder that cannot be written is no error."""
    try:
        body = marshal.dumps(tables)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tables-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(MAGIC + f"{key}\n{hashlib.sha256(body).hexdigest()}\n".encode())
                out.write(body)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        name = path.name.rsplit("-", 1)[0]
        for stale in path.parent.glob(f"{name}-*.marshal"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except (OSError, ValueError) as error:
        log.debug("table cache %s not written: %s", path, error)
