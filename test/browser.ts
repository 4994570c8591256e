// The Chromium the browser tests and the web-vitals bench drive (Debian's, through Playwright):
// one set of launch flags, and pages that present a person's Chrome (headless Chromium names
// itself HeadlessChrome, which apps treat as a bot).
import { chromium, type Browser } from "playwright-core";
import { BROWSER_USER_AGENT } from "../emulator/http/server.ts";

export { BROWSER_USER_AGENT };

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Debian's Chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}
