// The extensions' storefront client (extensions/shared/api.ts) against the production build's
// real routes, authenticated by session tokens the emulator mints as Shopify would: every call
// the checkout and account extensions make, and how failures reach them as coded errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_USER_AGENT } from "../emulator/http/server.ts";
import { ApiError, createClient, idempotencyKey, type StorefrontClient } from "../extensions/shared/api";
import { startEmulatedApp, type EmulatedApp } from "./emulated-app";

let t: EmulatedApp;
let customer: { id: number; gid: string };

// Extensions run in the shopper's browser; Node's fetch would be turned away as a bot.
const browserFetch: typeof fetch = (input, init) =>
  fetch(input, {
    ...init,
    headers: { ...(init?.headers as Record<string, string>), "User-Agent": BROWSER_USER_AGENT },
  });

const mint = async (options: { customerId?: number; kind?: string; expiresIn?: number } = {}) =>
  (await t.control("/shops/client/tokens", { kind: options.kind ?? "checkout", ...options })).token as string;

function client(options: { customerId?: number; language?: string; token?: () => Promise<string> } = {}) {
  return createClient({
    baseUrl: t.app.url,
    token: options.token ?? (() => mint({ customerId: options.customerId })),
    language: () => options.language ?? "en",
    fetch: browserFetch,
  });
}

async function failure(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

beforeAll(async () => {
  t = await startEmulatedApp({ env: { LAUREL_DEMO: "1" } });
  await t.control("/shops", { name: "Client" });
  customer = await t.control("/shops/client/customers", { email: "ivan@example.com", firstName: "Ivan" });
  // 100 for joining, 1,000 for 1,000.00 of goods.
  await t.control("/shops/client/orders", {
    customerId: customer.id,
    lineItems: [{ title: "Samovar", price: "1000.00", quantity: 1 }],
    paid: true,
  });
  await t.emulator.webhooks.idle();
});
afterAll(() => t?.close());

describe("a member's calls", () => {
  let member: StorefrontClient;
  beforeAll(() => {
    member = client({ customerId: customer.id });
  });

  it("loads the program, the member and the rewards", async () => {
    const loyalty = await member.loyalty("80.00");
    expect(loyalty.member).toMatchObject({ balance: 1100, pending: 0, birthday: null });
    expect(loyalty.program.currency).toBe("USD");
    expect(loyalty.rewards.map((r) => [r.type, r.redeemable])).toEqual([
      ["amount_off", true],
      ["percent_off", true],
      ["free_shipping", true],
    ]);
  });

  it("redeems once per key and shows the code, the balance and the history line", async () => {
    const { rewards } = await member.loyalty();
    const key = idempotencyKey();
    const first = await member.redeem({ rewardId: rewards[0]!.id, idempotencyKey: key });
    expect(first).toMatchObject({ points: 500, balance: 600, value: { kind: "amount", amount: "5.00" } });
    expect((await member.redeem({ rewardId: rewards[0]!.id, idempotencyKey: key })).code).toBe(first.code);
    const after = await member.loyalty();
    expect(after.member?.balance).toBe(600);
    expect(after.codes.map((c) => c.code)).toEqual([first.code]);
    const history = await member.history();
    expect(history.entries[0]).toMatchObject({ reason: "redeem", points: 0 });
    expect(history.entries.some((e) => e.reason === "redeem_hold" && e.points === -500)).toBe(true);
    const state = await t.control("/shops/client/state");
    const discount = state.discounts.find((d: any) => d.codes.some((c: any) => c.code === first.code));
    expect(discount.customerIds).toEqual([customer.id]);
  });

  it("saves a birthday, and refuses a date that does not exist with nothing changed", async () => {
    expect(await member.setBirthday("02-29")).toEqual({ birthday: "02-29" });
    expect((await member.loyalty()).member?.birthday).toBe("02-29");
    const error = await failure(member.setBirthday("02-30"));
    expect(error).toMatchObject({ status: 400, code: "invalid_request", field: "birthday" });
    expect((await member.loyalty()).member?.birthday).toBe("02-29");
  });

  it("gets refusals as coded errors with the message in the shopper's language", async () => {
    const { rewards } = await member.loyalty();
    const russian = client({ customerId: customer.id, language: "ru-RU" });
    const error = await failure(russian.redeem({ rewardId: rewards[1]!.id, idempotencyKey: idempotencyKey() }));
    expect(error).toMatchObject({ status: 422, code: "insufficient_points", shortBy: 400 });
    expect(error.serverMessage).toMatch(/400/);
    expect(error.serverMessage).toMatch(/[а-я]/);
    expect((await member.loyalty()).member?.balance).toBe(600);
  });
});

describe("a guest's calls", () => {
  it("estimates a cart, and is refused what needs a member", async () => {
    const guest = client();
    const estimate = await guest.estimate({
      lines: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 2, price: "12.50" }],
      subtotal: "25.00",
    });
    expect(estimate.points).toBe(25);
    expect((await guest.loyalty()).member).toBeNull();
    expect(await failure(guest.history())).toMatchObject({ status: 403, code: "not_a_member" });
    expect(await failure(guest.setBirthday("01-01"))).toMatchObject({ status: 403, code: "not_a_member" });
  });
});

describe("tokens and the network", () => {
  it("an expired or missing token is a 401 the extension can tell apart", async () => {
    const expired = client({ token: () => mint({ customerId: customer.id, expiresIn: -60 }) });
    expect(await failure(expired.loyalty())).toMatchObject({ status: 401, code: "unauthorized" });
    const none = client({ token: async () => "" });
    expect(await failure(none.loyalty())).toMatchObject({ status: 401 });
  });

  it("an unreachable backend is a network_error, not a crash", async () => {
    const offline = createClient({
      baseUrl: "http://127.0.0.1:9",
      token: async () => "token",
      language: () => "en",
      fetch: browserFetch,
    });
    expect(await failure(offline.loyalty())).toMatchObject({ status: 0, code: "network_error", serverMessage: null });
  });
});
