// Issue 8's acceptance, through the emulator: a member crosses the Gold threshold → their next
// order gets Gold's automatic discount without a code and earns ×1.5 points; at period end
// without qualifying spend they drop a level, and the segment and discount follow. Orders are
// placed in the emulator (which applies automatic discounts as Shopify's checkout would) and
// their webhook payloads handed to the app's handlers; the worker talks to the emulator's Admin
// API over HTTP. Time is moved by passing `now`, as the scheduler would reach that day.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { Emulator } from "../../emulator/http/server.ts";
import type { ShopEvent, ShopRecord } from "../../emulator/state/types.ts";
import { webhookPayload } from "../../emulator/webhooks/payloads.ts";
import { emulatorControl } from "../../test/emulator-control";
import { startRoutedEmulator } from "../../test/routed-emulator";
import { installOfflineSession } from "../../test/shopify";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { runDueJobs } from "../jobs/worker.server";
import { defaultLadder, type Ladder } from "../loyalty/tiers";
import { customerCreated, customerPayloadSchema } from "../points/customers.server";
import { SYNC_MEMBER } from "../points/ledger.server";
import { orderPayloadSchema } from "../points/order-payload";
import { orderPaid } from "../points/orders.server";
import { ensureProgram } from "../points/program.server";
import { syncMembers } from "../points/sync.server";
import { recordInstall } from "../shops.server";
import { parsePayload } from "../webhooks/payload";
import { processOnce, processOnceRecordedBy } from "../webhooks/once.server";
import { saveLadder, SYNC_TIER, SYNC_TIER_DISCOUNTS, TIERS_APPLY } from "./ladder.server";
import { reviewsDue, runTiersApply } from "./review.server";
import { syncMemberTiers, syncTierDiscounts } from "./shopify.server";

const HOUR = 3_600_000;
let emulator: Emulator;
let shop: string;
let sent: { topic: string; body: unknown; id: string }[] = [];
let nextId = 0;

const control = (pathname: string, body?: unknown, method?: string) =>
  emulatorControl(emulator.url)(pathname, body, method);

const handlers = {
  [SYNC_TIER_DISCOUNTS]: syncTierDiscounts,
  [SYNC_TIER]: syncMemberTiers,
  [SYNC_MEMBER]: syncMembers,
  [TIERS_APPLY]: runTiersApply,
};

/**
 * The worker until the queue is empty (other kinds, such as the catalog's publication, dropped).
 * Jobs queued at a moved `now` are due by then: they are made due at once.
 */
async function work() {
  await db.job.deleteMany({ where: { shop, kind: { notIn: Object.keys(handlers) } } });
  await db.job.updateMany({ where: { shop, status: "queued" }, data: { runAt: new Date(0) } });
  for (let turn = 0; turn < 20 && (await runDueJobs(handlers)) > 0; turn++);
  expect(
    await db.job.findMany({ where: { shop, status: { not: "done" } }, select: { kind: true, lastError: true } }),
  ).toEqual([]);
}

/** Hands what the emulator sent since the last call to the app's handlers, at `now`. */
async function deliver(now: Date) {
  for (const d of sent.splice(0)) {
    const meta = { shop, topic: d.topic, webhookId: d.id, eventId: d.id, apiVersion: "2026-10" };
    if (d.topic === "customers/create")
      await processOnce(db, meta, (tx) =>
        customerCreated(tx, shop, parsePayload(customerPayloadSchema, d.body, d.topic), now),
      );
    if (d.topic === "orders/paid")
      await processOnceRecordedBy(db, meta, (tx, record) =>
        orderPaid(tx, shop, parsePayload(orderPayloadSchema, d.body, d.topic), now, record),
      );
  }
}

/** A paid order for $`price` of tea at `at`, as placed at checkout: which automatic discounts applied. */
async function buy(customerId: number, price: string, at: Date) {
  const { gid } = await control(`/shops/${shop}/orders`, {
    customerId,
    lineItems: [{ title: "Tea", price, quantity: 1 }],
    paid: true,
    createdAt: at.toISOString(),
  });
  const placed = (await control(`/shops/${shop}/state`)).orders.find((o: { gid: string }) => o.gid === gid);
  await deliver(at);
  return { gid: gid as string, discounts: placed.automaticDiscounts as string[], codes: placed.discountCodes };
}

