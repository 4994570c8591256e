// A checkout's cart as the earn rules see an order, for "you will earn N points". The cart gives
// each line's price and the subtotal after discounts; the difference is spread over the lines in
// proportion to their value (largest remainder, so the shares add up to the minor unit), as
// Shopify allocates an order-level discount.
import type { EarnLine, EarnOrder } from "./earn";

export interface CartLine {
  variantId: string;
  productId: string | null;
  quantity: number;
  /** Price of one unit, minor units. */
  unitPrice: number;
  giftCard?: boolean;
}

export function cartOrder(
  lines: CartLine[],
  subtotal: number | null,
  currency: string,
  placedAt: Date,
  previousOrders = 0,
): EarnOrder {
  const values = lines.map((l) => BigInt(l.unitPrice) * BigInt(l.quantity));
  const gross = values.reduce((a, b) => a + b, 0n);
  const discount = subtotal === null ? 0n : gross > BigInt(subtotal) ? gross - BigInt(subtotal) : 0n;
  const shares = values.map((v) => (gross === 0n ? 0n : (discount * v) / gross));
  let left = discount - shares.reduce((a, b) => a + b, 0n);
  const byRemainder = values
    .map((v, i) => ({ i, remainder: gross === 0n ? 0n : (discount * v) % gross }))
    .sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.i - b.i));
  for (const { i } of byRemainder) {
    if (left === 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  const earnLines: EarnLine[] = lines.map((l, i) => ({
    id: String(i),
    productId: l.productId,
    variantId: l.variantId,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discount: Number(shares[i]),
    giftCard: l.giftCard ?? false,
  }));
  return { id: "cart", currency, placedAt, lines: earnLines, shipping: 0, tax: 0, previousOrders };
}
