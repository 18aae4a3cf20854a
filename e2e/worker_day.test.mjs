// End to end in headless Chromium: a social worker's morning. They sign in and land on My work,
// which shows the assessment due for a child allocated to them with its explanation; open the
// child's summary; write a case note (a date that does not exist and a missing kind are refused
// with specific messages); make it final and add a correction; see the chronology, filter it to
// significant events and write the analysis. A manager records management oversight. axe-core
// checks every page, and My work, the summary and the chronology reflow at 390 px wide.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHearth, launchBrowser, checkAxe, signIn } from "./harness.mjs";

let hearth, browser;
before(async () => {
  hearth = await startHearth();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await hearth?.stop();
});

async function assertAccessible(page, what) {
  const violations = await checkAxe(page);
  assert.deepEqual(violations, [], `${what} has accessibility violations:\n${violations.join("\n")}`);
}

/** WCAG 1.4.10: at 390 px wide the page scrolls only vertically. */
async function assertReflows(page, what) {
  const old = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  assert.equal(wide, false, `${what} scrolls sideways at 390 px`);
  if (old) await page.setViewportSize(old);
}

async function api(role, method, path, body) {
  const { email, password } = hearth.users[role];
  const t = await fetch(`${hearth.baseUrl}/api/v1/tokens`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, password }),
  });
  const { token } = await t.json();
  const r = await fetch(`${hearth.baseUrl}${path}`, {
    method, headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await r.json();
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

/** A child referred, decided for assessment, allocated to the social worker, assessment open. */
async function allocatedChild() {
  const child = await api("front-door", "POST", "/api/v1/people?confirm_not_duplicate=true",
    { kind: "child", given_names: "Morgan", family_name: "Daybook", date_of_birth: "2015-02-02" });
  const now = new Date(Date.now() - 60_000).toLocaleString("sv-SE", { timeZone: "Europe/London" }).slice(0, 16).replace(" ", "T");
  let c = await api("front-door", "POST", "/api/v1/contacts", {
    received_at: now, source: "2A", method: "phone", contact_name: "School DSL", contact_agency: "Oak Primary",
    summary: "Morgan arrives hungry", urgency: "routine", children: [child.id], consent: "given" });
  c = await api("front-door", "POST", `/api/v1/contacts/${c.id}/outcome`, { version: c.version, outcomes: ["becomes-referral"] });
  const rid = c.referrals[0];
  const r = await api("front-door", "GET", `/api/v1/referrals/${rid}`);
  const d = await api("social-worker", "POST", `/api/v1/referrals/${rid}/decision`,
    { version: r.version, outcomes: ["assessment"], threshold: "moderate", primary_need: "N1", rationale: "Neglect concerns",
      feedback_to_referrer: "An assessment will start." });
  const me = await api("social-worker", "GET", "/api/v1/me");
  await api("team-manager", "POST", `/api/v1/episodes/${d.episode.id}/allocation`, { team_id: me.team_id, worker_id: me.id });
  await api("social-worker", "POST", "/api/v1/assessments", { person_id: child.id, origin: "referral-decision", referral_id: rid });
  return child.id;
}

test("a social worker's morning: my work, the summary, a case note and the chronology", async () => {
  const childId = await allocatedChild();
  const sw = await browser.newPage({ bypassCSP: true });
  await signIn(sw, hearth.baseUrl, hearth.users["social-worker"]);
  await sw.getByRole("heading", { name: "My work" }).waitFor();
  await sw.getByRole("link", { name: /Assessment completion for Morgan Daybook/ }).first().waitFor();
  await sw.getByText(/45 working days from the referral/).first().waitFor();
  await assertAccessible(sw, "my work");
  await assertReflows(sw, "my work");

  await sw.goto(`${hearth.baseUrl}/people/${childId}`);
  await sw.getByRole("heading", { name: "Summary" }).waitFor();
  await sw.getByText(/Assessment in progress since/).waitFor();
  await assertAccessible(sw, "child's summary");
  await assertReflows(sw, "child's summary");

  await sw.getByRole("link", { name: "Write a case note" }).click();
  await sw.getByRole("heading", { name: "Write a case note" }).waitFor();
  await assertAccessible(sw, "case note form");
  await sw.getByLabel("Day").fill("31");
  await sw.getByLabel("Month").fill("2");
  await sw.getByLabel("Year").fill("2026");
  await sw.getByLabel("Time").fill("09:30");
  await sw.getByLabel("What happened").fill("Home visit: Morgan showed me his room");
  await sw.getByRole("button", { name: "Save the note" }).click();
  await sw.getByText("There is a problem").waitFor();
  await sw.getByRole("link", { name: /Choose the kind of note/ }).waitFor();
  await sw.getByRole("link", { name: /Enter a real date and time/ }).waitFor();
  assert.equal(await sw.getByLabel("What happened").inputValue(), "Home visit: Morgan showed me his room", "typed text is kept");
  await assertAccessible(sw, "case note with errors");
  const today = new Date().toLocaleDateString("en-GB", { timeZone: "Europe/London" }).split("/");
  await sw.getByLabel("Home visit").check();
  await sw.getByLabel("Day").fill(today[0]);
  await sw.getByLabel("Month").fill(today[1]);
  await sw.getByLabel("Year").fill(today[2]);
  await sw.getByLabel("Time").fill("00:01");
  await sw.getByLabel("A significant event (shown on the chronology)").check();
  await sw.getByRole("button", { name: "Save the note" }).click();
  await sw.getByText("Case note – Draft").waitFor();
  await assertAccessible(sw, "draft case note");
  await sw.getByRole("button", { name: "Make this note final" }).click();
  await sw.getByText("Case note – Final").waitFor();
  await sw.getByLabel("The correction: what was wrong and what is right").fill("It was his sister's room, not his");
  await sw.getByRole("button", { name: "Add the correction" }).click();
  await sw.getByText(/Correction by .*: It was his sister's room/).waitFor();
  await assertAccessible(sw, "final case note with a correction");

  await sw.goto(`${hearth.baseUrl}/people/${childId}/chronology`);
  await sw.getByRole("heading", { name: "Chronology" }).waitFor();
  await sw.getByRole("link", { name: /Home visit: Home visit: Morgan showed me his room/ }).waitFor();
  await assertAccessible(sw, "chronology");
  await assertReflows(sw, "chronology");
  await sw.getByLabel("Significant events only").check();
  await sw.getByRole("button", { name: "Show events" }).click();
  await sw.getByRole("link", { name: /Home visit: Home visit/ }).waitFor();
  assert.equal(await sw.locator("table tbody tr").count(), 1, "only the significant note remains");
  await sw.getByLabel("Your analysis of the chronology").fill("Concerns cluster around school holidays");
  await sw.getByRole("button", { name: "Save the analysis" }).click();
  await sw.locator(".govuk-inset-text", { hasText: "Concerns cluster around school holidays" }).waitFor();
  await assertAccessible(sw, "chronology with analysis");

  // A manager records management oversight on the case.
  const mgr = await browser.newPage({ bypassCSP: true });
  await signIn(mgr, hearth.baseUrl, hearth.users["team-manager"]);
  await mgr.getByRole("heading", { name: "My work" }).waitFor();
  await assertAccessible(mgr, "manager's my work");
  await mgr.goto(`${hearth.baseUrl}/people/${childId}/case-notes/new`);
  await mgr.getByLabel("Management oversight").check();
  await mgr.getByLabel("Time").fill("00:02");
  await mgr.getByLabel("What happened").fill("Reviewed: plan to see Morgan alone at school");
  await mgr.getByLabel("Save as final (a final note is never changed; corrections are added)").check();
  await mgr.getByRole("button", { name: "Save the note" }).click();
  await mgr.getByText("Case note – Final").waitFor();
  await mgr.goto(`${hearth.baseUrl}/people/${childId}`);
  await mgr.getByText(/Last management oversight/).waitFor();
  assert.equal(await mgr.getByText("None recorded").count(), 0, "oversight is shown");
});
