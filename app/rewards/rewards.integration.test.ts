// Rewards on each database, against the emulator's Admin API over HTTP (the app's own Shopify
// client, routed to it): the redemption saga (codes only the customer can use, holds that never
// overdraw under parallel requests, every way Shopify can fail leaving the points where they
// were), the code lifecycle, and the catalog published for checkout.
import { transaction } from "../db/sql.server";
import { defaultLadder } from "../loyalty/tiers";
import { saveLadder } from "../tiers/ladder.server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator/http/server.ts";
import { startRoutedEmulator } from "../../test/routed-emulator";
import { emulatorControl } from "../../test/emulator-control";
import { installOfflineSession } from "../../test/shopify";
import db from "../db.server";
import { entry } from "../loyalty/ledger";
import { defaultSettings } from "../loyalty/program";
import { append, memberFor } from "../points/ledger.server";
import { ensureProgram } from "../points/program.server";
import { unauthenticated } from "../shopify.server";
import { createReward, listRewards, setRewardStatus } from "./catalog.server";
import { PUBLISH_REWARDS, publishRewards } from "./publish.server";
import { orderReversed, recoverRedemptions, returnExpiredCodes, STUCK_AFTER_MS } from "./lifecycle.server";
import { redeem, RedeemError } from "./redeem.server";
import { ShopifyCodes } from "./shopify-codes.server";

let emulator: Emulator;
let shop: string;
let customerId: string;

const control = (pathname: string, body?: unknown, method?: string) =>
  emulatorControl(emulator.url)(pathname, body, method);

const faults = (list: unknown[]) => control("/admin-faults", { faults: list }, "PUT");
const codesInShopify = async () =>
  ((await control(`/shops/${shop}/state`)).discounts as { codes: { code: string }[]; customerIds: number[] }[]).filter(
    (d) => d.codes.length > 0,
  );
const member = () => db.member.findUniqueOrThrow({ where: { shop_customerId: { shop, customerId } } });
const amountOff = (cost: number, amount: number) => ({
  type: "amount_off",
  title: { en: `${amount / 100} off`, ru: `Скидка ${amount / 100}` },
  cost,
  amount,
  minimumSubtotal: null,
  startsAt: null,
  endsAt: null,
  tierIds: null,
  segmentIds: null,
  limitPerMember: null,
});
const newReward = (cost: number, amount: number) =>
  db.$transaction((tx) => createReward(tx, shop, amountOff(cost, amount)));
let keys = 0;
const key = () => `key-${++keys}-${Math.random().toString(36).slice(2)}`;
/** A Shopify client with a short timeout, so timeouts cost the test little. */
const quickCodes = async (s: string) => new ShopifyCodes((await unauthenticated.admin(s)).admin, 500);

beforeAll(async () => {
  emulator = await startRoutedEmulator();
});

afterAll(() => emulator.close());

beforeEach(async () => {
  await faults([]);
  const created = await control("/shops", {
    name: `Rewards ${Math.random().toString(36).slice(2, 8)}`,
    openApp: false,
  });
  shop = created.shop.domain;
  await installOfflineSession(shop, created.app.accessToken);
  customerId = (await control(`/shops/${shop}/customers`, { email: "ana@example.com", firstName: "Ana" })).gid;
  await db.$transaction(async (tx) => {
    await ensureProgram(tx, shop, "USD", true);
    const m = await memberFor(tx, shop, customerId);
    await append(tx, m, [entry("import", `import:${customerId}`, { available: 1000, lifetimeEarned: 1000 })], {
      allowNegative: false,
    });
  });
});

describe("the default program", () => {
  it("starts with three rewards", async () => {
    const rewards = await listRewards(db, shop);
    expect(rewards.map((r) => [r.reward.type, r.reward.cost])).toEqual([
      ["amount_off", 500],
      ["percent_off", 1000],
      ["free_shipping", 300],
    ]);
  });
});

