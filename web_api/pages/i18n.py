"""The words of the web app's pages, in English and Bangla (labels of the model's variables and
parameters come from the legislation and `policy_bd/labels/bn/`, not from here)."""

from __future__ import annotations

from policy_bd.enums import (
    Disablement,
    Division,
    EmployerType,
    JobSeparation,
    MaritalStatus,
    Sector,
    Sex,
)
from policy_bd.explain import BANGLA_DIGITS, UNIT_WORDS
from policy_bd.migrant_enums import MigrantStatus, ReturnReason

LANGUAGES = ("en", "bn")

WORDS: dict[str, tuple[str, str]] = {
    "app_name": ("OpenFisca Bangladesh", "ওপেনফিসকা বাংলাদেশ"),
    "nav_calculator": ("Household calculator", "পরিবারের হিসাব"),
    "nav_reform": ("Reform builder", "সংস্কার প্রস্তাব"),
    "nav_impact": ("Impact of a reform", "সংস্কারের প্রভাব"),
    "nav_projection": ("NSIS financing", "এনএসআইএস অর্থায়ন"),
    "nav_programs": ("Programs", "কর্মসূচি"),
    "nav_parameters": ("Parameters", "প্যারামিটার"),
    "language": ("Language", "ভাষা"),
    "switch_language": ("বাংলা", "English"),
    "skip": ("Skip to content", "মূল অংশে যান"),
    "calc_title": ("What is this household entitled to?", "এই পরিবার কী কী সুবিধা পাবে?"),
    "calc_intro": (
        "Describe each member, pick a date, and see every program: eligible or not, the amount, and why.",
        "প্রত্যেক সদস্যের তথ্য দিন, একটি তারিখ বেছে নিন, এবং প্রতিটি কর্মসূচির যোগ্যতা, পরিমাণ ও কারণ দেখুন।",
    ),
    "date": ("Date of the determination", "নির্ধারণের তারিখ"),
    "division": ("Division", "বিভাগ"),
    "area": ("Area", "এলাকা"),
    "urban": ("Urban", "শহর"),
    "rural": ("Rural", "গ্রাম"),
    "not_given": ("Not given", "দেওয়া হয়নি"),
    "member": ("Member", "সদস্য"),
    "members": ("Members", "সদস্যবৃন্দ"),
    "add_member": ("Add a member", "সদস্য যোগ করুন"),
    "remove_member": ("Remove this member", "এই সদস্য বাদ দিন"),
    "name": ("Name or identifier", "নাম বা পরিচিতি"),
    "role": ("Role in the household", "পরিবারে ভূমিকা"),
    "role_head": ("Head", "প্রধান"),
    "role_spouse": ("Spouse", "স্বামী/স্ত্রী"),
    "role_child": ("Child", "সন্তান"),
    "role_other": ("Other", "অন্যান্য"),
    "age_or_birth": ("Age or date of birth", "বয়স বা জন্মতারিখ"),
    "age": ("Age (years)", "বয়স (বছর)"),
    "date_of_birth": ("Date of birth", "জন্মতারিখ"),
    "sex": ("Sex", "লিঙ্গ"),
    "marital_status": ("Marital status", "বৈবাহিক অবস্থা"),
    "annual_income": ("Annual income (Tk)", "বার্ষিক আয় (টাকা)"),
    "disability_registered": ("Holds a disability identity card", "প্রতিবন্ধী পরিচয়পত্র আছে"),
    "receives_other_allowance": ("Already receives another allowance", "ইতিমধ্যে অন্য ভাতা পান"),
    "employment": ("Employment", "কর্মসংস্থান"),
    "monthly_wage": ("Monthly wage (Tk)", "মাসিক মজুরি (টাকা)"),
    "months_of_service": ("Months of service", "চাকরির মেয়াদ (মাস)"),
    "sector": ("Sector", "খাত"),
    "employer_type": ("Employer", "নিয়োগকারী"),
    "establishment_size": ("Workers in the establishment", "প্রতিষ্ঠানের শ্রমিক সংখ্যা"),
    "events": ("Events in the month", "এ মাসের ঘটনা"),
    "gives_birth": ("Gives birth", "সন্তান প্রসব"),
    "living_children_before_birth": ("Living children before the birth", "প্রসবের আগে জীবিত সন্তান"),
    "work_injury": ("Injured at work", "কর্মক্ষেত্রে আহত"),
    "work_injury_disablement": ("Outcome of the injury", "আঘাতের পরিণতি"),
    "work_injury_incapacity_days": ("Days of incapacity", "অক্ষমতার দিন"),
    "job_separation": ("Job ends", "চাকরির সমাপ্তি"),
    "dies": ("Dies", "মৃত্যু"),
    "death_at_work": ("Death at work", "কর্মস্থলে মৃত্যু"),
    "migration": ("Return from abroad", "বিদেশ থেকে প্রত্যাবর্তন"),
    "migrant_status": ("Work abroad", "বিদেশে কাজ"),
    "date_of_return": ("Date of return", "ফেরার তারিখ"),
    "months_abroad": ("Months abroad", "বিদেশে থাকার মাস"),
    "reason_for_return": ("Reason for return", "ফেরার কারণ"),
    "wewb_member": ("Member of the Wage Earners' Welfare Board", "ওয়েজ আর্নার্স কল্যাণ বোর্ডের সদস্য"),
    "migrated_with_bmet_clearance": ("Left with BMET clearance", "বিএমইটি ছাড়পত্র নিয়ে গিয়েছিলেন"),
    "yes": ("Yes", "হ্যাঁ"),
    "no": ("No", "না"),
    "calculate": ("Calculate", "হিসাব করুন"),
    "print": ("Print", "মুদ্রণ"),
    "share": ("Link to this result", "এই ফলাফলের লিংক"),
    "copy_link": ("Copy link", "লিংক কপি করুন"),
    "copied": ("Copied", "কপি হয়েছে"),
    "results": ("Results", "ফলাফল"),
    "household_total": ("Household total this month", "এ মাসে পরিবারের মোট"),
    "program": ("Program", "কর্মসূচি"),
    "status": ("Status", "অবস্থা"),
    "status_law": ("Law", "আইন"),
    "status_pilot": ("Pilot", "পরীক্ষামূলক"),
    "status_proposal": ("Proposal", "প্রস্তাব"),
    "eligible": ("Eligible", "যোগ্য"),
    "not_eligible": ("Not eligible", "যোগ্য নন"),
    "amount": ("Amount", "পরিমাণ"),
    "per_month": ("per month", "প্রতি মাসে"),
    "lump_sum": ("lump sum", "এককালীন"),
    "per_year": ("per year", "প্রতি বছর"),
    "criteria": ("Criteria", "শর্তাবলি"),
    "met": ("Met", "পূরণ"),
    "not_met": ("Not met", "অপূর্ণ"),
    "sources": ("Sources", "সূত্র"),
    "show_all_programs": (
        "Show programs with no entitlement too",
        "যেসব কর্মসূচিতে প্রাপ্য নেই সেগুলোও দেখান",
    ),
    "no_entitlement": (
        "No program pays this member anything this month.",
        "এ মাসে এই সদস্য কোনো কর্মসূচি থেকে কিছু পাবেন না।",
    ),
    "working": ("Calculating…", "হিসাব চলছে…"),
    "error": ("Please check", "অনুগ্রহ করে দেখুন"),
    "used": ("Computed with", "হিসাবের ভিত্তি"),
    "package_version": ("package version", "প্যাকেজ সংস্করণ"),
    "legislation_date": ("legislation of", "আইনের তারিখ"),
    "compare_with_reform": ("Compare with a reform", "সংস্কারের সাথে তুলনা"),
    "reform": ("Reform", "সংস্কার"),
    "baseline": ("Current law", "বর্তমান আইন"),
    "difference": ("Difference", "পার্থক্য"),
    "no_reform": ("None (current law)", "কোনোটি নয় (বর্তমান আইন)"),
    "choose_reform": ("Named reform", "নির্ধারিত সংস্কার"),
    "edit_reform": ("Build or edit the reform", "সংস্কার তৈরি বা সম্পাদনা"),
    "reform_title": ("Build a reform", "সংস্কার প্রস্তাব তৈরি"),
    "reform_intro": (
        "Search a parameter, give it a new value from a date, and see what the change costs.",
        "একটি প্যারামিটার খুঁজুন, একটি তারিখ থেকে নতুন মান দিন, এবং পরিবর্তনের ব্যয় দেখুন।",
    ),
    "search": ("Search parameters", "প্যারামিটার খুঁজুন"),
    "search_hint": ("Name or label, in English or Bangla", "নাম বা বিবরণ, ইংরেজি বা বাংলায়"),
    "start_from": ("Start from a named reform", "নির্ধারিত সংস্কার থেকে শুরু করুন"),
    "load": ("Load", "আনুন"),
    "title_field": ("Title", "শিরোনাম"),
    "description_field": ("Description", "বিবরণ"),
    "changes": ("Changes", "পরিবর্তনসমূহ"),
    "parameter": ("Parameter", "প্যারামিটার"),
    "current_value": ("Value today", "আজকের মান"),
    "new_value": ("New value", "নতুন মান"),
    "start": ("From", "শুরু"),
    "stop": ("Until (optional)", "পর্যন্ত (ঐচ্ছিক)"),
    "add_change": ("Change this parameter", "এই প্যারামিটার বদলান"),
    "remove": ("Remove", "বাদ দিন"),
    "unit": ("Unit", "একক"),
    "history": ("History", "ইতিহাস"),
    "since": ("since", "থেকে"),
    "value": ("Value", "মান"),
    "check_reform": ("Check the reform", "সংস্কার যাচাই করুন"),
    "reform_ok": ("The reform is valid.", "সংস্কারটি বৈধ।"),
    "download_yaml": ("Download YAML", "YAML ডাউনলোড"),
    "upload_yaml": ("Upload a reform file (YAML)", "সংস্কার ফাইল আপলোড (YAML)"),
    "see_impact": ("See the impact", "প্রভাব দেখুন"),
    "see_household": ("Try it on a household", "একটি পরিবারে পরীক্ষা করুন"),
    "no_changes": (
        "No change yet: search a parameter above.",
        "এখনো কোনো পরিবর্তন নেই: উপরে প্যারামিটার খুঁজুন।",
    ),
    "impact_title": ("Impact of a reform", "সংস্কারের প্রভাব"),
    "synthetic": ("SYNTHETIC", "কৃত্রিম"),
    "synthetic_note": (
        "SYNTHETIC sample: figures from a made-up HIES-like sample, not for inference.",
        "কৃত্রিম নমুনা: বানানো HIES-সদৃশ নমুনা থেকে প্রাপ্ত সংখ্যা, অনুমানের জন্য নয়।",
    ),
    "fiscal_year": ("Fiscal year", "অর্থবছর"),
    "run": ("Run", "চালান"),
    "running": ("Running the microsimulation…", "মাইক্রোসিমুলেশন চলছে…"),
    "cost_by_program": ("Cost by program (Tk crore a year)", "কর্মসূচিভিত্তিক ব্যয় (কোটি টাকা, বছরে)"),
    "beneficiaries_by_program": ("Beneficiaries by program (lakh)", "কর্মসূচিভিত্তিক উপকারভোগী (লাখ)"),
    "total": ("Total", "মোট"),
    "cost_crore": ("Cost (Tk crore)", "ব্যয় (কোটি টাকা)"),
    "beneficiaries_lakh": ("Beneficiaries (lakh)", "উপকারভোগী (লাখ)"),
    "poverty": ("Poverty headcount", "দারিদ্র্যের হার"),
    "poverty_by_group": ("Poverty by age group", "বয়সভিত্তিক দারিদ্র্য"),
    "poverty_by_division": ("Poverty by division (upper line)", "বিভাগভিত্তিক দারিদ্র্য (উচ্চ রেখা)"),
    "line_upper": ("Upper line", "উচ্চ দারিদ্র্যরেখা"),
    "line_lower": ("Lower line", "নিম্ন দারিদ্র্যরেখা"),
    "group_all": ("Everyone", "সবাই"),
    "group_children": ("Children", "শিশু"),
    "group_elderly": ("Older people", "প্রবীণ"),
    "measure_headcount": ("Headcount", "হার"),
    "measure_gap": ("Gap", "ব্যবধান"),
    "measure_severity": ("Severity", "তীব্রতা"),
    "inequality": ("Inequality (Gini)", "বৈষম্য (জিনি)"),
    "gini_income": ("Gini of income", "আয়ের জিনি"),
    "gini_consumption": ("Gini of consumption", "ভোগের জিনি"),
    "deciles": (
        "Change by income decile (Tk per person a year)",
        "আয় দশমাংশ অনুযায়ী পরিবর্তন (জনপ্রতি টাকা, বছরে)",
    ),
    "decile": ("Decile", "দশমাংশ"),
    "gain": ("Mean gain", "গড় লাভ"),
    "winners_losers": ("Winners and losers (share of persons)", "লাভবান ও ক্ষতিগ্রস্ত (জনসংখ্যার অংশ)"),
    "winners": ("Gain", "লাভবান"),
    "losers": ("Lose", "ক্ষতিগ্রস্ত"),
    "unchanged": ("No change", "অপরিবর্তিত"),
    "targeting": ("Targeting of today's allowances", "বর্তমান ভাতার লক্ষ্যভিত্তিকতা"),
    "inclusion_error": ("Inclusion error", "অন্তর্ভুক্তির ভুল"),
    "exclusion_error": ("Exclusion error", "বাদ পড়ার ভুল"),
    "show_table": ("Show the table", "সারণি দেখুন"),
    "download_csv": ("Download CSV", "CSV ডাউনলোড"),
    "region": ("Division", "বিভাগ"),
    "group": ("Group", "দল"),
    "line": ("Line", "রেখা"),
    "measure": ("Measure", "পরিমাপ"),
    "compare_title": (
        "One household, current law against the reform",
        "একটি পরিবার: বর্তমান আইন বনাম সংস্কার",
    ),
    "variable": ("Item", "বিষয়"),
    "only_changed": ("Only the lines that change", "শুধু পরিবর্তিত সারি"),
    "no_difference": (
        "The reform changes nothing for this household.",
        "এই সংস্কারে এই পরিবারের কিছুই বদলায় না।",
    ),
    "household": ("Household", "পরিবার"),
    "programs_title": ("Programs and legislation", "কর্মসূচি ও আইন"),
    "administrator": ("Administered by", "পরিচালনায়"),
    "payment_schedule": ("Paid", "পরিশোধ"),
    "amounts_by_year": ("Parameters and amounts by date", "তারিখ অনুযায়ী প্যারামিটার ও পরিমাণ"),
    "parameters_title": ("Parameters of the legislation", "আইনের প্যারামিটার"),
    "parameter_value_today": ("Value in force today", "আজ কার্যকর মান"),
    "documentation": ("Notes", "টীকা"),
    "checked_on": ("Last checked", "সর্বশেষ যাচাই"),
    "not_in_force": ("Not in force", "কার্যকর নয়"),
    "chart_of_history": ("Chart of the values over time", "সময়ের সাথে মানের চিত্র"),
    "reform_used": ("Reform", "সংস্কার"),
    "none": ("none", "নেই"),
    "open_program": ("Open", "খুলুন"),
    "projection_title": (
        "Can Bangladesh afford the NSIS? Financing projection",
        "বাংলাদেশ কি এনএসআইএস-এর ব্যয় বহন করতে পারবে? অর্থায়ন প্রক্ষেপণ",
    ),
    "projection_intro": (
        "Each branch of the National Social Insurance Scheme projected year by year from the "
        "microsimulation of the base year: the fund, the general average premium and the year "
        "the fund runs out. Rates are shares of the contributory wages.",
        "জাতীয় সামাজিক বীমা স্কিমের প্রতিটি শাখা ভিত্তিবছরের মাইক্রোসিমুলেশন থেকে বছরওয়ারি "
        "প্রক্ষেপিত: তহবিল, সাধারণ গড় প্রিমিয়াম এবং তহবিল শেষ হওয়ার বছর। হারগুলো অংশদায়ী "
        "মজুরির অংশ।",
    ),
    "scenario": ("Scenario", "পরিস্থিতি"),
    "horizon": ("Last fiscal year (horizon)", "শেষ অর্থবছর (দিগন্ত)"),
    "running_projection": ("Running the projection…", "প্রক্ষেপণ চলছে…"),
    "financing_answers": ("Financing answers by branch", "শাখাভিত্তিক অর্থায়নের উত্তর"),
    "branch": ("Branch", "শাখা"),
    "rate_in_design": ("Contribution rate in the design", "নকশায় অংশদানের হার"),
    "gap_years": ("General average premium, {n} years", "সাধারণ গড় প্রিমিয়াম, {n} বছর"),
    "gap_horizon": (
        "General average premium to the horizon ({n} years)",
        "দিগন্ত পর্যন্ত সাধারণ গড় প্রিমিয়াম ({n} বছর)",
    ),
    "scaled_premium": ("Scaled premium", "স্কেলড প্রিমিয়াম"),
    "runs_out": ("Fund runs out", "তহবিল শেষ হয়"),
    "never": ("never", "কখনো নয়"),
    "reserve_chart": ("Reserve at the end of the year (Tk crore)", "বছর শেষে সঞ্চিতি (কোটি টাকা)"),
    "rates_chart": (
        "PAYG cost rate against the contribution rate",
        "পে-অ্যাজ-ইউ-গো ব্যয়হার বনাম অংশদানের হার",
    ),
    "payg_cost_rate": ("PAYG cost rate", "পে-অ্যাজ-ইউ-গো ব্যয়হার"),
    "contribution_rate": ("Contribution rate", "অংশদানের হার"),
    "year": ("Fiscal year", "অর্থবছর"),
    "insured": ("Insured persons", "বীমাকৃত ব্যক্তি"),
    "pensions_in_payment": ("Pensions in payment", "চলমান পেনশন"),
    "contributions_crore": ("Contributions (Tk crore)", "অংশদান (কোটি টাকা)"),
    "co_financing_crore": ("Government co-financing (Tk crore)", "সরকারি সহ-অর্থায়ন (কোটি টাকা)"),
    "benefits_crore": ("Benefits (Tk crore)", "সুবিধা (কোটি টাকা)"),
    "administration_crore": ("Administration (Tk crore)", "প্রশাসন (কোটি টাকা)"),
    "investment_income_crore": ("Investment income (Tk crore)", "বিনিয়োগ আয় (কোটি টাকা)"),
    "reserve_crore": ("Reserve (Tk crore)", "সঞ্চিতি (কোটি টাকা)"),
    "reserve_ratio": ("Reserve ratio", "সঞ্চিতি অনুপাত"),
    "expenditure_share_of_gdp": ("Expenditure (% of GDP)", "ব্যয় (জিডিপির %)"),
    "show_yearly_table": ("Show the yearly table", "বছরওয়ারি সারণি দেখুন"),
    "scenario_used": ("scenario", "পরিস্থিতি"),
    "branch_unemployment": ("Unemployment insurance", "বেকারত্ব বীমা"),
    "branch_employment_injury": ("Employment injury insurance", "কর্মক্ষেত্রে দুর্ঘটনা বীমা"),
    "branch_maternity": ("Maternity insurance", "মাতৃত্ব বীমা"),
    "branch_sickness": ("Sickness insurance", "অসুস্থতা বীমা"),
    "branch_eis": ("Employment Injury Scheme (EIS)", "কর্মক্ষেত্রে দুর্ঘটনা স্কিম (ইআইএস)"),
}

