"""A minimal browser for one simulated respondent: its own cookie jar, keep-alive connections.

Built on ``http.client`` so that the load generator stays cheap: it shares the machine's CPU
with the server it measures. Every request goes to 127.0.0.1.
"""
from __future__ import annotations

import http.client
import socket
import time
import urllib.parse
from dataclasses import dataclass

HOST = "127.0.0.1"
# gunicorn closes an idle keep-alive connection after 2 s; a browser would find it closed and
# reconnect silently. We reconnect before that instead, so a stale connection never counts
# as an error.
KEEPALIVE_REUSE_SECONDS = 1.0

CONNECTION_ERRORS = (ConnectionError, http.client.HTTPException, OSError)


class RequestFailed(Exception):
    """No HTTP answer: ``category`` is ``timeout`` or ``connection``."""

    def __init__(self, category: str, detail: str):
        super().__init__(f"{category}: {detail}")
        self.category = category


@dataclass(frozen=True)
class Reply:
    status: int
    location: str | None
    body: str
    seconds: float


class _Connection:
    def __init__(self, port: int, timeout: float):
        self.port = port
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None
        self.last_used = 0.0

    def get(self) -> http.client.HTTPConnection:
        if self.conn is not None and time.monotonic() - self.last_used > KEEPALIVE_REUSE_SECONDS:
            self.close()
        if self.conn is None:
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class Browser:
    """Cookies and connections of one respondent.

    ``ports`` lists the servers; with ``alternate`` each request goes to the next server in
    turn (the two-server scenario), otherwise always to the first.
    """

    def __init__(self, ports: list[int], *, timeout: float = 30.0, alternate: bool = False):
        self.connections = [_Connection(port, timeout) for port in ports]
        self.alternate = alternate
        self.cookies: dict[str, str] = {}
        self.requests_by_port: dict[int, int] = {}
        self._turn = 0

    def close(self) -> None:
        for connection in self.connections:
            connection.close()

    def request(self, method: str, path: str, form: list[tuple[str, str]] | None = None) -> Reply:
        connection = self._pick()
        self.requests_by_port[connection.port] = self.requests_by_port.get(connection.port, 0) + 1
        headers = self._headers(form is not None)
        body = urllib.parse.urlencode(form).encode() if form is not None else None
        started = time.perf_counter()
        try:
            conn = connection.get()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except (TimeoutError, socket.timeout) as exc:
            connection.close()
            raise RequestFailed("timeout", repr(exc)) from None
        except CONNECTION_ERRORS as exc:
            connection.close()
            raise RequestFailed("connection", repr(exc)) from None
        seconds = time.perf_counter() - started
        connection.last_used = time.monotonic()
        if response.will_close:
            connection.close()
        self._store_cookies(response.headers.get_all("Set-Cookie") or [])
        location = response.headers.get("Location")
        return Reply(response.status, _path_of(location), data.decode("utf-8", "replace"), seconds)

    def send_and_hang_up(self, method: str, path: str, form: list[tuple[str, str]]) -> None:
        """Send a whole request on a fresh connection and close it without reading the reply."""
        connection = self._pick()
        connection.close()
        try:
            conn = connection.get()
            conn.request(method, path, body=urllib.parse.urlencode(form).encode(), headers=self._headers(True))
        except (TimeoutError, socket.timeout) as exc:
            raise RequestFailed("timeout", repr(exc)) from None
        except CONNECTION_ERRORS as exc:
            raise RequestFailed("connection", repr(exc)) from None
        finally:
            connection.close()

    def _headers(self, with_form: bool) -> dict[str, str]:
        headers = {"Accept-Language": "en", "Accept": "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if with_form:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return headers

    def _pick(self) -> _Connection:
        if not self.alternate:
            return self.connections[0]
        connection = self.connections[self._turn % len(self.connections)]
        self._turn += 1
        return connection

    def _store_cookies(self, headers: list[str]) -> None:
        for header in headers:
            first, _, attributes = header.partition(";")
            name, _, value = first.strip().partition("=")
            lowered = attributes.lower()
            if "max-age=0" in lowered or "expires=thu, 01 jan 1970" in lowered:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value


def _path_of(location: str | None) -> str | None:
    """Redirects may be absolute or relative; we only ever follow them on the same server."""
    if location is None:
        return None
    parts = urllib.parse.urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")
