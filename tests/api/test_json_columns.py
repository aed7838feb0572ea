"""The batch's simdjson reader gives every column the type and values orjson's path gives it."""

import json
import threading

import numpy as np
import orjson
import pandas as pd
import pytest
from policy_bd.web_api import json_columns
from policy_bd.web_api.batch import TABLES, from_json_list, json_pieces
from policy_bd.web_api.errors import APIError
from policy_bd.web_api.limits import loads_json

COLUMNS = {
    "ints": [3, -1, 0, 9223372036854775807, -9223372036854775808],
    "floats": [0.5, -2.25, 1e-300, 1e300],
    "ints_and_floats": [1, 2.5, -0, 100],
    "written_as_floats": [1.0, 2.0],
    "exponent": [1e2, 3],
    "over_int64": [18446744073709551615, 1],
    "under_int64_then_float": [-1, 18446744073709551615, 0.5],
    "text": ["male", "female", "male", "ক", "\u0000"],
    "booleans": [True, False, True],
    "nulls": [None, None],
    "numbers_and_null": [1, None, 3],
    "mixed": [1, "a", True],
    "nested": [[1, 2], {"a": [3]}],
    "empty": [],
}


def typed(values):
    if isinstance(values, np.ndarray | pd.Categorical):
        return values
    return from_json_list(values, "column")


def assert_same_column(fast, slow, name):
    fast, slow = typed(fast), typed(slow)
    assert type(fast) is type(slow), name
    if isinstance(slow, pd.Categorical):
        assert list(fast.categories) == list(slow.categories), name
        assert np.array_equal(fast.codes, slow.codes), name
    elif isinstance(slow, np.ndarray):
        assert fast.dtype == slow.dtype, name
        assert np.array_equal(fast, slow, equal_nan=slow.dtype.kind == "f"), name
    else:
        assert fast == slow, name


def assert_read_alike(body: bytes):
    fast = json_columns.loads_tables(body, TABLES)
    slow = loads_json(body, max_depth=None)
    assert fast.keys() == slow.keys()
    for key, value in slow.items():
        if key in TABLES and isinstance(value, dict):
            assert fast[key].keys() == value.keys()
            for name, column in value.items():
                assert_same_column(fast[key][name], column, name)
        else:
            assert fast[key] == value, key


def test_every_kind_of_column_is_read_as_orjson_reads_it():
    body = {
        "period": "2025-08",
        "reform": {"dss_allowances.old_age.amount": {"2025-07": 700}},
        "outputs": ["old_age_allowance"],
        "persons": COLUMNS,
        "households": {"household_id": [0, 1], "division": ["dhaka", "sylhet"]},
    }
    assert_read_alike(json.dumps(body, ensure_ascii=False).encode())


def test_columns_of_numbers_are_arrays_and_the_others_python_values():
    body = json.dumps({"persons": COLUMNS}).encode()
    persons = json_columns.loads_tables(body, TABLES)["persons"]
    assert persons["ints"].dtype == np.int64
    assert persons["ints_and_floats"].tolist() == [1.0, 2.5, 0.0, 100.0]
    assert persons["floats"].dtype == np.float64
    assert persons["over_int64"] == [18446744073709551615, 1]  # Arrow types it as uint64
    assert persons["text"] == COLUMNS["text"]
    assert persons["nested"] == COLUMNS["nested"]
    assert persons["empty"] == []


def test_random_columns_are_read_alike():
    rng = np.random.default_rng(12)
    choices = [
        lambda n: rng.integers(-(2**62), 2**62, n).tolist(),
        lambda n: (rng.standard_normal(n) * 1e6).tolist(),
        lambda n: [int(v) if v > 0 else float(v) for v in rng.standard_normal(n)],
        lambda n: rng.choice(["a", "b", "ক"], n).tolist(),
        lambda n: rng.choice(TEXTS, n).tolist(),
        lambda n: (rng.random(n) < 0.5).tolist(),
        lambda n: [None if v < 0.1 else int(v * 10) for v in rng.random(n)],
    ]
    for _ in range(30):
        n = int(rng.integers(1, 2_000))
        columns = {f"c{i}": choices[int(rng.integers(len(choices)))](n) for i in range(4)}
        assert_read_alike(json.dumps({"persons": columns, "households": None}).encode())


TEXTS = [
    "",
    "a",
    "ab",
    "abcdefgh",  # one word exactly
    "abcdefgh\u007f",  # a byte after a full word
    "abcdefghi",
    "abcdefghij",
    "abcdefgh" * 3,
    "abcdefgh" * 3 + "x",
    "শিশু",  # 12 bytes of UTF-8
    "শিশুর",
    "a,b",
    "[x]",
    "true",
    " spaced ",
]


def test_columns_of_texts_are_categoricals_read_as_arrow_reads_them():
    rng = np.random.default_rng(7)
    for size in (2, 3, 40, 5_000):
        values = rng.choice(TEXTS, size).tolist()
        body = json.dumps({"persons": {"t": values}}, ensure_ascii=False).encode()
        assert_read_alike(body)
        column = json_columns.loads_tables(body, TABLES)["persons"]["t"]
        if len(set(values)) * 2 <= size:
            assert isinstance(column, pd.Categorical)
            assert np.asarray(column).tolist() == values


