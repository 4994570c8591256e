// The production build wired to an in-process emulator, on its own SQLite database: what the
// end-to-end tests of Laurel against "Shopify" start from.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../app/db.server";
import { ADMIN_API_VERSION } from "../app/shopify/api-version";
import { DEMO_CREDENTIALS, laurelApp } from "../emulator/config.ts";
import { startEmulator, type Emulator } from "../emulator/http/server.ts";
import type { DelivererOptions } from "../emulator/webhooks/deliverer.ts";
import { ensureShopifySchemas, schemaPath } from "../scripts/shopify-schemas.ts";
import { freePort, migratedSqlite, startApp, type RunningApp } from "./app-server";
import { emulatorControl } from "./emulator-control";

export interface EmulatedApp {
  emulator: Emulator;
  app: RunningApp;
  db: ReturnType<typeof createDb>;
  /** Calls the emulator's control API; throws on an error status. */
  control(pathname: string, body?: unknown, method?: string): Promise<any>;
  close(): Promise<void>;
}

export async function startEmulatedApp(
  options: { env?: Record<string, string>; webhooks?: DelivererOptions } = {},
): Promise<EmulatedApp> {
  ensureShopifySchemas();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-emulated-"));
  const databaseUrl = migratedSqlite(path.join(dir, "laurel.sqlite"));
  const db = createDb({ provider: "sqlite", url: databaseUrl });
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const emulator = await startEmulator({
    app: laurelApp({ appUrl }),
    schemaFile: schemaPath("admin"),
    apiVersion: ADMIN_API_VERSION,
    webhooks: options.webhooks ?? { msPerMinute: 5 },
  });
  const app = await startApp(
    {
      NODE_ENV: "production",
      SHOPIFY_API_KEY: DEMO_CREDENTIALS.apiKey,
      SHOPIFY_API_SECRET: DEMO_CREDENTIALS.apiSecret,
      SHOPIFY_APP_URL: appUrl,
      DATABASE_URL: databaseUrl,
      SHOPIFY_EMULATOR_URL: emulator.url,
      ...options.env,
    },
    port,
  );
  return {
    emulator,
    app,
    db,
    control: emulatorControl(emulator.url),
    async close() {
      app.stop();
      await emulator.close();
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
