// Properties of order points under Shopify's delivery: any order of events, any repeats.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Earning } from "./earn";
import { applyEntry, balanceOf, EMPTY_BALANCE, type Balance, type Entry } from "./ledger";
import {
  fullyRefunded,
  netPoints,
  newOrder,
  onCancel,
  onPaid,
  onRefund,
  onSettle,
  tierFigures,
  type OrderState,
  type Policy,
} from "./order-points";

const earning = (total: number, eligibleAmount: number, campaign = 0): Earning => ({
  eligibleAmount,
  purchasePoints: total - campaign,
  lines: [],
  shipping: { amount: 0, points: 0 },
  tax: { amount: 0, points: 0 },
  campaigns: campaign > 0 ? [{ id: "c1", points: campaign }] : [],
  tier: null,
  total,
  notes: [],
});

type Event =
  | { kind: "paid"; order: number }
  | { kind: "refund"; order: number; refundId: string; amount: number }
  | { kind: "cancel"; order: number }
  | { kind: "settle"; order: number };

interface OrderSpec {
  eligible: number;
  points: number;
  campaign: number;
  refunds: number[];
  cancelled: boolean;
}

const orderSpec = fc
  .record({
    eligible: fc.integer({ min: 1, max: 500_000 }),
    rate: fc.integer({ min: 0, max: 10 }),
    campaign: fc.integer({ min: 0, max: 500 }),
    refundShares: fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 3 }),
    cancelled: fc.boolean(),
  })
  .map(({ eligible, rate, campaign, refundShares, cancelled }): OrderSpec => {
    // Refunds never exceed what was paid: shares of at most the whole eligible amount.
    let left = eligible;
    const refunds = refundShares.map((share) => {
      const amount = Math.min(left, Math.floor((eligible * share) / 100));
      left -= amount;
      return amount;
    });
    const points = Math.floor((eligible * rate) / 100) + campaign;
    return { eligible, points, campaign: Math.min(campaign, points), refunds, cancelled };
  });

/** Every order's events, shuffled, with some delivered more than once. */
const scenario = fc
  .array(orderSpec, { minLength: 1, maxLength: 5 })
  .chain((orders) => {
    const events: Event[] = orders.flatMap((o, order): Event[] => [
      { kind: "paid", order },
      ...o.refunds.map((amount, i): Event => ({ kind: "refund", order, refundId: `R${order}-${i}`, amount })),
      ...(o.cancelled ? [{ kind: "cancel", order } as Event] : []),
      { kind: "settle", order },
    ]);
    return fc.tuple(
      fc.constant(orders),
      fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
      fc.array(fc.nat({ max: events.length - 1 }), { maxLength: 6 }),
    );
  })
  .map(([orders, shuffled, repeats]) => ({
    orders,
    deliveries: [...shuffled, ...repeats.map((i) => shuffled[i]!)],
  }));

/** What each order is worth once all its events have happened. */
function expected(spec: OrderSpec): number {
  if (spec.cancelled) return 0;
  const refunded = Math.min(
    spec.refunds.reduce((a, b) => a + b, 0),
    spec.eligible,
  );
  return spec.points - Math.floor((spec.points * refunded) / spec.eligible);
}

function run(orders: OrderSpec[], deliveries: Event[], policy: Policy) {
  const states: OrderState[] = orders.map((_, i) => newOrder(`gid://shopify/Order/${i}`));
  const ledger: Entry[] = [];
  let balance: Balance = EMPTY_BALANCE;
  const paidAt = new Date("2026-11-01T00:00:00Z");
  const later = new Date("2026-12-31T00:00:00Z");
  for (const event of deliveries) {
    const state = states[event.order]!;
    const spec = orders[event.order]!;
    const outcome =
      event.kind === "paid"
        ? onPaid(state, earning(spec.points, spec.eligible, spec.campaign), balance, policy, paidAt)
        : event.kind === "refund"
          ? onRefund(state, event.refundId, event.amount, balance, policy)
          : event.kind === "cancel"
            ? onCancel(state, balance, policy)
            : onSettle(state, balance, later);
    states[event.order] = outcome.state;
    for (const e of outcome.entries) {
      balance = applyEntry(balance, e, policy);
      ledger.push(e);
    }
    // Invariants after every delivery.
    expect(balance).toEqual(balanceOf(ledger));
    expect(balance.available).toBeGreaterThanOrEqual(0);
    expect(balance.pending).toBeGreaterThanOrEqual(0);
    expect(new Set(ledger.map((e) => e.key)).size).toBe(ledger.length);
    expect(ledger.every((e) => e.shortfall === 0)).toBe(true);
  }
  return { states, ledger, balance };
}