def test_texts_that_are_not_a_plain_column_of_texts_are_lists():
    rows = ["a", "b"] * 10
    for values in (
        [*rows, 'say "hi"'],  # an escape
        [*rows, "\u0000"],
        [*rows, None],
        [*rows, 1],
        [*rows, ["a"]],
        [["a"], "b"] * 10,
        [{"a": "b"}] * 20,
        [f"id-{i}" for i in range(20)],  # mostly distinct: identifiers
    ):
        body = json.dumps({"persons": {"t": values}}).encode()
        assert json_columns.loads_tables(body, TABLES)["persons"]["t"] == values
        assert_read_alike(body)


def test_columns_of_booleans_are_bool_arrays():
    rng = np.random.default_rng(3)
    values = (rng.random(10_000) < 0.3).tolist()
    body = json.dumps({"persons": {"b": values, "one": [False]}}).encode()
    persons = json_columns.loads_tables(body, TABLES)["persons"]
    assert persons["b"].dtype == np.bool_ and persons["b"].tolist() == values
    assert persons["one"].tolist() == [False]
    for mixed in ([True, None], [True, "t"], [False, [True]], [True, 1], ["true,false"]):
        body = json.dumps({"persons": {"b": mixed}}).encode()
        assert json_columns.loads_tables(body, TABLES)["persons"]["b"] == mixed


def test_text_identifiers_stay_texts():
    from policy_bd.web_api.batch import typed_columns

    body = json.dumps({"persons": {"household_id": ["h1", "h2"] * 5}}).encode()
    read = json_columns.loads_tables(body, TABLES)["persons"]
    typed_ = typed_columns(read, "persons")["household_id"]
    slow = from_json_list(["h1", "h2"] * 5, "household_id")
    assert typed_.dtype == slow.dtype and typed_.tolist() == slow.tolist()


def test_the_same_value_when_a_key_is_repeated():
    assert_read_alike(b'{"persons": {"age": [1], "age": [2.5]}, "persons": {"age": [7]}}')
    assert_read_alike(b'{"persons": {"age": [1], "age": ["x"]}}')


def test_what_simdjson_refuses_gets_orjsons_answer():
    # An integer of more than 64 bits: orjson reads it as a float.
    body = b'{"persons": {"income": [340282366920938463463374607431768211456, 1]}}'
    assert json_columns.loads_tables(body, TABLES) == orjson.loads(body)
    for bad in (b'{"persons": {"age": [NaN]}}', b'{"persons": {"age": [1,]}}', b'"\xff"'):
        with pytest.raises(APIError) as refused:
            json_columns.loads_tables(bad, TABLES)
        assert refused.value.status == 400


def test_a_byte_order_mark_is_refused_as_orjson_refuses_it():
    with pytest.raises(APIError) as refused:
        json_columns.loads_tables(b'\xef\xbb\xbf{"persons": {"age": [1]}}', TABLES)
    assert refused.value.status == 400


def test_a_parser_still_held_by_an_earlier_document_is_replaced(monkeypatch):
    monkeypatch.setattr(json_columns, "_idle_parsers", [])
    parser = json_columns._take_parser()
    held = parser.parse(b"[1, 2]")  # a document part kept alive
    json_columns._give_back(parser)
    body = b'{"persons": {"age": [1, 2, 3]}}'
    assert json_columns.loads_tables(body, TABLES)["persons"]["age"] == [1, 2, 3]  # orjson's
    assert json_columns._idle_parsers == []  # that parser is not given back
    assert json_columns.loads_tables(body, TABLES)["persons"]["age"].tolist() == [1, 2, 3]
    del held


def test_one_parser_serves_every_thread_that_reads_a_body_in_turn(monkeypatch):
    monkeypatch.setattr(json_columns, "_idle_parsers", [])
    body = b'{"persons": {"age": [1, 2, 3], "sex": ["male", "female", "male"]}}'
    for _ in range(4):
        reader = threading.Thread(target=json_columns.loads_tables, args=(body, TABLES))
        reader.start()
        reader.join()
    assert len(json_columns._idle_parsers) == 1


def test_the_answer_written_a_column_at_a_time_is_the_whole_object():
    columns = {"persons": {"age": np.arange(3), "eligible": np.array([True, False, True])}}
    tail = {"dictionaries": {"reasons": ["", "too young"]}}
    for head in ({"period": "2025-08", "counts": {"persons": 3}}, {}):
        for end in (tail, {}):
            written = b"".join(json_pieces(head, columns, end))
            whole = {**head, **columns, **end}
            assert written == orjson.dumps(whole, option=orjson.OPT_SERIALIZE_NUMPY)
    assert b"".join(json_pieces({}, {}, {})) == b"{}"


def test_a_column_of_one_value_is_written_as_orjson_writes_it():
    columns = {
        "zeros": np.zeros(1_000, dtype=np.float32),
        "negative_zeros": np.array([-0.0, 0.0, -0.0]),  # equal, but not written alike
        "all_negative_zero": np.full(4, -0.0),
        "nan": np.full(3, np.nan),
        "false": np.zeros(5, dtype=bool),
        "true": np.ones(5, dtype=bool),
        "ints": np.full(6, -7),
        "one": np.array([2.5]),
        "none": np.array([], dtype=np.float32),
        "sevens_then_eight": np.array([7, 7, 8], dtype=np.uint8),
    }
    written = b"".join(json_pieces({}, {"persons": columns}, {}))
    assert written == orjson.dumps({"persons": columns}, option=orjson.OPT_SERIALIZE_NUMPY)
