import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  tiersFromLimits,
  BUILT_IN_SEGMENTS,
  defaultSegmentSettings,
  isSegmentId,
  readSegmentChoice,
  segmentBounds,
  segmentChoiceText,
  segmentSettingsSchema,
  segmentsOf,
  tierOfSegment,
  tierSegmentId,
  type SegmentFacts,
} from "./segments";

const now = new Date("2026-11-10T12:00:00Z");
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
const settings = defaultSegmentSettings("USD");
const facts = (over: Partial<SegmentFacts> = {}): SegmentFacts => ({
  enrolledAt: daysAgo(400),
  lastOrderAt: null,
  spend12Months: 0,
  tierId: null,
  ...over,
});

describe("defaults", () => {
  it("are 30, 90 and 180 days and 500 units of the shop's currency", () => {
    expect(settings).toEqual({ newDays: 30, atRiskAfterDays: 90, lapsedAfterDays: 180, highValueSpend: 50_000 });
    expect(defaultSegmentSettings("JPY").highValueSpend).toBe(500);
    expect(defaultSegmentSettings("KWD").highValueSpend).toBe(500_000);
    expect(segmentSettingsSchema.safeParse(settings).success).toBe(true);
  });

  it("refuse a lapsed boundary not after the at-risk one, and fractional or zero values", () => {
    expect(segmentSettingsSchema.safeParse({ ...settings, lapsedAfterDays: 90 }).success).toBe(false);
    expect(segmentSettingsSchema.safeParse({ ...settings, newDays: 1.5 }).success).toBe(false);
    expect(segmentSettingsSchema.safeParse({ ...settings, highValueSpend: 0 }).success).toBe(false);
  });
});

describe("a member's segments", () => {
  it.each([
    ["joined today, never bought", { enrolledAt: now }, ["new"]],
    ["joined 30 days ago to the millisecond", { enrolledAt: daysAgo(30) }, ["new"]],
    ["joined a millisecond earlier", { enrolledAt: new Date(daysAgo(30).getTime() - 1) }, []],
    ["joined 100 days ago, never bought", { enrolledAt: daysAgo(100) }, []],
    ["joined 180 days ago, never bought", { enrolledAt: daysAgo(180) }, []],
    ["joined 181 days ago, never bought", { enrolledAt: daysAgo(181) }, ["lapsed"]],
    ["bought today", { lastOrderAt: now }, ["active"]],
    ["bought 90 days ago", { lastOrderAt: daysAgo(90) }, ["active"]],
    ["bought 91 days ago", { lastOrderAt: daysAgo(91) }, ["at-risk"]],
    ["bought 180 days ago", { lastOrderAt: daysAgo(180) }, ["at-risk"]],
    ["bought 181 days ago", { lastOrderAt: daysAgo(181) }, ["lapsed"]],
    // A recent member whose only purchase came before they joined Laurel (an import) is lapsed.
    ["new, last bought long ago", { enrolledAt: daysAgo(2), lastOrderAt: daysAgo(365) }, ["new", "lapsed"]],
    ["spent 499.99 this year", { lastOrderAt: daysAgo(10), spend12Months: 49_999 }, ["active"]],
    ["spent 500 this year", { lastOrderAt: daysAgo(10), spend12Months: 50_000 }, ["active", "high-value"]],
    ["gold, at risk", { lastOrderAt: daysAgo(120), tierId: "gold" }, ["at-risk", "tier:gold"]],
  ] as const)("%s", (_name, over, expected) => {
    expect(segmentsOf(facts(over), settings, now)).toEqual(expected);
  });

  it("follows the merchant's thresholds", () => {
    const own = { newDays: 7, atRiskAfterDays: 30, lapsedAfterDays: 60, highValueSpend: 100 };
    expect(
      segmentsOf(facts({ enrolledAt: daysAgo(10), lastOrderAt: daysAgo(45), spend12Months: 100 }), own, now),
    ).toEqual(["at-risk", "high-value"]);
  });

  it("puts every member in exactly one of active, at risk and lapsed once they have bought", () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (ago, enrolled) => {
        const ids = segmentsOf(facts({ lastOrderAt: daysAgo(ago), enrolledAt: daysAgo(enrolled) }), settings, now);
        expect(ids.filter((id) => id === "active" || id === "at-risk" || id === "lapsed")).toHaveLength(1);
      }),
    );
  });

  it("compares 12 months of spend from the same day a year before", () => {
    expect(segmentBounds(settings, now).spendSince).toEqual(new Date("2025-11-10T12:00:00Z"));
  });
});

describe("segment ids", () => {
  it("are the built-in ones and one per tier", () => {
    expect(BUILT_IN_SEGMENTS.every(isSegmentId)).toBe(true);
    expect(tierSegmentId("gold")).toBe("tier:gold");
    expect(tierOfSegment("tier:gold")).toBe("gold");
    expect(isSegmentId("tier:gold")).toBe(true);
    for (const bad of ["tier:", "tier:Gold", "tier:a b", "vip", "", "NEW"]) {
      expect(isSegmentId(bad), bad).toBe(false);
      expect(tierOfSegment(bad), bad).toBeNull();
    }
  });
});

describe("a form's choice of segments", () => {
  const offered = [...BUILT_IN_SEGMENTS, "tier:gold"];

  it("reads nothing chosen as everyone, and the ids chosen once each", () => {
    expect(readSegmentChoice("", offered)).toEqual({ ok: true, value: null });
    expect(readSegmentChoice(" , ", offered)).toEqual({ ok: true, value: null });
    expect(readSegmentChoice("at-risk, tier:gold,at-risk", offered)).toEqual({
      ok: true,
      value: ["at-risk", "tier:gold"],
    });
  });

  it("refuses ids that were not offered or are not segments at all", () => {
    expect(readSegmentChoice("new,tier:silver,vip", offered)).toEqual({ ok: false, unknown: ["tier:silver", "vip"] });
    expect(readSegmentChoice("vip", ["vip"])).toEqual({ ok: false, unknown: ["vip"] });
  });

  it("writes a choice back as the form carries it", () => {
    expect(segmentChoiceText(null)).toBe("");
    expect(segmentChoiceText(["new", "tier:gold"])).toBe("new,tier:gold");
    expect(readSegmentChoice(segmentChoiceText(["new", "tier:gold"]), offered)).toEqual({
      ok: true,
      value: ["new", "tier:gold"],
    });
  });
});

describe("tiersFromLimits", () => {
  it("says which tiers checkout may offer a limited reward to", () => {
    expect(tiersFromLimits(null, null)).toBeNull();
    expect(tiersFromLimits(["gold"], null)).toEqual(["gold"]);
    expect(tiersFromLimits(null, ["tier:silver", "tier:gold"])).toEqual(["silver", "gold"]);
    expect(tiersFromLimits(["gold"], ["tier:silver", "tier:gold"])).toEqual(["gold"]);
    expect(tiersFromLimits(null, ["tier:gold", "at-risk"])).toEqual([]);
  });
});
