"""A large JSON batch is sent while its columns are computed, and says the same as one made whole.

The answer may begin before its outputs are computed only when nothing can still make it a 4xx
or a 503: an earlier run of the same system found every output defined at the period
(`engine.known_defined`), and the batch is sure to be done within half what is left of the time
budget. Once begun, an answer that fails or runs over is cut short, never passed off as whole.
"""

from __future__ import annotations

import collections
import gzip
import time

import numpy as np
import orjson
import pytest
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import MONTH
from openfisca_core.reforms import Reform
from openfisca_core.variables import Variable
from policy_bd.web_api import batch as batch_api
from policy_bd.web_api import ops
from policy_bd.web_api.app import create_app

from policy_bd import engine, explain_batch
from policy_bd.system import baseline_system


def population(households: int, seed: int = 11) -> dict:
    """About 2.5 persons a household, as JSON columns."""
    rng = np.random.default_rng(seed)
    household_id = np.repeat(np.arange(households), rng.integers(1, 5, households))
    size = household_id.size
    return {
        "period": "2025-08",
        "persons": {
            "household_id": household_id.tolist(),
            "age": rng.integers(0, 95, size).tolist(),
            "sex": rng.choice(["male", "female"], size).tolist(),
            "annual_income": rng.integers(0, 15000, size).astype(float).tolist(),
        },
    }


LARGE = population(2_400)  # over STREAM_FROM_PERSONS
assert len(LARGE["persons"]["age"]) >= batch_api.STREAM_FROM_PERSONS


@pytest.fixture
def fresh_paces(monkeypatch):
    """No large batch seen yet by this process."""
    monkeypatch.setattr(batch_api, "_PACES", collections.deque(maxlen=8))


def streamed(answer) -> bool:
    """Sent as it was made: its length was not known when it began."""
    return "Content-Length" not in answer.headers


def test_a_large_batch_is_streamed_once_its_pace_is_known_and_says_the_same(client, fresh_paces):
    for body in (LARGE, {**LARGE, "reasons": "sentences", "language": "bn"}):
        batch_api._PACES.clear()
        whole = client.post("/v1/batch", json=body)
        assert whole.status_code == 200
        assert whole.headers["Content-Length"] == str(len(whole.data))
        stream = client.post("/v1/batch", json=body)
        assert stream.status_code == 200 and streamed(stream)
        assert stream.data == whole.data
        answer = orjson.loads(stream.data)
        assert sum(answer["persons"]["old_age_allowance"]) > 0
        assert answer["counts"]["persons"] == len(LARGE["persons"]["age"])
    assert "dictionaries" in answer  # the reasons' sentences, written once, after the tables


def test_a_streamed_answer_is_compressed_when_asked(client, fresh_paces):
    plain = client.post("/v1/batch", json=LARGE).data
    compressed = client.post("/v1/batch", json=LARGE, headers={"Accept-Encoding": "gzip"})
    assert streamed(compressed) and compressed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.data) == plain


def test_a_small_batch_or_one_not_sure_to_finish_in_time_is_made_whole(client, monkeypatch):
    small = {"period": "2025-08", "persons": {"household_id": [1, 1], "age": [70, 30]}}
    for _ in range(2):
        assert not streamed(client.post("/v1/batch", json=small))
    # At 1 ms a person, 6,000 persons take 6 s: streamed with 12 s of the budget left, not 11.
    monkeypatch.setattr(batch_api, "_PACES", collections.deque([0.001], maxlen=8))
    run = batch_api.BatchRun(_Population(6_000), None, {"person": [], "household": []})
    assert batch_api.may_stream(run, seconds_left=12.0)
    assert not batch_api.may_stream(run, seconds_left=11.0)
    # At 10 ms a person, this batch would take a minute, over half the 30 s budget.
    batch_api._PACES.append(0.01)
    answer = client.post("/v1/batch", json=LARGE)
    assert answer.status_code == 200 and not streamed(answer)


class _Population:
    def __init__(self, count: int) -> None:
        self.persons = type("persons", (), {"count": count})()


# ----- an output the law does not define at the period ----------------------------------------


class future_grant(Variable):
    value_type = float
    entity = baseline_system().variables["age"].entity
    definition_period = MONTH
    label = "A grant whose amount is set from 2030"
    reference = "https://example.org/a-grant-not-yet-in-law"

    def formula(person, period, parameters):
        return person("age", period) * 0 + parameters(period).future_grant.amount


class with_future_grant(Reform):
    name = "A grant set from 2030"

    def apply(self):
        self.add_variable(future_grant)

        def add_parameter(parameters):
            amount = {
                "description": "The grant's amount",
                "metadata": {"unit": "currency-BDT"},
                "values": {"2030-01-01": {"value": 100}},
            }
            parameters.add_child(
                "future_grant", ParameterNode("future_grant", data={"amount": amount})
            )
            return parameters

        self.modify_parameters(modifier_function=add_parameter)


