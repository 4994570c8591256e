import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../shared/api";
import type { RedeemResponse, RewardView } from "../../shared/contract";
import { REDEEMED as answer } from "../../shared/test-fixtures";
import { REWARDS } from "./fake-storefront";
import { createRedeemFlow, rewardOffer } from "./rewards";

const [redeemable, short, checkoutOnly] = REWARDS as [RewardView, RewardView, RewardView];

describe("rewardOffer", () => {
  it("offers a redeemable reward to a member", () => {
    expect(rewardOffer(redeemable, true)).toEqual({ kind: "redeem" });
  });

  it("shows the gap for an unaffordable reward", () => {
    expect(rewardOffer(short, true)).toEqual({ kind: "short", shortBy: 185 });
  });

  it("sends checkout-only rewards to checkout", () => {
    expect(rewardOffer(checkoutOnly, true)).toEqual({ kind: "checkout_only" });
  });

  it("explains other reasons, known or not", () => {
    expect(rewardOffer({ ...short, reason: "limit_reached", affordable: true, shortBy: 0 }, true)).toEqual({
      kind: "unavailable",
      reasonKey: "rewards.reason.limit_reached",
    });
    expect(rewardOffer({ ...short, reason: "paused", affordable: true, shortBy: 0 }, true)).toEqual({
      kind: "unavailable",
      reasonKey: "rewards.reason.other",
    });
  });

  it("only shows rewards to guests and non-members", () => {
    expect(rewardOffer(redeemable, false)).toEqual({ kind: "members_only" });
    expect(rewardOffer({ ...short, reason: "not_a_member" }, true)).toEqual({ kind: "members_only" });
  });
});

describe("createRedeemFlow", () => {
  it("sends a fresh idempotency key per click and refreshes after a success", async () => {
    const redeem = vi.fn(async () => answer);
    const afterRedeem = vi.fn(async () => {});
    const flow = createRedeemFlow({ redeem }, afterRedeem);
    await flow.redeem("r1");
    await flow.redeem("r1");
    const keys = redeem.mock.calls.map((call) => (call as unknown as [{ idempotencyKey: string }])[0].idempotencyKey);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[0]).not.toBe(keys[1]);
    expect(redeem).toHaveBeenCalledWith({ rewardId: "r1", idempotencyKey: keys[0] });
    expect(afterRedeem).toHaveBeenCalledWith(answer);
    expect(flow.byReward.value.r1).toEqual({ status: "redeemed", result: answer });
  });

  it("keeps the failure on the reward and does not refresh", async () => {
    const error = new ApiError(503, { code: "shopify_unavailable", message: "Nothing spent." }, "server_error");
    const afterRedeem = vi.fn(async () => {});
    const flow = createRedeemFlow({ redeem: vi.fn().mockRejectedValue(error) }, afterRedeem);
    await flow.redeem("r1");
    expect(flow.byReward.value.r1).toEqual({ status: "failed", error });
    expect(afterRedeem).not.toHaveBeenCalled();
  });

  it("ignores clicks while a redemption is under way", async () => {
    let finish: (value: RedeemResponse) => void = () => {};
    const redeem = vi.fn(() => new Promise<RedeemResponse>((resolve) => (finish = resolve)));
    const flow = createRedeemFlow({ redeem }, async () => {});
    const first = flow.redeem("r1");
    await flow.redeem("r2");
    expect(flow.byReward.value).toEqual({ r1: { status: "redeeming" } });
    finish(answer);
    await first;
    expect(redeem).toHaveBeenCalledTimes(1);
  });
});
