// The home dashboard's arithmetic: UTC days and periods, how a day's ledger entries, members,
// codes and orders add up to the day's figures (the rollup), and how a period's days add up to
// what the merchant sees (totals, rates, order values, chart series, the points' liability).
// Points are whole numbers; money is integer minor units of the program's currency.
import type { Reason } from "./ledger";
import type { Reward } from "./rewards";

export const PERIODS = [30, 90, 365] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = 30;

const DAY_MS = 86_400_000;

/** "2025-03-09": the UTC day a moment falls on. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);
export const startOfDay = (day: string) => new Date(`${day}T00:00:00.000Z`);
export const addDays = (day: string, n: number) => dayOf(new Date(startOfDay(day).getTime() + n * DAY_MS));

/** Every day from `first` to `last`, both included. */
export function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The period's days: the last `period` UTC days, today included. */
export function periodDays(period: Period, now: Date): { first: string; last: string } {
  const last = dayOf(now);
  return { first: addDays(last, 1 - period), last };
}

export const parsePeriod = (value: string | null): Period => PERIODS.find((p) => String(p) === value) ?? DEFAULT_PERIOD;

// ---------------------------------------------------------------------------------------------
// The rollup: one row of figures per day

export interface DayFigures {
  day: string;
  /** Members enrolled that day, and all members enrolled by its end. */
  enrolled: number;
  members: number;
  /** Points earned; taken back (refunds, cancellations, deductions); redeemed (net of returns); expired. */
  issued: number;
  reversed: number;
  redeemed: number;
  expired: number;
  /** Codes issued; codes used on orders. */
  redemptions: number;
  codesUsed: number;
  /** Paid, uncancelled orders: members' (earned in the program) and everyone else's. */
  memberOrders: number;
  memberRevenue: number;
  memberReturning: number;
  otherOrders: number;
  otherRevenue: number;
  /** Other orders with a customer Laurel can follow (not guest checkouts). */
  otherKnown: number;
  otherReturning: number;
  /** Orders that used a Laurel code. */
  codeOrders: number;
  codeRevenue: number;
}

export const FIGURES = [
  "enrolled",
  "members",
  "issued",
  "reversed",
  "redeemed",
  "expired",
  "redemptions",
  "codesUsed",
  "memberOrders",
  "memberRevenue",
  "memberReturning",
  "otherOrders",
  "otherRevenue",
  "otherKnown",
  "otherReturning",
  "codeOrders",
  "codeRevenue",
] as const satisfies readonly (keyof DayFigures)[];

export const emptyDay = (day: string): DayFigures => ({
  day,
  ...(Object.fromEntries(FIGURES.map((f) => [f, 0])) as Omit<DayFigures, "day">),
});

/** A day's ledger entries of one reason, summed (lifetime earnings split by sign). */
export interface LedgerGroup {
  day: string;
  reason: Reason | string;
  earnedUp: number;
  earnedDown: number;
  redeemed: number;
  available: number;
}

/** A day's paid orders of one kind of buyer. */
export interface OrderGroup {
  day: string;
  /** member: the order earned in the program; known: a customer who isn't a member; guest: no customer. */
  buyer: "member" | "known" | "guest";
  orders: number;
  revenue: number;
  /** Orders whose customer had ordered before (guests can't be told apart: always 0). */
  returning: number;
}

export interface DayCount {
  day: string;
  count: number;
}

export interface DayMoney {
  day: string;
  orders: number;
  revenue: number;
}

export interface RollupSources {
  /** Members enrolled before the first day. */
  membersBefore: number;
  enrolled: DayCount[];
  ledger: LedgerGroup[];
  redemptions: DayCount[];
  codesUsed: DayCount[];
  orders: OrderGroup[];
  codeOrders: DayMoney[];
}

/**
 * Each day's figures from `first` to `last` (every day, zeros included). Issued counts every entry
 * that raised lifetime earnings (purchases, actions, campaigns, imports, additions); reversed every
 * one that lowered them; redeemed the lifetime redeemed moved (codes, less points given back).
 */
export function rollupDays(first: string, last: string, sources: RollupSources): DayFigures[] {
  const days = new Map(daysBetween(first, last).map((day) => [day, emptyDay(day)]));
  const at = (day: string) => days.get(day);
  for (const { day, count } of sources.enrolled) {
    const figures = at(day);
    if (figures) figures.enrolled += count;
  }
  for (const group of sources.ledger) {
    const figures = at(group.day);
    if (!figures) continue;
    figures.issued += group.earnedUp;
    figures.reversed += group.earnedDown;
    figures.redeemed += group.redeemed;
    if (group.reason === "expiry") figures.expired -= group.available;
  }
  for (const { day, count } of sources.redemptions) {
    const figures = at(day);
    if (figures) figures.redemptions += count;
  }
  for (const { day, count } of sources.codesUsed) {
    const figures = at(day);
    if (figures) figures.codesUsed += count;
  }
  for (const group of sources.orders) {
    const figures = at(group.day);
    if (!figures) continue;
    if (group.buyer === "member") {
      figures.memberOrders += group.orders;
      figures.memberRevenue += group.revenue;
      figures.memberReturning += group.returning;
    } else {
      figures.otherOrders += group.orders;
      figures.otherRevenue += group.revenue;
      if (group.buyer === "known") {
        figures.otherKnown += group.orders;
        figures.otherReturning += group.returning;
      }
    }
  }
  for (const { day, orders, revenue } of sources.codeOrders) {
    const figures = at(day);
    if (!figures) continue;
    figures.codeOrders += orders;
    figures.codeRevenue += revenue;
  }
  let members = sources.membersBefore;
  for (const figures of days.values()) {
    members += figures.enrolled;
    figures.members = members;
  }
  return [...days.values()];
}