def test_known_defined_is_what_runs_found():
    system = with_future_grant(baseline_system())
    assert not engine.known_defined(system, ["old_age_allowance"], "2025-08")
    inputs = engine.read_columns(system, "2025-08", {"household_id": [1], "age": [70]})
    with engine.simulated(system, inputs) as simulation:
        computed = engine.compute(simulation, ["old_age_allowance", "future_grant"], "2025-08")
    assert "future_grant" in computed.undefined
    assert engine.known_defined(system, ["old_age_allowance"], "2025-08")
    assert not engine.known_defined(system, ["old_age_allowance", "future_grant"], "2025-08")
    assert not engine.known_defined(system, ["old_age_allowance"], "2025-09")  # not run then
    inputs = engine.read_columns(system, "2031-01", {"household_id": [1], "age": [70]})
    with engine.simulated(system, inputs) as simulation:
        assert engine.compute(simulation, ["future_grant"], "2031-01").values["future_grant"] == 100
    assert engine.known_defined(system, ["future_grant"], "2031-01")


def test_an_output_the_law_does_not_define_is_a_422_every_time(fresh_paces):
    client = create_app(with_future_grant(baseline_system())).test_client()
    body = {**LARGE, "outputs": ["old_age_allowance", "future_grant"]}
    for _ in range(3):
        answer = client.post("/v1/batch", json=body)
        assert answer.status_code == 422
        (problem,) = answer.get_json()["problems"]
        assert (
            problem["field"] == "period"
            and "'future_grant' is not defined on 2025-08" in (problem["message"])
        )
    later = client.post("/v1/batch", json={**body, "period": "2031-01"})
    assert later.status_code == 200
    assert set(orjson.loads(later.data)["persons"]["future_grant"]) == {100.0}


# ----- the middleware, once a streamed answer has begun ---------------------------------------


def streamed_app(pieces):
    def app(environ, start_response):
        environ[ops.STREAMED] = True
        start_response("200 OK", [("Content-Type", "application/json")])
        return pieces()

    return app


def requests_counted(status: str) -> float:
    counter = ops.metrics().requests.labels("GET", "unmatched", status)
    return counter._value.get()


def environ() -> dict:
    return {"REQUEST_METHOD": "GET", "PATH_INFO": "/streamed"}


def test_a_streamed_answer_that_fails_is_cut_short_and_counted_as_a_500():
    def pieces():
        yield b'{"persons":'
        raise RuntimeError("a formula failed")

    before = requests_counted("500")
    middleware = ops.RequestMiddleware(streamed_app(pieces), 5, False, 1 << 20)
    answer = middleware(environ(), lambda status, headers, exc_info=None: None)
    sent = iter(answer)
    assert next(sent) == b'{"persons":'
    with pytest.raises(RuntimeError, match="a formula failed"):
        next(sent)
    answer.close()
    assert requests_counted("500") == before + 1


def test_a_streamed_answer_over_its_budget_is_cut_short():
    def pieces():
        for _ in range(40):
            time.sleep(0.05)
            yield b"x"

    middleware = ops.RequestMiddleware(streamed_app(pieces), 0.3, False, 1 << 20)
    answer = middleware(environ(), lambda status, headers, exc_info=None: None)
    started = time.perf_counter()
    sent = []
    with pytest.raises(ops.StreamBrokenError, match=r"time budget of 0\.3 s"):
        sent.extend(answer)
    assert 3 <= len(sent) < 40 and time.perf_counter() - started < 1.5
    answer.close()


def test_a_streamed_answer_runs_its_when_sent_callbacks_after_the_last_piece():
    called = []

    def app(environ, start_response):
        environ[ops.STREAMED] = True
        environ.setdefault(ops.WHEN_SENT, []).append((called.append, ("sent",)))
        start_response("200 OK", [("Content-Type", "application/json")])
        return iter([b"[", b"]"])

    answer = ops.RequestMiddleware(app, 5, False, 1 << 20)(environ(), lambda *args: None)
    assert b"".join(answer) == b"[]" and called == []
    answer.close()
    assert called == ["sent"]


def test_the_pace_counts_the_time_reasons_take(client, fresh_paces, monkeypatch):
    """Sentences take about ten times as long as the outputs: a pace without them would let a
    batch with sentences begin its answer and then run past its budget."""
    reasons = explain_batch.batch_reasons

    def slow_reasons(*args, **kwargs):
        time.sleep(0.3)
        return reasons(*args, **kwargs)

    monkeypatch.setattr(explain_batch, "batch_reasons", slow_reasons)
    answer = client.post("/v1/batch", json={**LARGE, "reasons": "codes"})
    assert answer.status_code == 200
    (pace,) = batch_api._PACES
    assert pace * len(LARGE["persons"]["age"]) >= 0.3
