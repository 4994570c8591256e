// Built-in member segments on the database (rules in app/loyalty/segments.ts): how many members
// each holds, one member's segments (for campaign and reward targeting), and each segment as a
// WHERE condition on "Member" for the members list. Every query is scoped by shop and is plain
// SQL that runs as written on SQLite and PostgreSQL.
//
// A purchase is an order with "tierOrders" > 0 (paid, not cancelled nor fully refunded); spend is
// the orders' "tierSpend" (eligible spend net of refunds). Only orders Laurel recorded for the
// member count: orders from before the member's first paid order in Laurel are not known here.
import { tierDistribution } from "../tiers/views.server";
import { effectiveTierCondition } from "../tiers/members.server";
import db, { sql } from "../db.server";
import type { Statement } from "../db/sql.server";
import type { Client } from "../points/ledger.server";
import { ladderFrom } from "../tiers/ladder.server";
import {
  BUILT_IN_SEGMENTS,
  defaultSegmentSettings,
  isBuiltInSegment,
  segmentBounds,
  segmentsOf,
  tierOfSegment,
  tierSegmentId,
  type BuiltInSegment,
  type SegmentSettings,
} from "../loyalty/segments";
import { effectiveTier, type Ladder } from "../loyalty/tiers";
import { programSettingsSchema, type ProgramSettings } from "../loyalty/program";
import { parseJsonColumn } from "../db/json-column";

/** The shop's thresholds: the merchant's own, or the defaults for its currency. */
export const segmentSettingsOf = (settings: ProgramSettings, currency: string): SegmentSettings =>
  settings.segments ?? defaultSegmentSettings(currency);

/** What deciding segments needs besides the member: the shop's thresholds and its tiers. */
export interface SegmentContext {
  currency: string;
  settings: SegmentSettings;
  /** The shop's tier ladder; null when it has none (then no tier segments). */
  ladder: Ladder | null;
}

/**
 * The shop's segment context in one read (program and tier ladder), or null when the shop has no
 * program. Thresholds are the merchant's, or the defaults for the shop's currency.
 */
export async function segmentContext(client: Client, shop: string): Promise<SegmentContext | null> {
  const [row] = await sql(client).query<{ currency: string; settings: string; ladder: string | null }>(
    `SELECT p."currency", p."settings", t."settings" AS "ladder" FROM "Program" p
       LEFT JOIN "TierLadder" t ON t."shop" = p."shop" WHERE p."shop" = $1`,
    [shop],
  );
  if (!row) return null;
  return {
    currency: row.currency,
    settings: segmentSettingsOf(parseJsonColumn(programSettingsSchema, "settings", row.settings), row.currency),
    ladder: ladderFrom(row.ladder),
  };
}

async function contextOf(client: Client, shop: string, given: SegmentContext | undefined) {
  const context = given ?? (await segmentContext(client, shop));
  if (!context) throw new Error(`${shop} has no program`);
  return context;
}

/** The segment ids the shop has now: the built-in ones, then one per tier while tiers are on. */
export function segmentIdsOf(context: SegmentContext): string[] {
  const tiers = context.ladder?.enabled ? context.ladder.tiers.map((t) => tierSegmentId(t.id)) : [];
  return [...BUILT_IN_SEGMENTS, ...tiers];
}

/** A segment a form may target: the built-in ones, and each tier's (named as the tier is). */
export interface OfferedSegment {
  id: string;
  tier?: { en: string; ru: string } | null;
}

/** What the campaign and reward forms offer, and their parsers accept, for this shop now. */
export async function offeredSegments(client: Client, shop: string): Promise<OfferedSegment[]> {
  const context = await segmentContext(client, shop);
  const tiers = context?.ladder?.enabled ? context.ladder.tiers : [];
  return [...BUILT_IN_SEGMENTS.map((id) => ({ id })), ...tiers.map((t) => ({ id: tierSegmentId(t.id), tier: t.name }))];
}

// --- Counts --------------------------------------------------------------------------------------

export interface SegmentCounts {
  /** Active (not redacted) members: what every count is out of. */
  members: number;
  /** Members per segment, in segmentIdsOf order. */
  segments: { id: string; count: number }[];
}

const COLUMN: Record<BuiltInSegment, string> = {
  new: "new",
  active: "active",
  "at-risk": "atRisk",
  lapsed: "lapsed",
  "high-value": "highValue",
};

