"""The worker reads a request body as the socket delivers it, and the same bytes as gunicorn."""

import pytest
from gunicorn.http.body import Body, ChunkedReader, LengthReader
from gunicorn.http.unreader import IterUnreader
from policy_bd.web_api.workers import WholeBody

PAYLOAD = b"".join(b"line %d\n" % i for i in range(20_000))


def length_body(kind, pieces):
    return kind(LengthReader(IterUnreader(pieces), len(PAYLOAD)))


def chunked(payload: bytes, size: int) -> bytes:
    chunks = [payload[i : i + size] for i in range(0, len(payload), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


class FakeRequest:
    """What gunicorn's ChunkedReader asks of the request: trailers are ignored here."""

    trailers = None


def chunked_body(kind, data: bytes):
    pieces = [data[i : i + 4096] for i in range(0, len(data), 4096)]
    return kind(ChunkedReader(FakeRequest(), IterUnreader(pieces)))


@pytest.mark.parametrize("piece", [1, 1000, 8192, 300_000])
def test_a_sized_body_is_read_whole_in_one_call(piece):
    pieces = [PAYLOAD[i : i + piece] for i in range(0, len(PAYLOAD), piece)]
    assert length_body(WholeBody, pieces).read() == PAYLOAD
    assert length_body(WholeBody, pieces).read(len(PAYLOAD) + 10) == PAYLOAD


def test_reads_in_parts_and_lines_give_what_gunicorn_gives():
    for reads in ([5, 70_000, None], [0, 1, 2, 3, None]):
        ours, theirs = length_body(WholeBody, [PAYLOAD]), length_body(Body, [PAYLOAD])
        assert ours.readline() == theirs.readline()
        for size in reads:
            assert ours.read(size) == theirs.read(size)
        assert ours.read() == theirs.read() == b""


def test_a_chunked_body_is_read_whole():
    data = chunked(PAYLOAD, 3000)
    assert chunked_body(WholeBody, data).read() == PAYLOAD
    assert chunked_body(Body, data).read() == PAYLOAD
