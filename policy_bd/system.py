"""Kept for callers of the first releases: the systems now come from `policy_bd.engine`."""

from policy_bd.engine.reforms import baseline_system, named_reforms, resolve_reform, system_for

__all__ = ["baseline_system", "named_reforms", "resolve_reform", "system_for"]
