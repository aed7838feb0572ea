"""The HIES loader on small fake Stata files the tests write (never a path to private data)."""

import pytest
from fake_hies import write_hies2022, write_sarmd

from policy_bd.adapters.hies import HiesLoadError, load_hies, load_mapping
from policy_bd.microsim import Microsimulation


@pytest.fixture(scope="module")
def hies2022(tmp_path_factory):
    return load_hies(write_hies2022(tmp_path_factory.mktemp("hies2022")), "2022")


def _problems(result, target):
    return [problem for problem in result.report.problems if problem.target == target]


def test_clean_households_are_loaded_with_their_weights(hies2022):
    households = hies2022.sample.households
    assert households["survey_household_key"].tolist() == ["1|1", "1|2"]
    assert households["household_weight"].tolist() == [1000.0, 1500.0]
    assert households["division"].tolist() == ["barishal", "dhaka"]
    assert households["urban"].tolist() == [True, False]
    assert households["poverty_line_upper"].tolist() == [4560.0, 3000.0]
    assert not hies2022.sample.synthetic
    assert hies2022.sample.survey_year == 2022


def test_roster_codes_become_model_values(hies2022):
    persons = hies2022.sample.persons.set_index("survey_person_key")
    assert persons.loc["1|1|1", ["role", "sex", "age", "marital_status"]].tolist() == [
        "head",
        "male",
        70,
        "married",
    ]
    assert persons.loc["1|1|3", "marital_status"] == "divorced"
    assert persons.loc["1|2|2", "role"] == "other"  # relationship 7
    assert persons.loc["1|1|3", "wg_walking"] == 3
    assert persons["person_id"].tolist() == [0, 1, 2, 1000, 1001]


def test_wages_are_built_from_jobs_and_the_main_job_gives_status_and_sector(hies2022):
    worker = hies2022.sample.persons.set_index("survey_person_key").loc["1|2|1"]
    # Salary 12,000 x 12 months / 12 + in kind 1,200 / 12 + Tk 500 a day x 10 days x 2 months / 12;
    # the third job (14 months) is out of range and not worked.
    assert worker["wage_income_monthly"] == pytest.approx(12000 + 100 + 500 * 10 * 2 / 12)
    assert worker["employment_type"] == "employee"
    assert worker["employer_type"] == "private_company"  # code 5, private mill or factory
    assert worker["sector"] == "rmg_export"  # ISIC 18, wearing apparel
    farmer = hies2022.sample.persons.set_index("survey_person_key").loc["1|1|1"]
    assert (farmer["employment_type"], farmer["sector"]) == ("self_employed", "agriculture")


def test_reported_receipt_by_programme_label(hies2022):
    persons = hies2022.sample.persons.set_index("survey_person_key")
    assert persons.loc["1|1|1", "reported_old_age_allowance"]
    assert persons.loc["1|1|1", "reported_old_age_allowance_amount"] == 6000
    assert persons.loc["1|2|1", "reported_widow_allowance"]
    assert not persons.loc["1|1|3", "reported_old_age_allowance"]  # answered "no"


def test_household_income_sources(hies2022):
    households = hies2022.sample.households.set_index("survey_household_key")
    assert households.loc["1|1", "remittance_foreign"] == 120000
    assert households.loc["1|1", "property_income"] == 24000
    assert households.loc["1|2", "remittance_domestic"] == 5000


def test_every_bad_value_is_reported_not_dropped_silently(hies2022):
    text = hies2022.report.text()
    division = _problems(hies2022, "division")
    assert any(p.problem == "unmapped code" and p.example == "99.0" for p in division)
    assert any(p.action == "household dropped" for p in division)
    weight = _problems(hies2022, "household_weight")
    assert any(p.problem == "required value missing" and p.count == 1 for p in weight)
    age = _problems(hies2022, "age")
    assert any(p.problem.startswith("out of range") and p.example == "150.0" for p in age)
    assert any(p.action == "1 household(s) dropped" for p in age)
    marital = _problems(hies2022, "marital_status")
    assert any(
        p.problem == "unmapped code" and p.action == "set to 'never_married'" for p in marital
    )
    assert any(
        p.problem == "unmapped code" and p.example == "7.0"
        for p in _problems(hies2022, "wg_hearing")
    )
    assert any(p.problem.startswith("out of range [0, 12]") for p in _problems(hies2022, "months"))
    receipt = _problems(hies2022, "reported receipt")
    assert any(p.problem == "programme not modelled" and "VGD" in p.example for p in receipt)
    assert "rows whose person is not in the sample" in text  # the safety-net row of person 9|9|9
    assert "rows whose household is not in the sample" in text  # consumption row of 7|7
    assert any(p.problem == "file not found" for p in _problems(hies2022, "enterprise"))
    assert any(
        p.problem == "not built by this mapping" for p in _problems(hies2022, "agri_net_income")
    )
    assert set(hies2022.report.to_frame().columns) >= {
        "file",
        "column",
        "target",
        "count",
        "action",
    }


def test_the_loaded_sample_runs_in_the_microsimulation(hies2022):
    results = Microsimulation(hies2022.sample, period="2024-25").run()
    assert results.meta["households"] == 2 and not results.meta["synthetic"]
    row = results.targeting.set_index("program").loc["old_age_allowance"]
    assert row["reported_lakh"] == pytest.approx(1000 / 1e5)


def test_harmonised_profile(tmp_path):
    result = load_hies(write_sarmd(tmp_path / "sarmd"), "sarmd")
    households = result.sample.households
    assert households["division"].tolist() == ["barishal", "dhaka"]  # matched by value label
    assert households["consumption_pc_monthly"].tolist() == pytest.approx([3000.0, 5000.0])
    assert households["remittance_foreign"].tolist() == pytest.approx([0.0, 120000.0])
    persons = result.sample.persons
    assert persons["marital_status"].tolist() == ["widowed", "never_married", "married"]
    assert persons["wg_hearing"].tolist() == [3, 1, 1]
    # No lower line in the profile: the model falls back to the poverty-line parameters.
    assert "poverty_line_lower" not in households
    results = Microsimulation(result.sample, period="2024-25").run()
    assert results.poverty_value("lower", "headcount")["baseline"] >= 0


def test_missing_files_and_unknown_rounds_are_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(HiesLoadError, match="missing") as caught:
        load_hies(tmp_path / "empty", "2022")
    assert any(p.problem == "file not found" for p in caught.value.report.problems)
    with pytest.raises(ValueError, match="neither a known round"):
        load_mapping("1995")


def test_every_round_mapping_names_the_required_columns():
    for survey_round in ("2016", "2022", "sarmd"):
        mapping = load_mapping(survey_round)
        for name in ("household_weight", "division", "urban", "consumption_pc_monthly"):
            assert mapping["household"][name]["required"], (survey_round, name)
        for name in ("age", "sex", "role"):
            assert mapping["person"][name]["required"], (survey_round, name)
