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

interface RewardRow {
  id: string;
  status: string;
  position: number;
  definition: string;
}

const fromRow = (row: RewardRow): StoredReward => ({
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
  return rows.map(fromRow);
}

export async function loadReward(client: Client, shop: string, id: string): Promise<StoredReward | null> {
  const row = await client.reward.findFirst({ where: { shop, id } });
  return row ? fromRow(row) : null;
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
  return fromRow(row);
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
