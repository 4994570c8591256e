// GET /api/storefront/loyalty's VIP tiers on each database: the member's tier, perks and progress
// from their row and one read of their qualifying value, the ladder for the "VIP tiers" list, in
// the shopper's language; rewards limited to tiers; nothing of tiers (and no read) while they are off.
import { beforeEach, describe, expect, it, vi } from "vitest";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { defaultLadder, type Ladder } from "../loyalty/tiers";
import { createReward } from "../rewards/catalog.server";
import { defaultRewards } from "../loyalty/rewards";
import { ensureProgram } from "../points/program.server";
import { saveLadder } from "../tiers/ladder.server";
import * as members from "../tiers/members.server";
import { loyaltyView } from "./loyalty.server";

// Spies on the tier reads, to count them: the view may read the member's value once, and never
// their tier state apart from their row.
vi.mock("../tiers/members.server", async (original) => {
  const actual = await original<typeof import("../tiers/members.server")>();
  return { ...actual, currentValue: vi.fn(actual.currentValue), tierStateOf: vi.fn(actual.tierStateOf) };
});

const NOW = new Date("2026-11-24T12:00:00Z");
const DAY = 86_400_000;
const CUSTOMER = "gid://shopify/Customer/7";
let shop: string;
let orders = 0;

/** Bronze from 0, Silver from $500 (×1.25, 3% off), Gold from $1,000 (×1.5, 5% off, free shipping). */
const ladder = (over: Partial<Ladder> = {}): Ladder => ({ ...defaultLadder(100), enabled: true, ...over });
const setLadder = (l: Ladder) => transaction(db, (tx) => saveLadder(tx, shop, "staff:1", l, NOW));

beforeEach(async () => {
  shop = `tiers-${Math.random().toString(36).slice(2, 8)}.myshopify.com`;
  await db.$transaction((tx) => ensureProgram(tx, shop, "USD", true, new Date("2026-01-01T00:00:00Z")));
  vi.mocked(members.currentValue).mockClear();
  vi.mocked(members.tierStateOf).mockClear();
});

async function member(data: { tierId?: string | null; available?: number; status?: string } = {}) {
  return db.member.create({ data: { shop, customerId: CUSTOMER, available: 815, lifetimeEarned: 1615, ...data } });
}

/** A paid order of the member's, `spend` in cents, placed `daysAgo`. */
async function order(memberId: string, spend: number, daysAgo: number) {
  const orderId = `gid://shopify/Order/${++orders}`;
  await db.loyaltyOrder.create({
    data: {
      shop,
      orderId,
      memberId,
      customerId: CUSTOMER,
      placedAt: new Date(NOW.getTime() - daysAgo * DAY),
      state: JSON.stringify({ orderId, paid: true }),
      tierSpend: spend,
      tierOrders: 1,
    },
  });
}

const view = (locale: "en" | "ru" = "en", customerId: string | null = CUSTOMER) =>
  loyaltyView(shop, customerId, locale, { subtotal: null, now: NOW });

