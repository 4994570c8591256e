import type { DiscountCodeChange, DiscountCodeChangeResult } from "@shopify/ui-extensions/checkout";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../shared/api";
import type { RedeemRequest } from "../../shared/contract";
import { REDEEMED as ANSWER } from "../../shared/test-fixtures";
import { createRedeemFlow, isLaurelCode, type FlowDeps } from "./redeem-flow";

function setup(overrides: Partial<FlowDeps> = {}) {
  const requests: RedeemRequest[] = [];
  const changes: DiscountCodeChange[] = [];
  let keys = 0;
  const deps: FlowDeps = {
    redeem: vi.fn(async (request: RedeemRequest) => {
      requests.push(request);
      return ANSWER;
    }),
    applyDiscountCodeChange: vi.fn(async (change: DiscountCodeChange): Promise<DiscountCodeChangeResult> => {
      changes.push(change);
      return { type: "success" };
    }),
    describeError: (error) => (error instanceof ApiError ? `failed: ${error.code}` : "failed"),
    newKey: () => `key-${++keys}`,
    ...overrides,
  };
  return { flow: createRedeemFlow(deps), requests, changes };
}

describe("createRedeemFlow", () => {
  it("redeems, applies the code and keeps the new balance", async () => {
    const { flow, requests, changes } = setup();
    const done = flow.redeem({ rewardId: "r-amount", subtotal: "80.00" });
    expect(flow.state.value.busy).toEqual({ action: "redeem", rewardId: "r-amount" });
    await done;
    expect(requests).toEqual([{ rewardId: "r-amount", subtotal: "80.00", idempotencyKey: "key-1" }]);
    expect(changes).toEqual([{ type: "addDiscountCode", code: ANSWER.code }]);
    expect(flow.state.value).toMatchObject({ busy: null, balance: 315, notice: null });
    expect(flow.state.value.redeemed[ANSWER.code]).toEqual(ANSWER);
  });

  it("uses a new key for each click", async () => {
    const { flow, requests } = setup();
    await flow.redeem({ rewardId: "r-amount" });
    await flow.redeem({ rewardId: "r-amount" });
    expect(requests.map((r) => r.idempotencyKey)).toEqual(["key-1", "key-2"]);
  });

  it("retries an attempt whose outcome is unknown with the same key", async () => {
    let calls = 0;
    const { flow, requests } = setup({
      redeem: async (request) => {
        requests.push(request);
        if (++calls === 1) throw new ApiError(0, null, "network_error");
        return ANSWER;
      },
    });
    await flow.redeem({ rewardId: "r-amount" });
    expect(flow.state.value.notice).toEqual({ kind: "error", message: "failed: network_error", retry: true });
    await flow.retry();
    expect(requests.map((r) => r.idempotencyKey)).toEqual(["key-1", "key-1"]);
    expect(flow.state.value.balance).toBe(315);
  });

  it("offers no retry after a definite refusal, and applies nothing", async () => {
    const refusal = new ApiError(422, { code: "insufficient_points", message: "You need 150 more points." }, "x");
    const { flow, changes } = setup({ redeem: () => Promise.reject(refusal) });
    await flow.redeem({ rewardId: "r-percent" });
    expect(flow.state.value.notice).toEqual({ kind: "error", message: "failed: insufficient_points", retry: false });
    expect(changes).toEqual([]);
    expect(flow.state.value.balance).toBeNull();
    await flow.retry(); // nothing to retry
    expect(flow.state.value.notice).toMatchObject({ kind: "error" });
  });

  it("treats shopify_unavailable as definite (a new key next time)", async () => {
    const error = new ApiError(503, { code: "shopify_unavailable", message: "Nothing spent." }, "x");
    const { flow } = setup({ redeem: () => Promise.reject(error) });
    await flow.redeem({ rewardId: "r-amount" });
    expect(flow.state.value.notice).toMatchObject({ retry: false });
  });

  it("says so when checkout refuses the code, keeping the new balance", async () => {
    const { flow } = setup({
      applyDiscountCodeChange: async () => ({ type: "error", message: "This code can't be combined." }),
    });
    await flow.redeem({ rewardId: "r-amount" });
    expect(flow.state.value.notice).toEqual({
      kind: "not_applied",
      code: ANSWER.code,
      message: "This code can't be combined.",
    });
    expect(flow.state.value.balance).toBe(315);
  });

  it("ignores clicks while busy", async () => {
    const { flow, requests } = setup();
    const first = flow.redeem({ rewardId: "r-amount" });
    await flow.redeem({ rewardId: "r-shipping" });
    await first;
    expect(requests.map((r) => r.rewardId)).toEqual(["r-amount"]);
  });

  it("removes a code, or says why it couldn't", async () => {
    const { flow, changes } = setup();
    await flow.remove(ANSWER.code);
    expect(changes).toEqual([{ type: "removeDiscountCode", code: ANSWER.code }]);
    expect(flow.state.value.notice).toEqual({ kind: "removed", code: ANSWER.code });

    const refused = setup({ applyDiscountCodeChange: () => Promise.reject(new Error("boom")) });
    await refused.flow.remove(ANSWER.code);
    expect(refused.flow.state.value.notice).toEqual({ kind: "remove_failed", code: ANSWER.code, message: "failed" });
    refused.flow.dismiss();
    expect(refused.flow.state.value.notice).toBeNull();
  });
});

describe("isLaurelCode", () => {
  it("recognises Laurel's code shape, with the shop's prefix when known", () => {
    expect(isLaurelCode("LAUREL-83CK-DNEW-5G1V", null)).toBe(true);
    expect(isLaurelCode("laurel-83ck-dnew-5g1v", "LAUREL")).toBe(true);
    expect(isLaurelCode("TEA-0000-ZZZZ-ABCD", null)).toBe(true);
    expect(isLaurelCode("TEA-0000-ZZZZ-ABCD", "LAUREL")).toBe(false);
    expect(isLaurelCode("SUMMER10", null)).toBe(false);
    // I, L, O and U are not Crockford digits.
    expect(isLaurelCode("LAUREL-IIII-0000-0000", null)).toBe(false);
  });
});
