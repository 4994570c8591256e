// One order's points, from Shopify's order events as they come: at least once, in any order.
// Each handler takes what is known of the order and the member's balance, and returns the
// order's new state and the ledger entries to append. Applying an event twice, or in another
// order, ends in the same state and the same total (see order-points.test.ts).
import type { Earning } from "./earn";
import { entry, reversal, type Balance, type Entry } from "./ledger";

export interface OrderState {
  orderId: string;
  paid: boolean;
  cancelled: boolean;
  /** The points the order earned when paid (purchase and campaigns), and the spend they were for. */
  earned: number;
  eligibleAmount: number;
  /** Campaign shares of `earned`, for the ledger's reasons. */
  campaignPoints: { id: string; points: number }[];
  /** Eligible spend refunded so far, by refund id. */
  refunds: Record<string, number>;
  /** Points taken back so far (refunds, cancellation). */
  reversed: number;
  /** While set and in the future, the order's points are pending. */
  pendingUntil: Date | null;
  settled: boolean;
}

export const newOrder = (orderId: string): OrderState => ({
  orderId,
  paid: false,
  cancelled: false,
  earned: 0,
  eligibleAmount: 0,
  campaignPoints: [],
  refunds: {},
  reversed: 0,
  pendingUntil: null,
  settled: false,
});

export interface Policy {
  allowNegative: boolean;
  /** Purchase points wait this many days before they can be spent (0: at once). */
  pendingDays: number;
}

export interface Outcome {
  state: OrderState;
  entries: Entry[];
}

const DAY = 86_400_000;

const refundedAmount = (state: OrderState) => Object.values(state.refunds).reduce((a, b) => a + b, 0);

/** Every eligible unit of the order has been refunded (its Laurel codes may give points back). */
export const fullyRefunded = (state: OrderState) =>
  state.paid && state.eligibleAmount > 0 && refundedAmount(state) >= state.eligibleAmount;

/** The points the order should have lost to refunds so far: proportional, rounded down. */
function reversalTarget(state: OrderState): number {
  if (state.cancelled) return state.earned;
  if (state.eligibleAmount === 0) return 0;
  const refunded = Math.min(refundedAmount(state), state.eligibleAmount);
  return Number((BigInt(state.earned) * BigInt(refunded)) / BigInt(state.eligibleAmount));
}

/** Brings `reversed` up to the target with one entry (or none). */
function catchUp(
  state: OrderState,
  balance: Balance,
  policy: Policy,
  reason: "refund_reversal" | "cancel_reversal",
  key: string,
) {
  const due = reversalTarget(state) - state.reversed;
  if (due <= 0 || !state.paid) return { state, entries: [] as Entry[] };
  const pending = state.pendingUntil !== null && !state.settled;
  const e = reversal(reason, key, due, pending ? "pending" : "available", balance, policy, `earn:${state.orderId}`);
  return { state: { ...state, reversed: state.reversed + due }, entries: [e] };
}

/** orders/paid: award the order's points (pending for `pendingDays`), less anything already refunded. */
export function onPaid(state: OrderState, earning: Earning, balance: Balance, policy: Policy, now: Date): Outcome {
  if (state.paid || state.cancelled) return { state, entries: [] };
  const pendingUntil = policy.pendingDays > 0 ? new Date(now.getTime() + policy.pendingDays * DAY) : null;
  const next: OrderState = {
    ...state,
    paid: true,
    earned: earning.total,
    eligibleAmount: earning.eligibleAmount,
    campaignPoints: earning.campaigns,
    pendingUntil,
    settled: pendingUntil === null,
  };
  const bucket = pendingUntil ? "pending" : "available";
  const entries: Entry[] = [];
  if (earning.purchasePoints > 0) {
    entries.push(
      entry(
        "earn_purchase",
        `earn:${state.orderId}`,
        { [bucket]: earning.purchasePoints, lifetimeEarned: earning.purchasePoints },
        { pendingUntil },
      ),
    );
  }
  for (const campaign of earning.campaigns) {
    entries.push(
      entry(
        "campaign_bonus",
        `campaign:${campaign.id}:${state.orderId}`,
        { [bucket]: campaign.points, lifetimeEarned: campaign.points },
        { pendingUntil, corrects: `earn:${state.orderId}` },
      ),
    );
  }
  if (earning.tier) {
    entries.push(
      entry(
        "tier_earn",
        `tier-earn:${state.orderId}`,
        { [bucket]: earning.tier.points, lifetimeEarned: earning.tier.points },
        { pendingUntil, corrects: `earn:${state.orderId}` },
      ),
    );
  }
  // Refunds that arrived before the payment are taken into account at once.
  const earnedBalance = entries.reduce(
    (b, e) => ({ ...b, available: b.available + e.available, pending: b.pending + e.pending }),
    balance,
  );
  const caught = catchUp(next, earnedBalance, policy, "refund_reversal", `refund-early:${state.orderId}`);
  return { state: caught.state, entries: [...entries, ...caught.entries] };
}

/** refunds/create: take back points in proportion to the eligible spend refunded. */
export function onRefund(
  state: OrderState,
  refundId: string,
  eligibleRefunded: number,
  balance: Balance,
  policy: Policy,
): Outcome {
  if (refundId in state.refunds) return { state, entries: [] };
  const next = { ...state, refunds: { ...state.refunds, [refundId]: Math.max(0, eligibleRefunded) } };
  return catchUp(next, balance, policy, "refund_reversal", `refund:${refundId}`);
}

/** orders/cancelled: take back whatever the order still holds. */
export function onCancel(state: OrderState, balance: Balance, policy: Policy): Outcome {
  if (state.cancelled) return { state, entries: [] };
  return catchUp({ ...state, cancelled: true }, balance, policy, "cancel_reversal", `cancel:${state.orderId}`);
}

/** The settlement job: pending points that have waited their time become available. */
export function onSettle(state: OrderState, balance: Balance, now: Date): Outcome {
  if (!state.paid || state.settled || state.pendingUntil === null || state.pendingUntil > now)
    return { state, entries: [] };
  const remaining = Math.min(state.earned - state.reversed, balance.pending);
  const next = { ...state, settled: true };
  if (remaining <= 0) return { state: next, entries: [] };
  return {
    state: next,
    entries: [
      entry(
        "settle",
        `settle:${state.orderId}`,
        { pending: -remaining, available: remaining },
        { corrects: `earn:${state.orderId}` },
      ),
    ],
  };
}

/**
 * What the order counts towards VIP tiers: its eligible spend net of refunds, and one order while
 * it is paid and neither cancelled nor fully refunded.
 */
export function tierFigures(state: OrderState): { spend: number; orders: number } {
  if (!state.paid || state.cancelled) return { spend: 0, orders: 0 };
  return {
    spend: Math.max(0, state.eligibleAmount - refundedAmount(state)),
    orders: fullyRefunded(state) ? 0 : 1,
  };
}

/** What the order is worth in points in its current state (for checks and reports). */
export const netPoints = (state: OrderState) => (state.paid ? state.earned - state.reversed : 0);
