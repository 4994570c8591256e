// Exactly-once processing over Shopify's at-least-once webhooks: the delivery is recorded in
// the same transaction as its work, so a failure rolls both back (and Shopify's retry succeeds)
// and a repeat finds the record and does nothing.
import { randomUUID } from "node:crypto";
import { sql, type Db } from "../db.server";
import { transaction, type Tx } from "../db/sql.server";

export type { Tx };

export interface Delivery {
  shop: string;
  topic: string;
  webhookId: string;
  eventId?: string;
  apiVersion: string;
  triggeredAt?: string;
}

/** Thrown inside the transaction when the delivery was processed before. */
class AlreadyProcessed extends Error {}

/**
 * Runs `work` for this delivery unless it was processed before. Returns whether it ran.
 * Only a conflict on the delivery record means "processed before"; any other conflict inside the
 * work (say, two deliveries enrolling the same new member at once) fails the delivery, so Shopify
 * retries it instead of it being acknowledged undone.
 */
export async function processOnce(db: Db, delivery: Delivery, work: (tx: Tx) => Promise<void> = async () => {}) {
  const triggeredAt = delivery.triggeredAt ? new Date(delivery.triggeredAt) : null;
  try {
    return await transaction(db, async (tx) => {
      // DO NOTHING names no constraint, but the delivery key is this table's only unique one.
      const recorded = await sql(tx).query(
        `INSERT INTO "WebhookEvent" ("id", "shop", "topic", "dedupeKey", "webhookId", "apiVersion", "triggeredAt", "receivedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING "id"`,
        [
          randomUUID(),
          delivery.shop,
          delivery.topic,
          delivery.eventId ?? delivery.webhookId,
          delivery.webhookId,
          delivery.apiVersion,
          triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null,
          new Date(),
        ],
      );
      if (recorded.length === 0) throw new AlreadyProcessed();
      await work(tx);
      return true;
    });
  } catch (error) {
    if (error instanceof AlreadyProcessed) return false;
    throw error;
  }
}
