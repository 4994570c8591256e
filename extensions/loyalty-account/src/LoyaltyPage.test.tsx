import { afterEach, describe, expect, it, vi } from "vitest";
import { settle, unmount } from "../../host/testing";
import { fakeStorefront, MEMBER, SILVER_MEMBER, TIERS } from "./fake-storefront";
import { buttonNamed, buttonsNamed, click, mount, textOf } from "./harness";
import Page from "./Page";

const PAGE = "customer-account.page.render";

/** The section with this heading. */
function sectionNamed(root: Element, heading: string): Element {
  const section = root.querySelector(`s-section[heading="${heading}"]`);
  if (!section) throw new Error(`no section "${heading}" in: ${textOf(root)}`);
  return section;
}
const texts = (root: Element) => [...root.querySelectorAll<HTMLElement>("s-text")].map((t) => textOf(t).trim());
const listItems = (root: Element) =>
  [...root.querySelectorAll<HTMLElement>("s-list-item")].map((li) => textOf(li).trim());

afterEach(() => {
  unmount();
  vi.unstubAllGlobals();
});

describe("the full page, signed in", () => {
  it("shows balance, pending, expiring points, codes, history and ways to earn", async () => {
    const storefront = fakeStorefront();
    const { body } = await mount(PAGE, Page, { storefront });
    const text = textOf(body);
    expect(text).toContain("815 points");
    expect(text).toContain("Pending: 40 points");
    expect(text).toContain("815 points expire on Nov 24, 2027");
    expect(text).toContain("LAUREL-83CK-DNEW-5G1V");
    expect(text).toContain("Used");
    expect(text).toContain("1 points for every 1.00 USD spent");
    expect(text).toContain("100 points for joining");
    expect(text).toContain("Points for an order");
    expect(text).toContain("Joined the rewards program");
    // The redemption's zero-point bookkeeping line stays out of the shopper's history.
    expect(text).not.toContain("Reward redeemed");
    expect(storefront.calls.every((c) => c.language === "en")).toBe(true);
    // No tiers switched on: no VIP card, no progress bar.
    expect(textOf(body)).not.toContain("VIP status");
    expect(body.querySelector("s-progress")).toBeNull();
  });

  it("shows the VIP card: the member's tier and perks, the progress to the next and every tier", async () => {
    const storefront = fakeStorefront({ member: SILVER_MEMBER, tiers: TIERS });
    const { body } = await mount(PAGE, Page, { storefront });
    const card = sectionNamed(body, "VIP status");
    const text = textOf(card);
    expect(text).toContain("Your tier: Silver");
    expect(listItems(card)).toEqual([
      "3% off every order",
      "×1.25 points",
      "Free shipping over $50.00",
      "100 points when you reach it",
    ]);
    expect(text).toContain("Spend $380.00 more to reach Gold");
    const progress = card.querySelector("s-progress");
    expect(progress?.getAttribute("value")).toBe("24");
    expect(progress?.getAttribute("max")).toBe("100");
    expect(progress?.getAttribute("accessibilityLabel") ?? progress?.getAttribute("accessibilitylabel")).toBe(
      "Progress to Gold",
    );
    expect(texts(card)).toEqual([
      "Spend $380.00 more to reach Gold",
      "All tiers",
      "Bronze",
      "Every member",
      "Silver",
      "Spend $500.00",
      "3% off every order, ×1.25 points, free shipping over $50.00, 100 points when you reach it",
      "Gold",
      "Spend $1,000.00",
      "5% off every order, ×1.5 points, free shipping on every order, 250 points when you reach it",
      "Counted over the last 12 months.",
    ]);
    expect([...card.querySelectorAll("s-badge")].map((b) => b.textContent)).toEqual(["Your tier"]);
  });

  it("shows the VIP card in Russian", async () => {
    const storefront = fakeStorefront({ member: SILVER_MEMBER, tiers: TIERS });
    const { body } = await mount(PAGE, Page, { storefront, locale: "ru" });
    const text = textOf(sectionNamed(body, "VIP-статус")); // textOf folds Intl's no-break space
    expect(text).toContain("Ваш уровень: Silver");
    expect(text).toContain("Потратьте ещё 380,00 $, чтобы получить уровень «Gold»");
    expect(text).toContain("Скидка 3% на каждый заказ");
    expect(text).toContain("Считается за последние 12 месяцев.");
  });

  it("at the top tier, says so instead of a progress bar", async () => {
    const gold = { ...SILVER_MEMBER, tier: { ...TIERS.tiers![2]! }, nextTier: null, progress: 100 };
    const storefront = fakeStorefront({ member: gold, tiers: TIERS });
    const { body } = await mount(PAGE, Page, { storefront });
    const card = sectionNamed(body, "VIP status");
    expect(textOf(card)).toContain("Your tier: Gold");
    expect(textOf(card)).toContain("You're on our highest tier.");
    expect(card.querySelector("s-progress")).toBeNull();
  });

  it("shows the gap for rewards out of reach, and sends checkout-only rewards to checkout", async () => {
    const { body } = await mount(PAGE, Page, { storefront: fakeStorefront() });
    expect(textOf(body)).toContain("You need 185 points more.");
    expect(textOf(body)).toContain("Use this reward at checkout.");
    expect(buttonsNamed(body, "Redeem")).toHaveLength(1);
  });

  it("redeems: shows the code, copies it with a toast, lowers the balance and adds a history line", async () => {
    const storefront = fakeStorefront();
    const { body, toasts } = await mount(PAGE, Page, { storefront });
    await click(buttonNamed(body, "Redeem"));
    const redeem = storefront.calls.find((c) => c.path === "redeem");
    expect(redeem?.body).toEqual({ rewardId: "r-amount", idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/) });

    const text = textOf(body);
    expect(text).toContain("Your code is ready.");
    expect(text).toContain("LAUREL-NEW1");
    expect(text).toContain("315 points");
    expect(text).toContain("Redeemed for a reward");
    expect(body.querySelectorAll("s-clipboard-item[text='LAUREL-NEW1']")).toHaveLength(2); // banner and code list

    const clipboard = body.querySelector("s-clipboard-item[text='LAUREL-NEW1']")!;
    const copyButton = body.querySelector(`s-button[commandfor='${clipboard.id}']`);
    expect(copyButton?.getAttribute("command")).toBe("--copy");
    clipboard.dispatchEvent(new Event("copy"));
    await settle();
    expect(toasts).toEqual(["Code copied"]);
    expect(storefront.calls.filter((c) => c.path === "loyalty")).toHaveLength(2);
    expect(storefront.calls.filter((c) => c.path === "history")).toHaveLength(2);
  });

  it("uses a new idempotency key for each click", async () => {
    const storefront = fakeStorefront();
    const { body } = await mount(PAGE, Page, { storefront });
    await click(buttonNamed(body, "Redeem"));
    await click(buttonNamed(body, "Redeem"));
    const keys = storefront.calls
      .filter((c) => c.path === "redeem")
      .map((c) => (c.body as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it("shows the server's message when a redemption fails, and spends nothing", async () => {
    const storefront = fakeStorefront();
    storefront.failNext("redeem", {
      status: 503,
      error: {
        code: "shopify_unavailable",
        message: "The code couldn't be made. No points were used.",
        pointsKept: true,
      },
    });
    const { body } = await mount(PAGE, Page, { storefront });
    await click(buttonNamed(body, "Redeem"));
    expect(textOf(body)).toContain("The code couldn't be made. No points were used.");
    expect(textOf(body)).toContain("815 points");
    expect(storefront.calls.filter((c) => c.path === "loyalty")).toHaveLength(1);
  });

  it("pages the history: the second page is appended after the first", async () => {
    const storefront = fakeStorefront({ pageSize: 2 });
    const { body } = await mount(PAGE, Page, { storefront });
    expect(textOf(body)).toContain("Points for an order");
    expect(textOf(body)).not.toContain("Joined the rewards program");
    await click(buttonNamed(body, "Show more"));
    expect(storefront.calls.at(-1)?.query.get("cursor")).toBe("2");
    expect(textOf(body)).toContain("Points for an order");
    expect(textOf(body)).toContain("Joined the rewards program");
    expect(buttonsNamed(body, "Show more")).toHaveLength(0);
  });

  it("shows empty history, rewards and codes as such", async () => {
    const storefront = fakeStorefront({ rewards: [] });
    storefront.state.history = [];
    storefront.state.codes = [];
    const { body } = await mount(PAGE, Page, { storefront });
    expect(textOf(body)).toContain("No points activity yet.");
    expect(textOf(body)).toContain("There are no rewards to choose from right now.");
    expect(textOf(body)).toContain("You have no discount codes yet.");
  });

  it("shows a spinner and skeletons while loading", async () => {
    const storefront = { ...fakeStorefront(), fetch: () => new Promise<Response>(() => {}) };
    const { body } = await mount(PAGE, Page, { storefront });
    expect(body.querySelector("s-spinner")?.getAttribute("accessibilityLabel")).toBe("Loading your rewards");
    expect(body.querySelectorAll("s-skeleton-paragraph").length).toBeGreaterThan(0);
  });

  it("shows a load failure with a retry that recovers", async () => {
    const storefront = fakeStorefront();
    storefront.failNext("loyalty", { status: 500, error: { code: "server_error", message: "The server tripped." } });
    const { body } = await mount(PAGE, Page, { storefront });
    expect(body.querySelector("s-banner")?.getAttribute("heading")).toBe("Your rewards couldn't be loaded");
    expect(textOf(body)).toContain("The server tripped.");
    await click(buttonNamed(body, "Try again"));
    expect(textOf(body)).toContain("815 points");
  });
});

describe("the birthday field", () => {
  // What the host's text field does as the shopper types: a new `value`, then `input` and `change`.
  const typeInto = async (field: Element, value: string) => {
    Object.assign(field, { value });
    field.dispatchEvent(new Event("input"));
    field.dispatchEvent(new Event("change"));
    await settle();
  };

  it("saves month and day as MM-DD, with a toast", async () => {
    const storefront = fakeStorefront();
    const { body, toasts } = await mount(PAGE, Page, { storefront });
    await typeInto(body.querySelector<HTMLElement>("s-text-field")!, "3-14");
    await click(buttonNamed(body, "Save birthday"));
    expect(storefront.calls.find((c) => c.path === "birthday")?.body).toEqual({ birthday: "03-14" });
    expect(toasts).toEqual(["Birthday saved"]);
    expect(textOf(body)).toContain("Your birthday: March 14");
  });

  it("refuses a date that doesn't exist without asking the server", async () => {
    const storefront = fakeStorefront();
    const { body } = await mount(PAGE, Page, { storefront });
    const field = body.querySelector<HTMLElement>("s-text-field")!;
    await typeInto(field, "02-30");
    await click(buttonNamed(body, "Save birthday"));
    expect(field.getAttribute("error")).toBe("That isn't a date. Use month and day, e.g. 03-14.");
    expect(storefront.calls.some((c) => c.path === "birthday")).toBe(false);
  });

  it("shows the server's refusal on the field, and a failed save in a banner", async () => {
    const storefront = fakeStorefront();
    storefront.failNext("birthday", {
      status: 400,
      error: { code: "invalid_request", message: "Birthday must be a date as MM-DD", field: "birthday" },
    });
    storefront.failNext("birthday", { status: 500, error: { code: "server_error", message: "Try later." } });
    const { body, toasts } = await mount(PAGE, Page, { storefront });
    const field = body.querySelector<HTMLElement>("s-text-field")!;
    await typeInto(field, "03-14");
    await click(buttonNamed(body, "Save birthday"));
    expect(field.getAttribute("error")).toBe("Birthday must be a date as MM-DD");
    await click(buttonNamed(body, "Save birthday"));
    expect(textOf(body)).toContain("Try later.");
    expect([...body.querySelectorAll("s-banner")].map((b) => b.getAttribute("heading"))).toContain(
      "Your birthday wasn't saved",
    );
    expect(toasts).toEqual([]);
  });
});

describe("the full page, signed out", () => {
  it("invites to sign in, shows ways to earn, and makes no member calls", async () => {
    const storefront = fakeStorefront({ member: null });
    const { body } = await mount(PAGE, Page, { storefront, signedIn: false });
    expect(body.querySelector("s-banner")?.getAttribute("heading")).toBe("Sign in to see your points");
    expect(textOf(body)).toContain("100 points for joining");
    expect(storefront.calls.map((c) => c.path)).toEqual(["loyalty"]);
    expect(buttonsNamed(body, "Redeem")).toHaveLength(0);
    expect(body.querySelector("s-text-field")).toBeNull();
  });

  it("shows the VIP tiers, without a member's tier or progress", async () => {
    const storefront = fakeStorefront({ member: null, tiers: TIERS });
    const { body } = await mount(PAGE, Page, { storefront, signedIn: false });
    const card = sectionNamed(body, "VIP status");
    expect(texts(card).slice(0, 3)).toEqual(["All tiers", "Bronze", "Every member"]);
    expect(texts(card)).toContain("Spend $1,000.00");
    expect(textOf(card)).not.toContain("Your tier");
    expect(card.querySelector("s-progress")).toBeNull();
  });
});

describe("the full page in Russian", () => {
  it("speaks Russian with Russian plurals, numbers and dates, and asks the API in Russian", async () => {
    const storefront = fakeStorefront({
      member: { ...MEMBER, balance: 1021, pending: 2, expiring: [{ points: 5, at: "2027-11-24T01:47:43.499Z" }] },
    });
    const { body } = await mount(PAGE, Page, { storefront, locale: "ru-RU" });
    const text = textOf(body);
    expect(text).toContain("1 021 балл"); // textOf folds Intl's no-break space
    expect(text).toContain("Ожидают начисления: 2 балла");
    expect(text).toContain("5 баллов сгорят 24 нояб. 2027 г.");
    expect(text).toContain("Не хватает: 185 баллов.");
    expect(text).toContain("Баллы за заказ");
    expect(buttonsNamed(body, "Получить")).toHaveLength(1);
    expect(storefront.calls.every((c) => c.language === "ru-RU")).toBe(true);
  });
});