const tagsOf = async (gid: string) =>
  (await control(`/shops/${shop}/state`)).customers.find((c: { gid: string }) => c.gid === gid).tags as string[];

/** Silver from $500 (3 %, ×1.25), Gold from $1,000 (5 %, ×1.5), on spend over a rolling year. */
function ladder(): Ladder {
  const base = defaultLadder(100);
  return {
    ...base,
    enabled: true,
    metric: "spend",
    window: "rolling12",
    downgrade: "oneLevel",
    tiers: base.tiers.map((t) => ({ ...t, perks: { ...t.perks, entryBonus: 0, freeShippingOver: null } })),
  };
}

beforeAll(async () => {
  emulator = await startRoutedEmulator();
  emulator.store.events.on("event", (s: ShopRecord, event: ShopEvent) => {
    if (s.domain !== shop) return;
    const { topic, body } = webhookPayload(s, event, { customerOf: (id) => s.customers.get(id), appId: 1 });
    sent.push({ topic, body, id: `acceptance-${++nextId}` });
  });
});

afterAll(() => emulator.close());

beforeEach(async () => {
  const created = await control("/shops", { name: `Gold ${Math.random().toString(36).slice(2, 8)}`, openApp: false });
  shop = created.shop.domain;
  sent = [];
  await installOfflineSession(shop, created.app.accessToken);
  await recordInstall(db, shop);
  await transaction(db, (tx) => ensureProgram(tx, shop, "USD", true));
});

it("Gold on crossing the threshold: the next order gets 5 % with no code and ×1.5 points; a level down at period end, discount following", async () => {
  const t0 = new Date();
  await transaction(db, (tx) => saveLadder(tx, shop, "staff:1", ladder(), t0));
  await work();
  const ana = await control(`/shops/${shop}/customers`, { email: "ana@example.com", firstName: "Ana" });
  await deliver(t0);

  // $1,100 crosses Gold's $1,000: the member is Gold at once, and Shopify learns it (tag, metafield).
  const first = await buy(ana.id, "1100.00", t0);
  expect(first.discounts).toEqual([]);
  const member = await db.member.findUniqueOrThrow({ where: { shop_customerId: { shop, customerId: ana.gid } } });
  expect(member.tierId).toBe("gold");
  await work();
  expect(await tagsOf(ana.gid)).toContain("laurel-tier-gold");

  // The next order: Gold's automatic discount, no code; points ×1.5 on what was paid.
  const second = await buy(ana.id, "100.00", new Date(t0.getTime() + HOUR));
  expect(second.discounts).toEqual(["Gold member discount — 5%"]);
  expect(second.codes).toEqual([]);
  const earned = await db.ledgerEntry.findMany({
    where: { shop, orderId: second.gid, reason: { in: ["earn_purchase", "tier_earn"] } },
    orderBy: { reason: "asc" },
  });
  // $95.00 after the 5 %: 95 points, and Gold's half again, rounded down.
  expect(earned.map((e) => [e.reason, e.available])).toEqual([
    ["earn_purchase", 95],
    ["tier_earn", 47],
  ]);

  // A year on, nothing more spent: the review drops Ana one level, and Shopify follows.
  const reviewAt = (await db.member.findUniqueOrThrow({ where: { id: member.id } })).tierReviewAt!;
  expect(reviewAt.getTime()).toBeGreaterThan(t0.getTime());
  expect(await reviewsDue(new Date(reviewAt.getTime() - HOUR))).toBe(0);
  await reviewsDue(reviewAt);
  expect((await db.member.findUniqueOrThrow({ where: { id: member.id } })).tierId).toBe("silver");
  await work();
  const tags = await tagsOf(ana.gid);
  expect(tags).toContain("laurel-tier-silver");
  expect(tags).not.toContain("laurel-tier-gold");
  // The discounts' lease is renewed as the scheduler would on that day.
  await syncTierDiscounts(shop, [], reviewAt);

  const third = await buy(ana.id, "100.00", new Date(reviewAt.getTime() + HOUR));
  expect(third.discounts).toEqual(["Silver member discount — 3%"]);
  const later = await db.ledgerEntry.findMany({
    where: { shop, orderId: third.gid, reason: { in: ["earn_purchase", "tier_earn"] } },
    orderBy: { reason: "asc" },
  });
  expect(later.map((e) => [e.reason, e.available])).toEqual([
    ["earn_purchase", 97],
    ["tier_earn", 24],
  ]);
});
