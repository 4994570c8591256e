// Import rows that name only an email no member has, on each database, against the emulator's
// Admin API over HTTP: the dry run counts them without calling Shopify; the job looks them up
// before each batch's transaction and enrols the one customer with that email, reports none or
// several as the row's problem, waits out throttling, and on a failure leaves the batch undone
// for the job's retry, so nothing is applied or reported twice.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator/http/server.ts";
import { emulatorControl } from "../../test/emulator-control";
import { startRoutedEmulator } from "../../test/routed-emulator";
import { installOfflineSession } from "../../test/shopify";
import db from "../db.server";
import { runDueJobs } from "../jobs/worker.server";
import { SYNC_MEMBER } from "../points/ledger.server";
import {
  applyImport,
  IMPORT_BALANCES,
  importRun,
  previewImport,
  runImportBalances,
  runImportTurn,
} from "./import.server";

const ACTOR = "staff:7";
const handlers = { [IMPORT_BALANCES]: runImportBalances, [SYNC_MEMBER]: async () => {} };

let emulator: Emulator;
let shop: string;

const control = (pathname: string, body?: unknown, method?: string) =>
  emulatorControl(emulator.url)(pathname, body, method);
const faults = (list: unknown[]) => control("/admin-faults", { faults: list }, "PUT");

/** A Shopify customer (not a member); their GID. */
async function customer(email: string): Promise<string> {
  return (await control(`/shops/${shop}/customers`, { email, firstName: email.split("@")[0] })).gid as string;
}

const memberOf = (customerId: string) => db.member.findUnique({ where: { shop_customerId: { shop, customerId } } });
const importEntries = (runId: string) =>
  db.ledgerEntry.findMany({ where: { shop, key: { startsWith: `import:${runId}:` } }, orderBy: { key: "asc" } });

async function queued(csv: string) {
  const run = await previewImport(shop, ACTOR, "lookups.csv", csv);
  await applyImport(shop, run.id, ACTOR);
  return run;
}

beforeAll(async () => {
  emulator = await startRoutedEmulator();
});

afterAll(() => emulator.close());

beforeEach(async () => {
  await db.job.deleteMany();
  const created = await control("/shops", { name: `Lookup ${Math.random().toString(36).slice(2, 8)}`, openApp: false });
  shop = created.shop.domain;
  await installOfflineSession(shop, created.app.accessToken);
});

afterEach(() => faults([]));

