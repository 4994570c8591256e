// Creating a reward in the embedded admin, in a real browser on `npm run demo` (the emulator's
// App Bridge stand-in adds the session token to the app's fetches): the form refuses a bad value
// beside its field, saves a good one, lists it, and the worker publishes it to the shop metafield
// checkout reads (`$app:loyalty.rewards`). Screenshots go to test-results/.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./app-server";

const ARTIFACTS = path.join(process.cwd(), "test-results");
// As in demo.e2e.test.ts: a person's Chrome, not HeadlessChrome.
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-rewards-e2e-"));
let demo: ChildProcess;
let output = "";
let adminUrl = "";
let emulatorUrl = "";
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  demo = spawn(process.execPath, ["scripts/demo.ts"], {
    env: {
      ...process.env,
      PORT: String(await freePort()),
      EMULATOR_PORT: String(await freePort()),
      DATABASE_URL: `file:${path.join(dir, "demo.sqlite")}`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  demo.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  demo.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  const deadline = Date.now() + 150_000;
  while (!/Open (http\S+)/.test(output)) {
    if (demo.exitCode !== null || Date.now() > deadline) throw new Error(`the demo did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  adminUrl = /Open (http\S+)/.exec(output)![1]!;
  emulatorUrl = /Emulator:\s+(http\S+)/.exec(output)![1]!;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) demo.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The rewards the worker last published to the shop's `$app:loyalty.rewards` metafield. */
async function publishedTitles(shop: string): Promise<string[]> {
  const state = await (await fetch(`${emulatorUrl}/_emulator/shops/${shop}/state`)).json();
  const field = state.shop.metafields.find((m: { namespace: string; key: string }) => m.key === "rewards");
  if (!field) return [];
  return JSON.parse(field.value).rewards.map((r: { title: { en: string } }) => r.title.en);
}

describe("rewards in the embedded admin", () => {
  it("creates a reward through the form, lists it and publishes it for checkout", async () => {
    const url = new URL(adminUrl);
    const shop = url.searchParams.get("shop")!;
    url.pathname = "/app/rewards/new";
    const context = await browser.newContext({ userAgent: USER_AGENT, viewport: { width: 1200, height: 1000 } });
    const page = await context.newPage();
    await page.goto(url.toString());
    await page.getByRole("heading", { name: "New reward" }).waitFor({ timeout: 90_000 });
    // Typed before React hydrates, values would be dropped from its controlled fields.
    await page.waitForLoadState("networkidle");

    // A bad cost is refused beside its field, and nothing is saved.
    await page.getByLabel("Title in English").fill("Seven fifty off");
    await page.getByLabel("Title in Russian").fill("Скидка 7,50");
    await page.getByLabel("Cost in points").fill("0");
    await page.getByLabel("Amount off").fill("7.50");
    await page.getByRole("button", { name: "Save" }).click();
    const costError = page.getByText("Cost must be a whole number of points from 1 to 10,000,000.");
    await costError.waitFor({ timeout: 30_000 });
    expect(await page.getByLabel("Title in English").inputValue()).toBe("Seven fifty off");
    await page.screenshot({ path: path.join(ARTIFACTS, "admin-reward-invalid.png"), fullPage: true });

    await page.getByLabel("Cost in points").fill("750");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "Rewards" }).waitFor({ timeout: 30_000 });
    const row = page.getByRole("row").filter({ hasText: "Seven fifty off" });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toMatch(/Amount off.*750.*Active.*0 \/ 0/);
    await page.screenshot({ path: path.join(ARTIFACTS, "admin-rewards-list.png"), fullPage: true });

    // The worker (in the app's process) writes the catalog to Shopify soon after the change.
    await expect.poll(() => publishedTitles(shop), { timeout: 30_000, interval: 500 }).toContain("Seven fifty off");

    // Pausing it from the list takes it out of what checkout shows.
    await row.getByRole("button", { name: "Pause" }).click();
    await row.getByText("Paused").waitFor({ timeout: 30_000 });
    await expect.poll(() => publishedTitles(shop), { timeout: 30_000, interval: 500 }).not.toContain("Seven fifty off");
    await context.close();
  });
});
