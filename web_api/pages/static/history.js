/* A parameter's history: a stepped chart and a table of dated values with their sources. */
"use strict";
(function () {
  const { t, el, fmt, digits } = window.PBD;

  function yearOf(day) {
    const [y, m, d] = day.split("-").map(Number);
    return y + (m - 1) / 12 + (d - 1) / 365;
  }
  function display(value, unit) {
    if (value === null || value === undefined) return t.not_in_force;
    if (typeof value === "boolean") return value ? t.yes : t.no;
    if (unit === "/1" && typeof value === "number") return fmt(value * 100) + "%";
    const template = window.PBD.page.units[unit] || "{}";
    return template.replace("{}", fmt(value));
  }
  function sources(references) {
    return el("ul", {}, references.map((ref) =>
      el("li", {}, ref.href ? el("a", { href: ref.href, rel: "noopener", text: ref.title || ref.href }) : ref.title)));
  }
  function table(parameter) {
    return el("table", {},
      el("thead", {}, el("tr", {}, el("th", { text: t.start }), el("th", { class: "num", text: t.value }), el("th", { text: t.sources }))),
      el("tbody", {}, parameter.history.map((item) =>
        el("tr", {}, el("td", { text: digits(item.start) }), el("td", { class: "num", text: display(item.value, parameter.unit) }),
          el("td", { lang: "en" }, sources(item.references))))));
  }
  function chart(canvas, parameter) {
    const points = parameter.history
      .filter((item) => typeof item.value === "number" || typeof item.value === "boolean")
      .map((item) => ({ x: yearOf(item.start), y: Number(item.value) }));
    if (points.length) {
      const now = yearOf(window.PBD.page.today);
      if (now > points[points.length - 1].x) points.push({ x: now, y: points[points.length - 1].y });
    }
    return window.PBDCharts.steps(canvas, points, parameter.label);
  }
  window.PBDHistory = { table, chart, display, sources };
})();
