// The segments page's loader through the admin's real authentication: the signed-in shop's
// counts only, with the thresholds the descriptions name, and 404 for a shop without a program.
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { ensureProgram } from "../points/program.server";
import { adminRequest, args, installOfflineSession, TEST_SHOP } from "../../test/shopify";
import { loader } from "./app.segments";

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

beforeEach(async () => {
  await db.loyaltyOrder.deleteMany();
  await db.member.deleteMany();
  await db.program.deleteMany();
  await installOfflineSession();
});

describe("/app/segments", () => {
  it("counts the signed-in shop's members in each segment", async () => {
    await transaction(db, (tx) => ensureProgram(tx, TEST_SHOP, "EUR", true));
    await db.member.createMany({
      data: [
        { id: "a", shop: TEST_SHOP, customerId: "gid://shopify/Customer/1", enrolledAt: daysAgo(2) },
        { id: "b", shop: TEST_SHOP, customerId: "gid://shopify/Customer/2", enrolledAt: daysAgo(300) },
        { id: "c", shop: "other.myshopify.com", customerId: "gid://shopify/Customer/1", enrolledAt: daysAgo(2) },
      ],
    });
    await db.loyaltyOrder.create({
      data: {
        shop: TEST_SHOP,
        orderId: "gid://shopify/Order/1",
        memberId: "b",
        placedAt: daysAgo(120),
        state: "{}",
        tierSpend: 60_000,
        tierOrders: 1,
      },
    });

    const page = await loader(args(await adminRequest("/app/segments")));

    expect(page).toMatchObject({
      currency: "EUR",
      settings: { newDays: 30, atRiskAfterDays: 90, lapsedAfterDays: 180, highValueSpend: 50_000 },
      members: 2,
      tiersOn: false,
    });
    expect(page.segments).toEqual([
      { id: "new", count: 1, tier: null },
      { id: "active", count: 0, tier: null },
      { id: "at-risk", count: 1, tier: null },
      { id: "lapsed", count: 0, tier: null },
      { id: "high-value", count: 1, tier: null },
    ]);
  });

  it("answers 404 when the shop has no program", async () => {
    const thrown = await loader(args(await adminRequest("/app/segments"))).catch((error: unknown) => error);
    expect((thrown as Response).status).toBe(404);
  });
});