describe("tiers on", () => {
  beforeEach(() => setLadder(ladder()));

  it("shows the member's tier with its perks, the next tier and the progress, by spend", async () => {
    const m = await member({ tierId: "silver" });
    await order(m.id, 40_000, 30);
    await order(m.id, 22_000, 200);
    await order(m.id, 90_000, 400); // outside the last 12 months
    const body = (await view())!;
    expect(body.member).toMatchObject({
      balance: 815,
      tier: {
        id: "silver",
        name: "Silver",
        perks: { earnMultiplier: 125, discountPercent: 3, freeShippingOver: null, entryBonus: 100 },
      },
      nextTier: { id: "gold", name: "Gold", threshold: "1000.00", needed: "380.00" },
      progress: 24,
    });
    expect(members.currentValue).toHaveBeenCalledTimes(1);
    expect(members.tierStateOf).not.toHaveBeenCalled();
  });

  it("lists the program's tiers with thresholds and perks, for guests too", async () => {
    const body = (await view("en", null))!;
    expect(body.member).toBeNull();
    expect(body.program.tierMetric).toBe("spend");
    expect(body.program.tierWindow).toBe("rolling12");
    expect(body.program.tiers).toEqual([
      {
        id: "bronze",
        name: "Bronze",
        threshold: "0.00",
        perks: { earnMultiplier: 100, discountPercent: 0, freeShippingOver: null, entryBonus: 0 },
      },
      {
        id: "silver",
        name: "Silver",
        threshold: "500.00",
        perks: { earnMultiplier: 125, discountPercent: 3, freeShippingOver: null, entryBonus: 100 },
      },
      {
        id: "gold",
        name: "Gold",
        threshold: "1000.00",
        perks: { earnMultiplier: 150, discountPercent: 5, freeShippingOver: "0.00", entryBonus: 250 },
      },
    ]);
    expect(members.currentValue).not.toHaveBeenCalled();
  });

  it("names tiers in the shopper's language", async () => {
    await member({ tierId: "gold" });
    const body = (await view("ru"))!;
    expect(body.program.tiers?.map((t) => t.name)).toEqual(["Бронза", "Серебро", "Золото"]);
    expect(body.member?.tier?.name).toBe("Золото");
    // At the top: nothing further, full progress.
    expect(body.member?.nextTier).toBeNull();
    expect(body.member?.progress).toBe(100);
  });

  it("places a member not yet placed on the free lowest tier", async () => {
    const m = await member({ tierId: null });
    await order(m.id, 10_000, 5);
    const body = (await view())!;
    expect(body.member?.tier?.id).toBe("bronze");
    expect(body.member?.nextTier).toMatchObject({ id: "silver", needed: "400.00" });
    expect(body.member?.progress).toBe(20);
  });

  it("counts points by the ledger, tier bonuses left out", async () => {
    await setLadder(ladder({ metric: "points", window: "lifetime" }));
    const m = await member({ tierId: "silver" });
    const earned = (points: number) => ({
      shop,
      memberId: m.id,
      available: points,
      lifetimeEarned: points,
      createdAt: new Date(NOW.getTime() - DAY),
    });
    await db.ledgerEntry.createMany({
      data: [
        // Dated before the view's clock: an entry from after it doesn't count yet.
        { ...earned(60_000), reason: "earn_purchase", key: "e1" },
        { ...earned(100), reason: "tier_bonus", key: "b1" },
      ],
    });
    const body = (await view())!;
    expect(body.program.tierMetric).toBe("points");
    expect(body.program.tiers?.map((t) => t.threshold)).toEqual([0, 50_000, 100_000]);
    expect(body.member?.nextTier).toEqual({ id: "gold", name: "Gold", threshold: 100_000, needed: 40_000 });
    expect(body.member?.progress).toBe(20);
  });

  it("counts orders", async () => {
    const base = ladder({ metric: "orders", window: "calendarYear" });
    await setLadder({ ...base, tiers: base.tiers.map((t, i) => ({ ...t, threshold: [0, 3, 10][i]! })) });
    const m = await member({ tierId: "bronze" });
    await order(m.id, 1_000, 3);
    const body = (await view())!;
    expect(body.member?.nextTier).toEqual({ id: "silver", name: "Silver", threshold: 3, needed: 2 });
    expect(body.member?.progress).toBe(33);
  });

  it("offers a reward limited to tiers only to members on them", async () => {
    const [amount] = defaultRewards("USD");
    const gold = await transaction(db, (tx) =>
      createReward(tx, shop, { ...amount, title: { en: "Gold gift", ru: "Подарок" }, tierIds: ["gold"] }),
    );
    const silver = await transaction(db, (tx) =>
      createReward(tx, shop, { ...amount, title: { en: "Silver gift", ru: "Подарок" }, tierIds: ["silver"] }),
    );
    await member({ tierId: "silver" });
    const rewards = (await view())!.rewards;
    expect(rewards.find((r) => r.id === gold.id)).toMatchObject({ redeemable: false, reason: "tier" });
    expect(rewards.find((r) => r.id === silver.id)).toMatchObject({ redeemable: true });
    expect(rewards.find((r) => r.id === silver.id)).not.toHaveProperty("reason");
  });
});

describe("tiers off", () => {
  it("says nothing of tiers and reads nothing for them, whether the ladder is switched off or missing", async () => {
    await member({ tierId: "gold" });
    const missing = (await view())!;
    await setLadder(ladder({ enabled: false }));
    const off = (await view())!;
    for (const body of [missing, off]) {
      expect(body.program).toMatchObject({ tiers: null, tierMetric: null, tierWindow: null });
      expect(body.member).toMatchObject({ balance: 815, tier: null, nextTier: null, progress: null });
    }
    expect(members.currentValue).not.toHaveBeenCalled();
  });

  it("keeps rewards limited to tiers out of reach", async () => {
    const [amount] = defaultRewards("USD");
    const gold = await transaction(db, (tx) => createReward(tx, shop, { ...amount, tierIds: ["gold"] }));
    await member({ tierId: "gold" });
    const reward = (await view())!.rewards.find((r) => r.id === gold.id);
    expect(reward).toMatchObject({ redeemable: false, reason: "tier" });
  });
});
