// The members admin on each database: search and filters as one portable statement, paging and
// counting, the member page, manual adjustments (once per key, never below zero, audited, scoped
// by shop) and bulk adjustments run in batches by the worker.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { runDueJobs } from "../jobs/worker.server";
import { entry } from "../loyalty/ledger";
import { defaultLadder } from "../loyalty/tiers";
import { append, lockedMember, SYNC_MEMBER } from "../points/ledger.server";
import { ensureProgram } from "../points/program.server";
import { membersCsv } from "./export.server";
import { BULK_ADJUST, recentBulkJobs, runBulkAdjust, runBulkBatch, startBulkAdjust } from "./members-bulk.server";
import { DEFAULT_FILTER, type MemberFilter } from "./members-form";
import {
  adjustMember,
  AdjustmentRefused,
  countMembers,
  filterChoices,
  filterContext,
  ledgerPage,
  listMembers,
  memberDetail,
  MemberNotFound,
  segmentOptions,
  whereOf,
} from "./members.server";

const DAY = 24 * 60 * 60_000;
const now = new Date("2026-11-20T12:00:00Z");
const newShop = () => `members-${randomUUID().slice(0, 8)}.myshopify.com`;
const filter = (f: Partial<MemberFilter> = {}): MemberFilter => ({ ...DEFAULT_FILTER, ...f });
const key = () => randomUUID();

interface Seed {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  available?: number;
  lastActivityAt?: Date | null;
  status?: string;
  enrolledAt?: Date;
}

async function seed(shop: string, members: Seed[]) {
  const created = [];
  for (const [i, m] of members.entries()) {
    created.push(
      await db.member.create({
        data: {
          shop,
          customerId: `gid://shopify/Customer/${i + 1}`,
          email: m.email ?? null,
          firstName: m.firstName ?? null,
          lastName: m.lastName ?? null,
          available: m.available ?? 0,
          lifetimeEarned: m.available ?? 0,
          lastActivityAt: m.lastActivityAt ?? null,
          status: m.status ?? "active",
          enrolledAt: m.enrolledAt ?? new Date(now.getTime() - 100 * DAY),
        },
      }),
    );
  }
  return created;
}

const emails = (list: { members: { email: string | null }[] }) => list.members.map((m) => m.email);

