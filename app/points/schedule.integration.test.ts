import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { defaultSettings, type ProgramSettings } from "../loyalty/program";
import { processOnce } from "../webhooks/once.server";
import { parsePayload } from "../webhooks/payload";
import { orderPayloadSchema, refundPayloadSchema } from "./order-payload";
import { orderPaid, refundCreated } from "./orders.server";
import { ensureProgram } from "./program.server";
import { expireDue, settleDue } from "./schedule.server";

const shop = "schedule.myshopify.com";
const day = 86_400_000;
const t0 = new Date("2026-01-01T00:00:00Z");

const order = (id: number, price: string) => ({
  id,
  admin_graphql_api_id: `gid://shopify/Order/${id}`,
  currency: "USD",
  created_at: t0.toISOString(),
  customer: { id: 77, email: "ana@example.com" },
  line_items: [{ id: id * 10, quantity: 1, price_set: { shop_money: { amount: price } }, gift_card: false }],
});

async function setup(settings: Partial<ProgramSettings>) {
  await db.$transaction((tx) => ensureProgram(tx, shop, "USD", true, t0));
  await db.program.update({
    where: { shop },
    data: { settings: JSON.stringify({ ...defaultSettings(), ...settings }) },
  });
}

const deliver = (topic: string, id: string, work: Parameters<typeof processOnce>[2]) =>
  processOnce(db, { shop, topic, webhookId: id, eventId: id, apiVersion: "2026-10" }, work);

const member = () => db.member.findFirstOrThrow({ where: { shop } });

beforeEach(async () => {
  for (const model of [
    db.ledgerEntry,
    db.member,
    db.loyaltyOrder,
    db.earnRuleVersion,
    db.program,
    db.job,
    db.webhookEvent,
  ] as const) {
    await (model as { deleteMany: () => Promise<unknown> }).deleteMany();
  }
});

describe("settlement", () => {
  it("keeps purchase points pending for the window, then settles them once", async () => {
    await setup({ pendingDays: 14 });
    await deliver("orders/paid", "p1", (tx) =>
      orderPaid(tx, shop, parsePayload(orderPayloadSchema, order(1, "80.00"), "o"), t0),
    );
    expect(await member()).toMatchObject({ available: 0, pending: 80 });
    await deliver("refunds/create", "r1", (tx) =>
      refundCreated(
        tx,
        shop,
        parsePayload(
          refundPayloadSchema,
          {
            id: 5,
            order_id: 1,
            refund_line_items: [{ line_item_id: 10, quantity: 1, subtotal_set: { shop_money: { amount: "20.00" } } }],
          },
          "r",
        ),
      ),
    );
    expect(await member()).toMatchObject({ available: 0, pending: 60 });

    expect(await settleDue(new Date(t0.getTime() + 13 * day))).toBe(0);
    expect(await settleDue(new Date(t0.getTime() + 14 * day))).toBe(1);
    expect(await settleDue(new Date(t0.getTime() + 15 * day))).toBe(0);
    expect(await member()).toMatchObject({ available: 60, pending: 0, lifetimeEarned: 60 });
  });
});

describe("expiry", () => {
  it("takes points a year after they were earned (FIFO), once", async () => {
    await setup({ expiry: { kind: "fifo", months: 12 } });
    await deliver("orders/paid", "p1", (tx) =>
      orderPaid(tx, shop, parsePayload(orderPayloadSchema, order(1, "80.00"), "o"), t0),
    );
    const earnedAt = (await db.ledgerEntry.findFirstOrThrow({ where: { shop } })).createdAt;
    const yearLater = new Date(earnedAt.getTime() + 366 * day);
    expect(await expireDue(new Date(earnedAt.getTime() + 300 * day))).toBe(0);
    expect(await expireDue(yearLater)).toBe(80);
    expect(await expireDue(yearLater)).toBe(0);
    const after = await member();
    expect(after).toMatchObject({ available: 0, lifetimeEarned: 80 });
    const expiry = await db.ledgerEntry.findFirstOrThrow({ where: { shop, reason: "expiry" } });
    expect(expiry.available).toBe(-80);
  });

  it("expires nothing under the default policy", async () => {
    await setup({});
    await deliver("orders/paid", "p1", (tx) =>
      orderPaid(tx, shop, parsePayload(orderPayloadSchema, order(1, "80.00"), "o"), t0),
    );
    expect(await expireDue(new Date(t0.getTime() + 3650 * day))).toBe(0);
  });
});
