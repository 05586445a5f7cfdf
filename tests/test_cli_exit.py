"""`news-digest build` leaves its objects out of the interpreter's final collections
(cli.freeze_at_exit), and still exits with its status and a complete site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, write_settings

pytestmark = pytest.mark.site  # builds a site

# The check is registered before the build, so it runs after the build's own handler.
PROGRAM = """
import atexit, gc, sys
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0, flush=True))
from news_digest import cli
sys.exit(cli.main(sys.argv[1:]))
"""


def test_a_build_process_skips_the_final_collections(mixed_seeds: Path, tmp_path: Path) -> None:
    conf = write_settings(tmp_path / "conf" / "site.py", "DIGEST_SEARCH = False")
    output = tmp_path / "output"
    command = [
        sys.executable, "-c", PROGRAM, "build", "--settings", str(conf), "--seeds",
        str(mixed_seeds), "--content", str(tmp_path / "content"), "--output", str(output),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO / "plugins")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "frozen at exit: True" in done.stdout
    assert (output / "index.html").is_file() and list((output / "briefs").rglob("*.html"))
