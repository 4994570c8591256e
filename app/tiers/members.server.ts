// Members on the ladder: their qualifying value summed from the database, and the decisions of
// app/loyalty/tiers.ts written back — the member's tier, a timeline entry, the entry bonus (once
// per member and tier, by its ledger key), and the jobs that tell Shopify (tag, metafield). Each
// runs in the caller's transaction with the member locked.
import { sql } from "../db.server";
import type { Tx } from "../db/sql.server";
import { enqueue } from "../jobs/queue.server";
import { entry, tierNote } from "../loyalty/ledger";
import {
  addMonths,
  onQualify,
  rankOf,
  windowStart,
  type Ladder,
  type TierDecision,
  type TierState,
} from "../loyalty/tiers";
import { append, enqueueMemberSync, lockedMember, type Client } from "../points/ledger.server";
import { SYNC_TIER } from "./ladder.server";

/** A member, named with their shop so every query is scoped by it. */
export interface MemberRef {
  id: string;
  shop: string;
}

const TIER_COLUMNS = `"tierId", "tierSince", "tierReviewAt", "tierLocked"`;

type TierRow = {
  tierId: string | null;
  tierSince: Date | null;
  tierReviewAt: Date | null;
  tierLocked: boolean | number;
};

const stateOf = (row: TierRow): TierState => ({
  tierId: row.tierId,
  since: row.tierSince === null ? null : new Date(row.tierSince),
  reviewAt: row.tierReviewAt === null ? null : new Date(row.tierReviewAt),
  locked: row.tierLocked === true || Number(row.tierLocked) === 1,
});

/** The member's tier state (read in the caller's transaction, where the member is locked). */
export async function tierStateOf(client: Client, member: MemberRef): Promise<TierState> {
  const [row] = await sql(client).query<TierRow>(
    `SELECT ${TIER_COLUMNS} FROM "Member" WHERE "id" = $1 AND "shop" = $2`,
    [member.id, member.shop],
  );
  if (!row) throw new Error(`no member ${member.id} in ${member.shop}`);
  return stateOf(row);
}

/**
 * The member's sum of the ladder's metric over (from, to] (from null: since the start): points
 * earned (the tier bonuses themselves left out, so a bonus never lifts a member a level), eligible
 * spend net of refunds, or orders kept.
 */
/**
 * The member, scoped by shop through their own row: a plain shop condition on the entries or
 * orders would let SQLite's planner pick the (shop, time) index and read the shop's whole window.
 */
const OF_SHOP = `(SELECT "id" FROM "Member" WHERE "id" = $1 AND "shop" = $3)`;

export async function valueBetween(
  client: Client,
  ladder: Pick<Ladder, "metric">,
  member: MemberRef,
  from: Date | null,
  to: Date,
): Promise<number> {
  const args: unknown[] = [member.id, to, member.shop];
  const since = from === null ? "" : ` AND "%s" > $4`;
  if (from !== null) args.push(from);
  const query =
    ladder.metric === "points"
      ? `SELECT COALESCE(SUM("lifetimeEarned"), 0) AS "v" FROM "LedgerEntry"
         WHERE "memberId" = ${OF_SHOP} AND "createdAt" <= $2${since.replace("%s", "createdAt")} AND "reason" <> 'tier_bonus'`
      : `SELECT COALESCE(SUM("${ladder.metric === "spend" ? "tierSpend" : "tierOrders"}"), 0) AS "v" FROM "LoyaltyOrder"
         WHERE "memberId" = ${OF_SHOP} AND "placedAt" <= $2${since.replace("%s", "placedAt")}`;
  const [row] = await sql(client).query<{ v: number | string | bigint }>(query, args);
  return Number(row?.v ?? 0);
}

/** The member's qualifying value now: the ladder's window up to `now`. */
export const currentValue = (client: Client, ladder: Ladder, member: MemberRef, now: Date) =>
  valueBetween(client, ladder, member, windowStart(ladder.window, now), now);

/** A review's values: the 12 months before the review date, and the window up to now. */
export async function reviewValuesOf(client: Client, ladder: Ladder, member: MemberRef, reviewAt: Date, now: Date) {
  const [period, current] = await Promise.all([
    valueBetween(client, ladder, member, ladder.window === "lifetime" ? null : addMonths(reviewAt, -12), reviewAt),
    currentValue(client, ladder, member, now),
  ]);
  return { period, current };
}

