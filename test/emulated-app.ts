// The production build wired to an in-process emulator, on its own SQLite database: what the
// end-to-end tests of Laurel against "Shopify" start from.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../app/db.server";
import type { Emulator } from "../emulator/http/server.ts";
import type { DelivererOptions } from "../emulator/webhooks/deliverer.ts";
import { ensureShopifySchemas } from "../scripts/shopify-schemas.ts";
import { migratedSqlite, startAppOnEmulator, type RunningApp } from "./app-server";
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
  const { app, emulator } = await startAppOnEmulator({
    databaseUrl,
    env: () => options.env ?? {},
    webhooks: options.webhooks ?? { msPerMinute: 5 },
  });
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
