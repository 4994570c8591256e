// What the admin and the storefront show of tiers: a member's tier, value and progress, their
// timeline, the shop's members by tier, a preview of where members would land on an edited
// ladder, and the merchant's override (audited).
import { recordAudit } from "../admin/audit.server";
import db, { sql } from "../db.server";
import { transaction } from "../db/sql.server";
import {
  effectiveTier,
  override,
  progressOf,
  qualifiedRank,
  rankOf,
  windowStart,
  type Ladder,
  type Progress,
  type Tier,
} from "../loyalty/tiers";
import { lockedMember, type Client } from "../points/ledger.server";
import { loadLadder } from "./ladder.server";
import { applyTierDecision, currentValue, tierStateOf, type MemberRef } from "./members.server";

export interface MemberTierView {
  tier: Tier | null;
  /** The member's qualifying value now (points, minor units or orders, by the ladder's metric). */
  value: number;
  progress: Progress;
  since: Date | null;
  reviewAt: Date | null;
  locked: boolean;
}

/** A member's tier as shown (null while the shop has no tiers switched on). */
export async function memberTier(
  client: Client,
  ladder: Ladder | null,
  member: MemberRef,
  now = new Date(),
): Promise<MemberTierView | null> {
  if (!ladder?.enabled) return null;
  const [state, value] = await Promise.all([tierStateOf(client, member), currentValue(client, ladder, member, now)]);
  const tier = effectiveTier(ladder, state.tierId);
  return {
    tier,
    value,
    progress: progressOf(ladder, tier?.id ?? null, value),
    since: state.since,
    reviewAt: state.reviewAt,
    locked: state.locked,
  };
}

export interface TierChangeLine {
  id: string;
  fromTierId: string | null;
  toTierId: string | null;
  cause: string;
  note: string | null;
  actor: string;
  createdAt: Date;
}

/** The member's tier timeline, newest first. */
export async function tierTimeline(shop: string, memberId: string, take = 50): Promise<TierChangeLine[]> {
  return db.tierChange.findMany({
    where: { shop, memberId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, fromTierId: true, toTierId: true, cause: true, note: true, actor: true, createdAt: true },
  });
}

/** Active members per tier id as held now (members not yet placed count on a free lowest tier). */
export async function tierDistribution(shop: string, ladder: Ladder | null): Promise<Map<string | null, number>> {
  const rows = await sql(db).query<{ tierId: string | null; n: number | string }>(
    `SELECT "tierId", COUNT(*) AS "n" FROM "Member" WHERE "shop" = $1 AND "status" = 'active' GROUP BY "tierId"`,
    [shop],
  );
  const counts = new Map<string | null, number>();
  for (const row of rows) {
    const id = effectiveTier(ladder, row.tierId)?.id ?? null;
    counts.set(id, (counts.get(id) ?? 0) + Number(row.n));
  }
  return counts;
}

/** Every active member's qualifying value under `ladder` now, by member id (members with none left out). */
async function valuesNow(shop: string, ladder: Ladder, now: Date): Promise<Map<string, number>> {
  const from = windowStart(ladder.window, now);
  const args: unknown[] = [shop, now, ...(from ? [from] : [])];
  const query =
    ladder.metric === "points"
      ? `SELECT "memberId" AS "id", SUM("lifetimeEarned") AS "v" FROM "LedgerEntry"
         WHERE "shop" = $1 AND "createdAt" <= $2${from ? ` AND "createdAt" > $3` : ""} AND "reason" <> 'tier_bonus'
         GROUP BY "memberId"`
      : `SELECT "memberId" AS "id", SUM("${ladder.metric === "spend" ? "tierSpend" : "tierOrders"}") AS "v"
         FROM "LoyaltyOrder" WHERE "shop" = $1 AND "memberId" IS NOT NULL AND "placedAt" <= $2${
           from ? ` AND "placedAt" > $3` : ""
         } GROUP BY "memberId"`;
  const rows = await sql(db).query<{ id: string; v: number | string | bigint }>(query, args);
  return new Map(rows.map((r) => [r.id, Number(r.v)]));
}

