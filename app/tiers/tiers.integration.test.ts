// VIP tiers on each database: orders lift members at once (with the entry bonus once and the
// multiplier from the next order), refunds never drop them before their review, the review job
// drops a level at period end, the merchant's override locks, and a ladder change re-places
// members. Payloads come from the emulator's payload builder, as Shopify would send them.
import { beforeEach, describe, expect, it } from "vitest";
import { TEST_APP_CONFIG } from "../../emulator/testing.ts";
import { Store } from "../../emulator/state/store.ts";
import type { ShopEvent, ShopRecord } from "../../emulator/state/types.ts";
import { webhookPayload } from "../../emulator/webhooks/payloads.ts";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { defaultLadder, type Ladder } from "../loyalty/tiers";
import { customerCreated, customerPayloadSchema } from "../points/customers.server";
import { orderPayloadSchema, refundPayloadSchema } from "../points/order-payload";
import { orderPaid, refundCreated } from "../points/orders.server";
import { ensureProgram } from "../points/program.server";
import { parsePayload } from "../webhooks/payload";
import { processOnce, processOnceRecordedBy } from "../webhooks/once.server";
import { saveLadder, SYNC_TIER, TIERS_APPLY } from "./ladder.server";
import { replaceMembers, reviewsDue, runTiersApply } from "./review.server";
import { overrideTier, previewLadder, TierOverrideRefused, tierDistribution } from "./views.server";

const DAY = 86_400_000;
let clock = new Date("2026-03-01T12:00:00Z");
let store: Store;
let shop: ShopRecord;
let deliveries: { topic: string; body: unknown; id: string }[];
let nextDelivery = 0;

/** Bronze from 0, Silver from $500 (×1.25, +100 points), Gold from $1,000 (×1.5, +250 points). */
const ladder = (over: Partial<Ladder> = {}): Ladder => ({ ...defaultLadder(100), enabled: true, ...over });

beforeEach(async () => {
  clock = new Date("2026-03-01T12:00:00Z");
  store = new Store(TEST_APP_CONFIG, () => clock);
  shop = store.createShop({ name: `Tiers ${Math.random().toString(36).slice(2, 8)}` });
  deliveries = [];
  store.events.on("event", (s: ShopRecord, event: ShopEvent) => {
    const { topic, body } = webhookPayload(s, event, { customerOf: (id) => s.customers.get(id), appId: 1 });
    deliveries.push({ topic, body, id: `tier-event-${++nextDelivery}` });
  });
  await db.$transaction((tx) => ensureProgram(tx, shop.domain, "USD", true, new Date("2026-01-01T00:00:00Z")));
  await transaction(db, (tx) => saveLadder(tx, shop.domain, "staff:1", ladder(), clock));
});

/** Delivers what the emulator sent since the last call, as the app's webhook routes would. */
async function deliverAll() {
  for (const d of deliveries.splice(0)) {
    const meta = { shop: shop.domain, topic: d.topic, webhookId: d.id, eventId: d.id, apiVersion: "2026-10" };
    if (d.topic === "orders/paid")
      await processOnceRecordedBy(db, meta, (tx, record) =>
        orderPaid(tx, shop.domain, parsePayload(orderPayloadSchema, d.body, d.topic), clock, record),
      );
    if (d.topic === "refunds/create")
      await processOnce(db, meta, (tx) =>
        refundCreated(tx, shop.domain, parsePayload(refundPayloadSchema, d.body, d.topic)),
      );
    if (d.topic === "customers/create")
      await processOnce(db, meta, (tx) =>
        customerCreated(tx, shop.domain, parsePayload(customerPayloadSchema, d.body, d.topic), clock),
      );
  }
}

function buy(customerId: number, price: string) {
  const order = store.createOrder(shop, {
    customerId,
    lineItems: [{ title: "Tea", price, quantity: 1 }],
    paid: true,
    createdAt: clock.toISOString(),
  });
  return order;
}

