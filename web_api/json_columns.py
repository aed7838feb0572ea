"""A batch's JSON body parsed by simdjson, its columns of numbers copied out as numpy arrays.

orjson makes a Python object of every value it parses: a 100,000-household batch (15 MB, 1.9
million values) took 80-100 ms to parse and 50-70 ms more to type its columns with Arrow.
simdjson parses the same body in about 13 ms into its own document, and a column whose items are
all integers (or all numbers) is copied out of it as one int64 (or float64) array, with no
Python object per value. A column of booleans is read from its minified JSON as a bool array,
and a column of texts with few distinct values as a `pandas.Categorical`, each with a few numpy
operations over its bytes (`_booleans`, `_texts`): about half the time of a list of Python
values typed by Arrow, with the same result. Every other column (nulls, mixed or nested items,
texts with escapes or mostly distinct) and every field outside the tables are read into Python
values, as orjson reads them, and typed by the caller as before.

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
import pandas as pd
import simdjson

from .limits import loads_json

BYTE_ORDER_MARK = b"\xef\xbb\xbf"
QUOTE, COMMA, TRUE = ord('"'), ord(","), ord("t")
# The low k bytes of a little-endian 8-byte word, for k = 0..8.
LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [2**64 - 1], dtype=np.uint64)
# Parsers no document holds, shared by the worker's threads: a parser keeps the buffers of the
# largest body it has read (about 100 MB for 100,000 households), so one a thread kept for
# itself was as many sets of buffers, each faulted in on its thread's first large batch.
_idle_parsers: list[simdjson.Parser] = []
_parsers_lock = threading.Lock()


def _take_parser() -> simdjson.Parser:
    with _parsers_lock:
        if _idle_parsers:
            return _idle_parsers.pop()
    return simdjson.Parser()


def _give_back(parser: simdjson.Parser) -> None:
    with _parsers_lock:
        _idle_parsers.append(parser)


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
        pass
    mini = array.mini
    for read in (_booleans, _texts):
        column = read(mini, len(array))
        if column is not None:
            return column
    return array.as_list()


def _booleans(mini: bytes, count: int) -> np.ndarray | None:
    """`[true,false,...]` as a bool array; None unless every item is a boolean.

    simdjson has checked the JSON: with exactly count - 1 commas, every comma separates two
    items, and the only items that start with t or f are true and false."""
    data = np.frombuffer(mini, dtype=np.uint8)
    commas = np.flatnonzero(data == COMMA)
    if commas.size != count - 1:
        return None
    first = data[np.concatenate(([1], commas + 1))]
    is_true = first == TRUE
    if not np.all(is_true | (first == ord("f"))):
        return None
    return is_true


def _texts(mini: bytes, count: int) -> pd.Categorical | None:
    """`["a","b",...]` as a Categorical, its categories in order of first appearance (as Arrow's
    dictionary encoding gives them); None unless every item is a text without escapes, or when
    most texts are distinct (identifiers: a dictionary would be no shorter than the list).

    Each text is read as 8-byte words from its opening quote, masked to its length; JSON texts
    hold no raw NUL byte, so equal texts and only they have equal words."""
    if b"\\" in mini:
        return None
    data = np.frombuffer(mini, dtype=np.uint8)
    quotes = np.flatnonzero(data == QUOTE)
    if quotes.size != 2 * count:
        return None
    starts, ends = quotes[0::2] + 1, quotes[1::2]
    # `["` before the first text, `","` between two, `"]` after the last: nothing else.
    if starts[0] != 2 or ends[-1] != data.size - 2 or np.any(starts[1:] != ends[:-1] + 3):
        return None
    lengths = ends - starts
    padded = np.frombuffer(mini + bytes(8), dtype=np.uint8)
    words = np.ndarray((padded.size - 7,), dtype="<u8", buffer=padded, strides=(1,))
    codes, _ = pd.factorize(words[starts] & LOW_BYTES[np.minimum(lengths, 8)])
    last = words.size - 1  # a word past a short text's end is masked to 0: any word will do
    for offset in range(8, int(lengths.max()), 8):
        at = np.minimum(starts + offset, last)
        more, _ = pd.factorize(words[at] & LOW_BYTES[np.clip(lengths - offset, 0, 8)])
        codes, _ = pd.factorize(codes * (int(more.max()) + 1) + more)
    # factorize numbers the values in order of first appearance: a first is where the running
    # maximum of the codes rises.
    firsts = np.flatnonzero(np.diff(np.maximum.accumulate(codes), prepend=-1) > 0)
    if firsts.size * 2 > count:
        return None
    categories = [mini[starts[row] : ends[row]].decode() for row in firsts]
    return pd.Categorical.from_codes(codes, categories=categories)


def loads_tables(data: bytes, tables: tuple[str, ...]) -> object:
    """The JSON value of `data`, as `loads_json(data, max_depth=None)` reads it, except that in
    each object named in `tables` at the top level, a column of numbers is a numpy array. The
    depth is the caller's to check (`limits.refuse_deep`)."""
    if data.startswith(BYTE_ORDER_MARK):
        return loads_json(data, max_depth=None)
    parser = _take_parser()
    try:
        document = parser.parse(data)
    except (ValueError, RuntimeError):
        # Not JSON for simdjson (orjson's error then, or orjson's reading), or a part of a
        # document this parser read still held: the parser is not given back.
        return loads_json(data, max_depth=None)
    # On an error (a bad column), the traceback may still hold parts of the document: the
    # parser is then not given back.
    body = _read_document(document, data, tables)
    del document  # the last part of it: the parser can read another body
    _give_back(parser)
    return body


def _read_document(document, data: bytes, tables: tuple[str, ...]) -> object:
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
