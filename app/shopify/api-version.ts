// The Shopify API versions Laurel speaks. The one place they are written: shopify.server.ts,
// the GraphQL contract test, the schema script and (checked by a test) shopify.app.toml read them.

/** Admin GraphQL and webhook payloads: the newest stable version @shopify/shopify-api 15 knows. */
export const ADMIN_API_VERSION = "2026-10";

/** UI extensions and the Customer Account API they call (extension TOMLs say the same). */
export const EXTENSIONS_API_VERSION = "2026-07";
