// End to end in headless Chromium: the performance analyst opens the CIN census page, sees the
// census readiness list (a child referred today without an ethnicity, named by LA child ID with the
// rule and a link to the page that fixes it) and downloads the year's return; the social worker
// sees the same rule on the child's census page. axe-core checks every page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHearth, launchBrowser, signIn, assertAccessible, apiAs } from "./harness.mjs";

let hearth, browser;
before(async () => {
  hearth = await startHearth();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await hearth?.stop();
});

/** A child referred today and decided for assessment, through the API, with no ethnicity. */
async function referredChild() {
  const child = await apiAs(hearth, "front-door", "POST", "/api/v1/people?confirm_not_duplicate=true",
    { kind: "child", given_names: "Sasha", family_name: "Census", date_of_birth: "2014-06-06", sex: "2", disabilities: ["NONE"] });
  const now = new Date(Date.now() - 60_000).toLocaleString("sv-SE", { timeZone: "Europe/London" }).slice(0, 16).replace(" ", "T");
  let c = await apiAs(hearth, "front-door", "POST", "/api/v1/contacts", {
    received_at: now, source: "2A", method: "phone", contact_name: "School DSL", contact_agency: "Oak Primary",
    summary: "Sasha is often hungry", urgency: "routine", children: [child.id], consent: "given" });
  c = await apiAs(hearth, "front-door", "POST", `/api/v1/contacts/${c.id}/outcome`, { version: c.version, outcomes: ["becomes-referral"] });
  const rid = c.referrals[0];
  const r = await apiAs(hearth, "front-door", "GET", `/api/v1/referrals/${rid}`);
  await apiAs(hearth, "social-worker", "POST", `/api/v1/referrals/${rid}/decision`,
    { version: r.version, outcomes: ["assessment"], threshold: "moderate", primary_need: "N1", rationale: "Needs assessing",
      feedback_to_referrer: "An assessment will start; the social worker will contact you." });
  return child.id;
}

test("the analyst finds a record that would fail the census, and downloads the return", async () => {
  const childId = await referredChild();
  const identity = await apiAs(hearth, "social-worker", "GET", `/api/v1/people/${childId}/census-identity`);
  const la = identity.la_child_id;

  const page = await browser.newPage({ bypassCSP: true });
  await signIn(page, hearth.baseUrl, hearth.users["performance-analyst"]);
  await page.goto(`${hearth.baseUrl}/census`);
  assert.equal(await page.locator('nav a[href="/census"]').count(), 1, "the menu offers the census page");
  await page.getByRole("heading", { level: 1, name: /CIN census/ }).waitFor();
  await assertAccessible(page, "the CIN census page");
  const row = page.getByRole("row").filter({ hasText: la }).filter({ hasText: "4220" });
  assert.equal(await row.count(), 1, `the readiness list names ${la} with rule 4220`);
  const fix = row.getByRole("link", { name: /Page that fixes it/ });
  assert.equal(await fix.getAttribute("href"), `/people/${childId}/edit`);

  const link = page.getByRole("link", { name: /Download the CIN census return/ });
  const href = await link.getAttribute("href");
  const res = await page.request.get(`${hearth.baseUrl}${href}`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()["content-type"], /application\/xml/);
  const xml = await res.text();
  assert.match(xml, /<Message>/);
  assert.ok(xml.includes(`<LAchildID>${la}</LAchildID>`), "the child is in the return");
  assert.match(xml, /<SerialNo>1<\/SerialNo>/);
  await page.close();

  const worker = await browser.newPage({ bypassCSP: true });
  await signIn(worker, hearth.baseUrl, hearth.users["social-worker"]);
  await worker.goto(`${hearth.baseUrl}/people/${childId}/census`);
  await worker.getByRole("heading", { name: "Census check today" }).waitFor();
  await assertAccessible(worker, "the child's census page");
  const mine = worker.getByRole("row").filter({ hasText: "4220" });
  assert.equal(await mine.count(), 1, "the child's page lists rule 4220");
  await worker.close();
});
