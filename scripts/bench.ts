// `npm run bench`: throughput and latency of Laurel's hottest paths, printed, with 100,000 members
// on SQLite and (when it answers) PostgreSQL, through the production build:
// - signed orders/paid deliveries end to end (HMAC check, exactly-once transaction, earning,
//   ledger, balance, outbox) against the same server answering a verified no-op as the floor:
//   the most it takes (closed loop), and latency at a steady 500 a second (open loop);
// - GET /api/storefront/loyalty as the extensions call it (a shopper's session token), 100
//   clients at a time, against an authenticated no-op as the floor, and at a steady 1,000 a
//   second from 100 clients (open loop);
// - the UI extensions' bundle sizes, raw and gzip-compressed, against their budgets;
// - the embedded admin's web vitals (LCP, CLS, INP) in Chromium, on SQLite (scripts/bench-vitals.ts).
//   BENCH_MEMBERS (100000)  BENCH_DELIVERIES (4000)  BENCH_CONCURRENCY (32)  BENCH_RATE (500)  BENCH_PACED_SECONDS (10)
//   BENCH_REQUESTS (10000)  BENCH_CLIENTS (100)  BENCH_STOREFRONT_RATE (1000)
//   BENCH_ONLY: sqlite or postgresql, to run just that database's HTTP runs (when profiling)
//   BENCH_PG_TCP=1: reach PostgreSQL over TCP even where its local socket is there
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { DEMO_CREDENTIALS } from "../emulator/config.ts";
import { signHs256 } from "../emulator/auth/jwt.ts";
import { BROWSER_USER_AGENT } from "../emulator/http/server.ts";
import { databaseUrlFor } from "../test/setup/database-urls.ts";
import { SECRET, SHOP, seedMembers, signedDelivery, startBenchApp } from "./bench-app.ts";
import { benchVitals } from "./bench-vitals.ts";
import { benchDashboard } from "./bench-dashboard.ts";
import { buildExtensions, sizeLine } from "./extensions.ts";
import { measure, percentile, type Call, type Measured } from "./bench-load.ts";
import { LOCAL_POSTGRES, localPostgresAnswers, overLocalSocket } from "./postgres.ts";
import { ensureShopifySchemas } from "./shopify-schemas.ts";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 4_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 10);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const STOREFRONT_RATE = Number(process.env.BENCH_STOREFRONT_RATE ?? 1_000);
const ONLY = process.env.BENCH_ONLY;

interface Result {
  label: string;
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
  /** Machine CPU (all processes: client, app, database) per request, in ms: steadier than rates. */
  cpuMs: number;
}

/** Busy CPU time of the whole machine so far, in ms (Linux /proc/stat; 0 elsewhere). */
function machineBusyMs(): number {
  try {
    const [, ...fields] = fs.readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/);
    const ticks = fields.map(Number);
    const idle = ticks[3]! + ticks[4]!;
    return ((ticks.slice(0, 8).reduce((a, b) => a + b, 0) - idle) * 1000) / 100;
  } catch {
    return 0;
  }
}

function delivery(url: string, topic: string, label: string, i: number, offset: number): Call {
  return signedDelivery(url, topic, `${label}-${i}`, offset + i + 1, ((i * 7919) % MEMBERS) + 1);
}

/** A checkout extension's request: a shopper's session token, from a browser. */
function storefrontCall(url: string, i: number): Call {
  const now = Math.floor(Date.now() / 1000);
  const customer = ((i * 7919) % MEMBERS) + 1;
  const token = signHs256(
    {
      iss: `https://${SHOP}`,
      dest: SHOP,
      aud: DEMO_CREDENTIALS.apiKey,
      sub: `gid://shopify/Customer/${customer}`,
      exp: now + 300,
      nbf: now,
      iat: now,
      jti: `j${i}`,
      sid: `s${i}`,
    },
    SECRET,
  );
  return { url, init: { headers: { Authorization: `Bearer ${token}`, "User-Agent": BROWSER_USER_AGENT } } };
}

// Both loops sign every request before the clock starts and send from a worker thread
// (bench-load.ts): the load generator shares the machine's two cores with the app and the
// database, and should neither spend them nor stall on this process's heap.

function result(label: string, measured: Measured, busyBefore: number): Result {
  const count = measured.latencies.length;
  return {
    label,
    perSecond: count / measured.seconds,
    p50: percentile(measured.latencies, 0.5),
    p99: percentile(measured.latencies, 0.99),
    failures: measured.failures,
    cpuMs: (machineBusyMs() - busyBefore) / count,
  };
}

/** Closed loop: `concurrency` clients, each sending its next request when the last one answers. */
async function load(label: string, count: number, concurrency: number, make: (i: number) => Call): Promise<Result> {
  const calls = Array.from({ length: count }, (_, i) => make(i));
  const busy = machineBusyMs();
  return result(label, await measure({ mode: "closed", calls, concurrency }), busy);
}

/** Open loop: requests leave at a steady `rate` a second whatever the answers, as Shopify sends. */
async function paced(
  label: string,
  rate: number,
  seconds: number,
  make: (i: number) => Call,
  connections = 256,
): Promise<Result> {
  const calls = Array.from({ length: Math.round(rate * seconds) }, (_, i) => make(i));
  const busy = machineBusyMs();
  return result(label, await measure({ mode: "paced", calls, rate, connections }), busy);
}

