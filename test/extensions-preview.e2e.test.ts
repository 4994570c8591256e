// The extensions preview (docs/emulator.md) in a real browser, against the production build: a
// member with enough points redeems a reward in the checkout preview, the code lands in the order
// summary and in the emulator locked to them, and the account preview then shows the lower
// balance, the code and the history line; in English and in Russian. Screenshots go to
// test-results/.
import fs from "node:fs";
import path from "node:path";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_USER_AGENT, launchChromium } from "./browser";
import { startEmulatedApp, type EmulatedApp } from "./emulated-app";

const ARTIFACTS = path.join(process.cwd(), "test-results");
const SHOP = "preview";

type Strings = { [key: string]: string | Strings };
const locale = (extension: string, file: string) =>
  JSON.parse(fs.readFileSync(path.join("extensions", extension, "locales", file), "utf8")) as Strings;
const LOCALES = {
  en: {
    checkout: locale("loyalty-checkout", "en.default.json"),
    account: locale("loyalty-account", "en.default.json"),
  },
  ru: { checkout: locale("loyalty-checkout", "ru.json"), account: locale("loyalty-account", "ru.json") },
};

function text(strings: Strings, key: string): string {
  const value = key
    .split(".")
    .reduce<string | Strings | undefined>((node, part) => (typeof node === "object" ? node[part] : undefined), strings);
  if (typeof value !== "string") throw new Error(`no string ${key}`);
  return value;
}

/** A translated template as a pattern: each {{placeholder}} matches anything. */
const pattern = (template: string) =>
  new RegExp(
    `^${template
      .split(/\{\{\s*\w+\s*\}\}/)
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".+")}$`,
  );

let t: EmulatedApp;
let browser: Browser;
const customers: Record<"en" | "ru", number> = { en: 0, ru: 0 };

interface State {
  shop: { metafields: { key: string }[] };
  customers: { id: number; metafields: { key: string }[] }[];
  discounts: { codes: { code: string }[]; customerIds: number[] | null }[];
}
const state = (): Promise<State> => t.control(`/shops/${SHOP}/state`);

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  t = await startEmulatedApp({ env: { LAUREL_DEMO: "1" } });
  expect((await t.control("/shops", { name: "Preview", handle: SHOP })).appOpened).toBe(true);
  await t.control(`/shops/${SHOP}/products`, { title: "Tea", price: "20.00" });
  for (const [language, name] of [
    ["en", "Ana"],
    ["ru", "Борис"],
  ] as const) {
    const customer = await t.control(`/shops/${SHOP}/customers`, { email: `${language}@example.com`, firstName: name });
    customers[language] = customer.id;
    // 100 for joining, 1,000 for 1,000.00 of goods.
    await t.control(`/shops/${SHOP}/orders`, {
      customerId: customer.id,
      lineItems: [{ title: "Kettle", price: "500.00", quantity: 2 }],
      paid: true,
    });
  }
  await t.emulator.webhooks.idle();
  // The worker writes the members' balances and the reward catalog into Shopify's metafields,
  // which checkout hands the extension.
  for (let tries = 0; ; tries++) {
    const s = await state();
    const members = s.customers.filter((c) => c.metafields.some((m) => m.key === "member")).length;
    if (members === 2 && s.shop.metafields.some((m) => m.key === "rewards")) break;
    if (tries > 120) throw new Error("the worker never wrote the member and rewards metafields");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(pathname: string, language: string): Promise<Page> {
  const context = await browser.newContext({
    userAgent: BROWSER_USER_AGENT,
    locale: language,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(`${t.emulator.url}/_emulator/preview/${SHOP}/${pathname}`);
  return page;
}

const balance = async (customerId: number) =>
  (await t.db.member.findFirstOrThrow({ where: { customerId: `gid://shopify/Customer/${customerId}` } })).available;

describe.each(["en", "ru"] as const)("the extensions preview in %s", (language) => {
  let code = "";

  it("redeems a reward in the checkout preview and applies its code", async () => {
    const customerId = customers[language];
    const page = await open(`checkout?customer=${customerId}&locale=${language}`, language);
    const block: FrameLocator = page.frameLocator('iframe[data-frame="block"]');
    const redeem = block.getByRole("button", {
      name: pattern(text(LOCALES[language].checkout, "member.redeem_label")),
    });
    await redeem.first().waitFor({ timeout: 30_000 });
    await redeem.first().click();

    const applied = page.locator("#applied-codes code");
    await applied.first().waitFor({ timeout: 30_000 });
    code = (await applied.first().textContent())!;
    expect(code).toMatch(/\S/);
    await expect.poll(() => balance(customerId)).toBeLessThan(1100);
    await page.screenshot({ path: path.join(ARTIFACTS, `preview-checkout-${language}.png`), fullPage: true });

    const discount = (await state()).discounts.find((d) => d.codes.some((c) => c.code === code));
    expect(discount?.customerIds).toEqual([customerId]);
  });

  it("shows the lower balance, the code and the history line in the account preview", async () => {
    const customerId = customers[language];
    const page = await open(`account?customer=${customerId}&locale=${language}`, language);
    const frame = page.frameLocator('iframe[data-frame="page"]');
    const strings = LOCALES[language].account;
    await frame.getByText(code).first().waitFor({ timeout: 30_000 });
    await frame.getByText(text(strings, "history.reason.redeem_hold")).first().waitFor({ timeout: 30_000 });
    const points = new Intl.NumberFormat(language).format(await balance(customerId));
    const body = await frame.locator("body").innerText();
    expect(body).toContain(points);
    await page.screenshot({ path: path.join(ARTIFACTS, `preview-account-${language}.png`), fullPage: true });
  });

  it("places the cart as a paid order with the code", async () => {
    const customerId = customers[language];
    const page = await open(`checkout?customer=${customerId}&locale=${language}&codes=${code}`, language);
    await page.locator("#applied-codes code", { hasText: code }).waitFor();
    await page.locator("#place-order").click();
    await page.locator("#order-result", { hasText: "placed and paid" }).waitFor();
    const orders: { customerId: number; discountCodes: string[] }[] = (await t.control(`/shops/${SHOP}/state`)).orders;
    expect(orders.at(-1)).toMatchObject({ customerId, discountCodes: [code] });
    expect(await page.locator("#applied-codes li").count()).toBe(0);
  });
});
