"""What `news-digest fetch` adds to the command line from the fetch package: ``--strict``,
``--workers``, the fetch options from the settings, and the exit status.

Exit statuses of `fetch`: 0 every source answered; 1 a source or an entry failed
(the rest is saved); 4 with ``--strict``, a source has failed
``DIGEST_SOURCE_MAX_FAILURES`` runs in a row (this one included).  Without
``--strict`` such a source is a warning on stderr and the status stays 0 or 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from news_digest.fetch.arguments import DEFAULT_WORKERS, EXIT_SOURCE_DOWN
from news_digest.fetch.fetcher import SourceReport
from news_digest.settings import DigestSettings

EXIT_OK, EXIT_FAILED = 0, 1


def fetch_options(args: argparse.Namespace, settings: DigestSettings) -> dict[str, Any]:
    """Keyword arguments for ``fetch_sources`` from the command line and the settings."""
    return {
        "workers": max(1, int(getattr(args, "workers", DEFAULT_WORKERS))),
        "tracking_params": settings.tracking_params,
    }


def fetch_exit(
    reports: Sequence[SourceReport], args: argparse.Namespace, settings: DigestSettings
) -> int:
    """0, 1 or 4 (see the module's doc); a source down too long is named on stderr."""
    limit = settings.source_max_failures
    down = [r for r in reports if r.consecutive_failures >= limit]
    for report in down:
        print(
            f"news-digest fetch: {report.name} has failed {report.consecutive_failures} runs "
            f"in a row (DIGEST_SOURCE_MAX_FAILURES = {limit})",
            file=sys.stderr,
        )
    if down and getattr(args, "strict", False):
        return EXIT_SOURCE_DOWN
    return EXIT_FAILED if any(r.failures for r in reports) else EXIT_OK
