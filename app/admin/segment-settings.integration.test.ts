// Saving the segments' thresholds: one transaction on the program's settings with an audit entry;
// a form with any wrong field changes nothing; and every reader of segments follows the saved
// thresholds at once (counts, one member's segments).
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { defaultSegmentSettings } from "../loyalty/segments";
import { loadProgram, ensureProgram } from "../points/program.server";
import { memberSegments, segmentContext, segmentCounts } from "../segments/segments.server";
import { auditLog } from "./audit.server";
import { segmentFormOf, type SegmentForm } from "./segment-settings-form";
import { saveSegmentSettings } from "./segment-settings.server";

const actor = "staff:7";
const now = new Date("2026-11-10T12:00:00Z");
const DAY = 86_400_000;
let shop: string;

const defaults = (): SegmentForm => segmentFormOf(defaultSegmentSettings("EUR"), "EUR");

beforeEach(async () => {
  shop = `thresholds-${Math.random().toString(36).slice(2, 8)}.myshopify.com`;
  await transaction(db, (tx) => ensureProgram(tx, shop, "EUR", true, new Date("2026-01-01T00:00:00Z")));
});

describe("saving segment thresholds", () => {
  it("stores them with the program's other settings, audited, and reads them back", async () => {
    const result = await saveSegmentSettings(shop, actor, {
      ...defaults(),
      newDays: "14",
      highValueSpend: "250.50",
    });
    expect(result).toEqual({ ok: true, changed: true });
    expect((await segmentContext(db, shop))!.settings).toEqual({
      newDays: 14,
      atRiskAfterDays: 90,
      lapsedAfterDays: 180,
      highValueSpend: 25_050,
    });
    // The rest of the program's settings are untouched.
    expect((await loadProgram(db, shop))!.settings).toMatchObject({ pointsName: { en: "points" }, pendingDays: 0 });
    const [entry] = (await auditLog(shop)).entries;
    expect(entry).toMatchObject({
      actor,
      action: "segments.settings.update",
      before: { newDays: 30, highValueSpend: 50_000 },
      after: { newDays: 14, highValueSpend: 25_050 },
    });
  });

  it("says so when nothing changed, and writes nothing", async () => {
    const before = await db.program.findUniqueOrThrow({ where: { shop } });
    expect(await saveSegmentSettings(shop, actor, defaults())).toEqual({ ok: true, changed: false });
    expect(await db.program.findUniqueOrThrow({ where: { shop } })).toEqual(before);
    expect((await auditLog(shop)).entries).toHaveLength(0);
  });

  it("names every wrong field and changes nothing", async () => {
    const before = await db.program.findUniqueOrThrow({ where: { shop } });
    expect(
      await saveSegmentSettings(shop, actor, {
        newDays: "0",
        atRiskAfterDays: "120",
        lapsedAfterDays: "100",
        highValueSpend: "12.345",
      }),
    ).toEqual({
      ok: false,
      errors: {
        newDays: "segments.error.days",
        lapsedAfterDays: "segments.error.lapsedAfterDays",
        highValueSpend: "segments.error.highValueSpend",
      },
    });
    expect(await db.program.findUniqueOrThrow({ where: { shop } })).toEqual(before);
    expect((await auditLog(shop)).entries).toHaveLength(0);
  });

  it("is null for a shop without a program", async () => {
    expect(await saveSegmentSettings("nobody.myshopify.com", actor, defaults())).toBeNull();
  });

  it("moves members between segments at once: counts and one member's segments agree", async () => {
    const member = await db.member.create({
      data: { shop, customerId: "gid://shopify/Customer/1", enrolledAt: new Date(now.getTime() - 40 * DAY) },
    });
    await db.loyaltyOrder.create({
      data: {
        shop,
        orderId: "gid://shopify/Order/1",
        memberId: member.id,
        placedAt: new Date(now.getTime() - 60 * DAY),
        state: "{}",
        tierSpend: 30_000,
        tierOrders: 1,
      },
    });
    const segments = async () => ({
      mine: await memberSegments(db, shop, member.id, now),
      counts: Object.fromEntries((await segmentCounts(shop, now)).segments.map((s) => [s.id, s.count])),
    });
    expect(await segments()).toEqual({
      mine: ["active"],
      counts: { new: 0, active: 1, "at-risk": 0, lapsed: 0, "high-value": 0 },
    });
    await saveSegmentSettings(shop, actor, {
      newDays: "45",
      atRiskAfterDays: "50",
      lapsedAfterDays: "55",
      highValueSpend: "300",
    });
    expect(await segments()).toEqual({
      mine: ["new", "lapsed", "high-value"],
      counts: { new: 1, active: 0, "at-risk": 0, lapsed: 1, "high-value": 1 },
    });
  });
});
