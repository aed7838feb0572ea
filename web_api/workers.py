"""gunicorn's threaded worker, made safe against slow clients and answering its own errors in JSON.

- A request head (request line and headers) must arrive within GUNICORN_HEADER_TIMEOUT seconds,
  however it is dribbled; a body may pause at most GUNICORN_BODY_TIMEOUT seconds between bytes.
  A slow client therefore holds one thread for a bounded time, while the worker's other threads
  answer (`/healthz` among them) and idle keep-alive connections wait in the poller, not in a
  thread.
- The errors gunicorn sends itself (a request line or header over the limits, a malformed
  request, a head that did not arrive in time) are JSON, like the application's.
- The `Server` header names the service without a version.
- Connections are spread over the workers: the kernel hands a new connection to whichever
  worker calls `accept` first, and one worker can take every connection of a burst (a client's
  eight keep-alive connections), leaving the other idle. A worker holding as many connections as
  it has threads waits a few milliseconds before accepting another (more, the more it holds),
  so that a worker with fewer takes it; when none does, it accepts it anyway.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import selectors
import socket
import sys
import threading
import time

import gunicorn.http.wsgi
from gunicorn.http import errors as http_errors
from gunicorn.http.body import Body
from gunicorn.workers.gthread import ThreadWorker

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


class WholeBody(Body):
    """gunicorn's request body, read as the socket delivers it. gunicorn's own reads 1 KB at a
    time through two buffers, and its Python loop took 60 ms of a 15 MB batch's request."""

    def read(self, size=None):
        size = self.getsize(size)
        if size == 0 or self.buf.tell():  # a part already buffered (by readline)
            return super().read(size)
        return self.reader.read(size)


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
        answers sent meanwhile close their connection (`max_keepalived`). One worker at a time:
        while another retires, this one goes on serving and tries again after its next
        request."""
        with self._lock:
            if self.retiring or not _may_retire():
                return
            self.retiring = True
            for listener in self.sockets:
                with contextlib.suppress(KeyError, ValueError, OSError):
                    self.poller.unregister(listener)
            # The main loop waits up to a second in its poller: woken when it is to stop, the
            # worker is replaced that much sooner.
            self._wake, waker = socket.socketpair()
            self.poller.register(waker, selectors.EVENT_READ, lambda sock: sock.recv(1))
        self.log.info("worker %s retiring: %s", self.pid, why)
        threading.Thread(target=self._stop_when_closed, daemon=True).start()

    def _stop_when_closed(self) -> None:
        """Stop once every connection is closed: each closes after its next answer, and an idle
        keep-alive one at its timeout. Stopping earlier would drop a request a client has just
        sent on a connection it was keeping alive."""
        deadline = time.monotonic() + max(RETIRE_GRACE_SECONDS, self.cfg.graceful_timeout)
        time.sleep(RETIRE_GRACE_SECONDS)  # for connections accepted just before
        while self.nr_conns > 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        self.alive = False
        with contextlib.suppress(OSError):
            self._wake.send(b"\0")

    @property
    def max_keepalived(self) -> int:
        """Idle keep-alive connections kept, read by gunicorn before each answer's head is sent
        (an answer over it says `Connection: close`). None once retiring (a connection is
        closed only after an answer that says so: closing one an answer kept alive would drop
        the request its client sends next); none while this worker is overloaded (more
        requests than threads) and holds more connections than threads, so that some of its
        clients reconnect, and a worker with fewer connections takes them (`accept`)."""
        if self.retiring:
            return 0
        overloaded = len(self.futures) > self.cfg.threads and self.nr_conns > self.cfg.threads
        if overloaded and self.others_can_take():
            return 0
        return self._max_keepalived

    @max_keepalived.setter
    def max_keepalived(self, value: int) -> None:
        self._max_keepalived = value

    def others_can_take(self) -> bool:
        """Whether another worker may take the connections this one sheds or leaves: there is
        one and it is not retiring. Alone, a worker that closed a connection after each answer
        and waited before accepting it again served 127 requests a second on 8 connections;
        keeping them, 220."""
        return self.cfg.workers > 1 and not _another_retiring()

    def accept(self, server, listener):
        excess = self.nr_conns - self.cfg.threads
        if excess >= 0 and self.others_can_take():
            # A worker with fewer connections may take it meanwhile: the more this one holds,
            # the longer it leaves it (a busy worker needs a few ms to get to its `accept`).
            time.sleep(min(ACCEPT_DEFERRAL_SECONDS * (excess + 1), MAX_ACCEPT_DEFERRAL_SECONDS))
        super().accept(server, listener)

    def handle(self, conn):
        parser = conn.parser
        unreader = getattr(parser, "unreader", None)
        if unreader is not None and not isinstance(unreader.sock, DeadlineSocket):
            unreader.sock = DeadlineSocket(unreader.sock, HEADER_TIMEOUT, BODY_TIMEOUT)
        if unreader is not None:
            unreader.sock.start_head()
            unreader.mxchunk = HEAD_CHUNK_BYTES
        return super().handle(conn)

    def handle_request(self, req, conn):
        unreader = getattr(conn.parser, "unreader", None)
        if unreader is not None and isinstance(unreader.sock, DeadlineSocket):
            unreader.sock.start_body()
            unreader.mxchunk = BODY_CHUNK_BYTES
        if type(req.body) is Body:
            req.body = WholeBody(req.body.reader)
        keepalive = super().handle_request(req, conn)
        with self._lock:
            self.served += 1
            due = self.served >= self.recycle_after
        if due:
            self.retire(f"after {self.served} requests")
        return keepalive

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
HEAD_CHUNK_BYTES = 8192  # gunicorn's own: a head is small
BODY_CHUNK_BYTES = 256 * 1024  # what a loopback or LAN socket holds at once
BODY_TIMEOUT = 30.0
# Time for the connections a retiring worker has accepted to send their request (at least).
RETIRE_GRACE_SECONDS = 0.2
ACCEPT_DEFERRAL_SECONDS = 0.005
MAX_ACCEPT_DEFERRAL_SECONDS = 0.02


RETIRE_LOCK: str | None = None  # a file every worker of one server can lock
_retire_lock_file = None
_retire_probe = None


def configure(header_seconds: float, body_seconds: float, retire_lock: str | None = None) -> None:
    """Set from gunicorn_conf.py (the worker class takes no settings of its own)."""
    global HEADER_TIMEOUT, BODY_TIMEOUT, RETIRE_LOCK  # noqa: PLW0603
    HEADER_TIMEOUT = header_seconds
    BODY_TIMEOUT = body_seconds
    RETIRE_LOCK = retire_lock


def _another_retiring() -> bool:
    """Whether a worker of this server holds the retire lock (`_may_retire`): a shared lock is
    then refused. Never this worker: it asks only while it is not retiring."""
    global _retire_probe  # noqa: PLW0603
    if RETIRE_LOCK is None:
        return False
    if _retire_probe is None:
        _retire_probe = open(RETIRE_LOCK, "a")  # noqa: SIM115 (held until the process ends)
    try:
        fcntl.flock(_retire_probe, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    fcntl.flock(_retire_probe, fcntl.LOCK_UN)  # at once: a worker about to retire needs it free
    return False


def _may_retire() -> bool:
    """Whether no other worker of this server is retiring: the first to lock the file retires,
    and the lock is the kernel's, released when that worker's process ends. Workers that
    retired together would leave no one to accept connections until their successors start."""
    global _retire_lock_file  # noqa: PLW0603
    if RETIRE_LOCK is None:
        return True
    handle = open(RETIRE_LOCK, "a")  # noqa: SIM115 (held until the process ends)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return False
    _retire_lock_file = handle
    return True