describe("redeem", () => {
  it("a reward for Gold members only is refused to others, points untouched, and given to Gold", async () => {
    await transaction(db, (tx) => saveLadder(tx, shop, "staff:1", { ...defaultLadder(100), enabled: true }));
    const goldOnly = await db.$transaction((tx) =>
      createReward(tx, shop, { ...amountOff(300, 300), tierIds: ["gold"] }),
    );
    const attempt = redeem(shop, customerId, { rewardId: goldOnly.id, idempotencyKey: key() });
    await expect(attempt).rejects.toMatchObject({ code: "reward_unavailable", details: { reason: "tier" } });
    expect(await member()).toMatchObject({ available: 1000, held: 0 });
    expect(await codesInShopify()).toEqual([]);

    await db.member.update({ where: { id: (await member()).id }, data: { tierId: "gold" } });
    const issued = await redeem(shop, customerId, { rewardId: goldOnly.id, idempotencyKey: key() });
    expect(issued.balance).toBe(700);
  });

  it("turns 500 points into a code only this customer can use, once", async () => {
    const reward = await newReward(500, 500);
    const issued = await redeem(shop, customerId, { rewardId: reward.id, idempotencyKey: key() });
    expect(issued.code).toMatch(/^LAUREL-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(issued.balance).toBe(500);
    expect(await member()).toMatchObject({ available: 500, held: 0, lifetimeRedeemed: 500 });
    const [discount] = await codesInShopify();
    const customerNumber = Number(customerId.split("/").pop());
    expect(discount).toMatchObject({
      codes: [{ code: issued.code, usageCount: 0 }],
      customerIds: [customerNumber],
      usageLimit: 1,
      appliesOncePerCustomer: true,
      value: { amount: "5.0" },
    });
    const entries = await db.ledgerEntry.findMany({ where: { shop, reason: { in: ["redeem_hold", "redeem"] } } });
    expect(entries.map((e) => [e.reason, e.available, e.held])).toEqual(
      expect.arrayContaining([
        ["redeem_hold", -500, 500],
        ["redeem", 0, -500],
      ]),
    );
  });

  it("answers a retried request (same idempotency key) with the same code and one debit", async () => {
    const reward = await newReward(300, 300);
    const idempotencyKey = key();
    const first = await redeem(shop, customerId, { rewardId: reward.id, idempotencyKey });
    const again = await redeem(shop, customerId, { rewardId: reward.id, idempotencyKey });
    expect(again.code).toBe(first.code);
    expect((await member()).available).toBe(700);
    expect(await codesInShopify()).toHaveLength(1);
  });

  it("20 parallel redemptions of a 600-point reward from 1,000 points: exactly one code", async () => {
    const reward = await newReward(600, 600);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => redeem(shop, customerId, { rewardId: reward.id, idempotencyKey: key() })),
    );
    const issued = results.filter((r) => r.status === "fulfilled");
    expect(issued).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r.reason as RedeemError).code).toBe("insufficient_points");
    }
    expect(await member()).toMatchObject({ available: 400, held: 0, lifetimeRedeemed: 600 });
    expect(await codesInShopify()).toHaveLength(1);
  });

  it("refuses what the member can't afford, naming the gap, and changes nothing", async () => {
    const reward = await newReward(1500, 1500);
    const error = await redeem(shop, customerId, { rewardId: reward.id, idempotencyKey: key() }).catch((e) => e);
    expect(error).toMatchObject({ code: "insufficient_points", details: { shortBy: 500 } });
    expect(await member()).toMatchObject({ available: 1000, held: 0 });
    expect(await db.redemption.count({ where: { shop } })).toBe(0);
  });

  it("honours a reward's limit per member", async () => {
    const once = await db.$transaction((tx) => createReward(tx, shop, { ...amountOff(100, 100), limitPerMember: 1 }));
    await redeem(shop, customerId, { rewardId: once.id, idempotencyKey: key() });
    await expect(redeem(shop, customerId, { rewardId: once.id, idempotencyKey: key() })).rejects.toMatchObject({
      code: "reward_unavailable",
      details: { reason: "limit_reached" },
    });
    expect((await member()).available).toBe(900);
  });

  it("refuses someone who is not a member, and an unknown reward", async () => {
    const reward = await newReward(100, 100);
    await expect(
      redeem(shop, "gid://shopify/Customer/999999", { rewardId: reward.id, idempotencyKey: key() }),
    ).rejects.toMatchObject({ code: "not_a_member" });
    await expect(redeem(shop, customerId, { rewardId: "nope", idempotencyKey: key() })).rejects.toMatchObject({
      code: "reward_unavailable",
      field: "rewardId",
    });
  });
});