const memberOf = (customerId: number) =>
  db.member.findUniqueOrThrow({
    where: { shop_customerId: { shop: shop.domain, customerId: `gid://shopify/Customer/${customerId}` } },
  });

describe("qualifying", () => {
  it("a new member starts on the free lowest tier", async () => {
    const customer = store.createCustomer(shop, { email: "new@example.com" });
    await deliverAll();

    expect(await memberOf(customer.id)).toMatchObject({ tierId: "bronze", tierLocked: false });
  });

  it("crossing Gold lifts the member at once, gives the bonus once, and the next order earns ×1.5", async () => {
    const customer = store.createCustomer(shop, { email: "gold@example.com" });
    buy(customer.id, "1200.00");
    await deliverAll();
    let ana = await memberOf(customer.id);
    expect(ana).toMatchObject({ tierId: "gold" });
    expect(ana.tierReviewAt).toEqual(new Date("2027-03-01T12:00:00Z"));
    const changes = await db.tierChange.findMany({ where: { memberId: ana.id }, orderBy: { createdAt: "asc" } });
    expect(changes.map((c) => [c.fromTierId, c.toTierId, c.cause])).toEqual([
      [null, "bronze", "qualified"],
      ["bronze", "gold", "qualified"],
    ]);
    const bonuses = await db.ledgerEntry.findMany({ where: { memberId: ana.id, reason: "tier_bonus" } });
    expect(bonuses.map((b) => b.available)).toEqual([250]);
    // The order that crossed the line earned at Bronze: 1,200 points, 100 sign-up, 250 bonus.
    expect(ana.available).toBe(1200 + 100 + 250);
    const jobs = await db.job.findMany({ where: { shop: shop.domain, kind: SYNC_TIER } });
    expect(jobs.map((j) => j.key)).toEqual([ana.id]);

    clock = new Date(clock.getTime() + DAY);
    buy(customer.id, "100.00");
    await deliverAll();
    ana = await memberOf(customer.id);
    const extra = await db.ledgerEntry.findMany({ where: { memberId: ana.id, reason: "tier_earn" } });
    expect(extra.map((e) => e.available)).toEqual([50]);
    expect(ana.available).toBe(1550 + 150);
    // Still one bonus: reaching Gold again never pays twice.
    expect(await db.ledgerEntry.count({ where: { memberId: ana.id, reason: "tier_bonus" } })).toBe(1);
  });

  it("a refund lowers what counts, but the tier waits for the review", async () => {
    const customer = store.createCustomer(shop, { email: "refund@example.com" });
    const order = buy(customer.id, "600.00");
    await deliverAll();
    expect(await memberOf(customer.id)).toMatchObject({ tierId: "silver" });
    store.refund(shop, order.id, { lineItems: [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }] });
    await deliverAll();
    const row = await db.loyaltyOrder.findFirstOrThrow({ where: { shop: shop.domain } });
    expect(row).toMatchObject({ tierSpend: 0, tierOrders: 0 });
    expect(await memberOf(customer.id)).toMatchObject({ tierId: "silver" });
  });
});

