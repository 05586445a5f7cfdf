"""The sidecar of a fetched seed: ``<seed>.meta.json``, what the feed said about the page.

`news-digest fetch` writes it next to the page it saved; the parse stage reads
it back as Hints, which the cleaners trust more than their own guesses (the
feed's URL, date, title and categories).  A broken sidecar never costs the
seed: it is ignored with a notice.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from news_digest.core.dates import parse_iso
from news_digest.core.models import Hints

SUFFIX = ".meta.json"


@dataclass(frozen=True)
class Sidecar:
    url: str
    entry_id: str
    title: str | None
    published: str | None  # ISO 8601
    categories: list[str]
    fetched_at: str  # ISO 8601, UTC
    http_status: int | None  # None when the page was not fetched
    content_source: str  # "page", or "feed-entry" when the page could not be fetched
    source: str  # the name in sources.toml
    tags: list[str] = field(default_factory=list)  # the source's extra tags
    language: str | None = None
    fetch_error: str | None = None  # why the page could not be fetched

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def sidecar_path(seed: Path) -> Path:
    return seed.with_name(seed.name + SUFFIX)


def write_new(path: Path, data: bytes) -> bool:
    """Create ``path`` with ``data`` atomically; False (and nothing written) if it exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    temporary.write_bytes(data)
    try:
        os.link(temporary, path)  # fails if the target exists: never overwrite a seed
    except FileExistsError:
        return False
    finally:
        temporary.unlink()
    return True


def read_hints(seed: Path) -> tuple[Hints | None, str | None]:
    """(hints, None) from the seed's sidecar, (None, notice) if broken, (None, None) if none."""
    path = sidecar_path(seed)
    if not path.is_file():
        return None, None
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return _hints(data), None
    except (OSError, ValueError, TypeError) as error:
        return None, f"sidecar {path.name} ignored: {error}"


def _hints(data: dict[str, Any]) -> Hints:
    url = _text(data.get("url"))
    categories = [c for c in data.get("categories") or [] if isinstance(c, str) and c.strip()]
    extra = [t for t in data.get("tags") or [] if isinstance(t, str) and t.strip()]
    return Hints(
        title=_text(data.get("title")),
        date=_date(data.get("published")),
        url=url if url and url.startswith(("https://", "http://")) else None,
        tags=tuple(dict.fromkeys(t.strip() for t in [*categories, *extra])),
        language=_text(data.get("language")),
        entry_id=_text(data.get("entry_id")),
        fetched=_date(data.get("fetched_at")),
    )


def _text(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _date(value: Any) -> datetime | None:
    """The sidecar's ``published`` (ISO 8601): local time and offset kept, placeholders refused."""
    return parse_iso(value)
