import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMonths,
  defaultLadder,
  effectiveTier,
  firstReview,
  ladderSchema,
  NO_TIER,
  onQualify,
  onReview,
  override,
  progressOf,
  qualifiedRank,
  qualifyingValue,
  rankOf,
  reviewDue,
  reviewValues,
  windowStart,
  type Downgrade,
  type Ladder,
  type QualifyingEvent,
  type TierState,
  type TierWindow,
} from "./tiers";

const at = (iso: string) => new Date(iso);
const ladder = (over: Partial<Ladder> = {}): Ladder => ({ ...defaultLadder(100), enabled: true, ...over });
// Bronze 0, Silver 50,000, Gold 100,000 (minor units).

describe("ladder validation", () => {
  it("accepts the default ladder", () => {
    expect(ladderSchema.safeParse(defaultLadder(100)).success).toBe(true);
  });

  it("refuses thresholds that do not rise and ids used twice", () => {
    const bad = defaultLadder(100);
    bad.tiers[2] = { ...bad.tiers[2]!, id: "silver", threshold: bad.tiers[1]!.threshold };
    const result = ladderSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["tiers.2.id", "tiers.2.threshold"]));
  });

  it("refuses an empty ladder and a multiplier below ×1", () => {
    expect(ladderSchema.safeParse({ ...defaultLadder(100), tiers: [] }).success).toBe(false);
    const low = defaultLadder(100);
    low.tiers[0]!.perks.earnMultiplier = 90;
    expect(ladderSchema.safeParse(low).success).toBe(false);
  });
});

