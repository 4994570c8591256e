// The GraphQL contract test needs Shopify's schemas in the cache; fetch them once per run.
import { ensureShopifySchemas } from "../../scripts/shopify-schemas.ts";

export default function setup() {
  ensureShopifySchemas();
}
