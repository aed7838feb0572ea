"""Every registered reform as an importable OpenFisca Reform class, for `openfisca test`.

A YAML test names a reform by its import path, e.g.::

    reforms: policy_bd.reforms.named.nsis_maternity

Parametric reforms are validated against the test's own baseline when the reform is applied, so
importing this module builds no tax-benefit system.
"""

from __future__ import annotations

from pathlib import Path

from openfisca_core.reforms import Reform
from policy_bd.reforms.registry import REGISTRY

from policy_bd.reform_spec import load_file


def parametric_reform(path: Path) -> type[Reform]:
    """A Reform class that validates and applies the reform file at `path`."""

    class NamedParametricReform(Reform):
        name = path.stem

        def apply(self) -> None:
            spec = load_file(path, self.baseline.parameters)
            self.name = spec.title
            self.modify_parameters(modifier_function=spec.modify)

    NamedParametricReform.__name__ = path.stem
    NamedParametricReform.__qualname__ = path.stem
    return NamedParametricReform


for _name, _entry in REGISTRY.items():
    globals()[_name] = parametric_reform(_entry) if isinstance(_entry, Path) else _entry

__all__ = sorted(REGISTRY)  # noqa: PLE0605 (names are the registered reforms, set above)
