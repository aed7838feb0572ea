/* Filter the list of parameters as one types. */
"use strict";
(function () {
  const filter = document.getElementById("filter");
  const rows = [...document.querySelectorAll("#parameter-list tbody tr")];
  filter.addEventListener("input", () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    for (const row of rows) row.hidden = !words.every((w) => row.dataset.search.includes(w));
  });
})();
