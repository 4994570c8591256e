// The shape every webhook route shares: verify, parse, process exactly once, answer.
import type { z } from "zod";
import db from "../db.server";
import { PayloadError, parsePayload } from "./payload";
import { verifyWebhook } from "./verify.server";
import { processOnce, type Delivery, type Tx } from "./once.server";

export async function handleWebhook<T>(
  request: Request,
  schema: z.ZodType<T>,
  work: (tx: Tx, shop: string, payload: T, delivery: Delivery) => Promise<void>,
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
  const delivery: Delivery = { shop, topic, webhookId, eventId, apiVersion, triggeredAt };
  await processOnce(db, delivery, (tx) => work(tx, shop, parsed, delivery));
  return new Response();
}
