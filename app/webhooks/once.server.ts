// Exactly-once processing over Shopify's at-least-once webhooks: the delivery is recorded in
// the same transaction as its work, so a failure rolls both back (and Shopify's retry succeeds)
// and a repeat finds the record and does nothing.
import type { Db } from "../db.server";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface Delivery {
  shop: string;
  topic: string;
  webhookId: string;
  eventId?: string;
  apiVersion: string;
  triggeredAt?: string;
}

const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";

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
    return await db.$transaction(async (tx) => {
      try {
        await tx.webhookEvent.create({
          data: {
            shop: delivery.shop,
            topic: delivery.topic,
            dedupeKey: delivery.eventId ?? delivery.webhookId,
            webhookId: delivery.webhookId,
            apiVersion: delivery.apiVersion,
            triggeredAt: triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null,
          },
        });
      } catch (error) {
        throw isUniqueViolation(error) ? new AlreadyProcessed() : error;
      }
      await work(tx);
      return true;
    });
  } catch (error) {
    if (error instanceof AlreadyProcessed) return false;
    throw error;
  }
}
