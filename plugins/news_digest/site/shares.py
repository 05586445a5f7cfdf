"""Pages written on every core: a long run of page writes shared with forked processes.

Pelican writes its pages one after another on one core; a digest's brief pages are
thousands of independent renders of one template.  ``write_in_shares`` forks the
build process once Pelican's context is complete (the forked copy has every article,
template and setting as they are), and each process writes every n-th page of the
run.  What a page writes depends only on its own arguments and the shared context,
so the files are the same bytes whichever process writes them (tests compare with a
build on one core).  Each forked process sends back what the parent must know as if
it had written those pages itself: the files written (Pelican's overwrite check),
page-reuse records (site/page_reuse.py) and its log records (a Pelican ERROR still
fails the build); an exception in one is raised in the build.

A run is shared only when nothing can tell it apart: more than ``MIN_PAGES`` pages,
each to its own file that nothing wrote before (no ``override_output``), the writer
is ours (it records files), and no plugin listens to the signals sent while a page
is written (they would hear only the parent's pages).  Otherwise the pages are
written one by one, as before.  The forked processes die with the build
(``lock.die_with_parent``) and never return into Pelican: each ends with ``os._exit``.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
import traceback
import weakref
from collections.abc import Callable, Sequence
from functools import partial
from itertools import chain
from typing import Any

from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import sanitised_join

from news_digest.core.lock import die_with_parent
from news_digest.site.pelican_internals import RecordingWriter

log = logging.getLogger(__name__)
# Below this many pages a fork (about 30 ms for a 500 MB build process, and the
# copy-on-write pages it touches) costs about what the shared writing saves.
MIN_PAGES = 200
# Signals Pelican sends while it writes a page or feed: a receiver would miss the
# pages another process writes.
PAGE_SIGNALS = (
    signals.content_written,
    signals.feed_generated,
    signals.feed_written,
    signals.article_generator_write_article,
)


def process_count(setting: int) -> int:
    """DIGEST_WORKERS (0: one per core), as the per-seed pool counts them."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return setting if setting > 0 else max(1, cores or 1)


def can_share(writer: Any, targets: Sequence[Sequence[str]], processes: int) -> bool:
    """Whether a run of writes, each to its ``targets`` files, can be shared (see the
    module's doc)."""
    if processes < 2 or len(targets) < MIN_PAGES or not hasattr(os, "fork"):
        return False
    if not isinstance(writer, RecordingWriter):
        return False
    files = [name for names in targets for name in names]
    if len(set(files)) != len(files) or not all(files) or not all(targets):
        return False
    done = writer._written_files | writer._overridden_files
    if any(name in done for name in files):
        return False
    own = {"news_digest.site.extras"}  # polish_feed: changes the feed it is given only
    for page_signal in PAGE_SIGNALS:
        for receiver in page_signal.receivers.values():
            target = receiver() if isinstance(receiver, weakref.ref) else receiver
            if getattr(target, "__module__", None) not in own:
                return False
    return True


def share_article_pages(generator: Any, processes: int) -> None:
    """The articles generator writes its brief pages with ``write_articles``."""
    generator.generate_articles = partial(write_articles, generator, processes)


def write_articles(generator: Any, processes: int, write: Callable[..., None]) -> None:
    """Pelican's ``ArticlesGenerator.generate_articles`` (same pages, same arguments, same
    order of signals within each process), shared between ``processes`` processes."""
    articles = list(
        chain(
            generator.translations,
            generator.articles,
            generator.hidden_translations,
            generator.hidden_articles,
        )
    )

    def page(article: Any) -> Callable[[], None]:
        def run() -> None:
            signals.article_generator_write_article.send(generator, content=article)
            write(
                article.save_as,
                generator.get_template(article.template),
                generator.context,
                article=article,
                category=getattr(article, "category", None),
                override_output=hasattr(article, "override_save_as"),
                url=article.url,
                blog=True,
            )

        return run

    writer = writer_of(write)
    output = getattr(writer, "output_path", None)
    targets = [
        [sanitised_join(output, a.save_as)] if output and a.save_as else [] for a in articles
    ]
    if any(hasattr(a, "override_save_as") for a in articles):
        targets = []  # Pelican's override rules depend on the order: one process
    write_in_shares(writer, [page(a) for a in articles], targets, processes, generator.context)


def writer_of(write: Any) -> Any:
    """The writer of Pelican's ``partial(writer.write_file, ...)`` (None: another kind)."""
    return getattr(getattr(write, "func", None), "__self__", None)


def page_files(writer: Any, name: str, kwargs: dict[str, Any]) -> list[str]:
    """The files Pelican's ``Writer.write_file(name, ..., **kwargs)`` writes: one, or a
    page per ``DEFAULT_PAGINATION`` items for a paginated template (as Pelican counts)."""
    if not name:
        return []
    output, settings = writer.output_path, writer.settings
    paginated = kwargs.get("paginated")
    if paginated is None:
        paginated = {k: v for k, v in kwargs.items() if k in {"articles", "dates"}}
    template_name = kwargs.get("template_name")
    if not (paginated and template_name in settings["PAGINATED_TEMPLATES"]):
        return [sanitised_join(output, name)]
    per_page = settings["PAGINATED_TEMPLATES"][template_name] or settings["DEFAULT_PAGINATION"]
    pages = Paginator(name, kwargs.get("url"), next(iter(paginated.values())), settings, per_page)
    return [sanitised_join(output, pages.page(n).save_as) for n in range(1, pages.num_pages + 1)]


