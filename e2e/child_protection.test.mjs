// End to end in headless Chromium (issue 14): a child goes strategy discussion → section 47
// enquiry → initial conference → plan → core group → statutory visit → review conference →
// discontinuation → the child in need plan that follows, agreed, visited and printed for the family,
// through the child's pages. The referral is
// dated weeks back (recorded afterwards), so every step falls on a real working day before today;
// axe-core, the reflow and link checks run on every page.
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

const api = (role, method, path, body) => apiAs(hearth, role, method, path, body);

const iso = (d) => d.toISOString().slice(0, 10);

/** The last `n` working days before today (London), oldest first, skipping bank holidays. */
async function workingDaysBefore(n) {
  const today = new Date(new Date().toLocaleDateString("en-CA", { timeZone: "Europe/London" }) + "T00:00:00Z");
  const y = today.getUTCFullYear();
  const holidays = new Set();
  for (const year of [y - 1, y]) {
    for (const h of await api("social-worker", "GET", `/api/v1/calendar/holidays/${year}`)) holidays.add(h.date);
  }
  const out = [];
  const d = new Date(today);
  while (out.length < n) {
    d.setUTCDate(d.getUTCDate() - 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6 && !holidays.has(iso(d))) out.unshift(new Date(d));
  }
  return out;
}

async function fillDate(form, name, d) {
  await form.locator(`#${name}-day`).fill(String(d.getUTCDate()));
  await form.locator(`#${name}-month`).fill(String(d.getUTCMonth() + 1));
  await form.locator(`#${name}-year`).fill(String(d.getUTCFullYear()));
}

const fmt = (d) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

