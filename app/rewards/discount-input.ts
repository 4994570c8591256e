// What Laurel asks Shopify to create for a redemption: a code only this customer can use, once,
// until it ends, with the reward's minimum and combinations. Shopify's input shapes (checked
// against the real schema by the GraphQL contract test, through the operations that send them).
import { toDecimal } from "../loyalty/currency";
import type { Discount } from "../loyalty/rewards";

export interface CodeSpec {
  code: string;
  title: string;
  customerId: string;
  startsAt: Date;
  endsAt: Date;
  discount: Discount;
  /** Minor units of `currency`; null for none. */
  minimumSubtotal: number | null;
  combinesWith: { orderDiscounts: boolean; productDiscounts: boolean; shippingDiscounts: boolean };
  currency: string;
}

export type DiscountInput =
  { kind: "basic"; input: Record<string, unknown> } | { kind: "free_shipping"; input: Record<string, unknown> };

export function discountInput(spec: CodeSpec): DiscountInput {
  const money = (minor: number) => toDecimal(minor, spec.currency);
  const shared = {
    title: spec.title,
    code: spec.code,
    startsAt: spec.startsAt.toISOString(),
    endsAt: spec.endsAt.toISOString(),
    // Only this customer, once: usage limit 1 and once per customer.
    context: { customers: { add: [spec.customerId] } },
    usageLimit: 1,
    appliesOncePerCustomer: true,
    combinesWith: spec.combinesWith,
    ...(spec.minimumSubtotal
      ? { minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: money(spec.minimumSubtotal) } } }
      : {}),
  };
  const d = spec.discount;
  switch (d.kind) {
    case "free_shipping":
      return {
        kind: "free_shipping",
        input: {
          ...shared,
          destination: { all: true },
          ...(d.maxShippingRate !== null ? { maximumShippingPrice: money(d.maxShippingRate) } : {}),
        },
      };
    case "percentage":
      // Shopify takes the share as a fraction (0.1 for 10 %); percents are whole numbers here.
      return {
        kind: "basic",
        input: { ...shared, customerGets: { value: { percentage: d.percent / 100 }, items: { all: true } } },
      };
    case "amount":
      return {
        kind: "basic",
        input: {
          ...shared,
          customerGets:
            d.appliesTo === "order"
              ? {
                  value: { discountAmount: { amount: money(d.amount), appliesOnEachItem: false } },
                  items: { all: true },
                }
              : {
                  // A free product: one unit's price off that variant, once per order.
                  value: { discountAmount: { amount: money(d.amount), appliesOnEachItem: false } },
                  items: { products: { productVariantsToAdd: [d.appliesTo.variantId] } },
                },
        },
      };
  }
}
