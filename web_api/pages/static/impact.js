/* The impact of a reform: POST /v1/microsimulation (detail "full"), drawn as charts with tables. */
"use strict";
(function () {
  const { page, t, el, fmt, pct, digits, setQuery, api, csv, download, copyLink, reformFromQuery, reformQuery, metaLine, runCall } = window.PBD;
  const { bars } = window.PBDCharts;
  const form = document.getElementById("impact");
  const params = new URLSearchParams(window.location.search);
  let reform = reformFromQuery(params);
  const programLabels = page.program_labels;

  if (params.get("period")) form.period.value = params.get("period");
  else form.period.value = defaultYear();
  if (typeof reform === "string") form.reform.value = reform;
  else if (reform) showCustom(reform);

  function defaultYear() {
    const today = new Date(page.today);
    const start = today.getMonth() >= 6 ? today.getFullYear() : today.getFullYear() - 1;
    const value = start + "-" + String((start + 1) % 100).padStart(2, "0");
    return [...form.period.options].some((o) => o.value === value) ? value : form.period.options[form.period.options.length - 1].value;
  }
  function showCustom(spec) {
    document.getElementById("custom-reform").hidden = false;
    document.getElementById("custom-title").textContent = spec.title || t.reform;
    const link = "/app/reform?" + new URLSearchParams({ lang: page.lang, ...reformQuery(spec) });
    document.getElementById("edit-reform").href = link;
    document.getElementById("builder-link").href = link;
  }
  form.reform.addEventListener("change", () => {
    reform = form.reform.value || null;
    document.getElementById("custom-reform").hidden = true;
  });

  // One figure: a chart, its table (rows x columns, formatted), and a CSV of the raw rows.
  function figure(id, rows, columns, chart) {
    const box = document.getElementById(id);
    const table = el("table", { "data-table": id },
      el("thead", {}, el("tr", {}, columns.map((c) => el("th", { class: c.num ? "num" : "", scope: "col", text: c.label })))),
      el("tbody", {}, rows.map((row) => el("tr", {}, columns.map((c) =>
        el("td", { class: c.num ? "num" : "", "data-column": c.key, "data-value": row[c.key] === null ? "" : row[c.key],
          text: c.format ? c.format(row[c.key], row) : row[c.key] }))))));
    box.querySelector(".table-wrap").replaceChildren(table);
    const button = box.querySelector("button.csv");
    button.onclick = () => download(id + "-SYNTHETIC.csv", "# SYNTHETIC sample: not for inference\n" + csv(rows, columns.map((c) => c.key)), "text/csv");
    chart(box.querySelector("canvas"));
  }
  const crore = (v) => fmt(v, 1);
  const lakh = (v) => fmt(v, 2);
  const label = (name) => programLabels[name] || name;

  function render(answer) {
    const meta = answer.meta;
    document.getElementById("impact-meta").textContent = metaLine({
      version: meta.package_version || page.version, legislation_date: meta.computed_for_month, reform: meta.reform_label || meta.reform,
    }) + " · " + (page.lang === "bn" ? t.synthetic_note : meta.warning) + " · " + digits(meta.fiscal_year);
    for (const p of answer.programs) programLabels[p.program] = programLabels[p.program] || p.label;
    const programs = answer.programs.filter((p) => p.cost_crore_baseline || p.cost_crore_reform || p.beneficiaries_lakh_baseline || p.beneficiaries_lakh_reform);
    const sum = (key) => answer.programs.reduce((s, p) => s + (p[key] || 0), 0);
    const totals = { baseline: sum("cost_crore_baseline"), reform: sum("cost_crore_reform"), difference: sum("cost_crore_difference") };
    for (const [key, value] of Object.entries(totals)) {
      const node = document.getElementById("total-" + key);
      node.textContent = crore(value);
      node.dataset.value = value;
    }
    const triple = (prefix, format) => [
      { key: prefix + "_baseline", label: t.baseline, num: true, format },
      { key: prefix + "_reform", label: t.reform, num: true, format },
      { key: prefix + "_difference", label: t.difference, num: true, format },
    ];
    const programColumn = { key: "program", label: t.program, format: (v) => label(v) };
    figure("cost", programs, [programColumn, ...triple("cost_crore", crore)], (canvas) =>
      bars(canvas, programs.map((p) => label(p.program)), [
        { label: t.baseline, data: programs.map((p) => p.cost_crore_baseline) },
        { label: t.reform, data: programs.map((p) => p.cost_crore_reform) }], { horizontal: true }));
    figure("beneficiaries", programs, [programColumn, ...triple("beneficiaries_lakh", lakh)], (canvas) =>
      bars(canvas, programs.map((p) => label(p.program)), [
        { label: t.baseline, data: programs.map((p) => p.beneficiaries_lakh_baseline) },
        { label: t.reform, data: programs.map((p) => p.beneficiaries_lakh_reform) }], { horizontal: true }));

    const share = (v) => pct(v);
    const measures = { headcount: t.measure_headcount, gap: t.measure_gap, severity: t.measure_severity };
    const lines = { upper: t.line_upper, lower: t.line_lower };
    const groups = { all: t.group_all, children: t.group_children, elderly: t.group_elderly };
    const poverty = answer.poverty.filter((r) => r.measure in measures);
    const povertyColumns = [
      { key: "line", label: t.line, format: (v) => lines[v] }, { key: "measure", label: t.measure, format: (v) => measures[v] },
      { key: "group", label: t.group, format: (v) => groups[v] },
      { key: "baseline", label: t.baseline, num: true, format: share }, { key: "reform", label: t.reform, num: true, format: share },
      { key: "difference", label: t.difference, num: true, format: (v) => fmt(v * 100, 2) + " pp" }];
    const headcountAll = poverty.filter((r) => r.measure === "headcount" && r.group === "all");
    figure("poverty", poverty.filter((r) => r.group === "all"), povertyColumns, (canvas) =>
      bars(canvas, headcountAll.map((r) => lines[r.line]), [
        { label: t.baseline, data: headcountAll.map((r) => r.baseline * 100) },
        { label: t.reform, data: headcountAll.map((r) => r.reform * 100) }], { format: (v) => fmt(v, 1) + "%" }));
    const byGroup = poverty.filter((r) => r.measure === "headcount" && r.line === "upper");
    figure("poverty-groups", poverty.filter((r) => r.group !== "all"), povertyColumns, (canvas) =>
      bars(canvas, byGroup.map((r) => groups[r.group]), [
        { label: t.baseline, data: byGroup.map((r) => r.baseline * 100) },
        { label: t.reform, data: byGroup.map((r) => r.reform * 100) }], { format: (v) => fmt(v, 1) + "%" }));
    const divisions = (answer.regions || []).filter((r) => r.breakdown === "division");
    const divisionNames = Object.fromEntries(page.options.division);
    figure("poverty-divisions", divisions, [
      { key: "region", label: t.region, format: (v) => divisionNames[v] || v },
      ...triple("headcount_upper", share).map((c, i) => (i === 2 ? { ...c, format: (v) => fmt(v * 100, 2) + " pp" } : c)),
      ...triple("transfers_crore", crore).map((c) => ({ ...c, label: t.cost_crore + " · " + c.label }))], (canvas) =>
      bars(canvas, divisions.map((r) => divisionNames[r.region] || r.region), [
        { label: t.baseline, data: divisions.map((r) => r.headcount_upper_baseline * 100) },
        { label: t.reform, data: divisions.map((r) => r.headcount_upper_reform * 100) }], { format: (v) => fmt(v, 1) + "%" }));
    const giniNames = { gini_income: t.gini_income, gini_consumption: t.gini_consumption };
    figure("gini", answer.inequality, [
      { key: "measure", label: t.measure, format: (v) => giniNames[v] || v },
      { key: "baseline", label: t.baseline, num: true, format: (v) => fmt(v, 4) },
      { key: "reform", label: t.reform, num: true, format: (v) => fmt(v, 4) },
      { key: "difference", label: t.difference, num: true, format: (v) => fmt(v, 4) }], (canvas) =>
      bars(canvas, answer.inequality.map((r) => giniNames[r.measure] || r.measure), [
        { label: t.baseline, data: answer.inequality.map((r) => r.baseline) },
        { label: t.reform, data: answer.inequality.map((r) => r.reform) }], { format: (v) => fmt(v, 3) }));
    const w = answer.winners_losers;
    const wl = [
      { group: t.winners, share: w.winners_share, lakh: w.winners_lakh },
      { group: t.losers, share: w.losers_share, lakh: w.losers_lakh },
      { group: t.unchanged, share: w.unchanged_share, lakh: null }];
    figure("winners", wl, [{ key: "group", label: t.group }, { key: "share", label: t.value, num: true, format: share },
      { key: "lakh", label: t.beneficiaries_lakh, num: true, format: lakh }], (canvas) =>
      bars(canvas, wl.map((r) => r.group), [{ label: t.winners_losers, data: wl.map((r) => r.share * 100) }], { format: (v) => fmt(v, 1) + "%" }));
    figure("deciles", answer.deciles, [{ key: "decile", label: t.decile, format: (v) => digits(v) },
      { key: "mean_gain_per_person", label: t.gain, num: true, format: (v) => fmt(v, 0) }], (canvas) =>
      bars(canvas, answer.deciles.map((r) => digits(r.decile)), [{ label: t.gain, data: answer.deciles.map((r) => r.mean_gain_per_person) }]));
    const targeting = answer.targeting || [];
    figure("targeting", targeting, [programColumn,
      { key: "inclusion_error", label: t.inclusion_error, num: true, format: share },
      { key: "exclusion_error", label: t.exclusion_error, num: true, format: share }], (canvas) =>
      bars(canvas, targeting.map((r) => label(r.program)), [
        { label: t.inclusion_error, data: targeting.map((r) => r.inclusion_error * 100) },
        { label: t.exclusion_error, data: targeting.map((r) => (r.exclusion_error === null ? null : r.exclusion_error * 100)) }],
      { horizontal: true, format: (v) => fmt(v, 0) + "%" }));
    document.getElementById("impact-results").hidden = false;
  }

  async function run() {
    setQuery({ period: form.period.value, reform: typeof reform === "string" ? reform : null, r: reform && typeof reform === "object" ? reformQuery(reform).r : null });
    await runCall(
      () => api("/v1/microsimulation", { period: form.period.value, reform: reform || null, detail: "full" }),
      render,
      document.getElementById("impact-error"),
    );
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  document.getElementById("copy-link").addEventListener("click", (event) => copyLink(event.target));
  if (params.get("period")) run();
})();