async function run(provider: "sqlite" | "postgresql", databaseUrl: string): Promise<Result[]> {
  // Laurel installs itself on a shop the usual way; its members then arrive in bulk.
  const { app, stop } = await startBenchApp(databaseUrl, () => ({
    JOBS_WORKER: "off",
    BENCH_FLOOR_ROUTE: "on",
    // e.g. BENCH_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the app under load
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
  }));
  try {
    const began = Date.now();
    await seedMembers(databaseUrl, provider, MEMBERS);
    console.log(
      `  ${provider}: ${MEMBERS.toLocaleString("en")} members seeded in ${((Date.now() - began) / 1000).toFixed(1)} s`,
    );
    // Warm up every path, then measure.
    const noop = (label: string, offset: number) => (i: number) =>
      delivery(`${app.url}/webhooks/noop`, "orders/paid", label, i, offset);
    const paid = (label: string, offset: number) => (i: number) =>
      delivery(`${app.url}/webhooks/orders/paid`, "orders/paid", label, i, offset);
    const loyalty = (i: number) => storefrontCall(`${app.url}/api/storefront/loyalty`, i);
    const floorCall = (i: number) => storefrontCall(`${app.url}/api/storefront/noop`, i);
    await load("warm", DELIVERIES, CONCURRENCY, noop(`warm-noop-${provider}`, 10_000_000));
    await load("warm", DELIVERIES, CONCURRENCY, paid(`warm-${provider}`, 20_000_000));
    await load("warm", 1_000, CLIENTS, loyalty);
    const results = [
      await load(`${provider}: webhook no-op (floor)`, DELIVERIES, CONCURRENCY, noop(`floor-${provider}`, 30_000_000)),
      await load(`${provider}: orders/paid, most`, DELIVERIES, CONCURRENCY, paid(`paid-${provider}`, 40_000_000)),
      await paced(`${provider}: orders/paid at ${RATE}/s`, RATE, PACED_SECONDS, paid(`paced-${provider}`, 50_000_000)),
      await load(`${provider}: storefront no-op (floor)`, REQUESTS, CLIENTS, floorCall),
      await load(`${provider}: GET storefront/loyalty`, REQUESTS, CLIENTS, loyalty),
      // Issue 5's target: 100 clients together asking 1,000 times a second. (Closed loop, 100
      // clients can't see p99 < 30 ms below 3,333 answers a second: Little's law.)
      await paced(
        `${provider}: GET storefront/loyalty at ${STOREFRONT_RATE}/s`,
        STOREFRONT_RATE,
        PACED_SECONDS,
        (i) => loyalty(i + 500_000),
        CLIENTS,
      ),
    ];
    return results;
  } finally {
    await stop();
  }
}

ensureShopifySchemas();
const build = spawnSync("npx", ["remix", "vite:build"], { encoding: "utf8" });
if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);
console.log(
  `Laurel benchmark: ${DELIVERIES} signed orders/paid deliveries, ${CONCURRENCY} at a time, ${os.cpus().length} cores`,
);

const results: Result[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-bench-"));
try {
  if (ONLY !== "postgresql") results.push(...(await run("sqlite", `file:${path.join(dir, "bench.sqlite")}`)));
  const adminUrl = process.env.TEST_DATABASE_URL ?? LOCAL_POSTGRES;
  if (ONLY === "sqlite") {
    // Asked for SQLite alone.
  } else if (process.env.TEST_DATABASE_URL || (await localPostgresAnswers())) {
    const name = `laurel_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const direct = databaseUrlFor(adminUrl, name);
      const { url, transport } = process.env.BENCH_PG_TCP ? { url: direct, transport: "tcp" } : overLocalSocket(direct);
      console.log(`  postgresql: the app connects through ${transport}`);
      results.push(...(await run("postgresql", url)));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  } else {
    console.log("  postgresql: not answering on 127.0.0.1:5432, skipped");
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(
  "\n  run                                        per second    p50 ms    p99 ms   failed   vs floor   CPU ms/req",
);
for (const r of results) {
  // Each run is compared with its own floor: webhooks with the webhook no-op, storefront calls
  // with the storefront no-op. The paced run offers a fixed rate, so it has no ratio.
  const [provider] = r.label.split(":");
  const kind = /storefront/.test(r.label) ? "storefront" : "webhook";
  const floor = results.find((f) => f.label === `${provider}: ${kind} no-op (floor)`);
  const ratio =
    !floor || r === floor || r.label.endsWith("/s") ? "" : `${((r.perSecond / floor.perSecond) * 100).toFixed(0)} %`;
  console.log(
    `  ${r.label.padEnd(42)} ${r.perSecond.toFixed(0).padStart(10)} ${r.p50.toFixed(1).padStart(9)} ${r.p99.toFixed(1).padStart(9)} ${String(r.failures).padStart(8)}   ${ratio.padEnd(8)} ${r.cpuMs.toFixed(2).padStart(10)}`,
  );
}
if (ONLY) process.exit(0);
console.log("\n  UI extension bundles (Shopify's limits: 64 KB checkout, 128 KB full page, compressed)");
for (const bundle of await buildExtensions()) console.log(`  ${sizeLine(bundle)}`);

console.log("\n  Home dashboard at 100k members and 1M ledger entries (PostgreSQL; scripts/bench-dashboard.ts)");
if (process.env.TEST_DATABASE_URL || (await localPostgresAnswers())) {
  await benchDashboard(process.env.TEST_DATABASE_URL ?? LOCAL_POSTGRES);
} else {
  console.log("  dashboard: PostgreSQL not answering on 127.0.0.1:5432, skipped");
}

console.log("\n  Targets: orders/paid >= 500/s on PostgreSQL with p99 < 50 ms (issue 4);");
console.log("           GET storefront/loyalty at 1,000/s from 100 clients with p99 < 30 ms on PostgreSQL (issue 5).");

// Last, the embedded admin in Chromium: web vitals on its own shop of BENCH_MEMBERS members.
await benchVitals();
