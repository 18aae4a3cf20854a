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
  const body = () => {
    const data = {};
    for (const el of form.querySelectorAll("input[name], textarea[name], select[name]")) {
      if (["_csrf", "version", "action"].includes(el.name) || el.type === "hidden") continue;
      if (el.type === "checkbox") data[el.name] = el.checked;
      else if (el.type === "radio") { if (el.checked) data[el.name] = el.value; else if (!(el.name in data)) data[el.name] = ""; }
      else data[el.name] = el.value;
    }
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
