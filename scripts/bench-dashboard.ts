// The home dashboard at scale, on PostgreSQL: a shop with 100,000 members, 1,000,000 ledger
// entries, 200,000 orders and 50,000 codes over 400 days, written by the database itself
// (generate_series), then the rollup job's first (full) and an incremental run, and the
// dashboard's data read (everything the home loader reads for it) 50 times per period: p50/p99.
// Run alone with `node scripts/bench-dashboard.ts`; `npm run bench` runs it too.
//   BENCH_DASH_MEMBERS (100000)  BENCH_DASH_ENTRIES (1000000)  BENCH_DASH_READS (50)
import pg from "pg";
import { createServer } from "vite";
import { databaseUrlFor } from "../test/setup/database-urls.ts";
import { percentile } from "./bench-load.ts";
import { setup as migrate } from "./db.ts";
import { LOCAL_POSTGRES, localPostgresAnswers } from "./postgres.ts";

const MEMBERS = Number(process.env.BENCH_DASH_MEMBERS ?? 100_000);
const ENTRIES = Number(process.env.BENCH_DASH_ENTRIES ?? 1_000_000);
const ORDERS = Math.round(ENTRIES / 5);
const CODES = Math.round(ENTRIES / 20);
const READS = Number(process.env.BENCH_DASH_READS ?? 50);
const SHOP = "bench-dashboard.myshopify.com";

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The shop's history, spread over the last 400 days (so a year's view is full). */
async function seed(client: pg.Client) {
  const days = (n: string) =>
    `now() AT TIME ZONE 'UTC' - ((${n}) % 400) * interval '1 day' - ((${n}) % 86400) * interval '1 second'`;
  await client.query(
    `INSERT INTO "Member" ("id", "shop", "customerId", "enrolledAt", "available", "pending", "lifetimeEarned")
     SELECT 'm' || g, $1, 'gid://shopify/Customer/' || g, ${days("g * 7")}, 100 + g % 5000, g % 3 * 50, 100 + g % 5000
     FROM generate_series(1, $2::int) g`,
    [SHOP, MEMBERS],
  );
  // Mostly earning, then settling, redeeming, expiring and adjusting, as a live program's ledger reads.
  await client.query(
    `INSERT INTO "LedgerEntry" ("id", "shop", "memberId", "reason", "key", "available", "pending", "held",
       "lifetimeEarned", "lifetimeRedeemed", "createdAt")
     SELECT 'e' || g, $1, 'm' || (g % $3::int + 1), r.reason, 'k' || g, r.available, r.pending, 0, r.earned, r.redeemed,
       ${days("g")}
     FROM generate_series(1, $2::int) g, LATERAL (SELECT
       (ARRAY['earn_purchase','earn_purchase','earn_purchase','earn_action','settle','settle','redeem','expiry',
              'manual_adjustment','refund_reversal'])[g % 10 + 1] AS reason) k,
     LATERAL (SELECT k.reason,
       CASE k.reason WHEN 'settle' THEN 120 WHEN 'earn_action' THEN 50 WHEN 'expiry' THEN -30
         WHEN 'manual_adjustment' THEN 25 WHEN 'refund_reversal' THEN -20 ELSE 0 END AS available,
       CASE k.reason WHEN 'earn_purchase' THEN 120 WHEN 'settle' THEN -120 ELSE 0 END AS pending,
       CASE k.reason WHEN 'earn_purchase' THEN 120 WHEN 'earn_action' THEN 50 WHEN 'manual_adjustment' THEN 25
         WHEN 'refund_reversal' THEN -20 ELSE 0 END AS earned,
       CASE k.reason WHEN 'redeem' THEN 500 ELSE 0 END AS redeemed) r`,
    [SHOP, ENTRIES, MEMBERS],
  );
  // Orders: seven in ten from members (they earned), the rest from other customers and guests.
  await client.query(
    `INSERT INTO "LoyaltyOrder" ("id", "shop", "orderId", "customerId", "memberId", "placedAt", "currency", "total",
       "state", "createdAt", "updatedAt")
     SELECT 'o' || g, $1, 'gid://shopify/Order/' || g,
       CASE WHEN g % 10 < 9 THEN 'gid://shopify/Customer/' || (g % ($3::int * 2) + 1) END,
       CASE WHEN g % 10 < 7 AND g % ($3::int * 2) < $3::int THEN 'm' || (g % ($3::int * 2) + 1) END,
       ${days("g * 3")}, 'USD', 1000 + g % 20000,
       '{"orderId":"gid://shopify/Order/' || g || '","paid":true,"cancelled":' || (g % 50 = 0)::text || '}',
       ${days("g * 3")}, ${days("g * 3")}
     FROM generate_series(1, $2::int) g`,
    [SHOP, ORDERS, MEMBERS],
  );
  const { rows } = await client.query(`SELECT "id" FROM "Reward" WHERE "shop" = $1 ORDER BY "position"`, [SHOP]);
  await client.query(
    `INSERT INTO "Redemption" ("id", "shop", "memberId", "rewardId", "idempotencyKey", "code", "points", "discount",
       "title", "status", "endsAt", "usedAt", "usedOrderId", "createdAt", "updatedAt")
     SELECT 'r' || g, $1, 'm' || (g % $3::int + 1), ($4::text[])[g % cardinality($4::text[]) + 1], 'i' || g,
       'LAUREL-' || g, 500, '{}', 'Reward', 'issued', ${days("g * 11")} + interval '30 days',
       CASE WHEN g % 2 = 0 THEN ${days("g * 11")} END,
       CASE WHEN g % 2 = 0 THEN 'gid://shopify/Order/' || g END,
       ${days("g * 11")}, ${days("g * 11")}
     FROM generate_series(1, $2::int) g`,
    [SHOP, CODES, MEMBERS, rows.map((r: { id: string }) => r.id)],
  );
  await client.query("ANALYZE");
}

