// The dashboard's figures on a real database: the rollup job (first run over the year, later runs
// over the days changed only, repeats changing nothing, the daily full run) and the dashboard's
// read for a period (its boundaries, members vs everyone else, codes, liability, top rewards,
// recent activity), each scoped to its shop.
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { orderPayloadSchema } from "../points/order-payload";
import { orderCreated } from "../points/orders.server";
import { ensureProgram } from "../points/program.server";
import { dashboardData } from "./dashboard.server";
import { OVERLAP_MS, rollupShop } from "./rollup.server";

const SHOP = "dash.myshopify.com";
const OTHER = "other-dash.myshopify.com";
const now = new Date("2026-11-10T12:00:00Z");
const at = (iso: string) => new Date(iso);
const later = (ms: number) => new Date(now.getTime() + ms);
const HOUR = 3_600_000;

let seq = 0;
function ledger(memberId: string, reason: string, createdAt: Date, deltas: Record<string, number>, shop = SHOP) {
  seq += 1;
  return db.ledgerEntry.create({ data: { shop, memberId, reason, key: `k${seq}`, createdAt, ...deltas } });
}

const paidState = (orderId: string, extra = "") => `{"orderId":"${orderId}","paid":true,"cancelled":false${extra}}`;

function order(
  orderId: string,
  placedAt: Date,
  total: number | null,
  buyer: { memberId?: string; customerId?: string } = {},
  options: { state?: string; currency?: string; shop?: string; updatedAt?: Date } = {},
) {
  return db.loyaltyOrder.create({
    data: {
      shop: options.shop ?? SHOP,
      orderId,
      placedAt,
      total,
      currency: options.currency ?? "USD",
      memberId: buyer.memberId ?? null,
      customerId: buyer.customerId ?? null,
      state: options.state ?? paidState(orderId),
      updatedAt: options.updatedAt ?? placedAt,
    },
  });
}

/** The shop's rows as the dashboard reads them (figures and when each was written). */
const statRows = () =>
  db.dailyStat.findMany({ where: { shop: SHOP }, orderBy: { day: "asc" } }).then((rows) =>
    rows.map((r) => ({
      ...r,
      memberRevenue: Number(r.memberRevenue),
      otherRevenue: Number(r.otherRevenue),
      codeRevenue: Number(r.codeRevenue),
    })),
  );
const dayRow = async (day: string) => (await statRows()).find((r) => r.day.toISOString().startsWith(day));

