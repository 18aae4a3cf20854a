// End to end in headless Chromium: a partner's referral form (saved as typed, refused with a
// specific message, then sent), the front door screening and deciding it beside the threshold
// guidance, the feedback letter, allocation by a manager, and the partner reading the feedback.
// axe-core checks every page.
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

test("a partner refers, the front door decides, a manager allocates, the partner reads the feedback", async () => {
  const partner = await browser.newPage({ bypassCSP: true });
  await signIn(partner, hearth.baseUrl, hearth.users["partner-referrer"]);
  assert.match(await partner.title(), /Your referrals/);
  await assertAccessible(partner, "partner's referrals list");
  await partner.getByRole("button", { name: "Start a new referral" }).click();
  await partner.getByRole("heading", { name: "Refer a child to children's social care" }).waitFor();
  await assertAccessible(partner, "referral form");
  const formUrl = partner.url();

  // Typing is saved to the server as a draft: a reload keeps it.
  await partner.getByLabel("Given names").fill("Kit");
  await partner.getByText(/Draft saved at/).waitFor({ timeout: 10_000 });
  await partner.goto(formUrl);
  assert.equal(await partner.getByLabel("Given names").inputValue(), "Kit");

  await partner.getByLabel("Your name").fill("Dana Nurse");
  await partner.getByLabel("Your agency or organisation").fill("Riverside Health Visiting");
  await partner.getByLabel("Email", { exact: true }).fill("dana@health.example");
  await partner.getByLabel("Which kind of referrer are you?").selectOption("3C");
  await partner.getByLabel("Family name").fill("Lindqvist");
  const born = partner.getByRole("group", { name: "Date of birth" });
  await born.getByLabel("Day").fill("2");
  await born.getByLabel("Month").fill("5");
  await born.getByLabel("Year").fill("2024");
  await partner.getByLabel("Current home address").fill("4 Mill Lane");
  await partner.getByLabel("The child's developmental needs").fill("Not gaining weight; missed two appointments");
  await partner.getByLabel("What do you expect children's social care to do?").fill("Assess the family's needs");
  await partner.getByLabel("Refused", { exact: true }).check();
  await partner.getByRole("button", { name: "Send referral" }).click();
  await partner.getByText("There is a problem").waitFor();
  await partner.getByRole("link", { name: "Say why consent was refused or not sought" }).waitFor();
  assert.equal(await partner.getByLabel("Family name").inputValue(), "Lindqvist", "typed values are kept");
  await assertAccessible(partner, "referral form with errors");
  await partner.getByLabel("If consent was refused or not sought, why?").fill("Father said no to any referral");
  await partner.getByRole("button", { name: "Send referral" }).click();
  await partner.getByRole("heading", { name: "Referral sent" }).waitFor();
  await partner.getByText(/decide what happens next by the end of/).waitFor();
  await assertAccessible(partner, "referral sent");

  const fd = await browser.newPage({ bypassCSP: true });
  await signIn(fd, hearth.baseUrl, hearth.users["front-door"]);
  assert.match(await fd.title(), /Front door/);
  await assertAccessible(fd, "front-door queue");
  await fd.getByRole("link", { name: /\d{4}, \d\d:\d\d/ }).first().click();
  await fd.getByRole("heading", { name: "Screen a contact" }).waitFor();
  await assertAccessible(fd, "contact screening page");
  await fd.getByRole("button", { name: "Create the child's record from the referral form" }).click();
  await fd.getByRole("link", { name: "Kit Lindqvist" }).waitFor();
  await fd.getByLabel("Becomes a referral").check();
  await fd.getByRole("button", { name: "Record outcome" }).click();
  await fd.getByRole("heading", { name: "Referral decision: Kit Lindqvist" }).waitFor();
  await fd.getByText("Levels of concern (guidance)").waitFor();
  await fd.locator("summary", { hasText: "Serious concerns" }).click();
  await fd.getByText("Failing to thrive (below the 3rd centile)").waitFor();
  await assertAccessible(fd, "referral decision page with the serious-concerns examples open");
  // Front-door officers screen; a registered social worker or a manager decides (Working
  // Together 2018 ch.1 para 71).
  await fd.getByText("A registered social worker or a manager records the decision").waitFor();
  assert.equal(await fd.getByRole("button", { name: "Record decision" }).count(), 0);
  const decisionUrl = fd.url();

  const dsw = await browser.newPage({ bypassCSP: true });
  await signIn(dsw, hearth.baseUrl, hearth.users["social-worker"]);
  await dsw.goto(decisionUrl);
  await dsw.getByRole("heading", { name: "Referral decision: Kit Lindqvist" }).waitFor();
  // The father refused consent (seed 001): the route moves to section 47, with why and what the
  // parents were told.
  await dsw.getByLabel("Child and family assessment (section 17)").check();
  await dsw.getByLabel("Strategy discussion (section 47)").check();
  await dsw.getByLabel("Serious concerns").check();
  await dsw.getByRole("button", { name: "Record decision" }).click();
  await dsw.getByRole("link", { name: "Record the reasons for the decision" }).waitFor();
  await assertAccessible(dsw, "referral decision with errors");
  await dsw.getByLabel("Rationale").fill("Faltering growth in an infant with missed health appointments");
  await dsw.getByLabel("Primary need (census)").selectOption("N1");
  await dsw.getByLabel("The parents refused consent: why is the child likely to suffer significant harm?").fill("An infant losing weight with missed health checks");
  await dsw.getByLabel("How were the parents told of the change of approach and the reasons for the concerns?").fill("Both parents told by phone, and why");
  await dsw.getByLabel("Feedback to the referrer").fill("We are starting a child and family assessment.");
  await dsw.getByRole("button", { name: "Record decision" }).click();
  await dsw.getByText("Met on time").waitFor();
  await dsw.getByText("not yet allocated to a social worker").waitFor();
  await assertAccessible(dsw, "decided referral");
  // Telling the family is recorded.
  await dsw.getByLabel("The family was told the decision").check();
  await dsw.getByLabel("Who was told, how and what; or why not and who agreed").fill("Mother told by phone; letter to follow");
  await dsw.getByRole("button", { name: "Record", exact: true }).click();
  await dsw.getByText(/The family was told the decision – /).waitFor();
  await dsw.getByRole("link", { name: "Print the feedback letter to the referrer" }).click();
  await dsw.getByRole("heading", { name: "Feedback on your referral" }).waitFor();
  await dsw.getByText("What happens next:").waitFor();
  await assertAccessible(dsw, "feedback letter");

  const manager = await browser.newPage({ bypassCSP: true });
  await signIn(manager, hearth.baseUrl, hearth.users["team-manager"]);
  await manager.goto(`${hearth.baseUrl}/allocations`);
  await assertAccessible(manager, "unallocated work");
  await manager.getByRole("link", { name: "Allocate Kit Lindqvist" }).click();
  await assertAccessible(manager, "allocation form");
  await manager.getByLabel("Team").selectOption({ label: "E2E Team" });
  await manager.getByLabel("Social worker").selectOption({ label: "E2E social-worker (Social worker, E2E Team)" });
  await manager.getByRole("button", { name: "Allocate" }).click();
  await manager.getByText("All open work is allocated").waitFor();

  await partner.goto(`${hearth.baseUrl}/referral-forms`);
  // The partner's list says the referral is decided and what happens next, not "Sent".
  await partner.getByText("Decided", { exact: true }).waitFor();
  await partner.getByRole("cell", { name: "We are starting a child and family assessment." }).waitFor();
  await partner.getByRole("link", { name: /MARF-/ }).click();
  await partner.getByText("We are starting a child and family assessment.").waitFor();
  await assertAccessible(partner, "partner's view of the feedback");

  const ig = await browser.newPage({ bypassCSP: true });
  await signIn(ig, hearth.baseUrl, hearth.users["information-governance"]);
  await ig.goto(`${hearth.baseUrl}/audit`);
  // The audit log reads in words, not action codes.
  for (const step of ["Submitted a referral form", "Concluded a contact", "Decided a referral", "Allocated work"]) {
    await ig.getByText(step, { exact: true }).first().waitFor();
  }
  for (const p of [partner, fd, manager, ig]) await p.close();
});
