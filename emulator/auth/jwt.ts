// HS256 JSON Web Tokens, as Shopify signs session tokens (with the app's secret).
import { createHmac, timingSafeEqual } from "node:crypto";

const base64url = (input: Buffer | string) => Buffer.from(input).toString("base64url");

export function signHs256(payload: Record<string, unknown>, secret: string): string {
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac("sha256", secret).update(`${header}.${body}`).digest("base64url");
  return `${header}.${body}.${signature}`;
}

export class JwtError extends Error {}

/** Verifies signature and time claims; returns the payload. */
export function verifyHs256(token: string, secret: string, now = Date.now()): Record<string, unknown> {
  const [header, body, signature] = token.split(".");
  if (!header || !body || !signature) throw new JwtError("malformed token");
  const expected = createHmac("sha256", secret).update(`${header}.${body}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new JwtError("bad signature");
  const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
  const seconds = Math.floor(now / 1000);
  if (typeof payload.exp === "number" && payload.exp < seconds) throw new JwtError("token expired");
  if (typeof payload.nbf === "number" && payload.nbf > seconds + 5) throw new JwtError("token not yet valid");
  return payload;
}
