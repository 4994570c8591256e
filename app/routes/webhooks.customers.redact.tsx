import type { ActionFunctionArgs } from "@remix-run/node";
import { handleCustomerRedact } from "../compliance/compliance.server";
import { answer } from "../compliance/webhook-response.server";
import db from "../db.server";
import { authenticate } from "../shopify.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, webhookId, payload } = await authenticate.webhook(request);
  return answer(() => handleCustomerRedact(db, shop, webhookId, payload));
};
