"""A careful HTTP client for `news-digest fetch`: time, size, redirects and addresses limited.

Built on urllib3's connection classes, one connection per request:

* every host name is resolved once, each address is checked against the
  private-address rule, and the connection goes to that checked address (the
  Host header and TLS server name carry the name), so DNS rebinding between
  check and connect cannot happen;
* redirects are followed by hand (at most MAX_REDIRECTS, loops detected), each
  hop checked again;
* a whole request (connect, headers, body, chunks) must finish within
  ``timeout`` seconds: a watchdog shuts the socket at the deadline, so a server
  dripping one byte at a time cannot hold a run;
* bodies are read in chunks and cut off past ``max_bytes``; a body shorter
  than its Content-Length, a malformed status line or header, a header line
  over 64 KiB, more than 100 headers or a connection reset is that request's
  FetchError, never an exception out of the client;
* robots.txt is kept (RFC 9309), its ``Crawl-delay`` too (up to MAX_CRAWL_DELAY);
* one request at a time per host, at least ``host_delay`` seconds apart (from the
  end of one to the start of the next), however many threads share the client.
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.metadata
import ipaddress
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection

from news_digest.core.errors import DigestError

MAX_REDIRECTS = 5
DEFAULT_HOST_DELAY = 1.0  # seconds between two requests to one host
MAX_CRAWL_DELAY = 10.0  # a robots.txt asking for more is honoured up to this
CHUNK = 64 * 1024
REDIRECTS = (301, 302, 303, 307, 308)
try:
    VERSION = importlib.metadata.version("news-digest")
except importlib.metadata.PackageNotFoundError:
    VERSION = "dev"
USER_AGENT = f"news-digest/{VERSION} (static news digest; +https://github.com/)"
# Shared address space (RFC 6598, carrier NAT and some clouds' metadata) is not "private"
# to the ipaddress module, but it is not the public internet either.
SHARED_SPACE = ipaddress.ip_network("100.64.0.0/10")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(DigestError):
    """A URL that could not be fetched, with the reason a person reads in the report."""


class HTTPStatusError(FetchError):
    """The server answered with an error status (4xx, 5xx, or a redirect without a target)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class _TimedOut(FetchError):
    """The deadline passed; reported with the timeout in seconds."""


class RefusedAddress(FetchError):
    """A URL refused because its host is a private, loopback or otherwise internal address."""


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""


def origin_of(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) with default ports filled in: the unit of trust for a source."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port or (443 if scheme == "https" else 80)


def is_internal(address: IPAddress) -> bool:
    """True for every address that is not the public internet (IPv4-mapped IPv6 unwrapped)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        not address.is_global
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
        or (isinstance(address, ipaddress.IPv4Address) and address in SHARED_SPACE)
    )


class _Watchdog:
    """Shuts a connection's socket at the deadline, whatever read is blocked on it."""

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._connection: HTTPConnection | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, connection: HTTPConnection) -> None:
        with self._lock:
            self._connection = connection
        if self.fired:
            self._fire()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            sock = getattr(self._connection, "sock", None)
            if sock is not None:
                # the plain socket's shutdown: SSLSocket's would reset its state
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


