// The order's row in the database: what Laurel knows of an order and its points state, created by
// whichever of its webhooks comes first and completed by the others.
import { randomUUID } from "node:crypto";
import { sql } from "../db.server";
import type { Statement, Tx } from "../db/sql.server";
import { newOrder, type OrderState } from "../loyalty/order-points";

export interface OrderRow {
  id: string;
  memberId: string | null;
  customerId: string | null;
  placedAt: Date | null;
  state: OrderState;
}

export const ORDER_COLUMNS = ["id", "memberId", "customerId", "placedAt", "state"] as const;

export interface KnownOfOrder {
  customerId?: string | null;
  placedAt?: Date;
  currency?: string;
  total?: number;
}

/** Creates or completes the order's row (nothing known is erased), returning it. */
const UPSERT = `INSERT INTO "LoyaltyOrder" ("id", "shop", "orderId", "customerId", "placedAt", "currency", "state", "createdAt", "updatedAt", "total")
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)
    ON CONFLICT ("shop", "orderId") DO UPDATE SET
      "customerId" = COALESCE(EXCLUDED."customerId", "LoyaltyOrder"."customerId"),
      "placedAt" = COALESCE(EXCLUDED."placedAt", "LoyaltyOrder"."placedAt"),
      "currency" = COALESCE(EXCLUDED."currency", "LoyaltyOrder"."currency"),
      "total" = COALESCE(EXCLUDED."total", "LoyaltyOrder"."total"),
      "updatedAt" = EXCLUDED."updatedAt"
    RETURNING ${ORDER_COLUMNS.map((c) => `"${c}"`).join(", ")}`;

/** The upsert that creates or completes the order's row with what this event knows. */
export function orderUpsert(shop: string, orderId: string, known: KnownOfOrder, now = new Date()): Statement {
  return {
    text: UPSERT,
    args: [
      randomUUID(),
      shop,
      orderId,
      known.customerId ?? null,
      known.placedAt ?? null,
      known.currency ?? null,
      JSON.stringify(newOrder(orderId)),
      now,
      known.total ?? null,
    ],
  };
}

/** The row as the upsert returned it (its state still JSON). */
export const orderRowFrom = (row: Omit<OrderRow, "state"> & { state: string }): OrderRow => ({
  ...row,
  state: JSON.parse(row.state) as OrderState,
});

/** The order's row, created or completed with what this event knows. */
export async function orderRow(tx: Tx, shop: string, orderId: string, known: KnownOfOrder, now = new Date()) {
  const upsert = orderUpsert(shop, orderId, known, now);
  const [row] = await sql(tx).query<Omit<OrderRow, "state"> & { state: string }>(upsert.text, upsert.args);
  return orderRowFrom(row!);
}
