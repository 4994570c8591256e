// The extension's session token: a JWT Shopify signs with the app's secret (HS256). Checked here
// rather than by the library's authenticate.public.checkout, which costs about a millisecond of
// CPU a call (bot detection, a JOSE library, CORS bookkeeping) on the API every page view of
// every extension calls. The checks are the library's, plus the audience it skips for extensions.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface SessionToken {
  iss?: string;
  dest?: string;
  aud?: string | string[];
  sub?: string;
  exp?: number;
  nbf?: number;
  iat?: number;
}

/** Shopify's and Laurel's clocks may differ a little. */
const LEEWAY_SECONDS = 10;

const json = (part: string): unknown => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));

/** The token's claims if it is well formed, signed with `secret`, current and for `apiKey`; else null. */
export function verifySessionToken(
  token: string,
  secret: string,
  apiKey: string,
  now = Date.now(),
): SessionToken | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  let claims: SessionToken;
  try {
    if ((json(header) as { alg?: unknown }).alg !== "HS256") return null;
    claims = json(payload) as SessionToken;
  } catch {
    return null;
  }
  const given = Buffer.from(signature, "base64url");
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const seconds = now / 1000;
  if (typeof claims.exp !== "number" || claims.exp < seconds - LEEWAY_SECONDS) return null;
  if (typeof claims.nbf === "number" && claims.nbf > seconds + LEEWAY_SECONDS) return null;
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(apiKey)) return null;
  return claims;
}
