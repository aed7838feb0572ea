"""gunicorn's threaded worker, made safe against slow clients and answering its own errors in JSON.

- A request head (request line and headers) must arrive within GUNICORN_HEADER_TIMEOUT seconds,
  however it is dribbled; a body may pause at most GUNICORN_BODY_TIMEOUT seconds between bytes.
  A slow client therefore holds one thread for a bounded time, while the worker's other threads
  answer (`/healthz` among them) and idle keep-alive connections wait in the poller, not in a
  thread.
- The errors gunicorn sends itself (a request line or header over the limits, a malformed
  request, a head that did not arrive in time) are JSON, like the application's.
- The `Server` header names the service without a version.
- `GET /healthz` is answered by the worker's main thread (the one polling the sockets), as soon
  as its connection is readable, with `ops.health_app` (request id, log line and metric
  included): a probe never waits in the thread pool behind calculations. Measured with
  `python -m bench soak`, this took the /healthz p99 under saturation from about 420-740 ms to
  the figure in docs/api.md. Any other request, or a probe not sent whole in one packet, goes
  to the pool as before.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import selectors
import socket
import sys
import threading
import time

import gunicorn.http.wsgi
from gunicorn.http import errors as http_errors
from gunicorn.workers.gthread import ThreadWorker

from . import ops

gunicorn.http.wsgi.SERVER = "policy-bd"  # instead of gunicorn's name on every answer


class HeadTimeoutError(Exception):
    """The request head did not arrive in time (a slow or stalled client)."""


class DeadlineSocket:
    """The connection's socket seen by gunicorn's parser, with a deadline on reading the head and
    an idle timeout on the body."""

    def __init__(self, sock: socket.socket, head_seconds: float, idle_seconds: float) -> None:
        self.sock = sock
        self.head_seconds = head_seconds
        self.idle_seconds = idle_seconds
        self.deadline: float | None = None

    def start_head(self) -> None:
        self.deadline = time.monotonic() + self.head_seconds

    def start_body(self) -> None:
        self.deadline = None
        self.sock.settimeout(self.idle_seconds)

    def recv(self, size: int) -> bytes:
        if self.deadline is not None:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise HeadTimeoutError(
                    f"the request head did not arrive within {self.head_seconds} s"
                )
            self.sock.settimeout(remaining)
            try:
                return self.sock.recv(size)
            except TimeoutError:
                raise HeadTimeoutError(
                    f"the request head did not arrive within {self.head_seconds} s"
                ) from None
        return self.sock.recv(size)

    def __getattr__(self, name):
        return getattr(self.sock, name)


# gunicorn's exception -> (status, reason); anything else is its 500.
STATUSES = [
    (http_errors.LimitRequestLine, 414, "URI Too Long"),
    (http_errors.LimitRequestHeaders, 431, "Request Header Fields Too Large"),
    (http_errors.ForbiddenProxyRequest, 403, "Forbidden"),
    (HeadTimeoutError, 408, "Request Timeout"),
    (http_errors.ParseException, 400, "Bad Request"),
]


def error_answer(exc: Exception) -> tuple[int, str, bytes]:
    status, reason, message = 500, "Internal Server Error", "internal server error"
    for kind, code, name in STATUSES:
        if isinstance(exc, kind):
            status, reason, message = code, name, str(exc) or name
            break
    body = json.dumps({"error": message, "problems": [{"field": "request", "message": message}]})
    return status, reason, body.encode()


HEALTH_LINE = re.compile(rb"GET /healthz(?:\?[^ ]*)? HTTP/1\.([01])\r\n")
HEAD_MAX = 8192


def peek_health(sock: socket.socket) -> tuple[bytes, dict[str, str]] | None:
    """The head of a `GET /healthz` waiting whole on the (non-blocking) socket, with its headers
    (lower-case names), without consuming it; None for anything else."""
    try:
        data = sock.recv(HEAD_MAX, socket.MSG_PEEK)
    except OSError:
        return None
    match = HEALTH_LINE.match(data)
    if not match or not data.endswith(b"\r\n\r\n") or data.count(b"\r\n\r\n") != 1:
        return None
    headers = {}
    for line in data[match.end() : -4].split(b"\r\n"):
        name, colon, value = line.partition(b":")
        if not colon:
            return None
        headers[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
    headers[":version"] = match.group(1).decode()
    return data, headers


class SafeThreadWorker(ThreadWorker):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # gunicorn stops a worker at max_requests the moment it is reached, dropping connections
        # it had accepted but not read yet; `retire` stops accepting first.
        self.recycle_after = self.max_requests
        self.max_requests = sys.maxsize
        self.served = 0
        self.retiring = False

    def retire(self, why: str) -> None:
        """Stop accepting, answer what was accepted, then exit (the arbiter starts a new worker);
        answers sent meanwhile close their connection."""
        with self._lock:
            if self.retiring:
                return
            self.retiring = True
            for listener in self.sockets:
                with contextlib.suppress(KeyError, ValueError, OSError):
                    self.poller.unregister(listener)
        self.log.info("worker %s retiring: %s", self.pid, why)
        self.cfg.set("keepalive", 0)
        timer = threading.Timer(RETIRE_GRACE_SECONDS, self._stop)
        timer.daemon = True
        timer.start()

    def _stop(self) -> None:
        self.alive = False

    def enqueue_req(self, conn):
        if not self.answer_health(conn):
            super().enqueue_req(conn)

    def answer_health(self, conn) -> bool:
        """Answer a `GET /healthz` in this (the main) thread; False when the connection holds
        anything else, which then goes to the pool."""
        middleware = ops.RequestMiddleware.installed
        unreader = getattr(conn.parser, "unreader", None)
        if middleware is None or (unreader is not None and unreader.buf.getbuffer().nbytes):
            return False
        found = peek_health(conn.sock)
        if found is None:
            return False
        head, headers = found
        conn.sock.recv(len(head))
        connection = headers.get("connection", "").lower()
        keepalive = (
            self.alive
            and not self.retiring
            and self.cfg.keepalive > 0
            and (
                connection == "keep-alive" if headers[":version"] == "0" else connection != "close"
            )
        )
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": "/healthz",
            "SERVER_PROTOCOL": f"HTTP/1.{headers[':version']}",
            "REMOTE_ADDR": (conn.client or ("",))[0] if isinstance(conn.client, tuple) else "",
            "HTTP_X_REQUEST_ID": headers.get("x-request-id", ""),
            "wsgi.input": None,
        }
        answer = []

        def start(status, response_headers, exc_info=None):
            answer.append((status, response_headers))

        body = b"".join(middleware.health(environ, start))
        status, response_headers = answer[-1]
        lines = [f"HTTP/1.1 {status}"] + [f"{name}: {value}" for name, value in response_headers]
        lines += [f"Server: {gunicorn.http.wsgi.SERVER}"]
        lines += [f"Connection: {'keep-alive' if keepalive else 'close'}", "", ""]
        try:
            conn.sock.sendall("\r\n".join(lines).encode("latin-1") + body)
        except OSError:  # a full send buffer on a probe: drop it, the prober retries
            keepalive = False
        self.after_request(environ)
        keepalive = keepalive and not self.retiring
        if not keepalive:
            self.nr_conns -= 1
            conn.close()
            return True
        if not conn.initialized:
            conn.init()
            conn.sock.setblocking(False)
        conn.set_timeout()
        with self._lock:
            self._keep.append(conn)
            self.poller.register(
                conn.sock,
                selectors.EVENT_READ,
                functools.partial(self.on_client_socket_readable, conn),
            )
        return True

    def handle(self, conn):
        parser = conn.parser
        unreader = getattr(parser, "unreader", None)
        if unreader is not None and not isinstance(unreader.sock, DeadlineSocket):
            unreader.sock = DeadlineSocket(unreader.sock, HEADER_TIMEOUT, BODY_TIMEOUT)
        if unreader is not None:
            unreader.sock.start_head()
        return super().handle(conn)

    def handle_request(self, req, conn):
        unreader = getattr(conn.parser, "unreader", None)
        if unreader is not None and isinstance(unreader.sock, DeadlineSocket):
            unreader.sock.start_body()
        keepalive = super().handle_request(req, conn)
        self.count_request()
        return keepalive

    def after_request(self, environ) -> None:
        """For a probe answered in the main thread: what gunicorn does after any request (the
        post_request hook: the memory ceiling) and the count towards recycling."""
        try:
            self.cfg.post_request(self, None, environ, None)
        except Exception:
            self.log.exception("post_request hook failed")
        self.count_request()

    def count_request(self) -> None:
        with self._lock:
            self.served += 1
            due = self.served >= self.recycle_after
        if due:
            self.retire(f"after {self.served} requests")

    def handle_error(self, req, client, addr, exc):
        status, reason, body = error_answer(exc)
        if status >= 500:
            self.log.exception("error handling a request")
        else:
            self.log.warning("refused a request from %s: %s", (addr or ("",))[0], exc)
        head = (
            f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            f"Server: {gunicorn.http.wsgi.SERVER}\r\n\r\n"
        )
        try:
            client.sendall(head.encode("latin-1") + body)
        except OSError:
            self.log.debug("could not send the error answer")


HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 30.0
# Time for the connections a retiring worker has accepted to send their request.
RETIRE_GRACE_SECONDS = 1.0


def configure(header_seconds: float, body_seconds: float) -> None:
    """Set from gunicorn_conf.py (the worker class takes no settings of its own)."""
    global HEADER_TIMEOUT, BODY_TIMEOUT  # noqa: PLW0603
    HEADER_TIMEOUT = header_seconds
    BODY_TIMEOUT = body_seconds
