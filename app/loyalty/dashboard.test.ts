import { describe, expect, it } from "vitest";
import {
  addDays,
  dayOf,
  daysBetween,
  emptyDay,
  fillPeriod,
  liabilityOf,
  parsePeriod,
  periodDays,
  pointValueOf,
  rollupDays,
  seriesOf,
  summarize,
  touchedDays,
  type RollupSources,
} from "./dashboard";
import { defaultRewards, type Reward } from "./rewards";

const none: RollupSources = {
  membersBefore: 0,
  enrolled: [],
  ledger: [],
  redemptions: [],
  codesUsed: [],
  orders: [],
  codeOrders: [],
};

describe("days and periods", () => {
  it("takes the UTC day, whatever the local time", () => {
    expect(dayOf(new Date("2025-03-09T23:59:59.999Z"))).toBe("2025-03-09");
    expect(dayOf(new Date("2025-03-10T00:00:00.000+03:00"))).toBe("2025-03-09");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
  });

  it("counts a period back from today, today included", () => {
    const now = new Date("2025-03-31T12:00:00Z");
    expect(periodDays(30, now)).toEqual({ first: "2025-03-02", last: "2025-03-31" });
    const year = periodDays(365, now);
    expect(daysBetween(year.first, year.last)).toHaveLength(365);
  });

  it("takes 30, 90 or 365 and falls back to 30 for anything else", () => {
    expect(parsePeriod("90")).toBe(90);
    expect(parsePeriod("365")).toBe(365);
    expect(parsePeriod("7")).toBe(30);
    expect(parsePeriod(null)).toBe(30);
  });

  it("recomputes the days changes fell on, and today, once each", () => {
    const now = new Date("2025-03-31T00:05:00Z");
    expect(touchedDays(["2025-03-30", "2025-03-02", "2025-03-30"], now)).toEqual([
      "2025-03-02",
      "2025-03-30",
      "2025-03-31",
    ]);
  });
});

describe("rollupDays", () => {
  it("sorts the ledger's reasons into issued, taken back, redeemed and expired", () => {
    const [day] = rollupDays("2025-03-01", "2025-03-01", {
      ...none,
      ledger: [
        { day: "2025-03-01", reason: "earn_purchase", earnedUp: 120, earnedDown: 0, redeemed: 0, available: 0 },
        { day: "2025-03-01", reason: "manual_adjustment", earnedUp: 50, earnedDown: 20, redeemed: 0, available: 30 },
        { day: "2025-03-01", reason: "refund_reversal", earnedUp: 0, earnedDown: 40, redeemed: 0, available: -40 },
        { day: "2025-03-01", reason: "redeem", earnedUp: 0, earnedDown: 0, redeemed: 500, available: 0 },
        { day: "2025-03-01", reason: "restore", earnedUp: 0, earnedDown: 0, redeemed: -100, available: 100 },
        { day: "2025-03-01", reason: "expiry", earnedUp: 0, earnedDown: 0, redeemed: 0, available: -75 },
        // Settling moves pending to available: no new points.
        { day: "2025-03-01", reason: "settle", earnedUp: 0, earnedDown: 0, redeemed: 0, available: 120 },
      ],
    });
    expect(day).toMatchObject({ issued: 170, reversed: 60, redeemed: 400, expired: 75 });
  });

  it("keeps a running member count and zero days in between", () => {
    const days = rollupDays("2025-03-01", "2025-03-04", {
      ...none,
      membersBefore: 10,
      enrolled: [
        { day: "2025-03-01", count: 2 },
        { day: "2025-03-03", count: 5 },
      ],
    });
    expect(days.map((d) => [d.day, d.enrolled, d.members])).toEqual([
      ["2025-03-01", 2, 12],
      ["2025-03-02", 0, 12],
      ["2025-03-03", 5, 17],
      ["2025-03-04", 0, 17],
    ]);
  });

  it("splits orders between members and everyone else, guests apart from known customers", () => {
    const [day] = rollupDays("2025-03-01", "2025-03-01", {
      ...none,
      orders: [
        { day: "2025-03-01", buyer: "member", orders: 4, revenue: 40_000, returning: 3 },
        { day: "2025-03-01", buyer: "known", orders: 2, revenue: 10_000, returning: 1 },
        { day: "2025-03-01", buyer: "guest", orders: 3, revenue: 9_000, returning: 0 },
      ],
      codeOrders: [{ day: "2025-03-01", orders: 1, revenue: 12_000 }],
      redemptions: [{ day: "2025-03-01", count: 2 }],
      codesUsed: [{ day: "2025-03-01", count: 1 }],
    });
    expect(day).toMatchObject({
      memberOrders: 4,
      memberRevenue: 40_000,
      memberReturning: 3,
      otherOrders: 5,
      otherRevenue: 19_000,
      otherKnown: 2,
      otherReturning: 1,
      codeOrders: 1,
      codeRevenue: 12_000,
      redemptions: 2,
      codesUsed: 1,
    });
  });

  it("ignores groups outside the range", () => {
    const days = rollupDays("2025-03-02", "2025-03-02", {
      ...none,
      enrolled: [{ day: "2025-03-01", count: 9 }],
      redemptions: [{ day: "2025-03-03", count: 9 }],
    });
    expect(days).toEqual([{ ...emptyDay("2025-03-02") }]);
  });
});

