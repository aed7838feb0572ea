"""Example situations, used in the OpenAPI specification and the documentation."""

import json
from pathlib import Path

_HERE = Path(__file__).parent


def load(name: str) -> dict:
    return json.loads((_HERE / f"{name}.json").read_text(encoding="utf-8"))


old_age_man = load("old_age_man")
