"""The command-line options of `fetch` and `sources`, and nothing heavier than argparse.

Every `news-digest` command builds the whole parser, so this module imports no
network stack, lxml or feedparser: those load when a fetch or sources command runs
(`extract` of 216 short files costs under a CPU-second in all, start-up included).
"""

from __future__ import annotations

import argparse
from typing import Any

DEFAULT_WORKERS = 4  # sources fetched at once (each host still one request at a time)
EXIT_SOURCE_DOWN = 4  # fetch --strict: a source failed DIGEST_SOURCE_MAX_FAILURES runs in a row


def add_fetch_options(fetch: argparse.ArgumentParser) -> None:
    """The fetch command's options that live beside the fetcher."""
    fetch.add_argument(
        "--strict",
        action="store_true",
        help=f"exit {EXIT_SOURCE_DOWN} when a source has failed DIGEST_SOURCE_MAX_FAILURES "
        "runs in a row",
    )
    fetch.add_argument(
        "--workers",
        type=int,
        default=DEFAULT_WORKERS,
        help=f"sources fetched at once (default {DEFAULT_WORKERS}; one request at a time per host)",
    )


def add_sources_parser(commands: Any) -> None:
    """Register `sources import | add | list` on the main parser's subcommands."""
    sources = commands.add_parser("sources", help="import, add and list the sources fetch follows")
    actions = sources.add_subparsers(dest="sources_command", required=True)
    imp = actions.add_parser("import", help="add every feed of an OPML file")
    imp.add_argument("opml", help="the OPML file (OPML 1.0 or 2.0)")
    add = actions.add_parser("add", help="add a feed, or the feed a homepage or article names")
    add.add_argument("url", help="a feed, homepage or article URL")
    add.add_argument("--name", help="the source's name (default: the feed's title)")
    add.add_argument("--tag", action="append", default=[], help="a tag for every brief")
    add.add_argument("--page", action="store_true", help="add the URL as a single page")
    add.add_argument("--timeout", type=float, default=20.0, help="seconds per request")
    add.add_argument(
        "--allow-private",
        action="store_true",
        help="let discovered feeds be on private addresses (DIGEST_FETCH_ALLOW_PRIVATE)",
    )
    show = actions.add_parser("list", help="each source with its health")
    show.add_argument("--state", help="fetch state file (default: <seeds>/.fetch-state.json)")
    show.add_argument("--seeds", help="seeds folder (default: DIGEST_SEEDS, seeds/)")
    for action in (imp, add, show):
        action.add_argument(
            "--sources", help="sources file (default: DIGEST_SOURCES, sources.toml)"
        )
        action.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    sources.set_defaults(run=_run_sources)


def _run_sources(args: argparse.Namespace) -> int:
    from news_digest.fetch.sources_cli import run_sources

    return run_sources(args)
