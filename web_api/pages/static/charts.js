/* Charts drawn by Chart.js (vendored by `make assets`); every chart has its table beside it. */
"use strict";
(function () {
  const { page, fmt } = window.PBD;
  const COLORS = ["#1f5f99", "#c0562c", "#2e8b57", "#7b4ea3", "#b8860b", "#444"];
  const charts = new Map();

  function draw(canvas, config) {
    if (charts.has(canvas)) charts.get(canvas).destroy();
    const chart = new window.Chart(canvas, config);
    charts.set(canvas, chart);
    return chart;
  }
  function ticks(format) {
    return { callback: (value) => (format ? format(value) : fmt(value)) };
  }
  // On a phone, long program names would leave no room for the bars: shorten them (the
  // tooltip and the table keep the whole name).
  function shortLabel(value) {
    const label = this.getLabelForValue(value);
    const room = window.innerWidth < 600 ? 18 : 60;
    return label.length > room ? label.slice(0, room - 1) + "…" : label;
  }
  function bars(canvas, labels, series, options) {
    const horizontal = options && options.horizontal;
    const format = options && options.format;
    return draw(canvas, {
      type: "bar",
      data: {
        labels,
        datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: COLORS[i % COLORS.length] })),
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: page.lang === "bn" ? "bn-BD" : "en-IN",
        scales: horizontal
          ? { x: { ticks: ticks(format) }, y: { ticks: { callback: shortLabel } } }
          : { y: { ticks: ticks(format) } },
        plugins: { tooltip: { callbacks: { label: (ctx) => ctx.dataset.label + ": " + (format ? format(ctx.raw) : fmt(ctx.raw)) } } },
      },
    });
  }
  function steps(canvas, points, label) {
    return draw(canvas, {
      type: "line",
      data: { datasets: [{ label, data: points, stepped: "before", borderColor: COLORS[0], backgroundColor: COLORS[0], pointRadius: 3 }] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        parsing: false,
        scales: {
          x: { type: "linear", ticks: { callback: (v) => window.PBD.digits(Math.round(v)) } },
          y: { ticks: ticks() },
        },
        plugins: { legend: { display: false } },
      },
    });
  }
  // Series over the same labels (years): a reserve, or a cost rate against a contribution rate.
  function lines(canvas, labels, series, options) {
    const format = options && options.format;
    return draw(canvas, {
      type: "line",
      data: {
        labels,
        datasets: series.map((s, i) => ({ label: s.label, data: s.data, stepped: s.stepped || false,
          borderColor: COLORS[i % COLORS.length], backgroundColor: COLORS[i % COLORS.length], pointRadius: 0, borderWidth: 2 })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: page.lang === "bn" ? "bn-BD" : "en-IN",
        interaction: { mode: "index", intersect: false },
        scales: { y: { ticks: ticks(format) } },
        plugins: { tooltip: { callbacks: { label: (ctx) => ctx.dataset.label + ": " + (format ? format(ctx.raw) : fmt(ctx.raw)) } } },
      },
    });
  }
  window.PBDCharts = { bars, steps, lines };
})();
