import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signHs256 } from "../../emulator/auth/jwt.ts";
import { verifySessionToken } from "./session-token";

const SECRET = "app-secret";
const KEY = "app-key";
const now = Date.parse("2026-11-24T12:00:00Z");
const seconds = now / 1000;
const claims = { iss: "https://a.myshopify.com", dest: "a.myshopify.com", aud: KEY, sub: "gid://shopify/Customer/1" };
const token = (extra: Record<string, unknown> = {}, secret = SECRET) =>
  signHs256({ ...claims, exp: seconds + 300, nbf: seconds - 1, iat: seconds - 1, ...extra }, secret);

describe("verifySessionToken", () => {
  it("accepts a current token signed with the app secret for this app", () => {
    expect(verifySessionToken(token(), SECRET, KEY, now)).toMatchObject(claims);
  });

  it.each([
    ["signed with another secret", () => token({}, "other-secret")],
    ["expired", () => token({ exp: seconds - 60 })],
    ["not valid yet", () => token({ nbf: seconds + 60 })],
    ["for another app", () => token({ aud: "other-app" })],
    ["without an expiry", () => token({ exp: undefined })],
    ["malformed", () => "not.a-token"],
    [
      "with its payload changed",
      () => {
        const [h, , s] = token().split(".");
        return `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: "gid://shopify/Customer/2", exp: seconds + 300 })).toString("base64url")}.${s}`;
      },
    ],
    [
      "unsigned (alg none)",
      () => {
        const h = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
        const p = Buffer.from(JSON.stringify({ ...claims, exp: seconds + 300 })).toString("base64url");
        return `${h}.${p}.`;
      },
    ],
    [
      "signed with another algorithm's header",
      () => {
        const h = Buffer.from(JSON.stringify({ alg: "HS512", typ: "JWT" })).toString("base64url");
        const p = Buffer.from(JSON.stringify({ ...claims, exp: seconds + 300 })).toString("base64url");
        return `${h}.${p}.${createHmac("sha256", SECRET).update(`${h}.${p}`).digest("base64url")}`;
      },
    ],
  ])("refuses a token %s", (_label, make) => {
    expect(verifySessionToken(make(), SECRET, KEY, now)).toBeNull();
  });

  it("allows a few seconds of clock difference", () => {
    expect(verifySessionToken(token({ exp: seconds - 5 }), SECRET, KEY, now)).not.toBeNull();
  });
});
