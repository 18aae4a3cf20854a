// Hearth progressive enhancement. Pages work without this file.
// Starts GOV.UK Frontend components, and keeps a local draft of long forms so nothing typed is lost
// if the browser closes or the session times out; the draft is cleared when the form is submitted.
import { initAll } from "/assets/govuk-frontend.min.js";
document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

for (const form of document.querySelectorAll("form[data-draft-key]")) {
  const key = "hearth-draft:" + form.dataset.draftKey;
  const fields = () => form.querySelectorAll("input[name]:not([type=hidden]):not([type=password]), textarea[name], select[name]");
  try {
    const saved = JSON.parse(localStorage.getItem(key) || "null");
    if (saved && !form.dataset.hasErrors) {
      for (const el of fields()) {
        if (!(el.name in saved)) continue;
        if (el.type === "checkbox" || el.type === "radio") el.checked = saved[el.name].includes(el.value);
        else if (!el.value) el.value = saved[el.name][0] ?? "";
      }
    }
  } catch (_) { /* a corrupt draft is ignored */ }
  form.addEventListener("input", () => {
    const data = {};
    for (const el of fields()) {
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) continue;
      (data[el.name] ||= []).push(el.value);
    }
    localStorage.setItem(key, JSON.stringify(data));
  });
  form.addEventListener("submit", () => localStorage.removeItem(key));
}

// Referral forms save to the server as the user types (after a pause), carrying the version last
// saved so two windows never overwrite each other silently; the "Save draft" button does the same
// without JavaScript.
for (const form of document.querySelectorAll("form[data-autosave-url]")) {
  const status = document.getElementById("autosave-status");
  const version = form.querySelector("input[name=version]");
  const csrf = form.querySelector("input[name=_csrf]")?.value ?? "";
  let timer = null;
  let saving = false;
  let again = false;
  // The JSON body mirrors the page's fields as the server reads them: a further child's fields
  // (`other_children[1].child_sex`) go into a list, and a date's three boxes (`…-day`, `-month`,
  // `-year`) become one YYYY-MM-DD text, a half-typed date kept as typed.
  const body = () => {
    const data = {};
    const dates = {};
    const put = (name, value) => {
      const m = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(name);
      if (m) ((data[m[1]] ||= [])[+m[2]] ||= {})[m[3]] = value;
      else data[name] = value;
    };
    for (const el of form.querySelectorAll("input[name], textarea[name], select[name]")) {
      if (["_csrf", "version", "action"].includes(el.name) || el.type === "hidden") continue;
      const part = /^(.*)-(day|month|year)$/.exec(el.name);
      if (part) (dates[part[1]] ||= {})[part[2]] = el.value.trim();
      else if (el.type === "checkbox") put(el.name, el.checked);
      else if (el.type === "radio") { if (el.checked) put(el.name, el.value); else if (!(el.name in data)) put(el.name, ""); }
      else put(el.name, el.value);
    }
    const pad = (s) => (s.length === 1 ? "0" + s : s);
    for (const [name, p] of Object.entries(dates)) {
      const [d, m, y] = [p.day ?? "", p.month ?? "", p.year ?? ""];
      put(name, d || m || y ? `${y}-${pad(m)}-${pad(d)}` : "");
    }
    for (const k of Object.keys(data)) if (Array.isArray(data[k])) data[k] = Array.from(data[k], (c) => c ?? {});
    return data;
  };
  const save = async () => {
    if (saving) { again = true; return; }
    saving = true;
    try {
      const r = await fetch(`${form.dataset.autosaveUrl}?version=${encodeURIComponent(version.value)}`, {
        method: "PUT", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(body()),
      });
      if (r.ok) {
        const saved = await r.json();
        version.value = saved.version;
        if (status) status.textContent = "Draft saved at " + new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
      } else if (r.status === 409) {
        if (status) status.textContent = "This draft was changed in another window. Your typing is kept on this page: press the save button to see both versions and keep yours.";
      } else if (status) {
        status.textContent = "Not saved yet: the server refused the draft. Your typing is kept on this page.";
      }
    } catch (_) {
      if (status) status.textContent = "Not saved yet: no connection. Your typing is kept on this device and will be saved when you continue.";
    } finally {
      saving = false;
      if (again) { again = false; save(); }
    }
  };
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(save, 800); });
  form.addEventListener("change", () => { clearTimeout(timer); timer = setTimeout(save, 800); });
}