test("a child from strategy discussion to plan, review and discontinuation", async () => {
  const days = await workingDaysBefore(45);
  // days[0] is the referral; the discussion the next working day; the conference 8 working days
  // after the discussion (within 15); core group, visit; the review two working days ago.
  const [referral, discussion, outcome] = [days[0], days[1], days[3]];
  const conference = days[9];
  const visit = days[12];
  const coreGroup = days[14];
  const review = days[43];
  const cinReview = days[44];

  const child = await api("front-door", "POST", "/api/v1/people?confirm_not_duplicate=true",
    { kind: "child", given_names: "Riley", family_name: "Protecttest", date_of_birth: "2014-06-06" });
  let c = await api("front-door", "POST", "/api/v1/contacts", {
    received_at: `${iso(referral)}T10:00`, source: "2A", method: "phone", contact_name: "School DSL", contact_agency: "Elm Primary",
    summary: "Riley has bruises on both arms", urgency: "urgent", children: [child.id], consent: "given" });
  c = await api("front-door", "POST", `/api/v1/contacts/${c.id}/outcome`, { version: c.version, outcomes: ["becomes-referral"] });
  const rid = c.referrals[0];
  const r = await api("front-door", "GET", `/api/v1/referrals/${rid}`);
  const d = await api("social-worker", "POST", `/api/v1/referrals/${rid}/decision`,
    { version: r.version, outcomes: ["assessment"], threshold: "serious", primary_need: "N1", rationale: "Injuries",
      feedback_to_referrer: "We are assessing.", late_reason: "Recorded afterwards for this journey" });
  const me = await api("social-worker", "GET", "/api/v1/me");
  await api("team-manager", "POST", `/api/v1/episodes/${d.episode.id}/allocation`, { team_id: me.team_id, worker_id: me.id });

  const sw = await browser.newPage({ bypassCSP: true });
  await signIn(sw, hearth.baseUrl, hearth.users["social-worker"]);

  // The strategy discussion, asked for and held the day after the referral, starts section 47.
  await sw.goto(`${hearth.baseUrl}/people/${child.id}/strategy-discussions/new`);
  await assertAccessible(sw, "ask for a strategy discussion");
  await sw.getByLabel("Why a strategy discussion is needed").fill("Bruising reported by school");
  await fillDate(sw.locator("form"), "requested_on", discussion);
  await sw.getByRole("button", { name: "Ask for the discussion" }).click();
  await sw.getByRole("heading", { name: "Record the discussion as held" }).waitFor();
  const held = sw.locator('form[action$="/held"]');
  await fillDate(held, "held_on", discussion);
  await held.getByLabel("Meeting").check();
  await held.getByLabel("Who took part, with agency and role").fill("SW and TM (LA), DC Hart (police), Named nurse (health)");
  for (const who of ["Local authority social worker", "Their manager", "Police", "Health"]) await held.getByLabel(who, { exact: true }).check();
  await held.getByLabel("Start section 47 enquiries").check();
  await held.getByLabel("What the family is told").fill("Told of the enquiry and the medical");
  await held.locator("#action0-what").fill("Child protection medical");
  await held.locator("#action0-owner").fill("Dr Okafor (health)");
  await fillDate(held, "action0.due_on".replace(".", "-"), discussion);
  await held.getByLabel("Information shared, decisions and actions agreed").fill("Joint enquiry; medical today");
  await held.getByRole("button", { name: "Record as held" }).click();
  await sw.getByText("Held on").waitFor();
  await sw.getByRole("cell", { name: "Child protection medical", exact: true }).waitFor();
  await assertAccessible(sw, "strategy discussion held with an action");
  await sw.getByRole("button", { name: /Mark done/ }).click();
  await sw.getByText(/^Done /).waitFor();

  // The enquiry's outcome: continuing risk; the initial conference is due 15 working days from
  // the discussion.
  const cpUrl = `${hearth.baseUrl}/people/${child.id}/child-protection`;
  await sw.goto(cpUrl);
  await sw.getByRole("heading", { name: "Child protection", exact: true }).waitFor();
  await sw.getByText(fmt(discussion)).first().waitFor();
  await assertAccessible(sw, "child protection page with an open enquiry");
  await sw.getByText("Record the enquiry's outcome").click();
  const enq = sw.locator('form[action$="/child-protection/enquiry-outcome"]');
  await enq.locator("#outcome-2").check();
  await fillDate(enq, "concluded_on", outcome);
  await enq.locator("#enquiry_seen-0").check();
  await enq.locator("#enquiry_seen-1").check();
  await enq.getByLabel("Everyone spoken to").fill("Riley alone at school; mother; father; school; GP");
  await enq.getByRole("button", { name: "Record the outcome" }).click();
  await sw.getByText(/Initial conference due .*15 working days from the strategy discussion that started section 47 enquiries/).first().waitFor();

  // Arrangements: a date, an independent chair, three agencies and the mother.
  await sw.getByText("Arrange: date, chair and invitations").click();
  const prep = sw.locator('form[action$="/child-protection/preparation"]');
  await fillDate(prep, "scheduled_on", conference);
  await prep.getByLabel("Chair (independent of the case)").selectOption({ index: 1 });
  const people = [["Sam Lead", "local-authority", "Social worker"], ["DC Hart", "police", "Investigating officer"], ["Nurse Bell", "health", "School nurse"], ["Ms Protecttest", "parent", "Mother"]];
  for (const [i, [name, who, role]] of people.entries()) {
    await prep.locator(`#inv${i}-name`).fill(name);
    await prep.locator(`#inv${i}-participant`).selectOption(who);
    await prep.locator(`#inv${i}-role`).fill(role);
    await prep.locator(`#inv${i}-flags-0`).check();
  }
  await prep.getByRole("button", { name: "Save the arrangements" }).click();
  await sw.getByText(`Arranged for ${fmt(conference)}`).waitFor();
  await assertAccessible(sw, "conference arranged");

  // Held: a plan without a category is refused beside the field; then the plan starts.
  await sw.getByText("Record the conference as held, with its decision").click();
  let hold = sw.locator('form[action$="/child-protection/held"]');
  await fillDate(hold, "held_on", conference);
  await hold.locator("#plan-0").check();
  await hold.getByLabel("Lead social worker").selectOption({ index: 1 });
  await hold.getByLabel("Core group members").fill("SW, mother, father, school, school nurse");
  await hold.getByLabel("Outline plan: what must change, by how much and by when").fill("No further injuries; parenting course by the review");
  await fillDate(hold, "review_on", review);
  await hold.getByLabel("The child's wishes and feelings").fill("Wants to stay at home");
  await hold.getByLabel("The parents' views").fill("Mother agrees; father disagrees");
  await hold.getByRole("button", { name: "Record the decision" }).click();
  await sw.getByText("There is a problem").waitFor();
  await sw.getByRole("link", { name: /category of abuse/ }).waitFor();
  await assertAccessible(sw, "conference decision with an error");
  hold = sw.locator('form[action$="/child-protection/held"]');
  await hold.getByLabel("Category of abuse").selectOption("PHY");
  await hold.getByRole("button", { name: "Record the decision" }).click();
  await sw.getByText(`Open from ${fmt(conference)}`).waitFor();
  await sw.getByText("Initial: Physical abuse; latest: Physical abuse").waitFor();

  // The detailed plan: its outcomes and actions, version 1.
  await sw.getByText("Write the detailed plan").click();
  const pv = sw.locator('form[action$="/child-protection/plan-version"]');
  await pv.locator("#o1-what_must_change").fill("Riley is not hurt again");
  await pv.locator("#o1-measure").fill("No injury seen by school or at any visit for 3 months");
  await pv.locator("#a1-action").fill("Parenting course");
  await pv.locator("#a1-owner").fill("Mother");
  await pv.locator("#a1-frequency").fill("Weekly");
  await pv.getByRole("button", { name: "Save this version" }).click();
  await sw.getByText(/Version 1, made/).waitFor();
  await sw.getByRole("cell", { name: "Riley is not hurt again" }).waitFor();
  await assertAccessible(sw, "child protection plan with its outcomes and actions");

  // Core group and a statutory visit.
  await sw.getByText("Record a core group meeting").click();
  const cg = sw.locator('form[action$="/child-protection/core-group"]');
  await fillDate(cg, "met_on", coreGroup);
  await cg.getByLabel("Who attended").fill("SW, mother, school");
  await cg.getByLabel("Decisions and actions (who does what by when)").fill("School reports attendance weekly");
  await cg.getByRole("button", { name: "Save the meeting" }).click();
  await sw.getByText("School reports attendance weekly").waitFor();
  await sw.getByText("Record a statutory visit").click();
  const v = sw.locator('form[action$="/child-protection/visit"]');
  await fillDate(v, "visited_on", visit);
  await v.locator("#visit_seen-0").check();
  await v.locator("#visit_seen-1").check();
  await v.getByLabel("Who was present").fill("Riley, mother");
  await v.getByRole("button", { name: "Save the visit" }).click();
  await sw.getByRole("cell", { name: fmt(visit) }).waitFor();

  // The review conference ends the plan: no longer at risk, a child in need plan follows.
  await sw.getByText("Arrange: date, chair and invitations").click();
  const prep2 = sw.locator('form[action$="/child-protection/preparation"]');
  await prep2.getByLabel("Chair (independent of the case)").selectOption({ index: 1 });
  for (const [i, [name, who, role]] of people.entries()) {
    await prep2.locator(`#inv${i}-name`).fill(name);
    await prep2.locator(`#inv${i}-participant`).selectOption(who);
    await prep2.locator(`#inv${i}-role`).fill(role);
    await prep2.locator(`#inv${i}-flags-0`).check();
  }
  await prep2.getByRole("button", { name: "Save the arrangements" }).click();
  await sw.getByText("Record the conference as held, with its decision").click();
  const rev = sw.locator('form[action$="/child-protection/held"]');
  await fillDate(rev, "held_on", review);
  await rev.locator("#plan-1").check();
  await rev.locator("#end_reason-0").check();
  await rev.getByLabel("The child's wishes and feelings").fill("Happy at home");
  await rev.getByLabel("The parents' views").fill("Relieved");
  await rev.locator("#cin_follows-0").check();
  await rev.getByRole("button", { name: "Record the decision" }).click();
  await sw.getByText(`Ended from ${fmt(conference)} to ${fmt(review)}`).waitFor();
  await sw.getByText(/no longer at continuing risk/).first().waitFor();
  await assertAccessible(sw, "child protection page after the plan ended");

  // The child in need plan that follows: agreed and started the day the plan ended, visited,
  // and its family copy printed.
  await sw.goto(`${hearth.baseUrl}/people/${child.id}/cin-plan`);
  await assertAccessible(sw, "child in need plan to agree");
  await sw.getByText("Agree and start the plan").click();
  let st = sw.locator('form[action$="/cin-plan/start"]');
  await st.getByRole("button", { name: "Start the plan" }).click();
  await sw.getByText("There is a problem").waitFor();
  await assertAccessible(sw, "child in need plan start with errors");
  st = sw.locator('form[action$="/cin-plan/start"]');
  await fillDate(st, "started_on", review);
  await st.getByLabel("Purpose: what the plan sets out to achieve").fill("Riley stays safe and well at home");
  await st.locator("#n1-need").fill("Emotional wellbeing");
  await st.locator("#n1-services").fill("School counsellor, weekly");
  await st.locator("#o1-what_must_change").fill("Riley is at school every day");
  await st.locator("#o1-measure").fill("Attendance above 95% each half term");
  await st.locator("#a1-action").fill("Take Riley to school");
  await st.locator("#a1-owner").fill("Mother");
  await st.locator("#a1-frequency").fill("Every school day");
  await st.getByLabel("What the child and family agree to do").fill("Mother finishes the parenting course");
  await st.getByLabel("Lead professional").fill("Sam Lead");
  await st.getByLabel("Their role").fill("Social worker");
  await st.getByLabel("Their duties").fill("Visits, reviews and referrals");
  await st.locator("#visit_kind-0").check();
  await st.getByLabel("Contingency plan: what happens if things change significantly").fill("A strategy discussion the same day");
  await st.getByLabel("Review points: when and how the plan is reviewed").fill("At the first review");
  await st.locator("#circulation").fill("Mother\nSchool");
  await st.getByRole("button", { name: "Start the plan" }).click();
  await sw.getByText(`Plan from ${fmt(review)}`).waitFor();
  await sw.getByText("Child in need visit due").first().waitFor();
  await assertAccessible(sw, "child in need plan started");
  await sw.getByText("Record a visit").click();
  const cv = sw.locator('form[action$="/cin-plan/visit"]');
  await fillDate(cv, "visited_on", review);
  await cv.locator("#visit_seen-0").check();
  await cv.getByLabel("Who was present").fill("Riley, mother");
  await cv.getByRole("button", { name: "Save the visit" }).click();
  await sw.getByText(fmt(review)).first().waitFor();
  await sw.getByRole("link", { name: "Print the family copy of the plan" }).click();
  await sw.getByRole("heading", { name: "Your child in need plan" }).waitFor();
  await sw.getByText("Riley is at school every day").waitFor();
  await assertAccessible(sw, "family copy of the child in need plan");
  // A review that amends the plan; the new version, circulated.
  await sw.goto(`${hearth.baseUrl}/people/${child.id}/cin-plan`);
  await sw.getByText("Record a review").click();
  const rv = sw.locator('form[action$="/cin-plan/review"]');
  await fillDate(rv, "reviewed_on", cinReview);
  await rv.locator("#chair-0").check();
  await rv.locator("#how-0").check();
  await rv.getByLabel("What has gone well?").fill("Riley is at school every day");
  await rv.getByLabel("What worries remain?").fill("Sleep");
  await rv.getByLabel("What still needs to happen?").fill("A bedtime routine");
  await rv.getByLabel("The child's feedback").fill("Likes school");
  await rv.getByLabel("The family's feedback").fill("The plan helps");
  await rv.locator("#outcome-2").check();
  await rv.getByLabel("The reasons for the decision").fill("Progress; sleep needs work");
  await rv.getByRole("button", { name: "Save the review" }).click();
  await sw.getByText(/Amend the plan and circulate it/).waitFor();
  await sw.getByText("Change the plan (a new version)").click();
  const am = sw.locator('form[action$="/cin-plan/plan-version"]');
  await am.locator("#o2-what_must_change").fill("Riley sleeps well");
  await am.locator("#o2-measure").fill("Nine hours most nights in the sleep diary");
  await am.getByLabel("Why the plan is changing").fill("Review: sleep added");
  await am.getByRole("button", { name: "Save this version" }).click();
  await sw.getByText(/Version 2, made/).waitFor();
  await sw.getByRole("button", { name: /Circulated today.*version 2/ }).click();
  await sw.getByRole("cell", { name: "Riley sleeps well" }).waitFor();
  await assertAccessible(sw, "child in need plan reviewed and amended");

  // The team manager steps the plan down to early help and closes the episode (RC7).
  const tm = await browser.newPage({ bypassCSP: true });
  await signIn(tm, hearth.baseUrl, hearth.users["team-manager"]);
  await tm.goto(`${hearth.baseUrl}/people/${child.id}/cin-plan`);
  await tm.getByText("End the plan (team manager)").click();
  let end = tm.locator('form[action$="/cin-plan/end"]');
  await end.getByRole("button", { name: "End the plan" }).click();
  await tm.getByText("There is a problem").waitFor();
  await assertAccessible(tm, "ending a child in need plan with errors");
  end = tm.locator('form[action$="/cin-plan/end"]');
  await fillDate(end, "ended_on", cinReview);
  await end.getByLabel("Stepped down to early help").check();
  await end.getByLabel("The reasons, in words the family will read").fill("Riley is doing well; early help will carry on");
  await fillDate(end, "family_meeting_on", cinReview);
  await end.locator("#told_in_writing").fill("Mother\nElm Primary");
  await end.getByLabel("For step-down: the early help worker").fill("Jo Early (Family Solutions)");
  await fillDate(end, "introduced_on", cinReview);
  await end.getByLabel("They attended the last review").check();
  await end.getByLabel("Close the child's episode of need").check();
  await end.getByLabel("Census reason for closure").selectOption("RC7");
  await end.getByLabel("Closure summary: the plan's impact").fill("Attendance and sleep improved");
  await end.getByLabel("The child's views").fill("Happy");
  await end.getByLabel("The parents' views").fill("Grateful");
  await end.getByRole("button", { name: "End the plan" }).click();
  await tm.getByText(/Stepped down to early help/).first().waitFor();
  await tm.getByRole("link", { name: "Print the letters to everyone told" }).click();
  await tm.getByText("Jo Early (Family Solutions)").first().waitFor();
  await assertAccessible(tm, "letters: the child in need plan has ended");

  const cin = await api("social-worker", "GET", `/api/v1/people/${child.id}/cin-plans`);
  assert.equal(cin.plans[0].started_on, iso(review));
  assert.equal(cin.plans[0].ended_on, iso(cinReview));
  assert.equal(cin.plans[0].end_reason, "step-down-to-early-help");
  assert.equal(cin.plans[0].minimum_plan, true);

  const record = await api("social-worker", "GET", `/api/v1/people/${child.id}/child-protection`);
  assert.equal(record.plans[0].started_on, iso(conference));
  assert.equal(record.plans[0].ended_on, iso(review));
  assert.deepEqual(record.plans[0].review_dates, [iso(review)]);
  assert.equal(record.enquiries[0].started_on, iso(discussion));
  assert.equal(record.date_of_initial_cpc, iso(conference));
});
