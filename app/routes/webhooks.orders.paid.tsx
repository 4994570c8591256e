// orders/paid: for now the delivery is verified and recorded; the points engine will award
// points for the order in the same transaction.
import type { ActionFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { authenticate } from "../shopify.server";
import { processOnce } from "../webhooks/once.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, eventId, apiVersion, triggeredAt } = await authenticate.webhook(request);
  await processOnce(db, { shop, topic, webhookId, eventId, apiVersion, triggeredAt });
  return new Response();
};