/**
 * How many of the shop's active members each segment holds at `now`. Two statements whatever the
 * number of members: one pass over the shop's orders grouped by member, joined to its members
 * (built-in segments), and a count by tier on the (shop, tierId) index.
 */
export async function segmentCounts(shop: string, now = new Date(), given?: SegmentContext): Promise<SegmentCounts> {
  const context = await contextOf(db, shop, given);
  const b = segmentBounds(context.settings, now);
  const [builtIn, byTier] = await Promise.all([
    sql(db).query<Record<string, number | null>>(
      `SELECT COUNT(*) AS "members",
         SUM(CASE WHEN m."enrolledAt" >= $2 THEN 1 ELSE 0 END) AS "new",
         SUM(CASE WHEN o."lastOrderAt" >= $3 THEN 1 ELSE 0 END) AS "active",
         SUM(CASE WHEN o."lastOrderAt" < $3 AND o."lastOrderAt" >= $4 THEN 1 ELSE 0 END) AS "atRisk",
         SUM(CASE WHEN o."lastOrderAt" < $4 OR (o."lastOrderAt" IS NULL AND m."enrolledAt" < $4) THEN 1 ELSE 0 END)
           AS "lapsed",
         SUM(CASE WHEN o."spend" >= $6 THEN 1 ELSE 0 END) AS "highValue"
       FROM "Member" m
       LEFT JOIN (
         SELECT "memberId",
           MAX(CASE WHEN "tierOrders" > 0 THEN "placedAt" END) AS "lastOrderAt",
           SUM(CASE WHEN "placedAt" >= $5 THEN "tierSpend" ELSE 0 END) AS "spend"
         FROM "LoyaltyOrder" WHERE "shop" = $1 AND "memberId" IS NOT NULL GROUP BY "memberId"
       ) o ON o."memberId" = m."id"
       WHERE m."shop" = $1 AND m."status" = 'active'`,
      [shop, b.newSince, b.activeSince, b.lapsedBefore, b.spendSince, context.settings.highValueSpend],
    ),
    // Members whose tier is unset or left the ladder count where effectiveTier places them.
    context.ladder?.enabled ? tierDistribution(shop, context.ladder) : new Map<string | null, number>(),
  ]);
  const row = builtIn[0] ?? {};
  const count = (column: string) => Number(row[column] ?? 0);
  return {
    members: count("members"),
    segments: segmentIdsOf(context).map((id) => ({
      id,
      count: isBuiltInSegment(id) ? count(COLUMN[id]) : (byTier.get(tierOfSegment(id)!) ?? 0),
    })),
  };
}

/** What the segments page shows: each segment's count, tier segments with their tier's name. */
export interface SegmentsPage {
  currency: string;
  settings: SegmentSettings;
  members: number;
  tiersOn: boolean;
  segments: { id: string; count: number; tier: { en: string; ru: string } | null }[];
}

/** The segments page's data, or null when the shop has no program. */
export async function segmentsPage(shop: string, now = new Date()): Promise<SegmentsPage | null> {
  const context = await segmentContext(db, shop);
  if (!context) return null;
  const counts = await segmentCounts(shop, now, context);
  const tiers = new Map((context.ladder?.tiers ?? []).map((t) => [tierSegmentId(t.id), t.name]));
  return {
    currency: context.currency,
    settings: context.settings,
    members: counts.members,
    tiersOn: context.ladder?.enabled ?? false,
    segments: counts.segments.map((s) => ({ ...s, tier: tiers.get(s.id) ?? null })),
  };
}

// --- One member ----------------------------------------------------------------------------------

export interface MemberSegmentsOptions {
  /** The shop's context when the caller has it (saves a read); read otherwise. */
  context?: SegmentContext;
  /**
   * An order to leave out: on orders/paid, the order being paid, so the member is judged as they
   * were before it (an at-risk member's next order still earns the at-risk campaign).
   */
  excludeOrderId?: string;
}

/** Dates from a subquery come back as SQLite stores them (text), or as Dates from PostgreSQL. */
const dateOf = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));

/**
 * The member's segment ids at `now` (built-in ones, then their tier's), or [] when the shop has
 * no such member. One statement on the (memberId, placedAt) index, plus one for the context when
 * it isn't given.
 */