# Enumerations the calculator offers, by contract field: value -> (English, Bangla).
OPTIONS: dict[str, dict[str, tuple[str, str]]] = {
    "sex": {"female": ("Female", "নারী"), "male": ("Male", "পুরুষ")},
    "marital_status": {
        "never_married": ("Never married", "অবিবাহিত"),
        "married": ("Married", "বিবাহিত"),
        "widowed": ("Widowed", "বিধবা/বিপত্নীক"),
        "divorced": ("Divorced", "তালাকপ্রাপ্ত"),
        "separated": ("Separated", "পৃথক বসবাসকারী"),
        "deserted": ("Deserted", "স্বামী/স্ত্রী পরিত্যক্ত"),
    },
    "division": {
        "barishal": ("Barishal", "বরিশাল"),
        "chattogram": ("Chattogram", "চট্টগ্রাম"),
        "dhaka": ("Dhaka", "ঢাকা"),
        "khulna": ("Khulna", "খুলনা"),
        "mymensingh": ("Mymensingh", "ময়মনসিংহ"),
        "rajshahi": ("Rajshahi", "রাজশাহী"),
        "rangpur": ("Rangpur", "রংপুর"),
        "sylhet": ("Sylhet", "সিলেট"),
    },
    "sector": {
        "none": ("No job", "কাজ নেই"),
        "rmg_export": ("Garments, export", "তৈরি পোশাক, রপ্তানিমুখী"),
        "rmg_domestic": ("Garments, domestic market", "তৈরি পোশাক, দেশীয় বাজার"),
        "leather": ("Leather and footwear", "চামড়া ও পাদুকা"),
        "frozen_food": ("Frozen food and fish", "হিমায়িত খাদ্য ও মাছ"),
        "other_manufacturing": ("Other manufacturing", "অন্যান্য উৎপাদন"),
        "construction": ("Construction", "নির্মাণ"),
        "transport": ("Transport", "পরিবহন"),
        "agriculture": ("Agriculture, forestry, fishing", "কৃষি, বন ও মৎস্য"),
        "domestic_work": ("Domestic work", "গৃহকর্ম"),
        "services": ("Trade and services", "ব্যবসা ও সেবা"),
        "public_administration": ("Public administration", "জনপ্রশাসন"),
    },
    "employer_type": {
        "none": ("Not employed", "কর্মরত নন"),
        "government": ("Government", "সরকার"),
        "autonomous_body": ("Autonomous or state-owned body", "স্বায়ত্তশাসিত বা রাষ্ট্রায়ত্ত প্রতিষ্ঠান"),
        "local_government": ("Local government", "স্থানীয় সরকার"),
        "private_company": ("Private company or factory", "বেসরকারি কোম্পানি বা কারখানা"),
        "ngo": ("NGO", "এনজিও"),
        "household": ("A private household", "ব্যক্তিগত গৃহস্থালি"),
        "self_employed": ("Self-employed", "স্বনিযুক্ত"),
    },
    "work_injury_disablement": {
        "none": ("No disablement beyond three days", "তিন দিনের বেশি অক্ষমতা নেই"),
        "temporary": ("Temporary disablement", "অস্থায়ী অক্ষমতা"),
        "permanent_partial": ("Permanent partial disablement", "স্থায়ী আংশিক অক্ষমতা"),
        "permanent_total": ("Permanent total disablement", "স্থায়ী সম্পূর্ণ অক্ষমতা"),
        "death": ("Death", "মৃত্যু"),
    },
    "job_separation": {
        "none": ("No", "না"),
        "lay_off": ("Lay-off (s.16)", "লে-অফ (ধারা ১৬)"),
        "retrenchment": ("Retrenchment (s.20)", "ছাঁটাই (ধারা ২০)"),
        "discharge": ("Discharge for ill health (s.22)", "অসুস্থতার কারণে অব্যাহতি (ধারা ২২)"),
        "dismissal_for_misconduct": (
            "Dismissal for misconduct (s.23)",
            "অসদাচরণের জন্য বরখাস্ত (ধারা ২৩)",
        ),
        "termination_by_employer": (
            "Termination by the employer (s.26)",
            "মালিক কর্তৃক চাকরি অবসান (ধারা ২৬)",
        ),
        "resignation": ("Resignation (s.27)", "পদত্যাগ (ধারা ২৭)"),
        "retirement": ("Retirement (s.28)", "অবসর (ধারা ২৮)"),
    },
    "migrant_status": {
        "never_migrated": ("Never worked abroad", "কখনো বিদেশে কাজ করেননি"),
        "abroad": ("Working abroad", "বিদেশে কর্মরত"),
        "on_leave": ("Home on leave", "ছুটিতে দেশে"),
        "returned": ("Returned for good", "স্থায়ীভাবে ফিরে এসেছেন"),
    },
    "reason_for_return": {
        "contract_completed": ("Contract ended", "চুক্তি শেষ"),
        "job_loss": ("Lost the job abroad", "বিদেশে চাকরি হারিয়েছেন"),
        "injury_or_illness": ("Injury or illness", "আঘাত বা অসুস্থতা"),
        "covid19": ("COVID-19", "কোভিড-১৯"),
        "deported": ("Deported or sent back", "বহিষ্কৃত বা ফেরত পাঠানো"),
        "war_or_disaster": ("War or disaster", "যুদ্ধ বা দুর্যোগ"),
        "family_reasons": ("Family reasons", "পারিবারিক কারণ"),
        "other": ("Another reason", "অন্য কারণ"),
    },
}
# The model's enumeration of each option list (tests check the lists name every value).
ENUMS = {
    "sex": Sex,
    "marital_status": MaritalStatus,
    "division": Division,
    "sector": Sector,
    "employer_type": EmployerType,
    "work_injury_disablement": Disablement,
    "job_separation": JobSeparation,
    "migrant_status": MigrantStatus,
    "reason_for_return": ReturnReason,
}


