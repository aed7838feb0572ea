"""Synthetic returnee records for benchmarks and demonstrations (not real people).

`synthetic_records(n, seed)` draws every field independently with numpy, as text columns in the
file schema, so that large files can be screened without shipping data. A share of rows can be
spoiled with an impossible date of birth to exercise the row checks at scale.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from policy_bd.adapters.remimis.schema import SKILL_CODES
from policy_bd.migrant_enums import DestinationCountry, LoanProduct, ReturnReason


def _dates(rng, first: str, last: str, n: int) -> np.ndarray:
    start, stop = np.datetime64(first), np.datetime64(last)
    return start + rng.integers(0, (stop - start).astype(int) + 1, n).astype("timedelta64[D]")


def _text(values) -> np.ndarray:
    return np.asarray(values).astype(str)


def _bool_text(mask: np.ndarray) -> np.ndarray:
    return np.where(mask, "true", "false")


def synthetic_records(n: int, seed: int = 0, bad_share: float = 0.0) -> pd.DataFrame:
    """`n` synthetic returnee records as a text table; `bad_share` of them get a bad birth date."""
    rng = np.random.default_rng(seed)
    returned = _dates(rng, "2018-01-01", "2025-05-31", n)
    departed = returned - rng.integers(20, 3650, n).astype("timedelta64[D]")
    injured = rng.random(n) < 0.1
    cost = rng.integers(1, 200, n) * 1000
    amounts = rng.integers(0, 61, n) * 100000
    skills = np.array(["", *SKILL_CODES[:6], "driving;electrical", "construction;welding"])
    frame = pd.DataFrame(
        {
            "returnee_id": np.char.add("SYN-", _text(np.arange(1, n + 1))),
            "sex": np.where(rng.random(n) < 0.8, "male", "female"),
            "date_of_birth": _text(_dates(rng, "1965-01-01", "2003-12-31", n)),
            "date_of_return": _text(returned),
            "date_of_departure": _text(departed),
            "country_of_last_employment": rng.choice([c.name for c in DestinationCountry], n),
            "months_abroad": _text(rng.integers(1, 150, n)),
            "reason_for_return": rng.choice([r.name for r in ReturnReason], n),
            "skills": rng.choice(skills, n),
            "migrated_with_bmet_clearance": _bool_text(rng.random(n) < 0.85),
            "wewb_member": _bool_text(rng.random(n) < 0.2),
            "injured_or_ill": _bool_text(injured),
            "treatment_cost": np.where(injured & (rng.random(n) < 0.7), _text(cost), ""),
            "family_member_died_abroad": _bool_text(rng.random(n) < 0.05),
            "employer_paid_full_migration_cost": _bool_text(rng.random(n) < 0.15),
            "has_overseas_job_offer": _bool_text(rng.random(n) < 0.1),
            "completed_training": _bool_text(rng.random(n) < 0.3),
            "requested_loan_product": rng.choice([p.name for p in LoanProduct], n),
            "requested_loan_amount": np.where(amounts > 0, _text(amounts), ""),
            "requested_loan_term_months": rng.choice(
                ["", "12", "24", "36", "60", "84", "120", "144"], n
            ),
            "loan_group_members": rng.choice(["", "1", "5", "6"], n, p=[0.7, 0.15, 0.1, 0.05]),
        }
    )
    spoiled = rng.random(n) < bad_share
    frame.loc[spoiled, "date_of_birth"] = "1990-02-30"
    return frame
