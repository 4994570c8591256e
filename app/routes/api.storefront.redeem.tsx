// POST /api/storefront/redeem {rewardId, points?, idempotencyKey, subtotal?}: spend points on a
// reward, get the code (docs/storefront-api.md). The customer is the session token's, never the body's.
import { z } from "zod";
import { redeem } from "../rewards/redeem.server";
import { apiError } from "../storefront/errors";
import { RateLimiter } from "../storefront/rate-limit";
import { methodNotAllowed, readJson, requireCustomer, storefrontRoute } from "../storefront/route.server";
import { discountValue, localized } from "../storefront/views";

const schema = z.object({
  rewardId: z.string().min(1).max(64),
  points: z.number().int().min(1).optional(),
  idempotencyKey: z.string().min(8).max(100),
  subtotal: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .optional(),
});

// Five redemptions a minute per customer is plenty for a person and stops a runaway client.
const limiter = new RateLimiter(5, 60_000);

export const action = storefrontRoute(async (shopper, request) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const customerId = requireCustomer(shopper);
  const body = await readJson(request, schema);
  const waitMs = limiter.take(`${shopper.shop}|${customerId}`);
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    return apiError("rate_limited", shopper.locale, {
      details: { seconds },
      headers: { "Retry-After": String(seconds) },
    });
  }
  const issued = await redeem(shopper.shop, customerId, {
    rewardId: body.rewardId,
    points: body.points,
    idempotencyKey: body.idempotencyKey,
    subtotal: body.subtotal ?? null,
  });
  return Response.json({
    code: issued.code,
    title: localized(issued.title, shopper.locale),
    value: discountValue(issued.discount, issued.currency),
    points: issued.points,
    endsAt: issued.endsAt.toISOString(),
    balance: issued.balance,
  });
});

// Remix hands GET and a browser's preflight (OPTIONS) to the loader.
export const loader = storefrontRoute(async () => methodNotAllowed("POST"));
