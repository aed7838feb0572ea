"""`policy-bd pension`: a Universal Pension calculator.

For one scheme, contribution level and period it prints who pays what (monthly and over the whole
period), the projected monthly pension, what the nominee would receive and the loan limit. Every
figure comes from one OpenFisca simulation of the `universal_pension*` variables; a level, age or
period the scheme does not allow is an error naming the rule.
"""

from __future__ import annotations

import datetime
import json

from policy_bd.cli import CommandError

HELP = "Universal Pension calculator: contributions, projected pension at 60, nominee and loan"

SCHEMES = ("probash", "progoti", "surokkha", "samata", "prottoy")
DEFAULT_DEATH_AGE = 65

# What the calculator assumes about the person so that they belong to the chosen scheme's group.
GROUP_INPUTS = {
    "probash": {"lives_abroad": True},
    "progoti": {"employer_type": "private_company"},
    "surokkha": {"employer_type": "self_employed"},
    "samata": {},
    "prottoy": {"employer_type": "autonomous_body"},
}
GROUP_LABELS = {
    "probash": "Bangladeshis working or living abroad",
    "progoti": "private-sector employees",
    "surokkha": "informal-sector and self-employed workers",
    "samata": "low-income people (annual income up to the Samata ceiling)",
    "prottoy": "staff of autonomous and state bodies",
}
OUTPUTS = (
    "universal_pension_contribution_years",
    "universal_pension_contribution_months",
    "universal_pension_pension_start_age",
    "universal_pension_member_contribution",
    "universal_pension_employer_contribution",
    "universal_pension_government_contribution",
    "universal_pension_total_monthly_contribution",
    "universal_pension_member_contributions_over_period",
    "universal_pension_employer_contributions_over_period",
    "universal_pension_government_contributions_over_period",
    "universal_pension_account_value_at_pension",
    "universal_pension_projected_monthly_pension",
    "universal_pension_nominee_monthly_pension",
    "universal_pension_nominee_pension_months",
    "universal_pension_nominee_refund",
    "universal_pension_nominee_total",
    "universal_pension_deposits",
    "universal_pension_loan_limit",
)
# The order in which failed rules are reported: the one a user can most easily fix first.
CHECKS = (
    "universal_pension__scheme_open",
    "universal_pension__contribution_level_allowed",
    "universal_pension__meets_income_test",
    "universal_pension__meets_minimum_contribution_period",
    "universal_pension__meets_age_test",
    "universal_pension__contributes_until_pension_age",
    "universal_pension__in_target_group",
)


def add_arguments(parser) -> None:
    parser.add_argument("--scheme", required=True, choices=SCHEMES, help="the scheme to join")
    parser.add_argument(
        "--monthly-contribution",
        type=float,
        metavar="TK",
        help="monthly level from the scheme's schedule, employer or government share included "
        "(Samata: 1000 = 500 + 500); not for Prottoy",
    )
    parser.add_argument(
        "--basic-pay", type=float, metavar="TK", help="Prottoy: monthly basic pay (10%% deducted)"
    )
    parser.add_argument(
        "--years", type=int, help="years of contributions (default: from --age to 60, at least 10)"
    )
    parser.add_argument(
        "--age",
        type=int,
        help="age on joining (default: 60 minus --years, joining to retire at 60)",
    )
    parser.add_argument(
        "--employer-joins",
        action="store_true",
        help="Progoti: the employer has joined and pays half of the contribution",
    )
    parser.add_argument(
        "--annual-income", type=float, metavar="TK", help="Samata: annual income (Tk a year)"
    )
    parser.add_argument(
        "--death-age",
        type=int,
        default=DEFAULT_DEATH_AGE,
        help=f"age at death assumed for the nominee's projection (default {DEFAULT_DEATH_AGE})",
    )
    parser.add_argument(
        "--months-paid",
        type=int,
        help="months already paid, for the loan limit (default: the whole contribution period)",
    )
    parser.add_argument(
        "--date",
        type=datetime.date.fromisoformat,
        default=None,
        help="date of joining, YYYY-MM-DD (default: today); the rules of its month apply",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args) -> int:
    from policy_bd.engine import baseline_system  # noqa: PLC0415 (keep `policy-bd --help` fast)

    system = baseline_system()
    when = args.date or datetime.date.today()
    month = when.strftime("%Y-%m")
    in_force = system.parameters.universal_pension.children[args.scheme].children["in_force"]
    if not in_force(_last_day(when)):  # before anything reads rules the scheme did not have yet
        raise CommandError(_closed_message(system, args.scheme, month))
    rules = system.parameters(_last_day(when)).universal_pension
    person = _person_inputs(args, rules, month)
    result = _simulate(system, person, month)
    _raise_first_broken_rule(args, system, rules, result, month)
    report = _report(args, rules, person, result, month)
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else _text(report))
    return 0