describe("member list", () => {
  it("finds members by part of an email, first or last name, in any case, only in the shop", async () => {
    const shop = newShop();
    await seed(shop, [
      { email: "ana@example.com", firstName: "Ana", lastName: "López" },
      { email: "BORIS@example.com", firstName: "Boris", lastName: "Anatolyev" },
      { email: "cleo@shop.test", firstName: "Cleo", lastName: "Smith" },
    ]);
    await seed(newShop(), [{ email: "ana@elsewhere.com", firstName: "Ana" }]);

    expect(emails(await listMembers(shop, filter({ search: "ANA" }), 1, now)).sort()).toEqual([
      "BORIS@example.com",
      "ana@example.com",
    ]);
    expect(emails(await listMembers(shop, filter({ search: "boris@EX" }), 1, now))).toEqual(["BORIS@example.com"]);
    expect(emails(await listMembers(shop, filter({ search: "smith" }), 1, now))).toEqual(["cleo@shop.test"]);
    expect((await listMembers(shop, filter(), 1, now)).total).toEqual({ count: 3, capped: false });
  });

  it("matches % and _ in a search literally", async () => {
    const shop = newShop();
    await seed(shop, [{ email: "a_b@example.com" }, { email: "axb@example.com" }, { email: "100%@example.com" }]);
    expect(emails(await listMembers(shop, filter({ search: "a_b" }), 1, now))).toEqual(["a_b@example.com"]);
    expect(emails(await listMembers(shop, filter({ search: "%" }), 1, now))).toEqual(["100%@example.com"]);
  });

  it("filters by balance range, activity and status", async () => {
    const shop = newShop();
    await seed(shop, [
      { email: "low", available: 10, lastActivityAt: new Date(now.getTime() - 2 * DAY) },
      { email: "mid", available: 500, lastActivityAt: new Date(now.getTime() - 40 * DAY) },
      { email: "high", available: 5000, lastActivityAt: null },
      { email: "gone", available: 700, status: "redacted" },
    ]);
    const sorted = async (f: Partial<MemberFilter>) => emails(await listMembers(shop, filter(f), 1, now)).sort();

    expect(await sorted({ minBalance: 100, maxBalance: 1000 })).toEqual(["mid"]);
    expect(await sorted({ minBalance: 500 })).toEqual(["high", "mid"]);
    expect(await sorted({ activity: "active", days: 30 })).toEqual(["low"]);
    expect(await sorted({ activity: "inactive", days: 30 })).toEqual(["high", "mid"]);
    expect(await sorted({ status: "redacted" })).toEqual(["gone"]);
    expect(await sorted({ status: "all", minBalance: 600 })).toEqual(["gone", "high"]);
  });

  it("sorts by balance or last activity (never-active members last) and pages without overlap", async () => {
    const shop = newShop();
    await seed(
      shop,
      Array.from({ length: 7 }, (_, i) => ({
        email: `m${i}`,
        available: i * 10,
        lastActivityAt: i === 3 ? null : new Date(now.getTime() - i * DAY),
      })),
    );
    const first = await listMembers(shop, filter(), 1, now, 3);
    const second = await listMembers(shop, filter(), 2, now, 3);
    const third = await listMembers(shop, filter(), 3, now, 3);
    expect([first, second, third].map((p) => [emails(p), p.hasNext])).toEqual([
      [["m6", "m5", "m4"], true],
      [["m3", "m2", "m1"], true],
      [["m0"], false],
    ]);
    expect(emails(await listMembers(shop, filter({ sort: "balance_asc" }), 1, now, 2))).toEqual(["m0", "m1"]);
    expect(emails(await listMembers(shop, filter({ sort: "activity_desc" }), 1, now, 10))).toEqual([
      "m0",
      "m1",
      "m2",
      "m4",
      "m5",
      "m6",
      "m3",
    ]);
    expect(emails(await listMembers(shop, filter({ sort: "activity_asc" }), 1, now, 10))).toEqual([
      "m6",
      "m5",
      "m4",
      "m2",
      "m1",
      "m0",
      "m3",
    ]);
  });

  it("counts only up to the cap", async () => {
    const shop = newShop();
    await seed(
      shop,
      Array.from({ length: 5 }, (_, i) => ({ email: `c${i}` })),
    );
    const where = whereOf(shop, filter(), now);
    expect(await countMembers(where, 3)).toEqual({ count: 3, capped: true });
    expect(await countMembers(where, 5)).toEqual({ count: 5, capped: false });
  });
});

describe("member page", () => {
  it("shows balances, the ledger a page at a time, codes and orders; another shop's member is not found", async () => {
    const shop = newShop();
    const [member] = await seed(shop, [{ email: "ana@example.com", available: 0 }]);
    await transaction(db, async (tx) => {
      const locked = await lockedMember(tx, member!.id);
      const entries = Array.from({ length: 30 }, (_, i) =>
        entry("earn_action", `e${i}`, { available: 10, lifetimeEarned: 10 }, { note: `n${i}` }),
      );
      await append(tx, locked, entries, { allowNegative: false }, null, now);
    });
    await db.redemption.createMany({
      data: [
        {
          shop,
          memberId: member!.id,
          rewardId: "r1",
          idempotencyKey: "k1",
          code: "LAUREL-USED",
          points: 100,
          discount: "{}",
          title: "$5 off",
          status: "issued",
          endsAt: new Date(now.getTime() + DAY),
          usedAt: now,
        },
        {
          shop,
          memberId: member!.id,
          rewardId: "r1",
          idempotencyKey: "k2",
          code: "LAUREL-OLD",
          points: 100,
          discount: "{}",
          title: "$5 off",
          status: "issued",
          endsAt: new Date(now.getTime() - DAY),
        },
      ],
    });
    await db.loyaltyOrder.create({
      data: {
        shop,
        orderId: "gid://shopify/Order/77",
        memberId: member!.id,
        state: JSON.stringify({
          orderId: "77",
          earned: 120,
          reversed: 20,
          pendingUntil: null,
          settled: false,
          cancelled: false,
        }),
      },
    });

    const detail = await memberDetail(shop, member!.id, null, now);
    expect(detail).toMatchObject({ available: 300, lifetimeEarned: 300, email: "ana@example.com" });
    expect(detail!.ledger.entries).toHaveLength(25);
    expect(detail!.codes.map((c) => [c.code, c.status]).sort()).toEqual([
      ["LAUREL-OLD", "expired"],
      ["LAUREL-USED", "used"],
    ]);
    expect(detail!.orders).toEqual([
      expect.objectContaining({ orderId: "gid://shopify/Order/77", points: 100, pending: false, cancelled: false }),
    ]);
    const rest = await ledgerPage(shop, member!.id, detail!.ledger.next);
    expect(rest.entries).toHaveLength(5);
    expect(rest.next).toBeNull();
    const all = [...detail!.ledger.entries, ...rest.entries].map((e) => e.note);
    expect(new Set(all).size).toBe(30);

    expect(await memberDetail(newShop(), member!.id)).toBeNull();
  });
});

