// What checkout says when a shopper (or an extension, through applyDiscountCodeChange) enters a
// discount code: null when it applies, else the message checkout shows. The same eligibility rules
// as the emulator's orders (Store#applyCode), checked against a cart that is not an order yet.
import type { CodeDiscount, ShopRecord } from "../state/types.ts";

export interface CodeCheck {
  code: string;
  /** The signed-in customer, or null for a guest. */
  customerId: number | null;
  /** The cart's subtotal in minor units of the shop's currency. */
  subtotal: number;
  /** The number of items in the cart. */
  quantity: number;
  at: Date;
  /** Whether the customer is in any of these segments (Store#inAnySegment). */
  inSegments: (segmentIds: number[]) => boolean;
}

export const REFUSALS = {
  unknown: "Enter a valid discount code",
  inactive: "This discount code isn't active",
  expired: "This discount code has expired",
  usedUp: "This discount code has reached its usage limit",
  signIn: "Log in to use this discount code",
  notForYou: "This discount code isn't available to you",
  alreadyUsed: "You've already used this discount code",
  minimum: "Your cart doesn't meet this discount code's minimum",
} as const;

export function findCodeDiscount(shop: ShopRecord, code: string): CodeDiscount | undefined {
  const wanted = code.trim().toLowerCase();
  return [...shop.codeDiscounts.values()].find((d) => d.codes.some((c) => c.code.toLowerCase() === wanted));
}

export function checkCode(shop: ShopRecord, check: CodeCheck): string | null {
  const discount = findCodeDiscount(shop, check.code);
  if (!discount) return REFUSALS.unknown;
  if (discount.startsAt > check.at) return REFUSALS.inactive;
  if (discount.endsAt && discount.endsAt <= check.at) return REFUSALS.expired;
  const used = discount.codes.reduce((sum, c) => sum + c.usageCount, 0);
  if (discount.usageLimit !== null && used >= discount.usageLimit) return REFUSALS.usedUp;
  if (discount.customerIds || discount.segmentIds) {
    if (check.customerId === null) return REFUSALS.signIn;
    if (discount.customerIds && !discount.customerIds.includes(check.customerId)) return REFUSALS.notForYou;
    if (discount.segmentIds && !check.inSegments(discount.segmentIds)) return REFUSALS.notForYou;
  }
  if (discount.appliesOncePerCustomer && check.customerId !== null) {
    const before = [...shop.orders.values()].some(
      (o) => o.customerId === check.customerId && o.usedDiscountIds.includes(discount.id),
    );
    if (before) return REFUSALS.alreadyUsed;
  }
  // The whole cart's subtotal: the preview's carts have no per-item eligibility.
  const minimum = discount.minimumRequirement;
  if (minimum && "subtotal" in minimum && check.subtotal < minimum.subtotal) return REFUSALS.minimum;
  if (minimum && "quantity" in minimum && check.quantity < minimum.quantity) return REFUSALS.minimum;
  return null;
}
