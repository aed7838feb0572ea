"""Small fake HIES 2022 and SARMD Stata files, written by the tests themselves.

Five households: A (PSU 1, HHID 1) and B (1, 2) are clean; C has an unknown division code, D no
weight and E a member aged 150, so those three must be dropped and reported. Other planted
problems: a marital code 9, a Washington Group answer 7, a job of 14 months, a programme the
model does not know (VGD), a safety-net row of a person not in the roster, a consumption row of
a household not in the weights file, and no enterprise file.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat

NAN = np.nan


def _write(folder: Path, name: str, frame: pd.DataFrame, labels: dict | None = None) -> None:
    pyreadstat.write_dta(frame, str(folder / name), variable_value_labels=labels or {})


def write_hies2022(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    _write(
        folder,
        "weight_final_2022.dta",
        pd.DataFrame(
            {
                "PSU": [1, 1, 2, 2, 3],
                "HHID": [1, 2, 1, 2, 1],
                "hh_wgt": [1000.0, 1500.0, 800.0, NAN, 900.0],
                "div": [10, 30, 99, 40, 60],
                "urbrural": [2, 1, 1, 1, 2],
                "domain16": [102, 301, 401, 401, 602],
            }
        ),
    )
    _write(
        folder,
        "HIES2022_HH_08_16_23.dta",
        pd.DataFrame(
            {
                "PSU": [1, 1, 2, 2, 3, 7],
                "HHID": [1, 2, 1, 2, 1, 7],
                "p_cons2": [4000.0, 2500.0, 3000.0, 3000.0, 5000.0, 1.0],
                "zu_cbn": [4560.0, 3000.0, 3000.0, 3000.0, 4560.0, 3000.0],
                "zl_cbn": [2930.0, 1970.0, 1970.0, 1970.0, 2930.0, 1970.0],
            }
        ),
    )
    _write(
        folder,
        "HH_SEC_1A1.dta",
        pd.DataFrame(
            {
                "PSU": [1, 1, 1, 1, 1, 2, 2, 3, 3],
                "HHID": [1, 1, 1, 2, 2, 1, 2, 1, 1],
                "S1AQ00": [1, 2, 3, 1, 2, 1, 1, 1, 2],
                "S1AQ01": [1, 2, 2, 2, 1, 1, 1, 1, 2],
                "S1AQ02": [1, 2, 3, 1, 7, 1, 1, 1, 2],
                "S1AQ03": [70, 63, 30, 45, 12, 40, 50, 150, 40],
                "S1AQ05": [1, 1, 4, 3, NAN, 1, 1, 1, 9],
            }
        ),
    )
    _write(
        folder,
        "HH_SEC_1A2.dta",
        pd.DataFrame(
            {
                "PSU": [1, 1, 1, 1],
                "HHID": [1, 1, 1, 2],
                "S1AQ00": [1, 2, 3, 1],
                "S1AQ16": [1, 2, 1, 1],
                "S1AQ17": [1, 1, 1, 7],
                "S1AQ18": [1, 1, 3, 1],
                "S1AQ19": [1, 1, 1, 1],
                "S1AQ20": [1, 1, 1, 1],
                "S1AQ21": [1, 1, 1, 1],
            }
        ),
    )
    _write(
        folder,
        "HH_SEC_4A.dta",
        pd.DataFrame(
            {
                "PSU": [1, 1, 1, 1],
                "HHID": [1, 2, 2, 2],
                "S1AQ00": [1, 1, 1, 1],
                "S4AQ0A": [1, 1, 2, 3],
                "S4AQ01B": [1, 18, 45, 52],
                "S4AQ02": [12, 12, 2, 14],
                "S4AQ03": [20, 26, 10, 5],
                "S4AQ07": [2, NAN, NAN, NAN],
                "S4AQ08": [NAN, 4, 1, 2],
            }
        ),
    )
    _write(
        folder,
        "HH_SEC_4B.dta",
        pd.DataFrame(
            {
                "PSU": [1, 1],
                "HHID": [2, 2],
                "S1AQ00": [1, 1],
                "S4BQ0A": [1, 2],
                "S4BQ02C": [NAN, 500.0],
                "S4BQ05B": [NAN, 0.0],
                "S4BQ08": [12000.0, NAN],
                "S4BQ09": [1200.0, NAN],
                "S4BQ06": [5, 8],
            }
        ),
    )
    _write(
        folder,
        "HH_SEC_1C.dta",
        pd.DataFrame(
            {
                "PSU": [1, 1, 1, 1, 9],
                "HHID": [1, 2, 1, 1, 9],
                "S1AQ00": [1, 1, 2, 3, 9],
                "S1CQ01": [1, 1, 1, 2, 1],
                "S1CQ02": [1, 2, 5, 1, 1],
                "S1CQ10A": [6000.0, 6000.0, 3000.0, 6000.0, 6000.0],
            }
        ),
        {
            "S1CQ02": {
                1: "Old Age Allowance",
                2: "Allowance for widow, deserted and destitute women",
                5: "VGD",
            }
        },
    )
    items = {f"S8BQ{i:02d}": [0.0, 0.0] for i in range(1, 14)}
    items["S8BQ09"] = [120000.0, NAN]
    items["S8BQ08"] = [0.0, 5000.0]
    items["S8BQ01"] = [24000.0, 0.0]
    _write(folder, "HH_SEC_8B.dta", pd.DataFrame({"PSU": [1, 1], "HHID": [1, 2], **items}))
    return folder


def write_sarmd(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    _write(
        folder,
        "BGD_2022_HIES_GMD.dta",
        pd.DataFrame(
            {
                "hhid": [11, 11, 12],
                "pid": [1, 2, 1],
                "weight": [2000.0, 2000.0, 3000.0],
                "psu": [5, 5, 6],
                "subnatid1": [1, 1, 2],
                "urban": [0, 0, 1],
                "welfare": [36000.0, 36000.0, 60000.0],
                "pline_nat": [36000.0, 36000.0, 54720.0],
                "itranext_m": [0.0, 0.0, 10000.0],
                "age": [68, 8, 35],
                "male": [1, 0, 0],
                "relationharm": [1, 3, 1],
                "marital": [5, NAN, 1],
                "eye_dsablty": [1, 1, 1],
                "hear_dsablty": [3, 1, 1],
                "walk_dsablty": [1, 1, 1],
                "conc_dsord": [1, 1, 1],
                "slfcre_dsablty": [1, 1, 1],
                "comm_dsablty": [1, 1, 1],
                "lstatus": [3, NAN, 1],
                "empstat": [NAN, NAN, 1],
                "inocct_m": [0.0, 0.0, 15000.0],
            }
        ),
        {"subnatid1": {1: "10 - Barishal", 2: "30 - Dhaka"}},
    )
    return folder
