// Points expiry, as a pure function of a member's available-points history.
// - fifo: every credit of available points expires `months` after it was credited; spending,
//   reversals and earlier expiries use up the oldest points first.
// - inactivity: everything available expires `months` after the member's last activity.
// The same computation tells the member what expires when.

export type ExpiryPolicy =
  { kind: "never" } | { kind: "fifo"; months: number } | { kind: "inactivity"; months: number };

/** A change to available points, in time order. */
export interface Movement {
  at: Date;
  available: number;
}

export interface Expiring {
  points: number;
  at: Date;
}

/** `date` plus whole calendar months (the 31st becomes the month's last day). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const last = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, last));
  return result;
}

/** FIFO lots still holding points: what each has left and when it expires. */
export function fifoLots(movements: Movement[], months: number): Expiring[] {
  const lots: Expiring[] = [];
  for (const movement of [...movements].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (movement.available > 0) {
      lots.push({ points: movement.available, at: addMonths(movement.at, months) });
      continue;
    }
    let debit = -movement.available;
    for (const lot of lots) {
      if (debit === 0) break;
      const used = Math.min(lot.points, debit);
      lot.points -= used;
      debit -= used;
    }
  }
  return lots.filter((lot) => lot.points > 0);
}

/**
 * What has expired by `now` and has not been taken yet, and what will expire later (soonest
 * first). `available` caps both: a member can't lose more than they hold.
 */
export function expiryOf(
  policy: ExpiryPolicy,
  movements: Movement[],
  available: number,
  lastActivityAt: Date | null,
  now: Date,
): { dueNow: number; upcoming: Expiring[] } {
  if (policy.kind === "never" || available <= 0) return { dueNow: 0, upcoming: [] };
  if (policy.kind === "inactivity") {
    if (!lastActivityAt) return { dueNow: 0, upcoming: [] };
    const at = addMonths(lastActivityAt, policy.months);
    return at <= now ? { dueNow: available, upcoming: [] } : { dueNow: 0, upcoming: [{ points: available, at }] };
  }
  const lots = fifoLots(movements, policy.months);
  let budget = available;
  const capped = lots.map((lot) => {
    const points = Math.min(lot.points, budget);
    budget -= points;
    return { points, at: lot.at };
  });
  const dueNow = capped.filter((lot) => lot.at <= now).reduce((sum, lot) => sum + lot.points, 0);
  const upcoming = capped.filter((lot) => lot.at > now && lot.points > 0);
  return { dueNow, upcoming };
}
