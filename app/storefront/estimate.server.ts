// POST /api/storefront/estimate: what this cart would earn, by the same function that awards the
// points when the order is paid (the rules in force now, the catalog index for bonuses, the
// member's VIP tier multiplier).
import { z } from "zod";
import db, { sql } from "../db.server";
import { cartOrder } from "../loyalty/cart";
import { toMinor } from "../loyalty/currency";
import type { Earning } from "../loyalty/earn";
import { earningFor } from "../points/earning.server";
import { memberFactsOf } from "../points/member-facts.server";
import { programAndRules } from "../points/program.server";
import { InvalidInput } from "./errors";

const decimal = z.string().regex(/^\d+(\.\d+)?$/, { error: "a decimal amount such as 12.50" });

export const estimateSchema = z.object({
  lines: z
    .array(
      z.object({
        variantId: z.string().min(1),
        productId: z.string().min(1).nullable().optional(),
        quantity: z.number().int().min(1).max(10_000),
        price: decimal,
      }),
    )
    .max(250),
  subtotal: decimal.nullable().optional(),
});

export type EstimateRequest = z.infer<typeof estimateSchema>;

export async function estimate(
  shop: string,
  customerId: string | null,
  request: EstimateRequest,
  now = new Date(),
): Promise<{ points: number; breakdown: Earning } | null> {
  const { program, rules, ladder } = await programAndRules(db, shop, now);
  if (!program || !rules) return null;
  const currency = program.currency;
  const minor = (amount: string, field: string) => {
    try {
      return toMinor(amount, currency);
    } catch (error) {
      throw new InvalidInput(field, (error as Error).message);
    }
  };
  const lines = request.lines.map((l) => ({
    variantId: l.variantId,
    productId: l.productId ?? null,
    quantity: l.quantity,
    unitPrice: minor(l.price, "lines.price"),
  }));
  const subtotal = request.subtotal ? minor(request.subtotal, "subtotal") : null;
  // The member's facts (their tier's multiplier, their segments) as orders/paid will see them; the
  // member is looked up only when tiers are on or a campaign is for some segments.
  const needsMember = ladder?.enabled === true || rules.rules.campaigns.some((c) => c.segmentIds !== null);
  const [member] =
    customerId && needsMember
      ? await sql(db).query<{ id: string; tierId: string | null }>(
          `SELECT "id", "tierId" FROM "Member" WHERE "shop" = $1 AND "customerId" = $2`,
          [shop, customerId],
        )
      : [];
  const earning = await earningFor(
    db,
    shop,
    rules.rules,
    (previous) => cartOrder(lines, subtotal, currency, now, previous),
    { customerId, before: now },
    await memberFactsOf(db, shop, member ?? null, rules.rules, ladder, now),
  );
  return { points: program.live ? earning.total : 0, breakdown: earning };
}