beforeEach(async () => {
  // Each file has its own database; each test here starts from the same rows.
  for (const table of [
    "dailyStat",
    "dashboardRollup",
    "ledgerEntry",
    "redemption",
    "loyaltyOrder",
    "member",
  ] as const) {
    await (db[table] as unknown as { deleteMany: () => Promise<unknown> }).deleteMany();
  }
  await db.reward.updateMany({ data: { status: "active" } });
  await transaction(db, (tx) => ensureProgram(tx, SHOP, "USD", true, at("2025-01-01T00:00:00Z")));
  await transaction(db, (tx) => ensureProgram(tx, OTHER, "USD", true, at("2025-01-01T00:00:00Z")));
  // One member from long ago, one this month, one today; one of another shop.
  await db.member.createMany({
    data: [
      { id: "old", shop: SHOP, customerId: "gid://shopify/Customer/1", enrolledAt: at("2024-06-01T00:00:00Z") },
      {
        id: "ana",
        shop: SHOP,
        customerId: "gid://shopify/Customer/2",
        enrolledAt: at("2026-11-01T10:00:00Z"),
        firstName: "Ana",
        lastName: "Lopez",
        available: 1_030,
        pending: 40,
      },
      { id: "new", shop: SHOP, customerId: "gid://shopify/Customer/3", enrolledAt: at("2026-11-10T01:00:00Z") },
      { id: "else", shop: OTHER, customerId: "gid://shopify/Customer/2", enrolledAt: at("2026-11-05T00:00:00Z") },
    ],
  });
  await ledger("ana", "earn_purchase", at("2026-11-01T10:00:00Z"), { pending: 100, lifetimeEarned: 100 });
  await ledger("ana", "settle", at("2026-11-02T10:00:00Z"), { pending: -100, available: 100 });
  await ledger("ana", "manual_adjustment", at("2026-11-03T10:00:00Z"), { available: 1_000, lifetimeEarned: 1_000 });
  await ledger("ana", "redeem_hold", at("2026-11-05T10:00:00Z"), { available: -500, held: 500 });
  await ledger("ana", "redeem", at("2026-11-05T10:00:01Z"), { held: -500, lifetimeRedeemed: 500 });
  // The last moment of the 9th and the first of the 10th fall on their own days.
  await ledger("ana", "expiry", at("2026-11-09T23:59:59.999Z"), { available: -20 });
  await ledger("ana", "refund_reversal", at("2026-11-10T00:00:00.000Z"), { available: -10, lifetimeEarned: -10 });
  // 31 days before today: outside 30 days, inside 90.
  await ledger("old", "earn_action", at("2026-10-10T08:00:00Z"), { available: 300, lifetimeEarned: 300 });
  await ledger("else", "earn_action", at("2026-11-05T08:00:00Z"), { available: 9_999, lifetimeEarned: 9_999 }, OTHER);

  const [amountOff] = await db.reward.findMany({ where: { shop: SHOP, type: "amount_off" } });
  await db.redemption.create({
    data: {
      shop: SHOP,
      memberId: "ana",
      rewardId: amountOff!.id,
      idempotencyKey: "r1",
      code: "LAUREL-1",
      points: 500,
      discount: "{}",
      title: "Amount off your order",
      status: "issued",
      endsAt: at("2026-12-05T00:00:00Z"),
      usedAt: at("2026-11-05T12:00:00Z"),
      usedOrderId: "gid://shopify/Order/2",
      createdAt: at("2026-11-05T10:00:00Z"),
      updatedAt: at("2026-11-05T12:00:00Z"),
    },
  });

  const ana = { memberId: "ana", customerId: "gid://shopify/Customer/2" };
  await order("gid://shopify/Order/1", at("2026-11-01T09:00:00Z"), 10_000, ana);
  await order("gid://shopify/Order/2", at("2026-11-05T12:00:00Z"), 5_000, ana);
  await order("gid://shopify/Order/3", at("2026-11-05T13:00:00Z"), 3_000);
  await order("gid://shopify/Order/4", at("2026-11-05T14:00:00Z"), 2_000, { customerId: "gid://shopify/Customer/9" });
  await order("gid://shopify/Order/5", at("2026-11-06T14:00:00Z"), 2_500, { customerId: "gid://shopify/Customer/9" });
  // Not counted: cancelled, never paid, another currency, a total Laurel never learnt.
  await order("gid://shopify/Order/6", at("2026-11-05T15:00:00Z"), 7_000, ana, {
    state: paidState("gid://shopify/Order/6").replace('"cancelled":false', '"cancelled":true'),
  });
  await order("gid://shopify/Order/7", at("2026-11-05T15:00:00Z"), 7_000, {}, { state: '{"paid":false}' });
  await order("gid://shopify/Order/8", at("2026-11-05T15:00:00Z"), 7_000, {}, { currency: "EUR" });
  await order("gid://shopify/Order/9", at("2026-11-05T15:00:00Z"), null);
  await order("gid://shopify/Order/1", at("2026-11-05T15:00:00Z"), 99_000, {}, { shop: OTHER });
});