class _HostGate:
    """One request at a time to a host, ``delay`` seconds after the previous one ended."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.lock = threading.Lock()
        self.next_start = 0.0  # time.monotonic() before which no request starts

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        with self.lock:
            wait = self.next_start - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self.next_start = time.monotonic() + self.delay


class Client:
    """One fetch run's HTTP client; ``allow_private`` lifts the private-address rule.

    Safe to share between threads: requests to one host wait their turn
    (``host_delay`` seconds apart, or the host's robots.txt ``Crawl-delay``).
    """

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        max_bytes: int = 5_000_000,
        user_agent: str = USER_AGENT,
        allow_private: bool = False,
        host_delay: float | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.user_agent = user_agent
        self.allow_private = allow_private
        self.host_delay = DEFAULT_HOST_DELAY if host_delay is None else max(host_delay, 0.0)
        self._robots: dict[tuple[str, str, int], urllib.robotparser.RobotFileParser | None] = {}
        self._gates: dict[str, _HostGate] = {}
        self._gates_lock = threading.Lock()

    def _gate(self, host: str) -> _HostGate:
        with self._gates_lock:
            if host not in self._gates:
                self._gates[host] = _HostGate(self.host_delay)
            return self._gates[host]

    def get(
        self, url: str, headers: dict[str, str] | None = None, *, trusted: str | None = None
    ) -> Response:
        """GET ``url``; a 304 is returned as a Response, any other failure raises FetchError.

        ``trusted`` is the URL the user configured: its origin may be a private
        address; any other URL (and every redirect hop) must resolve to public ones.
        """
        seen = {url}
        for _ in range(MAX_REDIRECTS + 1):
            response = self._request(url, headers or {}, trusted)
            location = response.headers.get("location")
            if response.status in REDIRECTS and location:
                url = urljoin(url, location.strip())
                if url in seen:
                    raise FetchError(f"redirect loop at {url}")
                seen.add(url)
                continue
            if response.status == 304 or 200 <= response.status < 300:
                return response
            raise HTTPStatusError(
                f"HTTP {response.status} {http.client.responses.get(response.status, '')}".rstrip(),
                response.status,
            )
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def addresses(self, url: str, trusted: str | None = None) -> list[str]:
        """The checked addresses to connect to for ``url``; RefusedAddress when internal."""
        scheme, host, port = origin_of(url)
        if scheme not in ("http", "https") or not host:
            raise FetchError(f"not an http(s) URL: {url}")
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            raise FetchError(f"cannot resolve {host}: {error}") from None
        found = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not found:
            raise FetchError(f"cannot resolve {host}")
        trusted_here = trusted is not None and origin_of(trusted) == (scheme, host, port)
        if not (self.allow_private or trusted_here):
            for text in found:
                if is_internal(ipaddress.ip_address(text.split("%")[0])):
                    raise RefusedAddress(
                        f"refused: {host} is a private or internal address ({text}); "
                        "only the sources file's own URLs may point there "
                        "(allow with --allow-private / DIGEST_FETCH_ALLOW_PRIVATE)"
                    )
        return found

    def _request(self, url: str, headers: dict[str, str], trusted: str | None) -> Response:
        """One request, no redirects followed, in the host's turn."""
        with self._gate(origin_of(url)[1]).turn():
            return self._timed_request(url, headers, trusted)

    def _timed_request(self, url: str, headers: dict[str, str], trusted: str | None) -> Response:
        """One request within the deadline (the wait for the host's turn not counted)."""
        deadline = time.monotonic() + self.timeout
        addresses = self.addresses(url, trusted)
        watchdog = _Watchdog(deadline - time.monotonic())
        try:
            return self._exchange(url, headers, addresses, deadline, watchdog)
        except FetchError as error:
            if watchdog.fired or isinstance(error, _TimedOut):
                raise FetchError(f"timed out after {self.timeout:g} s") from None
            raise
        except (
            OSError,
            http.client.HTTPException,
            urllib3.exceptions.HTTPError,
            ValueError,
        ) as error:
            if watchdog.fired or isinstance(error, TimeoutError):
                raise FetchError(f"timed out after {self.timeout:g} s") from None
            raise FetchError(_reason(error)) from None
        finally:
            watchdog.cancel()

    def _exchange(
        self,
        url: str,
        headers: dict[str, str],
        addresses: list[str],
        deadline: float,
        watchdog: _Watchdog,
    ) -> Response:
        parts = urlsplit(url)
        scheme, host, port = origin_of(url)
        connection = self._connect(scheme, host, port, addresses, deadline, watchdog)
        try:
            path = parts.path or "/"
            if parts.query:
                path += "?" + parts.query
            default = port == (443 if scheme == "https" else 80)
            name = f"[{host}]" if ":" in host else host
            request_headers = {
                "Host": name if default else f"{name}:{port}",
                "User-Agent": self.user_agent,
                "Accept-Encoding": "identity",
                **headers,
            }
            connection.request(
                "GET",
                path,
                headers=request_headers,
                preload_content=False,
                decode_content=False,
                enforce_content_length=True,
            )
            response = connection.getresponse()
            if watchdog.fired:
                raise _TimedOut("timed out")
            found = {k.lower(): v for k, v in response.headers.items()}
            if response.status in REDIRECTS or response.status == 304:
                return Response(url, response.status, found)
            if not 200 <= response.status < 300:
                return Response(url, response.status, found)
            declared = found.get("content-length", "").strip()
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(f"body of {int(declared):,} bytes is over {self.max_bytes:,}")
            body = self._read_limited(response, watchdog)
            if declared.isdigit() and len(body) < int(declared):
                raise FetchError(f"body cut short: {len(body):,} of {int(declared):,} bytes")
            if not body and declared != "0" and "chunked" not in found.get("transfer-encoding", ""):
                raise FetchError("connection closed before any content (response cut short)")
            return Response(url, response.status, found, body)
        finally:
            connection.close()

    def _connect(
        self,
        scheme: str,
        host: str,
        port: int,
        addresses: list[str],
        deadline: float,
        watchdog: _Watchdog,
    ) -> HTTPConnection:
        """A connection to the first checked address that answers."""
        problem: BaseException | None = None
        for address in addresses:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or watchdog.fired:
                raise _TimedOut("timed out")
            connection: HTTPConnection
            if scheme == "https":
                connection = HTTPSConnection(address, port, timeout=remaining, server_hostname=host)
            else:
                connection = HTTPConnection(address, port, timeout=remaining)
            watchdog.watch(connection)
            try:
                connection.connect()
                return connection
            except (OSError, urllib3.exceptions.HTTPError) as error:
                connection.close()
                problem = error
        cause = problem.__cause__ if problem is not None else None
        if isinstance(problem, TimeoutError) or isinstance(cause, TimeoutError):
            raise _TimedOut("timed out")
        if isinstance(problem, urllib3.exceptions.ConnectTimeoutError) and cause is None:
            raise _TimedOut("timed out")
        raise FetchError(_reason(problem.__cause__ or problem) if problem else "no address")

    def _read_limited(self, response: urllib3.BaseHTTPResponse, watchdog: _Watchdog) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.stream(CHUNK, decode_content=False):
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"body over {self.max_bytes:,} bytes")
            chunks.append(chunk)
        if watchdog.fired:
            raise _TimedOut("timed out")
        return b"".join(chunks)

    def check_robots(self, url: str, *, trusted: str | None = None) -> None:
        """Raise FetchError unless robots.txt lets us fetch ``url``.

        RFC 9309: a 4xx robots.txt means no rules; a 5xx or an unreachable one
        means keep out.  A refused address is reported as such, not as robots.
        """
        origin = origin_of(url)
        scheme, host, port = origin
        if origin not in self._robots:
            name = f"[{host}]" if ":" in host else host
            rules = self._read_robots(f"{scheme}://{name}:{port}", trusted)
            self._robots[origin] = rules
            delay = _crawl_delay(rules, self.user_agent)
            if delay is not None:
                gate = self._gate(host)
                gate.delay = max(gate.delay, delay)
        rules = self._robots[origin]
        if rules is None:
            raise FetchError("robots.txt unreachable (RFC 9309: keep out)")
        if not rules.can_fetch(self.user_agent, url):
            raise FetchError("robots.txt disallows it")

    def _read_robots(
        self, origin: str, trusted: str | None
    ) -> urllib.robotparser.RobotFileParser | None:
        rules = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            response = self.get(origin + "/robots.txt", trusted=trusted)
            rules.parse(response.body.decode("utf-8", "replace").splitlines())
        except RefusedAddress:
            raise
        except FetchError as error:
            if str(error).startswith("HTTP 4"):
                rules.parse([])  # no robots.txt: everything allowed
            else:
                return None
        return rules


