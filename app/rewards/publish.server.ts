// The active reward catalog, published as a shop metafield in Laurel's namespace, so the checkout
// extension paints the rewards a member can afford without calling Laurel (Shopify asks checkout
// extensions to make no network call on first paint). Any change to the catalog queues the job
// in its own transaction; the worker writes the metafield.
import { tiersFromLimits } from "../loyalty/segments";
import db from "../db.server";
import { enqueue } from "../jobs/queue.server";
import { toDecimal } from "../loyalty/currency";
import { needsSubtotal } from "../loyalty/rewards";
import { loadProgram, type LoadedProgram } from "../points/program.server";
import type { Tx } from "../points/ledger.server";
import { METAFIELD_NAMESPACE, SET_METAFIELDS } from "../points/sync.server";
import { unauthenticated } from "../shopify.server";
import { rewardValue, tierPerksView } from "../storefront/views";
import type { Ladder } from "../loyalty/tiers";
import { loadLadder } from "../tiers/ladder.server";
import { listRewards, type StoredReward } from "./catalog.server";

export const PUBLISH_REWARDS = "publish_rewards";

export const enqueueRewardsPublish = (tx: Tx, shop: string) => enqueue(tx, { shop, kind: PUBLISH_REWARDS, key: shop });

/**
 * What the metafield holds: enough for checkout to show and compare every active reward, and the
 * VIP tiers' perks (checkout names the member's tier from their own metafield).
 */
export function publishedCatalog(
  program: Pick<LoadedProgram, "currency" | "settings">,
  rewards: StoredReward[],
  ladder: Ladder | null = null,
) {
  return {
    currency: program.currency,
    pointsName: program.settings.pointsName,
    // Checkout tells the shop's own codes from others by their prefix.
    codePrefix: program.settings.codePrefix,
    rewards: rewards.map(({ id, reward }) => ({
      id,
      title: reward.title,
      type: reward.type,
      cost: reward.cost,
      value: rewardValue(reward, program.currency),
      minimumSubtotal: reward.minimumSubtotal === null ? null : toDecimal(reward.minimumSubtotal, program.currency),
      // Points for cash and capped percentages are made for the cart at hand (checkout only).
      checkoutOnly: needsSubtotal(reward),
      startsAt: reward.startsAt?.toISOString() ?? null,
      endsAt: reward.endsAt?.toISOString() ?? null,
      limitPerMember: reward.limitPerMember,
      // What checkout can judge of the reward's limits from the member's tier alone.
      tierIds: tiersFromLimits(reward.tierIds, reward.segmentIds),
    })),
    tiers: ladder?.enabled
      ? ladder.tiers.map((t) => ({ id: t.id, name: t.name, perks: tierPerksView(t.perks, program.currency) }))
      : [],
  };
}

const SHOP_ID = `#graphql
  query LaurelShopId {
    shop {
      id
    }
  }
`;

/** The worker's handler: one write of the shop's current catalog, however many changes queued it. */
export async function publishRewards(shop: string): Promise<void> {
  const program = await loadProgram(db, shop);
  if (!program) return;
  const [rewards, ladder] = await Promise.all([listRewards(db, shop, ["active"]), loadLadder(db, shop)]);
  const catalog = publishedCatalog(program, rewards, ladder);
  const { admin } = await unauthenticated.admin(shop);
  const shopId = (await (await admin.graphql(SHOP_ID)).json()).data?.shop?.id;
  if (!shopId) throw new Error("Admin API returned no shop id");
  const response = await admin.graphql(SET_METAFIELDS, {
    variables: {
      metafields: [
        {
          ownerId: shopId,
          namespace: METAFIELD_NAMESPACE,
          key: "rewards",
          type: "json",
          value: JSON.stringify(catalog),
        },
      ],
    },
  });
  const errors = (await response.json()).data?.metafieldsSet?.userErrors ?? [];
  if (errors.length > 0) throw new Error(`metafieldsSet: ${errors.map((e) => e.message).join("; ")}`);
}