describe("rollupShop", () => {
  it("rolls up the past year on the first run, each day from its own rows", async () => {
    expect(await rollupShop(SHOP, now)).toEqual({ shop: SHOP, full: true, days: 366 });

    const rows = await statRows();
    expect(rows).toHaveLength(366);
    expect(rows[0]!.day.toISOString()).toBe("2025-11-10T00:00:00.000Z");
    expect(rows.at(-1)!.day.toISOString()).toBe("2026-11-10T00:00:00.000Z");
    expect(await dayRow("2026-11-01")).toMatchObject({ enrolled: 1, members: 2, issued: 100, memberOrders: 1 });
    expect(await dayRow("2026-11-03")).toMatchObject({ issued: 1_000, members: 2 });
    expect(await dayRow("2026-11-05")).toMatchObject({
      redeemed: 500,
      redemptions: 1,
      codesUsed: 1,
      memberOrders: 1,
      memberRevenue: 5_000,
      memberReturning: 1,
      otherOrders: 2,
      otherRevenue: 5_000,
      otherKnown: 1,
      otherReturning: 0,
      codeOrders: 1,
      codeRevenue: 5_000,
    });
    expect(await dayRow("2026-11-06")).toMatchObject({ otherOrders: 1, otherKnown: 1, otherReturning: 1 });
    expect(await dayRow("2026-11-09")).toMatchObject({ expired: 20, reversed: 0 });
    expect(await dayRow("2026-11-10")).toMatchObject({ enrolled: 1, members: 3, reversed: 10, expired: 0 });
    expect(await db.dashboardRollup.findUnique({ where: { shop: SHOP } })).toMatchObject({
      members: 3,
      available: 1_030n,
      pending: 40n,
    });
  });

  it("changes nothing when run again, and skips a shop where nothing moved", async () => {
    await rollupShop(SHOP, now);
    const first = await statRows();
    expect(await rollupShop(SHOP, later(60_000))).toEqual({ shop: SHOP, full: false, days: 0 });
    const again = await statRows();
    // Not even rewritten: the rows keep their update times.
    expect(again).toEqual(first);
    const state = await db.dashboardRollup.findUniqueOrThrow({ where: { shop: SHOP } });
    expect(state.through.getTime()).toBe(later(60_000).getTime() - OVERLAP_MS);
  });

  it("then recomputes only the days changed since the last run, and today", async () => {
    await rollupShop(SHOP, now);
    const before = await statRows();
    // An hour later: points earned today, and a late refund to an order placed on the 6th.
    await ledger("new", "earn_action", later(HOUR), { available: 50, lifetimeEarned: 50 });
    await db.loyaltyOrder.update({
      where: { shop_orderId: { shop: SHOP, orderId: "gid://shopify/Order/5" } },
      data: { state: paidState("gid://shopify/Order/5").replace('"cancelled":false', '"cancelled":true') },
    });

    expect(await rollupShop(SHOP, later(2 * HOUR))).toEqual({ shop: SHOP, full: false, days: 2 });

    expect(await dayRow("2026-11-10")).toMatchObject({ issued: 50 });
    expect(await dayRow("2026-11-06")).toMatchObject({ otherOrders: 0 });
    const after = await statRows();
    const rewritten = after.filter((r, i) => r.updatedAt.getTime() !== before[i]!.updatedAt.getTime());
    expect(rewritten.map((r) => r.day.toISOString().slice(0, 10))).toEqual(["2026-11-06", "2026-11-10"]);
  });

  it("recomputes the whole year once a day, catching what was erased", async () => {
    await rollupShop(SHOP, now);
    await db.ledgerEntry.deleteMany({ where: { shop: SHOP, reason: "manual_adjustment" } });
    expect((await rollupShop(SHOP, later(HOUR)))!.full).toBe(false);
    expect(await dayRow("2026-11-03")).toMatchObject({ issued: 1_000 });

    const tomorrow = new Date("2026-11-11T00:10:00Z");
    expect(await rollupShop(SHOP, tomorrow)).toEqual({ shop: SHOP, full: true, days: 366 });
    expect(await dayRow("2026-11-03")).toMatchObject({ issued: 0 });
    expect((await statRows())[0]!.day.toISOString()).toBe("2025-11-10T00:00:00.000Z");
  });

  it("keeps each shop to its own rows, and skips a shop without a program", async () => {
    await rollupShop(SHOP, now);
    await rollupShop(OTHER, now);
    const other = await db.dailyStat.findFirst({ where: { shop: OTHER, day: at("2026-11-05T00:00:00Z") } });
    expect(other).toMatchObject({ issued: 9_999, enrolled: 1, otherOrders: 1 });
    expect(await dayRow("2026-11-05")).toMatchObject({ otherOrders: 2 });
    expect(await rollupShop("nobody.myshopify.com", now)).toBeNull();
  });
});

