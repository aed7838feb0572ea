"""Every indicator of a microsimulation, from the gathered household and entitlement tables.

All indicators are weighted: households by their survey weight, persons by the weight of their
household (PolicyEngine's convention, openfisca-survey-manager's too). Conventions:

- Welfare is consumption per person per month, the official HIES measure. Survey consumption
  already contains the transfers people reported; the pre-transfer welfare removes them
  (times the pass-through) and each scenario adds back its simulated transfers (times the
  pass-through): welfare_s = consumption - pt x reported + pt x simulated_s, per person.
- Poverty is person-weighted FGT 0, 1, 2 against each household's own upper and lower line.
- Income (for its Gini) is household income per person plus the scenario's transfers in full.
- Deciles rank persons by baseline welfare; the poorest quintile, for coverage, ranks them by
  pre-transfer welfare (ASPIRE's convention), the same in both scenarios.
- Insurance schemes (programs with a contribution variable) are reported as expected benefits,
  contributions and balance; they are not added to welfare (expected values, not transfers).
- Gains under 1 taka a year count as no change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from policy_bd.microsim import weighted
from policy_bd.microsim.admin import admin_figure, slots
from policy_bd.microsim.fiscal import FiscalYear
from policy_bd.microsim.programs import CONTRIBUTION, ProgramSpec
from policy_bd.microsim.takeup import TakeUp, quota_threshold
from policy_bd.microsim.weighted import ratio

CRORE = 1e7
LAKH = 1e5
NO_CHANGE = 1.0  # Tk per year
SCENARIOS = ("baseline", "reform")


@dataclass
class TakeUpOutcome:
    """Who receives each program in each scenario, and the rule that decided it."""

    received: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)  # rows received
    rule: dict[tuple[int, int], str] = field(default_factory=dict)
    note: dict[int, str] = field(default_factory=dict)


def default_takeup(program: ProgramSpec, year: FiscalYear) -> TakeUp:
    """Quota at the administrative slots for a program with figures; full take-up otherwise."""
    if not program.insurance and slots(program.name, year) is not None:
        return TakeUp("quota")
    return TakeUp("full")


def apply_takeup(
    entitlements: pd.DataFrame,
    weights: np.ndarray,
    programs: list[ProgramSpec],
    year: FiscalYear,
    *,
    baseline_rules: dict[str, TakeUp],
    reform_rules: dict[str, TakeUp],
    n_scenarios: int,
) -> TakeUpOutcome:
    outcome = TakeUpOutcome()
    program_column = entitlements["program"].to_numpy()
    scenario_column = entitlements["scenario"].to_numpy()
    draws = entitlements["draw"].to_numpy()
    entitled = entitlements["amount"].to_numpy() > 0
    row_weight = weights[entitlements["household_row"].to_numpy()]
    for number, program in enumerate(programs):
        base_rule = baseline_rules.get(program.name) or default_takeup(program, year)
        baseline_threshold = None
        for scenario in range(n_scenarios):
            rows = (program_column == number) & (scenario_column == scenario) & entitled
            rule = base_rule if scenario == 0 else reform_rules.get(program.name)
            if rule is None:  # the reform keeps the baseline's take-up rate
                rule = base_rule
                if base_rule.mode == "quota":
                    received = rows & (draws < baseline_threshold)
                    outcome.received[number, scenario] = received
                    outcome.rule[number, scenario] = (
                        f"baseline take-up rate ({baseline_threshold:.3f} of the entitled)"
                    )
                    continue
            if rule.mode == "full":
                received = rows
            elif rule.mode == "rate":
                received = rows & (draws < rule.value)
            else:
                quota = rule.value
                if quota is None:
                    found = slots(program.name, year)
                    quota, note = found if found else (np.inf, "no administrative figure")
                    if note:
                        outcome.note[number] = note
                threshold = quota_threshold(draws[rows], row_weight[rows], quota)
                if scenario == 0:
                    baseline_threshold = threshold
                received = rows & (draws < threshold)
            outcome.received[number, scenario] = received
            outcome.rule[number, scenario] = str(rule)
    return outcome


@dataclass
class Frame:
    """The gathered tables and the derived per-household arrays every indicator reads."""

    households: pd.DataFrame
    entitlements: pd.DataFrame
    programs: list[ProgramSpec]
    n_scenarios: int
    pass_through: float
    takeup: TakeUpOutcome

    def __post_init__(self) -> None:
        h = self.households
        self.weight = h["weight"].to_numpy()
        self.size = h["size"].to_numpy()
        self.person_weight = self.weight * self.size
        n = len(h)
        rows = self.entitlements["household_row"].to_numpy()
        amount = self.entitlements["amount"].to_numpy()
        transfer_programs = np.array([not p.insurance for p in self.programs])
        is_transfer = transfer_programs[self.entitlements["program"].to_numpy()]
        self.benefits = []
        for scenario in range(self.n_scenarios):
            received = np.zeros(len(amount), bool)
            for (_, s), mask in self.takeup.received.items():
                if s == scenario:
                    received |= mask
            self.benefits.append(
                np.bincount(
                    rows, weights=np.where(received & is_transfer, amount, 0.0), minlength=n
                )
            )
        if self.n_scenarios == 1:
            self.benefits.append(self.benefits[0])
        consumption = h["consumption_pc"].to_numpy()
        reported = h["reported_transfers"].to_numpy() / self.size / 12
        self.pre_transfer = np.maximum(consumption - self.pass_through * reported, 0.0)
        self.welfare = [
            self.pre_transfer + self.pass_through * b / self.size / 12 for b in self.benefits
        ]
        self.income = [(h["income"].to_numpy() + b) / self.size for b in self.benefits]
        self.gain = self.benefits[1] - self.benefits[0]
        self.line = {"upper": h["line_upper"].to_numpy(), "lower": h["line_lower"].to_numpy()}


def _triple(base: float | None, reform: float | None) -> dict:
    difference = None if base is None or reform is None else reform - base
    return {"baseline": base, "reform": reform, "difference": difference}


def program_table(frame: Frame, year: FiscalYear) -> pd.DataFrame:
    """Cost (Tk crore) and beneficiaries (lakh) per program, under the take-up rules."""
    e = frame.entitlements
    weights = frame.weight[e["household_row"].to_numpy()]
    amount = e["amount"].to_numpy()
    records = []
    for number, program in enumerate(frame.programs):
        if program.insurance:
            continue
        values = {}
        for scenario in range(2):
            s = min(scenario, frame.n_scenarios - 1)
            received = frame.takeup.received[number, s]
            values[scenario] = (
                np.dot(weights[received], amount[received]) / CRORE,
                weights[received].sum() / LAKH,
            )
        records.append(
            {
                "program": program.name,
                "label": program.label,
                "status": program.status,
                **{f"cost_crore_{k}": v for k, v in _triple(values[0][0], values[1][0]).items()},
                **{
                    f"beneficiaries_lakh_{k}": v
                    for k, v in _triple(values[0][1], values[1][1]).items()
                },
                "takeup_baseline": frame.takeup.rule[number, 0],
                "takeup_reform": frame.takeup.rule[number, frame.n_scenarios - 1],
            }
        )
    return pd.DataFrame.from_records(records)


def caseload_table(frame: Frame, year: FiscalYear) -> pd.DataFrame:
    """Caseload and cost three ways: everyone entitled, quota-limited, administrative figures."""
    e = frame.entitlements
    weights = frame.weight[e["household_row"].to_numpy()]
    amount = e["amount"].to_numpy()
    program_column = e["program"].to_numpy()
    scenario_column = e["scenario"].to_numpy()
    records = []
    for number, program in enumerate(frame.programs):
        if program.insurance:
            continue
        admin = admin_figure(program.name, year)
        for scenario in range(frame.n_scenarios):
            entitled = (program_column == number) & (scenario_column == scenario) & (amount > 0)
            received = frame.takeup.received[number, scenario]
            records.append(
                {
                    "program": program.name,
                    "scenario": SCENARIOS[scenario],
                    "eligible_lakh": weights[entitled].sum() / LAKH,
                    "eligible_cost_crore": np.dot(weights[entitled], amount[entitled]) / CRORE,
                    "quota_limited_lakh": weights[received].sum() / LAKH,
                    "quota_limited_cost_crore": np.dot(weights[received], amount[received]) / CRORE,
                    "takeup_rule": frame.takeup.rule[number, scenario],
                    "admin_lakh": admin["beneficiaries"] / LAKH if admin else None,
                    "admin_cost_crore": admin["cost_crore"] if admin else None,
                    "admin_cost_basis": admin["cost_basis"] if admin else None,
                    "admin_source": admin["source"] if admin else None,
                    "quota_note": frame.takeup.note.get(number, ""),
                }
            )
    return pd.DataFrame.from_records(records)


def poverty_table(frame: Frame) -> pd.DataFrame:
    h = frame.households
    groups = {
        "all": frame.person_weight,
        "children": frame.weight * h["children"].to_numpy(),
        "elderly": frame.weight * h["elderly"].to_numpy(),
    }
    records = []
    for line in ("upper", "lower"):
        for alpha, measure in enumerate(("headcount", "gap", "severity")):
            for group, weights in groups.items():
                values = [
                    weighted.fgt(frame.welfare[s], frame.line[line], weights, alpha)
                    for s in range(2)
                ]
                records.append(
                    {"line": line, "measure": measure, "group": group, **_triple(*values)}
                )
        poor = [np.dot(frame.person_weight, frame.welfare[s] < frame.line[line]) for s in range(2)]
        records.append(
            {
                "line": line,
                "measure": "poor_persons_lakh",
                "group": "all",
                **_triple(poor[0] / LAKH, poor[1] / LAKH),
            }
        )
    return pd.DataFrame.from_records(records)


def inequality_table(frame: Frame) -> pd.DataFrame:
    return pd.DataFrame.from_records(
        [
            {
                "measure": "gini_income",
                **_triple(*(weighted.gini(frame.income[s], frame.person_weight) for s in range(2))),
            },
            {
                "measure": "gini_consumption",
                **_triple(
                    *(weighted.gini(frame.welfare[s], frame.person_weight) for s in range(2))
                ),
            },
        ]
    )


def decile_table(frame: Frame) -> pd.DataFrame:
    decile = weighted.quantile_group(frame.welfare[0], frame.person_weight, 10) - 1
    persons = weighted.group_sum(decile, frame.person_weight, 10)
    gain = weighted.group_sum(decile, frame.weight * frame.gain, 10)
    consumption = weighted.group_sum(decile, frame.person_weight * frame.welfare[0] * 12, 10)
    base = weighted.group_sum(decile, frame.weight * frame.benefits[0], 10)
    win = weighted.group_sum(decile, frame.person_weight * (frame.gain > NO_CHANGE), 10)
    lose = weighted.group_sum(decile, frame.person_weight * (frame.gain < -NO_CHANGE), 10)
    return pd.DataFrame(
        {
            "decile": np.arange(1, 11),
            "persons_lakh": persons / LAKH,
            "mean_welfare_monthly": ratio(consumption / 12, persons),
            "baseline_benefit_per_person": ratio(base, persons),
            "mean_gain_per_person": ratio(gain, persons),
            "relative_gain": ratio(gain, consumption),
            "winners_share": ratio(win, persons),
            "losers_share": ratio(lose, persons),
        }
    )


def winners_losers(frame: Frame) -> dict:
    pw = frame.person_weight
    total = pw.sum()
    win = frame.gain > NO_CHANGE
    lose = frame.gain < -NO_CHANGE
    return {
        "winners_share": pw[win].sum() / total,
        "losers_share": pw[lose].sum() / total,
        "unchanged_share": pw[~win & ~lose].sum() / total,
        "winners_lakh": pw[win].sum() / LAKH,
        "losers_lakh": pw[lose].sum() / LAKH,
        "mean_gain_per_winner_household": weighted.mean(frame.gain[win], frame.weight[win])
        if win.any()
        else 0.0,
        "mean_loss_per_loser_household": weighted.mean(frame.gain[lose], frame.weight[lose])
        if lose.any()
        else 0.0,
    }


def region_table(frame: Frame) -> pd.DataFrame:
    h = frame.households
    records = []
    splits = [
        ("division", name, h["division"].to_numpy() == name)
        for name in sorted(h["division"].unique())
    ]
    urban = h["urban"].to_numpy()
    splits += [("area", "urban", urban), ("area", "rural", ~urban)]
    for kind, name, mask in splits:
        pw = frame.person_weight[mask]
        headcount = [
            weighted.fgt(frame.welfare[s][mask], frame.line["upper"][mask], pw, 0) for s in range(2)
        ]
        cost = [np.dot(frame.weight[mask], frame.benefits[s][mask]) / CRORE for s in range(2)]
        records.append(
            {
                "breakdown": kind,
                "region": name,
                "population_lakh": pw.sum() / LAKH,
                **{f"headcount_upper_{k}": v for k, v in _triple(*headcount).items()},
                **{f"transfers_crore_{k}": v for k, v in _triple(*cost).items()},
                "mean_gain_per_person": ratio(
                    np.dot(frame.weight[mask], frame.gain[mask]), pw.sum()
                ),
            }
        )
    return pd.DataFrame.from_records(records)


def coverage_table(frame: Frame) -> pd.DataFrame:
    """Coverage of the poorest quintile (pre-transfer welfare), overall and by program."""
    quintile = weighted.quantile_group(frame.pre_transfer, frame.person_weight, 5)
    poorest = quintile == 1
    pw = frame.person_weight
    records = []
    for s in range(2):
        covered = frame.benefits[s] > 0
        total = np.dot(frame.weight, frame.benefits[s])
        records.append(
            {
                "program": "all",
                "scenario": SCENARIOS[s],
                "coverage_poorest_quintile": ratio(pw[poorest & covered].sum(), pw[poorest].sum()),
                "coverage_population": pw[covered].sum() / pw.sum(),
                "share_of_transfers_to_poorest_quintile": (
                    np.dot(frame.weight[poorest], frame.benefits[s][poorest]) / total
                    if total > 0
                    else 0.0
                ),
            }
        )
    e = frame.entitlements
    rows = e["household_row"].to_numpy()
    amount = e["amount"].to_numpy()
    n = len(frame.weight)
    for number, program in enumerate(frame.programs):
        if program.insurance:
            continue
        for s in range(frame.n_scenarios):
            received = frame.takeup.received[number, s]
            per_household = np.bincount(rows[received], weights=amount[received], minlength=n)
            covered = per_household > 0
            total = np.dot(frame.weight, per_household)
            records.append(
                {
                    "program": program.name,
                    "scenario": SCENARIOS[s],
                    "coverage_poorest_quintile": ratio(
                        pw[poorest & covered].sum(), pw[poorest].sum()
                    ),
                    "coverage_population": pw[covered].sum() / pw.sum(),
                    "share_of_transfers_to_poorest_quintile": (
                        np.dot(frame.weight[poorest], per_household[poorest]) / total
                        if total > 0
                        else 0.0
                    ),
                }
            )
    return pd.DataFrame.from_records(records)


def targeting_table(frame: Frame) -> pd.DataFrame:
    """Today's allowances against reported receipt (baseline rules, full entitlement).

    inclusion_error: share of reported recipients the rules do not entitle;
    exclusion_error: share of the entitled who report no receipt;
    non_poor_recipients: share of reported recipients above the upper line (pre-transfer);
    excluded_eligible_poor: share of entitled persons below the upper line reporting no receipt.
    """
    e = frame.entitlements
    base = e["scenario"].to_numpy() == 0
    weights = frame.weight[e["household_row"].to_numpy()]
    rows = e["household_row"].to_numpy()
    poor_household = frame.pre_transfer < frame.line["upper"]
    records = []
    for number, program in enumerate(frame.programs):
        mask = base & (e["program"].to_numpy() == number)
        reported = e["reported"].to_numpy(dtype=bool) & mask
        if not reported.any():
            continue
        entitled = (e["amount"].to_numpy() > 0) & mask
        poor = poor_household[rows]
        w = weights
        records.append(
            {
                "program": program.name,
                "reported_lakh": w[reported].sum() / LAKH,
                "entitled_lakh": w[entitled].sum() / LAKH,
                "entitled_and_reported_lakh": w[entitled & reported].sum() / LAKH,
                "inclusion_error": w[reported & ~entitled].sum() / w[reported].sum(),
                "exclusion_error": (
                    w[entitled & ~reported].sum() / w[entitled].sum() if entitled.any() else None
                ),
                "non_poor_recipients": w[reported & ~poor].sum() / w[reported].sum(),
                "excluded_eligible_poor": (
                    w[entitled & poor & ~reported].sum() / w[entitled & poor].sum()
                    if (entitled & poor).any()
                    else None
                ),
                "reported_cost_crore": np.dot(
                    w[reported], e["reported_amount"].to_numpy()[reported]
                )
                / CRORE,
            }
        )
    return pd.DataFrame.from_records(records)


def insurance_table(frame: Frame) -> pd.DataFrame:
    """Expected benefits, contributions and balance (Tk crore) of each insurance scheme."""
    e = frame.entitlements
    weights = frame.weight[e["household_row"].to_numpy()]
    records = []
    for number, program in enumerate(frame.programs):
        if not program.insurance:
            continue
        values = []
        for scenario in range(2):
            s = min(scenario, frame.n_scenarios - 1)
            mask = (e["program"].to_numpy() == number) & (e["scenario"].to_numpy() == s)
            benefits = np.dot(weights[mask], e["amount"].to_numpy()[mask]) / CRORE
            contributions = np.dot(weights[mask], e["contribution"].to_numpy()[mask]) / CRORE
            contributors = weights[mask & (e["contribution"].to_numpy() > 0)].sum() / LAKH
            if program.kind == CONTRIBUTION:  # a total over schemes: no benefits of its own
                benefits = None
            balance = None if benefits is None else contributions - benefits
            values.append((benefits, contributions, balance, contributors))
        for index, name in enumerate(
            ("expected_benefits_crore", "contributions_crore", "balance_crore", "contributors_lakh")
        ):
            records.append(
                {
                    "program": program.name,
                    "label": program.label,
                    "measure": name,
                    **_triple(values[0][index], values[1][index]),
                }
            )
    return pd.DataFrame.from_records(
        records, columns=["program", "label", "measure", "baseline", "reform", "difference"]
    )
