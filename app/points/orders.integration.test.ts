// The points engine on each database: real payloads (from the emulator's payload builder), the
// exactly-once transaction, the ledger and the balance projection, concurrent deliveries.
import { beforeEach, describe, expect, it } from "vitest";
import { TEST_APP_CONFIG } from "../../emulator/testing.ts";
import { Store } from "../../emulator/state/store.ts";
import type { ShopEvent, ShopRecord } from "../../emulator/state/types.ts";
import { webhookPayload } from "../../emulator/webhooks/payloads.ts";
import db from "../db.server";
import { processOnce, processOnceRecordedBy } from "../webhooks/once.server";
import { customerCreated, customerPayloadSchema } from "./customers.server";
import { parsePayload } from "../webhooks/payload";
import { orderPayloadSchema, refundPayloadSchema } from "./order-payload";
import { orderCancelled, orderPaid, refundCreated } from "./orders.server";
import { ensureProgram } from "./program.server";

const app = TEST_APP_CONFIG;

let store: Store;
let shop: ShopRecord;
let deliveries: { topic: string; body: unknown; id: string }[];
let nextDelivery = 0;

beforeEach(async () => {
  store = new Store(app, () => new Date("2026-11-10T12:00:00Z"));
  shop = store.createShop({ name: `Shop ${Math.random().toString(36).slice(2, 8)}` });
  deliveries = [];
  store.events.on("event", (s: ShopRecord, event: ShopEvent) => {
    const { topic, body } = webhookPayload(s, event, { customerOf: (id) => s.customers.get(id), appId: 1 });
    deliveries.push({ topic, body, id: `event-${++nextDelivery}` });
  });
  await db.$transaction((tx) => ensureProgram(tx, shop.domain, "USD", true, new Date("2026-01-01T00:00:00Z")));
});

async function deliver(delivery: { topic: string; body: unknown; id: string }) {
  const meta = {
    shop: shop.domain,
    topic: delivery.topic,
    webhookId: delivery.id,
    eventId: delivery.id,
    apiVersion: "2026-10",
  };
  switch (delivery.topic) {
    case "orders/paid":
      return processOnceRecordedBy(db, meta, (tx, record) =>
        orderPaid(tx, shop.domain, parsePayload(orderPayloadSchema, delivery.body, "orders/paid"), new Date(), record),
      );
    case "orders/cancelled":
      return processOnce(db, meta, (tx) =>
        orderCancelled(tx, shop.domain, parsePayload(orderPayloadSchema, delivery.body, "c")),
      );
    case "refunds/create":
      return processOnce(db, meta, (tx) =>
        refundCreated(tx, shop.domain, parsePayload(refundPayloadSchema, delivery.body, "r")),
      );
    case "customers/create":
      return processOnce(db, meta, (tx) =>
        customerCreated(tx, shop.domain, parsePayload(customerPayloadSchema, delivery.body, "cc")),
      );
    default:
      return false;
  }
}

const member = (customerId: number) =>
  db.member.findUniqueOrThrow({
    where: { shop_customerId: { shop: shop.domain, customerId: `gid://shopify/Customer/${customerId}` } },
  });

async function ledgerMatchesBalance(memberId: string) {
  const [entries, row] = await Promise.all([
    db.ledgerEntry.findMany({ where: { memberId } }),
    db.member.findUniqueOrThrow({ where: { id: memberId } }),
  ]);
  const sum = (field: "available" | "pending" | "lifetimeEarned") => entries.reduce((s, e) => s + e[field], 0);
  expect({ available: sum("available"), pending: sum("pending"), lifetimeEarned: sum("lifetimeEarned") }).toEqual({
    available: row.available,
    pending: row.pending,
    lifetimeEarned: row.lifetimeEarned,
  });
}

