// A subset of Shopify's customer segment query language, enough for the segments Laurel creates:
//   customer_tags CONTAINS 'gold'        customer_tags NOT CONTAINS 'gold'
//   number_of_orders >= 3                amount_spent > 100
//   email_subscription_status = 'SUBSCRIBED'
// joined by AND / OR (AND binds tighter). Anything else is refused with a clear message, so a
// segment Laurel writes that the emulator cannot judge fails a test instead of passing silently.
import { toMinor } from "./money.ts";
import type { AppConfig, Customer, ShopRecord } from "./types.ts";

export class SegmentQueryError extends Error {}

type Condition = (
  customer: Customer,
  stats: { numberOfOrders: number; amountSpent: number },
  shop: ShopRecord,
) => boolean;

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  "=": (a, b) => a === b,
  "!=": (a, b) => a !== b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
};

/** Splits on a keyword outside quotes. */
function splitOutsideQuotes(text: string, keyword: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "'") quoted = !quoted;
    if (!quoted && text.startsWith(` ${keyword} `, i)) {
      parts.push(text.slice(start, i));
      start = i + keyword.length + 2;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

function condition(text: string): Condition {
  let match = /^customer_tags\s+(NOT\s+)?CONTAINS\s+'((?:[^'\\]|\\.)*)'$/i.exec(text);
  if (match) {
    const negate = Boolean(match[1]);
    const tag = match[2]!.toLowerCase();
    return (customer) => customer.tags.some((t) => t.toLowerCase() === tag) !== negate;
  }
  match = /^(number_of_orders|amount_spent)\s*(>=|<=|!=|=|>|<)\s*(\d+(?:\.\d+)?)$/i.exec(text);
  if (match) {
    const [, field, op, value] = match;
    const compare = COMPARE[op!]!;
    if (field!.toLowerCase() === "number_of_orders") return (_c, stats) => compare(stats.numberOfOrders, Number(value));
    return (_c, stats, shop) => compare(stats.amountSpent, toMinor(value!, shop.currency));
  }
  match = /^email_subscription_status\s*(=|!=)\s*'(SUBSCRIBED|NOT_SUBSCRIBED)'$/i.exec(text);
  if (match) {
    const wantSubscribed = match[2]!.toUpperCase() === "SUBSCRIBED";
    const negate = match[1] === "!=";
    return (customer) => (customer.acceptsMarketing === wantSubscribed) !== negate;
  }
  throw new SegmentQueryError(
    `The Laurel Shopify emulator does not understand the segment condition "${text}" ` +
      "(supported: customer_tags [NOT] CONTAINS, number_of_orders, amount_spent, email_subscription_status)",
  );
}

export function compileSegmentQuery(query: string): Condition {
  if (!query.trim()) throw new SegmentQueryError("Query can't be blank");
  const alternatives = splitOutsideQuotes(query.trim(), "OR").map((part) =>
    splitOutsideQuotes(part, "AND").map(condition),
  );
  return (customer, stats, shop) => alternatives.some((all) => all.every((test) => test(customer, stats, shop)));
}

export function segmentMatches(
  query: string,
  customer: Customer,
  stats: { numberOfOrders: number; amountSpent: number },
  shop: ShopRecord,
  _app: AppConfig,
): boolean {
  return compileSegmentQuery(query)(customer, stats, shop);
}
