/* A parameter's page: its history drawn from the data the page carries. */
"use strict";
(function () {
  const parameter = JSON.parse(document.getElementById("parameter-data").textContent);
  window.PBDHistory.chart(document.getElementById("history-chart"), parameter);
})();