def _last_day(day: datetime.date) -> str:
    """The month's last day: the model applies the rules in force then (see the variables)."""
    following = day.replace(day=28) + datetime.timedelta(days=4)
    return (following - datetime.timedelta(days=following.day)).isoformat()


def _person_inputs(args, rules, month: str) -> dict:
    """The person's inputs for the month, after checking the options fit the scheme."""
    scheme = args.scheme
    label = scheme.capitalize()
    if args.employer_joins and scheme != "progoti":
        raise CommandError("--employer-joins applies to the Progoti scheme only")
    if scheme == "prottoy":
        if args.monthly_contribution is not None:
            raise CommandError(
                "Prottoy contributions are set by basic pay: give --basic-pay, not "
                "--monthly-contribution"
            )
        if args.basic_pay is None:
            raise CommandError("Prottoy contributions are a share of basic pay: give --basic-pay")
    else:
        if args.basic_pay is not None:
            raise CommandError("--basic-pay applies to the Prottoy scheme only")
        if args.monthly_contribution is None:
            levels = _levels_text(rules[scheme].contribution_levels)
            raise CommandError(f"give --monthly-contribution ({label} allows {levels} Tk)")
    if scheme == "samata" and args.annual_income is None:
        ceiling = _tk(rules.samata.income_limit)
        raise CommandError(
            f"Samata is for annual incomes of at most {ceiling} Tk: give --annual-income"
        )
    if args.death_age <= 0:
        raise CommandError(f"--death-age must be a positive age, not {args.death_age}")
    if args.months_paid is not None and args.months_paid < 0:
        raise CommandError(f"--months-paid cannot be negative, not {args.months_paid}")
    if args.age is None and args.years is None:
        raise CommandError("give --age (age on joining) or --years (years of contributions)")
    age = args.age
    if age is None:  # contributions to the pension age, or over-50s for 10 years
        age = int(rules.common.pension_age) - args.years
    inputs = {"age": age, "universal_pension_scheme": scheme, **GROUP_INPUTS[scheme]}
    if args.years is not None:
        inputs["universal_pension_contribution_years"] = args.years
    if args.monthly_contribution is not None:
        inputs["universal_pension_monthly_contribution"] = args.monthly_contribution
    if args.basic_pay is not None:
        inputs["universal_pension_basic_pay"] = args.basic_pay
    if args.employer_joins:
        inputs["employer_joined_universal_pension"] = True
    inputs["universal_pension_age_at_death"] = args.death_age
    if args.months_paid is not None:
        inputs["universal_pension_months_paid"] = args.months_paid
    situation = {name: {month: value} for name, value in inputs.items()}
    if args.annual_income is not None:
        situation["annual_income"] = {month[:4]: args.annual_income}
    return situation


def _simulate(system, person: dict, month: str) -> dict:
    """One simulation through the engine; the whole period's months are paid unless
    --months-paid says."""
    from policy_bd import engine  # noqa: PLC0415 (keep `policy-bd --help` fast)

    situation = {"persons": {"member": person}, "households": {"home": {"heads": ["member"]}}}
    try:
        simulation = engine.simulate(system, engine.read_situation(system, situation))
    except engine.InputError as error:
        raise CommandError("; ".join(str(problem) for problem in error.problems)) from None
    if "universal_pension_months_paid" not in person:
        months = engine.compute(simulation, [("universal_pension_contribution_months", month)])
        paid = months.values[("universal_pension_contribution_months", month)]
        simulation.set_input("universal_pension_months_paid", month, paid)
    names = [*CHECKS, *OUTPUTS, "age"]
    computed = engine.compute(simulation, [(name, month) for name in names])
    return {name: computed.values[(name, month)][0].item() for name in names}