export async function benchDashboard(adminUrl: string): Promise<void> {
  const name = `laurel_bench_dashboard_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const databaseUrl = databaseUrlFor(adminUrl, name);
  const client = new pg.Client({ connectionString: databaseUrl });
  // Laurel's own modules, loaded as the app loads them, on this database.
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? "bench",
    SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET ?? "bench",
    SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL ?? "https://bench.example",
    JOBS_WORKER: "off",
  });
  const vite = await createServer({
    configFile: false,
    logLevel: "error",
    appType: "custom",
    server: { middlewareMode: true, hmr: false, watch: null },
  });
  try {
    migrate({ quiet: true, databaseUrl });
    await client.connect();
    const { transaction } = await vite.ssrLoadModule("/app/db/sql.server.ts");
    const { default: db } = await vite.ssrLoadModule("/app/db.server.ts");
    const { ensureProgram } = await vite.ssrLoadModule("/app/points/program.server.ts");
    const { rollupShop } = await vite.ssrLoadModule("/app/stats/rollup.server.ts");
    const { dashboardData } = await vite.ssrLoadModule("/app/stats/dashboard.server.ts");
    await transaction(db, (tx: unknown) => ensureProgram(tx, SHOP, "USD", true));

    let began = performance.now();
    await seed(client);
    console.log(
      `  dashboard: ${MEMBERS.toLocaleString("en")} members, ${ENTRIES.toLocaleString("en")} ledger entries, ` +
        `${ORDERS.toLocaleString("en")} orders, ${CODES.toLocaleString("en")} codes seeded in ${seconds(performance.now() - began)}`,
    );

    began = performance.now();
    const full = await rollupShop(SHOP);
    console.log(`  dashboard: rollup, first run (${full.days} days) ${seconds(performance.now() - began)}`);
    // A minute's worth of new activity, then the scheduled run.
    await client.query(
      `INSERT INTO "LedgerEntry" ("id", "shop", "memberId", "reason", "key", "available", "lifetimeEarned", "createdAt")
       SELECT 'n' || g, $1, 'm' || g, 'earn_action', 'n' || g, 50, 50, now() AT TIME ZONE 'UTC' FROM generate_series(1, 500) g`,
      [SHOP],
    );
    began = performance.now();
    const incremental = await rollupShop(SHOP);
    console.log(
      `  dashboard: rollup, incremental run (${incremental.days} day) ${(performance.now() - began).toFixed(0)} ms`,
    );

    console.log("\n  dashboard data read        p50 ms    p99 ms");
    for (const period of [30, 90, 365]) {
      await dashboardData(SHOP, period);
      const latencies: number[] = [];
      for (let i = 0; i < READS; i++) {
        const t = performance.now();
        await dashboardData(SHOP, period);
        latencies.push(performance.now() - t);
      }
      latencies.sort((a, b) => a - b);
      console.log(
        `  ${`${period} days`.padEnd(24)} ${percentile(latencies, 0.5).toFixed(1).padStart(9)} ${percentile(latencies, 0.99).toFixed(1).padStart(9)}`,
      );
    }
    await db.$disconnect();
  } finally {
    await vite.close();
    await client.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const adminUrl = process.env.TEST_DATABASE_URL ?? LOCAL_POSTGRES;
  if (process.env.TEST_DATABASE_URL || (await localPostgresAnswers())) await benchDashboard(adminUrl);
  else console.log("  dashboard: PostgreSQL not answering on 127.0.0.1:5432, skipped");
}
