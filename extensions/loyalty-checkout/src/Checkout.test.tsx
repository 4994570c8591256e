// The checkout extension rendered as Shopify runs it: the test host (extensions/host/checkout.ts)
// as the `shopify` global, the real locale files, and `fetch` stubbed to answer as Laurel's
// storefront API does (docs/storefront-api.md).
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCheckoutHost, type CheckoutLine, type CheckoutOptions } from "../../host/checkout";
import { localeFiles, runTarget, settle, TestSignal, unmount } from "../../host/testing";
import { REDEEMED } from "../../shared/test-fixtures";
import extension from "./Checkout";
import { CUSTOMER_ID, GOLD_TIER, MEMBER, metafields, REWARDS, TIERS } from "./test-fixtures";

const DIR = path.join(import.meta.dirname, "..");
const LINES: CheckoutLine[] = [
  {
    id: "l1",
    variantId: "gid://shopify/ProductVariant/1004",
    productId: "gid://shopify/Product/1003",
    title: "Tea",
    quantity: 2,
    amount: 50,
  },
  {
    id: "l2",
    variantId: "gid://shopify/ProductVariant/2002",
    productId: "gid://shopify/Product/2001",
    title: "Cup",
    quantity: 1,
    amount: 30,
  },
];
const CODE = REDEEMED.code;
/** The catalog with the shop's tiers and a reward for each of two tiers; the member on Gold. */
const tierGift = (id: string, title: string, tierIds: string[]) => ({
  ...REWARDS.rewards[0]!,
  id,
  title: { en: title, ru: title },
  tierIds,
});
const TIERED_REWARDS = {
  ...REWARDS,
  tiers: TIERS,
  rewards: [
    ...REWARDS.rewards,
    tierGift("r-gold", "Gold gift", ["gold"]),
    tierGift("r-silver", "Silver gift", ["silver"]),
  ],
};
const TIERED = metafields({ member: { ...MEMBER, tier: GOLD_TIER }, rewards: TIERED_REWARDS });

interface Call {
  path: string;
  method: string;
  body: any;
  headers: Record<string, string>;
}
type Reply = { status: number; body: unknown } | "offline";

/** Stubs fetch; `reply` answers each call by path (`redeem`, `estimate`…). */
function stubFetch(reply: (path: string, body: any) => Reply = () => ({ status: 500, body: {} })) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const path = url.pathname.replace("/api/storefront/", "");
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ path, method: init?.method ?? "GET", body, headers: init?.headers as Record<string, string> });
    const answer = reply(path, body);
    if (answer === "offline") throw new TypeError("Failed to fetch");
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "Content-Type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}

const redeemed = (patch: object = {}) => ({
  status: 200,
  body: { ...REDEEMED, ...patch },
});

async function mount(options: Partial<CheckoutOptions> = {}) {
  const checkout = createCheckoutHost({
    target: "purchase.checkout.block.render",
    Signal: TestSignal,
    locales: localeFiles(DIR),
    locale: "en",
    currency: "USD",
    metafields: metafields(),
    customerId: CUSTOMER_ID,
    sessionToken: async () => "session-token",
    lines: LINES,
    ...options,
  });
  const body = await runTarget(checkout.api, () => extension());
  await settle();
  return { ...checkout, body };
}

const text = (root: Element) => (root.textContent ?? "").replace(/\s+/g, " ");
const all = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector));
const buttonLabels = (root: Element) => all(root, "s-button").map((b) => text(b).trim());
function button(root: Element, label: string) {
  const found = all(root, "s-button").find((b) => text(b).trim() === label);
  if (!found) throw new Error(`no button "${label}" in: ${buttonLabels(root).join(" | ")}`);
  return found as HTMLElement;
}
/** The reward row (an inline stack) naming `title`. */
function row(root: Element, title: string) {
  return all(root, 's-stack[direction="inline"]').find((r) => text(r).includes(title)) as HTMLElement | undefined;
}
async function click(element: HTMLElement) {
  element.click();
  await settle();
}

afterEach(() => {
  unmount();
  vi.unstubAllGlobals();
});

