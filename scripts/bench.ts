// `npm run bench`: throughput and latency of Laurel's hottest paths, printed, with 100,000 members
// on SQLite and (when it answers) PostgreSQL, through the production build:
// - signed orders/paid deliveries end to end (HMAC check, exactly-once transaction, earning,
//   ledger, balance, outbox) against the same server answering a verified no-op as the floor:
//   the most it takes (closed loop), and latency at a steady 500 a second (open loop);
// - GET /api/storefront/loyalty as the extensions call it (a shopper's session token), 100
//   clients at a time, against an authenticated no-op as the floor;
// - the UI extensions' bundle sizes, raw and gzip-compressed, against their budgets;
// - the embedded admin's web vitals (LCP, CLS, INP) in Chromium, on SQLite (scripts/bench-vitals.ts).
//   BENCH_MEMBERS (100000)  BENCH_DELIVERIES (4000)  BENCH_CONCURRENCY (32)  BENCH_RATE (500)
//   BENCH_REQUESTS (10000)  BENCH_CLIENTS (100)
//   BENCH_ONLY: sqlite or postgresql, to run just that database's HTTP runs (when profiling)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { Agent } from "undici";
import { DEMO_CREDENTIALS } from "../emulator/config.ts";
import { signHs256 } from "../emulator/auth/jwt.ts";
import { BROWSER_USER_AGENT } from "../emulator/http/server.ts";
import { databaseUrlFor } from "../test/setup/database-urls.ts";
import { SECRET, SHOP, seedMembers, signedDelivery, startBenchApp, type Call } from "./bench-app.ts";
import { benchVitals } from "./bench-vitals.ts";
import { benchDashboard } from "./bench-dashboard.ts";
import { buildExtensions, sizeLine } from "./extensions.ts";
import { LOCAL_POSTGRES, localPostgresAnswers } from "./postgres.ts";
import { ensureShopifySchemas } from "./shopify-schemas.ts";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 4_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const ONLY = process.env.BENCH_ONLY;

interface Result {
  label: string;
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
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

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function send(agent: Agent, call: Call, latencies: number[]): Promise<boolean> {
  const t = performance.now();
  // @ts-expect-error undici's dispatcher option is accepted by Node's fetch
  const response = await fetch(call.url, { ...call.init, dispatcher: agent });
  await response.arrayBuffer();
  latencies.push(performance.now() - t);
  return response.ok;
}

/** Closed loop: `concurrency` clients, each sending its next request when the last one answers. */
async function load(label: string, count: number, concurrency: number, make: (i: number) => Call): Promise<Result> {
  const agent = new Agent({ connections: concurrency, keepAliveTimeout: 10_000 });
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) if (!(await send(agent, make(next++), latencies))) failures += 1;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  latencies.sort((a, b) => a - b);
  return {
    label,
    perSecond: count / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    failures,
  };
}

/** Open loop: requests leave at a steady `rate` a second whatever the answers, as Shopify sends. */
async function paced(label: string, rate: number, seconds: number, make: (i: number) => Call): Promise<Result> {
  const agent = new Agent({ connections: 256, keepAliveTimeout: 10_000 });
  const latencies: number[] = [];
  const count = Math.round(rate * seconds);
  let failures = 0;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      send(agent, make(i), latencies).then((ok) => {
        if (!ok) failures += 1;
      }),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  await agent.close();
  latencies.sort((a, b) => a - b);
  return {
    label,
    perSecond: count / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    failures,
  };
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
      await paced(`${provider}: orders/paid at ${RATE}/s`, RATE, 6, paid(`paced-${provider}`, 50_000_000)),
      await load(`${provider}: storefront no-op (floor)`, REQUESTS, CLIENTS, floorCall),
      await load(`${provider}: GET storefront/loyalty`, REQUESTS, CLIENTS, loyalty),
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
      results.push(...(await run("postgresql", databaseUrlFor(adminUrl, name))));
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

console.log("\n  run                                        per second    p50 ms    p99 ms   failed   vs floor");
for (const r of results) {
  // Each run is compared with its own floor: webhooks with the webhook no-op, storefront calls
  // with the storefront no-op. The paced run offers a fixed rate, so it has no ratio.
  const [provider] = r.label.split(":");
  const kind = /storefront/.test(r.label) ? "storefront" : "webhook";
  const floor = results.find((f) => f.label === `${provider}: ${kind} no-op (floor)`);
  const ratio =
    !floor || r === floor || r.label.endsWith("/s") ? "" : `${((r.perSecond / floor.perSecond) * 100).toFixed(0)} %`;
  console.log(
    `  ${r.label.padEnd(42)} ${r.perSecond.toFixed(0).padStart(10)} ${r.p50.toFixed(1).padStart(9)} ${r.p99.toFixed(1).padStart(9)} ${String(r.failures).padStart(8)}   ${ratio}`,
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
console.log("           GET storefront/loyalty >= 1,000/s at 100 clients with p99 < 30 ms on PostgreSQL (issue 5).");

// Last, the embedded admin in Chromium: web vitals on its own shop of BENCH_MEMBERS members.
await benchVitals();
