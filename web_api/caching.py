"""Answers sized for the wire: compression when the client asks (Flask-Compress), and ETag
with Cache-Control on the answers that cannot change while this version runs.

A client that sends `Accept-Encoding: gzip` (or br, zstd) gets a compressed answer; one that
sends `If-None-Match` with the ETag it was given gets 304 Not Modified without a body.
"""

from __future__ import annotations

from flask import Flask, request
from flask_compress import Compress

# Answers fixed by the package version and the legislation it loaded.
UNCHANGING = frozenset(
    {"/v1/version", "/v1/criteria", "/v1/spec", "/variables", "/spec", "/entities"}
)
MAX_AGE = 600  # seconds a client or proxy may reuse an answer before revalidating its ETag


def init_app(app: Flask) -> None:
    # A streamed answer (a large batch) is compressed as it is sent: with gzip too, which is
    # all many clients ask for (Flask-Compress leaves it out of streams by default).
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["zstd", "br", "gzip", "deflate"])
    Compress(app)

    # Registered after Flask-Compress, so it runs first: the ETag is that of the plain
    # answer, and Flask-Compress marks it with the encoding it applies.
    @app.after_request
    def validators(response):
        if (
            request.method in ("GET", "HEAD")
            and request.path in UNCHANGING
            and response.status_code == 200
        ):
            response.add_etag()
            response.cache_control.public = True
            response.cache_control.max_age = MAX_AGE
            return response.make_conditional(request)
        return response
