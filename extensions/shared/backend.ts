// The one place the extensions learn where Laurel's backend is. The build
// (scripts/extensions.ts) replaces LAUREL_APP_URL with SHOPIFY_APP_URL, or with
// shopify.app.toml's application_url; a build that does not (Shopify CLI's own) gets the
// fallback below, which is that same production URL.
declare const LAUREL_APP_URL: string | undefined;

export const BACKEND_URL: string = typeof LAUREL_APP_URL === "string" ? LAUREL_APP_URL : "https://example.com";