describe("dashboardData", () => {
  it("reads the last 30 days, rolling up a shop that never was", async () => {
    const data = (await dashboardData(SHOP, 30, now))!;

    expect(data).toMatchObject({ period: 30, first: "2026-10-12", last: "2026-11-10", currency: "USD" });
    expect(data).toMatchObject({ members: 3, available: 1_030, pending: 40 });
    expect(data.summary).toMatchObject({
      enrolled: 2,
      issued: 1_100,
      reversed: 10,
      redeemed: 500,
      expired: 20,
      redemptions: 1,
      codeOrders: 1,
      codeRevenue: 5_000,
    });
    expect(data.summary.redemptionRate).toBeCloseTo(500 / 1_100);
    expect(data.summary.members).toEqual({ orders: 2, revenue: 15_000, averageOrder: 7_500, repeatRate: 0.5 });
    expect(data.summary.others).toEqual({
      orders: 3,
      revenue: 7_500,
      averageOrder: 2_500,
      repeatRate: 0.5,
      guestOrders: 1,
    });
    // The default catalog's $5 for 500 points: a cent a point.
    expect(data.pointValue).toMatchObject({ type: "amount_off", minor: 500, points: 500 });
    expect(data.liability).toBe(1_030);
    expect(data.series).toHaveLength(30);
    expect(data.series.at(-1)).toMatchObject({ day: "2026-11-10", members: 3, enrolled: 1 });
    expect(data.series[0]).toMatchObject({ day: "2026-10-12", members: 1 });
    expect(data.topRewards).toEqual([
      expect.objectContaining({
        redemptions: 1,
        points: 500,
        title: expect.objectContaining({ ru: "Скидка на заказ" }),
      }),
    ]);
    expect(data.recent[0]).toMatchObject({
      memberId: "ana",
      name: "Ana Lopez",
      reason: "refund_reversal",
      points: -10,
    });
    expect(data.recent.every((e) => e.memberId !== "else")).toBe(true);
  });

  it("refreshes figures more than 15 s old before a view, so an order just placed shows", async () => {
    await rollupShop(SHOP, now);
    const issued = (await dashboardData(SHOP, 30, now))!.summary.issued;
    await ledger("just-now", "earn_action", later(5_000), { available: 70, lifetimeEarned: 70 });
    // Within 15 s of the run the view reads what was rolled up; after, it brings it up to date.
    expect((await dashboardData(SHOP, 30, later(10_000)))!.summary.issued).toBe(issued);
    expect((await dashboardData(SHOP, 30, later(20_000)))!.summary.issued).toBe(issued + 70);
  });

  it("takes in the day 31 days ago for 90 days but not for 30", async () => {
    await rollupShop(SHOP, now);
    expect((await dashboardData(SHOP, 30, now))!.summary.issued).toBe(1_100);
    const quarter = (await dashboardData(SHOP, 90, now))!;
    expect(quarter.summary.issued).toBe(1_400);
    expect(quarter.series).toHaveLength(90);
    const year = (await dashboardData(SHOP, 365, now))!;
    expect(year.series).toHaveLength(53);
    expect(year.summary.issued).toBe(1_400);
  });

  it("has no liability when no reward gives a point a fixed value", async () => {
    await db.reward.updateMany({ where: { shop: SHOP, type: "amount_off" }, data: { status: "paused" } });
    const data = (await dashboardData(SHOP, 30, now))!;
    expect(data.pointValue).toBeNull();
    expect(data.liability).toBeNull();
  });

  it("has nothing for a shop without a program", async () => {
    expect(await dashboardData("nobody.myshopify.com", 30, now)).toBeNull();
  });
});

describe("order totals", () => {
  it("are kept from orders/create in minor units, for the rollup's revenue", async () => {
    const payload = orderPayloadSchema.parse({
      id: 501,
      admin_graphql_api_id: "gid://shopify/Order/501",
      currency: "USD",
      created_at: "2026-11-10T09:00:00Z",
      customer: null,
      line_items: [],
      total_price_set: { shop_money: { amount: "123.45" } },
    });
    await transaction(db, (tx) => orderCreated(tx, SHOP, payload));
    const row = await db.loyaltyOrder.findUnique({
      where: { shop_orderId: { shop: SHOP, orderId: "gid://shopify/Order/501" } },
    });
    expect(row).toMatchObject({ total: 12_345, currency: "USD", customerId: null });
  });
});