export async function memberSegments(
  client: Client,
  shop: string,
  memberId: string,
  now = new Date(),
  options: MemberSegmentsOptions = {},
): Promise<string[]> {
  const context = await contextOf(client, shop, options.context);
  const b = segmentBounds(context.settings, now);
  const args: unknown[] = [memberId, shop, b.spendSince];
  const exclude =
    options.excludeOrderId === undefined ? "" : ` AND o."orderId" <> $${args.push(options.excludeOrderId)}`;
  // By member id alone (ids are unique across shops; the member row is the shop's): a shop
  // condition here lets the planner pick the (shop, placedAt) index and scan the shop's orders.
  const orders = `FROM "LoyaltyOrder" o WHERE o."memberId" = m."id"${exclude}`;
  const [row] = await sql(client).query<{
    enrolledAt: Date;
    tierId: string | null;
    lastOrderAt: unknown;
    spend: number | null;
  }>(
    `SELECT m."enrolledAt", m."tierId",
       (SELECT MAX(o."placedAt") ${orders} AND o."tierOrders" > 0) AS "lastOrderAt",
       (SELECT SUM(o."tierSpend") ${orders} AND o."placedAt" >= $3) AS "spend"
     FROM "Member" m WHERE m."id" = $1 AND m."shop" = $2`,
    args,
  );
  if (!row) return [];
  return segmentsOf(
    {
      enrolledAt: row.enrolledAt,
      lastOrderAt: dateOf(row.lastOrderAt),
      spend12Months: Number(row.spend ?? 0),
      tierId: effectiveTier(context.ladder, row.tierId)?.id ?? null,
    },
    context.settings,
    now,
  );
}

// --- Filters -------------------------------------------------------------------------------------

/**
 * A purchase of the member's ("Member" of the outer query, already the shop's) placed in `range`.
 * By member id alone, so each probe walks the (memberId, placedAt) index: with a shop condition
 * too, SQLite's planner takes the (shop, placedAt) index and scans the shop's orders per member.
 */
const purchase = (range: string) =>
  `EXISTS (SELECT 1 FROM "LoyaltyOrder" o WHERE o."memberId" = "Member"."id" AND o."tierOrders" > 0 AND ${range})`;

/**
 * The segment as a condition on "Member" (the outer query's table, unaliased), with its values
 * added through `arg` (which returns the placeholder, as members.server's whereOf does); null for
 * an id that is no segment of the shop's. Correlated subqueries walk the (memberId, placedAt)
 * index, so the list stays a scan of the shop's members.
 */
export function segmentCondition(
  segmentId: string,
  now: Date,
  context: SegmentContext,
  arg: (value: unknown) => string,
): string | null {
  if (!segmentIdsOf(context).includes(segmentId)) return null;
  const b = segmentBounds(context.settings, now);
  switch (segmentId) {
    case "new":
      return `"Member"."enrolledAt" >= ${arg(b.newSince)}`;
    case "active":
      return purchase(`o."placedAt" >= ${arg(b.activeSince)}`);
    case "at-risk": {
      const active = arg(b.activeSince);
      return `(${purchase(`o."placedAt" >= ${arg(b.lapsedBefore)} AND o."placedAt" < ${active}`)}
        AND NOT ${purchase(`o."placedAt" >= ${active}`)})`;
    }
    case "lapsed": {
      const lapsed = arg(b.lapsedBefore);
      return `(NOT ${purchase(`o."placedAt" >= ${lapsed}`)}
        AND ("Member"."enrolledAt" < ${lapsed} OR ${purchase(`o."placedAt" IS NOT NULL`)}))`;
    }
    case "high-value":
      return `(SELECT COALESCE(SUM(o."tierSpend"), 0) FROM "LoyaltyOrder" o WHERE o."memberId" = "Member"."id"
        AND o."placedAt" >= ${arg(b.spendSince)}) >= ${arg(context.settings.highValueSpend)}`;
  }
  return effectiveTierCondition(tierOfSegment(segmentId)!, context.ladder, arg);
}

/**
 * The shop's members in the segment, as a WHERE clause ($1 is the shop) over "Member"; null for an
 * id that is no segment of the shop's.
 */
export function segmentWhere(shop: string, segmentId: string, now: Date, context: SegmentContext): Statement | null {
  const args: unknown[] = [shop];
  const arg = (value: unknown) => {
    args.push(value);
    return `$${args.length}`;
  };
  const condition = segmentCondition(segmentId, now, context, arg);
  return condition === null ? null : { text: `"Member"."shop" = $1 AND ${condition}`, args };
}
