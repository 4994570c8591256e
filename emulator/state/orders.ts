// Order arithmetic, as plain functions over records: prices, discount allocations, refunds.
// All amounts are integer minor units; splits use largest remainders so parts add up exactly.
import { allocate } from "./money.ts";
import type {
  BuyXGetY,
  CodeDiscount,
  DiscountApplicationRecord,
  LineItemRecord,
  OrderRecord,
  RefundLineRecord,
  ShippingLineRecord,
} from "./types.ts";

export const lineTotal = (line: LineItemRecord) => line.price * line.quantity;
export const lineDiscount = (line: { discountAllocations: { amount: number }[] }) =>
  line.discountAllocations.reduce((sum, a) => sum + a.amount, 0);

export class OrderError extends Error {
  readonly status = 422;
}

/** Presentment amount for a shop amount at an exact decimal rate ("1.25"), rounded half up. */
export function toPresentment(amount: number, rate: string): number {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(rate);
  if (!match) throw new OrderError(`exchangeRate must be a positive decimal, got ${rate}`);
  const scale = 10n ** BigInt(match[2]?.length ?? 0);
  const numerator = BigInt(`${match[1]}${match[2] ?? ""}`);
  const product = BigInt(amount) * numerator;
  return Number((product * 2n + scale) / (2n * scale));
}

/** Which of the order's lines a discount's item selection covers. */
export function eligibleLines(
  lines: LineItemRecord[],
  items: CodeDiscount["items"],
  collectionsOf: (productId: number) => number[],
): LineItemRecord[] {
  if ("all" in items) return lines.filter((l) => !l.giftCard);
  return lines.filter(
    (l) =>
      !l.giftCard &&
      ((l.variantId !== null && items.variantIds.includes(l.variantId)) ||
        (l.productId !== null &&
          (items.productIds.includes(l.productId) ||
            collectionsOf(l.productId).some((c) => items.collectionIds.includes(c))))),
  );
}

/**
 * Applies a product/order discount value to lines, recording allocations under `index`.
 * Returns the total discounted.
 */
export function applyValue(lines: LineItemRecord[], value: CodeDiscount["value"], index: number): number {
  const remaining = lines.map((l) => lineTotal(l) - lineDiscount(l));
  let amounts: number[];
  if (value.kind === "percentage") {
    // Shopify rounds each line's share to the currency's minor unit.
    const [whole = "0", fraction = ""] = value.percentage.split(".");
    const scale = 10 ** fraction.length;
    const rate = Number(whole) * scale + Number(fraction || 0);
    amounts = remaining.map((r) => Math.round((r * rate) / scale));
  } else if (value.appliesOnEachItem) {
    amounts = lines.map((l, i) => Math.min(value.amount * l.quantity, remaining[i]!));
  } else {
    const total = Math.min(
      value.amount,
      remaining.reduce((a, b) => a + b, 0),
    );
    amounts = allocate(total, remaining);
  }
  lines.forEach((line, i) => {
    const amount = Math.min(amounts[i]!, remaining[i]!);
    if (amount > 0) line.discountAllocations.push({ applicationIndex: index, amount });
  });
  return amounts.reduce((a, b) => a + b, 0);
}

/** Makes shipping free (up to `max` per line, when capped). Returns the total discounted. */
export function applyFreeShipping(shipping: ShippingLineRecord[], index: number, max: number | null): number {
  let total = 0;
  for (const line of shipping) {
    if (max !== null && line.price > max) continue;
    const amount = line.price - lineDiscount(line);
    if (amount > 0) {
      line.discountAllocations.push({ applicationIndex: index, amount });
      total += amount;
    }
  }
  return total;
}

export function applicationFor(discount: { title: string; value: CodeDiscount["value"] }, code: string | null) {
  const base = { code, title: code ?? discount.title, allocationMethod: "across" as const };
  const type = code ? ("discount_code" as const) : ("automatic" as const);
  if (discount.value.kind === "percentage") {
    const percent = (Number(discount.value.percentage) * 100).toFixed(1);
    return { ...base, type, valueType: "percentage" as const, value: percent, targetType: "line_item" as const };
  }
  return {
    ...base,
    type,
    valueType: "fixed_amount" as const,
    value: String(discount.value.amount),
    targetType: "line_item" as const,
    allocationMethod: discount.value.appliesOnEachItem ? ("each" as const) : ("across" as const),
  } satisfies Omit<DiscountApplicationRecord, "targetSelection">;
}

/** Totals of an order as it stands, after refunds (Shopify's `current*` fields). */
export function orderTotals(order: OrderRecord) {
  const refundedQuantity = (lineId: number) =>
    order.refunds.flatMap((r) => r.lines).reduce((sum, r) => (r.lineItemId === lineId ? sum + r.quantity : sum), 0);
  const subtotal = order.lineItems.reduce((sum, l) => sum + lineTotal(l) - lineDiscount(l), 0);
  const discounts =
    order.lineItems.reduce((sum, l) => sum + lineDiscount(l), 0) +
    order.shippingLines.reduce((sum, s) => sum + lineDiscount(s), 0);
  const shipping = order.shippingLines.reduce((sum, s) => sum + s.price - lineDiscount(s), 0);
  const tax = order.lineItems.reduce((sum, l) => sum + l.tax, 0);
  const total = subtotal + shipping + (order.taxesIncluded ? 0 : tax);
  const refunded = order.refunds.reduce((sum, r) => sum + r.amount, 0);
  const refundedSubtotal = order.refunds.flatMap((r) => r.lines).reduce((sum, l) => sum + l.subtotal, 0);
  const refundedTax = order.refunds.flatMap((r) => r.lines).reduce((sum, l) => sum + l.totalTax, 0);
  return {
    subtotal,
    discounts,
    shipping,
    tax,
    total,
    refunded,
    currentSubtotal: subtotal - refundedSubtotal,
    currentTax: tax - refundedTax,
    currentTotal: total - refunded,
    currentQuantity: (line: LineItemRecord) => line.quantity - refundedQuantity(line.id),
  };
}