/** The days a run must recompute: those its changes fall on, and today; sorted. */
export function touchedDays(changed: Iterable<string>, now: Date): string[] {
  return [...new Set([...changed, dayOf(now)])].sort();
}

// ---------------------------------------------------------------------------------------------
// A period's view

export interface Summary {
  enrolled: number;
  issued: number;
  reversed: number;
  redeemed: number;
  expired: number;
  /** Points redeemed per point issued in the period; null when none were issued. */
  redemptionRate: number | null;
  redemptions: number;
  codesUsed: number;
  codeOrders: number;
  codeRevenue: number;
  members: BuyerFigures;
  others: BuyerFigures & { guestOrders: number };
}

export interface BuyerFigures {
  orders: number;
  revenue: number;
  /** Revenue per order, rounded to the minor unit; null without orders. */
  averageOrder: number | null;
  /** Share of the orders we can follow that came from a customer who had ordered before. */
  repeatRate: number | null;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const average = (total: number, count: number) => (count > 0 ? Math.round(total / count) : null);

export function summarize(days: DayFigures[]): Summary {
  const sum = (figure: (typeof FIGURES)[number]) => days.reduce((total, d) => total + d[figure], 0);
  const memberOrders = sum("memberOrders");
  const memberRevenue = sum("memberRevenue");
  const otherOrders = sum("otherOrders");
  const otherRevenue = sum("otherRevenue");
  const otherKnown = sum("otherKnown");
  const issued = sum("issued");
  const redeemed = sum("redeemed");
  return {
    enrolled: sum("enrolled"),
    issued,
    reversed: sum("reversed"),
    redeemed,
    expired: sum("expired"),
    redemptionRate: ratio(redeemed, issued),
    redemptions: sum("redemptions"),
    codesUsed: sum("codesUsed"),
    codeOrders: sum("codeOrders"),
    codeRevenue: sum("codeRevenue"),
    members: {
      orders: memberOrders,
      revenue: memberRevenue,
      averageOrder: average(memberRevenue, memberOrders),
      repeatRate: ratio(sum("memberReturning"), memberOrders),
    },
    others: {
      orders: otherOrders,
      revenue: otherRevenue,
      averageOrder: average(otherRevenue, otherOrders),
      repeatRate: ratio(sum("otherReturning"), otherKnown),
      guestOrders: otherOrders - otherKnown,
    },
  };
}

/**
 * Every day of the period, from the rows the rollup kept (days without a row had no activity:
 * zeros, and the member count of the day before). `membersNow` stands in when no row says more.
 */
export function fillPeriod(rows: DayFigures[], first: string, last: string, membersNow: number): DayFigures[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const firstRow = rows.find((r) => r.day >= first);
  let members = firstRow ? firstRow.members - firstRow.enrolled : membersNow;
  return daysBetween(first, last).map((day) => {
    const row = byDay.get(day) ?? { ...emptyDay(day), members };
    members = row.members;
    return row;
  });
}

export interface SeriesPoint {
  /** The first day of the bucket. */
  day: string;
  enrolled: number;
  members: number;
  issued: number;
  redeemed: number;
  expired: number;
}

/** Daily points for 30 and 90 days; weekly for a year (so a chart has ~52 bars, not 365). */
export function seriesOf(days: DayFigures[], period: Period): SeriesPoint[] {
  const size = period === 365 ? 7 : 1;
  const points: SeriesPoint[] = [];
  // Buckets end on the last day, so the current week is whole and the oldest may be short.
  for (let end = days.length; end > 0; end -= size) {
    const bucket = days.slice(Math.max(0, end - size), end);
    const total = (f: "enrolled" | "issued" | "redeemed" | "expired") => bucket.reduce((s, d) => s + d[f], 0);
    points.unshift({
      day: bucket[0]!.day,
      enrolled: total("enrolled"),
      members: bucket[bucket.length - 1]!.members,
      issued: total("issued"),
      redeemed: total("redeemed"),
      expired: total("expired"),
    });
  }
  return points;
}

// ---------------------------------------------------------------------------------------------
// What outstanding points are worth

export interface PointValue {
  rewardId: string;
  type: "amount_off" | "points_for_cash";
  /** `minor` units of the shop's currency for `points` points. */
  minor: number;
  points: number;
}

/**
 * A point's value in money: the best rate any active reward that gives a fixed amount pays
 * (amount off, points for cash), so the liability is what the points would cost the merchant if
 * every one were spent there. Percent-off, free shipping and free products have no fixed value.
 */
export function pointValueOf(rewards: { id: string; reward: Reward }[]): PointValue | null {
  let best: PointValue | null = null;
  for (const { id, reward } of rewards) {
    const minor =
      reward.type === "amount_off" ? reward.amount : reward.type === "points_for_cash" ? reward.stepValue : null;
    if (minor === null) continue;
    const candidate: PointValue = { rewardId: id, type: reward.type as PointValue["type"], minor, points: reward.cost };
    // a/b > c/d without fractions.
    if (!best || BigInt(minor) * BigInt(best.points) > BigInt(best.minor) * BigInt(reward.cost)) best = candidate;
  }
  return best;
}

/** The points' value in minor units (rounded down), or null when nothing gives a point a value. */
export function liabilityOf(points: number, value: PointValue | null): number | null {
  if (!value) return null;
  return Number((BigInt(points) * BigInt(value.minor)) / BigInt(value.points));
}
