// The shop's VIP tier ladder in the database: read on every paid order (with the program, see
// app/points/program.server.ts), saved by the admin. A save is audited and queues the work it
// causes: members re-placed on the new ladder (TIERS_APPLY) and each tier's segment and
// automatic discounts brought in line in Shopify (SYNC_TIER_DISCOUNTS).
import { parseJsonColumn } from "../db/json-column";
import type { Tx } from "../db/sql.server";
import { sql } from "../db.server";
import { enqueue } from "../jobs/queue.server";
import { ladderSchema, type Ladder } from "../loyalty/tiers";
import type { Client } from "../points/ledger.server";
import { recordAudit } from "../admin/audit.server";
import { TIERS_SUBJECT } from "../admin/tiers-form";
import { enqueueRewardsPublish } from "../rewards/publish.server";

/** Re-places the shop's members after a ladder change (app/tiers/apply.server.ts). */
export const TIERS_APPLY = "tiers_apply";
/** Brings each tier's Shopify segment and automatic discounts in line with the ladder. */
export const SYNC_TIER_DISCOUNTS = "sync_tier_discounts";
/** Sends one member's tier to Shopify: the tier tag their tier's segment selects by. */
export const SYNC_TIER = "sync_tier";

export { TIERS_SUBJECT };

/** The ladder as stored (a JSON column), validated; null when the shop has none. */
export const ladderFrom = (text: string | null): Ladder | null =>
  text === null ? null : parseJsonColumn(ladderSchema, "ladder", text);

export async function loadLadder(client: Client, shop: string): Promise<Ladder | null> {
  const [row] = await sql(client).query<{ settings: string }>(`SELECT "settings" FROM "TierLadder" WHERE "shop" = $1`, [
    shop,
  ]);
  return ladderFrom(row?.settings ?? null);
}

/** The jobs a ladder change queues (the checkout catalog carries the tiers' perks too). */
export async function enqueueLadderWork(tx: Tx, shop: string, now = new Date()) {
  await enqueue(tx, { shop, kind: TIERS_APPLY, key: shop, payload: {} }, now);
  await enqueue(tx, { shop, kind: SYNC_TIER_DISCOUNTS, key: shop, payload: {} }, now);
  await enqueueRewardsPublish(tx, shop);
}

/**
 * Saves the ladder (validated: throws zod's error on bad input, nothing written), audited with
 * the ladder before and after, and queues the work it causes. Nothing happens when it is unchanged.
 */
export async function saveLadder(tx: Tx, shop: string, actor: string, ladder: Ladder, now = new Date()) {
  const checked = ladderSchema.parse(ladder);
  const before = await loadLadder(tx, shop);
  const text = JSON.stringify(checked);
  if (before && JSON.stringify(before) === text) return { ladder: checked, changed: false };
  await tx.tierLadder.upsert({
    where: { shop },
    create: { shop, settings: text, updatedAt: now },
    update: { settings: text, updatedAt: now },
  });
  await recordAudit(tx, {
    shop,
    actor,
    action: before ? "tiers.update" : "tiers.create",
    subject: TIERS_SUBJECT,
    before,
    after: checked,
  });
  await enqueueLadderWork(tx, shop, now);
  return { ladder: checked, changed: true };
}
