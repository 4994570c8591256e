// The points ledger: append-only entries, each with a reason and an idempotency key derived from
// its source, and the balances they add up to. Entries are never edited; a correction is a new
// entry that names what it corrects.

export const REASONS = [
  "earn_purchase",
  "earn_action",
  "campaign_bonus",
  "settle",
  "redeem",
  "redeem_hold",
  "redeem_release",
  "refund_reversal",
  "cancel_reversal",
  "expiry",
  "manual_adjustment",
  "import",
  "restore",
  // VIP tiers: the extra points a tier's multiplier adds to an order, and the bonus on reaching a tier.
  "tier_earn",
  "tier_bonus",
] as const;
export type Reason = (typeof REASONS)[number];

/**
 * The notes Laurel itself writes on entries. Anything else in a note is the merchant's own words
 * (a manual adjustment's reason, an import's note): internal remarks that shoppers never see.
 */
export const LAUREL_NOTES = {
  signup: "signup",
  birthday: "birthday",
  newsletter: "newsletter",
  codeExpired: "code expired unused",
  orderCancelled: "order cancelled",
  orderRefunded: "order refunded",
} as const;
export type LaurelNote = (typeof LAUREL_NOTES)[keyof typeof LAUREL_NOTES];

/** A custom action's entries say which action: `action:<id>`. */
export const actionNote = (actionId: string) => `action:${actionId}`;

/** A tier bonus's entry says which tier: `tier:<id>`. */
export const tierNote = (tierId: string) => `tier:${tierId}`;

const laurelNotes = new Set<string>(Object.values(LAUREL_NOTES));

/** Whether Laurel wrote this note (so it may be shown to the shopper and translated). */
export const isLaurelNote = (note: string | null): boolean =>
  note !== null && (laurelNotes.has(note) || note.startsWith("action:") || note.startsWith("tier:"));

/** How an entry moves each balance (signed, whole points). */
export interface Deltas {
  available: number;
  pending: number;
  held: number;
  lifetimeEarned: number;
  lifetimeRedeemed: number;
}

export interface Entry extends Deltas {
  reason: Reason;
  /** Unique per shop: derived from the source (`earn:<order GID>`), so a retry is recognised. */
  key: string;
  /** The key of the entry this one corrects or follows from, if any. */
  corrects: string | null;
  /** Points a reversal could not take back because the balance was short (kept for the record). */
  shortfall: number;
  /** Available points move from pending to available on this date (pending earns only). */
  pendingUntil: Date | null;
  note: string | null;
}

export type Balance = Deltas;

export const EMPTY_BALANCE: Balance = { available: 0, pending: 0, held: 0, lifetimeEarned: 0, lifetimeRedeemed: 0 };

export function entry(reason: Reason, key: string, deltas: Partial<Deltas>, extra: Partial<Entry> = {}): Entry {
  return {
    reason,
    key,
    available: 0,
    pending: 0,
    held: 0,
    lifetimeEarned: 0,
    lifetimeRedeemed: 0,
    corrects: null,
    shortfall: 0,
    pendingUntil: null,
    note: null,
    ...deltas,
    ...extra,
  };
}

export class LedgerError extends Error {}

export function applyEntry(balance: Balance, e: Entry, policy: { allowNegative: boolean }): Balance {
  for (const field of ["available", "pending", "held", "lifetimeEarned", "lifetimeRedeemed"] as const) {
    if (!Number.isSafeInteger(e[field])) throw new LedgerError(`${e.key}: ${field} must be a whole number of points`);
  }
  const next: Balance = {
    available: balance.available + e.available,
    pending: balance.pending + e.pending,
    held: balance.held + e.held,
    lifetimeEarned: balance.lifetimeEarned + e.lifetimeEarned,
    lifetimeRedeemed: balance.lifetimeRedeemed + e.lifetimeRedeemed,
  };
  if (next.available < 0 && !policy.allowNegative && e.available < 0) {
    throw new LedgerError(`${e.key}: available points would go below zero`);
  }
  if (next.pending < 0 || next.held < 0) throw new LedgerError(`${e.key}: pending and held points can't go below zero`);
  return next;
}

export function balanceOf(entries: Entry[], policy = { allowNegative: true }): Balance {
  return entries.reduce((b, e) => applyEntry(b, e, policy), EMPTY_BALANCE);
}

/**
 * Takes back up to `points` earned points, from pending if they have not settled yet, else from
 * available. Unless negative balances are allowed, it takes no more than is available and
 * records the rest as a shortfall.
 */
export function reversal(
  reason: "refund_reversal" | "cancel_reversal",
  key: string,
  points: number,
  from: "pending" | "available",
  balance: Balance,
  policy: { allowNegative: boolean },
  corrects: string | null,
): Entry {
  const held = from === "pending" ? balance.pending : balance.available;
  const taken = from === "available" && policy.allowNegative ? points : Math.max(0, Math.min(points, held));
  return entry(reason, key, { [from]: -taken, lifetimeEarned: -taken }, { corrects, shortfall: points - taken });
}

// A redemption moves points in two steps, so a code is never issued without a debit nor a debit
// kept without a code: the hold takes them from available while Shopify makes the code; then the
// hold is either settled (redeemed) or released (back to available).
const holdKey = (redemptionId: string) => `hold:${redemptionId}`;

export const redeemHold = (redemptionId: string, points: number): Entry =>
  entry("redeem_hold", holdKey(redemptionId), { available: -points, held: points });

export const redeemSettle = (redemptionId: string, points: number): Entry =>
  entry(
    "redeem",
    `redeem:${redemptionId}`,
    { held: -points, lifetimeRedeemed: points },
    { corrects: holdKey(redemptionId) },
  );

export const redeemRelease = (redemptionId: string, points: number, note: string | null = null): Entry =>
  entry(
    "redeem_release",
    `release:${redemptionId}`,
    { held: -points, available: points },
    { corrects: holdKey(redemptionId), note },
  );

/** Points of a settled redemption given back (an unused code expired, or the merchant's policy). */
export const redeemRestore = (redemptionId: string, points: number, note: string): Entry =>
  entry(
    "restore",
    `restore:${redemptionId}`,
    { available: points, lifetimeRedeemed: -points },
    { corrects: `redeem:${redemptionId}`, note },
  );
