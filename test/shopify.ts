// Requests as Shopify sends them, built with @shopify/shopify-api's own test helpers and the
// test app credentials from vitest.config.ts.
import {
  getHmac,
  RequestType,
  setUpValidRequest,
  setUpValidSession,
  TEST_SHOP_NAME,
} from "@shopify/shopify-api/test-helpers";
import { testConfig } from "@shopify/shopify-app-remix/test-helpers";

// The app credentials of @shopify/shopify-app-remix's test configuration; vitest.config.ts
// gives the app the same ones (test/test-config.test.ts keeps them in step).
const config = testConfig();
export const TEST_APP = { apiKey: config.apiKey, apiSecretKey: config.apiSecretKey };
export const TEST_STORE = TEST_SHOP_NAME;
export const TEST_SHOP = `${TEST_STORE}.myshopify.com`;
export const APP_URL = config.appUrl;

/** A document request from the embedded admin (id_token, shop, host in the URL). */
export function adminRequest(pathAndQuery: string, store = TEST_STORE): Promise<Request> {
  return setUpValidRequest(
    { type: RequestType.Admin, store, ...TEST_APP },
    new Request(new URL(pathAndQuery, APP_URL)),
  );
}

/** A fetch from the embedded admin (App Bridge adds the session token as a Bearer header). */
export function bearerRequest(pathAndQuery: string, store = TEST_STORE): Promise<Request> {
  return setUpValidRequest(
    { type: RequestType.Bearer, store, ...TEST_APP },
    new Request(new URL(pathAndQuery, APP_URL)),
  );
}

/** Stores an offline session for the shop, as after an install by token exchange. */
export async function installOfflineSession(shop = TEST_SHOP, accessToken = "offline-token") {
  const { sessionStorage } = await import("../app/shopify.server");
  const session = setUpValidSession({ shop, isOnline: false, expires: undefined, accessToken });
  await sessionStorage.storeSession(session);
  return session;
}

export interface WebhookOptions {
  topic: string;
  body: unknown;
  shop?: string;
  webhookId?: string;
  secret?: string;
  apiVersion?: string;
}

/** A webhook delivery with Shopify's headers, signed with the app secret (or another). */
export function webhookRequest(path: string, options: WebhookOptions): Request {
  const body = JSON.stringify(options.body);
  const webhookId = options.webhookId ?? crypto.randomUUID();
  return new Request(new URL(path, APP_URL), {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": options.topic,
      "X-Shopify-Hmac-Sha256": getHmac(body, options.secret ?? TEST_APP.apiSecretKey),
      "X-Shopify-Shop-Domain": options.shop ?? TEST_SHOP,
      "X-Shopify-API-Version": options.apiVersion ?? "2026-10",
      "X-Shopify-Webhook-Id": webhookId,
      // A retry of a delivery carries the same event id, as Shopify's do.
      "X-Shopify-Event-Id": `event-${webhookId}`,
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
  });
}

/** Route modules' loaders and actions, called as Remix calls them. */
export const args = (request: Request) => ({ request, params: {}, context: {} });
