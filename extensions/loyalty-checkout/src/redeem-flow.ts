// Redeem-and-apply as a small state machine: spend points on a reward (POST /redeem), then
// apply the code to this checkout; or take an applied code off again. One operation at a time.
// Each click is one attempt with its own idempotency key; a retry of an attempt whose outcome is
// unknown (offline, still in progress) reuses that key, so the member is never charged twice.
import { signal } from "@preact/signals";
import type { DiscountCodeChange, DiscountCodeChangeResult } from "@shopify/ui-extensions/checkout";
import { ApiError, idempotencyKey } from "../../shared/api";
import type { RedeemRequest, RedeemResponse } from "../../shared/contract";

export type RedeemChoice = Omit<RedeemRequest, "idempotencyKey">;

export type Notice =
  /** The redemption failed: nothing spent. `retry` when the outcome is unknown. */
  | { kind: "error"; message: string; retry: boolean }
  /** The code was made (points spent) but checkout did not take it; it stays the member's. */
  | { kind: "not_applied"; code: string; message: string }
  /** The shopper took the code off; it stays theirs. */
  | { kind: "removed"; code: string }
  /** Checkout refused to take the code off. */
  | { kind: "remove_failed"; code: string; message: string };

export interface FlowState {
  busy: null | { action: "redeem"; rewardId: string } | { action: "remove"; code: string };
  /** The balance the last redemption answered; null until one did. */
  balance: number | null;
  /** Codes redeemed here, by code (upper case): what each gives. */
  redeemed: Record<string, RedeemResponse>;
  notice: Notice | null;
}

export interface FlowDeps {
  redeem: (request: RedeemRequest) => Promise<RedeemResponse>;
  applyDiscountCodeChange: (change: DiscountCodeChange) => Promise<DiscountCodeChangeResult>;
  /** A failure in the shopper's words (shared/format.ts errorMessage). */
  describeError: (error: unknown) => string;
  newKey?: () => string;
}

/** Failures after which the attempt may have gone through: retry with the same key. */
const outcomeUnknown = (error: unknown) =>
  error instanceof ApiError &&
  (error.code === "network_error" ||
    error.code === "redemption_in_progress" ||
    (error.status >= 500 && error.code !== "shopify_unavailable"));

export function createRedeemFlow(deps: FlowDeps) {
  const state = signal<FlowState>({ busy: null, balance: null, redeemed: {}, notice: null });
  const update = (patch: Partial<FlowState>) => (state.value = { ...state.value, ...patch });
  let attempt: RedeemRequest | null = null;

  async function apply(response: RedeemResponse) {
    let result: DiscountCodeChangeResult;
    try {
      result = await deps.applyDiscountCodeChange({ type: "addDiscountCode", code: response.code });
    } catch (error) {
      result = { type: "error", message: deps.describeError(error) };
    }
    return result.type === "success"
      ? null
      : ({ kind: "not_applied", code: response.code, message: result.message } as const);
  }

  async function send(request: RedeemRequest) {
    update({ busy: { action: "redeem", rewardId: request.rewardId }, notice: null });
    try {
      const response = await deps.redeem(request);
      attempt = null;
      const redeemed = { ...state.value.redeemed, [response.code.toUpperCase()]: response };
      update({ balance: response.balance, redeemed });
      update({ busy: null, notice: await apply(response) });
    } catch (error) {
      const retry = outcomeUnknown(error);
      if (!retry) attempt = null;
      update({ busy: null, notice: { kind: "error", message: deps.describeError(error), retry } });
    }
  }

  return {
    state,
    /** A click on a reward: a new attempt with a new key. */
    redeem(choice: RedeemChoice): Promise<void> {
      if (state.value.busy) return Promise.resolve();
      attempt = { ...choice, idempotencyKey: (deps.newKey ?? idempotencyKey)() };
      return send(attempt);
    },
    /** The same attempt again, same key (only after a failure whose outcome is unknown). */
    retry(): Promise<void> {
      if (state.value.busy || !attempt) return Promise.resolve();
      return send(attempt);
    },
    async remove(code: string): Promise<void> {
      if (state.value.busy) return;
      update({ busy: { action: "remove", code }, notice: null });
      let result: DiscountCodeChangeResult;
      try {
        result = await deps.applyDiscountCodeChange({ type: "removeDiscountCode", code });
      } catch (error) {
        result = { type: "error", message: deps.describeError(error) };
      }
      const notice: Notice =
        result.type === "success"
          ? { kind: "removed", code }
          : { kind: "remove_failed", code, message: result.message };
      update({ busy: null, notice });
    },
    dismiss() {
      update({ notice: null });
    },
  };
}

export type RedeemFlow = ReturnType<typeof createRedeemFlow>;

/**
 * Whether an applied code is one of Laurel's: `PREFIX-XXXX-XXXX-XXXX` in Crockford base32
 * (app/loyalty/rewards.ts discountCode), with the shop's prefix when the catalog names it.
 */
export function isLaurelCode(code: string, prefix: string | null): boolean {
  const match = /^([A-Z0-9]{1,12})-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/.exec(
    code.toUpperCase(),
  );
  return match !== null && (prefix === null || match[1] === prefix);
}