/**
 * Refund lines for `requested` quantities: each refunded unit gives back its price less its
 * share of the line's discounts, plus its share of the line's tax.
 */
export function refundLines(
  order: OrderRecord,
  requested: { lineItemId: number; quantity: number; restockType?: RefundLineRecord["restockType"] }[],
  nextId: () => number,
): RefundLineRecord[] {
  const { currentQuantity } = orderTotals(order);
  return requested.map((request) => {
    const line = order.lineItems.find((l) => l.id === request.lineItemId);
    if (!line) throw new OrderError(`lineItems: no line item ${request.lineItemId} on order ${order.id}`);
    if (!Number.isInteger(request.quantity) || request.quantity < 1) {
      throw new OrderError(`lineItems: quantity must be a positive integer`);
    }
    const refundable = currentQuantity(line);
    if (request.quantity > refundable) {
      throw new OrderError(`lineItems: line item ${line.id} has only ${refundable} refundable`);
    }
    // Units already refunded took their shares first; this refund takes the next ones, so the
    // last unit refunded gets exactly what remains and nothing is lost to rounding.
    const before = line.quantity - refundable;
    const share = (amount: number, units: number) => Math.floor((amount * units) / line.quantity);
    const netOf = (units: number) => line.price * units - share(lineDiscount(line), units);
    const taxOf = (units: number) => share(line.tax, units);
    const last = before + request.quantity === line.quantity;
    const subtotal = last
      ? lineTotal(line) - lineDiscount(line) - netOf(before)
      : netOf(before + request.quantity) - netOf(before);
    const totalTax = last ? line.tax - taxOf(before) : taxOf(before + request.quantity) - taxOf(before);
    return {
      id: nextId(),
      lineItemId: line.id,
      quantity: request.quantity,
      subtotal,
      totalTax,
      restockType: request.restockType ?? "no_restock",
    };
  });
}

/**
 * Buy X get Y: each use needs the bought units (or amount) from the "buys" items, then discounts
 * the cheapest eligible "gets" units not already counted as bought, up to the uses allowed.
 */
export function applyBuyXGetY(
  lines: LineItemRecord[],
  rule: BuyXGetY,
  index: number,
  eligible: (items: CodeDiscount["items"]) => LineItemRecord[],
): number {
  const units = (list: LineItemRecord[]) => list.flatMap((line) => Array.from({ length: line.quantity }, () => line));
  const buyPool = units(eligible(rule.buysItems)).sort((a, b) => b.price - a.price);
  const getPool = units(eligible(rule.getsItems)).sort((a, b) => a.price - b.price);
  const taken = new Map<LineItemRecord, number>();
  const take = (line: LineItemRecord) => taken.set(line, (taken.get(line) ?? 0) + 1);
  const free = (line: LineItemRecord) => (taken.get(line) ?? 0) < line.quantity;
  const discounted = new Map<LineItemRecord, number>();
  let uses = 0;
  while (rule.usesPerOrderLimit === null || uses < rule.usesPerOrderLimit) {
    const buying: LineItemRecord[] = [];
    if ("quantity" in rule.buys) {
      for (const unit of buyPool) {
        if (buying.length === rule.buys.quantity) break;
        if (free(unit) && buying.filter((u) => u === unit).length + (taken.get(unit) ?? 0) < unit.quantity)
          buying.push(unit);
      }
      if (buying.length < rule.buys.quantity) break;
    } else {
      let amount = 0;
      for (const unit of buyPool) {
        if (amount >= rule.buys.amount) break;
        if (buying.filter((u) => u === unit).length + (taken.get(unit) ?? 0) < unit.quantity) {
          buying.push(unit);
          amount += unit.price;
        }
      }
      if (amount < rule.buys.amount) break;
    }
    buying.forEach(take);
    const getting: LineItemRecord[] = [];
    for (const unit of getPool) {
      if (getting.length === rule.getsQuantity) break;
      if (getting.filter((u) => u === unit).length + (taken.get(unit) ?? 0) < unit.quantity) getting.push(unit);
    }
    if (getting.length === 0) break;
    getting.forEach(take);
    for (const unit of getting) {
      const off =
        "percentage" in rule.effect
          ? percentOf(unit.price, rule.effect.percentage)
          : Math.min(rule.effect.amount, unit.price);
      discounted.set(unit, (discounted.get(unit) ?? 0) + off);
    }
    uses += 1;
  }
  let total = 0;
  for (const [line, amount] of discounted) {
    const room = lineTotal(line) - lineDiscount(line);
    const applied = Math.min(amount, room);
    if (applied > 0) {
      line.discountAllocations.push({ applicationIndex: index, amount: applied });
      total += applied;
    }
  }
  return total;
}

/** `amount` × a decimal fraction ("0.25"), rounded to the minor unit, without floats. */
function percentOf(amount: number, fraction: string): number {
  const [whole = "0", digits = ""] = fraction.split(".");
  const scale = 10 ** digits.length;
  return Math.round((amount * (Number(whole) * scale + Number(digits || 0))) / scale);
}
