// VIP tiers: ordered levels a member climbs by the points they earn, the money they spend or the
// orders they place over a qualifying window, each level with its perks. Upgrades happen at once;
// a downgrade waits for the member's review date (the end of the qualifying period, plus an
// optional grace period), so nobody loses a tier in the middle of the period they earned it for.
// Pure: the database sums a member's history, these functions decide.
import { z } from "zod";

export const TIER_METRICS = ["points", "spend", "orders"] as const;
export type TierMetric = (typeof TIER_METRICS)[number];
/** rolling12: the last 12 months; calendarYear: since 1 January (UTC); lifetime: everything. */
export const TIER_WINDOWS = ["rolling12", "calendarYear", "lifetime"] as const;
export type TierWindow = (typeof TIER_WINDOWS)[number];
/** At a review a member falls one level at most, or straight to the level they qualify for. */
export const DOWNGRADES = ["oneLevel", "toQualified"] as const;
export type Downgrade = (typeof DOWNGRADES)[number];
export const MAX_TIERS = 10;
export const TIER_ID = /^[a-z0-9-]{1,30}$/;
/** A threshold in minor units can be large; this keeps every sum a safe integer. */
export const MAX_THRESHOLD = 1_000_000_000_000;

const name = z.object({ en: z.string().trim().min(1).max(40), ru: z.string().trim().min(1).max(40) });

export const tierPerksSchema = z.object({
  /** Points on purchases × percent / 100 (150 = ×1.5; 100 = no change). */
  earnMultiplier: z.number().int().min(100).max(1000),
  /** A permanent discount on every order, whole percent (0: none). */
  discountPercent: z.number().int().min(0).max(100),
  /** Free shipping on orders from this subtotal, minor units (0: every order; null: no perk). */
  freeShippingOver: z.number().int().min(0).max(MAX_THRESHOLD).nullable(),
  /** Points given once, the first time a member reaches the tier. */
  entryBonus: z.number().int().min(0).max(1_000_000),
});
export type TierPerks = z.infer<typeof tierPerksSchema>;

export const tierSchema = z.object({
  /** Stable across renames: it names the tier's Shopify tag, segment and discounts. */
  id: z.string().regex(TIER_ID, { error: "lowercase letters, digits and hyphens" }),
  name,
  /** Entered at this value of the ladder's metric: points, minor units, or orders. */
  threshold: z.number().int().min(0).max(MAX_THRESHOLD),
  perks: tierPerksSchema,
});
export type Tier = z.infer<typeof tierSchema>;

export const ladderSchema = z
  .object({
    enabled: z.boolean(),
    metric: z.enum(TIER_METRICS),
    window: z.enum(TIER_WINDOWS),
    /** Days after the review date during which the member can still requalify. */
    graceDays: z.number().int().min(0).max(365),
    downgrade: z.enum(DOWNGRADES),
    /** Lowest first; thresholds strictly rising. */
    tiers: z.array(tierSchema).min(1).max(MAX_TIERS),
  })
  .superRefine((ladder, ctx) => {
    ladder.tiers.forEach((tier, i) => {
      if (ladder.tiers.findIndex((t) => t.id === tier.id) !== i)
        ctx.addIssue({ code: "custom", path: ["tiers", i, "id"], message: "duplicate" });
      if (i > 0 && tier.threshold <= ladder.tiers[i - 1]!.threshold)
        ctx.addIssue({ code: "custom", path: ["tiers", i, "threshold"], message: "not above the tier below" });
    });
  });
export type Ladder = z.infer<typeof ladderSchema>;

const perks = (over: Partial<TierPerks> = {}): TierPerks => ({
  earnMultiplier: 100,
  discountPercent: 0,
  freeShippingOver: null,
  entryBonus: 0,
  ...over,
});

/** What a shop starts from when it first opens the tiers page: disabled until the merchant saves. */
export function defaultLadder(minorPerUnit: number): Ladder {
  return {
    enabled: false,
    metric: "spend",
    window: "rolling12",
    graceDays: 0,
    downgrade: "oneLevel",
    tiers: [
      { id: "bronze", name: { en: "Bronze", ru: "Бронза" }, threshold: 0, perks: perks() },
      {
        id: "silver",
        name: { en: "Silver", ru: "Серебро" },
        threshold: 500 * minorPerUnit,
        perks: perks({ earnMultiplier: 125, discountPercent: 3, entryBonus: 100 }),
      },
      {
        id: "gold",
        name: { en: "Gold", ru: "Золото" },
        threshold: 1000 * minorPerUnit,
        perks: perks({ earnMultiplier: 150, discountPercent: 5, freeShippingOver: 0, entryBonus: 250 }),
      },
    ],
  };
}

