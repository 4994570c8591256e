// Issue 5's acceptance through the production build and the emulator: the storefront API as the
// extensions call it (session tokens, CORS, errors in the shopper's language), a redemption that
// leaves a code only the customer can use, the code used by an order, and every bad token refused
// with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS } from "../emulator/config.ts";
import { signHs256 } from "../emulator/auth/jwt.ts";
import { BROWSER_USER_AGENT } from "../emulator/http/server.ts";
import { startEmulatedApp, type EmulatedApp } from "./emulated-app";

const SHOP = "storefront.myshopify.com";
const EXTENSION_ORIGIN = "https://extensions.shopifycdn.com";

let t: EmulatedApp;
let customer: { id: number; gid: string };
let token: string;
let rewards: { id: string; cost: number; type: string }[];

const control = (pathname: string, body?: unknown, method?: string) => t.control(pathname, body, method);
const mint = async (shop: string, options: { customerId?: number; expiresIn?: number; kind?: string } = {}) =>
  (await control(`/shops/${shop}/tokens`, { kind: options.kind ?? "checkout", ...options })).token as string;

function api(
  path: string,
  options: { token?: string | null; body?: unknown; language?: string; method?: string } = {},
) {
  return fetch(`${t.app.url}/api/storefront/${path}`, {
    method: options.method ?? (options.body === undefined ? "GET" : "POST"),
    headers: {
      Origin: EXTENSION_ORIGIN,
      // Extensions run in the shopper's browser (the library turns bots away).
      "User-Agent": BROWSER_USER_AGENT,
      "Accept-Language": options.language ?? "en",
      ...(options.token === null ? {} : { Authorization: `Bearer ${options.token ?? token}` }),
      ...(options.body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

const settle = () => t.emulator.webhooks.idle();
const balance = async () =>
  (await t.db.member.findUniqueOrThrow({ where: { shop_customerId: { shop: SHOP, customerId: customer.gid } } }))
    .available;

beforeAll(async () => {
  t = await startEmulatedApp({ env: { LAUREL_DEMO: "1" } });
  expect((await control("/shops", { name: "Storefront" })).appOpened).toBe(true);
  customer = await control("/shops/storefront/customers", { email: "ana@example.com", firstName: "Ana" });
  // 100 for joining, 1,000 for 1,000.00 of goods.
  await control("/shops/storefront/orders", {
    customerId: customer.id,
    lineItems: [{ title: "Kettle", price: "500.00", quantity: 2 }],
    paid: true,
  });
  await settle();
  token = await mint("storefront", { customerId: customer.id });
});
afterAll(() => t?.close());

describe("GET /api/storefront/loyalty", () => {
  it("shows the member's balance, the program's ways to earn and what they can afford", async () => {
    const response = await api("loyalty");
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = await response.json();
    expect(body.member).toMatchObject({ balance: 1100, pending: 0, lifetimeEarned: 1100, expiring: [] });
    expect(body.program).toMatchObject({ pointsName: "points", currency: "USD" });
    expect(body.program.earnRulesSummary[0]).toMatchObject({ kind: "purchase", points: 1 });
    rewards = body.rewards;
    expect(
      body.rewards.map((r: { type: string; cost: number; affordable: boolean }) => [r.type, r.cost, r.affordable]),
    ).toEqual([
      ["amount_off", 500, true],
      ["percent_off", 1000, true],
      ["free_shipping", 300, true],
    ]);
    expect(body.rewards[0].value).toEqual({ kind: "amount", amount: "5.00", currency: "USD" });
    expect(body.codes).toEqual([]);
  });

  it("speaks Russian to a Russian shopper", async () => {
    const body = await (await api("loyalty", { language: "ru-RU,ru;q=0.9" })).json();
    expect(body.program.pointsName).toBe("баллы");
    expect(body.rewards[2].title).toBe("Бесплатная доставка");
  });

  it("shows a guest the program, with no member", async () => {
    const body = await (await api("loyalty", { token: await mint("storefront") })).json();
    expect(body.member).toBeNull();
    expect(body.rewards[0]).toMatchObject({ redeemable: false, reason: "not_a_member" });
  });

  it.each(["loyalty", "history", "redeem", "estimate", "birthday"])(
    "answers an extension's preflight for %s",
    async (path) => {
      const response = await api(path, { token: null, method: "OPTIONS" });
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    },
  );

  it("says which method a route takes", async () => {
    expect((await api("redeem")).status).toBe(405);
    expect((await api("loyalty", { body: {} })).status).toBe(405);
  });
});

describe("tokens that are not a shopper's of this shop", () => {
  it("refuses missing, forged, expired, other-shop and admin tokens with 401, and changes nothing", async () => {
    await control("/shops", { name: "Elsewhere" });
    await control("/shops/elsewhere/uninstall", {});
    const now = Math.floor(Date.now() / 1000);
    const forged = signHs256(
      {
        iss: `https://${SHOP}`,
        dest: SHOP,
        aud: DEMO_CREDENTIALS.apiKey,
        sub: customer.gid,
        exp: now + 300,
        nbf: now,
        iat: now,
      },
      "not-the-app-secret",
    );
    const otherApp = signHs256(
      { iss: `https://${SHOP}`, dest: SHOP, aud: "another-app", sub: customer.gid, exp: now + 300, nbf: now, iat: now },
      DEMO_CREDENTIALS.apiSecret,
    );
    const cases: [string, string | null, string][] = [
      ["missing", null, "redeem"],
      ["forged", forged, "redeem"],
      ["another app's", otherApp, "redeem"],
      ["expired", await mint("storefront", { customerId: customer.id, expiresIn: -60 }), "redeem"],
      ["a shop without Laurel", await mint("elsewhere"), "redeem"],
      ["another shop's, for this shop", await mint("elsewhere"), `redeem?shop=${SHOP}`],
      ["the admin's", await mint("storefront", { kind: "admin" }), "redeem"],
    ];
    const before = await balance();
    for (const [label, bad, path] of cases) {
      const response = await api(path, {
        token: bad,
        body: { rewardId: rewards[0]!.id, idempotencyKey: `bad-${label}` },
      });
      expect(response.status, label).toBe(401);
      expect((await response.json()).error.code, label).toBe("unauthorized");
      expect(response.headers.get("access-control-allow-origin"), label).toBe("*");
    }
    expect(await balance()).toBe(before);
    expect(await t.db.redemption.count()).toBe(0);
  });
});

describe("POST /api/storefront/redeem", () => {
  let code: string;

  it("spends 500 points on a code only this customer can use, once; a retry gets the same code", async () => {
    const request = { rewardId: rewards[0]!.id, idempotencyKey: "checkout-click-0001" };
    const response = await api("redeem", { body: request });
    expect(response.status).toBe(200);
    const issued = await response.json();
    expect(issued).toMatchObject({ title: "Amount off your order", points: 500, balance: 600 });
    expect(issued.value).toEqual({ kind: "amount", amount: "5.00", currency: "USD" });
    code = issued.code;
    expect((await (await api("redeem", { body: request })).json()).code).toBe(code);
    expect(await balance()).toBe(600);

    const state = await control("/shops/storefront/state");
    const discount = state.discounts.find((d: { codes: { code: string }[] }) => d.codes[0]?.code === code);
    expect(discount).toMatchObject({ customerIds: [customer.id], usageLimit: 1, appliesOncePerCustomer: true });
  });

  it("the code is marked used when an order uses it", async () => {
    await control("/shops/storefront/orders", {
      customerId: customer.id,
      lineItems: [{ title: "Tea", price: "20.00", quantity: 1 }],
      discountCodes: [code.toLowerCase()],
      paid: true,
    });
    await settle();
    const body = await (await api("loyalty")).json();
    expect(body.codes).toEqual([expect.objectContaining({ code, used: true })]);
    const redemption = await t.db.redemption.findFirstOrThrow({ where: { code } });
    expect(redemption.usedOrderId).toMatch(/^gid:\/\/shopify\/Order\//);
  });

  it("another customer can't use it (Shopify refuses it at checkout)", async () => {
    const bob = await control("/shops/storefront/customers", { email: "bob@example.com", firstName: "Bob" });
    await expect(
      control("/shops/storefront/orders", {
        customerId: bob.id,
        lineItems: [{ title: "Tea", price: "20.00", quantity: 1 }],
        discountCodes: [code],
      }),
    ).rejects.toThrow(/422/);
  });

  it("keeps every point when Shopify fails, and says so in the shopper's language", async () => {
    const before = await balance();
    await control(
      "/admin-faults",
      { faults: [{ field: "discountCodeFreeShippingCreate", mode: "user-error" }] },
      "PUT",
    );
    const response = await api("redeem", {
      body: { rewardId: rewards[2]!.id, idempotencyKey: "checkout-click-0002" },
      language: "ru",
    });
    await control("/admin-faults", { faults: [] }, "PUT");
    expect(response.status).toBe(503);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: "shopify_unavailable", pointsKept: true });
    expect(error.message).toBe("Сейчас не удалось создать код. Баллы не списаны.");
    expect(await balance()).toBe(before);
  });

  it("explains what is wrong with a request, by field and code", async () => {
    const missingKey = await api("redeem", { body: { rewardId: rewards[0]!.id } });
    expect(missingKey.status).toBe(400);
    expect((await missingKey.json()).error).toMatchObject({ code: "invalid_request", field: "idempotencyKey" });
    const tooDear = await api("redeem", { body: { rewardId: rewards[1]!.id, idempotencyKey: "checkout-click-0003" } });
    expect(tooDear.status).toBe(422);
    expect((await tooDear.json()).error).toMatchObject({
      code: "insufficient_points",
      // 615 points: 1,100 − 500 for the code + 15 for the tea (20.00 less the code's 5.00).
      shortBy: 385,
      message: "You need 385 more points for this reward.",
    });
  });

  it("limits how often one customer redeems", async () => {
    const carla = await control("/shops/storefront/customers", { email: "carla@example.com", firstName: "Carla" });
    await settle();
    const carlaToken = await mint("storefront", { customerId: carla.id });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await api("redeem", {
        token: carlaToken,
        body: { rewardId: rewards[2]!.id, idempotencyKey: `carla-click-000${i}` },
      });
      statuses.push(response.status);
      if (response.status === 429) expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    }
    // Carla has 100 points (joining): the first five are honest refusals, the sixth is the limit.
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
  });
});

describe("estimate and history", () => {
  it("tells a guest what a cart would earn", async () => {
    const response = await api("estimate", {
      token: await mint("storefront"),
      body: {
        lines: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 2, price: "24.50" }],
        subtotal: "44.00",
      },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).points).toBe(44);
    const bad = await api("estimate", { body: { lines: [{ variantId: "v", quantity: 1, price: "1.001" }] } });
    expect((await bad.json()).error).toMatchObject({ code: "invalid_request", field: "lines.price" });
  });

  it("pages the member's history, newest first", async () => {
    const body = await (await api("history")).json();
    const entries: { reason: string; points: number; at: string }[] = body.entries;
    expect(entries.map((e) => [e.reason, e.points])).toEqual(
      expect.arrayContaining([
        ["earn_action", 100],
        ["earn_purchase", 1000],
        ["redeem_hold", -500],
        ["earn_purchase", 15],
        ["redeem_release", 300],
      ]),
    );
    const times = entries.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(body.nextCursor).toBeNull();
    const bad = await api("history?cursor=nonsense");
    expect(bad.status).toBe(400);
  });
});
