// `npm run demo` in a real browser (Debian's Chromium, driven by Playwright): the embedded admin
// loads outside Shopify's admin with Polaris styles and the demo shop's name, in English and in
// Russian, navigates, and Ctrl-C stops everything. Screenshots go to test-results/.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./app-server";

const ARTIFACTS = path.join(process.cwd(), "test-results");
/** A person's Chrome: headless Chromium names itself HeadlessChrome, which apps treat as a bot. */
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-demo-"));
let demo: ChildProcess;
let output = "";
let adminUrl = "";
let appPort = 0;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  appPort = await freePort();
  demo = spawn(process.execPath, ["scripts/demo.ts"], {
    env: {
      ...process.env,
      PORT: String(appPort),
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
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) demo.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

async function open(url: string, locale: string): Promise<Page> {
  const context = await browser.newContext({ userAgent: USER_AGENT, locale, viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

describe("npm run demo", () => {
  it("shows the embedded admin with Polaris styles and the shop's name", async () => {
    const page = await open(adminUrl, "en-US");
    const heading = page.getByRole("heading", { name: "Welcome to Laurel, Laurel Demo Store" });
    await heading.waitFor({ timeout: 90_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, "demo-admin-en.png"), fullPage: true });

    // Polaris's stylesheet is applied (served by the app, not a CDN): its page background and
    // heading weight, not the browser's defaults.
    const styles = await page.evaluate(() => ({
      background: getComputedStyle(document.body).backgroundColor,
      weight: getComputedStyle(document.querySelector("h2")!).fontWeight,
      sheets: [...document.styleSheets].map((s) => s.href ?? "inline"),
    }));
    expect(styles.background).not.toBe("rgba(0, 0, 0, 0)");
    expect(Number(styles.weight)).toBeGreaterThanOrEqual(600);
    expect(styles.sheets.some((href) => href.includes("cdn.shopify.com"))).toBe(false);

    // A client-side navigation fetches data with the session token the stand-in adds.
    await page.getByRole("link", { name: "Home" }).click();
    await expect.poll(() => heading.isVisible()).toBe(true);
  });

  it("speaks Russian when the admin does", async () => {
    const page = await open(`${adminUrl}&locale=ru-RU`, "ru-RU");
    await page
      .getByRole("heading", { name: "Добро пожаловать в Laurel, Laurel Demo Store" })
      .waitFor({ timeout: 60_000 });
    expect(await page.getByRole("link", { name: "Главная" }).count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, "demo-admin-ru.png"), fullPage: true });
  });

  it("stops everything cleanly on Ctrl-C", async () => {
    const exited = new Promise<number | null>((resolve) => demo.once("exit", resolve));
    demo.kill("SIGINT");
    expect(await exited).toBe(0);
    await expect(fetch(`http://localhost:${appPort}/healthz`)).rejects.toThrow();
  });
});
