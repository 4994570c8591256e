// What each reward offers the shopper on this page, and the redemption flow: one fresh
// idempotency key per click (a retry after a failure is a new attempt, as the API asks).
import { signal } from "@preact/signals";
import { idempotencyKey, type StorefrontClient } from "../../shared/api";
import type { RedeemResponse, RewardView } from "../../shared/contract";

/** Reasons with their own sentence; any other reason reads "not available right now". */
export const REWARD_REASONS = ["limit_reached", "not_started", "ended", "tier", "segment", "minimum_subtotal"] as const;

export type RewardOffer =
  | { kind: "redeem" }
  | { kind: "checkout_only" }
  | { kind: "short"; shortBy: number }
  | { kind: "unavailable"; reasonKey: string }
  /** A guest or non-member: the reward is shown, not offered. */
  | { kind: "members_only" };

export function rewardOffer(reward: RewardView, isMember: boolean): RewardOffer {
  if (!isMember || reward.reason === "not_a_member") return { kind: "members_only" };
  if (reward.redeemable) return { kind: "redeem" };
  if (reward.reason === "checkout_only") return { kind: "checkout_only" };
  if (reward.reason === "insufficient_points" || (!reward.affordable && reward.shortBy > 0)) {
    return { kind: "short", shortBy: reward.shortBy };
  }
  const known = (REWARD_REASONS as readonly (string | undefined)[]).includes(reward.reason);
  return { kind: "unavailable", reasonKey: known ? `rewards.reason.${reward.reason}` : "rewards.reason.other" };
}

export type Redemption =
  { status: "redeeming" } | { status: "redeemed"; result: RedeemResponse } | { status: "failed"; error: unknown };

export function createRedeemFlow(
  client: Pick<StorefrontClient, "redeem">,
  /** Runs after a success: the page refreshes balance, codes and history. Must not throw. */
  afterRedeem: (result: RedeemResponse) => Promise<void>,
) {
  const byReward = signal<Record<string, Redemption>>({});
  const set = (rewardId: string, state: Redemption) => (byReward.value = { ...byReward.value, [rewardId]: state });

  async function redeem(rewardId: string): Promise<void> {
    if (Object.values(byReward.value).some((r) => r.status === "redeeming")) return;
    set(rewardId, { status: "redeeming" });
    let result: RedeemResponse;
    try {
      result = await client.redeem({ rewardId, idempotencyKey: idempotencyKey() });
    } catch (error) {
      set(rewardId, { status: "failed", error });
      return;
    }
    set(rewardId, { status: "redeemed", result });
    await afterRedeem(result);
  }

  return { byReward, redeem };
}

export type RedeemFlow = ReturnType<typeof createRedeemFlow>;