describe("a signed-in member", () => {
  it("sees balance, the rewards within reach and the gap to the next, with no network call", async () => {
    const calls = stubFetch();
    const { body } = await mount();
    const page = text(body);
    expect(page).toContain("You have 815 points");
    expect(body.querySelector("s-section")?.getAttribute("heading")).toBe("Rewards");
    for (const [title, detail] of [
      ["Amount off your order", "$5.00 off · 500 points"],
      ["Free shipping", "Free shipping · 300 points"],
      ["15% off, up to 20.00", "15% off, up to $20.00 · 800 points"],
    ]) {
      expect(text(row(body, title!)!)).toContain(detail);
      expect(buttonLabels(row(body, title!)!)).toEqual(["Apply"]);
    }
    expect(row(body, "10% off your order")).toBeUndefined();
    expect(row(body, "A free tea sampler")).toBeUndefined();
    expect(page).toContain("85 more points for A free tea sampler");
    expect(calls).toEqual([]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("sees their tier beside the balance when the metafield names one, with no perks line without the ladder", async () => {
    const calls = stubFetch();
    const { body } = await mount({ metafields: metafields({ member: { ...MEMBER, tier: GOLD_TIER } }) });
    expect(body.querySelector("s-badge")?.textContent).toBe("Gold");
    expect(text(body)).toContain("You have 815 points");
    expect(text(body)).not.toContain("off every order");
    expect(calls).toEqual([]);
  });

  it("sees their tier's perks on first paint, from the catalog's tiers, with no network call", async () => {
    const calls = stubFetch();
    const { body } = await mount({ metafields: TIERED });
    expect(body.querySelector("s-badge")?.textContent).toBe("Gold");
    expect(text(body)).toContain("Gold: 5% off every order, ×1.5 points, free shipping on every order");
    expect(calls).toEqual([]);
  });

  it("is offered a reward limited to their tier, and not one limited to another", async () => {
    stubFetch();
    const { body } = await mount({ metafields: TIERED });
    expect(row(body, "Gold gift")).toBeDefined();
    expect(row(body, "Silver gift")).toBeUndefined();
    const untiered = await mount({ metafields: metafields({ rewards: TIERED_REWARDS }) });
    expect(row(untiered.body, "Gold gift")).toBeUndefined();
  });

  it("with too few points for any reward, sees how far the first one is", async () => {
    const calls = stubFetch();
    const { body } = await mount({ metafields: metafields({ member: { ...MEMBER, points: 40 } }) });
    expect(text(body)).toContain("You have 40 points");
    expect(text(body)).toContain("60 more points for your first reward: Pay with points");
    expect(body.querySelector("s-progress")?.getAttribute("value")).toBe("40");
    expect(body.querySelector("s-progress")?.getAttribute("max")).toBe("100");
    expect(all(body, "s-button")).toEqual([]);
    expect(body.querySelector("s-number-field")).toBeNull();
    expect(calls).toEqual([]);
  });

  it("with a catalog that has nothing, says there are no rewards yet", async () => {
    stubFetch();
    const { body } = await mount({ metafields: metafields({ rewards: { currency: "USD", rewards: [] } }) });
    expect(text(body)).toContain("No rewards to use yet.");
  });

  it("uses the merchant's heading", async () => {
    stubFetch();
    const { body } = await mount({ settings: { heading: "Your perks" } });
    expect(body.querySelector("s-section")?.getAttribute("heading")).toBe("Your perks");
  });

  it("sees a Laurel code already on the checkout as applied", async () => {
    stubFetch();
    const checkout = await mount();
    checkout.state.discountCodes.value = [{ code: "SUMMER" }, { code: CODE }];
    await settle();
    const banner = checkout.body.querySelector('s-banner[tone="success"]');
    expect(banner?.getAttribute("heading")).toBe(`Reward code ${CODE} applied`);
    expect(buttonLabels(checkout.body)).toEqual(["Remove code"]);
    // Redeemed elsewhere: the metafield's balance may predate it, so none is shown.
    expect(text(checkout.body)).not.toContain("You have");
    checkout.state.discountCodes.value = [{ code: "SUMMER" }];
    await settle();
    expect(text(checkout.body)).toContain("You have 815 points");
  });
});

describe("redeeming", () => {
  it("redeems, applies the code, shows it with the new balance, and removes it", async () => {
    const calls = stubFetch((path) => (path === "redeem" ? redeemed() : { status: 500, body: {} }));
    const checkout = await mount();
    await click(button(row(checkout.body, "Amount off your order")!, "Apply"));

    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      path: "redeem",
      method: "POST",
      body: { rewardId: "r-amount", subtotal: "80.00" },
    });
    expect(calls[0]!.body.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
    expect(calls[0]!.headers.Authorization).toBe("Bearer session-token");
    expect(checkout.discountChanges).toEqual([{ type: "addDiscountCode", code: CODE }]);
    expect(checkout.state.discountCodes.value).toEqual([{ code: CODE }]);
    expect(text(checkout.body)).toContain("You have 315 points");
    expect(checkout.body.querySelector('s-banner[tone="success"]')?.getAttribute("heading")).toBe(
      `${CODE} applied: $5.00 off`,
    );
    expect(text(checkout.body)).toContain("the code stays yours");

    await click(button(checkout.body, "Remove code"));
    expect(checkout.discountChanges[1]).toEqual({ type: "removeDiscountCode", code: CODE });
    expect(checkout.state.discountCodes.value).toEqual([]);
    expect(text(checkout.body)).toContain(`Code ${CODE} removed. It stays yours: you'll find it in your account.`);
    expect(text(checkout.body)).toContain("You have 315 points");
    // 315 points: the 300-point reward is still within reach, the others not.
    expect(row(checkout.body, "Free shipping")).toBeDefined();
    expect(row(checkout.body, "Amount off your order")).toBeUndefined();
  });

  it("shows the server's message when redeeming fails, and applies nothing", async () => {
    const message = "Сейчас не удалось создать код. Баллы не списаны.";
    const calls = stubFetch(() => ({
      status: 503,
      body: { error: { code: "shopify_unavailable", message, pointsKept: true } },
    }));
    const checkout = await mount();
    await click(button(row(checkout.body, "Free shipping")!, "Apply"));
    expect(calls.map((c) => c.path)).toEqual(["redeem"]);
    expect(text(checkout.body.querySelector('s-banner[tone="critical"]')!)).toContain(message);
    expect(checkout.discountChanges).toEqual([]);
    expect(text(checkout.body)).toContain("You have 815 points");
    expect(buttonLabels(checkout.body)).not.toContain("Try again");
  });

  it("says the points ran short when the server says so", async () => {
    stubFetch(() => ({
      status: 422,
      body: {
        error: { code: "insufficient_points", message: "You need 150 more points for this reward.", shortBy: 150 },
      },
    }));
    const checkout = await mount();
    await click(button(row(checkout.body, "15% off, up to 20.00")!, "Apply"));
    expect(text(checkout.body)).toContain("You need 150 more points for this reward.");
    expect(checkout.discountChanges).toEqual([]);
  });

  it("offline, offers to try again with the same idempotency key", async () => {
    let offline = true;
    const calls = stubFetch(() => (offline ? "offline" : redeemed()));
    const checkout = await mount();
    await click(button(row(checkout.body, "Amount off your order")!, "Apply"));
    expect(text(checkout.body)).toContain("We couldn't reach the rewards program.");
    offline = false;
    await click(button(checkout.body, "Try again"));
    expect(calls).toHaveLength(2);
    expect(calls[1]!.body.idempotencyKey).toBe(calls[0]!.body.idempotencyKey);
    expect(checkout.state.discountCodes.value).toEqual([{ code: CODE }]);
  });

  it("keeps the code the member's when checkout refuses it", async () => {
    stubFetch(() => redeemed());
    const checkout = await mount({ checkCode: async () => "This code can't be combined with your other discounts." });
    await click(button(row(checkout.body, "Amount off your order")!, "Apply"));
    expect(checkout.state.discountCodes.value).toEqual([]);
    expect(text(checkout.body.querySelector('s-banner[tone="warning"]')!)).toContain(
      `Your code ${CODE} couldn't be applied to this order: This code can't be combined`,
    );
    expect(text(checkout.body)).toContain("You have 315 points");
  });

  it("when the checkout forbids codes, says so and offers no redemption", async () => {
    const calls = stubFetch();
    const { body } = await mount({ canUpdateDiscountCodes: false });
    expect(text(body)).toContain("Reward codes can't be applied to this order.");
    expect(text(body)).toContain("You have 815 points");
    expect(all(body, "s-button")).toEqual([]);
    expect(body.querySelector("s-number-field")).toBeNull();
    expect(calls).toEqual([]);
  });
});

describe("points for cash", () => {
  const field = (body: Element) => body.querySelector("s-number-field") as HTMLElement & { value: string };
  async function type(element: HTMLElement & { value: string }, value: string, event: "input" | "change") {
    element.value = value;
    element.dispatchEvent(new Event(event));
    await settle();
  }

  it("is bounded by the balance and by the share of the subtotal, in whole steps", async () => {
    stubFetch();
    const { body } = await mount();
    expect(field(body).getAttribute("min")).toBe("100");
    expect(field(body).getAttribute("max")).toBe("800");
    expect(field(body).getAttribute("step")).toBe("100");
    expect(field(body).getAttribute("value")).toBe("800");
    expect(buttonLabels(body)).toContain("Use 800 points for $8.00 off");

    // 50 % of a 10.00 cart is 5.00: five steps, though the balance covers eight.
    const small = await mount({ lines: [{ ...LINES[0]!, amount: 10 }] });
    expect(field(small.body).getAttribute("max")).toBe("500");
    expect(buttonLabels(small.body)).toContain("Use 500 points for $5.00 off");
  });

  it("flags a number off the steps, snaps it on change, and redeems the chosen points", async () => {
    const calls = stubFetch(() =>
      redeemed({ title: "Pay with points", value: { kind: "amount", amount: "3.00", currency: "USD" }, balance: 515 }),
    );
    const checkout = await mount();
    await type(field(checkout.body), "350", "input");
    expect(field(checkout.body).getAttribute("error")).toBe("Choose a multiple of 100 points, up to 800 points.");
    expect(button(checkout.body, "Use 300 points for $3.00 off").getAttribute("disabled")).not.toBeNull();
    await type(field(checkout.body), "350", "change");
    expect(field(checkout.body).getAttribute("error")).toBeNull();
    await type(field(checkout.body), "5000", "change");
    expect(buttonLabels(checkout.body)).toContain("Use 800 points for $8.00 off");
    await type(field(checkout.body), "300", "input");
    await click(button(checkout.body, "Use 300 points for $3.00 off"));
    expect(calls[0]!.body).toMatchObject({ rewardId: "r-cash", points: 300, subtotal: "80.00" });
    expect(checkout.state.discountCodes.value).toEqual([{ code: CODE }]);
    expect(text(checkout.body)).toContain("You have 515 points");
  });

  it("is left out when the merchant turns it off", async () => {
    stubFetch();
    const { body } = await mount({ settings: { show_points_for_cash: false } });
    expect(body.querySelector("s-number-field")).toBeNull();
    expect(text(body)).not.toContain("Pay with points");
  });
});

describe("beside the discount field (reductions)", () => {
  it("shows the balance and one way to use points, without a heading", async () => {
    stubFetch();
    const { body } = await mount({ target: "purchase.checkout.reductions.render-after" });
    expect(body.querySelector("s-section")).toBeNull();
    expect(text(body)).toContain("You have 815 points");
    expect(buttonLabels(body)).toEqual(["Use 800 points for $8.00 off"]);
    expect(text(body)).not.toContain("more points for");
  });

  it("shows the member's tier badge but not the perks line", async () => {
    stubFetch();
    const { body } = await mount({ target: "purchase.checkout.reductions.render-after", metafields: TIERED });
    expect(body.querySelector("s-badge")?.textContent).toBe("Gold");
    expect(text(body)).not.toContain("off every order");
  });

  it("without points for cash, offers the costliest reward within reach", async () => {
    stubFetch();
    const { body } = await mount({
      target: "purchase.checkout.reductions.render-after",
      settings: { show_points_for_cash: false },
    });
    expect(buttonLabels(body)).toEqual(["Apply"]);
    expect(row(body, "15% off, up to 20.00")).toBeDefined();
  });
});

describe("a guest", () => {
  const estimated = (points: number) => ({ status: 200, body: { points, breakdown: {} } });

  it("sees what the order earns (the only call: the estimate) and is invited to sign in", async () => {
    const calls = stubFetch((path) => (path === "estimate" ? estimated(80) : { status: 500, body: {} }));
    const { body } = await mount({ customerId: undefined, metafields: metafields({ member: null }) });
    await vi.waitFor(() => expect(text(body)).toContain("This order earns 80 points"));
    expect(text(body)).toContain("Sign in or create an account to earn points");
    expect(calls).toEqual([
      {
        path: "estimate",
        method: "POST",
        headers: expect.any(Object),
        body: {
          lines: [
            { variantId: LINES[0]!.variantId, productId: LINES[0]!.productId, quantity: 2, price: "25.00" },
            { variantId: LINES[1]!.variantId, productId: LINES[1]!.productId, quantity: 1, price: "30.00" },
          ],
          subtotal: "80.00",
        },
      },
    ]);
  });

  it("is estimated again when the cart changes", async () => {
    const calls = stubFetch((_, body) => estimated(Math.floor(Number(body.subtotal))));
    const checkout = await mount({ customerId: undefined, metafields: metafields({ member: null }) });
    await vi.waitFor(() => expect(text(checkout.body)).toContain("This order earns 80 points"));
    checkout.setLines([{ ...LINES[0]!, quantity: 3, amount: 75 }]);
    checkout.setLines([{ ...LINES[0]!, quantity: 4, amount: 100 }]);
    await vi.waitFor(() => expect(text(checkout.body)).toContain("This order earns 100 points"), { timeout: 3000 });
    // The two quick changes were asked as one.
    expect(calls.map((c) => c.body.subtotal)).toEqual(["80.00", "100.00"]);
  });

  it("as a customer who is not a member, is invited to join", async () => {
    const calls = stubFetch(() => estimated(80));
    const { body } = await mount({ metafields: metafields({ member: null }) });
    await vi.waitFor(() => expect(text(body)).toContain("This order earns 80 points"));
    expect(text(body)).toContain("Join our rewards program");
    expect(calls.map((c) => c.path)).toEqual(["estimate"]);
  });

  it("with an unreadable member metafield, is treated as not a member", async () => {
    stubFetch(() => estimated(80));
    const { body } = await mount({ metafields: metafields({ member: "{oops" }) });
    await vi.waitFor(() => expect(text(body)).toContain("Join our rewards program"));
  });

  it("sees an error banner when the estimate fails", async () => {
    stubFetch(() => "offline");
    const { body } = await mount({ customerId: undefined, metafields: metafields({ member: null }) });
    await vi.waitFor(() =>
      expect(text(body.querySelector('s-banner[tone="warning"]') ?? body)).toContain(
        "We couldn't reach the rewards program.",
      ),
    );
    expect(text(body)).toContain("Sign in or create an account");
  });
});

describe("in Russian", () => {
  it("names the tier and its perks in Russian", async () => {
    stubFetch();
    const { body } = await mount({ locale: "ru-RU", metafields: TIERED });
    expect(body.querySelector("s-badge")?.textContent).toBe("Золото");
    expect(text(body)).toContain("Золото: скидка 5% на каждый заказ, баллы ×1,5, бесплатная доставка на все заказы");
  });

  it("speaks Russian with Russian plural forms", async () => {
    stubFetch();
    const { body } = await mount({ locale: "ru-RU" });
    const page = text(body);
    expect(body.querySelector("s-section")?.getAttribute("heading")).toBe("Бонусы");
    expect(page).toContain("У вас 815 баллов");
    expect(row(body, "Скидка на заказ")).toBeDefined();
    expect(buttonLabels(row(body, "Бесплатная доставка")!)).toEqual(["Применить"]);
    expect(page).toContain("Ещё 85 баллов до награды «Чайный набор в подарок»");
    expect(buttonLabels(body).some((b) => b.startsWith("Списать 800 баллов и получить скидку"))).toBe(true);

    for (const [points, words] of [
      [301, "У вас 301 балл"],
      [302, "У вас 302 балла"],
      [305, "У вас 305 баллов"],
      [311, "У вас 311 баллов"],
    ] as const) {
      const other = await mount({ locale: "ru-RU", metafields: metafields({ member: { ...MEMBER, points } }) });
      expect(text(other.body)).toContain(words);
    }
    const almost = await mount({ locale: "ru-RU", metafields: metafields({ member: { ...MEMBER, points: 899 } }) });
    expect(text(almost.body)).toContain("Ещё 1 балл до награды «Чайный набор в подарок»");
  });

  it("tells a guest in Russian", async () => {
    stubFetch(() => ({ status: 200, body: { points: 22 } }));
    const { body } = await mount({ locale: "ru", customerId: undefined, metafields: metafields({ member: null }) });
    await vi.waitFor(() => expect(text(body)).toContain("Этот заказ принесёт 22 балла"));
    expect(text(body)).toContain("Войдите или создайте аккаунт");
  });
});
