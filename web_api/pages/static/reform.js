/* The reform builder: search parameters, change values from a date, check, download, upload. */
"use strict";
(function () {
  const { page, t, el, fmt, digits, encodeState, decodeState, setQuery, api, download, copyLink, reformQuery } = window.PBD;
  const { display } = window.PBDHistory;
  const changesBox = document.getElementById("changes");
  const search = document.getElementById("search");
  const list = document.getElementById("search-results");
  const form = document.getElementById("reform");
  let index = [];
  let byId = new Map();
  let checkedYaml = null;

  function labelOf(p) { return page.lang === "bn" && p.label_bn ? p.label_bn : p.label; }
  function nextJuly() {
    const now = new Date(page.today);
    const year = now.getMonth() >= 6 ? now.getFullYear() + 1 : now.getFullYear();
    return year + "-07-01";
  }
  function normal(text) { return (text || "").toLowerCase().normalize("NFC"); }

  function showResults() {
    const words = normal(search.value).split(/\s+/).filter(Boolean);
    list.replaceChildren();
    if (!words.length) return;
    const found = index.filter((p) => {
      const text = normal(p.id + " " + p.label + " " + p.label_bn);
      return words.every((w) => text.includes(w));
    }).slice(0, 40);
    for (const p of found) {
      const add = el("button", { type: "button", class: "secondary", "data-parameter": p.id, text: t.add_change });
      add.addEventListener("click", () => { addChange({ parameter: p.id, value: p.value, start: nextJuly() }); showDetail(p); });
      const view = el("a", { href: "/app/parameters/" + p.id + "?lang=" + page.lang, text: t.history });
      list.append(el("li", {},
        el("div", { class: "result-label", text: labelOf(p) }),
        el("div", { class: "param-id", text: p.id }),
        el("div", {}, t.current_value + ": ", el("strong", { text: display(p.value, p.unit) })),
        el("div", { class: "actions" }, add, view)));
    }
  }

  function showDetail(p) {
    const box = document.getElementById("detail");
    box.hidden = false;
    document.getElementById("detail-heading").textContent = labelOf(p);
    document.getElementById("detail-id").textContent = p.id;
    document.getElementById("detail-value").textContent = display(p.value, p.unit);
    document.getElementById("detail-table").replaceChildren(window.PBDHistory.table(p));
    window.PBDHistory.chart(document.getElementById("history-chart"), p);
  }

  function valueInput(p, value, n) {
    if (p && p.kind === "boolean") {
      const select = el("select", { name: "value", id: "change-" + n + "-value" },
        el("option", { value: "true", text: t.yes }), el("option", { value: "false", text: t.no }));
      select.value = String(value === true);
      return select;
    }
    return el("input", { name: "value", id: "change-" + n + "-value", type: "number", step: "any", inputmode: "decimal", value: value === null || value === undefined ? "" : value });
  }

  function addChange(change) {
    const p = byId.get(change.parameter);
    const n = changesBox.children.length;
    const remove = el("button", { type: "button", class: "secondary", text: t.remove });
    const row = el("fieldset", { class: "change card", "data-parameter": change.parameter },
      el("legend", { text: p ? labelOf(p) : change.parameter }),
      el("div", { class: "param-id", text: change.parameter }),
      el("p", {}, t.current_value + ": ", el("strong", { text: p ? display(p.value, p.unit) : "–" })),
      el("div", { class: "row" },
        el("label", {}, t.new_value, valueInput(p, change.value, n)),
        el("label", {}, t.start, el("input", { name: "start", type: "date", value: change.start || "" })),
        el("label", {}, t.stop, el("input", { name: "stop", type: "date", value: change.stop || "" }))),
      el("div", { class: "actions" }, remove));
    remove.addEventListener("click", () => { row.remove(); changed(); });
    row.addEventListener("change", changed);
    row.querySelector("legend").addEventListener("click", () => p && showDetail(p));
    changesBox.append(row);
    changed();
  }

  function reform() {
    const changes = [...changesBox.querySelectorAll("fieldset.change")].map((row) => {
      const input = row.querySelector('[name="value"]');
      let value = input.value;
      if (input.tagName === "SELECT") value = value === "true";
      else if (value !== "" && !Number.isNaN(Number(value))) value = Number(value);
      const change = { parameter: row.dataset.parameter, value, start: row.querySelector('[name="start"]').value };
      const stop = row.querySelector('[name="stop"]').value;
      if (stop) change.stop = stop;
      return change;
    });
    return {
      title: document.getElementById("reform-title").value || "Reform",
      description: document.getElementById("reform-description").value || "",
      changes,
    };
  }

  function changed() {
    checkedYaml = null;
    document.getElementById("download-yaml").disabled = true;
    document.getElementById("reform-ok").hidden = true;
    document.getElementById("no-changes").hidden = changesBox.children.length > 0;
    const current = reform();
    const query = reformQuery(current);
    setQuery({ r: query.r });
    const tail = new URLSearchParams({ lang: page.lang, ...query });
    document.getElementById("impact-link").href = "/app/impact?" + tail;
    const household = new URLSearchParams(window.location.search).get("h");
    if (household) tail.set("h", household);
    document.getElementById("household-link").href = "/app/compare?" + tail;
  }

  function clearErrors() {
    form.querySelectorAll(".field-error").forEach((node) => node.remove());
    form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
    document.getElementById("reform-error").hidden = true;
  }
  // "reform.changes[0].value" -> that change's value input; the validator's words beside it.
  function showProblems(problems) {
    const loose = [];
    for (const item of problems) {
      const match = /changes\[(\d+)\](?:\.(\w+))?/.exec(item.field || "");
      const row = match && changesBox.querySelectorAll("fieldset.change")[Number(match[1])];
      let target = row && (row.querySelector('[name="' + (match[2] === "parameter" ? "value" : match[2] || "value") + '"]'));
      const top = /\.(title|description)$/.exec(item.field || "");
      if (!target && top) target = form.querySelector('[name="' + top[1] + '"]');
      if (target) {
        target.setAttribute("aria-invalid", "true");
        target.closest("label").after(el("span", { class: "field-error", role: "alert", text: item.message }));
      } else {
        loose.push((item.field ? item.field + ": " : "") + item.message);
      }
    }
    const box = document.getElementById("reform-error");
    box.textContent = loose.join("; ");
    box.hidden = loose.length === 0;
  }

  async function check() {
    clearErrors();
    const answer = await api("/app/api/reform/check", { reform: reform() });
    if (!answer.valid) {
      showProblems(answer.problems);
      return false;
    }
    checkedYaml = answer.yaml;
    document.getElementById("download-yaml").disabled = false;
    document.getElementById("reform-ok").hidden = false;
    return true;
  }

  function load(spec) {
    changesBox.replaceChildren();
    document.getElementById("reform-title").value = spec.title || "";
    document.getElementById("reform-description").value = spec.description || "";
    (spec.changes || []).forEach(addChange);
    changed();
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); check(); });
  form.querySelectorAll("#reform-title, #reform-description").forEach((input) => input.addEventListener("change", changed));
  search.addEventListener("input", showResults);
  document.getElementById("download-yaml").addEventListener("click", () => {
    if (checkedYaml) download("reform.yaml", checkedYaml, "text/yaml");
  });
  document.getElementById("copy-link").addEventListener("click", (event) => copyLink(event.target));
  document.getElementById("upload").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    const note = document.getElementById("upload-error");
    note.hidden = true;
    if (!file) return;
    const answer = await api("/app/api/reform/parse", await file.text(), { type: "text/yaml" });
    if (answer.valid) {
      load(answer.reform);
      await check();
      return;
    }
    note.textContent = answer.problems.map((p) => (p.line ? "line " + digits(p.line) + ": " : "") + p.field + ": " + p.message).join("; ");
    note.hidden = false;
  });

  let named = [];
  document.getElementById("load-named").addEventListener("click", () => {
    const chosen = named.find((r) => r.name === document.getElementById("named-reform").value);
    if (chosen) load(chosen);
  });

  Promise.all([api("/app/api/parameters"), api("/v1/reforms")]).then(([parameters, reforms]) => {
    index = parameters.parameters;
    byId = new Map(index.map((p) => [p.id, p]));
    named = reforms.reforms.filter((r) => r.kind === "parametric");
    const select = document.getElementById("named-reform");
    for (const r of named) select.append(el("option", { value: r.name, text: r.title, lang: "en" }));  // a drafter's title
    const saved = decodeState(new URLSearchParams(window.location.search).get("r"));
    if (saved) load(saved);
    else changed();
    search.disabled = false;
    document.body.dataset.ready = "true";
    if (search.value) showResults();
  });
  search.disabled = true;
})();
