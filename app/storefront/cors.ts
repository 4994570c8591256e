// CORS for the storefront API. Checkout and customer-account extensions run in Shopify's sandbox,
// whose origin Shopify may change without notice, so Shopify asks apps to allow any origin. That
// is safe here: every request carries the extension's session token as a bearer header, never a
// cookie, so another site can read nothing it couldn't already ask for with a stolen token.
export function withCors(response: Response): Response {
  response.headers.set("Access-Control-Allow-Origin", "*");
  response.headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept-Language");
  response.headers.set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  response.headers.set("Access-Control-Max-Age", "600");
  return response;
}
