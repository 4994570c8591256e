// What the earn rules and reward restrictions need to know of a member: their VIP tier (for its
// multiplier, and for campaigns and rewards limited to tiers) and their segments (for those
// limited to segments). Read only when the rules, the ladder or the reward use them, so a shop
// without tiers or targeted offers pays nothing on its hot paths.
import type { EarnRules, MemberFacts } from "../loyalty/earn";
import { effectiveTier, type Ladder } from "../loyalty/tiers";
import { memberSegments } from "../segments/segments.server";
import { loadLadder } from "../tiers/ladder.server";
import type { Client } from "./ledger.server";

const targetsSegments = (rules: EarnRules) => rules.campaigns.some((c) => (c.segmentIds?.length ?? 0) > 0);

/**
 * The member's facts for earning, from the tier they hold (read by the caller, who has the row).
 * `excludeOrderId`: the order being judged, so the member is judged as they were before it (a
 * "lapsed" campaign still pays the order that brings them back).
 */
export async function memberFactsOf(
  client: Client,
  shop: string,
  member: { id: string; tierId: string | null } | null,
  rules: EarnRules,
  ladder: Ladder | null,
  now = new Date(),
  excludeOrderId?: string,
): Promise<MemberFacts> {
  if (member === null) return { segmentIds: [], tierId: null };
  const segmentIds = targetsSegments(rules)
    ? await memberSegments(client, shop, member.id, now, { excludeOrderId })
    : [];
  const tier = effectiveTier(ladder, member.tierId);
  return { segmentIds, tierId: tier?.id ?? null, tierMultiplier: tier?.perks.earnMultiplier ?? 100 };
}

/**
 * The member's tier and segments for a reward's restrictions, read only when the reward has one:
 * the tier the member holds now, and the segments they are in now.
 */
export async function restrictionFacts(
  client: Client,
  shop: string,
  member: { id: string; tierId: string | null },
  reward: { tierIds: string[] | null; segmentIds: string[] | null },
  now = new Date(),
): Promise<{ tierId: string | null; segmentIds: string[] }> {
  const [tierId, segmentIds] = await Promise.all([
    reward.tierIds === null
      ? null
      : loadLadder(client, shop).then((ladder) => effectiveTier(ladder, member.tierId)?.id ?? null),
    reward.segmentIds === null ? [] : memberSegments(client, shop, member.id, now),
  ]);
  return { tierId, segmentIds };
}
