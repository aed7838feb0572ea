import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policy_bd.system import baseline_system

ROOT = Path(__file__).resolve().parent.parent
# What a fresh clone would build from: the checkout without its local build products.
NOT_SHIPPED = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "node_modules", "__pycache__", ".*_cache"
)
PIP_WHEEL = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]


@pytest.fixture(scope="session")
def system():
    return baseline_system()


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """A real (non-editable) wheel of the package, built once from a clean copy of the checkout
    (a `build/` folder left by an earlier build would otherwise ship renamed files)."""
    source = tmp_path_factory.mktemp("source") / "policy-bd"
    shutil.copytree(ROOT, source, ignore=NOT_SHIPPED)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [*PIP_WHEEL, "-w", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("policy_bd-*.whl"))
