// Deep links into Shopify's checkout and accounts editor, on a page, with Laurel's blocks offered
// (the app's Apps tab, and for customer accounts Laurel's editor collection: the rewards page and
// the profile block together). App Bridge opens `shopify://admin/…` in the admin.
export function editorLink(apiKey: string, page: "checkout" | "profile", collection?: string) {
  const query = new URLSearchParams({ page, context: "apps", app: apiKey });
  if (collection) query.set("collection", collection);
  return `shopify://admin/settings/checkout/editor?${query}`;
}
