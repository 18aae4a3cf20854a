// Browser-test harness for node:test: starts the real hearth binary (target/debug/hearth, built by
// scripts/test) on a fresh SQLite database with one user per role, drives Debian's Chromium
// (/usr/bin/chromium) through playwright-core — never a downloaded browser — and runs axe-core.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = process.env.HEARTH_BIN ?? join(root, "target", "debug", "hearth");
const chromiumPath = process.env.HEARTH_CHROMIUM ?? "/usr/bin/chromium";
const axePath = join(root, "node_modules", "axe-core", "axe.min.js");

export const PASSWORD = "e2e-password-123";
export const ROLES = ["social-worker", "team-manager", "administrator", "information-governance", "front-door", "partner-referrer", "performance-analyst"];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Global options (--database, --listen) go before the subcommand.
function hearthCli(db, args, input) {
  const r = spawnSync(bin, ["--database", db, ...args], { input, encoding: "utf8" });
  if (r.error) throw new Error(`cannot run ${bin}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`hearth ${args.join(" ")} exited ${r.status}:\n${r.stderr}`);
  return r.stdout;
}

/**
 * Starts Hearth on a free port with a fresh database and a user per role in ROLES (all with
 * PASSWORD). `users` is keyed by role, with `admin` and `worker` as short names for the
 * administrator and the social worker. Await `stop()` to end the server and remove the database.
 */
export async function startHearth() {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run cargo build -p hearth`);
  const dir = mkdtempSync(join(tmpdir(), "hearth-e2e-"));
  const db = `sqlite://${join(dir, "hearth.db")}`;
  let proc;
  // Kills and removes at once (so a caller that does not await still leaves nothing behind), and
  // the returned promise settles once the server has exited.
  const stop = () => {
    let exited = Promise.resolve();
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      exited = new Promise((resolve) => proc.once("exit", resolve));
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 5_000);
      timer.unref();
    }
    rmSync(dir, { recursive: true, force: true });
    return exited.then(() => rmSync(dir, { recursive: true, force: true }));
  };
  try {
    hearthCli(db, ["migrate"]);
    const users = {};
    for (const role of ROLES) {
      const email = `${role}@e2e.test`;
      hearthCli(
        db,
        ["user", "add", "--name", `E2E ${role}`, "--email", email, "--role", role, "--team", "E2E Team", "--password-stdin"],
        PASSWORD + "\n",
      );
      users[role] = { email, password: PASSWORD };
    }
    // A conference chair in a team of their own, independent of every case (issue 14).
    hearthCli(
      db,
      ["user", "add", "--name", "E2E conference-chair", "--email", "conference-chair@e2e.test", "--role", "conference-chair", "--team", "Conference chairs", "--password-stdin"],
      PASSWORD + "\n",
    );
    users["conference-chair"] = { email: "conference-chair@e2e.test", password: PASSWORD };
    users.admin = users.administrator;
    users.worker = users["social-worker"];

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    proc = spawn(bin, ["--database", db, "--listen", `127.0.0.1:${port}`, "serve"], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, HEARTH_LOG: process.env.HEARTH_LOG ?? "warn" },
    });
    let stderr = "";
    proc.stderr.on("data", (d) => (stderr += d));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`hearth serve exited (${proc.exitCode ?? proc.signalCode}) before it was ready:\n${stderr}`);
      }
      try {
        const r = await fetch(`${baseUrl}/healthz`);
        if (r.status === 200) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`hearth serve did not answer /healthz within 30 s:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return { baseUrl, users, db, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Launches Debian's headless Chromium; playwright-core gives it a fresh, empty profile. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic",
    ],
  });
}

/**
 * Runs axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on the page and returns one readable line
 * per violation: rule id, impact, help text and the offending elements. Pages with a strict CSP
 * need the browser page opened with `{ bypassCSP: true }` for the injected script to run.
 */
export async function checkAxe(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }),
  );
  const found = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]\n` +
      v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.html.slice(0, 200)}`).join("\n"),
  );
  return found.concat(await linkAndTableChecks(page), await reflowChecks(page));
}

/**
 * Checks axe leaves to judgement: links with the same text must go to the same place (WCAG 2.4.4,
 * read as a list of links), and every data table's column headings must be visible.
 */
async function linkAndTableChecks(page) {
  return page.evaluate(() => {
    const out = [];
    const byText = new Map();
    for (const a of document.querySelectorAll("a[href]")) {
      if (a.closest("[hidden], .govuk-visually-hidden") || a.getClientRects().length === 0) continue;
      const text = (a.getAttribute("aria-label") || a.textContent).replace(/\s+/g, " ").trim();
      const href = new URL(a.getAttribute("href"), location.href);
      href.hash = href.hash === "#main-content" ? href.hash : "";
      const seen = byText.get(text);
      if (seen && seen !== href.href) out.push(`link-text-distinct: "${text}" goes to ${seen} and ${href.href}`);
      else byText.set(text, href.href);
    }
    for (const th of document.querySelectorAll("table thead th")) {
      const r = th.getBoundingClientRect();
      const hidden = th.closest(".govuk-visually-hidden") || r.width < 2 || r.height < 2 || th.textContent.trim() === "";
      if (hidden) out.push(`table-headings-visible: heading "${th.textContent.trim()}" is not visible`);
    }
    return out;
  });
}

/**
 * WCAG 1.4.10 reflow: at 320 CSS px (400% zoom of 1280) and at 640 CSS px (200% zoom) the page
 * scrolls only vertically; tables scroll inside their own focusable region.
 */
async function reflowChecks(page) {
  const old = page.viewportSize();
  const out = [];
  for (const width of [320, 640]) {
    await page.setViewportSize({ width, height: 800 });
    const wide = await page.evaluate(() => {
      if (document.documentElement.scrollWidth <= window.innerWidth + 1) return null;
      // The innermost elements reaching past the right edge, to say what to mend.
      const over = [...document.querySelectorAll("body *")].filter((e) => {
        const r = e.getBoundingClientRect();
        return r.right > window.innerWidth + 1 && r.width > 0 && ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1);
      });
      return over.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} "${e.textContent.trim().slice(0, 40)}"`).join("; ");
    });
    if (wide) out.push(`reflow: the page scrolls sideways at ${width} px wide: ${wide}`);
  }
  if (old) await page.setViewportSize(old);
  return out;
}

/** Signs in through the sign-in form and waits until the browser has left the sign-in page. */
export async function signIn(page, baseUrl, { email, password }) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith("/sign-in")),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
}

/** Fails the test with every axe violation and every reflow, link or heading problem listed. */
export async function assertAccessible(page, what) {
  const { default: assert } = await import("node:assert/strict");
  const violations = await checkAxe(page);
  assert.deepEqual(violations, [], `${what} has accessibility violations:\n${violations.join("\n")}`);
}

/** Calls the JSON API as the harness user with `role`, failing on anything but success. */
export async function apiAs(hearth, role, method, path, body) {
  const { default: assert } = await import("node:assert/strict");
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
