"""A real (non-editable) build ships the legislation with the package."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_parameters_variables_and_reforms(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("policy_bd-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "policy_bd/parameters/social_assistance/old_age_allowance/amount.yaml" in names
    assert "policy_bd/variables/social_assistance/old_age_allowance.py" in names
    assert "policy_bd/reforms/registry.py" in names
    assert "policy_bd/programs/old_age_allowance.yaml" in names
    assert "policy_bd/web_api/wsgi.py" in names
    assert not any(name.startswith(("tests/", "bench/")) for name in names)
