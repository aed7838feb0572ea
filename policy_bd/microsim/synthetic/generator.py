"""Generate a synthetic HIES-like sample: vectorised, deterministic by seed, calibrated.

One chunk is a self-contained replicate of the survey design: PSUs allocated to the sixteen
strata, households built from templates, weights raked to the population margins, then labour,
disability, safety-net receipt, consumption and income drawn and tuned to the published targets.
A chunk of n households out of N represents n/N of the population, so chunks generated with the
seeds spawned from one seed add up to a calibrated sample of any size, one chunk in memory at a
time. See `design.yaml` for every target and assumption.

Order of the steps (each uses the final weights of the step before):
1. PSUs, households and members (templates); latent welfare w with a PSU effect.
2. Raking: households and persons by stratum, persons by age band and sex, widowed shares.
3. Washington Group difficulty, employment, job attributes: exact weighted selection to targets.
4. Reported safety-net receipt: selection by score (eligibility, poverty, noise) to caseloads.
5. Consumption: per stratum, the lower tail of w is mapped onto the two poverty lines so the
   headcounts hold exactly; the upper tail's spread is tuned to the consumption Gini.
6. Income by source: the scale is tuned to mean household income (urban, rural), the spread of
   earnings to the income Gini.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from policy_bd.microsim import weighted
from policy_bd.microsim.schema import DIVISIONS, WASHINGTON_GROUP, reported_columns
from policy_bd.microsim.synthetic import plan
from policy_bd.microsim.synthetic.calibrate import bisect, cut_for_share, rake, select_top

GENERATOR_VERSION = "1.1"
HOUSEHOLD_ID_STRIDE = 10_000_000  # household ids: chunk * stride + index
PERSON_ID_FACTOR = 100  # person ids: household id * 100 + position in the household

# Member kinds, in the order members are listed in a household.
HEAD, SPOUSE, CHILD, SON, DAUGHTER_IN_LAW, GRANDCHILD, PARENT, OTHER = range(8)
KIND_ROLE = np.array(["head", "spouse", "child", "child", "other", "other", "other", "other"])


def _choice(rng, probabilities: np.ndarray) -> np.ndarray:
    """One category index per row, each row with its own probabilities (rows sum to 1)."""
    cumulative = np.cumsum(probabilities, axis=1)
    draws = rng.random((probabilities.shape[0], 1)) * cumulative[:, -1:]
    return (draws > cumulative).sum(axis=1)


# ---------------------------------------------------------------------------------------------
# 1. Households and members
# ---------------------------------------------------------------------------------------------


def _households(rng, n_households: int, scale: float) -> pd.DataFrame:
    strata = plan.strata()
    sampling = plan.design()["sampling"]
    per_psu = sampling["households_per_psu"]
    n_psus = n_households // per_psu
    if n_psus < 2 * len(strata):
        raise ValueError(
            f"at least {2 * len(strata) * per_psu} households are needed "
            f"(two PSUs of {per_psu} in each of {len(strata)} strata)"
        )
    minimum = max(1, min(sampling["min_psus_per_stratum"], n_psus // (2 * len(strata))))
    psus = plan.allocate_psus(n_psus, strata.households, minimum)
    psu_stratum = np.repeat(np.arange(len(strata)), psus)
    psu_size = np.full(n_psus, per_psu)
    psu_size[: n_households - per_psu * n_psus] += 1  # the remainder, one more in the first PSUs
    stratum = np.repeat(psu_stratum, psu_size)
    psu = np.repeat(np.arange(n_psus), psu_size)
    in_stratum = np.bincount(stratum, minlength=len(strata))
    share = sampling["psu_effect_share"]
    latent = np.sqrt(share) * rng.standard_normal(n_psus)[psu] + np.sqrt(
        1 - share
    ) * rng.standard_normal(n_households)
    return pd.DataFrame(
        {
            "stratum_index": stratum,
            "psu_id": psu,
            "design_weight": strata.households[stratum] * scale / in_stratum[stratum],
            "latent": latent,
        }
    )


def _members(rng, n: int) -> pd.DataFrame:
    """Members of n households from templates: head, spouse, children, extended family."""
    c = plan.assumption("composition")
    female_head = rng.random(n) < c["female_head"]
    head_age = np.where(
        female_head, 22 + rng.beta(2.5, 2.5, n) * 60, 20 + rng.beta(2.2, 3.2, n) * 62
    ).round()
    spouse_rates = c["spouse_by_head_age"]
    p_spouse = np.select(
        [head_age < 60, head_age < 70],
        [spouse_rates["under_60"], spouse_rates["60_to_69"]],
        spouse_rates["70_plus"],
    )
    has_spouse = ~female_head & (rng.random(n) < p_spouse)
    spouse_age = np.clip(head_age - 3 - rng.poisson(4, n), 15, 98)
    mother_age = np.where(has_spouse, spouse_age, np.where(female_head, head_age, head_age - 5))
    knots = c["children_by_mother_age"]
    mean_children = np.interp(
        mother_age, [float(k) for k in knots], [float(v) for v in knots.values()]
    )
    n_children = np.minimum(rng.poisson(mean_children), 7)
    n_parents = (
        (head_age >= 25) & (head_age <= 60) & (rng.random(n) < c["parent_in_household"])
    ) * (1 + (rng.random(n) < c["second_parent"]))
    extended = (head_age >= 50) & (rng.random(n) < c["extended_family_head_50_plus"])
    n_grandchildren = extended * rng.poisson(c["grandchildren_mean"], n)
    n_other = rng.poisson(c["other_relatives_mean"], n)
    counts = {
        HEAD: np.ones(n, int),
        SPOUSE: has_spouse.astype(int),
        CHILD: n_children,
        SON: extended.astype(int),
        DAUGHTER_IN_LAW: extended.astype(int),
        GRANDCHILD: n_grandchildren,
        PARENT: n_parents,
        OTHER: n_other,
    }
    household = np.concatenate([np.repeat(np.arange(n), k) for k in counts.values()])
    kind = np.concatenate([np.full(k.sum(), kind) for kind, k in counts.items()])
    rank = np.concatenate(
        [np.arange(k.sum()) - np.repeat(np.cumsum(k) - k, k) for k in counts.values()]
    )
    order = np.lexsort((rank, kind, household))
    household, kind, rank = household[order], kind[order], rank[order]
    m = len(household)
    u = rng.random(m)

    mother = mother_age[household]
    low = np.maximum(0, mother - 45)
    high = np.maximum(0, mother - 16)
    son_age = np.clip(mother - 20 - rng.integers(0, 10, m), 20, None)
    dil_age = np.clip(son_age - 3 - rng.poisson(3, m), 16, None)
    grand_high = np.clip(dil_age - 16, 0, 12)
    age = np.select(
        [
            kind == HEAD,
            kind == SPOUSE,
            kind == CHILD,
            kind == SON,
            kind == DAUGHTER_IN_LAW,
            kind == GRANDCHILD,
            kind == PARENT,
        ],
        [
            head_age[household],
            spouse_age[household],
            low + np.floor(u * (high - low + 1)),
            son_age,
            dil_age,
            np.floor(u * (grand_high + 1)),
            np.clip(head_age[household] + 22 + np.floor(u * 14), 45, 98),
        ],
        5 + np.floor(u * 66),
    ).astype(np.int16)

    male_draw = rng.random(m)
    first_parent_female = rng.random(n) < 0.72
    male = np.select(
        [
            kind == HEAD,
            kind == SPOUSE,
            kind == SON,
            kind == DAUGHTER_IN_LAW,
            kind == PARENT,
        ],
        [
            ~female_head[household],
            female_head[household],  # a spouse is of the other sex (male heads only have spouses)
            True,
            False,
            np.where(rank == 0, ~first_parent_female[household], first_parent_female[household]),
        ],
        male_draw < 0.51,
    )

    marital = _marital_status(
        rng, kind, age, male, head_has_spouse=has_spouse[household], n_parents=n_parents[household]
    )
    return pd.DataFrame(
        {
            "household_index": household,
            "kind": kind.astype(np.int8),
            "role": KIND_ROLE[kind],
            "age": age,
            "sex": np.where(male, "male", "female"),
            "marital_status": marital,
        }
    )


def _marital_status(rng, kind, age, male, *, head_has_spouse, n_parents) -> np.ndarray:
    states = np.array(["never_married", "married", "widowed", "divorced", "separated"])
    m = len(kind)
    # Probabilities of (never, married, widowed, divorced, separated) for each person.
    p = np.zeros((m, 5))
    p[:, 0] = 1.0

    def put(mask, row):
        p[mask] = row

    head = kind == HEAD
    put(head & male & head_has_spouse, [0, 1, 0, 0, 0])
    put(head & male & ~head_has_spouse & (age < 55), [0.75, 0, 0.1, 0.1, 0.05])
    put(head & male & ~head_has_spouse & (age >= 55), [0.05, 0.35, 0.5, 0.05, 0.05])
    put(head & ~male & (age < 35), [0.0, 0.6, 0.15, 0.12, 0.13])
    put(head & ~male & (age >= 35) & (age < 55), [0.0, 0.35, 0.45, 0.1, 0.1])
    put(head & ~male & (age >= 55), [0.0, 0.1, 0.85, 0.025, 0.025])
    put((kind == SPOUSE) | (kind == SON) | (kind == DAUGHTER_IN_LAW), [0, 1, 0, 0, 0])
    child = kind == CHILD
    put(child & male & (age >= 25) & (age < 35), [0.5, 0.5, 0, 0, 0])
    put(child & male & (age >= 35), [0.3, 0.7, 0, 0, 0])
    put(child & male & (age >= 18) & (age < 25), [0.9, 0.1, 0, 0, 0])
    put(child & ~male & (age >= 15) & (age < 20), [0.85, 0.15, 0, 0, 0])
    put(child & ~male & (age >= 20), [0.55, 0.2, 0.05, 0.1, 0.1])
    parent = kind == PARENT
    put(parent & (n_parents == 2), [0, 1, 0, 0, 0])
    put(parent & (n_parents == 1) & ~male, [0, 0.1, 0.9, 0, 0])
    put(parent & (n_parents == 1) & male, [0, 0.5, 0.5, 0, 0])
    put((kind == OTHER) & (age >= 18) & ~male, [0.4, 0.35, 0.2, 0.05, 0])
    put((kind == OTHER) & (age >= 18) & male, [0.45, 0.5, 0.03, 0.02, 0])
    p[age < 10] = [1, 0, 0, 0, 0]
    return states[_choice(rng, p)]


# ---------------------------------------------------------------------------------------------
# 2. Raking
# ---------------------------------------------------------------------------------------------

AGE_BANDS = ((0, 15), (15, 60), (60, 65), (65, 200))


def _age_sex_targets(population: float) -> np.ndarray:
    aged_60 = plan.target("aged_60_plus")["value"]
    aged_65 = plan.target("aged_65_plus")["value"]
    aged_0_14 = plan.assumption("aged_0_14")["value"]
    bands = np.array([aged_0_14, 1 - aged_0_14 - aged_60, aged_60 - aged_65, aged_65])
    male = plan.target("male_share")["value"]
    return np.concatenate([bands * male, bands * (1 - male)]) * population


def _rake(households: pd.DataFrame, persons: pd.DataFrame, scale: float) -> np.ndarray:
    strata = plan.strata()
    n, k = len(households), len(strata)
    hh = persons["household_index"].to_numpy()
    stratum = households["stratum_index"].to_numpy()
    columns, targets = [], []
    # Households and persons by stratum.
    columns.append(np.eye(k)[stratum])
    targets.append(strata.households * scale)
    size = np.bincount(hh, minlength=n)
    columns.append(np.eye(k)[stratum] * size[:, None])
    targets.append(strata.population * scale)
    # Persons by age band and sex.
    age = persons["age"].to_numpy()
    female = (persons["sex"] == "female").to_numpy()
    band = np.digitize(age, [b[1] for b in AGE_BANDS[:-1]])
    cell = band + len(AGE_BANDS) * female
    counts = np.zeros((n, 2 * len(AGE_BANDS)))
    np.add.at(counts, (hh, cell), 1)
    columns.append(counts)
    targets.append(_age_sex_targets(strata.population.sum() * scale))
    # Widowed shares among women and men aged 10+ (share margins: target 0).
    widowed = (persons["marital_status"] == "widowed").to_numpy()
    for is_female, name in ((True, "widowed_women_10_plus"), (False, "widowed_men_10_plus")):
        share = plan.target(name)["value"]
        group = (age >= 10) & (female == is_female)
        columns.append(
            np.bincount(hh, weights=(group & widowed) - share * group, minlength=n)[:, None]
        )
        targets.append([0.0])
    return rake(
        households["design_weight"].to_numpy(),
        np.hstack(columns),
        np.concatenate([np.asarray(t, dtype=float) for t in targets]),
    )


# ---------------------------------------------------------------------------------------------
# 3. Disability, employment and jobs
# ---------------------------------------------------------------------------------------------

WG_DOMAIN_WEIGHTS = np.array([0.25, 0.12, 0.28, 0.15, 0.10, 0.10])


def _disability(rng, persons: pd.DataFrame, weight: np.ndarray, scale: float) -> dict:
    age = persons["age"].to_numpy().astype(float)
    m = len(age)
    score = -2.0 + 0.045 * np.maximum(age - 40, 0) + rng.standard_normal(m)
    severe = select_top(score, weight, plan.target("disability_severe")["value"] * scale)
    some = ~severe & select_top(np.where(severe, -np.inf, score), weight, 0.09 * weight.sum())
    levels = np.ones((m, len(WASHINGTON_GROUP)), dtype=np.int8)
    # The domains in difficulty: one for sure, a second and third with some probability.
    for extra in range(3):
        domain = _choice(rng, np.broadcast_to(WG_DOMAIN_WEIGHTS, (m, len(WASHINGTON_GROUP))))
        chosen = (severe | some) & ((extra == 0) | (rng.random(m) < 0.3))
        level = np.where(severe, np.where(rng.random(m) < 0.3, 4, 3), 2).astype(np.int8)
        rows = np.flatnonzero(chosen)
        levels[rows, domain[rows]] = np.maximum(levels[rows, domain[rows]], level[rows])
    return {name: levels[:, i] for i, name in enumerate(WASHINGTON_GROUP)}


def _labour(rng, persons: pd.DataFrame, weight: np.ndarray, urban: np.ndarray, scale: float):
    age = persons["age"].to_numpy()
    female = (persons["sex"] == "female").to_numpy()
    m = len(age)
    men = np.select(
        [age < 15, age < 20, age < 25, age < 55, age < 60, age < 65, age < 70],
        [-np.inf, -0.3, 1.2, 3.0, 2.0, 1.0, 0.0],
        -1.2,
    )
    women = (
        np.select(
            [age < 15, age < 20, age < 55, age < 60, age < 65],
            [-np.inf, -1.2, -0.3, -0.8, -1.5],
            -2.5,
        )
        + 0.3 * ~urban
    )
    score = np.where(female, women, men) + rng.logistic(size=m)
    employed_total = plan.target("employed")["value"] * scale
    women_lf = plan.target("women_labour_force")["value"] * scale
    women_employed = women_lf * (1 - plan.assumption("women_unemployment_rate")["value"])
    employed = np.zeros(m, bool)
    employed[female] = select_top(score[female], weight[female], women_employed)
    employed[~female] = select_top(score[~female], weight[~female], employed_total - women_employed)
    unemployed_total = plan.target("unemployed")["value"] * scale
    jobless = np.where(employed | (age < 15) | (age > 64), -np.inf, score)
    unemployed = np.zeros(m, bool)
    women_unemployed = women_lf - women_employed
    unemployed[female] = select_top(jobless[female], weight[female], women_unemployed)
    unemployed[~female] = select_top(
        jobless[~female], weight[~female], unemployed_total - women_unemployed
    )
    status = np.where(employed, "employed", np.where(unemployed, "unemployed", "inactive"))
    return employed, status


def _jobs(rng, persons, weight, employed, urban, *, latent, division, scale) -> dict:
    m = len(persons)
    female = (persons["sex"] == "female").to_numpy()
    age = persons["age"].to_numpy()
    # Status in employment: (day labourer, self-employed, employer, employee) by sex and area,
    # shifted by welfare (day labourers poorer, employers richer), drawn by Gumbel-max.
    table = np.array(
        [
            [0.24, 0.46, 0.01, 0.29],  # rural men
            [0.14, 0.33, 0.02, 0.51],  # urban men
            [0.07, 0.62, 0.003, 0.307],  # rural women
            [0.07, 0.33, 0.005, 0.595],  # urban women
        ]
    )
    base = table[2 * female + urban]
    tilt = np.outer(latent, [-0.6, 0.0, 0.8, 0.3])
    kind = np.argmax(np.log(base) + tilt + rng.gumbel(size=(m, 4)), axis=1)
    types = np.array(["day_labourer", "self_employed", "employer", "employee"])
    employment_type = np.where(employed, types[kind], "none")

    employee = employment_type == "employee"
    day = employment_type == "day_labourer"
    employer_names = np.array(
        ["government", "autonomous_body", "local_government", "private_company", "ngo", "household"]
    )
    employer_of_employee = employer_names[
        _choice(rng, np.broadcast_to([0.10, 0.03, 0.02, 0.73, 0.04, 0.08], (m, 6)))
    ]
    employer_type = np.select(
        [employee, day, employed],
        [
            employer_of_employee,
            np.where(rng.random(m) < 0.55, "household", "private_company"),
            "self_employed",
        ],
        "none",
    )
    public = np.isin(employer_type, ["government", "autonomous_body", "local_government"])

    # Ready-made garments: private-company employees aged 18-45, mostly in Dhaka and Chattogram.
    in_rmg_area = np.isin(division, ["dhaka", "chattogram"])
    rmg_pool = employee & (employer_type == "private_company") & (age >= 18) & (age <= 45)
    rmg_score = np.where(
        rmg_pool, 1.2 * in_rmg_area + 0.7 * female + 0.5 * urban + rng.logistic(size=m), -np.inf
    )
    rmg = select_top(rmg_score, weight, plan.target("rmg_workers")["value"] * scale)
    sector_names = np.array(
        [
            "agriculture",
            "construction",
            "transport",
            "services",
            "other_manufacturing",
            "leather",
            "frozen_food",
        ]
    )
    rural_day = [0.65, 0.15, 0.05, 0.15, 0, 0, 0]
    urban_day = [0.05, 0.40, 0.20, 0.25, 0.10, 0, 0]
    rural_self = [0.60, 0.0, 0.05, 0.30, 0.05, 0, 0]
    urban_self = [0.10, 0.0, 0.15, 0.65, 0.10, 0, 0]
    private = [0.05, 0.10, 0.10, 0.45, 0.25, 0.03, 0.02]
    table = np.array([rural_day, urban_day, rural_self, urban_self, private])
    group = np.select([day & ~urban, day, ~urban & ~employee, ~employee], [0, 1, 2, 3], 4)
    probabilities = table[group]
    sector = sector_names[_choice(rng, probabilities)]
    sector = np.select(
        [~employed, rmg, public, employer_type == "household"],
        [
            "none",
            np.where(
                rng.random(m) < plan.assumption("rmg_share_export"), "rmg_export", "rmg_domestic"
            ),
            "public_administration",
            "domestic_work",
        ],
        sector,
    )
    # Formal jobs: public employers, then private employees by welfare and size, to 15.1%.
    establishment = (
        np.select(
            [rmg, public, employer_type == "household", employee, day],
            [
                np.exp(np.log(800) + 0.8 * rng.standard_normal(m)),
                np.exp(np.log(200) + 1.0 * rng.standard_normal(m)),
                1,
                np.exp(np.log(15) + 1.2 * rng.standard_normal(m)),
                1 + np.floor(rng.random(m) * 10),
            ],
            np.where(employed, 1 + np.floor(rng.random(m) * 3), 0),
        )
        .round()
        .astype(np.int32)
    )
    formal_target = (1 - plan.target("informal_share")["value"]) * weight[employed].sum()
    remaining = formal_target - weight[public].sum()
    formal_score = np.where(
        employee & ~public & (employer_type != "household"),
        0.5 * np.log(np.maximum(establishment, 1)) + latent + 1.0 * rmg + rng.logistic(size=m),
        -np.inf,
    )
    is_formal = public | select_top(formal_score, weight, max(remaining, 0.0))
    months = np.where(
        employee,
        np.minimum(rng.exponential(60, m), np.maximum(age - 14, 0) * 12),
        0,
    ).astype(np.int32)
    return {
        "employment_type": employment_type,
        "employer_type": employer_type,
        "sector": sector,
        "is_formal": is_formal,
        "establishment_size": establishment,
        "months_of_service": months,
    }


# ---------------------------------------------------------------------------------------------
# 4. Reported safety-net receipt
# ---------------------------------------------------------------------------------------------


def _receipt(rng, persons: pd.DataFrame, weight, welfare, scale) -> dict:
    age = persons["age"].to_numpy()
    female = (persons["sex"] == "female").to_numpy()
    marital = persons["marital_status"].to_numpy()
    m = len(age)
    severe = np.zeros(m, bool)
    some = np.zeros(m, bool)
    for name in WASHINGTON_GROUP:
        severe |= persons[name].to_numpy() >= 3
        some |= persons[name].to_numpy() == 2
    noise = rng.logistic(size=(m, 5))
    age_eligible = age >= np.where(female, 62, 65)
    without_husband = female & np.isin(marital, ["widowed", "divorced", "separated"])
    young_child = persons["has_child_under_3"].to_numpy()
    scores = {
        "old_age_allowance": np.where(
            age >= 50,
            3.0 * age_eligible + 1.0 * (age >= 58) - 0.8 * welfare + 0.4 * female + noise[:, 0],
            -np.inf,
        ),
        "widow_allowance": np.where(
            female & (age >= 18), 3.0 * without_husband - 0.8 * welfare + noise[:, 1], -np.inf
        ),
        "disability_allowance": np.where(
            age >= 4, 3.0 * severe + 1.0 * some - 0.6 * welfare + noise[:, 2], -np.inf
        ),
        "mother_and_child_benefit": np.where(
            female & (age >= 18) & (age <= 40),
            2.5 * young_child - 0.8 * welfare + noise[:, 3],
            -np.inf,
        ),
    }
    caseloads = plan.target("caseloads")["values"]
    monthly = plan.assumption("reported_monthly_amount")["values"]
    out = {}
    taken = np.zeros(m, bool)
    for program, score in scores.items():
        # A person reports one DSS allowance at most; the programs pick in the order above.
        chosen = select_top(np.where(taken, -np.inf, score), weight, caseloads[program] * scale)
        taken |= chosen
        flag, amount = reported_columns(program)
        out[flag] = chosen
        out[amount] = np.where(chosen, 12.0 * monthly[program], 0.0)
    other = select_top(
        np.where((age >= 18) & ~taken, 2.0 * (age >= 60) + noise[:, 4], -np.inf),
        weight,
        plan.assumption("other_allowance_recipients")["value"] * scale,
    )
    out["receives_other_allowance"] = other
    return out


# ---------------------------------------------------------------------------------------------
# 5. Consumption and poverty lines
# ---------------------------------------------------------------------------------------------


def _consumption(households: pd.DataFrame, person_weight: np.ndarray) -> np.ndarray:
    """Consumption per person per month: lower tails fitted to the lines, spread to the Gini."""
    strata = plan.strata()
    stratum = households["stratum_index"].to_numpy()
    welfare = households["welfare"].to_numpy()
    log_line_u = np.log(strata.line_upper)
    log_line_l = np.log(strata.line_lower)
    centre = np.zeros(len(strata))
    mu = np.zeros(len(strata))
    sigma_low = np.zeros(len(strata))
    for s in range(len(strata)):
        here = stratum == s
        w, pw = welfare[here], person_weight[here]
        q_u = cut_for_share(w, pw, strata.poverty_upper[s])
        q_l = cut_for_share(w, pw, strata.poverty_lower[s])
        centre[s] = weighted.quantile(w, pw, 0.5)
        sigma_low[s] = (log_line_u[s] - log_line_l[s]) / (q_u - q_l)
        mu[s] = log_line_u[s] - sigma_low[s] * (q_u - centre[s])
    deviation = welfare - centre[stratum]

    def consumption(sigma_high: float) -> np.ndarray:
        spread = np.where(deviation < 0, sigma_low[stratum], sigma_high)
        return np.exp(mu[stratum] + spread * deviation)

    gini_target = plan.target("consumption_gini")["value"]
    sigma_high = bisect(
        lambda s: weighted.gini(consumption(s), person_weight), 0.05, 3.0, gini_target
    )
    return consumption(sigma_high)


# ---------------------------------------------------------------------------------------------
# 6. Income
# ---------------------------------------------------------------------------------------------


def _income(rng, persons, households, *, person_weight_hh, jobs, hh_index, urban_person):
    """Earnings and household income sources, tuned to mean income and the income Gini."""
    a = plan.assumption
    n = len(households)
    m = len(persons)
    base = a("earnings_base")
    etype = jobs["employment_type"]
    female = (persons["sex"] == "female").to_numpy()
    area = np.where(urban_person, "urban", "rural")
    base_monthly = np.zeros(m)
    for kind in ("day_labourer", "employee", "self_employed", "employer"):
        for place in ("rural", "urban"):
            base_monthly[(etype == kind) & (area == place)] = base[kind][place]
    base_monthly *= np.where(female, base["women_factor"], 1.0)
    base_monthly *= np.where(
        np.isin(jobs["employer_type"], ["government", "autonomous_body", "local_government"]),
        base["government_factor"],
        1.0,
    )
    welfare = households["welfare"].to_numpy()
    z = (welfare - welfare.mean()) / welfare.std()
    shock = 0.6 * z[hh_index] + 0.8 * rng.standard_normal(m)
    wage_earner = np.isin(etype, ["day_labourer", "employee"])
    business = np.isin(etype, ["self_employed", "employer"])
    urban = households["urban"].to_numpy()

    # Household-level sources (Tk per year).
    region_boost = np.isin(households["division"], ["chattogram", "sylhet"]) * 0.8
    migrants = select_top(
        region_boost + 0.3 * z + rng.logistic(size=n),
        households["household_weight"].to_numpy(),
        plan.target("foreign_remittance_recipients")["value"]
        * households["household_weight"].sum(),
    )
    n_migrants = migrants * (1 + rng.poisson(0.15, n))
    remit_mean = plan.target("foreign_remittance_mean_annual")["value"]
    foreign = np.where(
        migrants, remit_mean * np.exp(0.7 * rng.standard_normal(n) - 0.7**2 / 2), 0.0
    )
    domestic_spec = a("domestic_remittance")
    domestic = np.where(
        rng.random(n) < domestic_spec["recipients"] * np.where(urban, 0.6, 1.3),
        domestic_spec["mean"] * np.exp(0.8 * rng.standard_normal(n) - 0.32),
        0.0,
    )
    property_spec = a("property_income")
    owners = rng.random(n) < property_spec["recipients"] * (1 + np.tanh(z))
    property_draw = np.where(owners, np.exp(z + rng.standard_normal(n)), 0.0)
    other_draw = rng.exponential(1.0, n)
    earning_noise = rng.standard_normal(m)

    household_weight = households["household_weight"].to_numpy()

    def components(spread: float, scale_rural: float, scale_urban: float):
        scale = np.where(urban, scale_urban, scale_rural)
        log_earning = (
            np.log(np.maximum(base_monthly, 1.0))
            + spread * (shock + 0.3 * earning_noise)
            - (spread**2) * 0.5
        )
        earning = np.where(wage_earner | business, np.exp(log_earning), 0.0) * scale[hh_index]
        wages = np.where(wage_earner, earning, 0.0)
        business_total = np.bincount(
            hh_index, weights=np.where(business, earning, 0.0), minlength=n
        )
        property_income = property_draw * property_spec["median"] * scale
        other = other_draw * a("other_income")["mean"] * scale
        return wages, business_total * 12, property_income, other

    def household_income(spread, scale_rural, scale_urban):
        wages, business_annual, prop, other = components(spread, scale_rural, scale_urban)
        annual = np.bincount(hh_index, weights=wages, minlength=n) * 12 + business_annual
        return annual + prop + other + foreign + domestic

    targets = plan.target("mean_household_income_monthly")["values"]

    def scales(spread):
        """Scales of earnings and property income giving the urban and rural means."""
        fixed = foreign + domestic
        unit = household_income(spread, 1.0, 1.0) - fixed
        out = []
        for place, mask in (("rural", ~urban), ("urban", urban)):
            need = targets[place] * 12 * household_weight[mask].sum() - np.dot(
                fixed[mask], household_weight[mask]
            )
            out.append(need / np.dot(unit[mask], household_weight[mask]))
        return out

    size = np.bincount(hh_index, minlength=n)

    def gini(spread):
        rural_scale, urban_scale = scales(spread)
        income = household_income(spread, rural_scale, urban_scale)
        return weighted.gini(income / size, person_weight_hh)

    spread = bisect(gini, 0.1, 2.5, plan.target("income_gini")["value"])
    rural_scale, urban_scale = scales(spread)
    wages, business_annual, prop, other = components(spread, rural_scale, urban_scale)
    agri_share = np.where(urban, 0.1, 0.6)
    n_business = np.bincount(hh_index, weights=business, minlength=n)
    per_member = np.where(n_business > 0, business_annual / np.maximum(n_business, 1) / 12, 0.0)
    return {
        "persons": {
            "wage_income_monthly": wages,
            "self_employment_income_monthly": np.where(business, per_member[hh_index], 0.0),
        },
        "households": {
            "remittance_foreign": foreign,
            "remittance_domestic": domestic,
            "property_income": prop,
            "agri_net_income": business_annual * agri_share,
            "enterprise_income": business_annual * (1 - agri_share),
            "other_income": other,
            "n_migrants_abroad": n_migrants.astype(np.int16),
        },
    }


# ---------------------------------------------------------------------------------------------
# The chunk
# ---------------------------------------------------------------------------------------------


def generate_chunk(
    n_households: int, seed: np.random.SeedSequence, scale: float, chunk: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One calibrated chunk of `n_households` households representing `scale` of the country."""
    rng = np.random.default_rng(seed)
    strata = plan.strata()
    households = _households(rng, n_households, scale)
    persons = _members(rng, n_households)
    hh = persons["household_index"].to_numpy()
    stratum = households["stratum_index"].to_numpy()
    households["division"] = np.array(DIVISIONS)[strata.division[stratum]]
    households["urban"] = strata.urban[stratum]
    households["household_weight"] = _rake(households, persons, scale)
    weight = households["household_weight"].to_numpy()[hh]
    urban_person = households["urban"].to_numpy()[hh]

    for name, levels in _disability(rng, persons, weight, scale).items():
        persons[name] = levels
    employed, status = _labour(rng, persons, weight, urban_person, scale)
    persons["labour_status"] = status

    # Welfare: the latent draw, lowered for large households, households without an earner,
    # female heads and elderly heads (the poor are more often so in HIES).
    size = np.bincount(hh, minlength=n_households)
    earners = np.bincount(hh, weights=employed, minlength=n_households)
    head = persons["kind"].to_numpy() == HEAD
    head_female = np.zeros(n_households, bool)
    head_female[hh[head]] = (persons["sex"].to_numpy() == "female")[head]
    head_age = np.zeros(n_households)
    head_age[hh[head]] = persons["age"].to_numpy()[head]
    households["welfare"] = (
        households["latent"].to_numpy()
        - 0.12 * (size - 4)
        - 0.4 * (earners == 0)
        - 0.1 * head_female
        - 0.15 * (head_age >= 65)
        - 0.2 * ~households["urban"].to_numpy()
    )
    welfare_person = households["welfare"].to_numpy()[hh]
    jobs = _jobs(
        rng,
        persons,
        weight,
        employed,
        urban_person,
        latent=welfare_person,
        division=households["division"].to_numpy()[hh],
        scale=scale,
    )
    for name, values in jobs.items():
        persons[name] = values

    # Mothers (heads' wives or female heads) of a child under three, for the MCBP reports.
    young = (persons["age"].to_numpy() < 3) & (persons["kind"].to_numpy() == CHILD)
    has_young = np.bincount(hh, weights=young, minlength=n_households) > 0
    kind = persons["kind"].to_numpy()
    mother = (kind == SPOUSE) | ((kind == HEAD) & (persons["sex"] == "female").to_numpy())
    persons["has_child_under_3"] = mother & has_young[hh]
    for name, values in _receipt(rng, persons, weight, welfare_person, scale).items():
        persons[name] = values

    person_weight_hh = households["household_weight"].to_numpy() * size
    households["consumption_pc_monthly"] = _consumption(households, person_weight_hh)
    households["poverty_line_upper"] = strata.line_upper[stratum]
    households["poverty_line_lower"] = strata.line_lower[stratum]
    ratio = households["consumption_pc_monthly"].to_numpy() / strata.line_upper[stratum]
    food = np.clip(0.62 - 0.12 * np.log(ratio) + 0.05 * rng.standard_normal(n_households), 0.1, 0.9)
    target_food = plan.target("food_share")["value"]
    households["food_share"] = np.clip(
        food + target_food - weighted.mean(food, households["household_weight"].to_numpy()),
        0.05,
        0.95,
    )

    income = _income(
        rng,
        persons,
        households,
        person_weight_hh=person_weight_hh,
        jobs=jobs,
        hh_index=hh,
        urban_person=urban_person,
    )
    for name, values in income["persons"].items():
        persons[name] = values
    for name, values in income["households"].items():
        households[name] = values

    # City corporations: whole urban PSUs, Dhaka first, to the census population.
    psu = households["psu_id"].to_numpy()
    psu_persons = np.bincount(psu, weights=person_weight_hh)
    psu_urban = np.bincount(psu, weights=households["urban"].to_numpy()) > 0
    psu_division = np.zeros(len(psu_persons), dtype=object)
    psu_division[psu] = households["division"].to_numpy()
    psu_score = np.where(
        psu_urban,
        np.where(psu_division == "dhaka", 1.5, np.where(psu_division == "chattogram", 0.8, 0.0))
        + rng.logistic(size=len(psu_persons)),
        -np.inf,
    )
    city = select_top(
        psu_score, psu_persons, plan.target("city_corporation_population")["value"] * scale
    )
    households["city_corporation"] = city[psu]

    base_id = chunk * HOUSEHOLD_ID_STRIDE
    household_id = base_id + np.arange(n_households, dtype=np.int64)
    position = np.arange(len(hh)) - np.repeat(np.cumsum(size) - size, size)
    households_out = pd.DataFrame(
        {
            "household_id": household_id,
            "psu_id": (chunk * HOUSEHOLD_ID_STRIDE + psu).astype(np.int64),
            "stratum": strata.code[stratum].astype(np.int16),
            "division": households["division"].to_numpy(),
            "urban": households["urban"].to_numpy(),
            "city_corporation": households["city_corporation"].to_numpy(),
            "household_weight": households["household_weight"].to_numpy(),
            "consumption_pc_monthly": households["consumption_pc_monthly"].to_numpy(),
            "food_share": households["food_share"].to_numpy(),
            "poverty_line_upper": households["poverty_line_upper"].to_numpy(),
            "poverty_line_lower": households["poverty_line_lower"].to_numpy(),
            **{name: households[name].to_numpy() for name in income["households"]},
        }
    )
    person_columns = [
        "role",
        "age",
        "sex",
        "marital_status",
        *WASHINGTON_GROUP,
        "labour_status",
        "employment_type",
        "employer_type",
        "sector",
        "is_formal",
        "wage_income_monthly",
        "self_employment_income_monthly",
        "months_of_service",
        "establishment_size",
        "receives_other_allowance",
        *[c for c in persons.columns if c.startswith("reported_")],
    ]
    persons_out = pd.DataFrame(
        {
            "person_id": household_id[hh] * PERSON_ID_FACTOR + position,
            "household_id": household_id[hh],
            **{name: persons[name].to_numpy() for name in person_columns},
        }
    )
    return persons_out, households_out
