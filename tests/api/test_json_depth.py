"""The depth limit on request JSON: exact at the limit, whatever the width of the columns."""

from policy_bd.web_api.limits import MAX_JSON_DEPTH, too_deep


def nested(depth: int) -> object:
    value: object = 1
    for level in range(depth):
        value = [value] if level % 2 else {"a": value}
    return value


def test_containers_nested_to_the_limit_pass_and_one_more_is_refused():
    assert not too_deep(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)
    assert too_deep(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)
    assert not too_deep(7, MAX_JSON_DEPTH)


def test_a_deep_container_among_a_long_column_of_numbers_is_found():
    column = list(range(100_000))
    assert not too_deep({"persons": {"age": column}}, 3)
    column[50_000] = nested(5)
    assert too_deep({"persons": {"age": column}}, 6)
    assert not too_deep({"persons": {"age": column}}, 8)
