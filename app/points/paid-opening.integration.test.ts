// orders/paid's first round trip, on each database (one statement on PostgreSQL, several on
// SQLite): what it writes and reads must not depend on which.
import { describe, expect, it } from "vitest";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { deliveryRecord, processOnceRecordedBy } from "../webhooks/once.server";
import { openPaidOrder, type PaidOrder } from "./paid-opening.server";
import { ensureProgram } from "./program.server";

const placedAt = new Date("2026-11-20T10:00:00.000Z");
const now = new Date("2026-11-24T12:00:00.000Z");

async function shopWithProgram(live: boolean) {
  const shop = `opening-${Math.random().toString(36).slice(2)}.myshopify.com`;
  await transaction(db, (tx) => ensureProgram(tx, shop, "EUR", live, new Date("2026-01-01T00:00:00.000Z")));
  return shop;
}

const paid = (customer: number | null, order = 1): PaidOrder => ({
  orderId: `gid://shopify/Order/${order}`,
  known: {
    customerId: customer === null ? null : `gid://shopify/Customer/${customer}`,
    placedAt,
    currency: "EUR",
    total: 4_200,
  },
  details: { email: customer === null ? null : `c${customer}@example.com` },
});

const delivery = (shop: string, id: string) => ({
  shop,
  topic: "orders/paid",
  webhookId: id,
  eventId: id,
  apiVersion: "2026-10",
});

describe("openPaidOrder", () => {
  it("records the delivery, the order and the enrolled member, and reads the program and its rules", async () => {
    const shop = await shopWithProgram(true);
    const opened = await transaction(db, (tx) =>
      openPaidOrder(tx, shop, paid(7), deliveryRecord(delivery(shop, "d1")), now),
    );
    expect(opened).not.toBeNull();
    expect(opened!.row).toMatchObject({
      customerId: "gid://shopify/Customer/7",
      placedAt,
      memberId: null,
      state: { orderId: "gid://shopify/Order/1" },
    });
    expect(opened!.program).toMatchObject({ shop, currency: "EUR", live: true });
    expect(opened!.rules).toMatchObject({ version: 1 });
    expect(opened!.ladder).toBeNull();
    const member = await db.member.findFirstOrThrow({ where: { shop } });
    expect(opened!.member).toEqual({
      id: member.id,
      shop,
      customerId: "gid://shopify/Customer/7",
      status: "active",
      available: 0,
      pending: 0,
      held: 0,
      lifetimeEarned: 0,
      lifetimeRedeemed: 0,
      lastActivityAt: null,
    });
    expect(member).toMatchObject({ email: "c7@example.com", enrolledAt: now });
    expect(await db.loyaltyOrder.findFirstOrThrow({ where: { shop } })).toMatchObject({
      total: 4_200,
      currency: "EUR",
    });
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(1);
  });

  it("finds a member already enrolled, with their balance, and enrols nobody twice", async () => {
    const shop = await shopWithProgram(true);
    const existing = await db.member.create({
      data: { shop, customerId: "gid://shopify/Customer/7", available: 120, lifetimeEarned: 150, lifetimeRedeemed: 30 },
    });
    const opened = await transaction(db, (tx) => openPaidOrder(tx, shop, paid(7), null, now));
    expect(opened!.member).toMatchObject({
      id: existing.id,
      available: 120,
      lifetimeEarned: 150,
      lifetimeRedeemed: 30,
    });
    expect(await db.member.count({ where: { shop } })).toBe(1);
  });

  it("records the order but enrols nobody while the program is not live, or for a guest", async () => {
    const draft = await shopWithProgram(false);
    const opened = await transaction(db, (tx) => openPaidOrder(tx, draft, paid(7), null, now));
    expect(opened).toMatchObject({ member: null, program: { live: false } });
    expect(await db.member.count({ where: { shop: draft } })).toBe(0);
    expect(await db.loyaltyOrder.count({ where: { shop: draft } })).toBe(1);

    const live = await shopWithProgram(true);
    const guest = await transaction(db, (tx) => openPaidOrder(tx, live, paid(null), null, now));
    expect(guest).toMatchObject({ member: null, program: { live: true }, row: { customerId: null } });
    expect(await db.member.count({ where: { shop: live } })).toBe(0);
  });

  it("reads no program for a shop without one, and still records the order", async () => {
    const shop = `no-program-${Math.random().toString(36).slice(2)}.myshopify.com`;
    const opened = await transaction(db, (tx) => openPaidOrder(tx, shop, paid(7), null, now));
    expect(opened).toMatchObject({ program: null, rules: null, ladder: null, member: null });
    expect(await db.loyaltyOrder.count({ where: { shop } })).toBe(1);
  });

  it("answers null for a delivery processed before, and the repeat's writes roll back", async () => {
    const shop = await shopWithProgram(true);
    const first = await processOnceRecordedBy(db, delivery(shop, "d1"), async (tx, record) => {
      return (await openPaidOrder(tx, shop, paid(7), record, now)) !== null;
    });
    expect(first).toBe(true);
    const before = await db.loyaltyOrder.findFirstOrThrow({ where: { shop } });
    // The repeat names another order and customer: neither may be left behind.
    let answer: unknown = "not run";
    const repeat = await processOnceRecordedBy(db, delivery(shop, "d1"), async (tx, record) => {
      answer = await openPaidOrder(tx, shop, paid(8, 2), record, new Date(now.getTime() + 60_000));
      return answer !== null;
    });
    expect(answer).toBeNull();
    expect(repeat).toBe(false);
    expect(await db.loyaltyOrder.findMany({ where: { shop } })).toEqual([before]);
    expect(await db.member.findMany({ where: { shop }, select: { customerId: true } })).toEqual([
      { customerId: "gid://shopify/Customer/7" },
    ]);
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(1);
  });
});
