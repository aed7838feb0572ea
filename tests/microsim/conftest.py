"""Shared fixtures: the bundled synthetic sample, generated once into a temporary cache."""

import pytest


@pytest.fixture(scope="session", autouse=True)
def synthetic_cache(tmp_path_factory):
    """Keep the generated sample out of the user's cache folder during the tests."""
    folder = tmp_path_factory.mktemp("policy_bd_cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("POLICY_BD_CACHE_DIR", str(folder))
    from policy_bd.microsim.synthetic import default_sample

    default_sample.cache_clear()
    yield folder
    default_sample.cache_clear()
    patch.undo()


@pytest.fixture(scope="session")
def sample(synthetic_cache):
    from policy_bd.microsim.synthetic import default_sample

    return default_sample()
