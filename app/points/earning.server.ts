// How many points an order (or a cart) earns, asking the database only for what the rules use:
// the customer's earlier orders for "first N orders" campaigns, the catalog index for collection
// and tag bonuses. orders/paid and the checkout's estimate both call this, so they always agree.
import { pointsForOrder, type EarnOrder, type EarnRules, type Earning, type MemberFacts } from "../loyalty/earn";
import { factsFor } from "./catalog.server";
import type { Client } from "./ledger.server";

export async function earningFor(
  client: Client,
  shop: string,
  rules: EarnRules,
  order: (previousOrders: number) => EarnOrder,
  customer: { customerId: string | null; before: Date; excludeOrderId?: string },
  member: MemberFacts = { segmentIds: [], tierId: null },
): Promise<Earning> {
  const needsHistory = customer.customerId !== null && rules.campaigns.some((c) => c.firstOrders !== null);
  const previousOrders = needsHistory
    ? await client.loyaltyOrder.count({
        where: {
          shop,
          customerId: customer.customerId,
          placedAt: { lt: customer.before },
          ...(customer.excludeOrderId ? { orderId: { not: customer.excludeOrderId } } : {}),
        },
      })
    : 0;
  const earnOrder = order(previousOrders);
  const needsFacts = rules.bonuses.some((b) => b.match.collectionIds.length > 0 || b.match.tags.length > 0);
  const productIds = needsFacts ? [...new Set(earnOrder.lines.flatMap((l) => (l.productId ? [l.productId] : [])))] : [];
  return pointsForOrder(earnOrder, rules, await factsFor(client, shop, productIds), member);
}
