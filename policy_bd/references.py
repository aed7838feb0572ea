"""Variable references as links: each source becomes its title followed by the document's URL.

OpenFisca's Legislation Explorer renders every item of a variable's `reference` as a link, so a
reference written as "Bangladesh Labour Act 2006, s.46: http://..." or as a bare title is a dead
link. The variable modules keep writing their sources the way a reader cites them; when the
system is built, `link_variable_references` rewrites each variable's reference into a list in
which every title is followed by the URL of the document it names:

- a text that contains a URL is split into its title and the URL;
- a title without a URL gets the URL of its document from `DOCUMENTS`, the package's
  bibliography of the laws, rules and reports cited without a link (longest matching prefix);
- a title the bibliography does not know stays a title (`tests/test_reference_links.py` counts
  the variables left without a link).

One bibliography, rather than a URL pasted beside every citation, keeps one place to correct
when a government portal moves a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

URL = re.compile(r"https?://[^\s)\]]+")

BDLAWS_LABOUR_ACT = "http://bdlaws.minlaw.gov.bd/act-952.html"
NORMLEX = "https://www.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:{}"

# Title prefix -> the document it names (the longest matching prefix wins).
DOCUMENTS: dict[str, str] = {
    "Bangladesh Labour Act 2006, s.46": "http://bdlaws.minlaw.gov.bd/act-952/section-26452.html",
    "Bangladesh Labour Act 2006, s.48": "http://bdlaws.minlaw.gov.bd/act-952/section-26454.html",
    "Bangladesh Labour Act 2006, s.49": "http://bdlaws.minlaw.gov.bd/act-952/section-26455.html",
    "Bangladesh Labour Act 2006, ss.45": "http://bdlaws.minlaw.gov.bd/act-952/section-26452.html",
    "Bangladesh Labour Act 2006, s.150": "https://accountabilityhub.org/provision/ss-150-and-151/",
    "Bangladesh Labour Act 2006, s.151": "https://accountabilityhub.org/provision/ss-150-and-151/",
    "Bangladesh Labour Act 2006, ss.150": "https://accountabilityhub.org/provision/ss-150-and-151/",
    "Bangladesh Labour Act 2006, s.152": "https://hasanhmt.com/?p=2397",
    "Bangladesh Labour Act 2006, s.116": "https://juralacuity.com/employee-benefits-under-bangladesh-labour-act-2006/",
    "Bangladesh Labour Act 2006, s.19": "https://www.nigarbd.com/2025/07/section19-death-benefit-bd-law.html",
    "Bangladesh Labour Act 2006": BDLAWS_LABOUR_ACT,
    "Bangladesh Labour (Amendment) Act 2013": "https://csr-solutions.cn/newsinfo/6535903.html",
    "Bangladesh Labour (Amendment) Ordinance 2025": "https://www.compliancebd.xyz/2025/10/labor-law-ammendment-2025.html",
    "Bangladesh Labour Rules 2015": "https://vdb-loi.com/bd_publications/sro-no-284-law-2022-amendment-of-bangladesh-labor-rule-2015-dated-01-september-2022/",
    "Old Age Allowance Programme Implementation Manual": "https://socialprotection.gov.bd/en/old-age-allowance/",
    "Allowance Programme for Financially Insolvent Persons with Disabilities Implementation Manual": "http://dss.melandah.jamalpur.gov.bd/bn/site/page/%E0%A6%AA%E0%A7%8D%E0%A6%B0%E0%A6%A4%E0%A6%BF%E0%A6%AC%E0%A6%A8%E0%A7%8D%E0%A6%A7%E0%A7%80-%E0%A6%AD%E0%A6%BE%E0%A6%A4%E0%A6%BE",
    "Widow and Husband-Deserted Women's Allowance Programme Implementation Manual": "http://dss.atrai.naogaon.gov.bd/bn/site/page/1VhQ-%E0%A6%89%E0%A6%AA%E0%A6%95%E0%A6%BE%E0%A6%B0%E0%A6%AD%E0%A7%8B%E0%A6%97%E0%A7%80-%E0%A6%A8%E0%A6%BF%E0%A6%B0%E0%A7%8D%E0%A6%AC%E0%A6%BE%E0%A6%9A%E0%A6%A8%E0%A7%87%E0%A6%B0-%E0%A6%AE%E0%A6%BE%E0%A6%A8%E0%A6%A6%E0%A6%A8%E0%A7%8D%E0%A6%A1",
    "Widow and Husband-Deserted Women's Allowance Programme Implementation Policy 2024": "https://www.tbsnews.net/economy/widows-annual-income-tk15000-be-eligible-govt-allowance-820686",
    "Mother and Child Benefit Programme": "http://dwa.gior.manikganj.gov.bd/bn/site/news/%E0%A6%AE%E0%A6%BE-%E0%A6%93-%E0%A6%B6%E0%A6%BF%E0%A6%B6%E0%A7%81-%E0%A6%B8%E0%A6%B9%E0%A6%BE%E0%A7%9F%E0%A6%A4%E0%A6%BE-%E0%A6%95%E0%A6%B0%E0%A7%8D%E0%A6%AE%E0%A6%B8%E0%A7%82%E0%A6%9A%E0%A6%BF",
    "Rights and Protection of Persons with Disabilities Act 2013": "http://bdlaws.minlaw.gov.bd/act-1126.html",
    "Persons with Disabilities Rights and Protection Act 2013": "http://bdlaws.minlaw.gov.bd/act-1126.html",
    "Universal Pension Management Act 2023": "http://bdlaws.minlaw.gov.bd/act-1421.html",
    "Universal Pension Scheme Rules 2023": "http://dailystudynews.com/%E0%A6%B8%E0%A6%B0%E0%A7%8D%E0%A6%AC%E0%A6%9C%E0%A6%A8%E0%A7%80%E0%A6%A8-%E0%A6%AA%E0%A7%87%E0%A6%A8%E0%A6%B6%E0%A6%A8-%E0%A6%B8%E0%A7%8D%E0%A6%95%E0%A6%BF%E0%A6%AE-%E0%A6%AC%E0%A6%BF%E0%A6%A7/",
    "SRO 47-Law/2024": "https://www.tbsnews.net/economy/universal-pension-prottoy-scheme-introduced-newly-recruited-employees-812214",
    "SRO 48-Law/2024": "https://www.tbsnews.net/economy/universal-pension-prottoy-scheme-introduced-newly-recruited-employees-812214",
    "Overseas Employment and Migrants Act 2013": "http://bdlaws.minlaw.gov.bd/act-1131.html",
    "Probashi Kallyan Bank Act 2010": "http://bdlaws.minlaw.gov.bd/act-1060.html",
    "WEWB scholarship circular": "https://eduguideline.com/?p=28391",
    "Wage Earners' Welfare Board Rules 2023": "https://today.thefinancialexpress.com.bd/metro-news/wewb-rules-to-step-up-migrant-workers-welfare-management-1682701254",
    "Wage Earners' Welfare Board Act 2018": "https://thefinancialexpress.com.bd/trade/expat-ministry-seeks-tk-500m-for-wage-earners-welfare-board-in-fy26-budget",
    "ILO, Cabinet Division and UNDP SSPS, NSIS workshop report": "https://socialprotection.gov.bd/2025/02/workshop-on-national-social-insurance-scheme-nsis-in-bangladesh-capacity-building-and-stocktaking",
    "PROPOSAL: DataSense": "https://datasense.services/publications/reports/welfare-product-for-migrant-workers",
    "ILO C102": NORMLEX.format("C102"),
    "ILO C121": NORMLEX.format("C121"),
    "ILO C130": NORMLEX.format("C130"),
    "ILO C168": NORMLEX.format("C168"),
    "ILO C183": NORMLEX.format("C183"),
    # The package's own code: formatted with the repository URL of the package metadata.
    "policy_bd.dated_parameters": "{repository}/blob/main/policy_bd/dated_parameters.py",
}


def _document_for(title: str, repository: str) -> str | None:
    matches = [prefix for prefix in DOCUMENTS if title.startswith(prefix)]
    if not matches:
        return None
    return DOCUMENTS[max(matches, key=len)].format(repository=repository.rstrip("/"))


def _title_without(text: str, url: str) -> str:
    """The text of a citation with its URL taken out: "Act, s.1: URL (note)" -> "Act, s.1 (note)"."""
    title = text.replace(url, " ")
    title = re.sub(r"\(\s*\)", "", title)
    title = re.sub(r"\s*:\s+(?=\(|$)", " ", title)
    title = re.sub(r"\s{2,}", " ", title).strip(" :;,")
    if title.startswith("(") and title.endswith(")") and title.count("(") == 1:
        title = title[1:-1]  # "URL (title)" -> "title"
    return title


def linked(reference: str | Iterable[str] | None, repository: str = "") -> list[str]:
    """A variable's reference as [title, URL, title, URL, ...], without repeating an item."""
    if not reference:
        return []
    items = [reference] if isinstance(reference, str) else list(reference)
    out: list[str] = []
    for item in items:
        text = str(item).strip()
        urls = URL.findall(text)
        if urls:
            title = text
            for url in urls:
                title = _title_without(title, url)
            pieces = ([title] if title else []) + urls
        else:
            url = _document_for(text, repository)
            pieces = [text, url] if url else [text]
        out.extend(piece for piece in pieces if piece not in out)
    return out


def link_variable_references(system, repository: str) -> None:
    """Rewrite every variable's `reference` of `system` in place (see the module docstring)."""
    for variable in system.variables.values():
        variable.reference = linked(variable.reference, repository)
