// Shopify's order and refund webhook payloads, read into the points engine's terms. Amounts come
// from the `*_set.shop_money` strings where Shopify gives them (exact decimals in the shop's
// currency) and become integer minor units.
import { z } from "zod";
import { toMinor } from "../loyalty/currency";
import type { EarnLine, EarnOrder, PurchaseRule } from "../loyalty/earn";

const decimal = z.union([z.string(), z.number()]).transform(String);
const shopMoney = z.object({ shop_money: z.object({ amount: decimal }) });
const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);

const lineItem = z.object({
  id,
  product_id: id.nullable().optional(),
  variant_id: id.nullable().optional(),
  quantity: z.number().int().min(0),
  price_set: shopMoney,
  gift_card: z.boolean().optional().default(false),
  discount_allocations: z
    .array(z.object({ amount_set: shopMoney }))
    .optional()
    .default([]),
});

export const orderPayloadSchema = z.object({
  id,
  admin_graphql_api_id: z.string(),
  currency: z.string().length(3),
  created_at: z.string(),
  cancelled_at: z.string().nullable().optional(),
  customer: z
    .object({ id, admin_graphql_api_id: z.string().optional(), email: z.string().nullable().optional() })
    .nullable()
    .optional(),
  line_items: z.array(lineItem),
  shipping_lines: z
    .array(z.object({ discounted_price_set: shopMoney }))
    .optional()
    .default([]),
  total_tax_set: shopMoney.optional(),
  /** What the customer paid, as placed (the dashboard's revenue). */
  total_price_set: shopMoney.optional(),
  /** The codes the order used (Laurel's among them): one entry per code. */
  discount_codes: z
    .array(z.object({ code: z.string() }))
    .optional()
    .default([]),
});

export type OrderPayload = z.infer<typeof orderPayloadSchema>;

export const refundPayloadSchema = z.object({
  id,
  order_id: id,
  refund_line_items: z.array(
    z.object({
      line_item_id: id,
      quantity: z.number().int(),
      subtotal_set: shopMoney,
      total_tax_set: shopMoney.optional(),
      line_item: z.object({ gift_card: z.boolean().optional() }).nullable().optional(),
    }),
  ),
  refund_shipping_lines: z
    .array(z.object({ subtotal_amount_set: shopMoney }))
    .optional()
    .default([]),
});

export type RefundPayload = z.infer<typeof refundPayloadSchema>;

/** The order's total in minor units of its currency, when the payload has it. */
export const orderTotal = (order: OrderPayload) =>
  order.total_price_set ? toMinor(order.total_price_set.shop_money.amount, order.currency) : undefined;

export const orderGid = (orderId: string) => `gid://shopify/Order/${orderId}`;
export const customerGid = (customerId: string) => `gid://shopify/Customer/${customerId}`;

export function earnOrderFrom(order: OrderPayload, previousOrders: number): EarnOrder {
  const money = (amount: { shop_money: { amount: string } } | undefined) =>
    amount ? toMinor(amount.shop_money.amount, order.currency) : 0;
  const lines: EarnLine[] = order.line_items.map((line) => ({
    id: line.id,
    productId: line.product_id ? `gid://shopify/Product/${line.product_id}` : null,
    variantId: line.variant_id ? `gid://shopify/ProductVariant/${line.variant_id}` : null,
    quantity: line.quantity,
    unitPrice: money(line.price_set),
    discount: line.discount_allocations.reduce((sum, a) => sum + money(a.amount_set), 0),
    giftCard: line.gift_card,
  }));
  return {
    id: order.admin_graphql_api_id,
    currency: order.currency,
    placedAt: new Date(order.created_at),
    lines,
    shipping: order.shipping_lines.reduce((sum, s) => sum + money(s.discounted_price_set), 0),
    tax: money(order.total_tax_set),
    previousOrders,
  };
}

/** The part of a refund that earned points under the purchase rule (minor units). */
export function eligibleRefunded(refund: RefundPayload, rule: PurchaseRule, currency: string): number {
  const money = (amount: { shop_money: { amount: string } } | undefined) =>
    amount ? toMinor(amount.shop_money.amount, currency) : 0;
  const lines = refund.refund_line_items
    .filter((line) => rule.includeGiftCards || !line.line_item?.gift_card)
    .reduce((sum, line) => sum + money(line.subtotal_set) + (rule.includeTaxes ? money(line.total_tax_set) : 0), 0);
  const shipping = rule.includeShipping
    ? refund.refund_shipping_lines.reduce((sum, s) => sum + money(s.subtotal_amount_set), 0)
    : 0;
  return lines + shipping;
}