describe("reviews", () => {
  it("at period end without qualifying spend the member drops a level; with it they stay", async () => {
    const lapsing = store.createCustomer(shop, { email: "lapsing@example.com" });
    const loyal = store.createCustomer(shop, { email: "loyal@example.com" });
    buy(lapsing.id, "1000.00");
    buy(loyal.id, "1000.00");
    await deliverAll();
    clock = new Date("2026-12-01T12:00:00Z");
    buy(loyal.id, "1000.00");
    await deliverAll();

    // A day before the review date nothing happens.
    expect(await reviewsDue(new Date("2027-02-28T12:00:00Z"))).toBe(0);
    expect(await memberOf(lapsing.id)).toMatchObject({ tierId: "gold" });

    await reviewsDue(new Date("2027-03-01T12:00:00Z"));
    const dropped = await memberOf(lapsing.id);
    expect(dropped).toMatchObject({ tierId: "silver" });
    expect(dropped.tierReviewAt).toEqual(new Date("2028-03-01T12:00:00Z"));
    const kept = await memberOf(loyal.id);
    expect(kept).toMatchObject({ tierId: "gold" });
    expect(kept.tierReviewAt).toEqual(new Date("2028-03-01T12:00:00Z"));
    const last = await db.tierChange.findFirstOrThrow({
      where: { memberId: dropped.id },
      orderBy: { createdAt: "desc" },
    });
    expect([last.fromTierId, last.toTierId, last.cause]).toEqual(["gold", "silver", "review"]);
    // Reviewed once: running again changes nothing.
    expect(await reviewsDue(new Date("2027-03-01T12:05:00Z"))).toBe(0);
  });

  it("a grace period lets a member requalify after the review date", async () => {
    await transaction(db, (tx) => saveLadder(tx, shop.domain, "staff:1", ladder({ graceDays: 30 }), clock));
    const customer = store.createCustomer(shop, { email: "grace@example.com" });
    buy(customer.id, "1000.00");
    await deliverAll();
    expect(await reviewsDue(new Date("2027-03-15T12:00:00Z"))).toBe(0);
    clock = new Date("2027-03-20T12:00:00Z");
    buy(customer.id, "1000.00");
    await deliverAll();
    await reviewsDue(new Date("2027-04-01T12:00:00Z"));
    expect(await memberOf(customer.id)).toMatchObject({ tierId: "gold" });
  });
});

describe("the merchant's hand", () => {
  it("an override locks the tier with a reason; clearing it places the member by value", async () => {
    const customer = store.createCustomer(shop, { email: "vip@example.com" });
    buy(customer.id, "100.00");
    await deliverAll();
    const vip = await memberOf(customer.id);
    await expect(overrideTier(shop.domain, vip.id, "gold", "  ", "staff:7")).rejects.toThrow(TierOverrideRefused);
    await expect(overrideTier(shop.domain, vip.id, "diamond", "press", "staff:7")).rejects.toMatchObject({
      code: "noTier",
    });
    await expect(overrideTier("other.myshopify.com", vip.id, "gold", "press", "staff:7")).rejects.toMatchObject({
      code: "noMember",
    });
    expect(await memberOf(customer.id)).toMatchObject({ tierId: "bronze", tierLocked: false });

    await overrideTier(shop.domain, vip.id, "gold", "Press partner", "staff:7");
    expect(await memberOf(customer.id)).toMatchObject({ tierId: "gold", tierLocked: true, tierReviewAt: null });
    const change = await db.tierChange.findFirstOrThrow({ where: { memberId: vip.id, cause: "override" } });
    expect(change).toMatchObject({ actor: "staff:7", note: "Press partner", toTierId: "gold" });
    expect(await db.auditLog.count({ where: { shop: shop.domain, action: "member.tier.override" } })).toBe(1);
    // No entry bonus for a tier given by hand.
    expect(await db.ledgerEntry.count({ where: { memberId: vip.id, reason: "tier_bonus" } })).toBe(0);

    await overrideTier(shop.domain, vip.id, null, "Partnership over", "staff:7");
    expect(await memberOf(customer.id)).toMatchObject({ tierId: "bronze", tierLocked: false });
  });
});

