// A large import end to end, timed: the dry run (within one request) and the apply (worker turns,
// 500 rows a batch). CI runs 3,000 rows (several batches and turns); for the acceptance size:
// IMPORT_ROWS=100000 npx vitest run --project sqlite|postgresql app/admin/import-scale
import { describe, expect, it } from "vitest";
import db from "../db.server";
import { runDueJobs } from "../jobs/worker.server";
import { SYNC_MEMBER } from "../points/ledger.server";
import { applyImport, IMPORT_BALANCES, importRun, previewImport, runImportBalances } from "./import.server";

const ROWS = Number(process.env.IMPORT_ROWS ?? 3_000);
const shop = "import-perf.myshopify.com";

describe("a large import", () => {
  it("dry-runs within a request and applies in the background", { timeout: 30 * 60_000 }, async () => {
    for (let from = 0; from < ROWS; from += 5000) {
      await db.member.createMany({
        data: Array.from({ length: Math.min(5000, ROWS - from) }, (_, i) => ({
          shop,
          customerId: `gid://shopify/Customer/${from + i + 1}`,
          email: `customer${from + i + 1}@example.com`,
        })),
      });
    }
    // Half the rows by email, half by customer id.
    const lines = ["email,customer_id,points,note"];
    for (let n = 1; n <= ROWS; n++)
      lines.push(n % 2 ? `Customer${n}@Example.com,,${n % 5000},` : `,${n},${n % 5000},moved`);
    const csv = lines.join("\r\n");

    let started = performance.now();
    const run = await previewImport(shop, "staff:1", "perf.csv", csv);
    const dryRun = performance.now() - started;
    expect(run).toMatchObject({ total: ROWS, valid: ROWS, lookups: 0 });

    await applyImport(shop, run.id, "staff:1");
    started = performance.now();
    let turns = 0;
    let importing = 0;
    // The worker as in production, its balance syncs a no-op here (they call Shopify there).
    const handlers = {
      [IMPORT_BALANCES]: async (...a: Parameters<typeof runImportBalances>) => {
        const turn = performance.now();
        await runImportBalances(...a);
        importing += performance.now() - turn;
        turns++;
      },
      [SYNC_MEMBER]: async () => {},
    };
    while ((await importRun(shop, run.id)).status !== "done") await runDueJobs(handlers);
    const apply = performance.now() - started;
    console.info(
      `${ROWS} rows on ${process.env.DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : "SQLite"}: ` +
        `dry run ${(dryRun / 1000).toFixed(2)} s (${(csv.length / 1e6).toFixed(1)} MB); ` +
        `import turns ${(importing / 1000).toFixed(1)} s in ${turns} turns, ` +
        `${(apply / 1000).toFixed(1)} s with the worker also clearing the ${ROWS} balance syncs it queued`,
    );
    expect((await importRun(shop, run.id)).applied).toBe(ROWS);
  });
});