def words(language: str) -> dict[str, str]:
    index = LANGUAGES.index(language)
    return {key: pair[index] for key, pair in WORDS.items()}


def options(language: str) -> dict[str, list[tuple[str, str]]]:
    index = LANGUAGES.index(language)
    return {
        field: [(value, pair[index]) for value, pair in items.items()]
        for field, items in OPTIONS.items()
    }


def digits(text: object, language: str) -> str:
    """Text with Bangla digits when the page is in Bangla."""
    return str(text).translate(BANGLA_DIGITS) if language == "bn" else str(text)


def unit_templates(language: str) -> dict[str, str]:
    """How a value of each unit is written ("Tk {}", "{} টাকা"): the explanations' own words."""
    index = LANGUAGES.index(language)
    return {unit: pair[index] for unit, pair in UNIT_WORDS.items()}


def with_unit(value: object, unit: str | None, language: str) -> str:
    """A parameter's value as a page shows it: yes/no, a percentage, or the number and its unit."""
    if value is None:
        return words(language)["not_in_force"]
    if isinstance(value, bool):
        return words(language)["yes" if value else "no"]
    if unit == "/1" and isinstance(value, int | float):
        return digits(f"{value * 100:g}%", language)
    number = f"{value:,}" if isinstance(value, int | float) else str(value)
    template = unit_templates(language).get(unit or "", "{}")
    return template.format(digits(number, language))