describe("manual adjustment", () => {
  it("adds points once per key, audited with the balance before and after, and queues the sync", async () => {
    const shop = newShop();
    const [member] = await seed(shop, [{ available: 100 }]);
    const input = { points: 50, reason: "Goodwill for a late parcel", idempotencyKey: key() };

    const first = await adjustMember(shop, member!.id, input, "staff:7", now);
    const again = await adjustMember(shop, member!.id, { ...input, points: 999 }, "staff:7", now);

    expect(first).toMatchObject({ points: 50, before: 100, after: 150, repeated: false });
    expect(again).toEqual({ ...first, repeated: true });
    expect(await db.member.findUniqueOrThrow({ where: { id: member!.id } })).toMatchObject({
      available: 150,
      lifetimeEarned: 150,
      lastActivityAt: now,
    });
    const entries = await db.ledgerEntry.findMany({ where: { shop } });
    expect(entries).toEqual([
      expect.objectContaining({
        reason: "manual_adjustment",
        key: `manual:${input.idempotencyKey}`,
        available: 50,
        note: "Goodwill for a late parcel",
      }),
    ]);
    const audits = await db.auditLog.findMany({ where: { shop } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: "staff:7", action: "member.adjust", subject: member!.id });
    expect(JSON.parse(audits[0]!.before!)).toEqual({ available: 100 });
    expect(JSON.parse(audits[0]!.after!)).toMatchObject({ available: 150, points: 50, reason: input.reason });
    expect(await db.job.findMany({ where: { shop, kind: SYNC_MEMBER } })).toEqual([
      expect.objectContaining({ key: member!.id, status: "queued" }),
    ]);
  });

  it("answers concurrent submits of one key with one adjustment", async () => {
    const shop = newShop();
    const [member] = await seed(shop, [{ available: 10 }]);
    const input = { points: 5, reason: "double click", idempotencyKey: key() };
    const results = await Promise.allSettled([
      adjustMember(shop, member!.id, input, "staff:7", now),
      adjustMember(shop, member!.id, input, "staff:7", now),
    ]);
    expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    expect((await db.member.findUniqueOrThrow({ where: { id: member!.id } })).available).toBe(15);
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(1);
  });

  it("takes points down to zero but refuses to go below, changing nothing", async () => {
    const shop = newShop();
    const [member] = await seed(shop, [{ available: 100 }]);
    const refused = await adjustMember(
      shop,
      member!.id,
      { points: -101, reason: "oops", idempotencyKey: key() },
      "staff:7",
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AdjustmentRefused);
    expect((refused as AdjustmentRefused).errors).toEqual({ points: "members.error.belowZero" });
    expect(await db.member.findUniqueOrThrow({ where: { id: member!.id } })).toMatchObject({ available: 100 });
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(0);
    expect(await db.auditLog.count({ where: { shop } })).toBe(0);
    expect(await db.job.count({ where: { shop } })).toBe(0);

    const zero = await adjustMember(
      shop,
      member!.id,
      { points: -100, reason: "all", idempotencyKey: key() },
      "staff:7",
    );
    expect(zero.after).toBe(0);
  });

  it("refuses bad input with a message per field", async () => {
    const shop = newShop();
    const [member] = await seed(shop, [{ available: 100 }]);
    const refused = (await adjustMember(
      shop,
      member!.id,
      { points: 0, reason: "  ", idempotencyKey: "x" },
      "staff:7",
    ).catch((e: unknown) => e)) as AdjustmentRefused;
    expect(refused.errors).toEqual({
      points: "members.error.points",
      reason: "members.error.reason",
      idempotencyKey: "members.error.stale",
    });
    const tooMany = (await adjustMember(
      shop,
      member!.id,
      { points: 1_000_001, reason: "r", idempotencyKey: key() },
      "staff:7",
    ).catch((e: unknown) => e)) as AdjustmentRefused;
    expect(tooMany.errors).toEqual({ points: "members.error.points" });
  });

  it("does not find another shop's member, nor adjust an erased one", async () => {
    const shop = newShop();
    const [member, erased] = await seed(shop, [{ available: 100 }, { available: 100, status: "redacted" }]);
    await expect(
      adjustMember(newShop(), member!.id, { points: 5, reason: "r", idempotencyKey: key() }, "staff:7"),
    ).rejects.toBeInstanceOf(MemberNotFound);
    await expect(
      adjustMember(shop, erased!.id, { points: 5, reason: "r", idempotencyKey: key() }, "staff:7"),
    ).rejects.toBeInstanceOf(AdjustmentRefused);
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(0);
  });
});

