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
