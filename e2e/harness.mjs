// Browser-test harness: starts the real hearth binary on a fresh SQLite database with a few users,
// drives Debian's Chromium through playwright-core (never a downloaded browser) and runs axe-core.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "target", "debug", "hearth");
export const PASSWORD = "e2e-password-123";
export const ROLES = ["social-worker", "team-manager", "administrator", "information-governance", "front-door"];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

function hearth(db, args, input) {
  const r = spawnSync(bin, ["--database", db, ...args], { input, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`hearth ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

export async function startHearth() {
  const dir = mkdtempSync(join(tmpdir(), "hearth-e2e-"));
  const db = `sqlite://${join(dir, "hearth.db")}`;
  hearth(db, ["migrate"]);
  const users = {};
  for (const role of ROLES) {
    const email = `${role}@e2e.test`;
    hearth(db, ["user", "add", "--name", `E2E ${role}`, "--email", email, "--role", role, "--team", "E2E Team", "--password-stdin"], PASSWORD + "\n");
    users[role] = { email, password: PASSWORD };
  }
  const port = await freePort();
  const proc = spawn(bin, ["--database", db, "--listen", `127.0.0.1:${port}`, "serve"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(`${baseUrl}/healthz`);
      if (r.ok) break;
    } catch (_) { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`hearth did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    users,
    db,
    stop() {
      proc.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  // playwright-core gives each launch a fresh, empty profile of its own.
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic",
    ],
  });
}

const axePath = join(root, "node_modules", "axe-core", "axe.min.js");

/// Runs axe-core (WCAG 2.0/2.1/2.2 A and AA) and returns readable violations.
export async function checkAxe(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }),
  );
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export async function signIn(page, baseUrl, { email, password }) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/sign-in")), page.getByRole("button", { name: "Sign in" }).click()]);
}