describe("bulk adjustment", () => {
  it("queues one job for the filtered members, audited once; the same key queues nothing more", async () => {
    const shop = newShop();
    await seed(shop, [
      { available: 10 },
      { available: 500 },
      { available: 900 },
      { available: 800, status: "redacted" },
    ]);
    const input = { points: 25, reason: "Black Friday", idempotencyKey: key() };
    const f = filter({ minBalance: 100, search: "" });

    const started = await startBulkAdjust(shop, f, input, "staff:7", now);
    const again = await startBulkAdjust(shop, f, input, "staff:7", now);

    expect(started).toMatchObject({ status: "queued", matched: 2, applied: 0, points: 25 });
    expect(again).toMatchObject({ key: started.key, matched: 2 });
    expect(await db.job.count({ where: { shop, kind: BULK_ADJUST } })).toBe(1);
    const audits = await db.auditLog.findMany({ where: { shop } });
    expect(audits.map((a) => a.action)).toEqual(["member.bulk_adjust"]);
    expect(JSON.parse(audits[0]!.after!)).toMatchObject({
      count: 2,
      points: 25,
      reason: "Black Friday",
      searched: false,
    });
  });

  it("selects a tier as the list does: the free lowest tier takes in members not yet placed", async () => {
    const shop = newShop();
    const [unplaced, bronze, gold] = await seed(shop, [{ available: 10 }, { available: 20 }, { available: 30 }]);
    await db.member.update({ where: { id: bronze!.id }, data: { tierId: "bronze" } });
    await db.member.update({ where: { id: gold!.id }, data: { tierId: "gold" } });
    await db.tierLadder.create({ data: { shop, settings: JSON.stringify({ ...defaultLadder(100), enabled: true }) } });
    const started = await startBulkAdjust(
      shop,
      filter({ tier: "bronze" }),
      { points: 5, reason: "Bronze week", idempotencyKey: key() },
      "staff:7",
      now,
    );
    expect(started.matched).toBe(2);
    const job = await db.job.findFirstOrThrow({ where: { shop, kind: BULK_ADJUST } });
    await runBulkBatch(shop, job, 10, now);
    const adjusted = await db.ledgerEntry.findMany({ where: { shop }, select: { memberId: true } });
    expect(adjusted.map((e) => e.memberId).sort()).toEqual([unplaced!.id, bronze!.id].sort());
  });

  it("refuses an empty selection", async () => {
    const shop = newShop();
    await seed(shop, [{ available: 10 }]);
    const refused = (await startBulkAdjust(
      shop,
      filter({ minBalance: 100 }),
      { points: 5, reason: "r", idempotencyKey: key() },
      "staff:7",
    ).catch((e: unknown) => e)) as AdjustmentRefused;
    expect(refused.errors).toEqual({ form: "members.error.bulkEmpty" });
    expect(await db.job.count({ where: { shop } })).toBe(0);
  });

  it("runs in batches with progress, skips members a deduction would take below zero, and adjusts each once", async () => {
    const shop = newShop();
    const members = await seed(shop, [
      { email: "a@x.test", available: 100 },
      { email: "b@x.test", available: 30 },
      { email: "c@x.test", available: 60 },
      { email: "d@x.test", available: 80 },
      { email: "e@x.test", available: 200 },
      { email: "other@y.test", available: 500 },
    ]);
    const started = await startBulkAdjust(
      shop,
      filter({ search: "@x.test" }),
      { points: -50, reason: "Correction", idempotencyKey: key() },
      "staff:7",
      now,
    );
    expect(started.matched).toBe(5);
    const job = await db.job.findUniqueOrThrow({
      where: { shop_kind_key: { shop, kind: BULK_ADJUST, key: started.key } },
    });

    expect(await runBulkBatch(shop, job, 2, now)).toBe(false);
    const firstBatch = (await recentBulkJobs(shop))[0]!;
    expect(firstBatch.status).toBe("queued");
    expect(firstBatch.applied + firstBatch.skipped).toBe(2);
    while (!(await runBulkBatch(shop, job, 2, now)));

    const balances = async () =>
      (await db.member.findMany({ where: { shop }, orderBy: { email: "asc" } })).map((m) => [m.email, m.available]);
    const expected = [
      ["a@x.test", 50],
      ["b@x.test", 30],
      ["c@x.test", 10],
      ["d@x.test", 30],
      ["e@x.test", 150],
      ["other@y.test", 500],
    ];
    expect(await balances()).toEqual(expected);
    expect((await recentBulkJobs(shop))[0]).toMatchObject({ applied: 4, skipped: 1, matched: 5 });
    const entries = await db.ledgerEntry.findMany({ where: { shop } });
    expect(entries.map((e) => e.key).sort()).toEqual(
      [members[0], members[2], members[3], members[4]].map((m) => `bulk:${started.key}:${m!.id}`).sort(),
    );
    expect(entries.every((e) => e.reason === "manual_adjustment" && e.note === "Correction")).toBe(true);
    // Finished: the search (maybe a customer's email) is no longer kept.
    const payload = JSON.parse((await db.job.findUniqueOrThrow({ where: { id: job.id } })).payload);
    expect(payload.filter.search).toBe("");

    // Run from the start again (as after a lost lease): nobody is adjusted twice.
    await db.job.update({
      where: { id: job.id },
      data: {
        payload: JSON.stringify({
          ...payload,
          filter: { ...payload.filter, search: "@x.test" },
          cursor: null,
          done: false,
        }),
      },
    });
    while (!(await runBulkBatch(shop, job, 2, now)));
    expect(await balances()).toEqual(expected);
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(4);
  });

  it("is run to the end by the worker, a batch per turn", async () => {
    const shop = newShop();
    await seed(
      shop,
      Array.from({ length: 5 }, (_, i) => ({ email: `w${i}`, available: 0 })),
    );
    const started = await startBulkAdjust(
      shop,
      filter(),
      { points: 10, reason: "Welcome", idempotencyKey: key() },
      "staff:7",
    );
    const handlers = { [BULK_ADJUST]: runBulkAdjust, [SYNC_MEMBER]: async () => {} };
    for (let turn = 0; turn < 10 && (await recentBulkJobs(shop))[0]!.status !== "done"; turn++)
      await runDueJobs(handlers);

    expect((await recentBulkJobs(shop))[0]).toMatchObject({ key: started.key, status: "done", applied: 5, skipped: 0 });
    expect(await db.member.findMany({ where: { shop }, select: { available: true } })).toEqual(
      Array.from({ length: 5 }, () => ({ available: 10 })),
    );
  });
});

