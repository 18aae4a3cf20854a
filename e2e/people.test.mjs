// End to end in headless Chromium: sign in, search, create a person (with and without mistakes),
// add family and professionals, and check every page with axe-core.
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
  hearth?.stop();
});

async function assertAccessible(page, what) {
  const violations = await checkAxe(page);
  assert.deepEqual(violations, [], `${what} has accessibility violations:\n${violations.join("\n")}`);
}

test("sign-in page is accessible and refuses wrong passwords with a specific message", async () => {
  const page = await browser.newPage({ bypassCSP: true });
  await page.goto(`${hearth.baseUrl}/sign-in`);
  await assertAccessible(page, "sign-in page");
  await page.getByLabel("Email address").fill(hearth.users["social-worker"].email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Enter a correct email address and password").first().waitFor();
  assert.equal(await page.getByLabel("Email address").inputValue(), hearth.users["social-worker"].email, "the email is kept");
  await assertAccessible(page, "sign-in page with an error");
  await page.close();
});

test("a social worker searches, creates a person, and records family and professionals", async () => {
  const page = await browser.newPage({ bypassCSP: true });
  await signIn(page, hearth.baseUrl, hearth.users["social-worker"]);
  // Social workers land on My work; search is one link away.
  assert.match(await page.title(), /My work/);
  await page.getByRole("link", { name: "People" }).click();
  assert.match(await page.title(), /Find a person/);
  await assertAccessible(page, "search page");

  await page.getByLabel("Name, NHS number or UPN").fill("Nobody");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByText("No one matches").waitFor();

  await page.goto(`${hearth.baseUrl}/people/new`);
  await assertAccessible(page, "add person page");
  await page.getByLabel("Child (including unborn)").check();
  await page.getByLabel("First name(s)").fill("Maisie");
  await page.getByLabel("Family name").fill("Okafor");
  const dob = page.getByRole("group", { name: "Date of birth" });
  await dob.getByLabel("Day").fill("12");
  await dob.getByLabel("Month").fill("7");
  await dob.getByLabel("Year").fill("2031");
  await page.getByLabel("NHS number (optional)").fill("943 476 5918");
  await page.getByRole("button", { name: "Save person" }).click();
  await page.getByText("There is a problem").waitFor();
  assert.match(await page.title(), /^Error: /);
  await page.getByRole("link", { name: "Date of birth must be today or in the past" }).waitFor();
  await page.getByRole("link", { name: /check digit does not match/ }).waitFor();
  assert.equal(await page.getByLabel("First name(s)").inputValue(), "Maisie", "typed values are kept");
  await assertAccessible(page, "add person page with errors");

  await dob.getByLabel("Year").fill("2019");
  await page.getByLabel("NHS number (optional)").fill("943 476 5919");
  await page.getByRole("button", { name: "Save person" }).click();
  await page.getByRole("heading", { name: "Maisie Okafor" }).waitFor();
  await page.getByText("Person added").waitFor();
  await assertAccessible(page, "person page");
  const childUrl = page.url();

  // A parent, then the relationship with parental responsibility.
  await page.goto(`${hearth.baseUrl}/people/new`);
  await page.getByLabel("Adult").check();
  await page.getByLabel("First name(s)").fill("Grace");
  await page.getByLabel("Family name").fill("Okafor");
  await page.getByRole("button", { name: "Save person" }).click();
  await page.getByRole("heading", { name: "Grace Okafor" }).waitFor();

  await page.goto(childUrl);
  await page.getByRole("link", { name: "Add a relationship" }).click();
  await assertAccessible(page, "add relationship page");
  await page.getByLabel("Find the related person").fill("Grace");
  await page.getByRole("button", { name: "Find" }).click();
  await page.getByLabel(/Grace Okafor/).check();
  await page.getByLabel("They are this person's…").selectOption("parent");
  await page.getByLabel("They hold parental responsibility for this person").check();
  await page.getByLabel("They live with this person").check();
  await assertAccessible(page, "add relationship page with results");
  await page.getByRole("button", { name: "Save relationship" }).click();
  await page.getByRole("cell", { name: "Parent" }).waitFor();

  await page.getByRole("link", { name: "Add a professional" }).click();
  await assertAccessible(page, "add professional page");
  await page.getByLabel("Name", { exact: true }).fill("Dr Ade Example");
  await page.getByLabel("Role").fill("GP");
  await page.getByLabel("Agency").fill("Exampleton Health Centre");
  const from = page.getByRole("group", { name: "Involved since" });
  await from.getByLabel("Day").fill("1");
  await from.getByLabel("Month").fill("9");
  await from.getByLabel("Year").fill("2024");
  await page.getByRole("button", { name: "Save professional" }).click();
  await page.getByRole("cell", { name: "Dr Ade Example" }).waitFor();

  await page.getByRole("link", { name: "Record a move" }).click();
  await assertAccessible(page, "record a move page");
  await page.getByRole("link", { name: "Back to the record" }).click();
  await page.getByRole("link", { name: "Change details" }).click();
  await assertAccessible(page, "change details page");

  // Search finds her by a sound-alike spelling.
  await page.goto(`${hearth.baseUrl}/people?q=Okafur`);
  await page.getByRole("link", { name: "Maisie Okafor" }).waitFor();
  await assertAccessible(page, "search results");
  await page.close();
});

test("a manager sees who has viewed a record; admin and information governance pages are accessible", async () => {
  const page = await browser.newPage({ bypassCSP: true });
  await signIn(page, hearth.baseUrl, hearth.users["team-manager"]);
  await page.goto(`${hearth.baseUrl}/people?q=Maisie`);
  await page.getByRole("link", { name: "Maisie Okafor" }).click();
  await page.getByRole("link", { name: "Who has viewed this record" }).click();
  await page.getByRole("cell", { name: "E2E social-worker" }).first().waitFor();
  await assertAccessible(page, "access log page");
  await page.close();

  const admin = await browser.newPage({ bypassCSP: true });
  await signIn(admin, hearth.baseUrl, hearth.users.administrator);
  await admin.goto(`${hearth.baseUrl}/admin/users`);
  await admin.getByRole("heading", { name: "Users" }).waitFor();
  await assertAccessible(admin, "users page");
  await admin.getByRole("link", { name: /^API tokens of / }).first().click();
  await admin.getByRole("heading", { name: "API tokens" }).waitFor();
  await assertAccessible(admin, "a user's API tokens page");
  await admin.goto(`${hearth.baseUrl}/account/tokens`);
  await admin.getByRole("heading", { name: "Your API tokens" }).waitFor();
  await assertAccessible(admin, "your API tokens page");
  await admin.goto(`${hearth.baseUrl}/protocols`);
  await admin.getByLabel("Timescale").selectOption("initial-conference");
  const anchor = admin.getByRole("group", { name: "Date of the event it runs from" });
  await anchor.getByLabel("Day").fill("26");
  await anchor.getByLabel("Month").fill("3");
  await anchor.getByLabel("Year").fill("2024");
  await admin.getByRole("button", { name: "Work out the due date" }).click();
  await admin.getByText("skipping 29 March (Good Friday) and 1 April (Easter Monday)").waitFor();
  await assertAccessible(admin, "protocol page");
  await admin.close();

  const ig = await browser.newPage({ bypassCSP: true });
  await signIn(ig, hearth.baseUrl, hearth.users["information-governance"]);
  await ig.goto(`${hearth.baseUrl}/audit`);
  await ig.getByRole("heading", { name: "Audit log" }).waitFor();
  await assertAccessible(ig, "audit page");
  await ig.close();
});