describe("rows naming an email no member has", () => {
  it("are counted by the dry run without calling Shopify, and enrolled by the job with their points", async () => {
    const ana = await customer("ana@example.com");
    const bo = await customer("bo@example.com");
    await db.member.create({ data: { shop, customerId: bo, email: "bo@example.com", available: 5 } });
    const csv = [
      "email,customer_id,points,note",
      "Ana@Example.com,,250,from Smile", // row 2: a customer, not a member: looked up
      "bo@example.com,,40,", // row 3: a member
      "ana@example.com,,5,", // row 4: the same email again
      "nobody@example.com,,9,", // row 5: no customer has it
    ].join("\n");

    // Any Admin call from the dry run would fail here.
    await faults([{ field: "customers", mode: "server-error" }]);
    const run = await previewImport(shop, ACTOR, "lookups.csv", csv);
    await faults([]);
    expect(run).toMatchObject({ status: "previewed", total: 4, valid: 3, lookups: 2 });
    expect(run.errors).toEqual([{ row: 4, field: "customer", message: "transfer.rowError.duplicate" }]);
    expect(await memberOf(ana)).toBeNull();

    await applyImport(shop, run.id, ACTOR);
    await runDueJobs(handlers);
    expect(await importRun(shop, run.id)).toMatchObject({
      status: "done",
      processed: 4,
      applied: 2,
      skipped: 2,
      lookups: 2,
      errors: [
        { row: 4, field: "customer", message: "transfer.rowError.duplicate" },
        { row: 5, field: "email", message: "transfer.rowError.noCustomer" },
      ],
    });
    expect(await memberOf(ana)).toMatchObject({ email: "ana@example.com", status: "active", available: 250 });
    expect((await memberOf(bo))!.available).toBe(45);
    expect((await importEntries(run.id)).map((e) => [e.key, e.available, e.note])).toEqual([
      [`import:${run.id}:2`, 250, "from Smile"],
      [`import:${run.id}:3`, 40, null],
    ]);
    expect(await db.member.count({ where: { shop } })).toBe(2);
  });

  it("reports an email two Shopify customers answer to, enrolling neither", async () => {
    const first = await customer("twin@example.com");
    const second = await customer("other@example.com");
    // Shopify keeps emails unique; the emulator's update doesn't check, which stands in here for
    // whatever makes a search answer two customers with one address.
    await control(`/shops/${shop}/customers/${encodeURIComponent(second)}`, { email: "Twin@Example.com" }, "PATCH");
    const run = await queued("email,points\ntwin@example.com,10\nother@example.com,3");
    expect(run).toMatchObject({ valid: 2, lookups: 2 });

    expect(await runImportTurn(shop, run.id)).toBe(true);
    expect(await importRun(shop, run.id)).toMatchObject({
      status: "done",
      applied: 0,
      skipped: 2,
      errors: [
        { row: 2, field: "email", message: "transfer.rowError.ambiguousEmail" },
        { row: 3, field: "email", message: "transfer.rowError.noCustomer" },
      ],
    });
    expect(await memberOf(first)).toBeNull();
    expect(await memberOf(second)).toBeNull();
  });

  it("fails the turn when Shopify fails, and the retried job applies and reports each row once", async () => {
    const ana = await customer("ana@example.com");
    const bo = await customer("bo@example.com");
    const run = await queued(
      [
        "email,customer_id,points",
        `,${ana},10`, // row 2: by customer id, no lookup
        "bo@example.com,,20", // row 3: looked up
        "zed@example.com,,1", // row 4: no such customer
      ].join("\n"),
    );

    // One row a batch: the first applies, the second's lookup fails before its transaction.
    await faults([{ field: "customers", mode: "server-error", times: 1 }]);
    await expect(runImportTurn(shop, run.id, { batch: 1 })).rejects.toThrow();
    expect(await importRun(shop, run.id)).toMatchObject({ status: "running", processed: 1, applied: 1, errors: [] });
    expect(await memberOf(bo)).toBeNull();

    // Through the worker: the job fails, is kept for a retry, and its retry finishes the run.
    await faults([{ field: "customers", mode: "server-error", times: 1 }]);
    await runDueJobs(handlers);
    expect(await db.job.findFirstOrThrow({ where: { shop, kind: IMPORT_BALANCES } })).toMatchObject({
      status: "queued",
      attempts: 1,
    });
    expect(await importRun(shop, run.id)).toMatchObject({ status: "running", processed: 1, errors: [] });
    await db.job.updateMany({ where: { shop }, data: { runAt: new Date() } });
    await runDueJobs(handlers);

    const noCustomer = { row: 4, field: "email", message: "transfer.rowError.noCustomer" };
    const done = { status: "done", processed: 3, applied: 2, skipped: 1, errors: [noCustomer] };
    expect(await importRun(shop, run.id)).toMatchObject(done);
    expect((await memberOf(ana))!.available).toBe(10);
    expect((await memberOf(bo))!.available).toBe(20);
    expect(await importEntries(run.id)).toHaveLength(2);

    // A replay of the whole run (rewound to its start) moves no balance and adds no problem.
    await db.importRun.update({
      where: { id: run.id },
      data: {
        status: "running",
        processed: 0,
        applied: 0,
        skipped: 0,
        csv: `email,customer_id,points\n,${ana},10\nbo@example.com,,20\nzed@example.com,,1`,
      },
    });
    await runImportTurn(shop, run.id);
    expect((await importRun(shop, run.id)).errors).toEqual([noCustomer]);
    expect((await memberOf(bo))!.available).toBe(20);
    expect(await importEntries(run.id)).toHaveLength(2);
  });

  it("lets a batch whose lease lapsed during its lookup lose to the worker that took it over", async () => {
    const bo = await customer("bo@example.com");
    const run = await queued("email,points\nbo@example.com,20\nzed@example.com,1");
    // The first worker's lookup is answered late (Shopify did it; the worker waits).
    await faults([{ field: "customers", mode: "timeout", delayMs: 500, times: 1 }]);
    const slow = runImportTurn(shop, run.id);
    while ((await control("/admin-faults")).faults.length > 0) await new Promise((r) => setTimeout(r, 10));
    // Meanwhile the second applies the batch: the first holds no transaction while it waits.
    expect(await runImportTurn(shop, run.id)).toBe(true);
    await expect(slow).rejects.toThrow(/moved on/);
    expect(await importRun(shop, run.id)).toMatchObject({
      status: "done",
      applied: 1,
      skipped: 1,
      errors: [{ row: 3, field: "email", message: "transfer.rowError.noCustomer" }],
    });
    expect((await memberOf(bo))!.available).toBe(20);
    expect(await importEntries(run.id)).toHaveLength(1);
  });

  it("waits out a throttled search and tries again; still throttled after a few tries, the turn fails", async () => {
    const bo = await customer("bo@example.com");
    const run = await queued("email,points\nbo@example.com,20");
    await faults([{ field: "customers", mode: "throttled", times: 2 }]);
    expect(await runImportTurn(shop, run.id)).toBe(true);
    expect((await memberOf(bo))!.available).toBe(20);

    const cy = await customer("cy@example.com");
    const again = await queued("email,points\ncy@example.com,30");
    await faults([{ field: "customers", mode: "throttled" }]);
    await expect(runImportTurn(shop, again.id)).rejects.toThrow(/Throttled|THROTTLED/);
    expect(await importRun(shop, again.id)).toMatchObject({ status: "queued", processed: 0, errors: [] });
    expect(await memberOf(cy)).toBeNull();
  });

  it("searches many emails in chunks of 50, each a quoted phrase with its quotes escaped", async () => {
    // The first has the search syntax's quote and escape in it, and another customer's email inside.
    const emails = ['o"dd\\c1+tag@example.com', ...Array.from({ length: 119 }, (_, i) => `c${i + 1}+tag@example.com`)];
    for (const email of emails.slice(0, 60)) await customer(email);
    const cell = (email: string) => `"${email.replace(/"/g, '""')}"`;
    const run = await queued(["email,points", ...emails.map((email, i) => `${cell(email)},${i + 1}`)].join("\n"));
    expect(run).toMatchObject({ valid: 120, lookups: 120 });
    expect(await runImportTurn(shop, run.id)).toBe(true);
    const done = await importRun(shop, run.id);
    expect(done).toMatchObject({ status: "done", applied: 60, skipped: 60 });
    expect(done.errors).toHaveLength(60);
    expect(done.errors.every((e) => e.message === "transfer.rowError.noCustomer" && e.row > 61)).toBe(true);
    const total = await db.member.aggregate({ where: { shop }, _sum: { available: true } });
    expect(total._sum.available).toBe((60 * 61) / 2);
    expect(await db.member.count({ where: { shop, email: emails[0] } })).toBe(1);
  });
});
