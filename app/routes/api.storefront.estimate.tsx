// POST /api/storefront/estimate {lines, subtotal}: what this cart would earn (docs/storefront-api.md).
import { apiError } from "../storefront/errors";
import { estimate, estimateSchema } from "../storefront/estimate.server";
import { methodNotAllowed, readJson, storefrontRoute } from "../storefront/route.server";

export const action = storefrontRoute(async (shopper, request) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const result = await estimate(shopper.shop, shopper.customerId, await readJson(request, estimateSchema));
  return result ? Response.json(result) : apiError("not_found", shopper.locale);
});

// Remix hands GET and a browser's preflight (OPTIONS) to the loader.
export const loader = storefrontRoute(async () => methodNotAllowed("POST"));