// --- Dates -------------------------------------------------------------------------------------

/** `months` calendar months on (UTC), the day clamped to the month's end (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const d = new Date(date);
  d.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return d;
}

const DAY = 86_400_000;
const newYear = (year: number) => new Date(Date.UTC(year, 0, 1));

/** Where the qualifying window that ends at `at` starts (null: the whole history). */
export function windowStart(window: TierWindow, at: Date): Date | null {
  if (window === "rolling12") return addMonths(at, -12);
  if (window === "calendarYear") return newYear(at.getUTCFullYear());
  return null;
}

/**
 * When a tier entered at `at` is first reviewed: 12 months on for a rolling window; for the
 * calendar year, the end of the year after (a December qualifier keeps the tier a full year);
 * never for lifetime tiers.
 */
export function firstReview(window: TierWindow, at: Date): Date | null {
  if (window === "rolling12") return addMonths(at, 12);
  if (window === "calendarYear") return newYear(at.getUTCFullYear() + 2);
  return null;
}

/** When a review's decision takes effect: the review date plus the grace period. */
export const reviewDue = (ladder: Pick<Ladder, "graceDays">, reviewAt: Date) =>
  new Date(reviewAt.getTime() + ladder.graceDays * DAY);

// --- Positions on the ladder ----------------------------------------------------------------------

export const tierOf = (ladder: Ladder, id: string | null): Tier | null =>
  id === null ? null : (ladder.tiers.find((t) => t.id === id) ?? null);

/** The tier's place on the ladder (0 = lowest); -1 for none or a tier no longer on it. */
export const rankOf = (ladder: Ladder, id: string | null) =>
  id === null ? -1 : ladder.tiers.findIndex((t) => t.id === id);

/** The highest tier `value` reaches, as its rank (-1: none). */
export function qualifiedRank(ladder: Ladder, value: number): number {
  for (let i = ladder.tiers.length - 1; i >= 0; i--) if (value >= ladder.tiers[i]!.threshold) return i;
  return -1;
}

/**
 * The tier a member holds for every purpose (perks, display): none while tiers are off; a member
 * not yet placed is on the lowest tier when that one asks for nothing.
 */
export function effectiveTier(ladder: Ladder | null, id: string | null): Tier | null {
  if (!ladder?.enabled) return null;
  const held = tierOf(ladder, id);
  if (held) return held;
  const base = ladder.tiers[0]!;
  return base.threshold === 0 ? base : null;
}

/** The earn multiplier (percent) a member's tier gives: 100 when none. */
export const earnMultiplierOf = (ladder: Ladder | null, id: string | null) =>
  effectiveTier(ladder, id)?.perks.earnMultiplier ?? 100;

export interface Progress {
  next: Tier | null;
  /** How much more of the metric reaches the next tier (0 at the top). */
  needed: number;
  /** 0–100, from the current tier's threshold to the next one's. */
  percent: number;
}

export function progressOf(ladder: Ladder, id: string | null, value: number): Progress {
  const current = effectiveTier(ladder, id);
  const rank = Math.max(rankOf(ladder, current?.id ?? null), qualifiedRank(ladder, value));
  const next = ladder.tiers[rank + 1] ?? null;
  if (!next) return { next: null, needed: 0, percent: 100 };
  const from = rank >= 0 ? ladder.tiers[rank]!.threshold : 0;
  const span = next.threshold - from;
  const percent = span <= 0 ? 100 : Math.max(0, Math.min(99, Math.floor(((value - from) * 100) / span)));
  return { next, needed: Math.max(0, next.threshold - value), percent };
}

// --- Decisions -------------------------------------------------------------------------------------

export interface TierState {
  tierId: string | null;
  since: Date | null;
  reviewAt: Date | null;
  /** Set by the merchant's override: nothing automatic moves the member. */
  locked: boolean;
}

export const NO_TIER: TierState = { tierId: null, since: null, reviewAt: null, locked: false };

export type TierCause = "qualified" | "review" | "override" | "override_cleared" | "ladder";

export interface TierDecision {
  state: TierState;
  /** Set when the tier changed. */
  change: { from: string | null; to: string | null; cause: TierCause } | null;
  /** The tier whose entry bonus is due (given once per member and tier; the ledger's key says). */
  bonusTierId: string | null;
}

const unchanged = (state: TierState): TierDecision => ({ state, change: null, bonusTierId: null });

function moveTo(ladder: Ladder, state: TierState, rank: number, cause: TierCause, at: Date, reviewAt: Date | null) {
  const tier = ladder.tiers[rank] ?? null;
  const to = tier?.id ?? null;
  return {
    state: {
      tierId: to,
      since: to === null ? null : at,
      reviewAt: to === null ? null : reviewAt,
      locked: state.locked,
    },
    change: { from: state.tierId, to, cause },
    bonusTierId: tier && tier.perks.entryBonus > 0 && rank > rankOf(ladder, state.tierId) ? tier.id : null,
  };
}