describe("when Shopify fails", () => {
  it("refuses to create the code: the member keeps every point and gets a clear error", async () => {
    const reward = await newReward(500, 500);
    await faults([{ field: "discountCodeBasicCreate", mode: "user-error" }]);
    const error = await redeem(shop, customerId, { rewardId: reward.id, idempotencyKey: key() }).catch((e) => e);
    expect(error).toBeInstanceOf(RedeemError);
    expect(error).toMatchObject({ code: "shopify_unavailable", details: { pointsKept: true } });
    expect(await member()).toMatchObject({ available: 1000, held: 0, lifetimeRedeemed: 0 });
    expect(await db.redemption.findFirst({ where: { shop } })).toMatchObject({ status: "failed" });
    expect(await codesInShopify()).toHaveLength(0);
  });

  it("throttles: the hold is released at once", async () => {
    const reward = await newReward(500, 500);
    await faults([{ field: "discountCodeBasicCreate", mode: "throttled" }]);
    await expect(redeem(shop, customerId, { rewardId: reward.id, idempotencyKey: key() })).rejects.toMatchObject({
      code: "shopify_unavailable",
    });
    expect(await member()).toMatchObject({ available: 1000, held: 0 });
  });

  it("times out after making the code: the code is removed and the points come back", async () => {
    const reward = await newReward(500, 500);
    await faults([{ field: "discountCodeBasicCreate", mode: "timeout", delayMs: 1500, times: 1 }]);
    await expect(
      redeem(shop, customerId, { rewardId: reward.id, idempotencyKey: key() }, { codes: quickCodes }),
    ).rejects.toMatchObject({ code: "shopify_unavailable" });
    expect(await member()).toMatchObject({ available: 1000, held: 0 });
    expect(await codesInShopify()).toHaveLength(0);
  });

  it("stays silent through the undo: the points stay held until recovery removes the code and releases them", async () => {
    const reward = await newReward(500, 500);
    await faults([
      { field: "discountCodeBasicCreate", mode: "timeout", delayMs: 1500, times: 1 },
      { field: "codeDiscountNodeByCode", mode: "server-error" },
    ]);
    await expect(
      redeem(shop, customerId, { rewardId: reward.id, idempotencyKey: key() }, { codes: quickCodes }),
    ).rejects.toMatchObject({ code: "shopify_unavailable" });
    expect(await member()).toMatchObject({ available: 500, held: 500 });
    await faults([]);
    // Too early: a saga may still be running.
    await recoverRedemptions(new Date());
    expect((await member()).held).toBe(500);
    await recoverRedemptions(new Date(Date.now() + STUCK_AFTER_MS + 1000));
    expect(await member()).toMatchObject({ available: 1000, held: 0, lifetimeRedeemed: 0 });
    expect(await codesInShopify()).toHaveLength(0);
  });

  it("crashes between making the code and settling: recovery gives the member the code", async () => {
    const reward = await newReward(500, 500);
    const crashing = async (s: string) => {
      const codes = await quickCodes(s);
      const create = codes.create.bind(codes);
      codes.create = async (input) => {
        await create(input);
        throw new Error("the process died here");
      };
      return codes;
    };
    await expect(
      redeem(shop, customerId, { rewardId: reward.id, idempotencyKey: key() }, { codes: crashing }),
    ).rejects.toThrow("the process died here");
    expect(await member()).toMatchObject({ available: 500, held: 500 });
    await recoverRedemptions(new Date(Date.now() + STUCK_AFTER_MS + 1000));
    expect(await member()).toMatchObject({ available: 500, held: 0, lifetimeRedeemed: 500 });
    expect(await db.redemption.findFirst({ where: { shop } })).toMatchObject({ status: "issued" });
    expect(await codesInShopify()).toHaveLength(1);
  });
});

