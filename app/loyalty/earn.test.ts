import { describe, expect, it } from "vitest";
import { pointsForOrder, type EarnLine, type EarnOrder, type EarnRules, type PurchaseRule } from "./earn";

const rule = (over: Partial<PurchaseRule> = {}): PurchaseRule => ({
  points: 1,
  per: 100,
  includeShipping: false,
  includeTaxes: false,
  includeGiftCards: false,
  rounding: "down",
  minimumOrder: 0,
  ...over,
});

const rules = (over: Partial<PurchaseRule> = {}, extra: Partial<EarnRules> = {}): EarnRules => ({
  purchase: rule(over),
  bonuses: [],
  campaigns: [],
  ...extra,
});

let lineId = 0;
const line = (unitPrice: number, quantity = 1, extra: Partial<EarnLine> = {}): EarnLine => ({
  id: `L${++lineId}`,
  productId: "P1",
  variantId: "V1",
  quantity,
  unitPrice,
  discount: 0,
  giftCard: false,
  ...extra,
});

const order = (lines: EarnLine[], extra: Partial<EarnOrder> = {}): EarnOrder => ({
  id: "gid://shopify/Order/1",
  currency: "USD",
  placedAt: new Date("2026-11-10T12:00:00Z"),
  lines,
  shipping: 0,
  tax: 0,
  previousOrders: 0,
  ...extra,
});

describe("purchase points", () => {
  it.each([
    ["1 point per dollar, 25.00", rules(), order([line(2500)]), 25],
    ["after discounts", rules(), order([line(1000, 3, { discount: 450 })]), 25],
    ["rounds down once for the order, not per line", rules(), order([line(150), line(150)]), 3],
    ["rounds to nearest when asked", rules({ rounding: "nearest" }), order([line(1250), line(1250)]), 25],
    ["nearest rounds half up", rules({ rounding: "nearest" }), order([line(2550)]), 26],
    ["5 points per dollar", rules({ points: 5 }), order([line(1999)]), 99],
    ["1 point per 10 dollars", rules({ per: 1000 }), order([line(9999)]), 9],
    ["no points for gift cards", rules(), order([line(5000, 1, { giftCard: true }), line(1000)]), 10],
    ["gift cards when included", rules({ includeGiftCards: true }), order([line(5000, 1, { giftCard: true })]), 50],
    ["shipping when included", rules({ includeShipping: true }), order([line(1000)], { shipping: 499 }), 14],
    ["taxes only when included", rules(), order([line(1000)], { tax: 800 }), 10],
    ["taxes when included", rules({ includeTaxes: true }), order([line(1000)], { tax: 800 }), 18],
    ["nothing below the minimum order", rules({ minimumOrder: 2000 }), order([line(1999)]), 0],
    ["at the minimum order", rules({ minimumOrder: 2000 }), order([line(2000)]), 20],
    ["a fully discounted line earns nothing", rules(), order([line(1000, 1, { discount: 1000 })]), 0],
    ["yen (no minor unit)", rules({ per: 100 }), order([line(1500)], { currency: "JPY" }), 15],
  ])("%s", (_label, r, o, points) => {
    expect(pointsForOrder(o, r).total).toBe(points);
  });

  it("explains an order line by line, with shares that add up to the total", () => {
    const earning = pointsForOrder(
      order([line(333, 1, { id: "a" }), line(333, 1, { id: "b" }), line(334, 1, { id: "c" })], { shipping: 500 }),
      rules({ includeShipping: true }),
    );
    expect(earning).toMatchObject({ eligibleAmount: 1500, purchasePoints: 15, total: 15, notes: [] });
    expect(earning.lines.map((l) => [l.lineId, l.amount, l.points])).toEqual([
      ["a", 333, 3],
      ["b", 333, 3],
      ["c", 334, 4],
    ]);
    expect(earning.shipping).toEqual({ amount: 500, points: 5 });
  });

  it("says why an order below the minimum earns nothing", () => {
    expect(pointsForOrder(order([line(500)]), rules({ minimumOrder: 1000 })).notes).toEqual(["below_minimum"]);
  });
});

