// Session tokens as Shopify mints them (HS256, signed with the app's secret), and the OAuth
// token exchange that trades an admin session token for an access token.
import { randomUUID } from "node:crypto";
import type { Store } from "../state/store.ts";
import type { AppConfig, ShopRecord } from "../state/types.ts";
import { JwtError, signHs256, verifyHs256 } from "./jwt.ts";

export type TokenKind = "admin" | "checkout" | "customer-account";

/** The staff member the emulator's admin sessions belong to. */
export const DEMO_STAFF = {
  id: 5550001,
  first_name: "Demo",
  last_name: "Merchant",
  email: "merchant@laurel.example",
  account_owner: true,
  locale: "en",
  collaborator: false,
  email_verified: true,
};

/** Shopify's lifetimes: one minute in the admin, five minutes for extensions. */
const LIFETIME = { admin: 60, checkout: 300, "customer-account": 300 } as const;

export function mintSessionToken(
  app: AppConfig,
  shop: ShopRecord,
  kind: TokenKind,
  options: { customerId?: number; expiresIn?: number; now?: number } = {},
): string {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const admin = kind === "admin";
  return signHs256(
    {
      iss: `https://${shop.domain}${admin ? "/admin" : ""}`,
      // The admin's token names the shop by URL; extension tokens name it by domain.
      dest: admin ? `https://${shop.domain}` : shop.domain,
      aud: app.apiKey,
      ...(admin
        ? { sub: String(DEMO_STAFF.id) }
        : options.customerId
          ? { sub: `gid://shopify/Customer/${options.customerId}` }
          : {}),
      exp: iat + (options.expiresIn ?? LIFETIME[kind]),
      nbf: iat,
      iat,
      jti: randomUUID(),
      sid: randomUUID(),
    },
    app.apiSecret,
  );
}

const GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ONLINE = "urn:shopify:params:oauth:token-type:online-access-token";

export interface OAuthResult {
  status: number;
  body: Record<string, unknown>;
}

const oauthError = (status: number, error: string, description: string): OAuthResult => ({
  status,
  body: { error, error_description: description },
});

/** POST /admin/oauth/access_token with the token-exchange grant. */
export function exchangeToken(store: Store, shop: ShopRecord, params: Record<string, string | undefined>): OAuthResult {
  const { app } = store;
  if (params.client_id !== app.apiKey || params.client_secret !== app.apiSecret) {
    return oauthError(401, "invalid_client", "Client authentication failed");
  }
  if (params.grant_type !== GRANT) return oauthError(400, "unsupported_grant_type", `grant_type must be ${GRANT}`);
  if (params.subject_token_type !== ID_TOKEN) {
    return oauthError(400, "invalid_request", `subject_token_type must be ${ID_TOKEN}`);
  }
  let claims: Record<string, unknown>;
  try {
    claims = verifyHs256(params.subject_token ?? "", app.apiSecret);
  } catch (error) {
    return oauthError(400, "invalid_subject_token", (error as JwtError).message);
  }
  if (claims.aud !== app.apiKey || claims.dest !== `https://${shop.domain}`) {
    return oauthError(400, "invalid_subject_token", "The session token is not for this app and shop");
  }
  const requested = params.requested_token_type ?? OFFLINE;
  if (requested !== OFFLINE && requested !== ONLINE) {
    return oauthError(400, "invalid_request", "requested_token_type is not supported");
  }
  // Shopify-managed installation: opening the app from the admin installs it if needed.
  const installation = store.installation(shop) ?? store.install(shop);
  const scope = installation.scopes.join(",");
  if (requested === OFFLINE) return { status: 200, body: { access_token: installation.accessToken, scope } };
  return {
    status: 200,
    body: {
      access_token: `${installation.accessToken}-online-${DEMO_STAFF.id}`,
      scope,
      expires_in: 86399,
      associated_user_scope: scope,
      associated_user: DEMO_STAFF,
    },
  };
}
