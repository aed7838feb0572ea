"""The service's limits from the environment, and `policy-bd serve`'s checks."""

import pytest
from policy_bd.web_api.app import create_app
from policy_bd.web_api.config import MIB, ConfigurationError, settings

from policy_bd.cli import main


def test_limits_come_from_the_environment_with_defaults():
    found = settings({"POLICY_BD_MAX_BODY_MB": "3", "POLICY_BD_MAX_BATCH_PERSONS": "10"})
    assert found["MAX_CONTENT_LENGTH"] == 3 * MIB
    assert found["MAX_BATCH_PERSONS"] == 10
    assert found["MAX_HOUSEHOLD_MEMBERS"] == 50  # the default
    assert settings({}, MAX_BATCH_PERSONS=5)["MAX_BATCH_PERSONS"] == 5


@pytest.mark.parametrize(
    ("environment", "words"),
    [
        ({"POLICY_BD_MAX_BODY_MB": "lots"}, "is not a whole number"),
        ({"POLICY_BD_MAX_BATCH_HOUSEHOLDS": "0"}, "must be positive"),
    ],
)
def test_a_bad_limit_stops_the_start(environment, words):
    with pytest.raises(ConfigurationError, match=words):
        settings(environment)


def test_the_app_applies_and_reports_its_limits():
    client = create_app(MAX_BATCH_PERSONS=7).test_client()
    assert client.get("/v1/version").get_json()["limits"]["MAX_BATCH_PERSONS"] == 7


def test_serve_refuses_a_bad_worker_count(capsys):
    assert main(["serve", "--workers", "0"]) == 2
    assert "--workers must be positive" in capsys.readouterr().err
