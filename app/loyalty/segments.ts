// Built-in member segments: groups a merchant can see counted and target campaigns and rewards
// at. Each is decided from a few facts about the member (when they joined, their last purchase,
// what they spent in the last 12 months, their VIP tier), so the same rule can run here for one
// member (orders/paid, a redemption) and as SQL for every member (counts, the members list).
//
// "Purchase" means a paid order that was neither cancelled nor fully refunded (the order's
// `tierOrders`), so a cancelled order doesn't make a lapsed member look active.
//
// Active, at risk and lapsed split members by how long ago they last bought: active within
// `atRiskAfterDays`, at risk from then until `lapsedAfterDays`, lapsed beyond. Active is about
// purchases rather than the ledger's last activity because that clock also moves on manual and
// bulk adjustments, imports and refund reversals, none of which is the member engaging, and
// sharing the at-risk boundary leaves no member both active and at risk, nor in neither.
import { z } from "zod";
import { minorPerUnit } from "./currency";
import { addMonths, TIER_ID } from "./tiers";

export const BUILT_IN_SEGMENTS = ["new", "active", "at-risk", "lapsed", "high-value"] as const;
export type BuiltInSegment = (typeof BUILT_IN_SEGMENTS)[number];

/** One segment per VIP tier: `tier:<tier id>`. */
const TIER_PREFIX = "tier:";
export const tierSegmentId = (tierId: string) => `${TIER_PREFIX}${tierId}`;

/** The tier a `tier:<id>` segment names, or null for any other id. */
export function tierOfSegment(segmentId: string): string | null {
  if (!segmentId.startsWith(TIER_PREFIX)) return null;
  const tierId = segmentId.slice(TIER_PREFIX.length);
  return TIER_ID.test(tierId) ? tierId : null;
}

/**
 * The tiers that may take an offer, as far as its limits say from the tier alone (checkout's first
 * paint knows the member's tier, not their segments): null for everyone; tier segments narrow the
 * tiers; any other segment can't be judged there, so no tier is offered it (the account page,
 * which asks Laurel, still shows it to the members it is for).
 */
export function tiersFromLimits(tierIds: string[] | null, segmentIds: string[] | null): string[] | null {
  if (segmentIds === null) return tierIds;
  const tiers = segmentIds.map(tierOfSegment);
  if (tiers.some((t) => t === null)) return [];
  const named = tiers as string[];
  return tierIds === null ? named : named.filter((t) => tierIds.includes(t));
}

export const isBuiltInSegment = (id: string): id is BuiltInSegment =>
  (BUILT_IN_SEGMENTS as readonly string[]).includes(id);

/** A segment id Laurel knows how to decide: a built-in one, or a tier's. */
export const isSegmentId = (id: string) => isBuiltInSegment(id) || tierOfSegment(id) !== null;

// --- Settings ------------------------------------------------------------------------------------

const DAYS = z.number().int().min(1).max(3650);

/**
 * The thresholds. A shop has the defaults (for its currency) until the merchant saves their own on
 * the segments page; they are kept with the program's settings.
 */
export const segmentSettingsSchema = z
  .object({
    /** New: enrolled within this many days. */
    newDays: DAYS,
    /** At risk: no purchase for this many days (active: a purchase within them). */
    atRiskAfterDays: DAYS,
    /** Lapsed: no purchase for more than this many days. */
    lapsedAfterDays: DAYS,
    /** High value: spend in the last 12 months at or above this, minor units. */
    highValueSpend: z.number().int().min(1).max(1_000_000_000_000),
  })
  .refine((s) => s.lapsedAfterDays > s.atRiskAfterDays, {
    error: "lapsedAfterDays must be above atRiskAfterDays",
    path: ["lapsedAfterDays"],
  });
export type SegmentSettings = z.infer<typeof segmentSettingsSchema>;

/**
 * 30 days is "new" for a welcome series; 90 days without a purchase is the usual point to try to
 * win a customer back and 180 to call them lapsed. High value is a fixed amount a merchant can
 * reason about (500 units of the shop's currency a year), not a top percentile: that would move
 * with every order and costs a sort of every member's spend to count.
 */
export const defaultSegmentSettings = (currency: string): SegmentSettings => ({
  newDays: 30,
  atRiskAfterDays: 90,
  lapsedAfterDays: 180,
  highValueSpend: 500 * minorPerUnit(currency),
});

// --- Deciding ------------------------------------------------------------------------------------

export interface SegmentFacts {
  enrolledAt: Date;
  /** When the member's latest purchase was placed; null if they have none. */
  lastOrderAt: Date | null;
  /** Eligible spend, net of refunds, on orders placed in the last 12 months: minor units. */
  spend12Months: number;
  /** The member's effective VIP tier (tiers.ts `effectiveTier`); null when none. */
  tierId: string | null;
}

const DAY = 86_400_000;

/**
 * The instants each segment compares with at `now`; the SQL (segments.server.ts) uses the same,
 * so a count, a filter and one member's segments agree.
 */
export function segmentBounds(settings: SegmentSettings, now: Date) {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
  return {
    /** new: enrolledAt ≥ this. */
    newSince: daysAgo(settings.newDays),
    /** active: last purchase ≥ this; at risk: before it. */
    activeSince: daysAgo(settings.atRiskAfterDays),
    /** at risk: last purchase ≥ this; lapsed: before it (or none, and enrolled before it). */
    lapsedBefore: daysAgo(settings.lapsedAfterDays),
    /** high value: spend on orders placed from this. */
    spendSince: addMonths(now, -12),
  };
}

/** The member's segments at `now`, built-in ones in BUILT_IN_SEGMENTS order, then their tier's. */
export function segmentsOf(facts: SegmentFacts, settings: SegmentSettings, now: Date): string[] {
  const b = segmentBounds(settings, now);
  const last = facts.lastOrderAt;
  const member: Record<BuiltInSegment, boolean> = {
    new: facts.enrolledAt >= b.newSince,
    active: last !== null && last >= b.activeSince,
    "at-risk": last !== null && last < b.activeSince && last >= b.lapsedBefore,
    lapsed: last === null ? facts.enrolledAt < b.lapsedBefore : last < b.lapsedBefore,
    "high-value": facts.spend12Months >= settings.highValueSpend,
  };
  const ids: string[] = BUILT_IN_SEGMENTS.filter((id) => member[id]);
  if (facts.tierId !== null) ids.push(tierSegmentId(facts.tierId));
  return ids;
}

// --- Choosing segments in a form -----------------------------------------------------------------

/** How a form carries a choice of segments: ids joined by commas, "" for everyone. */
export const segmentChoiceText = (ids: readonly string[] | null) => (ids ?? []).join(",");

/**
 * A posted choice of segments: null (no restriction) when none is chosen, else the ids, each of
 * which must be among `allowed` (the options the form offered); duplicates dropped.
 */
export function readSegmentChoice(
  text: string,
  allowed: readonly string[],
): { ok: true; value: string[] | null } | { ok: false; unknown: string[] } {
  const ids = [
    ...new Set(
      text
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = ids.filter((id) => !allowed.includes(id) || !isSegmentId(id));
  if (unknown.length > 0) return { ok: false, unknown };
  return { ok: true, value: ids.length > 0 ? ids : null };
}