/**
 * After the member's qualifying value changed (an order, points): a higher tier is entered at
 * once, with a fresh review date. A lower value changes nothing until the review. A member whose
 * tier left the ladder is placed by their value.
 */
export function onQualify(ladder: Ladder, state: TierState, value: number, now: Date): TierDecision {
  if (!ladder.enabled || state.locked) return unchanged(state);
  const current = rankOf(ladder, state.tierId);
  const qualified = qualifiedRank(ladder, value);
  if (state.tierId !== null && current === -1)
    return moveTo(ladder, state, qualified, "ladder", now, firstReview(ladder.window, now));
  if (qualified > current) return moveTo(ladder, state, qualified, "qualified", now, firstReview(ladder.window, now));
  return unchanged(state);
}

/**
 * The review: due at the review date plus grace. The member keeps their tier if what they did in
 * the period that just ended, or in the window up to now (which the grace period lets them
 * complete), still reaches it; otherwise they fall (one level, or to what they reach). Reviewed
 * again 12 months after this review date while they hold a tier.
 */
export function onReview(
  ladder: Ladder,
  state: TierState,
  values: { period: number; current: number },
  now: Date,
): TierDecision {
  if (!ladder.enabled || state.locked || state.reviewAt === null || now < reviewDue(ladder, state.reviewAt))
    return unchanged(state);
  const current = rankOf(ladder, state.tierId);
  const qualified = qualifiedRank(ladder, Math.max(values.period, values.current));
  const next = addMonths(state.reviewAt, 12);
  if (current === -1) return onQualify(ladder, state, values.current, now);
  if (qualified >= current) {
    if (qualified > current) return moveTo(ladder, state, qualified, "qualified", now, firstReview(ladder.window, now));
    return { state: { ...state, reviewAt: next }, change: null, bonusTierId: null };
  }
  const target = ladder.downgrade === "oneLevel" ? Math.max(qualified, current - 1) : qualified;
  return moveTo(ladder, state, target, "review", now, next);
}

/** The merchant fixes a member's tier (locked), or clears the override (placed by value again). */
export function override(
  ladder: Ladder,
  state: TierState,
  tierId: string | null,
  value: number,
  now: Date,
): TierDecision {
  if (tierId === null) {
    if (!state.locked) return unchanged(state);
    const free = { ...state, locked: false };
    const qualified = qualifiedRank(ladder, value);
    const decision = moveTo(ladder, free, qualified, "override_cleared", now, firstReview(ladder.window, now));
    return decision.state.tierId === state.tierId
      ? { state: { ...free, reviewAt: firstReview(ladder.window, now) }, change: null, bonusTierId: null }
      : decision;
  }
  const rank = rankOf(ladder, tierId);
  if (rank === -1) throw new RangeError(`no tier ${tierId} on the ladder`);
  if (state.locked && state.tierId === tierId) return unchanged(state);
  // A tier given by hand carries no entry bonus: that rewards reaching it.
  const decision = { ...moveTo(ladder, { ...state, locked: true }, rank, "override", now, null), bonusTierId: null };
  return state.tierId === tierId ? { ...decision, change: null } : decision;
}

// --- Histories (for tests and previews) -------------------------------------------------------------

export interface QualifyingEvent {
  at: Date;
  /** Points earned, spend (minor units, negative for a refund), or orders (1, or -1 for a cancellation). */
  value: number;
}

/**
 * The sum of the events in (from, to] (from null: since the start). Open at the start, so a
 * purchase made exactly 12 months before a review no longer counts at it.
 */
export const sumBetween = (events: QualifyingEvent[], from: Date | null, to: Date) =>
  events.reduce((sum, e) => (e.at <= to && (from === null || e.at > from) ? sum + e.value : sum), 0);

/** The member's qualifying value at `at`: the window's sum. */
export const qualifyingValue = (ladder: Pick<Ladder, "window">, events: QualifyingEvent[], at: Date) =>
  sumBetween(events, windowStart(ladder.window, at), at);

/** A review's values: the 12 months before the review date, and the window up to now. */
export function reviewValues(ladder: Ladder, events: QualifyingEvent[], reviewAt: Date, now: Date) {
  return {
    period: sumBetween(events, ladder.window === "lifetime" ? null : addMonths(reviewAt, -12), reviewAt),
    current: qualifyingValue(ladder, events, now),
  };
}

/** The Shopify tag that marks a tier's members (the tier's segment selects by it). */
export const tierTag = (tierId: string) => `laurel-tier-${tierId}`;