describe("a period's view", () => {
  const days = rollupDays("2025-03-01", "2025-03-02", {
    ...none,
    membersBefore: 100,
    enrolled: [{ day: "2025-03-02", count: 3 }],
    ledger: [
      { day: "2025-03-01", reason: "earn_purchase", earnedUp: 1000, earnedDown: 0, redeemed: 0, available: 0 },
      { day: "2025-03-02", reason: "redeem", earnedUp: 0, earnedDown: 0, redeemed: 250, available: 0 },
    ],
    orders: [
      { day: "2025-03-01", buyer: "member", orders: 2, revenue: 10_001, returning: 1 },
      { day: "2025-03-02", buyer: "guest", orders: 1, revenue: 3_000, returning: 0 },
      { day: "2025-03-02", buyer: "known", orders: 2, revenue: 6_000, returning: 2 },
    ],
  });

  it("adds the days up to rates and order values", () => {
    const summary = summarize(days);
    expect(summary).toMatchObject({ enrolled: 3, issued: 1000, redeemed: 250, redemptionRate: 0.25 });
    expect(summary.members).toEqual({ orders: 2, revenue: 10_001, averageOrder: 5_001, repeatRate: 0.5 });
    // Guests count in the order value but not in the repeat rate: they can't be followed.
    expect(summary.others).toEqual({ orders: 3, revenue: 9_000, averageOrder: 3_000, repeatRate: 1, guestOrders: 1 });
  });

  it("says nothing rather than dividing by zero", () => {
    const summary = summarize([]);
    expect(summary.redemptionRate).toBeNull();
    expect(summary.members.averageOrder).toBeNull();
    expect(summary.others.repeatRate).toBeNull();
  });

  it("fills days without a row, carrying the member count", () => {
    const filled = fillPeriod(
      [{ ...emptyDay("2025-03-03"), enrolled: 2, members: 12 }],
      "2025-03-01",
      "2025-03-05",
      99,
    );
    expect(filled.map((d) => d.members)).toEqual([10, 10, 12, 12, 12]);
    expect(fillPeriod([], "2025-03-01", "2025-03-02", 7).map((d) => d.members)).toEqual([7, 7]);
  });

  it("charts days for 30 and 90 days and weeks for a year", () => {
    const now = new Date("2025-03-31T00:00:00Z");
    const month = periodDays(30, now);
    expect(seriesOf(fillPeriod([], month.first, month.last, 0), 30)).toHaveLength(30);
    const year = periodDays(365, now);
    const rows = [{ ...emptyDay(year.last), issued: 5, members: 4, enrolled: 4 }];
    const weekly = seriesOf(fillPeriod(rows, year.first, year.last, 0), 365);
    expect(weekly).toHaveLength(53);
    // The last bucket is the last seven days, ending today.
    expect(weekly.at(-1)).toMatchObject({ day: addDays(year.last, -6), issued: 5, members: 4, enrolled: 4 });
    expect(weekly[0]!.day).toBe(year.first);
  });
});

describe("the value of a point", () => {
  const reward = (overrides: Partial<Reward>) => ({ ...defaultRewards("USD")[0]!, ...overrides }) as Reward;

  it("takes the best fixed rate among active amount-off and points-for-cash rewards", () => {
    const value = pointValueOf([
      { id: "five", reward: reward({ type: "amount_off", amount: 500, cost: 500 } as Partial<Reward>) },
      { id: "ten", reward: reward({ type: "amount_off", amount: 1000, cost: 800 } as Partial<Reward>) },
      { id: "pct", reward: reward({ type: "percent_off", percent: 50, cost: 1, cap: null } as Partial<Reward>) },
    ]);
    expect(value).toEqual({ rewardId: "ten", type: "amount_off", minor: 1000, points: 800 });
    expect(liabilityOf(1_000_001, value)).toBe(1_250_001);
  });

  it("has no value when no reward gives a fixed amount", () => {
    const value = pointValueOf([{ id: "ship", reward: reward({ type: "free_shipping", maxShippingRate: null }) }]);
    expect(value).toBeNull();
    expect(liabilityOf(500, value)).toBeNull();
  });

  it("reads points for cash as its step", () => {
    const value = pointValueOf([
      {
        id: "cash",
        reward: reward({
          type: "points_for_cash",
          cost: 100,
          stepValue: 100,
          maxPercentOfSubtotal: 50,
        } as Partial<Reward>),
      },
    ]);
    expect(liabilityOf(250, value)).toBe(250);
  });
});
