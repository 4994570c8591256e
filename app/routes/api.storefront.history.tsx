// GET /api/storefront/history[?cursor=]: the member's ledger, newest first (docs/storefront-api.md).
import db from "../db.server";
import { apiError } from "../storefront/errors";
import { historyPage } from "../storefront/history.server";
import { getOnly, requireCustomer, storefrontRoute } from "../storefront/route.server";

export const loader = storefrontRoute(async (shopper, request) => {
  const customerId = requireCustomer(shopper);
  const member = await db.member.findUnique({
    where: { shop_customerId: { shop: shopper.shop, customerId } },
    select: { id: true, status: true },
  });
  if (!member || member.status !== "active") return apiError("not_a_member", shopper.locale);
  return Response.json(await historyPage(shopper.shop, member.id, new URL(request.url).searchParams.get("cursor")));
});

export const action = getOnly;
