// POST /api/storefront/estimate with VIP tiers on each database: the member's tier multiplier
// counts, as it will when the order is paid, and the breakdown names the tier's extra points.
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { defaultLadder, type Ladder } from "../loyalty/tiers";
import { ensureProgram } from "../points/program.server";
import { saveLadder } from "../tiers/ladder.server";
import { estimate } from "./estimate.server";

const NOW = new Date("2026-11-24T12:00:00Z");
const CUSTOMER = "gid://shopify/Customer/7";
let shop: string;

/** Bronze from 0 (×1), Silver from $500 (×1.25), Gold from $1,000 (×1.5); 1 point per $1. */
const ladder = (over: Partial<Ladder> = {}): Ladder => ({ ...defaultLadder(100), enabled: true, ...over });
const setLadder = (l: Ladder) => transaction(db, (tx) => saveLadder(tx, shop, "staff:1", l, NOW));

const CART = {
  lines: [
    { variantId: "gid://shopify/ProductVariant/1004", quantity: 2, price: "12.00" },
    { variantId: "gid://shopify/ProductVariant/2002", quantity: 1, price: "5.50" },
  ],
};

beforeEach(async () => {
  shop = `estimate-${Math.random().toString(36).slice(2, 8)}.myshopify.com`;
  await db.$transaction((tx) => ensureProgram(tx, shop, "USD", true, new Date("2026-01-01T00:00:00Z")));
});

describe("a member on a tier", () => {
  it("earns the tier's multiplier, shown in the breakdown", async () => {
    await setLadder(ladder());
    await db.member.create({ data: { shop, customerId: CUSTOMER, tierId: "gold" } });
    const result = (await estimate(shop, CUSTOMER, CART, NOW))!;
    expect(result.breakdown.purchasePoints).toBe(29);
    expect(result.breakdown.tier).toEqual({ id: "gold", points: 14 });
    expect(result.points).toBe(43);
    expect(result.breakdown.total).toBe(43);
  });

  it("earns nothing extra on a tier without a multiplier, or while tiers are off", async () => {
    await setLadder(ladder());
    await db.member.create({ data: { shop, customerId: CUSTOMER, tierId: "bronze" } });
    expect((await estimate(shop, CUSTOMER, CART, NOW))!.breakdown).toMatchObject({ tier: null, total: 29 });
    await setLadder(ladder({ enabled: false }));
    await db.member.update({ where: { shop_customerId: { shop, customerId: CUSTOMER } }, data: { tierId: "gold" } });
    expect((await estimate(shop, CUSTOMER, CART, NOW))!.breakdown).toMatchObject({ tier: null, total: 29 });
  });
});

describe("without a member", () => {
  it("gives a guest, and a customer who is not a member, the plain points", async () => {
    await setLadder(ladder());
    expect((await estimate(shop, null, CART, NOW))!).toMatchObject({ points: 29, breakdown: { tier: null } });
    expect((await estimate(shop, "gid://shopify/Customer/99", CART, NOW))!).toMatchObject({
      points: 29,
      breakdown: { tier: null },
    });
  });

  it("does not take another shop's member for this shop's", async () => {
    await setLadder(ladder());
    await db.member.create({ data: { shop: "other.myshopify.com", customerId: CUSTOMER, tierId: "gold" } });
    expect((await estimate(shop, CUSTOMER, CART, NOW))!.breakdown.tier).toBeNull();
  });
});
