// Segments on a real database: the counts, one member's segments and the members-list filters
// agree with each other and with the rules in app/loyalty/segments.ts, purchases being orders
// paid and not cancelled nor fully refunded, spend the last 12 months', tiers as effectiveTier
// places members, each scoped to its shop.
import { beforeEach, describe, expect, it } from "vitest";
import db, { sql } from "../db.server";
import { transaction } from "../db/sql.server";
import { defaultLadder, type Ladder } from "../loyalty/tiers";
import { ensureProgram } from "../points/program.server";
import {
  memberSegments,
  segmentContext,
  segmentCounts,
  segmentCondition,
  segmentIdsOf,
  segmentWhere,
  type SegmentContext,
} from "./segments.server";

const SHOP = "segments.myshopify.com";
const OTHER = "other-segments.myshopify.com";
const now = new Date("2026-11-10T12:00:00Z");
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

let seq = 0;
async function member(
  id: string,
  enrolledDaysAgo: number,
  extra: { shop?: string; status?: string; tierId?: string } = {},
) {
  seq += 1;
  await db.member.create({
    data: {
      id,
      shop: extra.shop ?? SHOP,
      customerId: `gid://shopify/Customer/${seq}`,
      enrolledAt: daysAgo(enrolledDaysAgo),
      status: extra.status ?? "active",
      tierId: extra.tierId ?? null,
    },
  });
}

/** An order of the member's: paid and standing by default (tierOrders 1), spend in minor units. */
async function order(
  memberId: string,
  placedDaysAgo: number,
  spend: number,
  extra: { orders?: number; shop?: string } = {},
) {
  seq += 1;
  const orderId = `gid://shopify/Order/${seq}`;
  await db.loyaltyOrder.create({
    data: {
      shop: extra.shop ?? SHOP,
      orderId,
      memberId,
      placedAt: daysAgo(placedDaysAgo),
      state: JSON.stringify({ orderId, paid: true, cancelled: false }),
      tierSpend: spend,
      tierOrders: extra.orders ?? 1,
    },
  });
  return orderId;
}

async function saveLadder(ladder: Ladder) {
  await db.tierLadder.upsert({
    where: { shop: SHOP },
    create: { shop: SHOP, settings: JSON.stringify(ladder) },
    update: { settings: JSON.stringify(ladder) },
  });
}

const counts = async (context?: SegmentContext) =>
  Object.fromEntries((await segmentCounts(SHOP, now, context)).segments.map((s) => [s.id, s.count]));

/** The ids of the shop's active members the segment's filter selects, as the members list would. */
async function filtered(segmentId: string, context: SegmentContext) {
  const where = segmentWhere(SHOP, segmentId, now, context)!;
  const rows = await sql(db).query<{ id: string }>(
    `SELECT "id" FROM "Member" WHERE ${where.text} AND "status" = 'active' ORDER BY "id"`,
    where.args,
  );
  return rows.map((r) => r.id);
}

beforeEach(async () => {
  for (const table of ["loyaltyOrder", "member", "tierLadder"] as const) {
    await (db[table] as unknown as { deleteMany: () => Promise<unknown> }).deleteMany();
  }
  await transaction(db, (tx) => ensureProgram(tx, SHOP, "USD", true, daysAgo(1000)));
  await transaction(db, (tx) => ensureProgram(tx, OTHER, "USD", true, daysAgo(1000)));

  await member("fresh", 3); // new, never bought
  await member("quiet", 100); // none: joined 100 days ago, never bought
  await member("gone", 400); // lapsed: never bought, joined long ago
  await member("buyer", 300); // active and high value: 300 + 250 this year
  await order("buyer", 10, 30_000);
  await order("buyer", 200, 25_000);
  await order("buyer", 400, 90_000); // outside 12 months
  await member("drifting", 300); // at risk: last bought 120 days ago
  await order("drifting", 120, 1_000);
  await member("cancelled", 300); // lapsed: a cancelled order 5 days ago is no purchase
  await order("cancelled", 5, 0, { orders: 0 });
  await order("cancelled", 250, 2_000);
  await member("refunded", 300); // at risk: last spend fully refunded, the earlier one standing
  await order("refunded", 20, 0, { orders: 0 });
  await order("refunded", 95, 60_000);
  await member("redacted", 3, { status: "redacted" }); // not counted
  await order("redacted", 1, 90_000);
  await member("elsewhere", 3, { shop: OTHER }); // another shop's
  await order("elsewhere", 1, 90_000, { shop: OTHER });
});

describe("segment counts", () => {
  it("counts the shop's active members in each built-in segment", async () => {
    const result = await segmentCounts(SHOP, now);
    expect(result.members).toBe(7);
    expect(result.segments).toEqual([
      { id: "new", count: 1 },
      { id: "active", count: 1 },
      { id: "at-risk", count: 2 },
      { id: "lapsed", count: 2 },
      { id: "high-value", count: 2 },
    ]);
  });

  it("counts nothing for a shop without members, and refuses a shop without a program", async () => {
    await transaction(db, (tx) => ensureProgram(tx, "empty.myshopify.com", "EUR", true));
    const empty = await segmentCounts("empty.myshopify.com", now);
    expect(empty.members).toBe(0);
    expect(empty.segments.every((s) => s.count === 0)).toBe(true);
    await expect(segmentCounts("none.myshopify.com", now)).rejects.toThrow("has no program");
  });
});

