import pytest

from policy_bd.system import baseline_system


@pytest.fixture(scope="session")
def system():
    return baseline_system()