describe("product bonuses", () => {
  // 10.00 of P1 and 2 × 5.00 of P2 (tagged Organic, in collection C9): 10 + 10 base points.
  const facts = new Map([["P2", { tags: ["Organic"], collectionIds: ["C9"] }]]);
  const bought = () => order([line(1000, 1, { productId: "P1" }), line(500, 2, { productId: "P2" })]);
  const match = (m: Partial<{ productIds: string[]; collectionIds: string[]; tags: string[] }>) => ({
    productIds: [],
    collectionIds: [],
    tags: [],
    ...m,
  });
  it.each([
    [
      "×2 on a product: 20 + 10",
      { id: "b", match: match({ productIds: ["P1"] }), kind: "multiplier" as const, value: 200 },
      30,
    ],
    [
      "×1.5 on a product: 15 + 10",
      { id: "b", match: match({ productIds: ["P1"] }), kind: "multiplier" as const, value: 150 },
      25,
    ],
    [
      "+5 per unit on a collection: 10 + (10 + 2 × 5)",
      { id: "b", match: match({ collectionIds: ["C9"] }), kind: "fixed" as const, value: 5 },
      30,
    ],
    [
      "×3 by tag, any case: 10 + 30",
      { id: "b", match: match({ tags: ["organic"] }), kind: "multiplier" as const, value: 300 },
      40,
    ],
  ])("%s", (_label, bonus, points) => {
    const earning = pointsForOrder(bought(), rules({}, { bonuses: [bonus] }), facts);
    expect(earning.total).toBe(points);
    expect(earning.lines.some((l) => l.bonusId === "b")).toBe(true);
  });
});

describe("campaigns", () => {
  const campaign = {
    id: "double",
    name: "Double points week",
    startsAt: new Date("2026-11-09T00:00:00Z"),
    endsAt: new Date("2026-11-16T00:00:00Z"),
    kind: "multiplier" as const,
    value: 200,
    firstOrders: null,
    segmentIds: null,
    tierIds: null,
  };

  it("doubles points inside its window, as a separate share", () => {
    const earning = pointsForOrder(order([line(2500)]), rules({}, { campaigns: [campaign] }));
    expect(earning).toMatchObject({ purchasePoints: 25, campaigns: [{ id: "double", points: 25 }], total: 50 });
  });

  it.each([
    ["before it starts", { placedAt: new Date("2026-11-08T23:59:59Z") }, {}],
    ["once it has ended", { placedAt: new Date("2026-11-16T00:00:00Z") }, {}],
    ["after the customer's first orders", { previousOrders: 1 }, { firstOrders: 1 }],
    ["outside its segments", {}, { segmentIds: ["vip"] }],
    ["outside its tiers", {}, { tierIds: ["gold"] }],
    ["while the merchant has it paused", {}, { status: "paused" as const }],
    ["once archived", {}, { status: "archived" as const }],
  ])("does not apply %s", (_label, orderExtra, campaignExtra) => {
    const earning = pointsForOrder(
      order([line(2500)], orderExtra),
      rules({}, { campaigns: [{ ...campaign, ...campaignExtra }] }),
    );
    expect(earning.total).toBe(25);
  });

  it("adds a fixed bonus for members of its segment", () => {
    const fixed = { ...campaign, kind: "fixed" as const, value: 100, segmentIds: ["vip"] };
    const earning = pointsForOrder(order([line(2500)]), rules({}, { campaigns: [fixed] }), new Map(), {
      segmentIds: ["vip"],
      tierId: null,
    });
    expect(earning.total).toBe(125);
  });
});

describe("VIP tier multiplier", () => {
  it("adds the tier's share on the purchase points, rounded down, as its own line", () => {
    const earning = pointsForOrder(order([line(2550)]), rules(), new Map(), {
      segmentIds: [],
      tierId: "gold",
      tierMultiplier: 150,
    });
    expect(earning.purchasePoints).toBe(25);
    expect(earning.tier).toEqual({ id: "gold", points: 12 });
    expect(earning.total).toBe(37);
  });

  it("gives nothing extra at ×1, without a tier, or below the order minimum", () => {
    const none = (facts: { tierId: string | null; tierMultiplier?: number }, r = rules()) =>
      pointsForOrder(order([line(2500)]), r, new Map(), { segmentIds: [], ...facts }).tier;
    expect(none({ tierId: "bronze", tierMultiplier: 100 })).toBeNull();
    expect(none({ tierId: null, tierMultiplier: 200 })).toBeNull();
    expect(none({ tierId: "gold", tierMultiplier: 200 }, rules({ minimumOrder: 5000 }))).toBeNull();
  });
});
