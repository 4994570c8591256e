// Exactly-once processing over Shopify's at-least-once webhooks: the delivery is recorded in
// the same transaction as its work, so a failure rolls both back (and Shopify's retry succeeds)
// and a repeat finds the record and does nothing.
import { randomUUID } from "node:crypto";
import { sql, type Db } from "../db.server";
import { transaction, type Statement, type Tx } from "../db/sql.server";

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
 * The statement that records the delivery: it returns a row when the delivery is new and none
 * when it was processed before. DO NOTHING names no constraint, but the delivery key is the
 * table's only unique one.
 */
export function deliveryRecord(delivery: Delivery, now = new Date()): Statement {
  const triggeredAt = delivery.triggeredAt ? new Date(delivery.triggeredAt) : null;
  return {
    text: `INSERT INTO "WebhookEvent" ("id", "shop", "topic", "dedupeKey", "webhookId", "apiVersion", "triggeredAt", "receivedAt")
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING "id"`,
    args: [
      randomUUID(),
      delivery.shop,
      delivery.topic,
      delivery.eventId ?? delivery.webhookId,
      delivery.webhookId,
      delivery.apiVersion,
      triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null,
      now,
    ],
  };
}

/**
 * Runs `work` for this delivery unless it was processed before. Returns whether it ran.
 * Only a conflict on the delivery record means "processed before"; any other conflict inside the
 * work (say, two deliveries enrolling the same new member at once) fails the delivery, so Shopify
 * retries it instead of it being acknowledged undone.
 */
export function processOnce(db: Db, delivery: Delivery, work: (tx: Tx) => Promise<unknown> = async () => {}) {
  return processOnceRecordedBy(db, delivery, async (tx, record) => {
    const recorded = await sql(tx).query(record.text, record.args);
    if (recorded.length === 0) return false;
    await work(tx);
    return true;
  });
}

/**
 * `processOnce` for work that sends the delivery's record itself, with its own first reads and
 * writes in one round trip (the paid path's). `work` gets the record's statement and answers
 * whether it recorded the delivery; when it didn't, whatever `work` wrote is rolled back and the
 * delivery counts as processed before.
 */
export async function processOnceRecordedBy(
  db: Db,
  delivery: Delivery,
  work: (tx: Tx, record: Statement) => Promise<boolean>,
): Promise<boolean> {
  try {
    return await transaction(db, async (tx) => {
      if (!(await work(tx, deliveryRecord(delivery)))) throw new AlreadyProcessed();
      return true;
    });
  } catch (error) {
    if (error instanceof AlreadyProcessed) return false;
    throw error;
  }
}