export interface LadderPreview {
  /** Per tier of the edited ladder, in its order: members who reach it by their value now, and
   * those who would hold it after saving (nobody falls before their review; a removed tier's
   * members are placed by value). */
  tiers: { id: string; qualify: number; afterSave: number }[];
  /** Members on no tier after saving (the lowest tier asks for something they don't reach). */
  none: number;
  members: number;
}

/** Where the shop's active members would land on an edited ladder, before it is saved. */
export async function previewLadder(shop: string, ladder: Ladder, now = new Date()): Promise<LadderPreview> {
  const [values, members] = await Promise.all([
    valuesNow(shop, ladder, now),
    sql(db).query<{ id: string; tierId: string | null; tierLocked: boolean | number }>(
      `SELECT "id", "tierId", "tierLocked" FROM "Member" WHERE "shop" = $1 AND "status" = 'active'`,
      [shop],
    ),
  ]);
  const qualify = ladder.tiers.map(() => 0);
  const afterSave = ladder.tiers.map(() => 0);
  let none = 0;
  for (const m of members) {
    const q = qualifiedRank(ladder, values.get(m.id) ?? 0);
    if (q >= 0) qualify[q]!++;
    const held = rankOf(ladder, m.tierId);
    const rank = m.tierLocked && held >= 0 ? held : m.tierId !== null && held === -1 ? q : Math.max(held, q);
    if (rank >= 0) afterSave[rank]!++;
    else none++;
  }
  return {
    tiers: ladder.tiers.map((t, i) => ({ id: t.id, qualify: qualify[i]!, afterSave: afterSave[i]! })),
    none,
    members: members.length,
  };
}

/** Not this shop's member, or no such tier: nothing changed. */
export class TierOverrideRefused extends Error {
  readonly code: "noMember" | "noTier" | "noTiers" | "reasonRequired";
  constructor(code: TierOverrideRefused["code"]) {
    super(`tier override refused: ${code}`);
    this.code = code;
  }
}

/**
 * The merchant sets a member's tier by hand (locked against automatic changes) or clears the
 * override (tierId null); a reason is required. Audited, with a timeline entry.
 */
export async function overrideTier(
  shop: string,
  memberId: string,
  tierId: string | null,
  reason: string,
  actor: string,
  now = new Date(),
) {
  const note = reason.trim();
  if (!note) throw new TierOverrideRefused("reasonRequired");
  return transaction(db, async (tx) => {
    const [member] = await sql(tx).query<{ id: string }>(
      `SELECT "id" FROM "Member" WHERE "id" = $1 AND "shop" = $2 AND "status" = 'active'`,
      [memberId, shop],
    );
    if (!member) throw new TierOverrideRefused("noMember");
    const ladder = await loadLadder(tx, shop);
    if (!ladder?.enabled) throw new TierOverrideRefused("noTiers");
    if (tierId !== null && rankOf(ladder, tierId) === -1) throw new TierOverrideRefused("noTier");
    await lockedMember(tx, memberId);
    const before = await tierStateOf(tx, { id: memberId, shop });
    const value = await currentValue(tx, ladder, { id: memberId, shop }, now);
    const decision = override(ladder, before, tierId, value, now);
    await applyTierDecision(tx, shop, memberId, before, decision, ladder, { actor, note: note.slice(0, 500) }, now);
    await recordAudit(tx, {
      shop,
      actor,
      action: tierId === null ? "member.tier.clear" : "member.tier.override",
      subject: memberId,
      before: { tierId: before.tierId, locked: before.locked },
      after: { tierId: decision.state.tierId, locked: decision.state.locked, reason: note.slice(0, 500) },
    });
    return decision.state;
  });
}
