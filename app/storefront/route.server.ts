// The shape every storefront API route shares: authenticate the shopper's session token, run the
// handler, answer JSON with CORS, and turn every failure into a coded error in their language.
import type { z } from "zod";
import { RedeemError } from "../rewards/redeem.server";
import { authenticateShopper, type Shopper } from "./auth.server";
import { withCors } from "./cors";
import { apiError, InvalidInput } from "./errors";

type Handler = (shopper: Shopper, request: Request) => Promise<Response>;

export function storefrontRoute(handler: Handler) {
  return async ({ request }: { request: Request }): Promise<Response> => {
    let shopper: Shopper;
    try {
      shopper = await authenticateShopper(request);
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
    try {
      return withCors(await handler(shopper, request));
    } catch (error) {
      if (error instanceof InvalidInput) {
        return withCors(
          apiError("invalid_request", shopper.locale, { field: error.field, details: { detail: error.message } }),
        );
      }
      if (error instanceof RedeemError) {
        return withCors(
          apiError(error.code, shopper.locale, {
            field: error.field,
            details: { ...error.details, detail: error.message },
          }),
        );
      }
      throw error;
    }
  };
}

export const methodNotAllowed = (allow: "GET" | "POST") =>
  Response.json(
    { error: { code: "method_not_allowed", message: `${allow} only` } },
    { status: 405, headers: { Allow: allow } },
  );

/** The routes that only answer GET still get preflights (and a clear 405 for anything else). */
export const getOnly = storefrontRoute(async () => methodNotAllowed("GET"));

/** The request's JSON body, parsed by `schema`; the first problem names its field. */
export async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new InvalidInput("body", "the body must be JSON");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidInput(issue.path.join(".") || "body", issue.message);
  }
  return parsed.data;
}

/** A signed-in customer, or the coded error for a guest. */
export function requireCustomer(shopper: Shopper): string {
  if (!shopper.customerId) throw new RedeemError("not_a_member", "sign in to use points");
  return shopper.customerId;
}
