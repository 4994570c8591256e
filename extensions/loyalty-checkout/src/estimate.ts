// Guests' "this order earns N points": the cart as POST /estimate wants it, and an estimator
// that asks again when the cart changes, debounced (a shopper stepping a quantity up sends one
// request, not five) and keeping only the answer to the latest cart.
import { signal } from "@preact/signals";
import type { CartLine, Money } from "@shopify/ui-extensions/checkout";
import type { EstimateRequest, EstimateResponse } from "../../shared/contract";
import { currencyDigits, fromMinor, moneyToMinor } from "./money";

/** The API takes at most 250 lines. */
const MAX_LINES = 250;

/** The cart as the estimate wants it: unit price = line total / quantity; null for an empty cart. */
export function estimateRequest(lines: readonly CartLine[], subtotal: Money): EstimateRequest | null {
  const currency = subtotal.currencyCode;
  const digits = currencyDigits(currency);
  const wanted = lines.filter((line) => line.quantity > 0 && line.quantity <= 10_000).slice(0, MAX_LINES);
  const estimateLines = wanted.flatMap((line) => {
    const total = moneyToMinor(line.cost.totalAmount.amount, currency);
    if (total === null) return [];
    return [
      {
        variantId: line.merchandise.id,
        productId: line.merchandise.product.id,
        quantity: line.quantity,
        price: fromMinor(Math.round(total / line.quantity), digits),
      },
    ];
  });
  if (estimateLines.length === 0) return null;
  const subtotalMinor = moneyToMinor(subtotal.amount, currency);
  return subtotalMinor === null
    ? { lines: estimateLines }
    : { lines: estimateLines, subtotal: fromMinor(subtotalMinor, digits) };
}

export interface EstimateState {
  status: "idle" | "loading" | "ready" | "error";
  /** The last answer's points (kept while the next one loads); null before any. */
  points: number | null;
  error: unknown;
}

export interface EstimatorOptions {
  estimate: (request: EstimateRequest) => Promise<EstimateResponse>;
  /** Quiet time after a cart change before asking; the first cart is asked at once. */
  delayMs?: number;
}

export function createEstimator({ estimate, delayMs = 600 }: EstimatorOptions) {
  const state = signal<EstimateState>({ status: "idle", points: null, error: null });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastKey: string | null = null;
  let sequence = 0;
  let first = true;

  async function ask(request: EstimateRequest) {
    const mine = ++sequence;
    state.value = { ...state.value, status: "loading", error: null };
    try {
      const { points } = await estimate(request);
      if (mine === sequence) state.value = { status: "ready", points, error: null };
    } catch (error) {
      if (mine === sequence) state.value = { ...state.value, status: "error", error };
    }
  }

  return {
    state,
    /** The cart now; asks (after the quiet time) only when it differs from the last one asked. */
    update(request: EstimateRequest | null) {
      const key = request && JSON.stringify(request);
      if (key === lastKey) return;
      lastKey = key;
      clearTimeout(timer);
      if (!request) {
        sequence++;
        state.value = { status: "idle", points: null, error: null };
        return;
      }
      const delay = first ? 0 : delayMs;
      first = false;
      if (delay === 0) void ask(request);
      else timer = setTimeout(() => void ask(request), delay);
    },
    dispose() {
      clearTimeout(timer);
      sequence++;
    },
  };
}

export type Estimator = ReturnType<typeof createEstimator>;
