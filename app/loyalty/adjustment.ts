// A merchant's manual adjustment of a member's points: one ledger entry that moves the spendable
// balance, never below zero whatever the program's negative-balance policy (that policy is for
// refunds of points already spent, not for a deduction a person chooses to make).
import { entry, type Balance, type Entry } from "./ledger";

/** The most points one adjustment may move either way: a typo guard, not a business rule. */
export const MAX_ADJUSTMENT = 1_000_000;
export const MAX_REASON = 200;

export type AdjustmentOutcome = { ok: true; entry: Entry; after: number } | { ok: false; shortBy: number };

/**
 * Adds (or, negative, takes) points. Lifetime earned moves with them, as a refund's reversal
 * does, but never below zero: a deduction corrects points given, it does not unearn history.
 */
export function manualAdjustment(key: string, points: number, reason: string, balance: Balance): AdjustmentOutcome {
  if (!Number.isSafeInteger(points) || points === 0)
    throw new Error("an adjustment moves a whole, non-zero number of points");
  const after = balance.available + points;
  if (after < 0) return { ok: false, shortBy: -after };
  const lifetimeEarned = points > 0 ? points : -Math.min(-points, Math.max(0, balance.lifetimeEarned));
  return {
    ok: true,
    entry: entry("manual_adjustment", key, { available: points, lifetimeEarned }, { note: reason }),
    after,
  };
}
