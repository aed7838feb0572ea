/* The NSIS financing projection: POST /v1/projection for a bundled scenario, drawn per branch. */
"use strict";
(function () {
  const { page, t, el, fmt, digits, setQuery, api, csv, download, copyLink, metaLine, runCall } = window.PBD;
  const { lines } = window.PBDCharts;
  const scenarios = JSON.parse(document.getElementById("scenarios").textContent);
  const form = document.getElementById("projection");
  const params = new URLSearchParams(window.location.search);
  const BRANCHES = ["unemployment", "employment_injury", "maternity", "sickness", "eis"];

  if (params.get("scenario") && params.get("scenario") in scenarios) form.scenario.value = params.get("scenario");
  describe();
  if (params.get("horizon")) form.horizon.value = params.get("horizon");

  function describe() {
    const scenario = scenarios[form.scenario.value];
    document.getElementById("scenario-title").textContent = scenario.title || form.scenario.value;
    document.getElementById("scenario-text").textContent = scenario.description || "";
    form.horizon.value = scenario.horizon || 2060;
    form.horizon.min = (scenario.base_year || 2025) + 1;
  }
  form.scenario.addEventListener("change", describe);

  const fiscalYear = (year) => digits(year + "-" + String((year + 1) % 100).padStart(2, "0"));
  const rate = (v) => (v === null || v === undefined ? "–" : fmt(v * 100, 3) + "%");
  const crore = (v) => fmt(v / 1e7, 1);
  const branchLabel = (name) => t["branch_" + name] || name;
  const totalRate = (rates) => Object.values(rates || {}).reduce((s, v) => s + v, 0);

  function table(rows, columns, id) {
    return el("table", { "data-table": id },
      el("thead", {}, el("tr", {}, columns.map((c) => el("th", { class: c.num ? "num" : "", scope: "col", text: c.label })))),
      el("tbody", {}, rows.map((row) => el("tr", { "data-branch": row.branch || null }, columns.map((c) =>
        el("td", { class: c.num ? "num" : "", "data-column": c.key, "data-value": row[c.key] === null || row[c.key] === undefined ? "" : row[c.key],
          text: c.format ? c.format(row[c.key], row) : row[c.key] }))))));
  }
  function csvButton(box, name, rows, keys) {
    box.querySelector("button.csv").onclick = () => download(name + "-SYNTHETIC.csv",
      "# SYNTHETIC sample: not for inference\n" + csv(rows, keys), "text/csv");
  }

  function answers(result, branches) {
    const periods = Object.keys(result.branches[branches[0]].general_average_premium).map(Number).sort((a, b) => a - b);
    const horizonYears = periods[periods.length - 1];
    const rows = branches.map((name) => {
      const b = result.branches[name];
      const row = { branch: name, rate_in_design: totalRate(b.contribution_rates), scaled_premium: b.scaled_premium.rate, exhaustion_year: b.exhaustion_year };
      for (const n of periods) row["gap_" + n] = b.general_average_premium[String(n)];
      return row;
    });
    const columns = [
      { key: "branch", label: t.branch, format: branchLabel },
      { key: "rate_in_design", label: t.rate_in_design, num: true, format: rate },
      ...periods.map((n) => ({ key: "gap_" + n, num: true, format: rate,
        label: (n === horizonYears ? t.gap_horizon : t.gap_years).replace("{n}", digits(n)) })),
      { key: "scaled_premium", label: t.scaled_premium, num: true, format: rate },
      { key: "exhaustion_year", label: t.runs_out, format: (v) => (v === null ? t.never : fiscalYear(v)) },
    ];
    const box = document.getElementById("answers");
    box.querySelector(".table-wrap").replaceChildren(table(rows, columns, "answers"));
    csvButton(box, "financing-" + form.scenario.value, rows, columns.map((c) => c.key));
  }

  function branch(name, data) {
    const box = document.getElementById("branch-template").content.firstElementChild.cloneNode(true);
    box.id = "branch-" + name;
    box.dataset.branch = name;
    const heading = "branch-" + name + "-heading";
    box.querySelector("h2").id = heading;
    box.setAttribute("aria-labelledby", heading);
    box.querySelector(".branch-label").textContent = branchLabel(name);
    const out = box.querySelector(".runs-out");
    out.textContent = data.exhaustion_year === null ? t.never : fiscalYear(data.exhaustion_year);
    out.dataset.value = data.exhaustion_year === null ? "" : data.exhaustion_year;
    const rows = data.years;
    const columns = [
      { key: "year", label: t.year, format: fiscalYear },
      { key: "insured", label: t.insured, num: true, format: (v) => fmt(v, 0) },
      { key: "pensions_in_payment", label: t.pensions_in_payment, num: true, format: (v) => fmt(v, 0) },
      { key: "contributions", label: t.contributions_crore, num: true, format: crore },
      { key: "co_financing", label: t.co_financing_crore, num: true, format: crore },
      { key: "benefits", label: t.benefits_crore, num: true, format: crore },
      { key: "administration", label: t.administration_crore, num: true, format: crore },
      { key: "investment_income", label: t.investment_income_crore, num: true, format: crore },
      { key: "reserve", label: t.reserve_crore, num: true, format: crore },
      { key: "reserve_ratio", label: t.reserve_ratio, num: true, format: (v) => fmt(v, 2) },
      { key: "payg_cost_rate", label: t.payg_cost_rate, num: true, format: rate },
      { key: "contribution_rate", label: t.contribution_rate, num: true, format: rate },
      { key: "expenditure_share_of_gdp", label: t.expenditure_share_of_gdp, num: true, format: rate },
    ];
    box.querySelector(".table-wrap").replaceChildren(table(rows, columns, "years-" + name));
    csvButton(box, "projection-" + form.scenario.value + "-" + name, rows, Object.keys(rows[0]));
    document.getElementById("branches").append(box);
    const years = rows.map((r) => fiscalYear(r.year));
    lines(box.querySelector("canvas.reserve"), years, [{ label: t.reserve_crore, data: rows.map((r) => r.reserve / 1e7) }],
      { format: (v) => fmt(v, 0) });
    lines(box.querySelector("canvas.rates"), years, [
      { label: t.payg_cost_rate, data: rows.map((r) => r.payg_cost_rate * 100) },
      { label: t.contribution_rate, data: rows.map((r) => r.contribution_rate * 100), stepped: "before" }],
    { format: (v) => fmt(v, 2) + "%" });
  }

  function render(result) {
    const scenario = form.scenario.value;
    document.getElementById("projection-meta").textContent = metaLine({
      version: (result.package && result.package.version) || page.version, reform: result.scenario.reform,
    }) + " · " + t.scenario_used + ": " + scenario + " · " + fiscalYear(result.scenario.base_year) + " – " +
      fiscalYear(result.scenario.horizon) + " · " + (page.lang === "bn" ? t.synthetic_note : result.warning);
    const branches = BRANCHES.filter((name) => name in result.branches)
      .concat(Object.keys(result.branches).filter((name) => !BRANCHES.includes(name)));
    answers(result, branches);
    document.getElementById("branches").replaceChildren();
    for (const name of branches) branch(name, result.branches[name]);
    document.getElementById("projection-results").hidden = false;
  }

  async function run() {
    const name = form.scenario.value;
    const horizon = Number(form.horizon.value);
    const file = scenarios[name];
    // The bundled name, or (another horizon) the bundled file itself with that horizon.
    const changed = form.horizon.value !== "" && horizon !== (file.horizon || 2060);
    setQuery({ scenario: name, horizon: changed ? form.horizon.value : null });
    await runCall(
      () => api("/v1/projection", { scenario: changed ? { ...file, horizon } : name }),
      render,
      document.getElementById("projection-error"),
    );
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  document.getElementById("copy-link").addEventListener("click", (event) => copyLink(event.target));
  if (params.get("scenario")) run();
})();
