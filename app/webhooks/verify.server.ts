// Shopify's webhook signature, checked here rather than by the library's authenticate.webhook:
// that one also loads the shop's offline session (a database read the webhook path never uses)
// and canonicalises every header name on every call; on the hottest path (orders/paid) the two
// cost about a third of the request. The check is the same: HMAC-SHA256 of the raw body with the
// app secret, base64, compared in constant time.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../env.server";
import type { Delivery } from "./once.server";

/** What Shopify's headers say of the delivery, and its parsed body. */
export interface VerifiedWebhook extends Delivery {
  payload: unknown;
}

const SHOP = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

const refuse = (status: 400 | 401 | 405, message: string) =>
  Response.json({ error: status === 401 ? "unauthorized" : "bad_request", message }, { status });

/** The delivery, if Shopify signed it with this app's secret; throws a Response otherwise. */
export async function verifyWebhook(request: Request, secret = env.SHOPIFY_API_SECRET): Promise<VerifiedWebhook> {
  if (request.method !== "POST") throw refuse(405, "webhooks are POSTed");
  const body = await request.text();
  const given = Buffer.from(request.headers.get("X-Shopify-Hmac-Sha256") ?? "", "base64");
  const expected = createHmac("sha256", secret).update(body, "utf8").digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse(401, "bad signature");
  const header = (name: string) => request.headers.get(`X-Shopify-${name}`) ?? undefined;
  const shop = header("Shop-Domain")?.toLowerCase();
  const topic = header("Topic");
  const webhookId = header("Webhook-Id");
  const apiVersion = header("API-Version");
  if (!shop || !(SHOP.test(shop) || shop === env.SHOP_CUSTOM_DOMAIN) || !topic || !webhookId || !apiVersion) {
    throw refuse(400, "missing or malformed X-Shopify-* headers");
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    throw refuse(400, "the body is not JSON");
  }
  return {
    shop,
    topic,
    webhookId,
    eventId: header("Event-Id"),
    apiVersion,
    triggeredAt: header("Triggered-At"),
    payload,
  };
}
