"""A batch's simulation is freed once its answer is sent, not while the client waits for it."""

import weakref

import orjson
from policy_bd.web_api import batch as batch_api
from werkzeug.test import EnvironBuilder

BATCH = {"period": "2025-08", "persons": {"household_id": [1, 1], "age": [70, 30]}}


def test_the_simulation_lives_until_the_server_closes_the_answer(app, monkeypatch):
    simulations = []
    simulate = batch_api.simulate

    def watched(*args, **kwargs):
        run = simulate(*args, **kwargs)
        simulations.append(weakref.ref(run.simulation))
        return run

    monkeypatch.setattr(batch_api, "simulate", watched)
    environ = EnvironBuilder(path="/v1/batch", method="POST", json=BATCH).get_environ()
    statuses = []
    answer = app.wsgi_app(environ, lambda status, headers, exc_info=None: statuses.append(status))
    sent = b"".join(answer)
    assert statuses == ["200 OK"]
    assert orjson.loads(sent)["persons"]["old_age_allowance"] == [650.0, 0.0]
    assert simulations[0]() is not None  # sent, not yet closed: still held
    answer.close()
    assert simulations[0]() is None  # freed by reference counting, no collection needed
