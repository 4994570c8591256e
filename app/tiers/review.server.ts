// The tier work that runs in the worker: reviews that fall due (downgrades wait for them), and
// the shop's members re-placed after the merchant changes the ladder. Each member is decided in
// its own short transaction with the member locked, so a review never races an order.
import db, { sql } from "../db.server";
import { transaction } from "../db/sql.server";
import { enqueue, type ClaimedJob } from "../jobs/queue.server";
import { onQualify, onReview, type Ladder } from "../loyalty/tiers";
import { lockedMember, type Client } from "../points/ledger.server";
import { ladderFrom, loadLadder, TIERS_APPLY } from "./ladder.server";
import { applyTierDecision, currentValue, reviewValuesOf, tierStateOf } from "./members.server";

const BATCH = 500;
const DAY = 86_400_000;

/** Reviews one member if due (a no-op when an order or another run got there first). */
async function reviewMember(shop: string, memberId: string, now: Date) {
  return transaction(db, async (tx) => {
    await lockedMember(tx, memberId);
    const ladder = await loadLadder(tx, shop);
    if (!ladder?.enabled) return;
    const before = await tierStateOf(tx, { id: memberId, shop });
    if (before.reviewAt === null || before.locked) return;
    const values = await reviewValuesOf(tx, ladder, { id: memberId, shop }, before.reviewAt, now);
    await applyTierDecision(tx, shop, memberId, before, onReview(ladder, before, values, now), ladder, {}, now);
  });
}

/** Scheduled: every shop's members whose review (plus grace) is due. */
export async function reviewsDue(now = new Date()): Promise<number> {
  const shops = await sql(db).query<{ shop: string; settings: string }>(`SELECT "shop", "settings" FROM "TierLadder"`);
  let reviewed = 0;
  for (const { shop, settings } of shops) {
    const ladder = ladderFrom(settings);
    if (!ladder?.enabled) continue;
    const dueBy = new Date(now.getTime() - ladder.graceDays * DAY);
    const seen = new Set<string>();
    for (;;) {
      const due = await sql(db).query<{ id: string }>(
        `SELECT "id" FROM "Member" WHERE "shop" = $1 AND "tierReviewAt" <= $2 AND "tierLocked" = $3 AND "status" = 'active'
         ORDER BY "tierReviewAt", "id" LIMIT ${BATCH}`,
        [shop, dueBy, false],
      );
      const fresh = due.filter((m) => !seen.has(m.id));
      if (fresh.length === 0) break;
      for (const { id } of fresh) {
        seen.add(id);
        await reviewMember(shop, id, now);
        reviewed++;
      }
    }
  }
  return reviewed;
}

/** Members not locked, in id order after `after`: a page of the re-placement walk. */
async function memberPage(client: Client, shop: string, after: string) {
  return sql(client).query<{ id: string }>(
    `SELECT "id" FROM "Member" WHERE "shop" = $1 AND "id" > $2 AND "status" = 'active' AND "tierLocked" = $3
     ORDER BY "id" LIMIT ${BATCH}`,
    [shop, after, false],
  );
}

/** One worker turn re-places members for this long, then queues the rest (well inside the lease). */
export const TURN_MS = 20_000;

/**
 * After a ladder change: each member moves up to the tier their value now reaches, and members of
 * a tier that left the ladder are placed by their value. Nobody is moved down before their review.
 * Walks members in id order from `after`; answers where it stopped (null: done) and how many moved.
 */
export async function replaceMembers(
  shop: string,
  ladder: Ladder,
  options: { after?: string; budgetMs?: number } = {},
  now = new Date(),
): Promise<{ next: string | null; moved: number }> {
  const started = Date.now();
  let after = options.after ?? "";
  let moved = 0;
  for (;;) {
    if (Date.now() - started >= (options.budgetMs ?? TURN_MS)) return { next: after, moved };
    const page = await memberPage(db, shop, after);
    if (page.length === 0) return { next: null, moved };
    for (const { id } of page) {
      const changed = await transaction(db, async (tx) => {
        await lockedMember(tx, id);
        const before = await tierStateOf(tx, { id, shop });
        if (before.locked) return false;
        const decision = onQualify(ladder, before, await currentValue(tx, ladder, { id, shop }, now), now);
        await applyTierDecision(tx, shop, id, before, decision, ladder, {}, now);
        return decision.change !== null;
      });
      if (changed) moved++;
    }
    after = page.at(-1)!.id;
  }
}

/**
 * The worker's handler for TIERS_APPLY (one job per shop). A turn that runs out of time queues the
 * rest with where it stopped and the ladder it applied; a ladder saved since starts over.
 */
export async function runTiersApply(shop: string, jobs: ClaimedJob[], now = new Date()): Promise<void> {
  const row = await db.tierLadder.findUnique({ where: { shop }, select: { settings: true, updatedAt: true } });
  const ladder = ladderFrom(row?.settings ?? null);
  if (!row || !ladder?.enabled) return;
  const ladderAt = row.updatedAt.toISOString();
  const payload = JSON.parse(jobs[0]?.payload ?? "{}") as { after?: string; ladderAt?: string };
  const after = payload.ladderAt === ladderAt ? payload.after : undefined;
  const { next } = await replaceMembers(shop, ladder, { after }, now);
  if (next !== null) {
    await transaction(db, (tx) =>
      enqueue(tx, { shop, kind: TIERS_APPLY, key: shop, payload: { after: next, ladderAt } }),
    );
  }
}
