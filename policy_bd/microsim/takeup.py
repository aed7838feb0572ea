"""Take-up and quotas: who among those entitled actually receives an allowance.

Allowances are rationed by quota (a number of slots per fiscal year) and selected by local
committees, so being eligible is not receiving. Each program has a rule:

- `full`: everyone entitled receives (the "everyone eligible" caseload);
- `rate:P`: each entitled person receives with probability P;
- `quota` (slots from the administrative figures of the year) or `quota:N` (N slots): entitled
  persons are admitted in a fixed random order until the weighted caseload reaches the slots.

Each person has one uniform draw per program, a hash of the person identifier and the program
name, so the same people take up in the baseline and in a reform (no noise in gains), and the
draw does not depend on how households are split into chunks or workers. By default a reform
keeps the baseline's take-up rate: under a quota, the share of the entitled the slots reached
in the baseline; a reform may instead be given its own rules.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

MODES = ("full", "rate", "quota")


@dataclass(frozen=True)
class TakeUp:
    mode: str = "full"
    value: float | None = None  # the rate, or the slots (persons) of a quota; None = admin slots

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"take-up mode {self.mode!r} is not one of {', '.join(MODES)}")
        if self.mode == "rate" and not (self.value is not None and 0 <= self.value <= 1):
            raise ValueError("a take-up rate must be between 0 and 1")
        if self.mode == "quota" and self.value is not None and self.value < 0:
            raise ValueError("a quota must not be negative")

    @classmethod
    def parse(cls, text: str) -> TakeUp:
        """`full`, `quota`, `quota:6001000`, `rate:0.8` or a bare rate `0.8`."""
        text = text.strip().lower()
        mode, _, value = text.partition(":")
        try:
            if mode in {"full", "quota"} and not value:
                return cls(mode)
            if mode in {"quota", "rate"}:
                return cls(mode, float(value))
            return cls("rate", float(text))
        except ValueError as error:
            raise ValueError(
                f"{text!r} is not a take-up rule (full, quota, quota:N, rate:P or P): {error}"
            ) from None

    def __str__(self) -> str:
        if self.mode == "full":
            return "full"
        if self.mode == "rate":
            return f"rate {self.value:g}"
        return "quota (administrative slots)" if self.value is None else f"quota {self.value:,.0f}"


def uniform_draws(person_ids: np.ndarray, program: str) -> np.ndarray:
    """A uniform [0, 1) number per person for a program (SplitMix64 of id and program)."""
    key = np.uint64(int.from_bytes(hashlib.sha256(program.encode()).digest()[:8], "little"))
    z = np.asarray(person_ids).astype(np.uint64) ^ key
    with np.errstate(over="ignore"):
        z = z + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) / float(2**53)


def quota_threshold(draws: np.ndarray, weights: np.ndarray, slots: float) -> float:
    """The draw below which the entitled fill the slots (1.0 when the quota does not bind)."""
    if slots <= 0:
        return 0.0
    if weights.sum() <= slots:
        return 1.0
    order = np.argsort(draws, kind="stable")
    cumulative = np.cumsum(weights[order])
    count = int(np.searchsorted(cumulative, slots))
    if count > 0 and abs(cumulative[count - 1] - slots) <= abs(cumulative[count] - slots):
        count -= 1
    # Everyone up to and including position `count` is admitted.
    if count + 1 >= len(order):
        return 1.0
    return float((draws[order[count]] + draws[order[count + 1]]) / 2)
