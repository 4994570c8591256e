// For integration tests that let the app's own Shopify client talk to "Shopify": an emulator on
// a free port, with every *.myshopify.com request of this process routed to it. It sends no
// webhooks (the tests deliver what they need themselves).
import { routeShopifyTo } from "../app/shopify/outbound.server";
import { ADMIN_API_VERSION } from "../app/shopify/api-version";
import { laurelApp } from "../emulator/config.ts";
import { startEmulator, type Emulator } from "../emulator/http/server.ts";
import { schemaPath } from "../scripts/shopify-schemas.ts";

export async function startRoutedEmulator(): Promise<Emulator> {
  const emulator = await startEmulator({
    app: { ...laurelApp({ appUrl: "http://127.0.0.1:9" }), subscriptions: [] },
    schemaFile: schemaPath("admin"),
    apiVersion: ADMIN_API_VERSION,
    openAppOnInstall: false,
  });
  routeShopifyTo(emulator.url);
  return emulator;
}
