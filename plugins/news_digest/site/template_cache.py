"""Compiled templates kept from build to build (Jinja's bytecode cache).

Pelican makes a Jinja environment per generator and compiles every template from
its source on every run (23 templates: about 0.3-0.6 CPU-s of a rebuild at 2,000
briefs, 1.9 s profiled).  Jinja's own ``FileSystemBytecodeCache`` keeps the
compiled code, checked against a checksum of each template's source; the folder is
named by what else the compiled code depends on (Jinja's and Python's versions and
the ``JINJA_ENVIRONMENT`` options: delimiters, whitespace control, extensions,
autoescape), so a change of any of them compiles afresh.  Same templates, same code,
same pages.
"""

from __future__ import annotations

import hashlib
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache

from news_digest.site.page_reuse import _stable_repr


def use_bytecode_cache(generator: Any, cache_dir: Path | None) -> None:
    """Give a generator's environment a bytecode cache in ``cache_dir`` (if any and if
    the site did not choose one itself)."""
    env = getattr(generator, "env", None)
    if env is None or cache_dir is None or env.bytecode_cache is not None:
        return
    options = _stable_repr(generator.settings.get("JINJA_ENVIRONMENT", {}))
    key = f"{version('jinja2')}\0{sys.version}\0{options}"
    folder = cache_dir / "jinja" / hashlib.sha256(key.encode()).hexdigest()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # no cache: templates compile as Pelican compiles them
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
