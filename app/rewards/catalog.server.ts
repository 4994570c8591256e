// The shop's reward catalog in the database. Definitions are validated by the domain's schema on
// the way in and on the way out, so a reward read here is always one the rules understand.
import { defaultRewards, rewardSchema, type Reward, type RewardStatus } from "../loyalty/rewards";
import { sql } from "../db.server";
import { parseJsonColumn } from "../db/json-column";
import type { Client, Tx } from "../points/ledger.server";
import { enqueueRewardsPublish } from "./publish.server";

export interface StoredReward {
  id: string;
  status: RewardStatus;
  position: number;
  reward: Reward;
}

export interface RewardRow {
  id: string;
  status: string;
  position: number;
  definition: string;
}

export const storedReward = (row: RewardRow): StoredReward => ({
  id: row.id,
  status: row.status as RewardStatus,
  position: row.position,
  reward: parseJsonColumn(rewardSchema, "reward", row.definition),
});

/** The rewards members can see: active ones (or those of `statuses`), in the merchant's order. */
export async function listRewards(client: Client, shop: string, statuses: RewardStatus[] = ["active"]) {
  const rows = await sql(client).query<RewardRow>(
    `SELECT "id", "status", "position", "definition" FROM "Reward"
     WHERE "shop" = $1 AND "status" IN (${statuses.map((_, i) => `$${i + 2}`).join(", ")})
     ORDER BY "position", "createdAt"`,
    [shop, ...statuses],
  );
  return rows.map(storedReward);
}

export async function loadReward(client: Client, shop: string, id: string): Promise<StoredReward | null> {
  const row = await client.reward.findFirst({ where: { shop, id } });
  return row ? storedReward(row) : null;
}

/** Adds a reward (input validated: throws the schema's error with its field paths). */
export async function createReward(tx: Tx, shop: string, input: unknown, position?: number) {
  const reward = rewardSchema.parse(input);
  const row = await tx.reward.create({
    data: {
      shop,
      type: reward.type,
      cost: reward.cost,
      definition: JSON.stringify(reward),
      position: position ?? (await tx.reward.count({ where: { shop } })),
    },
  });
  await enqueueRewardsPublish(tx, shop);
  return storedReward(row);
}

/**
 * Replaces a reward's definition (input validated: throws the schema's error with its field
 * paths); null when the shop has no such reward. Codes already issued keep what they were made
 * with: each redemption stores its own discount and title, so editing a reward never changes them.
 */
export async function updateReward(tx: Tx, shop: string, id: string, input: unknown): Promise<StoredReward | null> {
  const reward = rewardSchema.parse(input);
  const { count } = await tx.reward.updateMany({
    where: { shop, id },
    data: { type: reward.type, cost: reward.cost, definition: JSON.stringify(reward) },
  });
  if (count === 0) return null;
  await enqueueRewardsPublish(tx, shop);
  return loadReward(tx, shop, id);
}

/**
 * Moves a reward one place up or down among the shop's unarchived rewards (archived ones are
 * never shown, so their place doesn't matter) and renumbers the catalog 0, 1, 2…; null when the
 * shop has no such reward, false when it is already first or last (nothing changes).
 */
export async function moveReward(tx: Tx, shop: string, id: string, direction: "up" | "down") {
  const rows = await tx.reward.findMany({
    where: { shop },
    select: { id: true, status: true, position: true },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
  const shown = rows.filter((row) => row.status !== "archived");
  const at = shown.findIndex((row) => row.id === id);
  if (!rows.some((row) => row.id === id)) return null;
  const other = shown[direction === "up" ? at - 1 : at + 1];
  if (at < 0 || !other) return false;
  const order = rows.map((row) => row.id);
  const [a, b] = [order.indexOf(id), order.indexOf(other.id)];
  [order[a], order[b]] = [order[b]!, order[a]!];
  for (const [position, rewardId] of order.entries()) {
    if (rows.find((row) => row.id === rewardId)!.position !== position) {
      await tx.reward.updateMany({ where: { shop, id: rewardId }, data: { position } });
    }
  }
  await enqueueRewardsPublish(tx, shop);
  return true;
}

/** Pauses, resumes or archives a reward. Rewards are never deleted: codes issued name them. */
export async function setRewardStatus(tx: Tx, shop: string, id: string, status: RewardStatus) {
  const { count } = await tx.reward.updateMany({ where: { shop, id }, data: { status } });
  if (count === 1) await enqueueRewardsPublish(tx, shop);
  return count === 1;
}

/** The default program's three rewards, once per shop (safe to repeat). */
export async function ensureDefaultRewards(tx: Tx, shop: string, currency: string) {
  if ((await tx.reward.count({ where: { shop } })) > 0) return;
  let position = 0;
  for (const reward of defaultRewards(currency)) await createReward(tx, shop, reward, position++);
}
