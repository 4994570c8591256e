// The shape every webhook route shares: verify, parse, process exactly once, answer.
import type { z } from "zod";
import db from "../db.server";
import type { Statement } from "../db/sql.server";
import { PayloadError, parsePayload } from "./payload";
import { verifyWebhook } from "./verify.server";
import { processOnce, processOnceRecordedBy, type Delivery, type Tx } from "./once.server";

/** Verifies and parses the delivery (a malformed payload gets a 400), then has it processed. */
async function handle<T>(
  request: Request,
  schema: z.ZodType<T>,
  process: (delivery: Delivery, payload: T) => Promise<unknown>,
): Promise<Response> {
  const { shop, topic, webhookId, eventId, apiVersion, triggeredAt, payload } = await verifyWebhook(request);
  let parsed: T;
  try {
    parsed = parsePayload(schema, payload, topic);
  } catch (error) {
    if (error instanceof PayloadError) {
      return Response.json({ error: "invalid_payload", message: error.message }, { status: 400 });
    }
    throw error;
  }
  await process({ shop, topic, webhookId, eventId, apiVersion, triggeredAt }, parsed);
  return new Response();
}

export const handleWebhook = <T>(
  request: Request,
  schema: z.ZodType<T>,
  work: (tx: Tx, shop: string, payload: T, delivery: Delivery) => Promise<void>,
) =>
  handle(request, schema, (delivery, payload) =>
    processOnce(db, delivery, (tx) => work(tx, delivery.shop, payload, delivery)),
  );

/** `handleWebhook` for work that sends the delivery's record itself (see processOnceRecordedBy). */
export const handleWebhookRecordedBy = <T>(
  request: Request,
  schema: z.ZodType<T>,
  work: (tx: Tx, shop: string, payload: T, record: Statement) => Promise<boolean>,
) =>
  handle(request, schema, (delivery, payload) =>
    processOnceRecordedBy(db, delivery, (tx, record) => work(tx, delivery.shop, payload, record)),
  );
