"""A batch's JSON body parsed by simdjson, its columns of numbers copied out as numpy arrays.

orjson makes a Python object of every value it parses: a 100,000-household batch (15 MB, 1.9
million values) took 80-100 ms to parse and 50-70 ms more to type its columns with Arrow.
simdjson parses the same body in about 13 ms into its own document, and a column whose items are
all integers (or all numbers) is copied out of it as one int64 (or float64) array, with no
Python object per value. Every other column (text, booleans, nulls, mixed or nested items) and
every field outside the tables are read into Python values, as orjson reads them, and typed by
the caller as before.

A body simdjson refuses is read by orjson (`limits.loads_json`): the client gets orjson's error,
or, for what orjson reads and simdjson does not (an integer of more than 64 bits), the same
value orjson's path gives. A body starting with a byte order mark goes there too: orjson refuses
it, simdjson would not.

Each thread keeps one parser: simdjson reuses its buffers from one document to the next (a new
parser for each body doubled the parse time).
"""

from __future__ import annotations

import threading

import numpy as np
import simdjson

from .limits import loads_json

BYTE_ORDER_MARK = b"\xef\xbb\xbf"
_threads = threading.local()


def _parser() -> simdjson.Parser:
    parser = getattr(_threads, "parser", None)
    if parser is None:
        parser = _threads.parser = simdjson.Parser()
    return parser


def _python(value):
    """A part of the document as the Python value orjson would have made of it."""
    if isinstance(value, simdjson.Object):
        return value.as_dict()
    if isinstance(value, simdjson.Array):
        return value.as_list()
    return value


def _column(array: simdjson.Array):
    """An int64 array when every item is an integer in range, a float64 array when every item is
    a number and one is not an integer, otherwise (or when empty) the list of items."""
    if len(array) == 0:
        return []
    try:
        return np.frombuffer(array.as_buffer(of_type="i"), dtype=np.int64)
    except ValueError:  # an integer out of int64's range: Arrow types the list (uint64)
        return array.as_list()
    except TypeError:  # an item is not an integer
        pass
    try:
        return np.frombuffer(array.as_buffer(of_type="d"), dtype=np.float64)
    except (TypeError, ValueError):  # an item is not a number
        return array.as_list()


def loads_tables(data: bytes, tables: tuple[str, ...]) -> object:
    """The JSON value of `data`, as `loads_json(data, max_depth=None)` reads it, except that in
    each object named in `tables` at the top level, a column of numbers is a numpy array. The
    depth is the caller's to check (`limits.refuse_deep`)."""
    if data.startswith(BYTE_ORDER_MARK):
        return loads_json(data, max_depth=None)
    try:
        document = _parser().parse(data)
    except (ValueError, RuntimeError):
        # Not JSON for simdjson (orjson's error then, or orjson's reading), or a part of this
        # thread's last document still held (by a traceback): a new parser next time.
        _threads.parser = None
        return loads_json(data, max_depth=None)
    if not isinstance(document, simdjson.Object):
        return _python(document)
    # A simdjson Object's items() are Python values: its parts are taken by key, a proxy each.
    keys = list(document.keys())
    tables_in = {
        key: part
        for key in keys
        if key in tables and isinstance(part := document[key], simdjson.Object)
    }
    columns = {key: list(part.keys()) for key, part in tables_in.items()}
    if _repeated(keys) or any(_repeated(names) for names in columns.values()):
        return loads_json(data, max_depth=None)  # orjson keeps a repeated key's last value
    body = {}
    for key in keys:
        if key in tables_in:
            part = tables_in[key]
            body[key] = {name: _table_value(part[name]) for name in columns[key]}
        else:
            body[key] = _python(document[key])
    return body


def _repeated(keys: list[str]) -> bool:
    return len(set(keys)) < len(keys)


def _table_value(value):
    return _column(value) if isinstance(value, simdjson.Array) else _python(value)
