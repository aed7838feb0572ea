"""Named reforms for legislative drafters.

`REGISTRY` maps a reform's name to what `policy_bd.system.system_for` can apply: an OpenFisca
Reform class (structural reforms, written in Python in this folder) or a parametric spec (YAML
files in `reforms/parametric/`, validated like any drafter's file).
"""

from policy_bd.reforms.registry import REGISTRY

__all__ = ["REGISTRY"]
