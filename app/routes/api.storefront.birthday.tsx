// POST /api/storefront/birthday {birthday: "MM-DD"}: the member's birthday, for the yearly
// birthday bonus (docs/storefront-api.md). The bonus is keyed by member and year, so changing
// the date never pays twice in a year.
import { z } from "zod";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { parseBirthday } from "../loyalty/actions";
import { setBirthday } from "../points/actions.server";
import { apiError, InvalidInput } from "../storefront/errors";
import { methodNotAllowed, readJson, requireCustomer, storefrontRoute } from "../storefront/route.server";

const schema = z.object({ birthday: z.string().max(10) });

export const action = storefrontRoute(async (shopper, request) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const customerId = requireCustomer(shopper);
  const { birthday } = await readJson(request, schema);
  if (!parseBirthday(birthday)) throw new InvalidInput("birthday", "birthday must be a real date as MM-DD");
  const member = await db.member.findUnique({
    where: { shop_customerId: { shop: shopper.shop, customerId } },
    select: { status: true },
  });
  if (!member || member.status !== "active") return apiError("not_a_member", shopper.locale);
  await transaction(db, (tx) => setBirthday(tx, shopper.shop, customerId, birthday));
  return Response.json({ birthday: birthday.trim() });
});

// Remix hands GET and a browser's preflight (OPTIONS) to the loader.
export const loader = storefrontRoute(async () => methodNotAllowed("POST"));