describe("order points under at-least-once, any-order delivery", () => {
  it("end exactly as the orders' final state says, points available at once", () => {
    fc.assert(
      fc.property(scenario, ({ orders, deliveries }) => {
        const { states, balance } = run(orders, deliveries, { allowNegative: false, pendingDays: 0 });
        states.forEach((state, i) => expect(netPoints(state)).toBe(expected(orders[i]!)));
        const total = orders.reduce((sum, o) => sum + expected(o), 0);
        expect(balance.available + balance.pending).toBe(total);
        expect(balance.lifetimeEarned).toBe(total);
      }),
      { numRuns: 300 },
    );
  });

  it("end the same with a pending period, whatever settles when", () => {
    fc.assert(
      fc.property(scenario, ({ orders, deliveries }) => {
        const { balance, states } = run(orders, deliveries, { allowNegative: false, pendingDays: 14 });
        const total = orders.reduce((sum, o) => sum + expected(o), 0);
        expect(balance.available + balance.pending).toBe(total);
        // An order that settled after its last change holds nothing back as pending.
        const unsettled = states.filter((s) => s.paid && !s.settled).reduce((sum, s) => sum + netPoints(s), 0);
        expect(balance.pending).toBeLessThanOrEqual(unsettled);
      }),
      { numRuns: 300 },
    );
  });
});

describe("examples", () => {
  const policy: Policy = { allowNegative: false, pendingDays: 0 };
  const now = new Date("2026-11-01T00:00:00Z");

  it("buys, refunds half, then is cancelled", () => {
    let state = newOrder("gid://shopify/Order/1");
    let balance = EMPTY_BALANCE;
    const step = (outcome: { state: OrderState; entries: Entry[] }) => {
      state = outcome.state;
      for (const e of outcome.entries) balance = applyEntry(balance, e, policy);
      return outcome.entries.map((e) => [e.reason, e.key, e.available]);
    };
    expect(step(onPaid(state, earning(100, 10_000), balance, policy, now))).toEqual([
      ["earn_purchase", "earn:gid://shopify/Order/1", 100],
    ]);
    expect(step(onRefund(state, "R1", 5_000, balance, policy))).toEqual([["refund_reversal", "refund:R1", -50]]);
    expect(step(onRefund(state, "R1", 5_000, balance, policy))).toEqual([]);
    expect(fullyRefunded(state)).toBe(false);
    expect(fullyRefunded(onRefund(state, "R2", 5_000, balance, policy).state)).toBe(true);
    expect(step(onCancel(state, balance, policy))).toEqual([["cancel_reversal", "cancel:gid://shopify/Order/1", -50]]);
    expect(balance).toMatchObject({ available: 0, lifetimeEarned: 0 });
  });

  it("takes back only what is left after points were spent, and records the shortfall", () => {
    const spent = { ...EMPTY_BALANCE, available: 30, lifetimeEarned: 100, lifetimeRedeemed: 70 };
    const paid = {
      ...newOrder("gid://shopify/Order/2"),
      paid: true,
      earned: 100,
      eligibleAmount: 10_000,
      settled: true,
    };
    const { entries } = onRefund(paid, "R9", 10_000, spent, policy);
    expect(entries).toMatchObject([{ reason: "refund_reversal", available: -30, shortfall: 70 }]);
    const negative = onRefund(paid, "R9", 10_000, spent, { ...policy, allowNegative: true });
    expect(negative.entries).toMatchObject([{ available: -100, shortfall: 0 }]);
  });

  it("removes pending points on a refund inside the window, without touching available", () => {
    const pendingPolicy = { ...policy, pendingDays: 30 };
    const paid = onPaid(
      newOrder("gid://shopify/Order/3"),
      earning(40, 4_000),
      { ...EMPTY_BALANCE, available: 500 },
      pendingPolicy,
      now,
    );
    expect(paid.entries).toMatchObject([{ pending: 40, available: 0 }]);
    const balance = { ...EMPTY_BALANCE, available: 500, pending: 40, lifetimeEarned: 540 };
    const refunded = onRefund(paid.state, "R3", 1_000, balance, pendingPolicy);
    expect(refunded.entries).toMatchObject([{ pending: -10, available: 0 }]);
  });

  it("records a tier's extra points as their own entry, taken back with the order", () => {
    const withTier = { ...earning(150, 10_000), purchasePoints: 100, tier: { id: "gold", points: 50 } };
    const paid = onPaid(newOrder("gid://shopify/Order/4"), withTier, EMPTY_BALANCE, policy, now);
    expect(paid.entries.map((e) => [e.reason, e.key, e.available, e.lifetimeEarned])).toEqual([
      ["earn_purchase", "earn:gid://shopify/Order/4", 100, 100],
      ["tier_earn", "tier-earn:gid://shopify/Order/4", 50, 50],
    ]);
    const balance = { ...EMPTY_BALANCE, available: 150, lifetimeEarned: 150 };
    expect(onCancel(paid.state, balance, policy).entries).toMatchObject([{ available: -150 }]);
  });

  it("counts towards tiers the spend left after refunds, and no order once cancelled", () => {
    const paid = onPaid(newOrder("gid://shopify/Order/5"), earning(100, 10_000), EMPTY_BALANCE, policy, now).state;
    expect(tierFigures(newOrder("x"))).toEqual({ spend: 0, orders: 0 });
    expect(tierFigures(paid)).toEqual({ spend: 10_000, orders: 1 });
    const half = onRefund(paid, "R1", 4_000, EMPTY_BALANCE, policy).state;
    expect(tierFigures(half)).toEqual({ spend: 6_000, orders: 1 });
    expect(tierFigures(onRefund(half, "R2", 6_000, EMPTY_BALANCE, policy).state)).toEqual({ spend: 0, orders: 0 });
    expect(tierFigures(onCancel(paid, EMPTY_BALANCE, policy).state)).toEqual({ spend: 0, orders: 0 });
  });
});
