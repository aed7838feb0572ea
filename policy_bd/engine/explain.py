"""Explanations from the engine: each program's determination and the reasons for it.

The explanation code lives in `policy_bd.explain`; surfaces reach it through the engine.
"""

from policy_bd.explain import LANGUAGES, determine, program_variables, public_outputs

__all__ = ["LANGUAGES", "determine", "explain", "program_variables", "public_outputs"]


def explain(simulation, period, language: str = "en", programs=None):
    """Every person's determination for every registered program (or those named)."""
    return determine(simulation, period, language, programs)