def _raise_first_broken_rule(args, system, rules, result, month) -> None:
    """Turn the first criterion the simulation found unmet into a sentence naming the rule."""
    label = args.scheme.capitalize()
    common = rules.common
    age, years = result["age"], result["universal_pension_contribution_years"]
    messages = {
        "universal_pension__scheme_open": lambda: _closed_message(system, args.scheme, month),
        "universal_pension__contribution_level_allowed": lambda: _level_message(args, rules),
        "universal_pension__meets_income_test": lambda: (
            f"Samata is for annual incomes of at most {_tk(rules.samata.income_limit)} Tk, "
            f"not {_tk(args.annual_income)}"
        ),
        "universal_pension__meets_minimum_contribution_period": lambda: (
            f"a pension needs at least {int(common.min_contribution_years)} years of "
            f"contributions, not {years}"
        ),
        "universal_pension__meets_age_test": lambda: _age_message(args, common, age, years),
        "universal_pension__contributes_until_pension_age": lambda: (
            f"contributions run until the pension starts at {int(common.pension_age)}: joining at "
            f"{age} means {int(common.pension_age) - age} years of contributions, not {years}"
        ),
        "universal_pension__in_target_group": lambda: f"{label} is for {GROUP_LABELS[args.scheme]}",
    }
    for check in CHECKS:
        if not result[check]:
            raise CommandError(messages[check]())


def _closed_message(system, scheme: str, month: str) -> str:
    in_force = system.parameters.universal_pension.children[scheme].children["in_force"]
    spells, start = [], None
    for value in sorted(in_force.values_list, key=lambda item: item.instant_str):
        if value.value and start is None:
            start = value.instant_str
        elif not value.value and start is not None:
            last_open = datetime.date.fromisoformat(value.instant_str) - datetime.timedelta(days=1)
            spells.append(f"from {_day(start)} to {_day(last_open.isoformat())}")
            start = None
    if start is not None:
        spells.append(f"from {_day(start)}")
    return (
        f"{scheme.capitalize()} accepts members only {' and '.join(spells)}, "
        f"not in {month} (the rules in force on the month's last day apply)"
    )


def _level_message(args, rules) -> str:
    label = args.scheme.capitalize()
    if args.scheme == "prottoy":
        return f"Prottoy contributions are a share of basic pay, which must be positive, not {_tk(args.basic_pay)}"
    levels = rules[args.scheme].contribution_levels
    text = f"{label} allows a monthly contribution of {_levels_text(levels)} Tk"
    if args.scheme == "samata":
        match = rules.samata.government_match_rate
        member = levels[0] / (1 + match)
        text += f" ({_tk(member)} from you and {_tk(levels[0] - member)} from the government)"
    return f"{text}, not {_tk(args.monthly_contribution)}"


def _age_message(args, common, age: int, years: int) -> str:
    """Reached only with at least 10 years planned, so the member is under the minimum age."""
    youngest, pension_age = int(common.entry_age.minimum), int(common.pension_age)
    if args.age is None:  # the age was derived from --years
        return (
            f"members join at {youngest} at the earliest, so contributions to {pension_age} last "
            f"at most {pension_age - youngest} years, not {years}"
        )
    return f"members must be at least {youngest} to join, not {age}"