describe("after the code is issued", () => {
  async function issuedCode() {
    const reward = await newReward(500, 500);
    return redeem(shop, customerId, { rewardId: reward.id, idempotencyKey: key() });
  }
  const setSettings = (changes: Partial<ReturnType<typeof defaultSettings>>) =>
    db.program.update({ where: { shop }, data: { settings: JSON.stringify({ ...defaultSettings(), ...changes }) } });

  it("a cancelled order that used it keeps the code used and the points spent by default", async () => {
    const issued = await issuedCode();
    await db.redemption.update({
      where: { id: issued.redemptionId },
      data: { usedAt: new Date(), usedOrderId: "gid://shopify/Order/1" },
    });
    await db.$transaction((tx) => orderReversed(tx, shop, "gid://shopify/Order/1", "cancelled"));
    expect((await member()).available).toBe(500);
  });

  it("returns the points once when the merchant chose that", async () => {
    await setSettings({ codeOnRefund: "return_points" });
    const issued = await issuedCode();
    await db.redemption.update({
      where: { id: issued.redemptionId },
      data: { usedAt: new Date(), usedOrderId: "gid://shopify/Order/2" },
    });
    for (let i = 0; i < 2; i++)
      await db.$transaction((tx) => orderReversed(tx, shop, "gid://shopify/Order/2", "refunded"));
    expect(await member()).toMatchObject({ available: 1000, lifetimeRedeemed: 0 });
  });

  it("an unused code past its end gives its points back only if the merchant chose that", async () => {
    const issued = await issuedCode();
    const later = new Date(issued.endsAt.getTime() + 2 * 60 * 60_000);
    expect(await returnExpiredCodes(later)).toBe(0);
    await setSettings({ returnPointsForExpiredCodes: true });
    expect(await returnExpiredCodes(later)).toBe(1);
    expect(await returnExpiredCodes(later)).toBe(0);
    expect(await member()).toMatchObject({ available: 1000, lifetimeRedeemed: 0 });
  });
});

describe("the catalog in Shopify", () => {
  const published = async () => {
    const state = await control(`/shops/${shop}/state`);
    const field = state.shop.metafields.find((m: { key: string }) => m.key === "rewards");
    return field && JSON.parse(field.value);
  };

  it("publishes the active rewards as a shop metafield whenever they change", async () => {
    const queued = () => db.job.count({ where: { shop, kind: PUBLISH_REWARDS, status: "queued" } });
    // The default rewards queued the first publication with the program.
    expect(await queued()).toBe(1);
    await publishRewards(shop);
    const first = await published();
    expect(first).toMatchObject({ currency: "USD", pointsName: { en: "points", ru: "баллы" }, codePrefix: "LAUREL" });
    expect(first.rewards.map((r: { type: string; cost: number }) => [r.type, r.cost])).toEqual([
      ["amount_off", 500],
      ["percent_off", 1000],
      ["free_shipping", 300],
    ]);
    expect(first.rewards[0]).toMatchObject({ value: { kind: "amount", amount: "5.00" }, checkoutOnly: false });

    const [, percent] = await listRewards(db, shop);
    await db.job.updateMany({ where: { shop, kind: PUBLISH_REWARDS }, data: { status: "done" } });
    await db.$transaction((tx) => setRewardStatus(tx, shop, percent!.id, "paused"));
    expect(await queued()).toBe(1);
    await publishRewards(shop);
    expect((await published()).rewards.map((r: { type: string }) => r.type)).toEqual(["amount_off", "free_shipping"]);
  });

  it("carries the VIP tiers' perks and each reward's tier limit; saving the ladder re-publishes", async () => {
    await publishRewards(shop);
    expect((await published()).tiers).toEqual([]);
    await db.job.updateMany({ where: { shop, kind: PUBLISH_REWARDS }, data: { status: "done" } });
    await transaction(db, (tx) => saveLadder(tx, shop, "staff:1", { ...defaultLadder(100), enabled: true }));
    expect(await db.job.count({ where: { shop, kind: PUBLISH_REWARDS, status: "queued" } })).toBe(1);
    await publishRewards(shop);
    const catalog = await published();
    expect(catalog.tiers.map((t: { id: string }) => t.id)).toEqual(["bronze", "silver", "gold"]);
    expect(catalog.tiers[2]).toMatchObject({
      name: { en: "Gold", ru: "Золото" },
      perks: { earnMultiplier: 150, discountPercent: 5, freeShippingOver: "0.00", entryBonus: 250 },
    });
    expect(catalog.rewards[0]).toMatchObject({ tierIds: null });
  });
});
