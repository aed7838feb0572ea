/* Shared by every page: the page's words, number formatting, share-link state, API calls. */
"use strict";
(function () {
  const page = JSON.parse(document.getElementById("page-data").textContent);
  const locale = page.lang === "bn" ? "bn-BD" : "en-IN";
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function fmt(value, digits) {
    if (value === null || value === undefined || Number.isNaN(value)) return "–";
    if (typeof value === "boolean") return value ? page.t.yes : page.t.no;
    if (typeof value !== "number") return String(value);
    if (digits !== undefined) {
      return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
    }
    return numbers.format(value);
  }
  function money(value) {
    return page.lang === "bn" ? fmt(value) + " টাকা" : "Tk " + fmt(value);
  }
  function pct(value) {
    return value === null || value === undefined ? "–" : fmt(value * 100, 1) + "%";
  }
  function digits(text) {
    return page.lang === "bn" ? String(text).replace(/[0-9]/g, (d) => "০১২৩৪৫৬৭৮৯"[d]) : String(text);
  }

  // Share links carry their state as base64url-encoded JSON (UTF-8), so a URL reproduces a page.
  function encodeState(value) {
    const bytes = new TextEncoder().encode(JSON.stringify(value));
    let binary = "";
    bytes.forEach((b) => { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function decodeState(text) {
    if (!text) return null;
    try {
      const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (error) {
      return null;
    }
  }
  function setQuery(values) {
    const url = new URL(window.location.href);
    for (const [key, value] of Object.entries(values)) {
      if (value === null || value === undefined || value === "") url.searchParams.delete(key);
      else url.searchParams.set(key, value);
    }
    window.history.replaceState(null, "", url);
    // The language switch keeps the page's state: the same URL in the other language.
    const other = new URL(url);
    other.searchParams.set("lang", page.lang === "bn" ? "en" : "bn");
    const switcher = document.getElementById("lang-switch");
    if (switcher) switcher.href = other.pathname + other.search;
    return url;
  }
  // A reform in a URL: the name of a registered one, or the reform object itself.
  function reformFromQuery(params) {
    if (params.get("reform")) return params.get("reform");
    return decodeState(params.get("r"));
  }
  function reformQuery(reform) {
    if (!reform) return {};
    return typeof reform === "string" ? { reform: reform } : { r: encodeState(reform) };
  }

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.error) || "HTTP " + status);
      this.status = status;
      this.problems = (body && body.problems) || [];
    }
  }
  async function api(path, body, options) {
    const init = { headers: { Accept: "application/json" } };
    if (body !== undefined) {
      init.method = "POST";
      if (typeof body === "string") {
        init.body = body;
        init.headers["Content-Type"] = (options && options.type) || "text/plain";
      } else {
        init.body = JSON.stringify(body);
        init.headers["Content-Type"] = "application/json";
      }
    }
    const response = await fetch(path, init);
    const answer = await response.json();
    if (!response.ok) throw new ApiError(response.status, answer);
    return answer;
  }

  function metaLine(meta) {
    // "Computed with package version 0.1.0, legislation of 2025-08-01, reform: ..."
    const parts = [page.t.used + ":", page.t.package_version, digits(meta.version)];
    if (meta.legislation_date) parts.push("·", page.t.legislation_date, digits(meta.legislation_date));
    parts.push("·", page.t.reform_used + ":", meta.reform || page.t.none);
    return parts.join(" ");
  }

  function csv(rows, columns) {
    const quote = (v) => {
      const text = v === null || v === undefined ? "" : String(v);
      return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    };
    return [columns.join(","), ...rows.map((row) => columns.map((c) => quote(row[c])).join(","))].join("\n") + "\n";
  }
  function download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type: type || "text/plain" }));
    const link = el("a", { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  async function copyLink(button) {
    try {
      await navigator.clipboard.writeText(window.location.href);
      button.textContent = page.t.copied;
    } catch (error) {
      window.prompt(page.t.share, window.location.href);
    }
  }

  // A printed result carries its legal sources: open every list of sources while printing.
  window.addEventListener("beforeprint", () => {
    document.querySelectorAll("details.refs:not([open])").forEach((d) => { d.open = true; d.dataset.printed = "1"; });
  });
  window.addEventListener("afterprint", () => {
    document.querySelectorAll("details.refs[data-printed]").forEach((d) => { d.open = false; delete d.dataset.printed; });
  });

  // A costly call of a result page: progress shown and the Run button off while it runs, the
  // API's problems (field: message) in `error` if it refuses; body[data-state] for the tests.
  async function runCall(call, render, error) {
    const progress = document.getElementById("progress");
    const button = document.getElementById("run");
    error.hidden = true;
    progress.hidden = false;
    button.disabled = true;
    document.body.dataset.state = "running";
    try {
      render(await call());
      document.body.dataset.state = "done";
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      error.textContent = failure.problems.map((p) => p.field + ": " + p.message).join("; ") || failure.message;
      error.hidden = false;
      document.body.dataset.state = "error";
    } finally {
      progress.hidden = true;
      button.disabled = false;
    }
  }

  window.PBD = { page, t: page.t, el, fmt, money, pct, digits, encodeState, decodeState, setQuery, api, ApiError,
    reformFromQuery, reformQuery, metaLine, csv, download, copyLink, runCall };
})();