describe("ladder changes", () => {
  it("re-places members on a new ladder (nobody falls before review), previewed before saving", async () => {
    const a = store.createCustomer(shop, { email: "a@example.com" });
    const b = store.createCustomer(shop, { email: "b@example.com" });
    buy(a.id, "700.00");
    buy(b.id, "50.00");
    await deliverAll();
    expect((await memberOf(a.id)).tierId).toBe("silver");

    // Silver from $40, Gold from $600: b would reach Silver and a Gold.
    const next = ladder();
    next.tiers[1]!.threshold = 4_000;
    next.tiers[2]!.threshold = 60_000;
    const preview = await previewLadder(shop.domain, next, clock);
    expect(preview).toEqual({
      tiers: [
        { id: "bronze", qualify: 0, afterSave: 0 },
        { id: "silver", qualify: 1, afterSave: 1 },
        { id: "gold", qualify: 1, afterSave: 1 },
      ],
      none: 0,
      members: 2,
    });
    // Previewing saved nothing.
    expect((await memberOf(b.id)).tierId).toBe("bronze");

    await transaction(db, (tx) => saveLadder(tx, shop.domain, "staff:1", next, clock));
    expect(await db.job.count({ where: { shop: shop.domain, kind: TIERS_APPLY } })).toBe(1);
    const job = await db.job.findFirstOrThrow({ where: { shop: shop.domain, kind: TIERS_APPLY } });
    await runTiersApply(shop.domain, [{ ...job, payload: job.payload }], clock);
    expect((await memberOf(a.id)).tierId).toBe("gold");
    expect((await memberOf(b.id)).tierId).toBe("silver");
    const counts = await tierDistribution(shop.domain, next);
    expect(Object.fromEntries(counts)).toEqual({ silver: 1, gold: 1 });
  });

  it("a removed tier's members are placed by their value; a turn out of time says where it stopped", async () => {
    const customer = store.createCustomer(shop, { email: "moved@example.com" });
    buy(customer.id, "1100.00");
    await deliverAll();
    const noGold = ladder();
    noGold.tiers.pop();
    await transaction(db, (tx) => saveLadder(tx, shop.domain, "staff:1", noGold, clock));
    expect(await replaceMembers(shop.domain, noGold, { budgetMs: 0 }, clock)).toEqual({ next: "", moved: 0 });
    expect(await replaceMembers(shop.domain, noGold, {}, clock)).toEqual({ next: null, moved: 1 });
    const moved = await memberOf(customer.id);
    expect(moved.tierId).toBe("silver");
    const last = await db.tierChange.findFirstOrThrow({
      where: { memberId: moved.id },
      orderBy: { createdAt: "desc" },
    });
    expect(last.cause).toBe("ladder");
  });

  it("refuses an invalid ladder and saves nothing", async () => {
    const bad = ladder();
    bad.tiers[2]!.threshold = 1;
    await expect(transaction(db, (tx) => saveLadder(tx, shop.domain, "staff:1", bad, clock))).rejects.toThrow();
    const saved = await db.tierLadder.findUniqueOrThrow({ where: { shop: shop.domain } });
    expect(JSON.parse(saved.settings).tiers[2].threshold).toBe(100_000);
    expect(await db.auditLog.count({ where: { shop: shop.domain, action: "tiers.update" } })).toBe(0);
  });
});

describe("offers limited to segments", () => {
  it("a campaign for the Gold tier's segment (or lapsed members) pays only those members", async () => {
    const version = await db.earnRuleVersion.findFirstOrThrow({ where: { shop: shop.domain } });
    const rules = JSON.parse(version.rules);
    rules.campaigns = [
      {
        id: "gold-week",
        name: "Gold week",
        startsAt: "2026-01-01T00:00:00.000Z",
        endsAt: "2028-01-01T00:00:00.000Z",
        kind: "fixed",
        value: 500,
        firstOrders: null,
        segmentIds: ["tier:gold"],
        tierIds: null,
      },
    ];
    await db.earnRuleVersion.update({ where: { id: version.id }, data: { rules: JSON.stringify(rules) } });
    const gold = store.createCustomer(shop, { email: "g@example.com" });
    const plain = store.createCustomer(shop, { email: "p@example.com" });
    buy(gold.id, "1000.00");
    await deliverAll();
    clock = new Date(clock.getTime() + DAY);
    buy(gold.id, "10.00");
    buy(plain.id, "10.00");
    await deliverAll();
    const bonuses = await db.ledgerEntry.findMany({
      where: { shop: shop.domain, reason: "campaign_bonus" },
      select: { memberId: true, available: true },
    });
    // Only the Gold member's second order: they were still Bronze when the first was paid.
    expect(bonuses).toEqual([{ memberId: (await memberOf(gold.id)).id, available: 500 }]);
  });
});
