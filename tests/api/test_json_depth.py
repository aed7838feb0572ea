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


def test_a_batch_is_refused_as_deep_as_anything_else_and_told_where(client):
    """A batch's columns are not walked item by item: Arrow types them, and only a column it
    cannot type is checked for depth, against what is left of the limit under body.persons."""
    flat = {"household_id": [1, 1], "age": [70, 30]}
    assert client.post("/v1/batch", json={"persons": flat}).status_code == 200

    deep_item = {**flat, "age": [70, nested(MAX_JSON_DEPTH - 2)]}
    answer = client.post("/v1/batch", json={"persons": deep_item})
    assert answer.status_code == 400
    assert answer.get_json()["problems"][0]["field"] == "persons.age"

    # At the limit: the item's own levels plus body, persons and the column itself.
    at_limit = {**flat, "age": [70, nested(MAX_JSON_DEPTH - 3)]}
    assert client.post("/v1/batch", json={"persons": at_limit}).status_code == 422

    deep_reform = {"persons": flat, "reform": nested(MAX_JSON_DEPTH)}
    answer = client.post("/v1/batch", json=deep_reform)
    assert answer.status_code == 400
    assert answer.get_json()["problems"][0]["field"] == "body"


def test_a_batch_deeper_than_any_parser_takes_names_the_services_limit(client):
    body = b'{"persons": {"age": ' + b"[" * 2000 + b"]" * 2000 + b"}}"
    answer = client.post("/v1/batch", data=body, content_type="application/json")
    assert answer.status_code == 400
    assert answer.get_json()["error"] == f"Invalid JSON: nested deeper than {MAX_JSON_DEPTH} levels"
