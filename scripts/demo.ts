// `npm run demo`: Laurel on a local SQLite database with demo credentials, no Shopify account.
//
// For now this starts the app alone: the health check and the login page work, and the embedded
// admin needs Shopify's admin around it. The local Shopify emulator (next milestone) will add a
// demo shop, customers and orders, and open the admin in an ordinary browser.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setup } from "./db.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 3000);
const appUrl = `http://localhost:${port}`;

// The demo's own configuration; a real deployment sets these (README: Configuration).
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "development",
  SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? "laurel-demo-api-key",
  SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET ?? "laurel-demo-api-secret",
  SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL ?? appUrl,
  DATABASE_URL: process.env.DATABASE_URL ?? "file:./prisma/demo.sqlite",
};

setup({ quiet: true, databaseUrl: env.DATABASE_URL });

const app = spawn(
  path.join(root, "node_modules", ".bin", "remix"),
  ["vite:dev", "--port", String(port), "--strictPort"],
  {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  },
);

console.log(`
Laurel demo (SQLite: ${env.DATABASE_URL})
  Health check: ${appUrl}/healthz
  Login page:   ${appUrl}/auth/login
The embedded admin needs a shop around it; the local Shopify emulator that provides one is the
next milestone. Press Ctrl-C to stop.
`);

const stop = () => app.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
app.on("exit", (code) => process.exit(code ?? 0));
