/* One household, baseline against a reform, line by line: POST /v1/compare. */
"use strict";
(function () {
  const { page, t, el, fmt, digits, decodeState, setQuery, api, ApiError, reformFromQuery, reformQuery, metaLine, copyLink } = window.PBD;
  const bn = JSON.parse(document.getElementById("bn-labels").textContent);
  const form = document.getElementById("compare");
  const params = new URLSearchParams(window.location.search);
  const saved = decodeState(params.get("h"));
  let reform = reformFromQuery(params);
  let lastAnswer = null;

  if (typeof reform === "string") form.reform.value = reform;
  else if (reform) {
    document.getElementById("custom-reform").hidden = false;
    document.getElementById("custom-title").textContent = reform.title || t.reform;
  }
  if (!saved) document.getElementById("no-household").hidden = false;
  else {
    document.getElementById("back-to-household").href = "/app?" + new URLSearchParams({ lang: page.lang, h: params.get("h") });
    const builder = new URLSearchParams({ lang: page.lang, h: params.get("h") });
    if (reform && typeof reform === "object") builder.set("r", reformQuery(reform).r);
    document.getElementById("build-reform").href = "/app/reform?" + builder;
  }
  form.reform.addEventListener("change", () => {
    reform = form.reform.value || null;
    document.getElementById("custom-reform").hidden = true;
  });

  const labelOf = (row) => (page.lang === "bn" && bn[row.variable]) || row.label;
  function cell(value) {
    return typeof value === "number" ? fmt(value) : value === null || value === undefined ? "–" : fmt(value);
  }
  function table(title, rows) {
    const only = document.getElementById("only-changed").checked;
    const shown = rows.filter((r) => !only || r.changed);
    if (!shown.length) return null;
    return el("section", { class: "card" }, el("h2", { text: title }), el("div", { class: "table-wrap" },
      el("table", {}, el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t.variable }), el("th", { class: "num", scope: "col", text: t.baseline }),
        el("th", { class: "num", scope: "col", text: t.reform }), el("th", { class: "num", scope: "col", text: t.difference }))),
        el("tbody", {}, shown.map((r) => el("tr", { "data-variable": r.variable, class: r.changed ? "changed" : "" },
          el("td", { text: labelOf(r) }), el("td", { class: "num", "data-value": String(r.baseline), text: cell(r.baseline) }),
          el("td", { class: "num", "data-value": String(r.reform), text: cell(r.reform) }),
          el("td", { class: "num " + (r.difference > 0 ? "diff-pos" : r.difference < 0 ? "diff-neg" : ""), text: r.difference === null ? "" : fmt(r.difference) })))))));
  }
  function render(answer) {
    lastAnswer = answer;
    const box = document.getElementById("compare-tables");
    box.replaceChildren();
    const parts = answer.members.map((m) => table(t.member + ": " + m.id, m.variables));
    parts.push(table(t.household, answer.household.variables));
    box.append(...parts.filter(Boolean));
    const any = [...answer.members.flatMap((m) => m.variables), ...answer.household.variables].some((r) => r.changed);
    document.getElementById("no-difference").hidden = any;
    document.getElementById("compare-meta").textContent = metaLine({ version: answer.package.version, legislation_date: answer.legislation_date, reform: answer.reform.title });
    document.getElementById("compare-results").hidden = false;
  }
  async function run() {
    const error = document.getElementById("compare-error");
    error.hidden = true;
    if (!saved || !reform) return;
    setQuery({ reform: typeof reform === "string" ? reform : null, r: typeof reform === "object" ? reformQuery(reform).r : null });
    try {
      render(await api("/v1/compare", { date: saved.date, household: saved.household, reform }));
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      error.textContent = failure.problems.map((p) => p.field + ": " + p.message).join("; ") || failure.message;
      error.hidden = false;
    }
  }
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  document.getElementById("only-changed").addEventListener("change", () => lastAnswer && render(lastAnswer));
  document.getElementById("copy-link").addEventListener("click", (event) => copyLink(event.target));
  document.getElementById("print").addEventListener("click", () => window.print());
  if (saved && reform) run();
})();
