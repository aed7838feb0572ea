"""An installed wheel carries every named reform and the drafter's examples, and can apply them."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path


def test_wheel_applies_every_named_reform(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    names = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    assert {
        "policy_bd/reforms/named.py",
        "policy_bd/reforms/universal_old_age_allowance.py",
        "policy_bd/reforms/parametric/nsis.yaml",
        "policy_bd/reforms/examples/nsis_maternity_c183.yaml",
        "policy_bd/reforms/examples/situations/garment_worker_gives_birth.json",
        "policy_bd/parameters/nsis/maternity/replacement_rate.yaml",
        "policy_bd/variables/nsis/maternity.py",
    } <= names
    # Run from outside the checkout so that only the unpacked wheel can be imported.
    script = (
        "import policy_bd.reforms.named as named, policy_bd.system as s;"
        "[s.system_for(name) for name in named.__all__];"
        "print(named.__file__, len(named.__all__))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
        check=True,
        capture_output=True,
        text=True,
    )
    location, count = done.stdout.split()
    assert Path(location).is_relative_to(site)
    assert int(count) == 10
