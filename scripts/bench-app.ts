// What `npm run bench` and its web vitals share: the production build started against the
// emulator with Laurel installed on the bench shop (token exchange, default program, live as in
// the demo), members written in bulk straight into the database, and signed webhook deliveries.
import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { DEMO_CREDENTIALS } from "../emulator/config.ts";
import type { Emulator } from "../emulator/http/server.ts";
import { startAppOnEmulator, type RunningApp } from "../test/app-server.ts";
import { setup as migrate } from "./db.ts";

export const SHOP = "bench.myshopify.com";
export const SECRET = DEMO_CREDENTIALS.apiSecret;
export type Provider = "sqlite" | "postgresql";
const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));

import type { Call } from "./bench-load.ts";

function orderPayload(orderId: number, customerId: number) {
  return JSON.stringify({
    id: orderId,
    admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
    currency: "USD",
    created_at: new Date().toISOString(),
    customer: { id: customerId, admin_graphql_api_id: `gid://shopify/Customer/${customerId}` },
    line_items: [
      {
        id: orderId * 10,
        product_id: 1,
        variant_id: 2,
        quantity: 2,
        price_set: { shop_money: { amount: "24.50" } },
        gift_card: false,
        discount_allocations: [],
      },
    ],
    shipping_lines: [],
    total_tax_set: { shop_money: { amount: "0.00" } },
  });
}

/** A delivery of order `orderId` (customer `customerId`) as Shopify signs it; `eventId` is unique. */
export function signedDelivery(url: string, topic: string, eventId: string, orderId: number, customerId: number): Call {
  const body = orderPayload(orderId, customerId);
  return {
    url,
    init: {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": createHmac("sha256", SECRET).update(body).digest("base64"),
        "X-Shopify-Shop-Domain": SHOP,
        "X-Shopify-API-Version": "2026-10",
        "X-Shopify-Webhook-Id": `w-${eventId}`,
        "X-Shopify-Event-Id": `e-${eventId}`,
        "X-Shopify-Triggered-At": new Date().toISOString(),
      },
    },
  };
}

/** A Prisma client of the generated kind for `provider`, on `databaseUrl`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the generated client is loaded at run time
export function benchClient(databaseUrl: string, provider: Provider): any {
  const { PrismaClient } = requireFromRoot(`./prisma/generated/${provider}`);
  const adapter =
    provider === "sqlite"
      ? new (requireFromRoot("@prisma/adapter-better-sqlite3").PrismaBetterSQLite3)({ url: databaseUrl })
      : new (requireFromRoot("@prisma/adapter-pg").PrismaPg)({ connectionString: databaseUrl });
  return new PrismaClient({ adapter });
}

const FIRST_NAMES = ["Ava", "Ben", "Chloe", "Dmitri", "Elena", "Farah", "Gus", "Hana", "Ivan", "Jade", "Kofi", "Lena"];
const LAST_NAMES = ["Ivanova", "Smith", "Okafor", "Novak", "Tanaka", "Garcia", "Petrov", "Brown", "Kim", "Rossi"];
const DAY_MS = 24 * 60 * 60_000;

/**
 * `count` members of the bench shop, customers 1…count, in batches of 5,000. With `profiles`,
 * each also has a name, an email, a varied balance, dates over the past two years and the
 * ledger entry that gave it its points (as the admin shows them), and ids `bench-member-<n>`.
 */
export async function seedMembers(
  databaseUrl: string,
  provider: Provider,
  count: number,
  options: { profiles?: boolean } = {},
) {
  const db = benchClient(databaseUrl, provider);
  const now = Date.now();
  const balance = (n: number) => 100 + ((n * 7919) % 5_000);
  for (let start = 0; start < count; start += 5_000) {
    const numbers = Array.from({ length: Math.min(5_000, count - start) }, (_, i) => start + i + 1);
    if (!options.profiles) {
      await db.member.createMany({
        data: numbers.map((n) => ({
          shop: SHOP,
          customerId: `gid://shopify/Customer/${n}`,
          available: 100,
          lifetimeEarned: 100,
        })),
      });
      continue;
    }
    await db.member.createMany({
      data: numbers.map((n) => ({
        id: `bench-member-${n}`,
        shop: SHOP,
        customerId: `gid://shopify/Customer/${n}`,
        email: `member${n}@example.com`,
        firstName: FIRST_NAMES[n % FIRST_NAMES.length],
        lastName: LAST_NAMES[n % LAST_NAMES.length],
        enrolledAt: new Date(now - ((n * 13) % 730) * DAY_MS),
        lastActivityAt: new Date(now - ((n * 7) % 365) * DAY_MS),
        available: balance(n),
        lifetimeEarned: balance(n),
      })),
    });
    await db.ledgerEntry.createMany({
      data: numbers.map((n) => ({
        shop: SHOP,
        memberId: `bench-member-${n}`,
        reason: "earn_action",
        key: `bench-seed:${n}`,
        available: balance(n),
        lifetimeEarned: balance(n),
        createdAt: new Date(now - ((n * 7) % 365) * DAY_MS),
      })),
    });
  }
  await db.$disconnect();
}

export interface BenchApp {
  app: RunningApp;
  emulator: Emulator;
  stop(): Promise<void>;
}

/**
 * A migrated database, the emulator and the production build on it, and the bench shop created
 * with Laurel installed. `env` adds to the app's environment (`emulatorUrl` is known by then).
 */
export async function startBenchApp(
  databaseUrl: string,
  env: (emulatorUrl: string) => Record<string, string> = () => ({}),
): Promise<BenchApp> {
  migrate({ quiet: true, databaseUrl });
  const { app, emulator } = await startAppOnEmulator({
    databaseUrl,
    env: (emulatorUrl) => ({ LAUREL_DEMO: "1", ...env(emulatorUrl) }),
  });
  const stop = async () => {
    app.stop();
    await emulator.close();
  };
  const created = await fetch(`${emulator.url}/_emulator/shops`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: "Bench", handle: SHOP.split(".")[0] }),
  });
  if (!((await created.json()) as { appOpened: boolean }).appOpened) {
    const output = app.output();
    await stop();
    throw new Error(`the app did not install:\n${output}`);
  }
  return { app, emulator, stop };
}