/** The ledger key of a member's bonus for reaching a tier: at most one per member and tier, ever. */
export const tierBonusKey = (memberId: string, tierId: string) => `tier-bonus:${memberId}:${tierId}`;

/**
 * Writes a decision for a member locked in this transaction: the tier columns, the timeline entry,
 * the entry bonus when due and not given before, and the syncs to Shopify when the tier changed.
 */
export async function applyTierDecision(
  tx: Tx,
  shop: string,
  memberId: string,
  before: TierState,
  decision: TierDecision,
  ladder: Ladder,
  who: { actor?: string; note?: string | null } = {},
  now = new Date(),
): Promise<void> {
  const after = decision.state;
  const same =
    after.tierId === before.tierId &&
    after.locked === before.locked &&
    after.since?.getTime() === before.since?.getTime() &&
    after.reviewAt?.getTime() === before.reviewAt?.getTime();
  if (same && !decision.change) return;
  await sql(tx).execute(
    `UPDATE "Member" SET "tierId" = $1, "tierSince" = $2, "tierReviewAt" = $3, "tierLocked" = $4 WHERE "id" = $5 AND "shop" = $6`,
    [after.tierId, after.since, after.reviewAt, after.locked, memberId, shop],
  );
  if (!decision.change) return;
  await tx.tierChange.create({
    data: {
      shop,
      memberId,
      fromTierId: decision.change.from,
      toTierId: decision.change.to,
      cause: decision.change.cause,
      note: who.note ?? null,
      actor: who.actor ?? "system",
      createdAt: now,
    },
  });
  const tier = ladder.tiers.find((t) => t.id === decision.bonusTierId);
  if (tier && tier.perks.entryBonus > 0) {
    const key = tierBonusKey(memberId, tier.id);
    const [given] = await sql(tx).query(`SELECT 1 FROM "LedgerEntry" WHERE "shop" = $1 AND "key" = $2`, [shop, key]);
    if (!given) {
      const member = await lockedMember(tx, memberId);
      const bonus = tier.perks.entryBonus;
      await append(
        tx,
        member,
        [entry("tier_bonus", key, { available: bonus, lifetimeEarned: bonus }, { note: tierNote(tier.id) })],
        { allowNegative: false },
        null,
        now,
      );
    }
  }
  await enqueue(tx, { shop, kind: SYNC_TIER, key: memberId, payload: { memberId } }, now);
  await enqueueMemberSync(tx, { id: memberId, shop }, now);
}

/**
 * After something that can raise the member's qualifying value (an order paid, points earned):
 * a higher tier at once. The member must be locked by the caller's transaction.
 */
export async function qualifyMember(
  tx: Tx,
  shop: string,
  memberId: string,
  ladder: Ladder | null,
  now = new Date(),
  /** The member's tier state when the caller has just read it in this transaction. */
  known?: TierState,
) {
  if (!ladder?.enabled) return null;
  const before = known ?? (await tierStateOf(tx, { id: memberId, shop }));
  if (before.locked) return null;
  const value = await currentValue(tx, ladder, { id: memberId, shop }, now);
  const decision = onQualify(ladder, before, value, now);
  await applyTierDecision(tx, shop, memberId, before, decision, ladder, {}, now);
  return decision;
}

/**
 * As SQL over "Member": the members effectiveTier places in `tierId` — its holders, and, on a
 * lowest tier that asks for nothing, members not yet placed or on a tier that left the ladder.
 * Nobody while tiers are off or for a tier not on the ladder.
 */
export function effectiveTierCondition(tierId: string, ladder: Ladder | null, arg: (value: unknown) => string) {
  if (!ladder?.enabled || rankOf(ladder, tierId) === -1) return "1 = 0";
  const held = `"Member"."tierId" = ${arg(tierId)}`;
  const base = ladder.tiers[0]!;
  if (base.id !== tierId || base.threshold !== 0) return held;
  const onLadder = ladder.tiers.map((t) => arg(t.id)).join(", ");
  return `(${held} OR "Member"."tierId" IS NULL OR "Member"."tierId" NOT IN (${onLadder}))`;
}