describe("one member's segments", () => {
  it.each([
    ["fresh", ["new"]],
    ["quiet", []],
    ["gone", ["lapsed"]],
    ["buyer", ["active", "high-value"]],
    ["drifting", ["at-risk"]],
    ["cancelled", ["lapsed"]],
    ["refunded", ["at-risk", "high-value"]],
  ])("%s is in %j", async (id, expected) => {
    expect(await memberSegments(db, SHOP, id, now)).toEqual(expected);
  });

  it("is nothing for another shop's member or none at all", async () => {
    expect(await memberSegments(db, SHOP, "elsewhere", now)).toEqual([]);
    expect(await memberSegments(db, SHOP, "nobody", now)).toEqual([]);
  });

  it("judges the member as before the order being paid when told to leave it out", async () => {
    const paying = await order("drifting", 0, 80_000);
    const context = (await segmentContext(db, SHOP))!;
    expect(await memberSegments(db, SHOP, "drifting", now, { context, excludeOrderId: paying })).toEqual(["at-risk"]);
    expect(await memberSegments(db, SHOP, "drifting", now, { context })).toEqual(["active", "high-value"]);
  });

  it("reads inside a transaction too", async () => {
    const ids = await transaction(db, (tx) => memberSegments(tx, SHOP, "buyer", now));
    expect(ids).toEqual(["active", "high-value"]);
  });
});

describe("segment filters", () => {
  it("select the same members as their counts and as each member's segments", async () => {
    const context = (await segmentContext(db, SHOP))!;
    const total = await counts(context);
    const active = ["buyer", "cancelled", "drifting", "fresh", "gone", "quiet", "refunded"];
    const each = new Map(
      await Promise.all(active.map(async (id) => [id, await memberSegments(db, SHOP, id, now)] as const)),
    );
    for (const id of segmentIdsOf(context)) {
      const selected = await filtered(id, context);
      expect(selected.length, id).toBe(total[id]);
      expect(selected, id).toEqual(active.filter((m) => each.get(m)!.includes(id)));
    }
  });

  it("are null for ids that are no segment of the shop's", async () => {
    const context = (await segmentContext(db, SHOP))!;
    const arg = () => "$2";
    expect(segmentCondition("vip", now, context, arg)).toBeNull();
    expect(segmentCondition("tier:gold", now, context, arg)).toBeNull(); // no tiers yet
    expect(segmentWhere(SHOP, "", now, context)).toBeNull();
  });
});

describe("tier segments", () => {
  beforeEach(async () => {
    await member("gold", 300, { tierId: "gold" });
    await member("silver", 300, { tierId: "silver" });
    // Removed from the ladder: effectiveTier puts them on the lowest tier, as it does the unplaced.
    await member("platinum", 300, { tierId: "platinum" });
  });

  it("are none while the shop's tiers are off", async () => {
    await saveLadder(defaultLadder(100));
    const context = (await segmentContext(db, SHOP))!;
    expect(segmentIdsOf(context)).not.toContain("tier:gold");
    expect(await memberSegments(db, SHOP, "gold", now)).toEqual(["lapsed"]);
  });

  it("count, filter and name members by their effective tier", async () => {
    await saveLadder({ ...defaultLadder(100), enabled: true });
    const context = (await segmentContext(db, SHOP))!;
    expect(await counts(context)).toMatchObject({ "tier:bronze": 8, "tier:silver": 1, "tier:gold": 1 });
    expect(await filtered("tier:bronze", context)).toEqual([
      "buyer",
      "cancelled",
      "drifting",
      "fresh",
      "gone",
      "platinum",
      "quiet",
      "refunded",
    ]);
    expect(await filtered("tier:gold", context)).toEqual(["gold"]);
    expect(await memberSegments(db, SHOP, "gold", now, { context })).toEqual(["lapsed", "tier:gold"]);
    expect(await memberSegments(db, SHOP, "platinum", now, { context })).toEqual(["lapsed", "tier:bronze"]);
  });

  it("leave members with no tier out when the lowest tier asks for something", async () => {
    const ladder = { ...defaultLadder(100), enabled: true };
    ladder.tiers[0] = { ...ladder.tiers[0]!, threshold: 100 };
    await saveLadder(ladder);
    const context = (await segmentContext(db, SHOP))!;
    expect(await counts(context)).toMatchObject({ "tier:bronze": 0, "tier:silver": 1, "tier:gold": 1 });
    expect(await filtered("tier:bronze", context)).toEqual([]);
    expect(await memberSegments(db, SHOP, "fresh", now, { context })).toEqual(["new"]);
  });
});
