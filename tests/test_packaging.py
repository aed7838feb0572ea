"""A real (non-editable) build ships the legislation with the package."""

import zipfile


def test_wheel_carries_parameters_variables_and_reforms(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "policy_bd/parameters/social_assistance/old_age_allowance/amount.yaml" in names
    assert "policy_bd/variables/social_assistance/old_age_allowance.py" in names
    assert "policy_bd/reforms/registry.py" in names
    assert "policy_bd/programs/old_age_allowance.yaml" in names
    assert "policy_bd/web_api/wsgi.py" in names
    assert not any(name.startswith(("tests/", "bench/")) for name in names)
