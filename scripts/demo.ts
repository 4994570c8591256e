// `npm run demo`: Laurel on a seeded development store, with no Shopify account.
// Starts the Shopify emulator and the app (Vite dev server, fresh SQLite database), creates a demo
// shop with products, customers and a few months of orders, installs the app on it, and prints
// the URL to open. Ctrl-C stops everything.
//   PORT (3000)  EMULATOR_PORT (8090)  DATABASE_URL (file:./prisma/demo.sqlite)
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ADMIN_API_VERSION } from "../app/shopify/api-version.ts";
import { DEMO_CREDENTIALS, laurelApp } from "../emulator/config.ts";
import { startEmulator } from "../emulator/http/server.ts";
import { seedDemoShop } from "../emulator/seed.ts";
import { setup } from "./db.ts";
import { ensureShopifySchemas, schemaPath } from "./shopify-schemas.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 3000);
const appUrl = `http://localhost:${port}`;
const databaseUrl = process.env.DATABASE_URL ?? "file:./prisma/demo.sqlite";

// A fresh database each run: the emulator's shop is new each run too, and stale tokens from a
// previous run would only confuse.
if (databaseUrl.startsWith("file:")) fs.rmSync(path.resolve(root, databaseUrl.slice("file:".length)), { force: true });
setup({ quiet: true, databaseUrl });
ensureShopifySchemas();

const emulator = await startEmulator({
  app: laurelApp({ appUrl }),
  schemaFile: schemaPath("admin"),
  apiVersion: ADMIN_API_VERSION,
  port: Number(process.env.EMULATOR_PORT ?? 8090),
});

const app = spawn(
  path.join(root, "node_modules", ".bin", "remix"),
  ["vite:dev", "--port", String(port), "--strictPort", "--host", "127.0.0.1"],
  {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "development",
      SHOPIFY_API_KEY: DEMO_CREDENTIALS.apiKey,
      SHOPIFY_API_SECRET: DEMO_CREDENTIALS.apiSecret,
      SHOPIFY_APP_URL: appUrl,
      DATABASE_URL: databaseUrl,
      SHOPIFY_EMULATOR_URL: emulator.url,
      APP_BRIDGE_URL: `${emulator.url}/cdn/app-bridge.js`,
      LAUREL_DEMO: "1",
    },
    stdio: ["ignore", "inherit", "inherit"],
  },
);

let stopping = false;
const stop = async (code = 0) => {
  if (stopping) return;
  stopping = true;
  app.kill("SIGTERM");
  await emulator.close();
  process.exit(code);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
app.on("exit", (code) => void stop(code ?? 0));

async function appAnswers() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${appUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the app did not start");
}

await appAnswers();
const created = await fetch(`${emulator.url}/_emulator/shops`, {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ name: "Laurel Demo Store", handle: "laurel-demo" }),
});
const { shop } = (await created.json()) as { shop: { domain: string } };
const seeded = seedDemoShop(emulator.store, emulator.store.shop(shop.domain));
const host = Buffer.from(`admin.shopify.com/store/laurel-demo`).toString("base64url");
// The extensions preview (docs/emulator.md), as the seeded shop's first customer sees it.
const member = emulator.store.shop(shop.domain).customers.keys().next().value;
const preview = (page: string) =>
  `${emulator.url}/_emulator/preview/${shop.domain}/${page}?customer=${member ?? "none"}`;

console.log(`
Laurel demo is running (database: ${databaseUrl}).
  Demo shop:  ${shop.domain} with ${seeded.products} products, ${seeded.customers} customers, ${seeded.orders} orders
  Emulator:   ${emulator.url} (control API: ${emulator.url}/_emulator, see docs/emulator.md)

  Open ${appUrl}/app?shop=${shop.domain}&host=${host}&embedded=1

  Extensions preview (checkout and customer account, any customer, English or Russian):
    ${preview("checkout")}
    ${preview("account")}

Press Ctrl-C to stop.
`);
