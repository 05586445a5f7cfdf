"""A careful HTTP client for `news-digest fetch`: time, size and redirects limited, robots.txt kept.

Built on urllib so it needs nothing installed.  Redirects are followed by hand
(at most MAX_REDIRECTS, loops detected), every body is read in chunks and cut
off past ``max_bytes``, and a whole request must finish within ``timeout``
seconds, so one slow or huge server cannot stall a scheduled run.
"""

from __future__ import annotations

import importlib.metadata
import socket
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin, urlsplit

from .errors import DigestError

MAX_REDIRECTS = 5
CHUNK = 64 * 1024
try:
    VERSION = importlib.metadata.version("news-digest")
except importlib.metadata.PackageNotFoundError:
    VERSION = "dev"
USER_AGENT = f"news-digest/{VERSION} (static news digest; +https://github.com/)"


class FetchError(DigestError):
    """A URL that could not be fetched, with the reason a person reads in the report."""


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a 3xx then surfaces as HTTPError, handled by Client.get


class Client:
    def __init__(
        self, *, timeout: float = 20.0, max_bytes: int = 5_000_000, user_agent: str = USER_AGENT
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.user_agent = user_agent
        self._opener = urllib.request.build_opener(_NoRedirects())
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """GET ``url``; a 304 is returned as a Response, any other failure raises FetchError."""
        seen = {url}
        deadline = time.monotonic() + self.timeout
        for _ in range(MAX_REDIRECTS + 1):
            if urlsplit(url).scheme not in ("http", "https"):
                raise FetchError(f"not an http(s) URL: {url}")
            try:
                return self._get_once(url, headers or {}, deadline)
            except urllib.error.HTTPError as error:
                location = error.headers.get("Location") if error.headers else None
                if error.code in (301, 302, 303, 307, 308) and location:
                    url = urljoin(url, location)
                    if url in seen:
                        raise FetchError(f"redirect loop at {url}") from None
                    seen.add(url)
                    continue
                if error.code == 304:
                    return Response(url, 304, _lower(error.headers))
                raise FetchError(f"HTTP {error.code} {error.reason}") from None
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def _get_once(self, url: str, headers: dict[str, str], deadline: float) -> Response:
        request = urllib.request.Request(
            url, headers={"User-Agent": self.user_agent, "Accept-Encoding": "identity", **headers}
        )
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(f"timed out after {self.timeout:g} s")
        try:
            with self._opener.open(request, timeout=remaining) as response:
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(f"body of {int(declared):,} bytes is over {self.max_bytes:,}")
                body = self._read_limited(response, deadline)
                return Response(response.url, response.status, _lower(response.headers), body)
        except urllib.error.HTTPError:
            raise
        except TimeoutError:
            raise FetchError(f"timed out after {self.timeout:g} s") from None
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError | socket.timeout):
                raise FetchError(f"timed out after {self.timeout:g} s") from None
            raise FetchError(f"cannot connect: {reason}") from None

    def _read_limited(self, response: object, deadline: float) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(CHUNK):  # type: ignore[attr-defined]
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"body over {self.max_bytes:,} bytes")
            if time.monotonic() > deadline:
                raise FetchError(f"timed out after {self.timeout:g} s")
            chunks.append(chunk)
        return b"".join(chunks)

    def check_robots(self, url: str) -> None:
        """Raise FetchError unless robots.txt lets us fetch ``url``.

        RFC 9309: a 4xx robots.txt means no rules; a 5xx or an unreachable one
        means keep out.
        """
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        if rules is None:
            raise FetchError("robots.txt unreachable (RFC 9309: keep out)")
        if not rules.can_fetch(self.user_agent, url):
            raise FetchError("robots.txt disallows it")

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        rules = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            response = self.get(origin + "/robots.txt")
            rules.parse(response.body.decode("utf-8", "replace").splitlines())
        except FetchError as error:
            if str(error).startswith("HTTP 4"):
                rules.parse([])  # no robots.txt: everything allowed
            else:
                return None
        return rules


def _lower(headers: Message | None) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()} if headers is not None else {}
