// `npm run emulator`: a local Shopify for Laurel. See docs/emulator.md.
//   EMULATOR_PORT (8090)  SHOPIFY_APP_URL (http://localhost:3000)  SHOPIFY_API_KEY / SHOPIFY_API_SECRET
import { ensureShopifySchemas, schemaPath } from "../scripts/shopify-schemas.ts";
import { ADMIN_API_VERSION } from "../app/shopify/api-version.ts";
import { DEMO_CREDENTIALS, laurelApp } from "./config.ts";
import { startEmulator } from "./http/server.ts";

ensureShopifySchemas();
const emulator = await startEmulator({
  app: laurelApp({
    appUrl: process.env.SHOPIFY_APP_URL ?? "http://localhost:3000",
    apiKey: process.env.SHOPIFY_API_KEY ?? DEMO_CREDENTIALS.apiKey,
    apiSecret: process.env.SHOPIFY_API_SECRET ?? DEMO_CREDENTIALS.apiSecret,
  }),
  schemaFile: schemaPath("admin"),
  apiVersion: ADMIN_API_VERSION,
  port: Number(process.env.EMULATOR_PORT ?? 8090),
});
console.log(`Shopify emulator listening on ${emulator.url} (control API: ${emulator.url}/_emulator)`);

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
