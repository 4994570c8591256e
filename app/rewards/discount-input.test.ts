import { describe, expect, it } from "vitest";
import { discountInput, type CodeSpec } from "./discount-input";

const spec = (discount: CodeSpec["discount"], extra: Partial<CodeSpec> = {}): CodeSpec => ({
  code: "LAUREL-ABCD-EFGH-JKMN",
  title: "5 off (Laurel)",
  customerId: "gid://shopify/Customer/7",
  startsAt: new Date("2026-11-24T00:00:00Z"),
  endsAt: new Date("2026-12-24T00:00:00Z"),
  discount,
  minimumSubtotal: null,
  combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: false },
  currency: "USD",
  ...extra,
});

describe("discountInput", () => {
  it("locks every code to its customer, one use, with its dates and combinations", () => {
    const { kind, input } = discountInput(spec({ kind: "amount", amount: 500, appliesTo: "order" }));
    expect(kind).toBe("basic");
    expect(input).toMatchObject({
      code: "LAUREL-ABCD-EFGH-JKMN",
      context: { customers: { add: ["gid://shopify/Customer/7"] } },
      usageLimit: 1,
      appliesOncePerCustomer: true,
      startsAt: "2026-11-24T00:00:00.000Z",
      endsAt: "2026-12-24T00:00:00.000Z",
      combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: false },
      customerGets: { value: { discountAmount: { amount: "5.00", appliesOnEachItem: false } }, items: { all: true } },
    });
    expect(input).not.toHaveProperty("minimumRequirement");
  });

  it("gives one unit of a free product as its price off that variant, once", () => {
    const { input } = discountInput(
      spec({ kind: "amount", amount: 1250, appliesTo: { variantId: "gid://shopify/ProductVariant/9" } }),
    );
    expect(input.customerGets).toEqual({
      value: { discountAmount: { amount: "12.50", appliesOnEachItem: false } },
      items: { products: { productVariantsToAdd: ["gid://shopify/ProductVariant/9"] } },
    });
  });

  it("sends a percentage as Shopify's fraction, and a minimum subtotal in the shop's currency", () => {
    const { input } = discountInput(
      spec({ kind: "percentage", percent: 15 }, { minimumSubtotal: 2000, currency: "JPY" }),
    );
    expect(input.customerGets).toEqual({ value: { percentage: 0.15 }, items: { all: true } });
    expect(input.minimumRequirement).toEqual({ subtotal: { greaterThanOrEqualToSubtotal: "2000" } });
  });

  it("makes free shipping a free-shipping code, capped at the reward's rate when it has one", () => {
    expect(discountInput(spec({ kind: "free_shipping", maxShippingRate: 999 }))).toMatchObject({
      kind: "free_shipping",
      input: { destination: { all: true }, maximumShippingPrice: "9.99" },
    });
    expect(discountInput(spec({ kind: "free_shipping", maxShippingRate: null })).input).not.toHaveProperty(
      "maximumShippingPrice",
    );
  });
});