def _crawl_delay(rules: urllib.robotparser.RobotFileParser | None, agent: str) -> float | None:
    """robots.txt's Crawl-delay for us, bounded (a hostile robots.txt cannot stall a run)."""
    if rules is None:
        return None
    try:
        value = rules.crawl_delay(agent)
        delay = float(value) if value is not None else None
    except (TypeError, ValueError):
        return None
    if delay is None or delay != delay or delay <= 0:  # NaN too
        return None
    return min(delay, MAX_CRAWL_DELAY)


def _reason(error: BaseException) -> str:
    """What a malformed or broken response did, in words for the fetch report."""
    if isinstance(error, http.client.LineTooLong):
        return f"malformed response: {error.args[0] if error.args else 'line'} over 64 KiB"
    if isinstance(error, http.client.RemoteDisconnected):
        return "connection closed before the response headers"
    if isinstance(error, http.client.BadStatusLine):
        return f"malformed response: bad status line {str(error)[:80]!r}"
    if isinstance(error, http.client.IncompleteRead | urllib3.exceptions.IncompleteRead):
        return f"body cut short ({error})"
    if isinstance(error, http.client.HTTPException):
        return f"malformed response: {error}"[:200]
    if isinstance(error, urllib3.exceptions.ProtocolError):
        inner = error.args[1] if len(error.args) > 1 else None
        if isinstance(inner, BaseException):
            return _reason(inner)
        return f"broken response: {error}"[:200]
    if isinstance(error, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(error, urllib3.exceptions.HTTPError):
        return f"broken response: {error}"[:200]
    if isinstance(error, OSError):
        return f"cannot connect: {error.strerror or error}"
    return f"broken response: {error}"[:200]
