"""A worker leaving records the months it explained; its replacement explains them (and the
current month) before it accepts a connection."""

import datetime
import json

from policy_bd.web_api import warm_up

from policy_bd import explain_readsets


def baseline(app):
    return app.extensions["policy_bd_reforms"].baseline


def test_the_months_a_worker_explained_are_recorded_most_recent_last(app, client, tmp_path):
    for date in ("2019-03-02", "2024-11-20", "2019-03-05"):
        member = {"id": "a", "role": "head", "age": 70, "sex": "male"}
        body = {"date": date, "household": {"members": [member]}}
        assert client.post("/v1/entitlements", json=body).status_code == 200
    warm_up.remember(app, str(tmp_path))
    recorded = warm_up.recorded_months(str(tmp_path))
    assert recorded[-2:] == ["2024-11", "2019-03"]
    assert len(recorded) <= warm_up.KEPT_MONTHS
    assert json.loads((tmp_path / warm_up.MONTHS_FILE).read_text()) == recorded


def test_a_new_worker_learns_the_recorded_months_and_the_current_one(app, tmp_path):
    (tmp_path / warm_up.MONTHS_FILE).write_text(json.dumps(["2017-05", "2021-09"]))
    months = warm_up.warm_up(app, str(tmp_path), today=datetime.date(2016, 2, 29))
    assert months == ["2017-05", "2021-09", "2016-02"]
    learnt = explain_readsets.learnt_months(baseline(app))
    assert {"2017-05", "2021-09", "2016-02"} <= set(learnt)


def test_an_unreadable_record_warms_the_current_month_only(app, tmp_path):
    for text in ("not json", '{"months": 1}', "[1, null]"):
        (tmp_path / warm_up.MONTHS_FILE).write_text(text)
        assert warm_up.recorded_months(str(tmp_path)) == []
        months = warm_up.warm_up(app, str(tmp_path), today=datetime.date(2023, 8, 1))
        assert months == ["2023-08"]


def test_a_worker_that_cannot_warm_up_says_so_and_serves(app, tmp_path, caplog, monkeypatch):
    def broken(system, months):
        raise RuntimeError("no rules")

    monkeypatch.setattr(warm_up, "warm", broken)
    warm_up.log.addHandler(caplog.handler)  # the service's loggers do not propagate
    try:
        assert warm_up.warm_up(app, str(tmp_path)) == []
    finally:
        warm_up.log.removeHandler(caplog.handler)
    (record,) = caplog.records
    assert record.getMessage().startswith("warm-up of")
    assert "no rules" in caplog.text


def test_a_worker_leaving_a_server_that_stops_records_nothing(app, tmp_path):
    warm_up.warm_up(app, str(tmp_path), today=datetime.date(2022, 1, 1))  # a month to record
    warm_up.remember(app, str(tmp_path / "removed"))  # no error: the folder went with the server
    assert not (tmp_path / "removed").exists()