def share_feeds(generator: Any, processes: int) -> None:
    """The articles generator's feeds written on every core: Pelican's own
    ``generate_feeds`` says which (into a recorder), then they are written, shared."""
    make_feeds = generator.generate_feeds

    def generate_feeds(writer: Any) -> None:
        calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        make_feeds(FeedRecorder(calls))
        output = getattr(writer, "output_path", None)
        targets = []
        for args, kwargs in calls:
            path = args[2] if len(args) > 2 else kwargs.get("path")
            targets.append([sanitised_join(output, path)] if output and path else [])
        if any(args[5:] or kwargs.get("override_output") for args, kwargs in calls):
            targets = []  # an override: Pelican's order decides
        writes = [partial(writer.write_feed, *args, **kwargs) for args, kwargs in calls]
        write_in_shares(writer, writes, targets, processes)

    generator.generate_feeds = generate_feeds


class FeedRecorder:
    """Stands in for the writer while Pelican's ``generate_feeds`` says which feeds to
    write: each ``write_feed`` call is kept, to be made later (its return value is
    not used there)."""

    def __init__(self, calls: list[tuple[tuple[Any, ...], dict[str, Any]]]) -> None:
        self.calls = calls

    def write_feed(self, *args: Any, **kwargs: Any) -> None:
        self.calls.append((args, kwargs))


def write_in_shares(
    writer: Any,
    writes: Sequence[Callable[[], None]],
    targets: Sequence[Sequence[str]],
    processes: int,
    context: dict[str, Any] | None = None,
) -> None:
    """Run ``writes`` (each writes the files at the same place in ``targets``), shared
    between this process and ``processes - 1`` forked ones when ``can_share``.

    ``context``: the generator's shared context, whose ``localsiteurl`` each rendered
    page sets; it is left as the last page in the run's order left it."""
    if not can_share(writer, targets, processes):
        for write in writes:
            write()
        return
    processes = min(processes, len(writes))
    children = [
        _fork_share(writer, writes, share, processes, context) for share in range(1, processes)
    ]
    try:
        last = _write_share(writer, writes, 0, processes, context)
    except BaseException:
        for pid, _ in children:
            _kill(pid)
        raise
    for pid, handle in children:
        last = max(last, _take_back(writer, pid, handle))
    if context is not None and last[0] >= 0:
        context["localsiteurl"] = last[1]


def _write_share(
    writer: Any,
    writes: Sequence[Callable[[], None]],
    share: int,
    processes: int,
    context: dict[str, Any] | None,
) -> tuple[int, Any]:
    """Write every ``processes``-th page from ``share``; (its place in the run, the
    ``localsiteurl`` it left) of the last page rendered, or (-1, None)."""
    last: tuple[int, Any] = (-1, None)
    for number in range(share, len(writes), processes):
        before = writer.renders
        writes[number]()
        if writer.renders != before and context is not None:
            last = (number, context.get("localsiteurl"))
    return last


def _fork_share(
    writer: Any,
    writes: Sequence[Callable[[], None]],
    share: int,
    processes: int,
    context: dict[str, Any] | None,
) -> tuple[int, Any]:
    reading, writing = os.pipe()
    parent = os.getpid()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        os.close(writing)
        return pid, os.fdopen(reading, "rb")
    try:  # the forked process: its share, what it did, and gone
        os.close(reading)
        die_with_parent(parent)
        records: list[logging.LogRecord] = []
        logging.Logger.callHandlers = lambda self, record: records.append(record)  # type: ignore[method-assign]
        before = _state(writer)
        outcome: dict[str, Any] = {"last": (-1, None)}
        try:
            outcome["last"] = _write_share(writer, writes, share, processes, context)
        except BaseException as error:  # sent to the build, which raises it
            outcome["error"] = _picklable(error)
        outcome.update(_changes(writer, before))
        outcome["records"] = [_plain_record(record) for record in records]
        with os.fdopen(writing, "wb") as handle:
            pickle.dump(outcome, handle, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        os._exit(0)


def _state(writer: Any) -> tuple[set[str], set[str], set[str], int]:
    reuse = getattr(writer, "reuse", None)
    new = set(reuse.new) if reuse is not None else set()
    reused = reuse.reused if reuse is not None else 0
    return set(writer._written_files), set(writer._overridden_files), new, reused


def _changes(writer: Any, before: tuple[set[str], set[str], set[str], int]) -> dict[str, Any]:
    written, overridden, new, reused = before
    reuse = getattr(writer, "reuse", None)
    return {
        "written": sorted(writer._written_files - written),
        "overridden": sorted(writer._overridden_files - overridden),
        "reuse_new": {k: v for k, v in reuse.new.items() if k not in new} if reuse else {},
        "reused": reuse.reused - reused if reuse is not None else 0,
    }


def _take_back(writer: Any, pid: int, handle: Any) -> tuple[int, Any]:
    """A forked process's outcome, as if this process had written its pages; its last
    rendered page (``_write_share``)."""
    with handle:
        data = handle.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        raise RuntimeError(f"a page-writing process died (status {status})")
    outcome = pickle.loads(data)
    for record in outcome["records"]:
        logging.getLogger(record.name).handle(record)
    writer._written_files.update(outcome["written"])
    writer._overridden_files.update(outcome["overridden"])
    reuse = getattr(writer, "reuse", None)
    if reuse is not None:
        reuse.new.update(outcome["reuse_new"])
        reuse.reused += outcome["reused"]
    if "error" in outcome:
        raise outcome["error"]
    return outcome["last"]  # type: ignore[no-any-return]


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _plain_record(record: logging.LogRecord) -> logging.LogRecord:
    """A log record that pickles: its message made, its traceback as text."""
    record.msg = record.getMessage()
    record.args = None
    if record.exc_info:
        record.exc_text = "".join(traceback.format_exception(*record.exc_info))
        record.exc_info = None
    return record


def _picklable(error: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # an exception that does not pickle: its type and text
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error