describe("segment filter", () => {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
  let orders = 0;
  /** A paid, standing order of the member's (tierOrders 0: cancelled or fully refunded). */
  const order = (shop: string, memberId: string, placedDaysAgo: number, spend: number, tierOrders = 1) =>
    db.loyaltyOrder.create({
      data: {
        shop,
        orderId: `gid://shopify/Order/${++orders}`,
        memberId,
        placedAt: daysAgo(placedDaysAgo),
        state: "{}",
        tierSpend: spend,
        tierOrders,
      },
    });

  /**
   * A USD program (high value from $500 a year) with tiers on: fresh is new; buyer active, high
   * value and Gold; drifting and quiet at risk; gone and cancelled lapsed (a cancelled order is
   * no purchase); an erased at-risk member and another shop's. Everyone but buyer on Bronze (the
   * free lowest tier takes in members not yet placed).
   */
  async function segmentShop() {
    const shop = newShop();
    await transaction(db, (tx) => ensureProgram(tx, shop, "USD", true, daysAgo(1000)));
    await db.tierLadder.create({ data: { shop, settings: JSON.stringify({ ...defaultLadder(100), enabled: true }) } });
    const [fresh, buyer, drifting, quiet, gone, cancelled, erased] = await seed(shop, [
      { email: "fresh", enrolledAt: daysAgo(3) },
      { email: "buyer", available: 300, enrolledAt: daysAgo(300) },
      { email: "drifting", available: 100, enrolledAt: daysAgo(300) },
      { email: "quiet", available: 5, enrolledAt: daysAgo(300) },
      { email: "gone", enrolledAt: daysAgo(400) },
      { email: "cancelled", enrolledAt: daysAgo(300) },
      { email: "erased", status: "redacted", enrolledAt: daysAgo(300) },
    ]);
    await db.member.update({ where: { id: buyer!.id }, data: { tierId: "gold" } });
    await order(shop, buyer!.id, 10, 60_000);
    await order(shop, drifting!.id, 120, 1_000);
    await order(shop, quiet!.id, 170, 2_000);
    await order(shop, cancelled!.id, 5, 0, 0);
    await order(shop, cancelled!.id, 250, 2_000);
    await order(shop, erased!.id, 120, 1_000);
    const other = newShop();
    await transaction(db, (tx) => ensureProgram(tx, other, "USD", true, daysAgo(1000)));
    const [elsewhere] = await seed(other, [{ email: "elsewhere", enrolledAt: daysAgo(300) }]);
    await order(other, elsewhere!.id, 120, 1_000);
    return { shop, ids: { fresh, buyer, drifting, quiet, gone, cancelled, erased } };
  }

  const segmentEmails = async (shop: string, segment: string, f: Partial<MemberFilter> = {}) => {
    const list = await listMembers(shop, filter({ segment, ...f }), 1, now, 50, await filterContext(db, shop));
    expect(list.total).toEqual({ count: list.members.length, capped: false });
    return emails(list).sort();
  };

  it("lists the members of each built-in and tier segment, with the other filters, only the shop's", async () => {
    const { shop } = await segmentShop();
    expect(await segmentEmails(shop, "new")).toEqual(["fresh"]);
    expect(await segmentEmails(shop, "active")).toEqual(["buyer"]);
    expect(await segmentEmails(shop, "at-risk")).toEqual(["drifting", "quiet"]);
    expect(await segmentEmails(shop, "lapsed")).toEqual(["cancelled", "gone"]);
    expect(await segmentEmails(shop, "high-value")).toEqual(["buyer"]);
    expect(await segmentEmails(shop, "tier:gold")).toEqual(["buyer"]);
    expect(await segmentEmails(shop, "tier:silver")).toEqual([]);
    expect(await segmentEmails(shop, "tier:bronze")).toEqual(["cancelled", "drifting", "fresh", "gone", "quiet"]);
    // Combined with the balance, tier and status filters.
    expect(await segmentEmails(shop, "at-risk", { minBalance: 50 })).toEqual(["drifting"]);
    expect(await segmentEmails(shop, "at-risk", { tier: "bronze" })).toEqual(["drifting", "quiet"]);
    expect(await segmentEmails(shop, "at-risk", { tier: "gold" })).toEqual([]);
    expect(await segmentEmails(shop, "at-risk", { status: "all" })).toEqual(["drifting", "erased", "quiet"]);
  });

  it("matches nobody for a segment the shop hasn't, or without the segment context", async () => {
    const { shop } = await segmentShop();
    const context = await filterContext(db, shop);
    expect(await segmentEmails(shop, "tier:platinum")).toEqual([]);
    expect(await countMembers(whereOf(shop, filter({ segment: "at-risk" }), now, { ladder: context.ladder }))).toEqual({
      count: 0,
      capped: false,
    });
    // Tiers off: no tier segments to offer or filter by.
    const off = { ...context, segments: { ...context.segments!, ladder: { ...context.ladder!, enabled: false } } };
    expect(await countMembers(whereOf(shop, filter({ segment: "tier:gold" }), now, off))).toEqual({
      count: 0,
      capped: false,
    });
    expect(filterChoices(off).segmentIds).toEqual(["new", "active", "at-risk", "lapsed", "high-value"]);
  });

  it("offers the shop's segments, tier segments named as their tier", async () => {
    const { shop } = await segmentShop();
    const context = await filterContext(db, shop);
    expect(filterChoices(context)).toEqual({
      tierIds: ["bronze", "silver", "gold"],
      segmentIds: ["new", "active", "at-risk", "lapsed", "high-value", "tier:bronze", "tier:silver", "tier:gold"],
    });
    expect(segmentOptions(context).slice(4)).toEqual([
      { id: "high-value", tier: null },
      { id: "tier:bronze", tier: { en: "Bronze", ru: "Бронза" } },
      { id: "tier:silver", tier: { en: "Silver", ru: "Серебро" } },
      { id: "tier:gold", tier: { en: "Gold", ru: "Золото" } },
    ]);
    // No program: no segments, the ladder still read for the tier filter.
    const bare = newShop();
    await db.tierLadder.create({
      data: { shop: bare, settings: JSON.stringify({ ...defaultLadder(100), enabled: true }) },
    });
    const none = await filterContext(db, bare);
    expect(none.segments).toBeNull();
    expect(filterChoices(none)).toEqual({ tierIds: ["bronze", "silver", "gold"], segmentIds: [] });
  });

  it("bulk-adjusts the active members the list shows for a segment, and reads an older job as no segment", async () => {
    const { shop, ids } = await segmentShop();
    const listed = await listMembers(shop, filter({ segment: "at-risk" }), 1, now, 50, await filterContext(db, shop));
    const started = await startBulkAdjust(
      shop,
      filter({ segment: "at-risk" }),
      { points: 15, reason: "We miss you", idempotencyKey: key() },
      "staff:7",
      now,
    );
    expect(started.matched).toBe(listed.total.count);
    expect(started.matched).toBe(2);
    const job = await db.job.findUniqueOrThrow({
      where: { shop_kind_key: { shop, kind: BULK_ADJUST, key: started.key } },
    });
    while (!(await runBulkBatch(shop, job, 1, now)));
    const adjusted = await db.ledgerEntry.findMany({ where: { shop }, select: { memberId: true } });
    expect(adjusted.map((e) => e.memberId).sort()).toEqual([ids.drifting!.id, ids.quiet!.id].sort());
    const audit = await db.auditLog.findFirstOrThrow({ where: { shop, action: "member.bulk_adjust" } });
    expect(JSON.parse(audit.after!).filter).toMatchObject({ segment: "at-risk" });

    // A job queued before segments: its filter has no segment field, so it selects every active member.
    const before: Partial<MemberFilter> = filter({ minBalance: 100 });
    delete before.segment;
    const older = await startBulkAdjust(
      shop,
      filter({ minBalance: 100 }),
      { points: 1, reason: "Old job", idempotencyKey: key() },
      "staff:7",
      now,
    );
    const olderJob = await db.job.findUniqueOrThrow({
      where: { shop_kind_key: { shop, kind: BULK_ADJUST, key: older.key } },
    });
    const payload = JSON.parse(olderJob.payload);
    await db.job.update({
      where: { id: olderJob.id },
      data: { payload: JSON.stringify({ ...payload, filter: before }) },
    });
    while (!(await runBulkBatch(shop, olderJob, 10, now)));
    expect((await recentBulkJobs(shop)).find((j) => j.key === older.key)).toMatchObject({ applied: 2 });
  });

  it("exports the members of a segment, as the list shows them", async () => {
    const { shop } = await segmentShop();
    const context = await filterContext(db, shop);
    const csv = async (segment: string) =>
      (await new Response(membersCsv(shop, filter({ segment }), now, 1, context)).text())
        .trim()
        .split("\r\n")
        .slice(1)
        .map((line) => line.split(",")[2])
        .sort();
    expect(await csv("at-risk")).toEqual(["drifting", "quiet"]);
    expect(await csv("tier:gold")).toEqual(["buyer"]);
    expect(await csv("lapsed")).toEqual(["cancelled", "gone"]);
  });
});
