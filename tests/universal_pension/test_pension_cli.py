"""`policy-bd pension`: text and JSON outputs with real values, and every error case.

Expected amounts are computed independently (see tests/universal_pension/common/projection.yaml):
pension = C * ((1 + i)^(12 n) - 1) / i / ((1 - (1 + i)^-240) / i), i = 8% / 12.
"""

import json

import pytest

from policy_bd.cli import build_parser, main

SUROKKHA_42 = ["--scheme", "surokkha", "--monthly-contribution", "1000", "--years", "42"]
IN_FORCE = ["--date", "2025-07-01"]
SUROKKHA_AT_30 = ["--scheme", "surokkha", "--monthly-contribution", "1000", "--age", "30"]
SAMATA_AT_30 = ["--scheme", "samata", "--age", "30"]
PROTTOY_JULY_2024 = ["--scheme", "prottoy", "--age", "30", "--date", "2024-07-01"]


def run(capsys, *argv):
    status = main(["pension", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def run_json(capsys, *argv):
    status, out, err = run(capsys, *argv, "--json")
    assert (status, err) == (0, "")
    return json.loads(out)


def test_the_command_is_discovered():
    parser = build_parser()
    args = parser.parse_args(["pension", *SUROKKHA_42])
    assert args.scheme == "surokkha"
    assert args.handler.__module__ == "policy_bd.cli.pension"


def test_text_output_for_surokkha_1000_over_42_years(capsys):
    status, out, err = run(capsys, *SUROKKHA_42, *IN_FORCE)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert (
        lines[0] == "Universal Pension Scheme: Surokkha (informal-sector and self-employed workers)"
    )
    assert lines[1] == (
        "Joining in 2025-07 at 18; 42 years (504 months) of contributions; pension from 60"
    )
    assert lines[4].split() == ["You", "1,000", "504,000"]
    assert lines[5].split() == ["Employer", "0", "0"]
    assert lines[6].split() == ["Government", "0", "0"]
    assert lines[7].split() == ["Total", "1,000", "504,000"]
    assert "Projected monthly pension from 60: Tk 34,465 a month, for life" in out
    assert "account value at 60: Tk 4,120,494" in out
    assert "annual return of 8% and a 240-month payout" in out
    assert (
        "Nominee, if you die at 65 (assumed; see --death-age): Tk 34,465 a month for 120 "
        "months, until you would have turned 75: Tk 4,135,856"
    ) in out
    assert (
        "Loan limit: Tk 252,000 (50% of the Tk 504,000 deposited after 504 months), "
        "repaid in up to 24 instalments"
    ) in out


def test_json_output_for_surokkha_1000_over_42_years(capsys):
    report = run_json(capsys, *SUROKKHA_42, *IN_FORCE)
    assert report["monthly_pension"] == pytest.approx(34465.46, abs=0.01)
    assert report["account_value_at_pension"] == pytest.approx(4120494.14, abs=0.5)
    assert (report["age"], report["years"], report["months"]) == (18, 42, 504)
    assert report["pension_start_age"] == 60
    assert report["monthly_contribution"] == {
        "member": 1000,
        "employer": 0,
        "government": 0,
        "total": 1000,
    }
    assert report["contributions_over_period"]["total"] == 504000
    assert report["nominee"]["months"] == 120
    assert report["nominee"]["total"] == pytest.approx(4135855.69, abs=1)
    assert report["loan"] == {
        "months_paid": 504,
        "deposits": 504000,
        "limit": 252000,
        "share_of_deposits": 0.5,
        "max_instalments": 24,
    }


def test_progoti_employer_pays_half(capsys):
    report = run_json(
        capsys,
        *["--scheme", "progoti", "--monthly-contribution", "2000", "--age", "50"],
        *["--employer-joins", *IN_FORCE],
    )
    assert report["years"] == 10
    assert report["monthly_contribution"]["member"] == 1000
    assert report["monthly_contribution"]["employer"] == 1000
    assert report["contributions_over_period"]["employer"] == 120000
    assert report["monthly_pension"] == pytest.approx(3060.47, abs=0.01)


def test_samata_government_pays_half(capsys):
    report = run_json(
        capsys,
        *["--scheme", "samata", "--monthly-contribution", "1000", "--age", "40"],
        *["--annual-income", "48000", *IN_FORCE],
    )
    assert report["monthly_contribution"]["member"] == 500
    assert report["monthly_contribution"]["government"] == 500
    assert report["contributions_over_period"]["government"] == 120000
    assert report["monthly_pension"] == pytest.approx(4926.80, abs=0.01)


def test_prottoy_in_july_2024_with_death_at_60(capsys):
    report = run_json(
        capsys,
        *["--scheme", "prottoy", "--basic-pay", "25000", "--age", "30"],
        *["--death-age", "60", "--date", "2024-07-15"],
    )
    assert report["monthly_contribution"]["member"] == 2500
    assert report["monthly_contribution"]["employer"] == 2500
    assert report["monthly_pension"] == pytest.approx(62329.82, abs=0.01)
    assert report["nominee"]["months"] == 180
    assert report["nominee"]["total"] == pytest.approx(11219367.24, abs=2)


def test_death_before_the_pension_refunds_deposits_with_profit(capsys):
    status, out, _ = run(capsys, *SUROKKHA_42, "--death-age", "25", *IN_FORCE)
    assert status == 0
    assert "Nominee, if you die at 25 (assumed; see --death-age): deposits plus profit, " in out
    assert "Tk 112,113" in out
    report = run_json(capsys, *SUROKKHA_42, "--death-age", "25", *IN_FORCE)
    assert report["nominee"]["refund"] == pytest.approx(112113.31, abs=0.02)
    assert report["nominee"]["months"] == 0


def test_death_after_75_leaves_nothing(capsys):
    status, out, _ = run(capsys, *SUROKKHA_42, "--death-age", "80", *IN_FORCE)
    assert status == 0
    assert "nothing (the nominee's pension runs only until 75)" in out


def test_loan_limit_after_months_paid(capsys):
    report = run_json(capsys, *SUROKKHA_42, "--months-paid", "24", *IN_FORCE)
    assert report["loan"]["deposits"] == 24000
    assert report["loan"]["limit"] == 12000


def test_age_alone_gives_the_years_to_60_and_over_50s_ten_years(capsys):
    report = run_json(
        capsys, "--scheme", "surokkha", "--monthly-contribution", "1000", "--age", "40", *IN_FORCE
    )
    assert report["years"] == 20
    assert report["monthly_pension"] == pytest.approx(4926.80, abs=0.01)
    report = run_json(
        capsys, "--scheme", "surokkha", "--monthly-contribution", "1000", "--age", "55", *IN_FORCE
    )
    assert (report["years"], report["pension_start_age"]) == (10, 65)
    assert report["monthly_pension"] == pytest.approx(1530.23, abs=0.01)


ERRORS = {
    "surokkha level": (
        ["--scheme", "surokkha", "--monthly-contribution", "1500", "--years", "42"],
        "Surokkha allows a monthly contribution of 1,000, 2,000, 3,000 or 5,000 Tk, not 1,500",
    ),
    "probash level": (
        ["--scheme", "probash", "--monthly-contribution", "3000", "--age", "30"],
        "Probash allows a monthly contribution of 1,000, 2,000, 5,000, 7,500 or 10,000 Tk, not 3,000",
    ),
    "progoti level": (
        ["--scheme", "progoti", "--monthly-contribution", "20000", "--age", "30"],
        "Progoti allows a monthly contribution of 1,000, 2,000, 3,000, 5,000, 10,000 or 15,000 Tk,"
        " not 20,000",
    ),
    "samata level": (
        [*SAMATA_AT_30, "--monthly-contribution", "500", "--annual-income", "40000"],
        "Samata allows a monthly contribution of 1,000 Tk (500 from you and 500 from the "
        "government), not 500",
    ),
    "samata income": (
        [*SAMATA_AT_30, "--monthly-contribution", "1000", "--annual-income", "60001"],
        "Samata is for annual incomes of at most 60,000 Tk, not 60,001",
    ),
    "samata without income": (
        [*SAMATA_AT_30, "--monthly-contribution", "1000"],
        "Samata is for annual incomes of at most 60,000 Tk: give --annual-income",
    ),
    "too young": (
        ["--scheme", "surokkha", "--monthly-contribution", "1000", "--age", "17"],
        "members must be at least 18 to join, not 17",
    ),
    "too many years": (
        ["--scheme", "surokkha", "--monthly-contribution", "1000", "--years", "45"],
        "members join at 18 at the earliest, so contributions to 60 last at most 42 years, not 45",
    ),
    "below the 10-year minimum": (
        ["--scheme", "surokkha", "--monthly-contribution", "1000", "--years", "9"],
        "a pension needs at least 10 years of contributions, not 9",
    ),
    "over 50 with 9 years": (
        ["--scheme", "surokkha", "--monthly-contribution", "1000", "--age", "51", "--years", "9"],
        "a pension needs at least 10 years of contributions, not 9",
    ),
    "stops before 60": (
        ["--scheme", "surokkha", "--monthly-contribution", "1000", "--age", "30", "--years", "20"],
        "contributions run until the pension starts at 60: joining at 30 means 30 years of "
        "contributions, not 20",
    ),
    "before the launch": (
        [*SUROKKHA_AT_30, "--date", "2023-07-31"],
        "Surokkha accepts members only from 17 Aug 2023, not in 2023-07 (the rules in force on "
        "the month's last day apply)",
    ),
    "before the Act": (
        ["--scheme", "samata", "--age", "30", "--date", "2022-12-31"],
        "Samata accepts members only from 17 Aug 2023, not in 2022-12 (the rules in force on "
        "the month's last day apply)",
    ),
    "prottoy before 1 July 2024": (
        ["--scheme", "prottoy", "--basic-pay", "25000", "--age", "30", "--date", "2024-06-30"],
        "Prottoy accepts members only from 1 Jul 2024 to 2 Aug 2024, not in 2024-06 (the rules "
        "in force on the month's last day apply)",
    ),
    "prottoy after it was scrapped": (
        ["--scheme", "prottoy", "--basic-pay", "25000", "--age", "30", "--date", "2024-08-01"],
        "Prottoy accepts members only from 1 Jul 2024 to 2 Aug 2024, not in 2024-08 (the rules "
        "in force on the month's last day apply)",
    ),
    "prottoy without pay": (
        [*PROTTOY_JULY_2024, "--basic-pay", "0"],
        "Prottoy contributions are a share of basic pay, which must be positive, not 0",
    ),
    "prottoy with a level": (
        [*PROTTOY_JULY_2024, "--monthly-contribution", "5000"],
        "Prottoy contributions are set by basic pay: give --basic-pay, not --monthly-contribution",
    ),
    "prottoy without basic pay": (
        PROTTOY_JULY_2024,
        "Prottoy contributions are a share of basic pay: give --basic-pay",
    ),
    "basic pay outside prottoy": (
        ["--scheme", "surokkha", "--basic-pay", "25000", "--age", "30"],
        "--basic-pay applies to the Prottoy scheme only",
    ),
    "employer outside progoti": (
        [*SUROKKHA_AT_30, "--employer-joins"],
        "--employer-joins applies to the Progoti scheme only",
    ),
    "no level": (
        ["--scheme", "probash", "--age", "30"],
        "give --monthly-contribution (Probash allows 1,000, 2,000, 5,000, 7,500 or 10,000 Tk)",
    ),
    "no age and no years": (
        ["--scheme", "surokkha", "--monthly-contribution", "1000"],
        "give --age (age on joining) or --years (years of contributions)",
    ),
    "death age not positive": (
        [*SUROKKHA_42, "--death-age", "0"],
        "--death-age must be a positive age, not 0",
    ),
    "negative months paid": (
        [*SUROKKHA_42, "--months-paid", "-1"],
        "--months-paid cannot be negative, not -1",
    ),
}


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_errors_name_the_rule(capsys, case):
    argv, message = ERRORS[case]
    if "--date" not in argv:
        argv = [*argv, *IN_FORCE]
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert err == f"policy-bd pension: error: {message}\n"
