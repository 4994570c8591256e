import type { CartLine } from "@shopify/ui-extensions/checkout";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../shared/api";
import type { EstimateRequest } from "../../shared/contract";
import { createEstimator, estimateRequest } from "./estimate";

const line = (variant: number, quantity: number, amount: number): CartLine => ({
  id: `gid://shopify/CartLine/${variant}`,
  merchandise: {
    type: "variant",
    id: `gid://shopify/ProductVariant/${variant}`,
    title: "Tea",
    selectedOptions: [],
    product: { id: `gid://shopify/Product/${variant + 1}`, vendor: "", productType: "" },
    requiresShipping: true,
  },
  quantity,
  cost: { totalAmount: { amount, currencyCode: "USD" } },
  attributes: [],
  discountAllocations: [],
  lineComponents: [],
  parentRelationship: null,
});

describe("estimateRequest", () => {
  it("sends unit prices and the subtotal as decimal strings", () => {
    const request = estimateRequest([line(1004, 2, 24), line(2002, 3, 10)], { amount: 34, currencyCode: "USD" });
    expect(request).toEqual({
      lines: [
        {
          variantId: "gid://shopify/ProductVariant/1004",
          productId: "gid://shopify/Product/1005",
          quantity: 2,
          price: "12.00",
        },
        // 10.00 / 3 rounds to the cent: the API takes no more decimals than the currency has.
        {
          variantId: "gid://shopify/ProductVariant/2002",
          productId: "gid://shopify/Product/2003",
          quantity: 3,
          price: "3.33",
        },
      ],
      subtotal: "34.00",
    });
  });

  it("has nothing to ask for an empty cart", () => {
    expect(estimateRequest([], { amount: 0, currencyCode: "USD" })).toBeNull();
    expect(estimateRequest([line(1, 0, 0)], { amount: 0, currencyCode: "USD" })).toBeNull();
  });

  it("uses the currency's decimals", () => {
    const yen = { ...line(1, 2, 0), cost: { totalAmount: { amount: 1999, currencyCode: "JPY" as const } } };
    expect(estimateRequest([yen], { amount: 1999, currencyCode: "JPY" })).toMatchObject({
      lines: [{ price: "1000" }],
      subtotal: "1999",
    });
  });
});

describe("createEstimator", () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const request = (price: string): EstimateRequest => ({
    lines: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 1, price }],
  });

  it("asks at once for the first cart, then once per quiet time, and only for new carts", async () => {
    vi.useFakeTimers();
    const estimate = vi.fn(async (r: EstimateRequest) => ({ points: Math.floor(Number(r.lines[0]!.price)) }));
    const estimator = createEstimator({ estimate, delayMs: 500 });
    estimator.update(request("10.00"));
    expect(estimate).toHaveBeenCalledTimes(1);
    expect(estimator.state.value.status).toBe("loading");
    await vi.runAllTimersAsync();
    expect(estimator.state.value).toEqual({ status: "ready", points: 10, error: null });

    estimator.update(request("10.00"));
    estimator.update(request("20.00"));
    estimator.update(request("30.00"));
    await vi.advanceTimersByTimeAsync(499);
    expect(estimate).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(estimate).toHaveBeenCalledTimes(2);
    expect(estimate).toHaveBeenLastCalledWith(request("30.00"));
    expect(estimator.state.value.points).toBe(30);
  });

  it("keeps only the answer to the latest cart", async () => {
    const resolvers: ((points: number) => void)[] = [];
    const estimate = (_: EstimateRequest) =>
      new Promise<{ points: number }>((resolve) => resolvers.push((points) => resolve({ points })));
    const estimator = createEstimator({ estimate, delayMs: 0 });
    estimator.update(request("1.00"));
    estimator.update(request("2.00"));
    await vi.waitFor(() => expect(resolvers).toHaveLength(2));
    resolvers[1]!(2);
    resolvers[0]!(1);
    await vi.waitFor(() => expect(estimator.state.value.status).toBe("ready"));
    await Promise.resolve();
    expect(estimator.state.value.points).toBe(2);
  });

  it("reports a failure and keeps the last points; an empty cart resets", async () => {
    let fail = false;
    const estimator = createEstimator({
      estimate: async () => {
        if (fail) throw new ApiError(0, null, "network_error");
        return { points: 7 };
      },
      delayMs: 0,
    });
    estimator.update(request("7.00"));
    await vi.waitFor(() => expect(estimator.state.value.points).toBe(7));
    fail = true;
    estimator.update(request("8.00"));
    await vi.waitFor(() => expect(estimator.state.value.status).toBe("error"));
    expect(estimator.state.value.points).toBe(7);
    estimator.update(null);
    expect(estimator.state.value).toEqual({ status: "idle", points: null, error: null });
  });
});
