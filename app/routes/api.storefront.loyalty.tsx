// GET /api/storefront/loyalty[?subtotal=12.50]: program, member, rewards and codes (docs/storefront-api.md).
import { apiError, InvalidInput } from "../storefront/errors";
import { loyaltyView } from "../storefront/loyalty.server";
import { getOnly, storefrontRoute } from "../storefront/route.server";

export const loader = storefrontRoute(async ({ shop, customerId, locale }, request) => {
  const subtotal = new URL(request.url).searchParams.get("subtotal");
  if (subtotal !== null && !/^\d+(\.\d+)?$/.test(subtotal)) throw new InvalidInput("subtotal", "a decimal amount");
  const view = await loyaltyView(shop, customerId, locale, { subtotal });
  return view ? Response.json(view) : apiError("not_found", locale);
});

export const action = getOnly;
