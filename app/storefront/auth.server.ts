// Who is asking: the storefront API trusts nothing but the extension's session token (signed with
// the app secret by Shopify; session-token.ts). The shop is the token's `dest`, the customer its `sub`; a body never
// names either. Anything wrong with the token, or a shop without Laurel, is a 401 that changes nothing.
import db, { sql } from "../db.server";
import { env } from "../env.server";
import { requestLocale, type Locale } from "../i18n/locale";
import { withCors } from "./cors";
import { apiError } from "./errors";
import { verifySessionToken } from "./session-token";

export interface Shopper {
  shop: string;
  /** The signed-in customer's GID, or null for a guest. */
  customerId: string | null;
  locale: Locale;
}

const shopOf = (dest: unknown) =>
  typeof dest === "string"
    ? dest
        .replace(/^https:\/\//, "")
        .replace(/\/.*$/, "")
        .toLowerCase()
    : "";

/**
 * Authenticates a storefront API request. Throws a Response (CORS included) for a preflight,
 * or a 401 when the token is missing, forged, expired, for another app or for a shop without Laurel.
 */
export async function authenticateShopper(request: Request): Promise<Shopper> {
  const locale = requestLocale(request);
  if (request.method === "OPTIONS") throw withCors(new Response(null, { status: 204 }));
  const unauthorized = () => withCors(apiError("unauthorized", locale));

  const bearer = /^Bearer (.+)$/.exec(request.headers.get("Authorization") ?? "")?.[1];
  const token = bearer ? verifySessionToken(bearer, env.SHOPIFY_API_SECRET, env.SHOPIFY_API_KEY) : null;
  if (!token) throw unauthorized();
  // An admin's session token (its issuer ends in /admin) is not a shopper's.
  if (typeof token.iss === "string" && token.iss.endsWith("/admin")) throw unauthorized();
  const shop = shopOf(token.dest);
  const named = new URL(request.url).searchParams.get("shop");
  if (!shop.endsWith(".myshopify.com") || (named !== null && named.toLowerCase() !== shop)) throw unauthorized();
  const [installed] = await sql(db).query<{ uninstalledAt: Date | null }>(
    `SELECT "uninstalledAt" FROM "Shop" WHERE "domain" = $1`,
    [shop],
  );
  if (!installed || installed.uninstalledAt) throw unauthorized();
  const customerId =
    typeof token.sub === "string" && token.sub.startsWith("gid://shopify/Customer/") ? token.sub : null;
  return { shop, customerId, locale };
}
