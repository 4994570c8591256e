// The one place that configures Shopify. Routes import only what is re-exported here.
import { enqueue } from "./jobs/queue.server";
import { SYNC_TIER_DISCOUNTS } from "./tiers/ladder.server";
import { transaction } from "./db/sql.server";
import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import db from "./db.server";
import { env } from "./env.server";
import { ADMIN_API_VERSION } from "./shopify/api-version";
import { routeShopifyTo } from "./shopify/outbound.server";
import { createSessionStorage } from "./shopify/session-storage.server";
import { enqueueCatalogSync } from "./points/catalog.server";
import { ensureProgram } from "./points/program.server";
import { ensureMetafieldDefinitions } from "./points/sync.server";
import { readShopBasics } from "./shopify/shop.server";
import { recordInstall } from "./shops.server";

routeShopifyTo(env.SHOPIFY_EMULATOR_URL);

const apiVersion = Object.values(ApiVersion).find((version) => version === ADMIN_API_VERSION);
if (!apiVersion) throw new Error(`@shopify/shopify-api does not know API version ${ADMIN_API_VERSION}`);

const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion,
  scopes: env.SCOPES?.split(",").map((scope) => scope.trim()),
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: createSessionStorage(db),
  distribution: AppDistribution.AppStore,
  // Embedded auth by token exchange: Shopify installs the app (scopes from shopify.app.toml) and
  // the app trades the admin's session token for an offline access token.
  future: { unstable_newEmbeddedAuthStrategy: true },
  hooks: {
    // After an install (or reinstall): record the shop and give it the default program.
    afterAuth: async ({ session, admin }) => {
      await recordInstall(db, session.shop);
      const { currency } = await readShopBasics(admin);
      await transaction(db, async (tx) => {
        await ensureProgram(tx, session.shop, currency, env.LAUREL_DEMO);
        await enqueueCatalogSync(tx, session.shop);
        // A reinstall renews the tier discounts' lease at once (they lapse 48 h after an uninstall).
        await enqueue(tx, { shop: session.shop, kind: SYNC_TIER_DISCOUNTS, key: session.shop, payload: {} });
      });
      await ensureMetafieldDefinitions(admin);
    },
  },
  ...(env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [env.SHOP_CUSTOM_DOMAIN] } : {}),
});

export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;
