// CORS for the storefront API. Checkout and customer-account extensions run in Shopify's sandbox
// (served from extensions.shopifycdn.com) and call Laurel with a bearer session token, never a
// cookie; only those origins (and, in tests and the demo, the emulator's) may read the answers.
const SHOPIFY_ORIGINS = [
  /^https:\/\/extensions\.shopifycdn\.com$/,
  /^https:\/\/[a-z0-9-]+\.myshopify\.com$/,
  /^https:\/\/shopify\.com$/,
];

export function allowedOrigin(origin: string | null, extra: string[] = []): string | null {
  if (!origin) return null;
  if (extra.includes(origin) || SHOPIFY_ORIGINS.some((pattern) => pattern.test(origin))) return origin;
  return null;
}

export function withCors(response: Response, origin: string | null): Response {
  response.headers.append("Vary", "Origin");
  if (!origin) return response;
  response.headers.set("Access-Control-Allow-Origin", origin);
  response.headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept-Language");
  response.headers.set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  response.headers.set("Access-Control-Max-Age", "600");
  return response;
}
