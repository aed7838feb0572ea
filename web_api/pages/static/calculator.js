/* The household calculator: the form becomes a /v1/entitlements request, the answer a list. */
"use strict";
(function () {
  const { page, t, el, fmt, money, digits, encodeState, decodeState, setQuery, api, metaLine, copyLink } = window.PBD;
  const form = document.getElementById("calculator");
  const membersBox = document.getElementById("members");
  const template = document.getElementById("member-template");
  const results = document.getElementById("results");
  const formError = document.getElementById("form-error");
  const showAll = document.getElementById("show-all");
  const BOOLEANS = new Set(["disability_registered", "receives_other_allowance"]);
  let lastAnswer = null;

  function renumber() {
    membersBox.querySelectorAll("fieldset.member").forEach((box, index) => {
      box.querySelector(".member-number").textContent = digits(index + 1);
      box.dataset.index = index;
      box.querySelectorAll("input, select").forEach((input) => {
        const id = "m" + index + "-" + input.name.replace(/\./g, "-");
        input.id = id;
      });
    });
  }

  function addMember(values) {
    const box = template.content.firstElementChild.cloneNode(true);
    membersBox.append(box);
    box.querySelector(".remove-member").addEventListener("click", () => {
      if (membersBox.children.length > 1) { box.remove(); renumber(); }
    });
    const count = membersBox.children.length;
    const defaults = values || { id: (page.lang === "bn" ? "সদস্য-" : "member") + digits(count), role: count === 1 ? "head" : "other" };
    fill(box, defaults);
    renumber();
    return box;
  }

  function flatten(object, prefix) {
    const out = {};
    for (const [key, value] of Object.entries(object || {})) {
      if (value && typeof value === "object") Object.assign(out, flatten(value, prefix + key + "."));
      else out[prefix + key] = value;
    }
    return out;
  }

  function fill(box, member) {
    const flat = flatten(member, "");
    box.querySelectorAll("input, select").forEach((input) => {
      if (!(input.name in flat)) return;
      const value = flat[input.name];
      if (input.type === "checkbox") input.checked = value === true;
      else input.value = value === null ? "" : String(value);
      if (input.name.includes(".") && value !== null && value !== false && value !== "") {
        input.closest("details").open = true;
      }
    });
  }

  function readMember(box) {
    const member = {};
    box.querySelectorAll("input, select").forEach((input) => {
      const [group, key] = input.name.includes(".") ? input.name.split(".") : [null, input.name];
      let value;
      if (input.type === "checkbox") {
        if (!input.checked && !BOOLEANS.has(input.name)) return;
        value = input.checked;
      } else if (input.value === "") {
        return;
      } else if (input.type === "number") {
        value = Number(input.value);
      } else {
        value = input.value;
      }
      if (group) {
        member[group] = member[group] || {};
        member[group][key] = value;
      } else {
        member[key] = value;
      }
    });
    return member;
  }

  function request() {
    const household = { members: [...membersBox.querySelectorAll("fieldset.member")].map(readMember) };
    if (form.division.value) household.division = form.division.value;
    if (form.urban.value) household.urban = form.urban.value === "true";
    return { date: form.date.value, household };
  }

  function clearErrors() {
    form.querySelectorAll(".field-error").forEach((node) => node.remove());
    form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
    formError.hidden = true;
    formError.textContent = "";
  }

  // "household.members[0].employment.monthly_wage" -> the input it names, if any.
  function inputFor(field) {
    const match = /^household\.members\[(\d+)\]\.?(.*)$/.exec(field || "");
    if (match) {
      const box = membersBox.querySelectorAll("fieldset.member")[Number(match[1])];
      if (!box) return null;
      return match[2] ? box.querySelector('[name="' + CSS.escape(match[2]) + '"]') : box.querySelector("legend");
    }
    if (field === "date") return form.date;
    const key = (field || "").replace(/^household\./, "");
    return form.querySelector('[name="' + CSS.escape(key) + '"]');
  }

  function showProblems(error) {
    const loose = [];
    for (const item of error.problems.length ? error.problems : [{ field: "", message: error.message }]) {
      const input = inputFor(item.field);
      if (input) {
        input.setAttribute("aria-invalid", "true");
        const note = el("span", { class: "field-error", role: "alert", text: item.message });
        (input.closest("label") || input).after(note);
        const details = input.closest("details");
        if (details) details.open = true;
      } else {
        loose.push((item.field ? item.field + ": " : "") + item.message);
      }
    }
    if (loose.length) {
      formError.textContent = t.error + ": " + loose.join("; ");
      formError.hidden = false;
    }
  }

  function periodWord(period) {
    return { month: t.per_month, lump_sum: t.lump_sum, year: t.per_year }[period] || "";
  }

  function reference(text) {
    const link = /(https?:\/\/\S+)/.exec(text);
    if (!link) return el("li", { text: text });
    const href = link[1].replace(/[).,;]+$/, "");
    return el("li", {}, text.slice(0, link.index), el("a", { href: href, rel: "noopener", text: href }), text.slice(link.index + href.length));
  }

  function programCard(member, program) {
    const criteria = el("ul", { class: "criteria" }, program.reasons.map((reason) =>
      el("li", { class: reason.met ? "met" : "not-met" },
        el("span", { class: "badge " + (reason.met ? "ok" : "no"), text: reason.met ? t.met : t.not_met }),
        " ",
        el("span", { class: "criterion-label", text: reason.label }),
        reason.reference.length ? el("details", { class: "refs" }, el("summary", { text: t.sources }), el("ul", { lang: "en" }, reason.reference.map(reference))) : null,
      )));
    return el("article", { class: "program card " + (program.amount > 0 ? "pays" : ""), "data-program": program.program, "data-member": member.id },
      el("h4", {}, el("span", { class: "program-label", text: program.label }), " ",
        el("span", { class: "status " + program.status, text: t["status_" + program.status] })),
      el("p", { class: "verdict" },
        el("span", { class: "badge " + (program.eligible ? "ok" : "no"), text: program.eligible ? t.eligible : t.not_eligible }), " ",
        el("strong", { class: "amount", "data-amount": program.amount, text: money(program.amount) }), " ",
        el("span", { text: periodWord(program.amount_period) })),
      program.note ? el("p", { class: "note", text: program.note }) : null,
      criteria);
  }

  function render(answer) {
    lastAnswer = answer;
    const box = document.getElementById("member-results");
    box.replaceChildren();
    let total = 0;
    const counted = new Set();
    for (const member of answer.members) {
      const shown = member.programs.filter((p) => showAll.checked || p.amount > 0 || p.eligible);
      for (const p of member.programs) {
        if (p.amount_period === "year" || !p.amount) continue;
        const key = p.entity === "household" ? "household:" + p.program : member.id + ":" + p.program;
        if (!counted.has(key)) { counted.add(key); total += p.amount; }
      }
      box.append(el("section", { class: "member-result" },
        el("h3", { text: t.member + ": " + member.id }),
        shown.length ? shown.map((p) => programCard(member, p)) : el("p", { text: t.no_entitlement })));
    }
    const totalNode = document.getElementById("household-total");
    totalNode.textContent = money(total);
    totalNode.dataset.amount = total;
    document.getElementById("result-meta").textContent = metaLine({
      version: answer.package.version, legislation_date: answer.legislation_date, reform: null });
    results.hidden = false;
  }

  async function calculate() {
    clearErrors();
    const body = request();
    const url = setQuery({ h: encodeState(body) });
    document.getElementById("compare-link").href = "/app/compare?" + new URLSearchParams({ lang: page.lang, h: url.searchParams.get("h") });
    results.setAttribute("aria-busy", "true");
    try {
      render(await api("/v1/entitlements", { ...body, language: page.lang }));
    } catch (error) {
      if (!(error instanceof window.PBD.ApiError)) throw error;
      results.hidden = true;
      showProblems(error);
    } finally {
      results.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); calculate(); });
  document.getElementById("add-member").addEventListener("click", () => addMember());
  document.getElementById("print").addEventListener("click", () => window.print());
  document.getElementById("copy-link").addEventListener("click", (event) => copyLink(event.target));
  showAll.addEventListener("change", () => { if (lastAnswer) render(lastAnswer); });

  const saved = decodeState(new URLSearchParams(window.location.search).get("h"));
  if (saved && saved.household && Array.isArray(saved.household.members)) {
    form.date.value = saved.date || page.today;
    form.division.value = saved.household.division || "";
    form.urban.value = saved.household.urban === undefined ? "" : String(saved.household.urban);
    saved.household.members.forEach((member) => addMember(member));
    calculate();
  } else {
    addMember();
  }
})();