def _report(args, rules, person, result, month: str) -> dict:
    """The calculator's answer as plain data (Tk rounded to the poisha)."""

    def tk(name: str) -> float:
        return round(result[name], 2)

    monthly = {
        payer: tk(f"universal_pension_{payer}_contribution")
        for payer in ("member", "employer", "government")
    }
    over_period = {
        payer: tk(f"universal_pension_{payer}_contributions_over_period")
        for payer in ("member", "employer", "government")
    }
    projection = rules.common.projection
    return {
        "scheme": args.scheme,
        "month": month,
        "age": result["age"],
        "years": result["universal_pension_contribution_years"],
        "months": result["universal_pension_contribution_months"],
        "pension_start_age": result["universal_pension_pension_start_age"],
        "monthly_contribution": {
            **monthly,
            "total": tk("universal_pension_total_monthly_contribution"),
        },
        "contributions_over_period": {**over_period, "total": round(sum(over_period.values()), 2)},
        "account_value_at_pension": tk("universal_pension_account_value_at_pension"),
        "monthly_pension": tk("universal_pension_projected_monthly_pension"),
        "assumptions": {
            "annual_return": float(projection.assumed_annual_return),
            "payout_months": int(projection.payout_months),
            "note": "the National Pension Authority's illustrative projection, not a guarantee",
        },
        "nominee": {
            "age_at_death": args.death_age,
            "guaranteed_until_age": int(rules.common.survivor_guarantee_age),
            "monthly_pension": tk("universal_pension_nominee_monthly_pension"),
            "months": result["universal_pension_nominee_pension_months"],
            "refund": tk("universal_pension_nominee_refund"),
            "total": tk("universal_pension_nominee_total"),
        },
        "loan": {
            "months_paid": person.get("universal_pension_months_paid", {}).get(
                month, result["universal_pension_contribution_months"]
            ),
            "deposits": tk("universal_pension_deposits"),
            "limit": tk("universal_pension_loan_limit"),
            "share_of_deposits": float(rules.common.loan.max_share_of_deposits),
            "max_instalments": int(rules.common.loan.max_instalments),
        },
    }


def _text(report: dict) -> str:
    """The report for a reader: amounts in whole taka, assumptions stated."""
    scheme = report["scheme"].capitalize()
    monthly, over = report["monthly_contribution"], report["contributions_over_period"]
    years, months, start = report["years"], report["months"], report["pension_start_age"]
    assumptions, loan = report["assumptions"], report["loan"]
    lines = [
        f"Universal Pension Scheme: {scheme} ({GROUP_LABELS[report['scheme']]})",
        f"Joining in {report['month']} at {report['age']}; {years} years ({months} months) of "
        f"contributions; pension from {start}",
        "",
        f"{'Contributions (Tk)':<18}{'monthly':>10}{f'over {years} years':>18}",
    ]
    for payer, name in (
        ("member", "You"),
        ("employer", "Employer"),
        ("government", "Government"),
        ("total", "Total"),
    ):
        lines.append(f"  {name:<16}{_whole(monthly[payer]):>10}{_whole(over[payer]):>18}")
    lines += [
        "",
        f"Projected monthly pension from {start}: Tk {_whole(report['monthly_pension'])} a month, "
        "for life",
        f"  (account value at {start}: Tk {_whole(report['account_value_at_pension'])}; assumes an "
        f"annual return of {assumptions['annual_return']:.0%} and a "
        f"{assumptions['payout_months']}-month payout,",
        "  the National Pension Authority's illustrative projection, not a guarantee)",
        _nominee_line(report["nominee"], start),
        f"Loan limit: Tk {_whole(loan['limit'])} ({loan['share_of_deposits']:.0%} of the "
        f"Tk {_whole(loan['deposits'])} deposited after {loan['months_paid']} months), repaid in "
        f"up to {loan['max_instalments']} instalments",
    ]
    return "\n".join(lines)


def _nominee_line(nominee: dict, start_age: int) -> str:
    death, guarantee = nominee["age_at_death"], nominee["guaranteed_until_age"]
    assumed = f"Nominee, if you die at {death} (assumed; see --death-age)"
    if nominee["months"]:
        return (
            f"{assumed}: Tk {_whole(nominee['monthly_pension'])} a month for {nominee['months']} "
            f"months, until you would have turned {guarantee}: Tk {_whole(nominee['total'])}"
        )
    if death < start_age:
        return f"{assumed}: deposits plus profit, Tk {_whole(nominee['refund'])}"
    return f"{assumed}: nothing (the nominee's pension runs only until {guarantee})"


def _levels_text(levels) -> str:
    amounts = [_tk(level) for level in levels]
    return amounts[0] if len(amounts) == 1 else f"{', '.join(amounts[:-1])} or {amounts[-1]}"


def _tk(amount: float) -> str:
    """Taka with thousands separators, without decimals when whole."""
    rounded = round(float(amount), 2)
    return f"{rounded:,.0f}" if rounded == int(rounded) else f"{rounded:,.2f}"


def _whole(amount: float) -> str:
    """Whole taka with thousands separators."""
    return f"{round(amount):,}"


def _day(iso: str) -> str:
    day = datetime.date.fromisoformat(iso)
    return f"{day.day} {day:%b %Y}"
