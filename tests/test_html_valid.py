"""The Nu HTML checker (vnu-jar from npm, run with the machine's Java) on every page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.skipif(
    not VNU.is_file() or shutil.which("java") is None,
    reason="the Nu checker needs `npm ci` (make test runs it) and Java",
)
def test_every_page_has_no_html_errors(showcase_site: Path) -> None:
    pages = sorted(str(p) for p in showcase_site.rglob("*.html"))
    assert len(pages) > 10
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors[:40])