describe("dates", () => {
  it("adds calendar months, clamping to the month's end", () => {
    expect(addMonths(at("2026-01-31T10:00:00Z"), 1).toISOString()).toBe("2026-02-28T10:00:00.000Z");
    expect(addMonths(at("2024-02-29T00:00:00Z"), -12).toISOString()).toBe("2023-02-28T00:00:00.000Z");
    expect(addMonths(at("2026-03-15T00:00:00Z"), 12).toISOString()).toBe("2027-03-15T00:00:00.000Z");
  });

  it("windows and first reviews", () => {
    const now = at("2026-12-20T00:00:00Z");
    expect(windowStart("rolling12", now)?.toISOString()).toBe("2025-12-20T00:00:00.000Z");
    expect(windowStart("calendarYear", now)?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(windowStart("lifetime", now)).toBeNull();
    expect(firstReview("rolling12", now)?.toISOString()).toBe("2027-12-20T00:00:00.000Z");
    // A December qualifier keeps the tier through the whole of the next year.
    expect(firstReview("calendarYear", now)?.toISOString()).toBe("2028-01-01T00:00:00.000Z");
    expect(firstReview("lifetime", now)).toBeNull();
  });
});

describe("onQualify", () => {
  const now = at("2026-06-01T00:00:00Z");

  it("enters the highest tier reached at once, with its bonus and a review a year on", () => {
    const d = onQualify(ladder(), NO_TIER, 120_000, now);
    expect(d.state).toEqual({ tierId: "gold", since: now, reviewAt: at("2027-06-01T00:00:00Z"), locked: false });
    expect(d.change).toEqual({ from: null, to: "gold", cause: "qualified" });
    expect(d.bonusTierId).toBe("gold");
  });

  it("never lowers a tier: a smaller value waits for the review", () => {
    const gold: TierState = { tierId: "gold", since: now, reviewAt: at("2027-06-01T00:00:00Z"), locked: false };
    expect(onQualify(ladder(), gold, 0, now)).toEqual({ state: gold, change: null, bonusTierId: null });
  });

  it("does nothing while tiers are off or the member is locked", () => {
    expect(onQualify(ladder({ enabled: false }), NO_TIER, 999_999, now).change).toBeNull();
    const locked = { ...NO_TIER, tierId: "bronze", locked: true };
    expect(onQualify(ladder(), locked, 999_999, now).change).toBeNull();
  });

  it("re-places a member whose tier left the ladder", () => {
    const platinum: TierState = { tierId: "platinum", since: now, reviewAt: null, locked: false };
    const d = onQualify(ladder(), platinum, 60_000, now);
    expect(d.change).toEqual({ from: "platinum", to: "silver", cause: "ladder" });
  });
});

describe("onReview", () => {
  const since = at("2026-01-10T00:00:00Z");
  const reviewAt = at("2027-01-10T00:00:00Z");
  const gold: TierState = { tierId: "gold", since, reviewAt, locked: false };

  it("is not due before the review date plus grace", () => {
    const l = ladder({ graceDays: 30 });
    expect(onReview(l, gold, { period: 0, current: 0 }, at("2027-02-08T00:00:00Z")).change).toBeNull();
    expect(onReview(l, gold, { period: 0, current: 0 }, reviewDue(l, reviewAt)).change).not.toBeNull();
  });

  it("keeps a requalified tier and moves the review a year on", () => {
    const d = onReview(ladder(), gold, { period: 100_000, current: 0 }, reviewAt);
    expect(d.change).toBeNull();
    expect(d.state.reviewAt).toEqual(at("2028-01-10T00:00:00Z"));
  });

  it("drops one level by default, or to what the member reaches", () => {
    const one = onReview(ladder(), gold, { period: 0, current: 0 }, reviewAt);
    expect(one.change).toEqual({ from: "gold", to: "silver", cause: "review" });
    expect(one.bonusTierId).toBeNull();
    expect(one.state.reviewAt).toEqual(at("2028-01-10T00:00:00Z"));
    const all = onReview(ladder({ downgrade: "toQualified" }), gold, { period: 0, current: 0 }, reviewAt);
    expect(all.change?.to).toBe("bronze");
  });

  it("spend during the grace period saves the tier", () => {
    const l = ladder({ graceDays: 30 });
    const d = onReview(l, gold, { period: 10_000, current: 100_000 }, reviewDue(l, reviewAt));
    expect(d.change).toBeNull();
  });
});

describe("override", () => {
  const now = at("2026-06-01T00:00:00Z");

  it("locks the member at the chosen tier, with no bonus and no review", () => {
    const d = override(ladder(), NO_TIER, "gold", 0, now);
    expect(d.state).toEqual({ tierId: "gold", since: now, reviewAt: null, locked: true });
    expect(d.change).toEqual({ from: null, to: "gold", cause: "override" });
    expect(d.bonusTierId).toBeNull();
    expect(onQualify(ladder(), d.state, 0, now).change).toBeNull();
  });

  it("clearing it places the member by their value again", () => {
    const locked: TierState = { tierId: "gold", since: now, reviewAt: null, locked: true };
    const d = override(ladder(), locked, null, 60_000, now);
    expect(d.change).toEqual({ from: "gold", to: "silver", cause: "override_cleared" });
    expect(d.state.locked).toBe(false);
  });

  it("refuses a tier not on the ladder", () => {
    expect(() => override(ladder(), NO_TIER, "diamond", 0, now)).toThrow(RangeError);
  });
});

describe("effective tier and progress", () => {
  it("an unplaced member is on a free lowest tier; nobody is on a tier while tiers are off", () => {
    expect(effectiveTier(ladder(), null)?.id).toBe("bronze");
    expect(effectiveTier(ladder({ enabled: false }), "gold")).toBeNull();
    const paid = ladder();
    paid.tiers[0]!.threshold = 1;
    expect(effectiveTier(paid, null)).toBeNull();
  });

  it("measures the way to the next tier from the current one", () => {
    expect(progressOf(ladder(), "bronze", 25_000)).toMatchObject({ needed: 25_000, percent: 50 });
    expect(progressOf(ladder(), "bronze", 25_000).next?.id).toBe("silver");
    expect(progressOf(ladder(), "gold", 0)).toEqual({ next: null, needed: 0, percent: 100 });
  });
});

// --- Generated histories ------------------------------------------------------------------------

const START = at("2025-01-01T00:00:00Z").getTime();
const DAY = 86_400_000;

interface Life {
  events: { day: number; value: number }[];
  checks: number[];
  window: TierWindow;
  graceDays: number;
  downgrade: Downgrade;
  base: number;
}

/** A member's life: qualifying events and check times over three years, in time order. */
const lifeArb: fc.Arbitrary<Life> = fc.record({
  events: fc.array(
    fc.record({ day: fc.integer({ min: 0, max: 1100 }), value: fc.integer({ min: -20_000, max: 80_000 }) }),
    { maxLength: 25 },
  ),
  checks: fc.array(fc.integer({ min: 0, max: 1100 }), { maxLength: 30 }),
  window: fc.constantFrom("rolling12" as const, "calendarYear" as const, "lifetime" as const),
  graceDays: fc.constantFrom(0, 14, 60),
  downgrade: fc.constantFrom("oneLevel" as const, "toQualified" as const),
  base: fc.constantFrom(0, 10_000),
});

/**
 * Runs the member's life as the app does: after each event a qualification, and at every check
 * time a review then a qualification. Returns every step's state and the values it saw.
 */
function live(life: Life) {
  const l = ladder({ window: life.window, graceDays: life.graceDays, downgrade: life.downgrade });
  l.tiers[0] = { ...l.tiers[0]!, threshold: life.base };
  const events: QualifyingEvent[] = [];
  const moments = [
    ...life.events.map((e) => ({ t: START + e.day * DAY, event: e.value })),
    ...life.checks.map((d) => ({ t: START + d * DAY + DAY / 2, event: null })),
  ].sort((a, b) => a.t - b.t);
  let state = NO_TIER;
  const steps: { now: Date; before: TierState; after: TierState; value: number; review: boolean }[] = [];
  for (const moment of moments) {
    const now = new Date(moment.t);
    if (moment.event !== null) events.push({ at: now, value: moment.event });
    const before = state;
    let review = false;
    if (moment.event === null && state.reviewAt) {
      const d = onReview(l, state, reviewValues(l, events, state.reviewAt, now), now);
      review = d.change !== null;
      state = d.state;
    }
    const value = qualifyingValue(l, events, now);
    state = onQualify(l, state, value, now).state;
    steps.push({ now, before, after: state, value, review });
  }
  return { l, steps };
}

describe("tiers over generated histories", () => {
  it("a member is never below the tier they qualify for right now", () => {
    fc.assert(
      fc.property(lifeArb, (life) => {
        const { l, steps } = live(life);
        for (const s of steps) expect(rankOf(l, s.after.tierId)).toBeGreaterThanOrEqual(qualifiedRank(l, s.value));
      }),
    );
  });

  it("a tier is lost only at a review that is due, and by one level when the policy says so", () => {
    fc.assert(
      fc.property(lifeArb, (life) => {
        const { l, steps } = live(life);
        for (const s of steps) {
          const from = rankOf(l, s.before.tierId);
          const to = rankOf(l, s.after.tierId);
          if (to >= from) continue;
          expect(s.review).toBe(true);
          expect(l.window).not.toBe("lifetime");
          expect(s.now.getTime()).toBeGreaterThanOrEqual(reviewDue(l, s.before.reviewAt!).getTime());
          if (l.downgrade === "oneLevel") expect(to).toBe(from - 1);
        }
      }),
    );
  });

  it("whoever holds a tier under a reviewed window has a review date ahead or due", () => {
    fc.assert(
      fc.property(lifeArb, (life) => {
        const { l, steps } = live(life);
        for (const s of steps) {
          if (s.after.tierId === null || l.window === "lifetime") continue;
          expect(s.after.reviewAt).not.toBeNull();
          // Never more than two years out (the calendar year's longest hold).
          expect(s.after.reviewAt!.getTime()).toBeLessThanOrEqual(addMonths(s.now, 25).getTime());
        }
      }),
    );
  });
});

describe("the issue's acceptance, as pure steps", () => {
  it("Gold on crossing the threshold; a level down at period end without qualifying spend", () => {
    const l = ladder();
    const events: QualifyingEvent[] = [{ at: at("2026-02-01T00:00:00Z"), value: 110_000 }];
    const gold = onQualify(
      l,
      NO_TIER,
      qualifyingValue(l, events, at("2026-02-01T00:00:01Z")),
      at("2026-02-01T00:00:01Z"),
    );
    expect(gold.state.tierId).toBe("gold");
    const end = gold.state.reviewAt!;
    const before = onReview(
      l,
      gold.state,
      reviewValues(l, events, end, new Date(end.getTime() - 1)),
      new Date(end.getTime() - 1),
    );
    expect(before.change).toBeNull();
    const after = onReview(l, gold.state, reviewValues(l, events, end, end), end);
    expect(after.state.tierId).toBe("silver");
  });
});