describe("points engine on the database", () => {
  it("earns, reverses and ignores repeats", async () => {
    const customer = store.createCustomer(shop, { email: "ana@example.com" });
    const order = store.createOrder(shop, {
      customerId: customer.id,
      lineItems: [{ title: "Tea", price: "40.00", quantity: 2 }],
      paid: true,
    });
    store.refund(shop, order.id, { lineItems: [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }] });
    for (const delivery of [...deliveries, ...deliveries]) await deliver(delivery);
    const ana = await member(customer.id);
    expect(ana).toMatchObject({ available: 140, lifetimeEarned: 140 });
    await ledgerMatchesBalance(ana.id);
  });

  it("handles a refund and a cancellation that arrive before the payment", async () => {
    const customer = store.createCustomer(shop, { email: "ivan@example.com" });
    const order = store.createOrder(shop, {
      customerId: customer.id,
      lineItems: [{ title: "Mug", price: "30.00", quantity: 3 }],
      paid: true,
    });
    store.refund(shop, order.id, { lineItems: [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }] });
    for (const delivery of [...deliveries].reverse()) await deliver(delivery);
    const ivan = await member(customer.id);
    // 90 earned, a third refunded: 60, plus the sign-up bonus.
    expect(ivan).toMatchObject({ available: 160 });
    await ledgerMatchesBalance(ivan.id);

    store.cancel(shop, order.id, {});
    const late = deliveries.slice(-2);
    for (const delivery of late.reverse()) await deliver(delivery);
    expect(await member(customer.id)).toMatchObject({ available: 100, lifetimeEarned: 100 });
  });

  it("gives a first-order campaign's bonus to the customer's first order only", async () => {
    const version = await db.earnRuleVersion.findFirstOrThrow({ where: { shop: shop.domain } });
    const rules = JSON.parse(version.rules);
    rules.campaigns = [
      {
        id: "welcome",
        name: "First order bonus",
        startsAt: "2026-01-01T00:00:00.000Z",
        endsAt: "2027-01-01T00:00:00.000Z",
        kind: "fixed",
        value: 100,
        firstOrders: 1,
        segmentIds: null,
        tierIds: null,
      },
    ];
    await db.earnRuleVersion.update({ where: { id: version.id }, data: { rules: JSON.stringify(rules) } });
    const customer = store.createCustomer(shop, { email: "first@example.com" });
    store.createOrder(shop, {
      customerId: customer.id,
      lineItems: [{ title: "A", price: "10.00", quantity: 1 }],
      paid: true,
      createdAt: "2026-11-01T00:00:00Z",
    });
    store.createOrder(shop, {
      customerId: customer.id,
      lineItems: [{ title: "B", price: "10.00", quantity: 1 }],
      paid: true,
      createdAt: "2026-11-02T00:00:00Z",
    });
    for (const delivery of deliveries) await deliver(delivery);
    const first = await member(customer.id);
    // 100 sign-up + (10 + 100 welcome) + 10.
    expect(first).toMatchObject({ available: 220 });
    const bonuses = await db.ledgerEntry.findMany({ where: { memberId: first.id, reason: "campaign_bonus" } });
    expect(bonuses.map((e) => [e.key, e.available])).toEqual([
      [`campaign:welcome:gid://shopify/Order/${[...shop.orders.values()][0]!.id}`, 100],
    ]);
  });

  it("keeps one member's balance exact under concurrent deliveries", async () => {
    const customer = store.createCustomer(shop, { email: "mia@example.com" });
    for (let i = 0; i < 6; i++) {
      store.createOrder(shop, {
        customerId: customer.id,
        lineItems: [{ title: `Item ${i}`, price: "10.00", quantity: 1 }],
        paid: true,
      });
    }
    await deliver(deliveries.find((d) => d.topic === "customers/create")!);
    // Retried until each lands: a conflicting concurrent write fails the delivery, as Shopify would retry it.
    const pending = deliveries.filter((d) => d.topic === "orders/paid");
    for (let round = 0; pending.length > 0 && round < 10; round++) {
      const results = await Promise.allSettled(pending.map((d) => deliver(d)));
      for (let i = results.length - 1; i >= 0; i--) if (results[i]!.status === "fulfilled") pending.splice(i, 1);
    }
    expect(pending).toEqual([]);
    const mia = await member(customer.id);
    expect(mia).toMatchObject({ available: 160, lifetimeEarned: 160 });
    await ledgerMatchesBalance(mia.id);
  });
});
