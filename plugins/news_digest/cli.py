"""`news-digest`: build the digest, extract articles, explain what the cleaner did.

This is the program's outer boundary: every expected failure becomes a one-line
message and an exit status (documented in the README), never a traceback.
"""

from __future__ import annotations

import argparse
import atexit
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from news_digest.core import collector
from news_digest.core.cache import ResultCache
from news_digest.core.errors import ConfigError, DigestError
from news_digest.core.models import Brief
from news_digest.core.names.lexicon import warm_up as warm_up_names
from news_digest.core.per_seed import SeedJob, brief_seed
from news_digest.core.pipeline import file_key, jobs_for_files
from news_digest.core.render import render, render_body
from news_digest.core.workers import run_jobs, worker_count
from news_digest.fetch.arguments import add_fetch_options, add_sources_parser
from news_digest.settings import DigestSettings, build_options, link_options, load_settings

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
log = logging.getLogger("news_digest")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose, args.command)
    try:
        return int(args.run(args))
    except ConfigError as error:
        print(f"news-digest: configuration error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DigestError as error:
        print(f"news-digest: {error}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # the program's boundary: a message, not a traceback
        log.debug("build failed", exc_info=True)
        print(f"news-digest: failed: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILED


def configure_logging(verbose: bool, command: str) -> None:
    """Our own progress at INFO for builds; Pelican's per-file chatter only with -v."""
    level = logging.DEBUG if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", force=True)
    if command == "build":
        log.setLevel(logging.DEBUG if verbose else logging.INFO)
    if not verbose:  # their complaints about a bad page are in our rejection reasons
        for noisy in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
            logging.getLogger(noisy).setLevel(logging.CRITICAL)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="news-digest", description="Turn raw news seeds into a static digest site."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every step")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="seeds -> briefs -> Pelican site")
    build.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    build.add_argument("--seeds", help="folder of raw seeds (default: DIGEST_SEEDS, seeds/)")
    build.add_argument("--content", help="Pelican content folder (default: PATH, content/)")
    build.add_argument("--output", help="site output folder (default: OUTPUT_PATH, output/)")
    build.add_argument("--report", help="write the JSON build report to this file")
    build.add_argument(
        "--strict", action="store_true", help="exit with status 1 when any seed was rejected"
    )
    build.set_defaults(run=run_build)

    extract = commands.add_parser("extract", help="clean files without building a site")
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.add_argument("--format", choices=("json", "markdown"), default="json")
    extract.add_argument(
        "--no-clean",
        action="store_true",
        help="each text file is an article body already: first line the title, no "
        "boilerplate removal, everything else as usual",
    )
    extract.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    extract.set_defaults(run=run_extract)

    explain = commands.add_parser("explain", help="show what the cleaner kept and dropped")
    explain.add_argument("seed", metavar="SEED")
    explain.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    explain.set_defaults(run=run_explain)

    fetch = commands.add_parser("fetch", help="new feed entries and pages -> seeds/")
    fetch.add_argument("--sources", help="sources file (default: DIGEST_SOURCES, sources.toml)")
    fetch.add_argument("--seeds", help="folder to save seeds in (default: DIGEST_SEEDS, seeds/)")
    fetch.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    fetch.add_argument("--state", help="fetch state file (default: <seeds>/.fetch-state.json)")
    fetch.add_argument("--timeout", type=float, default=20.0, help="seconds per request")
    fetch.add_argument(
        "--max-bytes", type=int, default=5_000_000, help="largest feed or page accepted"
    )
    fetch.add_argument("--report", help="write the JSON fetch report to this file")
    fetch.add_argument(
        "--allow-private",
        action="store_true",
        help="follow links and redirects to private, loopback and link-local addresses; "
        "DIGEST_FETCH_ALLOW_PRIVATE",
    )
    fetch.set_defaults(run=run_fetch)
    add_fetch_options(fetch)
    add_sources_parser(commands)

    archive = commands.add_parser(
        "archive", help="move seeds whose brief is dated before DATE to the archive folder"
    )
    archive.add_argument("--before", required=True, metavar="DATE", help="YYYY-MM-DD")
    archive.add_argument("--seeds", help="folder of raw seeds (default: DIGEST_SEEDS, seeds/)")
    archive.add_argument(
        "--content", help="Pelican content folder with the briefs (default: PATH, content/)"
    )
    archive.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    archive.add_argument(
        "--dry-run", action="store_true", help="print what would move, move nothing"
    )
    archive.set_defaults(run=run_archive)
    return parser


def read_pelican_settings(path: str, override: dict[str, Any]) -> dict[str, Any]:
    """Pelican's settings from ``path`` (when it exists) with command-line overrides."""
    from pelican.settings import read_settings

    settings_file = Path(path)
    if not settings_file.is_file():
        if path != "pelicanconf.py":
            raise ConfigError(f"settings file {path} does not exist")
        return dict(read_settings(None, override=override))
    # Pelican registers the file as a module named after it: a settings file called
    # site.py would stand in for the standard `site` from then on (Dask imports it).
    shadowed = sys.modules.get(settings_file.stem)
    try:
        return dict(read_settings(str(settings_file), override=override))
    finally:
        if shadowed is not None:
            sys.modules[settings_file.stem] = shadowed


def freeze_at_exit() -> None:
    """At the interpreter's exit, keep what is left out of its last collections.

    A build gives its objects back to the collector when it ends (for a caller in the
    same process: the tests), so the interpreter's final collections walked all of them:
    0.7-1.3 CPU-s of a 2,000-brief no-change rebuild that takes 3.5 (measured with and
    without this, alternated).  Everything is written and closed by then; at exit
    nothing else would collect them.
    """
    collector.freeze()


def run_build(args: argparse.Namespace) -> int:
    """Settings from the file and the options; the build itself is site/build.py's."""
    from news_digest.site.build import build_site

    atexit.unregister(freeze_at_exit)  # once, however many builds a process runs
    atexit.register(freeze_at_exit)

    override: dict[str, Any] = {}
    for option, key in (
        ("seeds", "DIGEST_SEEDS"),
        ("content", "PATH"),
        ("report", "DIGEST_REPORT"),
    ):
        value = getattr(args, option)
        if value:
            override[key] = str(Path(value).resolve())
    if args.strict:
        override["DIGEST_STRICT"] = True
    if args.content:
        Path(args.content).mkdir(parents=True, exist_ok=True)  # Pelican insists it exists
    settings = read_pelican_settings(args.settings, override)
    output = Path(args.output or settings["OUTPUT_PATH"]).resolve()
    plugins = list(settings.get("PLUGINS") or [])
    settings["PLUGINS"] = plugins if "news_digest" in plugins else [*plugins, "news_digest"]
    digest = load_settings(settings)
    report = build_site(settings, digest, output)
    log.info("site written to %s", output)
    return EXIT_REJECTED if report.rejected and (args.strict or digest.strict) else EXIT_OK


def _digest_settings(args: argparse.Namespace) -> DigestSettings:
    """The settings of a command that writes no site (extract, explain, fetch): Pelican
    insists that its content folder exists, which these commands never touch."""
    folder = Path(args.settings).resolve().parent
    return load_settings(read_pelican_settings(args.settings, {"PATH": str(folder)}))


def _extract_settings(args: argparse.Namespace) -> DigestSettings:
    """`extract`'s settings: the DIGEST_* names of the settings file, read as Pelican
    reads them (the file run as a module, its upper-case names taken) but without
    importing Pelican (0.12 CPU-s), whose own settings extract never uses."""
    folder = Path(args.settings).resolve().parent
    return load_settings({**settings_file_names(args.settings), "PATH": str(folder)})


def settings_file_names(path: str) -> dict[str, Any]:
    """The upper-case names a Pelican settings file defines (pelican.settings'
    get_settings_from_file); {} for a missing default pelicanconf.py."""
    import importlib.util

    settings_file = Path(path)
    if not settings_file.is_file():
        if path != "pelicanconf.py":
            raise ConfigError(f"settings file {path} does not exist")
        return {}
    # A private module name: a settings file called site.py or json.py must not take
    # the place of the standard module of that name (Dask's import of `site` broke so).
    name = f"_news_digest_settings_{settings_file.stem}"
    spec = importlib.util.spec_from_file_location(name, settings_file)
    if spec is None or spec.loader is None:
        raise ConfigError(f"settings file {path} cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return {key: value for key, value in vars(module).items() if key.isupper()}


def _seed_jobs(
    names: Sequence[str], settings: DigestSettings, already_clean: bool = False
) -> list[tuple[str, SeedJob | str]]:
    """Each named file's per-seed job (as the build makes it), or why there is none."""
    paths = [Path(name) for name in names]
    options = build_options(settings)
    if already_clean:
        options = replace(options, items=replace(options.items, already_clean=True))
    jobs, problems = jobs_for_files(paths, options)
    return [
        (name, jobs.get(file_key(path)) or problems.get(file_key(path), "not found"))
        for name, path in zip(names, paths, strict=True)
    ]


def run_extract(args: argparse.Namespace) -> int:
    """Exit 0 when every file gave its briefs, 1 when any file or entry was rejected."""
    settings = _extract_settings(args)
    status = EXIT_OK
    named = _seed_jobs(args.files, settings, args.no_clean)
    jobs = [job for _, job in named if isinstance(job, SeedJob)]
    # No build cache: extract is a look at files, usually new ones, and a cache entry
    # written per file cost more than it saved (NER dev: 0.15-0.25 of 1.1 CPU-s).
    cache = ResultCache(None)
    workers = worker_count(settings.workers)
    if jobs:
        warm_up_names()
    # What exists now (modules, settings, the name tables every brief reads) lives
    # through the batch, so the collector need not walk it again every few thousand
    # allocations (NER dev: 1.30 -> 1.09 CPU-s, runs interleaved on a loaded host).
    with collector.frozen():
        results = iter(run_jobs(jobs, cache, workers, adaptive=settings.workers == 0)[0])
    for name, job in named:
        if not isinstance(job, SeedJob):
            print(json.dumps({"path": name, "error": job}, ensure_ascii=False))
            status = EXIT_REJECTED
            continue
        result = next(results)
        if not result.briefs:
            reason = "; ".join(r.reason for r in result.rejections) or "no article"
            print(json.dumps({"path": name, "error": reason}, ensure_ascii=False))
            status = EXIT_REJECTED
            continue
        status = EXIT_REJECTED if result.rejections else status
        for brief in result.briefs:
            if args.format == "json":
                print(json.dumps(extract_record(name, brief), ensure_ascii=False))
            else:
                from news_digest.core.link import link_briefs  # NumPy/SciPy: only here

                (linked,) = link_briefs([brief], link_options(settings))
                print(render(linked, {}, settings.briefs_subdir))
    return status


def extract_record(name: str, brief: Brief) -> dict[str, Any]:
    """The documented `extract --format json` object for one article."""
    record: dict[str, Any] = {
        "path": name,
        "title": brief.title,
        "date": brief.date.isoformat() if brief.date else None,
        "authors": list(brief.authors),
        "source": brief.outlet,
        "language": brief.language,
        "summary": brief.summary,
        "tags": list(brief.tags),
        "entities": [
            {"name": e.name, "kind": e.kind, "mentions": e.mentions} for e in brief.entities
        ],
        "body": render_body(brief.body),
    }
    if (entry := _entry_number(brief)) is not None:
        record["entry"] = entry
    return record


def run_explain(args: argparse.Namespace) -> int:
    """Exit 0 with the seed's blocks, kept or dropped and why; 1 when it is rejected
    (as `extract` says of the same file)."""
    settings = _digest_settings(args)
    ((_, job),) = _seed_jobs([args.seed], settings)
    if not isinstance(job, SeedJob):
        print(f"news-digest explain: {args.seed}: {job}", file=sys.stderr)
        return EXIT_REJECTED
    result = brief_seed(job, keep_cleaned=True)
    if not result.cleaned and result.rejections:
        print(f"news-digest explain: {args.seed}: {result.rejections[0].reason}", file=sys.stderr)
        return EXIT_REJECTED
    briefs = {_entry_index(brief): brief for brief in result.briefs}
    for article in result.cleaned:
        ext = article.extraction
        brief = briefs.get(article.index)
        title, title_source = (brief.title, brief.title_source) if brief else (ext.title, "")
        print(f"# {args.seed}" + (f" entry {article.index + 1}" if article.index else ""))
        print(f"extraction: {ext.method}   encoding: {article.encoding}   language: {ext.language}")
        print(f"title: {title!r} ({title_source or ext.title_source})")
        if ext.date:
            print(f"date: {ext.date.isoformat()} ({ext.date_source})")
        else:
            print("date: none in the seed (the build estimates the day from related briefs)")
        print(f"authors: {', '.join(ext.authors) or '-'}   outlet: {ext.outlet or '-'}")
        print()
        for decision in ext.decisions:
            mark = "KEEP" if decision.kept else "drop"
            text = " ".join(decision.text.split())
            shown = text if len(text) <= 70 else text[:67] + "..."
            print(f"{mark}  {decision.reason:<40}  {shown}")  # a longer reason is never cut
    return EXIT_OK


def _entry_number(brief: Brief) -> int | None:
    """N for the brief of a feed's entry N (its seed "feed.xml#N", as enrich names it)."""
    _, _, number = brief.seeds[0].rpartition("#")
    return int(number) if number.isdigit() else None


def _entry_index(brief: Brief) -> int:
    """The brief's article index: 0 for a page or a feed's first entry."""
    return (_entry_number(brief) or 1) - 1


def run_archive(args: argparse.Namespace) -> int:
    """Seeds of briefs dated before --before -> DIGEST_ARCHIVE_DIR/YYYY-MM/ (core/archive.py)."""
    from datetime import date

    from news_digest.core.archive import ArchiveRefused, plan_archive, run_plan
    from news_digest.core.lock import build_lock
    from news_digest.core.pipeline import LOCK_NAME

    try:
        before = date.fromisoformat(args.before)
    except ValueError as error:
        raise ConfigError(f"--before must be YYYY-MM-DD, not {args.before!r}") from error
    folder = Path(args.settings).resolve().parent
    names = settings_file_names(args.settings)
    for option, key in (("seeds", "DIGEST_SEEDS"), ("content", "PATH")):
        if getattr(args, option):
            names[key] = str(Path(getattr(args, option)).resolve())
    digest = load_settings(names, folder)
    with build_lock(digest.briefs_dir.parent / LOCK_NAME):
        try:
            plan = plan_archive(digest.seeds_dir, digest.archive_dir, digest.briefs_dir, before)
        except ArchiveRefused as error:
            print(f"news-digest archive: {error}", file=sys.stderr)
            return EXIT_REJECTED
        verb = "would move" if args.dry_run else "moved"
        for month in sorted(plan.moves):
            files = len(plan.moves[month])
            print(
                f"{month}: {verb} {plan.seeds[month]} seeds ({files} files) "
                f"to {digest.archive_dir / month}"
            )
        if not args.dry_run:
            run_plan(plan, digest.seeds_dir)
    seeds = sum(plan.seeds.values())
    print(
        f"news-digest archive: {verb} {seeds} seeds ({plan.files} files) dated before "
        f"{before.isoformat()} to {digest.archive_dir}"
    )
    return EXIT_OK


def run_fetch(args: argparse.Namespace) -> int:
    """Exit 0 when every source answered, 1 when any source or entry failed."""
    from news_digest.fetch.fetch_cli import fetch_exit, fetch_options
    from news_digest.fetch.fetcher import fetch_sources  # the network stack: only here
    from news_digest.fetch.http import Client
    from news_digest.fetch.sources import load_sources

    settings = _digest_settings(args)
    seeds_dir = Path(args.seeds) if args.seeds else settings.seeds_dir
    sources = load_sources(Path(args.sources) if args.sources else settings.sources_path)
    client = Client(
        timeout=args.timeout,
        max_bytes=args.max_bytes,
        allow_private=args.allow_private or settings.fetch_allow_private,
    )
    state = Path(args.state) if args.state else None
    reports = fetch_sources(sources, seeds_dir, client, state, **fetch_options(args, settings))
    for report in reports:
        print(report.line())
    if args.report:
        data = {"sources": [vars(r) for r in reports]}
        Path(args.report).write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", "utf-8")
    print(f"news-digest fetch: {sum(r.new for r in reports)} new seeds from {len(reports)} sources")
    return fetch_exit(reports, args, settings)


if __name__ == "__main__":
    sys.exit(main())
